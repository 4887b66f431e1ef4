"""A framework that crashes, hangs, spews garbage or lies is a finding; the doctor goes on (real processes).

Each fault of tests/faults/frameworks.py runs in the torch slot with the next fault in the
TensorFlow slot, so every fault is seen by both probes and every run proves that one broken
framework does not hide the other.
"""

from __future__ import annotations

import os

import pytest
from conftest import HAS_TF
from faults.frameworks import FAULTS, FAULTS_BY_NAME, PRELUDE, REPORT_FD, SLEEPER, fake_framework
from faults.observe import observe

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals and process groups")

HANG_TIMEOUT = 3  # --probe-timeout for runs with a hanging fake (each such row costs it)
MARGIN = 30  # a generous bound on the doctor's own work after the probe limit; never a tight timing
PAIRS = [(f, FAULTS[(i + 1) % len(FAULTS)]) for i, f in enumerate(FAULTS)]


def _check_slot(run, fw: str, fault, pids: dict[str, int]) -> str:  # noqa: ANN001
    got = run.framework(fw)
    for stem in fault.reaches:
        assert stem.format(fw=fw) in pids, f"{fw}: the fake never reached {stem}: {sorted(pids)}"
    assert got["status"] == fault.status, (fw, fault.name, got["status"], got["detail"])
    findings = [f for f in run.findings(fault.finding) if f["subject"] == fw]
    assert findings, (fw, fault.name, [f["code"] for f in run.findings()])
    said = findings[0]["message"] + " " + (got["detail"] or "")
    assert fault.cause in said, (fault.cause, said)
    if got["stderr_tail"]:
        assert len(got["stderr_tail"]) <= 4000
    return f"{fw}: {got['status']}, {fault.finding}: \"{_short(got['detail'])}\""


def _short(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@pytest.mark.parametrize(("torch_fault", "tf_fault"), PAIRS, ids=[f.name for f, _ in PAIRS])
def test_a_broken_framework_is_a_finding_and_the_other_is_still_reported(faultbed, validate, request, torch_fault,
                                                                         tf_fault):
    faultbed.frameworks({"torch": torch_fault, "tensorflow": tf_fault})
    limit = HANG_TIMEOUT if (torch_fault.hangs or tf_fault.hangs) else 120
    run = faultbed.doctor("--json", "--no-bench", "--probe-timeout", str(limit))
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    validate(run.json())
    pids = faultbed.pids()
    said = [_check_slot(run, "torch", torch_fault, pids), _check_slot(run, "tensorflow", tf_fault, pids)]
    assert run.seconds < limit + MARGIN, f"{run.seconds:.0f} s with a {limit} s probe limit"
    faultbed.assert_nothing_left(run)
    observe(request, f"exit 0, valid JSON in {run.seconds:.1f} s (limit {limit} s); " + "; ".join(said)
            + "; no process left")


def test_a_grandchild_that_leaves_the_process_group_cannot_hang_the_doctor(faultbed, validate, request):
    """A daemonizing library (setsid) escapes the group kill; the doctor still returns, its pipes notwithstanding."""
    code = "_spawn_sleeper('escaped', detach=True)\n_os._exit(0)\n"
    faultbed.frameworks({"torch": FAULTS_BY_NAME["sigabrt"]})
    fake_framework(faultbed.site, "tensorflow", PRELUDE + SLEEPER + code)
    run = faultbed.doctor("--json", "--no-bench", "--probe-timeout", "60")
    escaped = faultbed.pids().get("tensorflow-escaped")
    try:
        assert run.returncode == 0, run.stderr[-3000:]
        validate(run.json())
        assert run.framework("tensorflow")["status"] == "error"
        assert run.framework("torch")["signal"] == "SIGABRT"
        assert run.seconds < 60, f"{run.seconds:.0f} s: the escaped grandchild held the doctor"
        faultbed.assert_nothing_left(run, ignore=("escaped",))
        observe(request, f"exit 0 in {run.seconds:.1f} s; tensorflow: error (no report); the setsid grandchild "
                         f"{'survives' if escaped and os.path.exists(f'/proc/{escaped}') else 'is gone'}")
    finally:
        if escaped:
            try:
                os.kill(escaped, 9)
            except ProcessLookupError:
                pass


@pytest.mark.skipif(not HAS_TF, reason="needs the real TensorFlow next to the fake torch")
def test_a_framework_killed_by_sigsegv_leaves_the_real_tensorflow_working(faultbed, request):
    faultbed.frameworks({"torch": FAULTS_BY_NAME["sigsegv"]})
    run = faultbed.doctor("--json", "--no-bench", "--probe-timeout", "300")
    assert run.returncode == 0, run.stderr
    torch = run.framework("torch")
    assert torch["status"] == "crashed" and torch["signal"] == "SIGSEGV"
    assert "SIGSEGV" in run.findings("framework.crashed")[0]["message"]
    cells = {(c["framework"], c["device_kind"]): c["state"] for c in run.json()["matrix"]}
    assert cells[("torch", "cpu")] == "broken" and cells[("tensorflow", "cpu")] == "works"
    assert run.framework("tensorflow")["status"] == "ok"
    observe(request, "exit 0; torch crashed (SIGSEGV), matrix torch/cpu broken; real tensorflow ok, "
                     "tensorflow/cpu works")


def test_a_crashed_framework_fails_the_gate_that_requires_it(faultbed, request):
    faultbed.frameworks({"torch": FAULTS_BY_NAME["sigill"]})
    run = faultbed.doctor("--json", "--no-bench", "--framework", "torch", "--require", "torch:cpu")
    assert run.returncode == 1  # the asked-for gate fails: torch does not work on the CPU
    gate = run.json()["gates"][0]
    assert gate["passed"] is False and "broken" in gate["reason"]
    observe(request, "exit 1 (the gate), gate torch:cpu failed: broken")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_garbage_from_a_framework_renders_in_every_format(faultbed, request, fmt):
    faultbed.frameworks({"torch": FAULTS_BY_NAME["garbage-on-stdio"], "tensorflow": FAULTS_BY_NAME["sigill"]})
    run = faultbed.doctor("--format", fmt, "--no-bench")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "after 6 MiB of garbage" in run.stdout and "SIGILL" in run.stdout
    assert len(run.stdout) < 200_000, "the garbage went into the report"
    observe(request, f"exit 0; {fmt} report of {len(run.stdout)} characters names the import error and SIGILL")


def test_the_report_pipe_finder_of_the_fakes_works():
    """The wrong-JSON fakes depend on finding the probe's real stdout; prove it on a real pipe."""
    import subprocess
    import sys

    code = ("import os as _os, sys as _sys\n" + REPORT_FD
            + "keep = _os.dup(1); _os.dup2(2, 1)\nassert _report_fd() == keep\n_os.write(keep, b'found')\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert res.stdout == b"found", res.stderr
