"""run_process: argv only, hard time limit, bounded output, whole process group killed."""

from __future__ import annotations

import os
import sys
import time

import pytest

from hwprobe.sense.proc import run_process, signal_name


def py(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_exit_code_and_output_are_captured():
    res = run_process(py("import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"), timeout=60)
    assert (res.status, res.returncode, res.stdout.strip(), res.stderr.strip()) == ("ok", 3, "out", "err")


def test_missing_program_is_not_found_not_an_exception():
    res = run_process(["/nonexistent/nvidia-smi", "-L"], timeout=5)
    assert res.status == "not_found" and res.returncode is None


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_death_by_signal_is_named():
    res = run_process(py("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"), timeout=60)
    assert res.status == "crashed" and res.signal == "SIGSEGV"
    assert signal_name(-4) == "SIGILL"


@pytest.mark.skipif(os.name == "nt", reason="process groups")
def test_timeout_kills_the_child_and_its_grandchildren(tmp_path):
    pidfile = tmp_path / "grandchild.pid"
    code = (
        "import subprocess, sys, time\n"
        f"p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
        f"open({str(pidfile)!r}, 'w').write(str(p.pid))\n"
        "time.sleep(300)\n"
    )
    start = time.monotonic()
    res = run_process(py(code), timeout=3)
    assert res.status == "timeout"
    assert time.monotonic() - start < 60
    grandchild = int(pidfile.read_text())
    for _ in range(50):
        try:
            os.kill(grandchild, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"grandchild {grandchild} survived the timeout")


def test_stdout_is_bounded_and_undecodable_bytes_are_replaced():
    code = "import sys; sys.stdout.buffer.write(b'\\xff\\xfe' + b'x' * 3_000_000)"
    res = run_process(py(code), timeout=60, max_stdout=1000)
    assert len(res.stdout) <= 1000 and res.stdout_truncated
    assert "\ufffd" in res.stdout


def test_stderr_keeps_the_tail():
    code = "import sys; sys.stderr.write('head ' + 'y' * 200_000 + ' THE END')"
    res = run_process(py(code), timeout=60, max_stderr=1000)
    assert res.stderr.endswith("THE END") and "head" not in res.stderr


@pytest.mark.skipif(os.name == "nt", reason="process groups and /proc environments")
def test_only_a_contained_child_carries_a_mark_and_each_its_own():
    """The mark is how a framework child's escaped descendants are told from everything else: a driver tool
    gets none, and two framework children never share one (ending one must not kill the other's)."""
    from hwprobe.sense.proc import CHILD_MARK

    show = py(f"import os; print(os.environ.get({CHILD_MARK!r}, 'none'))")
    tool = run_process(show, timeout=60)
    first, second = (run_process(show, timeout=60, contain=True) for _ in range(2))
    assert tool.stdout.strip() == "none"
    marks = [first.stdout.strip(), second.stdout.strip()]
    assert all(m != "none" for m in marks) and marks[0] != marks[1]
    assert marks[0].split(".")[0] == marks[1].split(".")[0]  # one run id per doctor: kill_all(stop) matches it
