"""A framework that crashes, hangs, spews garbage or lies is a finding; the doctor goes on (real processes).

Each fault of tests/faults/frameworks.py runs in the torch slot with the next fault in the
TensorFlow slot, so every fault is seen by both probes and every run proves that one broken
framework does not hide the other.
"""

from __future__ import annotations

import os

import pytest
from conftest import HAS_TF
from faults.frameworks import ESCAPING, FAULTS, FAULTS_BY_NAME, REPORT_FD
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


def test_a_grandchild_that_leaves_the_process_group_dies_with_its_probe(faultbed, validate, request):
    """Daemonizing libraries: torch's fake starts a grandchild in its own session and one with an empty
    environment, then hangs; TensorFlow's starts a daemon (double fork, setsid), whose parent exits at
    once, then exits itself. The group kill reaches none of them."""
    faultbed.frameworks({"torch": ESCAPING["setsid-grandchildren-then-hang"], "tensorflow": ESCAPING["daemon-then-exit"]})
    run = faultbed.doctor("--json", "--no-bench", "--probe-timeout", str(HANG_TIMEOUT))
    pids = faultbed.pids()
    try:
        assert run.returncode == 0, run.stderr[-3000:]
        validate(run.json())
        said = [_check_slot(run, "torch", ESCAPING["setsid-grandchildren-then-hang"], pids),
                _check_slot(run, "tensorflow", ESCAPING["daemon-then-exit"], pids)]
        assert run.seconds < HANG_TIMEOUT + MARGIN, f"{run.seconds:.0f} s: an escaped grandchild held the doctor"
        faultbed.assert_nothing_left(run)
    finally:
        _kill_left(pids)
    observe(request, f"exit 0 in {run.seconds:.1f} s; " + "; ".join(said) + "; killed: the setsid grandchild and the "
                     "one with an empty environment (found under the hung probe before its kill), the daemon (re-parented "
                     "to the doctor, a child subreaper, and found by the mark in its environment); no process left")


def _kill_left(pids: dict[str, int]) -> None:
    """Clean up after a failed assertion: a leak must not outlive the test."""
    import signal

    for pid in pids.values():
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# Contained children (LiveIO.probe's) in a child subreaper, as `python -m hwprobe` is (sense/subreaper.py).
_REAPER_SCRIPT = """
import json, os, subprocess, sys, time
from hwprobe.sense import proc, subreaper
piddir = sys.argv[1]
assert subreaper.become_subreaper() and subreaper.is_subreaper()
def pid(name):
    path = os.path.join(piddir, name)
    deadline = time.monotonic() + 30
    while not (os.path.exists(path) and open(path).read().strip()):
        assert time.monotonic() < deadline, name
        time.sleep(0.01)
    return int(open(path).read())
def daemon(tag, env=None, sleep=600):
    inner = ("import subprocess, sys, os; p = subprocess.Popen([sys.executable, '-c', 'import time; "
             f"time.sleep({sleep})'], env={env!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             f"open({os.path.join(piddir, tag)!r}, 'w').write(str(p.pid)); os._exit(0)")  # a daemon closes its stdio
    return [sys.executable, "-c", "import subprocess, sys; subprocess.Popen([sys.executable, '-c', " + repr(inner)
            + "], start_new_session=True).wait()"]
def state(p):
    try:
        code = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
    return "zombie" if code in "ZX" else "alive"
out = {}
bystander = subprocess.Popen([sys.executable, "-c", "import sys, time; time.sleep(0.5); sys.exit(7)"])
proc.run_process(daemon("tool-daemon"), timeout=30)  # a driver tool's daemon: not contained
tool_daemon = pid("tool-daemon")
proc.run_process(daemon("marked"), timeout=30, contain=True)
out["marked"] = state(pid("marked"))
proc.run_process(daemon("unmarked", env={}, sleep=1), timeout=30, contain=True)
unmarked = pid("unmarked")
out["unmarked_after_its_probe"] = state(unmarked)
deadline = time.monotonic() + 30
while state(unmarked) == "alive" and time.monotonic() < deadline:
    time.sleep(0.05)
out["unmarked_dead"] = state(unmarked)
proc.run_process(["/bin/true"], timeout=30, contain=True)  # any contained child's sweep reaps the adopted dead
out["unmarked_after_next_probe"] = state(unmarked)
out["tool_daemon"] = state(tool_daemon)
out["bystander_exit"] = bystander.wait(timeout=30)
os.kill(tool_daemon, 9)
os.waitpid(tool_daemon, 0)
print(json.dumps(out))
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="child subreapers and /proc: Linux")
def test_the_doctor_reaps_what_it_adopts_and_kills_only_what_its_probes_started(tmp_path, request):
    """In a child subreaper (sense/subreaper.py) orphans are re-parented to the doctor: it must reap them
    (no zombies), kill only the descendants of its framework children that carry their mark, leave a
    driver tool's daemon running, and never reap a child of its own that it did not start (a bystander)."""
    import json
    import subprocess
    import sys

    from faults.processes import base_env

    try:
        res = subprocess.run([sys.executable, "-c", _REAPER_SCRIPT, str(tmp_path)], capture_output=True, text=True,
                             env=base_env(), timeout=120)
    finally:
        _kill_left({p.name: int(p.read_text()) for p in tmp_path.iterdir() if p.read_text().strip().isdigit()})
    assert res.returncode == 0, res.stderr[-3000:]
    got = json.loads(res.stdout)
    assert got == {"marked": "gone", "unmarked_after_its_probe": "alive", "unmarked_dead": "zombie",
                   "unmarked_after_next_probe": "gone", "tool_daemon": "alive", "bystander_exit": 7}, got
    observe(request, "a probe's daemon (double fork) with the mark: killed and reaped at once; one that emptied its "
                     "environment: left running (nothing proves it ours), a zombie once it exited, reaped by the "
                     "next probe's sweep; a driver tool's daemon: left running; the doctor's own child: its exit "
                     "code 7 intact (not reaped by the sweep)")


def test_only_the_hwprobe_process_becomes_a_child_subreaper(request):
    """`python -m hwprobe` (cli.console) adopts orphans; main() called in process (tests, embedding) leaves
    the caller's process as it was."""
    import subprocess
    import sys

    from faults.processes import base_env
    from hwprobe.cli import main
    from hwprobe.sense.subreaper import is_subreaper

    before = is_subreaper()
    assert main(["--version"]) == 0
    assert is_subreaper() == before
    code = ("import sys; from hwprobe import cli; from hwprobe.sense.subreaper import is_subreaper\n"
            "sys.argv = ['hwprobe', '--version']\nrc = cli.console()\nprint(rc, is_subreaper())")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=base_env(), timeout=60)
    expected = "True" if sys.platform.startswith("linux") else "None"
    assert res.stdout.split()[-2:] == ["0", expected], (res.stdout, res.stderr)
    observe(request, f"main() in process: subreaper {before} before and after; cli.console() (the script, "
                     f"`python -m hwprobe`): subreaper {expected}")


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
