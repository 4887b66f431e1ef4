"""Every detector on every recorded machine (tests/machines/*): the right type back, no exception, the facts its
expected.json names; the doctor replayed on it gives the expected accelerators and matrix cells.

Recordings are real machines: one recorded live with `hwprobe record`, the others rebuilt from public pastes, each
with a SOURCE.md saying where every part comes from. expected.json keys:
  host          dotted paths into HostFacts (e.g. "wsl.version", "python.is_rosetta") -> value
  accelerators  the exact list, in order; each item's keys must match ("detail_contains" is a substring check)
  matrix        "framework/device_kind" -> state
  findings      {"expected": [codes that must appear], "not_expected": [codes that must not],
                 "no_errors": true where no finding of severity error may appear}
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_cli
from hwprobe.errors import ReplayMissError
from hwprobe.facts import (
    ACCELERATOR_STATUSES, DEVICE_KINDS, Accelerator, ContainerFacts, CpuFacts, EnvironmentFacts, HostFacts,
    MemoryFacts, WslFacts,
)
from hwprobe.sense import context
from hwprobe.sense.accelerators import DETECTORS, detect_accelerators
from hwprobe.sense.cpu import detect_cpu
from hwprobe.sense.environment import detect_variables
from hwprobe.sense.host import detect_host
from hwprobe.sense.io import ReplayIO
from hwprobe.sense.memory import detect_memory
from hwprobe.sense.packages import detect_packages

MACHINES_DIR = REPO / "tests" / "machines"
MACHINES = sorted(p.name for p in MACHINES_DIR.iterdir() if (p / "host.json").is_file())
NONE = type(None)


def expected(name: str) -> dict[str, Any]:
    return json.loads((MACHINES_DIR / name / "expected.json").read_text(encoding="utf-8"))


def replay(name: str) -> ReplayIO:
    return ReplayIO(MACHINES_DIR / name)


def _dig(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if data is None:
            return None
        data = data[part]
    return data


def check_accelerator(got: dict[str, Any], want: dict[str, Any], where: str) -> None:
    for key, value in want.items():
        if key == "detail_contains":
            assert value in (got.get("detail") or ""), f"{where}: detail {got.get('detail')!r} lacks {value!r}"
        else:
            assert got.get(key) == value, f"{where}: {key} is {got.get(key)!r}, expected {value!r}"


def check_accelerators(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    assert len(got) == len(want), f"{len(got)} accelerators, expected {len(want)}: {got}"
    for i, (g, w) in enumerate(zip(got, want)):
        check_accelerator(g, w, f"accelerator {i}")


def test_there_is_a_recording_for_every_platform_the_issue_names():
    needed = ("linux-x86_64-cpu-", "linux-x86_64-cuda-h100", "windows-x86_64-cuda-", "darwin-aarch64-mps-",
              "rosetta", "linux-x86_64-rocm-", "linux-x86_64-tpu-", "wsl2", "docker", "driver460", "sm120",
              "module-not-loaded")
    for part in needed:
        assert any(part in m for m in MACHINES), f"no recording named like *{part}*"


@pytest.mark.parametrize("name", MACHINES)
def test_every_recording_says_where_it_comes_from(name):
    source = (MACHINES_DIR / name / "SOURCE.md").read_text(encoding="utf-8")
    assert "hwprobe record" in source or "https://github.com/" in source, "SOURCE.md names no source"
    if "Rebuilt by hand" in source or "rebuilt by hand" in source.lower():
        assert "What is reconstructed" in source, "a rebuilt recording must say what is reconstructed"
    assert set(expected(name)) >= {"source", "host", "accelerators", "matrix", "findings"}


def _detectors(os_: str):
    table: list[tuple[str, Any, Any]] = [
        ("host", detect_host, HostFacts), ("cpu", detect_cpu, CpuFacts), ("memory", detect_memory, MemoryFacts),
        ("packages", detect_packages, tuple), ("variables", detect_variables, dict),
        ("ci", context.detect_ci, (str, NONE)),
    ]
    if os_ == "linux":  # detect_host asks these only on Linux; elsewhere they have nothing to read
        table += [("wsl", context.detect_wsl, (WslFacts, NONE)), ("container", context.detect_container, (ContainerFacts, NONE)),
                  ("virtualization", context.detect_virtualization, (str, NONE))]
    return table


@pytest.mark.parametrize("name", MACHINES)
def test_every_detector_returns_its_fact_type_on_every_recording(name):
    os_ = expected(name)["host"]["os"]
    for label, fn, kind in _detectors(os_):
        got = fn(replay(name))  # a fresh IO each time: no detector may depend on another's reads
        assert isinstance(got, kind), f"{label} returned {type(got).__name__}"
    packages, env = detect_packages(replay(name))
    assert isinstance(packages, dict) and isinstance(env, EnvironmentFacts)
    for label, detector in DETECTORS:
        found = detector(replay(name))
        assert isinstance(found, list), f"{label} returned {type(found).__name__}"
        for acc in found:
            assert isinstance(acc, Accelerator), label
            assert acc.kind in DEVICE_KINDS and acc.status in ACCELERATOR_STATUSES, (label, acc)
            assert acc.status == "ok" or acc.detail, f"{label}: status {acc.status} without a reason"


@pytest.mark.parametrize("name", MACHINES)
def test_recording_yields_the_expected_accelerators_and_host_context(name):
    want = expected(name)
    host = detect_host(replay(name)).to_dict()
    for key, value in want["host"].items():
        assert _dig(host, key) == value, f"host.{key} is {_dig(host, key)!r}, expected {value!r}"
    accels = [a.to_dict() for a in detect_accelerators(replay(name))]
    check_accelerators(accels, want["accelerators"])


@pytest.mark.parametrize("name", MACHINES)
def test_doctor_replay_json_gives_the_expected_accelerators_and_matrix(name, validate):
    res = run_cli("doctor", "--replay", str(MACHINES_DIR / name), "--json", "--no-bench", timeout=120)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    validate(report)
    assert report["origin"] == {"kind": "replay", "detail": name}
    check_accelerators(report["accelerators"], expected(name)["accelerators"])
    cells = {f"{c['framework']}/{c['device_kind']}": c["state"] for c in report["matrix"]}
    for key, state in expected(name)["matrix"].items():
        assert cells.get(key) == state, f"matrix {key} is {cells.get(key)!r}, expected {state!r}"


def _report(name: str):
    from hwprobe.doctor import collect_facts
    from hwprobe.reason import build_report

    return build_report(collect_facts(replay(name), ("torch", "tensorflow"), 60))


@pytest.mark.parametrize("name", MACHINES)
def test_recording_yields_expected_findings(name):
    want = expected(name)["findings"]
    findings = _report(name).findings
    codes = {f.code for f in findings}
    missing = [c for c in want["expected"] if c not in codes]
    wrong = sorted(codes & set(want.get("not_expected", [])))
    assert not missing, f"findings {sorted(codes)} lack {missing}"
    assert not wrong, f"findings {wrong} must not appear here"
    if want.get("no_errors"):
        assert not [f.code for f in findings if f.severity == "error"]


@pytest.mark.parametrize("what, damage", [
    ("a command", lambda d: next((d / "commands").glob("*.json")).unlink()),
    ("a file", lambda d: next(p for p in (d / "files").rglob("*") if p.is_file()).unlink()),
    ("a listdir answer", lambda d: _edit_host(d, lambda h: h["listdir"].clear())),
], ids=["command", "file", "listdir"])
def test_replay_fails_loudly_when_a_recording_lacks_an_answer(tmp_path, what, damage):
    src = MACHINES_DIR / "linux-x86_64-cuda-v100-module-not-loaded"
    copy = tmp_path / src.name
    shutil.copytree(src, copy)
    damage(copy)
    with pytest.raises(ReplayMissError, match="has no answer for"):
        detect_accelerators(ReplayIO(copy))


def _edit_host(directory: Path, edit) -> None:  # noqa: ANN001
    path = directory / "host.json"
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
