"""install_scripts/: install.sh runs for real here, against an interpreter stub that records what it
is asked to do (no package is downloaded); install.ps1 cannot run here (no PowerShell on this
machine, none installable from the registries this workplace reaches), so it is checked against
the advice JSON it consumes and the commands it would run."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, cli_env

from hwprobe.install_advice import document
from hwprobe.reason.platform import Platform

SH = REPO / "install_scripts" / "install.sh"
PS1 = REPO / "install_scripts" / "install.ps1"
SCHEMA = json.loads((REPO / "reports" / "advice.schema.json").read_text(encoding="utf-8"))


@pytest.fixture()
def recorder(tmp_path: Path):
    """A stand-in for the target interpreter: writes its argv, one argument per line, and succeeds
    (or fails when RECORDER_FAIL is set)."""
    log = tmp_path / "calls.log"
    stub = tmp_path / "python-stub"
    stub.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> "$REC_LOG"\necho "--" >> "$REC_LOG"\n'
                    '[ -z "$RECORDER_FAIL" ] || exit 3\n', encoding="utf-8")
    stub.chmod(0o755)
    return stub, log


def advice_file(tmp_path: Path, p: Platform, frameworks=("torch", "tensorflow")) -> Path:
    path = tmp_path / "advice.json"
    path.write_text(json.dumps(document(p, list(frameworks))), encoding="utf-8")
    return path


def run_sh(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    e = cli_env(**env)
    return subprocess.run(["bash", str(SH), *args], capture_output=True, text=True, input=stdin, env=e, timeout=300)


def calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    out, cur = [], []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line == "--":
            out.append(cur)
            cur = []
        else:
            cur.append(line)
    return out


CUDA_LINUX = Platform("linux", "x86_64", "cuda", "3.12", driver="535.104.05")


def test_install_sh_dry_run_prints_the_commands_and_runs_nothing(tmp_path, recorder):
    stub, log = recorder
    r = run_sh("--advice", str(advice_file(tmp_path, CUDA_LINUX)), "--dry-run", PYTHON=str(stub), REC_LOG=str(log))
    assert r.returncode == 0, r.stderr
    assert "python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/cu126" in r.stdout
    assert "python -m pip install 'tensorflow[and-cuda]==2.21.*'" in r.stdout
    assert "Dry run: would run 2 command(s)" in r.stdout and calls(log) == []


def test_install_sh_runs_each_command_with_the_chosen_interpreter_and_exact_arguments(tmp_path, recorder):
    stub, log = recorder
    r = run_sh("--advice", str(advice_file(tmp_path, CUDA_LINUX)), "--yes", PYTHON=str(stub), REC_LOG=str(log))
    assert r.returncode == 0, r.stderr
    got = calls(log)
    assert got == [["-m", "pip", "install", "torch==2.14.*", "--index-url", "https://download.pytorch.org/whl/cu126"],
                   ["-m", "pip", "install", "tensorflow[and-cuda]==2.21.*"]]  # quotes kept, no glob expansion
    from pip._internal.commands import create_command  # the real pip accepts these arguments

    for argv in got:
        options, args = create_command("install").parse_args(argv[3:])
        assert args and args[0].startswith(("torch", "tensorflow"))


def test_install_sh_asks_first_and_runs_nothing_without_a_yes(tmp_path, recorder):
    stub, log = recorder
    r = run_sh("--advice", str(advice_file(tmp_path, CUDA_LINUX)), stdin="n\n", PYTHON=str(stub), REC_LOG=str(log))
    assert r.returncode == 1 and "[y/N]" in r.stdout and "Nothing run." in r.stdout and calls(log) == []
    r = run_sh("--advice", str(advice_file(tmp_path, CUDA_LINUX)), stdin="y\n", PYTHON=str(stub), REC_LOG=str(log))
    assert r.returncode == 0 and len(calls(log)) == 2


def test_install_sh_stops_at_the_first_failing_command(tmp_path, recorder):
    stub, log = recorder
    r = run_sh("--advice", str(advice_file(tmp_path, CUDA_LINUX)), "--yes", PYTHON=str(stub), REC_LOG=str(log),
               RECORDER_FAIL="1")
    assert r.returncode == 1 and "failed: python -m pip install 'torch==2.14.*'" in r.stderr
    assert len(calls(log)) == 1


def test_install_sh_refuses_powershell_advice_and_documents_that_are_not_advice(tmp_path):
    r = run_sh("--advice", str(advice_file(tmp_path, Platform("windows", "x86_64", "cuda", "3.12", driver="560.94"))))
    assert r.returncode == 2 and "install.ps1" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "2"}', encoding="utf-8")
    assert run_sh("--advice", str(bad)).returncode == 2
    assert run_sh("--advice", str(tmp_path / "missing.json")).returncode == 2
    assert run_sh("--bogus").returncode == 2


def test_install_sh_with_nothing_installable_says_so_and_exits_0(tmp_path, recorder):
    stub, log = recorder
    r = run_sh("--advice", str(advice_file(tmp_path, Platform("linux", "x86_64", "cpu", "3.14"), ("tensorflow",))),
               "--yes", PYTHON=str(stub), REC_LOG=str(log))
    assert r.returncode == 0 and "Nothing to install" in r.stdout and calls(log) == []


def test_install_sh_runs_hwprobe_advise_itself(tmp_path, recorder):
    stub, log = recorder
    r = run_sh("--dry-run", "--framework", "torch", "--", "--os", "linux", "--accelerator", "cuda", "--driver", "580.65.06",
               "--python", "3.12", HWPROBE=f"{sys.executable} -m hwprobe", PYTHON=str(stub), REC_LOG=str(log))
    assert r.returncode == 0, r.stderr
    assert "python -m pip install 'torch==2.15.*' --index-url https://download.pytorch.org/whl/cu130" in r.stdout
    assert "tensorflow" not in r.stdout and calls(log) == []


# --- install.ps1 --------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("pwsh") is None, reason="no PowerShell on this machine (checked statically below)")
def test_install_ps1_dry_run_under_real_powershell(tmp_path):
    adv = advice_file(tmp_path, Platform("windows", "x86_64", "cuda", "3.10", driver="552.22"))
    r = subprocess.run(["pwsh", "-NoProfile", "-File", str(PS1), "-AdviceFile", str(adv), "-DryRun"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert 'python -m pip install "tensorflow<2.11"' in r.stdout and "Dry run: would run" in r.stdout


def test_install_ps1_reads_only_keys_the_advice_schema_defines():
    text = PS1.read_text(encoding="utf-8")
    doc_keys = set(re.findall(r"\$doc\.(\w+)", text))
    platform_keys = set(re.findall(r"\$doc\.platform\.(\w+)", text))
    advice_keys = set(re.findall(r"\$a\.(\w+)", text))
    assert doc_keys <= set(SCHEMA["properties"]) and {"schema_version", "platform", "advice"} <= doc_keys
    assert platform_keys == {"shell"} and platform_keys <= set(SCHEMA["properties"]["platform"]["properties"])
    assert advice_keys <= set(SCHEMA["properties"]["advice"]["items"]["properties"])
    assert {"commands", "notes", "framework", "accelerator"} <= advice_keys


def test_install_ps1_refuses_posix_advice_confirms_and_has_a_dry_run():
    text = PS1.read_text(encoding="utf-8")
    assert re.search(r'\$doc\.platform\.shell -ne "powershell"', text)
    params = re.search(r"param\((.*?)\n\)", text, re.S).group(1)
    for p in ("[switch]$DryRun", "[switch]$Yes", "[string]$AdviceFile", "[string]$Framework", "[string]$Python"):
        assert p in params
    dry = text.index("if ($DryRun)")
    assert dry < text.index("Read-Host") < text.index("Invoke-Expression")  # nothing runs before both gates
    assert text.count("{") == text.count("}") and text.count("(") == text.count(")")


def test_windows_advice_is_what_install_ps1_would_run():
    """The .ps1 runs each command line as written, with a leading 'python ' replaced by the chosen
    interpreter: the lines must be PowerShell-quoted (double quotes, no POSIX single quotes)."""
    doc = document(Platform("windows", "x86_64", "cuda", "3.10", driver="552.22"), ["torch", "tensorflow"])
    assert doc["platform"]["shell"] == "powershell"
    lines = [c for a in doc["advice"] for c in a["commands"]]
    assert lines == ['python -m pip install "torch==2.14.*" --index-url https://download.pytorch.org/whl/cu126',
                     'python -m pip install "tensorflow<2.11"']
    for line in lines:
        assert "'" not in line and line.startswith("python ")
        rewritten = '& "C:\\Python310\\python.exe" ' + line[len("python "):]
        assert rewritten.startswith('& "') and rewritten.endswith(line[len("python "):])
