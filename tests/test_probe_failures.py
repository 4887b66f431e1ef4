"""A framework that crashes, hangs or fails to import is a finding; the doctor goes on (real processes)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import HAS_TF, cli_env, run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals")


def fake_framework(root: Path, name: str, version: str, init: str) -> Path:
    """A real installed-looking package: <name>/__init__.py plus <name>-<version>.dist-info/METADATA."""
    pkg = root / name
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(init, encoding="utf-8")
    info = root / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (info / "INSTALLER").write_text("pip\n", encoding="utf-8")
    return root


def doctor_with(fakes: Path, *args: str):
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join([str(fakes), env["PYTHONPATH"]])
    return run_cli("doctor", "--json", "--no-bench", *args, env=env)


def test_a_framework_killed_by_sigsegv_is_reported_and_the_others_still_run(tmp_path):
    fakes = fake_framework(tmp_path, "torch", "9.9.9", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
    res = doctor_with(fakes, "--probe-timeout", "300")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    torch = next(f for f in report["frameworks"] if f["name"] == "torch")
    assert torch["status"] == "crashed" and torch["signal"] == "SIGSEGV"
    finding = next(f for f in report["findings"] if f["code"] == "framework.crashed")
    assert "SIGSEGV" in finding["message"]
    cpu_cell = next(c for c in report["matrix"] if c["framework"] == "torch" and c["device_kind"] == "cpu")
    assert cpu_cell["state"] == "broken"
    tf = next(f for f in report["frameworks"] if f["name"] == "tensorflow")
    assert tf["status"] == ("ok" if HAS_TF else "not_installed")
    assert "Traceback" not in res.stderr


def test_a_framework_that_hangs_is_killed_at_the_limit_with_no_orphan(tmp_path):
    pidfile = tmp_path / "hung.pid"
    fakes = fake_framework(tmp_path / "site", "torch", "9.9.9",
                           f"import os, time\nopen({str(pidfile)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n")
    start = time.monotonic()
    res = doctor_with(fakes, "--framework", "torch", "--probe-timeout", "3")
    elapsed = time.monotonic() - start
    assert res.returncode == 0, res.stderr
    torch = json.loads(res.stdout)["frameworks"][0]
    assert torch["status"] == "timeout"
    assert any(f["code"] == "framework.timeout" for f in json.loads(res.stdout)["findings"])
    assert elapsed < 60, f"the doctor took {elapsed:.0f} s with a 3 s probe limit"
    hung = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(hung, 0)


def test_an_import_error_is_reported_with_the_exception(tmp_path):
    fakes = fake_framework(tmp_path, "torch", "9.9.9",
                           "raise ImportError('libcudart.so.12: cannot open shared object file')\n")
    res = doctor_with(fakes, "--framework", "torch")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    torch = report["frameworks"][0]
    assert torch["status"] == "import_error"
    assert "libcudart.so.12" in torch["detail"]
    assert any(f["code"] == "framework.import_error" for f in report["findings"])


def test_a_crashed_framework_fails_the_gate_that_requires_it(tmp_path):
    fakes = fake_framework(tmp_path, "torch", "9.9.9", "import os, signal\nos.kill(os.getpid(), signal.SIGILL)\n")
    res = doctor_with(fakes, "--framework", "torch", "--require", "torch:cpu")
    assert res.returncode == 1  # the asked-for gate fails: torch does not work on the CPU
    gate = json.loads(res.stdout)["gates"][0]
    assert gate["passed"] is False and "broken" in gate["reason"]
