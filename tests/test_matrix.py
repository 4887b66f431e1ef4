"""Matrix states and gates from facts built in the test (pure reasoning, no machine)."""

from __future__ import annotations

import pytest

from hwprobe.errors import UsageError
from hwprobe.facts import (Accelerator, CpuFacts, DeviceFacts, Facts, FrameworkFacts, HostFacts, MemoryFacts,
                           PythonFacts, SmokeResult)
from hwprobe.reason import build_report
from hwprobe.reason.gates import evaluate_gates, parse_requirement

OK = SmokeResult("ok", max_error=1e-7)


def facts(os_="linux", arch="x86_64", frameworks=(), accelerators=(), packages=None) -> Facts:
    return Facts(host=HostFacts(os=os_, arch=arch, python=PythonFacts("3.11.7", "CPython", "python")),
                 cpu=CpuFacts(arch=arch), memory=MemoryFacts(), accelerators=tuple(accelerators),
                 packages=packages or {}, frameworks=tuple(frameworks))


def torch(status="ok", devices=(DeviceFacts("cpu", 0, smoke=OK),), **build) -> FrameworkFacts:
    return FrameworkFacts("torch", status, version="2.13.0+cpu",
                          build={"cuda": None, "hip": None, "mps_built": False, "xpu_built": False, **build},
                          devices=tuple(devices))


def cells(report):
    return {(c.framework, c.device_kind): c for c in report.matrix}


def test_a_passing_smoke_test_is_works_and_absent_hardware_is_no_hardware():
    m = cells(build_report(facts(frameworks=[torch()])))
    assert m[("torch", "cpu")].state == "works"
    assert m[("torch", "cuda")].state == "no_hardware"
    assert m[("torch", "mps")].state == "unsupported"  # no torch build has MPS on Linux


def test_a_cpu_only_build_on_an_nvidia_machine_is_not_built():
    gpu = Accelerator(kind="cuda", vendor="nvidia", source="nvidia-smi", index=0, model="NVIDIA A100")
    m = cells(build_report(facts(frameworks=[torch()], accelerators=[gpu])))
    assert m[("torch", "cuda")].state == "not_built"


def test_a_device_whose_smoke_test_fails_is_broken_with_the_reason():
    bad = DeviceFacts("cuda", 0, name="GPU", smoke=SmokeResult("failed", detail="result differs"))
    gpu = Accelerator(kind="cuda", vendor="nvidia", source="nvidia-smi", index=0)
    report = build_report(facts(frameworks=[torch(devices=[DeviceFacts("cpu", 0, smoke=OK), bad], cuda="12.6")],
                                accelerators=[gpu]))
    cell = cells(report)[("torch", "cuda")]
    assert cell.state == "broken" and "result differs" in cell.detail
    assert any(f.code == "framework.smoke_failed" for f in report.findings)


def test_a_crashed_framework_is_broken_on_cpu_and_reported():
    crashed = FrameworkFacts("tensorflow", "crashed", version="2.21.0", signal="SIGILL", detail="killed by SIGILL")
    report = build_report(facts(frameworks=[crashed]))
    assert cells(report)[("tensorflow", "cpu")].state == "broken"
    assert cells(report)[("tensorflow", "cuda")].state == "no_hardware"
    # SIGILL on importing TensorFlow, CPU flags unknown: its usual cause (no AVX) names the crash; a generic
    # framework.crashed beside it would be a second, vaguer answer (tests/cases/cpu-avx_missing-celeron-1).
    assert [f.code for f in report.findings] == ["cpu.avx_missing"]


def test_not_installed_frameworks_get_install_advice_for_this_platform():
    absent = [FrameworkFacts("torch", "not_installed"), FrameworkFacts("tensorflow", "not_installed")]
    report = build_report(facts(frameworks=absent))
    assert {c.state for c in report.matrix} == {"not_installed"}
    commands = {a.framework: a.commands for a in report.advice}
    assert "download.pytorch.org/whl/cpu" in commands["torch"][0]
    assert "tensorflow" in commands["tensorflow"][0]


def test_tensorflow_gpu_on_native_windows_after_2_10_is_unsupported():
    tf = FrameworkFacts("tensorflow", "ok", version="2.15.0", build={"is_cuda_build": False},
                        devices=(DeviceFacts("cpu", 0, smoke=OK),))
    m = cells(build_report(facts(os_="windows", frameworks=[tf])))
    assert m[("tensorflow", "cuda")].state == "unsupported"
    tf_old = FrameworkFacts("tensorflow", "ok", version="2.10.1", build={"is_cuda_build": True},
                            devices=(DeviceFacts("cpu", 0, smoke=OK),))
    assert cells(build_report(facts(os_="windows", frameworks=[tf_old])))[("tensorflow", "cuda")].state == "no_hardware"


@pytest.mark.parametrize(("text", "expected"), [
    ("torch:cuda", ("torch", ("cuda",))),
    ("TF:GPU", ("tensorflow", ("cuda", "rocm", "mps", "xpu"))),
    ("pytorch:mps", ("torch", ("mps",))),
])
def test_requirements_parse_with_aliases(text, expected):
    assert parse_requirement(text) == expected


@pytest.mark.parametrize("text", ["torch", ":cuda", "torch:", "jax:cuda", "torch:npu", "torch:cuda:0"])
def test_malformed_requirements_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_requirement(text)


def test_gpu_gate_passes_when_any_gpu_kind_works():
    mps = DeviceFacts("mps", 0, smoke=OK)
    t = FrameworkFacts("torch", "ok", version="2.13.0", build={"mps_built": True},
                       devices=(DeviceFacts("cpu", 0, smoke=OK), mps))
    apple = Accelerator(kind="mps", vendor="apple", source="sysctl", model="Apple M2")
    report = build_report(facts(os_="darwin", arch="aarch64", frameworks=[t], accelerators=[apple]))
    (gate,) = evaluate_gates(["torch:gpu"], report.matrix)
    assert gate.passed and "mps" in gate.reason
    (gate,) = evaluate_gates(["torch:cuda"], report.matrix)
    assert not gate.passed


def test_a_broken_cell_names_the_cause_and_findings_put_causes_before_symptoms():
    # An sm_120 GPU under a cu126 build (arch list to sm_90): the smoke test fails with CUDA's multi-line error.
    err = ("RuntimeError: CUDA error: no kernel image is available for execution on the device\n"
           "CUDA kernel errors might be asynchronously reported at some other API call.")
    bad = DeviceFacts("cuda", 0, name="NVIDIA GeForce RTX 5090", capability="12.0",
                      smoke=SmokeResult("error", detail=err))
    gpu = Accelerator(kind="cuda", vendor="nvidia", source="nvidia-smi", index=0, model="NVIDIA GeForce RTX 5090",
                      compute_capability="12.0", driver_version="570.124.04", max_cuda_supported="12.8")
    fw = FrameworkFacts("torch", "ok", version="2.6.0+cu126", devices=(DeviceFacts("cpu", 0, smoke=OK), bad),
                        build={"cuda": "12.6", "hip": None, "mps_built": False, "xpu_built": False,
                               "arch_list": ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"]})
    report = build_report(facts(frameworks=[fw], accelerators=[gpu]))
    cell = cells(report)[("torch", "cuda")]
    assert cell.state == "broken" and cell.reason_code == "cuda.arch_not_in_build"
    assert "\n" not in cell.detail and "asynchronously" not in cell.detail
    codes = [f.code for f in report.findings]
    assert codes.index("cuda.arch_not_in_build") < codes.index("framework.smoke_failed")
