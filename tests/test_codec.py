"""Facts and reports survive a JSON round trip; older reports with missing keys still load."""

from __future__ import annotations

import json
import math

from hwprobe.facts import (Accelerator, CpuFacts, DeviceFacts, Facts, FrameworkFacts, HostFacts,
                           MemoryFacts, PythonFacts, SmokeResult, WslFacts)
from hwprobe.report import Finding, MatrixCell, Report


def sample_facts() -> Facts:
    return Facts(
        host=HostFacts(os="linux", arch="x86_64", python=PythonFacts("3.11.7", "CPython", "/usr/bin/python3"),
                       wsl=WslFacts(version=2, gpu_device=True)),
        cpu=CpuFacts(arch="x86_64", model="AMD EPYC", flags=("avx", "avx2")),
        memory=MemoryFacts(total_bytes=2**34),
        accelerators=(Accelerator(kind="cuda", vendor="nvidia", source="nvidia-smi", index=0, model="NVIDIA A100",
                                  compute_capability="8.0", max_cuda_supported="12.4"),),
        packages={"torch": "2.13.0+cpu"},
        frameworks=(FrameworkFacts(name="torch", status="ok", version="2.13.0+cpu", build={"cuda": None, "arch_list": []},
                                   devices=(DeviceFacts(kind="cpu", index=0, smoke=SmokeResult("ok", max_error=1e-7)),)),),
    )


def test_facts_round_trip_through_json_is_lossless():
    facts = sample_facts()
    data = json.loads(json.dumps(facts.to_dict()))
    assert Facts.from_dict(data) == facts


def test_report_round_trip_keeps_every_top_level_key():
    report = Report(facts=sample_facts(), matrix=(MatrixCell("torch", "cpu", "works", "smoke.passed", "ok"),),
                    findings=(Finding("cuda.cpu_only_build", "error", "torch", "m", fix=("pip install x",)),))
    data = json.loads(json.dumps(report.to_dict()))
    again = Report.from_dict(data)
    assert again.to_dict() == report.to_dict()
    assert {"schema_version", "host", "cpu", "memory", "accelerators", "packages", "frameworks", "matrix",
            "benchmarks", "findings", "advice", "gates"} <= set(data)


def test_unknown_keys_are_ignored_and_missing_optional_keys_default():
    data = sample_facts().to_dict()
    data["host"]["some_future_field"] = 1
    del data["host"]["kernel"]
    del data["frameworks"][0]["devices"]
    facts = Facts.from_dict(data)
    assert facts.host.kernel is None
    assert facts.frameworks[0].devices == ()


def test_non_finite_floats_become_null_so_json_stays_valid():
    smoke = SmokeResult("failed", max_error=math.nan, seconds=math.inf)
    text = json.dumps(smoke.to_dict(), allow_nan=False)
    assert json.loads(text)["max_error"] is None


def test_wrong_types_in_a_saved_report_are_rejected_not_coerced():
    data = sample_facts().to_dict()
    data["cpu"]["logical_cores"] = "lots"
    try:
        Facts.from_dict(data)
    except (TypeError, ValueError):
        return
    raise AssertionError("a string for an integer field was accepted")
