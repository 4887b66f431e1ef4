"""In a venv with only the base install, both frameworks are not_installed and advice is given; exit 0."""

from __future__ import annotations

import json
import subprocess




def test_base_only_venv_reports_not_installed_with_install_advice(base_venv, validate):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    res = subprocess.run([str(base_venv), "-m", "hwprobe", "doctor", "--json", "--no-bench"], capture_output=True,
                         text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    validate(report)
    statuses = {f["name"]: f["status"] for f in report["frameworks"]}
    assert statuses == {"torch": "not_installed", "tensorflow": "not_installed"}
    assert {c["state"] for c in report["matrix"]} == {"not_installed"}
    advised = {a["framework"] for a in report["advice"]}
    assert advised == {"torch", "tensorflow"}
    assert all(a["commands"] for a in report["advice"])
    assert "torch" not in report["packages"]


def test_base_only_venv_text_report_names_the_install_commands(base_venv):
    res = subprocess.run([str(base_venv), "-m", "hwprobe", "doctor", "--no-bench"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, timeout=300, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    assert "not installed" in res.stdout and "pip install" in res.stdout
