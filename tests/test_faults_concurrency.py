"""Two doctors at once; Ctrl-C and SIGTERM mid-run: children killed (checked by pid), one line, exit
130/143, the terminal's cursor given back, nothing half-written and the old --output untouched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import HAS_TF, HAS_TORCH
from faults.frameworks import ESCAPING, FAULTS_BY_NAME
from faults.observe import observe
from faults.processes import leftovers, start_hwprobe, wait_for_files, wait_gone

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals")

OLD = '{"old": "report"}\n'
HANGING = {"torch": FAULTS_BY_NAME["hang-in-import"],
           "tensorflow": ESCAPING["grandchild-and-setsid-grandchild-then-hang"]}
RUNNING = ["torch.pid", "tensorflow.pid", "tensorflow-grandchild.pid", "tensorflow-escaped.pid"]


@pytest.mark.skipif(not (HAS_TORCH and HAS_TF), reason="needs the real torch and TensorFlow")
def test_two_doctors_at_once_both_complete_with_valid_reports(tmp_path, validate, request):
    from faults.processes import base_env

    env = base_env()
    out = tmp_path / "b.json"
    a = start_hwprobe("doctor", "--json", "--no-bench", env=env)
    b = start_hwprobe("doctor", "--json", "--no-bench", "--output", str(out), env=env)
    a_out, a_err = a.communicate(timeout=600)
    b_out, b_err = b.communicate(timeout=600)
    assert (a.returncode, b.returncode) == (0, 0), (a_err[-2000:], b_err[-2000:])
    reports = [json.loads(a_out), json.loads(out.read_text())]
    for r in reports:
        validate(r)
        assert {f["name"]: f["status"] for f in r["frameworks"]} == {"torch": "ok", "tensorflow": "ok"}
    assert b_out == b""
    assert not leftovers(env["HWPROBE_FAULT_RUN"])
    observe(request, "both exit 0 with schema-valid reports; torch and tensorflow ok in both")


def test_many_doctors_writing_one_output_file_leave_one_whole_report(faultbed, tmp_path, validate, request):
    faultbed.frameworks({"torch": FAULTS_BY_NAME["sigill"], "tensorflow": FAULTS_BY_NAME["import-error"]})
    out = tmp_path / "shared.json"
    procs = [start_hwprobe("doctor", "--json", "--no-bench", "--output", str(out), env=faultbed.env) for _ in range(4)]
    codes = [p.wait(timeout=300) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert codes == [0, 0, 0, 0]
    validate(json.loads(out.read_text()))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".shared")) == []
    observe(request, "all 4 exit 0; the file is one schema-valid report; no temp file")


def _start_hanging(faultbed, tmp_path, **kw):  # noqa: ANN001, ANN003, ANN202
    faultbed.frameworks(HANGING)
    out = tmp_path / "report.json"
    out.write_text(OLD)
    proc = start_hwprobe("doctor", "--json", "--no-bench", "--probe-timeout", "300", "--output", str(out),
                         env=faultbed.env, **kw)
    wait_for_files(faultbed.piddir, RUNNING)
    return proc, out


@pytest.mark.parametrize(("sig", "code", "word"), [(signal.SIGINT, 130, "interrupted"),
                                                   (signal.SIGTERM, 143, "terminated")], ids=["SIGINT", "SIGTERM"])
def test_a_signal_mid_run_kills_the_children_and_writes_nothing(faultbed, tmp_path, request, sig, code, word):
    proc, out = _start_hanging(faultbed, tmp_path)
    children = faultbed.pids()
    sent = time.monotonic()
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    took = time.monotonic() - sent
    lines = [ln for ln in stderr.decode().splitlines() if ln.strip()]
    assert proc.returncode == code, stderr.decode()
    assert len(lines) == 1 and word in lines[0] and "Traceback" not in stderr.decode(), stderr.decode()
    assert stdout == b""
    assert not wait_gone(children.values()), f"children still running after {sig.name}: {children}"
    assert not leftovers(faultbed.env["HWPROBE_FAULT_RUN"])
    assert out.read_text() == OLD
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert took < 30, f"{took:.0f} s from {sig.name} to exit with a 300 s probe limit"
    observe(request, f"exit {code} {took:.1f} s after {sig.name}, `{lines[0]}`; probe children, a grandchild and a "
                     f"setsid grandchild (pids {sorted(children.values())}) gone; old --output unchanged")


def test_a_doctor_killed_by_sigkill_takes_its_probe_children_with_it(faultbed, request):
    """SIGKILL (the OOM killer, `kill -9`, a CI timeout) runs no cleanup in the doctor: each probe child asked
    the kernel at its start to kill it when its parent dies (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    faultbed.frameworks({"torch": FAULTS_BY_NAME["hang-in-import"], "tensorflow": FAULTS_BY_NAME["hang-in-devices"]})
    proc = start_hwprobe("doctor", "--json", "--no-bench", "--probe-timeout", "300", env=faultbed.env)
    try:
        wait_for_files(faultbed.piddir, ["torch.pid", "tensorflow.pid", "tensorflow-in-devices.pid"])
        children = faultbed.pids()
        sent = time.monotonic()
        proc.kill()
        proc.wait(timeout=60)
        left = wait_gone(children.values(), within=5)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
        for pid in faultbed.pids().values():
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    assert proc.returncode == -signal.SIGKILL
    assert not left, f"probe children still running 5 s after the doctor's SIGKILL: {left}"
    assert not leftovers(faultbed.env["HWPROBE_FAULT_RUN"], within=1)
    observe(request, f"the doctor killed by SIGKILL while torch hung in its import and TensorFlow in its device "
                     f"listing: both probe children (pids {sorted(set(children.values()))}) gone {took:.1f} s later")


def test_ctrl_c_on_a_terminal_gives_the_cursor_back(faultbed, tmp_path, request):
    import pty

    leader, follower = pty.openpty()
    faultbed.frameworks(HANGING)
    proc = start_hwprobe("doctor", "--no-bench", "--probe-timeout", "300", env={**faultbed.env, "TERM": "xterm"},
                         stderr=follower)
    os.close(follower)
    seen = b""
    try:
        wait_for_files(faultbed.piddir, RUNNING)
        time.sleep(0.5)  # let the progress line draw
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=120)
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    hide, show = b"\x1b[?25l", b"\x1b[?25h"
    assert proc.returncode == 130
    assert hide in seen, seen[-500:]  # the progress display was live: the test can see the cursor hidden
    assert seen.rfind(show) > seen.rfind(hide), "the cursor was left hidden"
    assert b"interrupted" in seen
    observe(request, "exit 130; the progress line hid the cursor and the interrupt showed it again")


def test_kill_all_with_stop_refuses_children_started_afterwards():
    """The race Ctrl-C leaves: a probe thread about to start its child must not start it after the kill."""
    code = ("from hwprobe.sense import proc\n"
            "proc.kill_all(stop=True)\n"
            "import sys\n"
            "r = proc.run_process([sys.executable, '-c', 'print(1)'], timeout=30)\n"
            "print(r.status, r.detail)\n")
    from faults.processes import base_env

    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=base_env(), timeout=60)
    assert res.stdout.strip() == "error not started: hwprobe is stopping", res.stderr


def test_main_called_in_process_leaves_the_signal_handlers_as_it_found_them(capsys):
    from hwprobe.cli import main

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    assert main(["--version"]) == 0
    assert {s: signal.getsignal(s) for s in before} == before
