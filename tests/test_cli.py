"""The CLI contract: exit codes, one-line errors, no tracebacks, output files."""

from __future__ import annotations

import json

from conftest import cli_env, needs_torch, run_cli

# Bad input (every malformed option, one line, exit 2, HWPROBE_DEBUG) is the table of
# tests/faults/bad_input.py, run by tests/test_faults_bad_input.py.


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
