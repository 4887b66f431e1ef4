"""The CLI contract: exit codes, one-line errors, no tracebacks, output files."""

from __future__ import annotations

import json

import pytest
from conftest import cli_env, needs_torch, run_cli

USAGE_ERRORS = [
    (["doctor", "--bogus"], "No such option"),
    (["doctor", "--require", "torch"], "expected FRAMEWORK:DEVICE"),
    (["doctor", "--require", "jax:cuda"], "unknown framework"),
    (["doctor", "--require", "torch:gpu0"], "unknown device"),
    (["doctor", "--format", "xml"], "--format"),
    (["doctor", "--probe-timeout", "0"], "--probe-timeout"),
    (["doctor", "--probe-timeout", "soon"], "--probe-timeout"),
    (["doctor", "--framework", "jax"], "unknown framework"),
    (["doctor", "--framework", ","], "at least one"),
    (["doctor", "--output", "/nonexistent-dir/report.json"], "does not exist"),
    (["doctor", "--replay", "/nonexistent-recording"], "not a recording"),
    (["no-such-command"], "No such command"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_bad_input_is_one_line_on_stderr_with_exit_2(args, message):
    res = run_cli(*args)
    assert res.returncode == 2, (res.returncode, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert message in lines[0] and lines[0].startswith("hwprobe: error:")
    assert res.stdout == ""


def test_debug_mode_shows_the_traceback():
    res = run_cli("doctor", "--output", "/nonexistent-dir/r.json", env=cli_env(HWPROBE_DEBUG="1"))
    assert res.returncode != 0 and "Traceback" in res.stderr


@pytest.mark.parametrize("where", ["locked-dir", "proc"])
def test_an_output_directory_that_is_not_writable_is_a_usage_error_before_any_work(tmp_path, where):
    if where == "proc":
        target = "/proc/hwprobe-report.json"  # a pseudo-filesystem: no one may create files, root included
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = str(locked / "r.json")
    res = run_cli("doctor", "--output", target, timeout=60)
    if where == "locked-dir" and res.returncode == 0:
        pytest.skip("running as root: directory permissions are not enforced")
    assert res.returncode == 2 and "not writable" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_help_and_version_exit_0():
    for args in (["--help"], ["doctor", "--help"], []):
        res = run_cli(*args)
        assert res.returncode == 0, (args, res.stderr)
        assert "doctor" in res.stdout
    res = run_cli("--version")
    assert res.returncode == 0 and res.stdout.startswith("hwprobe ")


def test_help_does_not_import_anything_heavy():
    code = ("import sys; from hwprobe.cli import main; "
            "rc = main(['--help']); "
            "heavy = sorted(m for m in ('torch', 'tensorflow', 'numpy', 'psutil', 'cpuinfo', 'jsonschema', "
            "'hwprobe.doctor', 'hwprobe.probes.runner', 'hwprobe.reason') if m in sys.modules); "
            "print('HEAVY', heavy, file=sys.stderr)")
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=120)
    assert "HEAVY []" in res.stderr, res.stderr


def test_output_file_gets_the_report_and_stdout_stays_empty(tmp_path, validate):
    out = tmp_path / "report.json"
    res = run_cli("doctor", "--json", "--no-bench", "--framework", "torch", "--output", str(out))
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    validate(json.loads(out.read_text()))
    assert not [p for p in tmp_path.iterdir() if p.name != "report.json"], "temp files left behind"


@needs_torch
def test_a_passing_gate_exits_0_and_a_failing_gate_exits_1():
    ok = run_cli("doctor", "--json", "--no-bench", "--framework", "torch", "--require", "torch:cpu")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["gates"] == [
        {"requirement": "torch:cpu", "passed": True, "reason": json.loads(ok.stdout)["gates"][0]["reason"]}]
    bad = run_cli("doctor", "--json", "--no-bench", "--framework", "torch", "--require", "torch:cuda")
    assert bad.returncode == 1
    gate = json.loads(bad.stdout)["gates"][0]
    assert gate["passed"] is False and "no cuda device" in gate["reason"]


def test_python_dash_m_hwprobe_is_the_same_cli():
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "hwprobe", "--version"], capture_output=True, text=True,
                         env=cli_env(), timeout=60)
    assert res.returncode == 0 and res.stdout.startswith("hwprobe ")
