"""The README's two setup commands are the ones CI runs, and its example output is real."""

from __future__ import annotations

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = next(b.strip() for b in sh_blocks() if "pytest" in b)
    assert test_cmd in ci.splitlines()


def test_readme_quick_start_installs_and_runs_the_doctor():
    first = sh_blocks()[0].strip()
    assert "pip install" in first and first.endswith("hwprobe doctor")


def test_readme_pins_the_cpu_frameworks_ci_uses():
    test_cmd = next(b for b in sh_blocks() if "pytest" in b)
    assert "torch==2.13.0" in test_cmd and "tensorflow-cpu==2.21.0" in test_cmd
