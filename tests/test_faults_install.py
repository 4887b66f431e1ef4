"""install_scripts/install.sh against hostile advice: shell syntax in a command runs nothing (a
command is run as its own words, never by a shell), a missing or unreadable advice file and a PATH
without Python are one line and exit 2, Ctrl-C at the confirmation prompt runs nothing (real bash)."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from faults.hostile import IS_ROOT
from faults.observe import observe
from faults.processes import default_sigint

from conftest import REPO, cli_env

pytestmark = pytest.mark.skipif(os.name == "nt", reason="bash")

SH = REPO / "install_scripts" / "install.sh"


def _advice(tmp: Path, commands: list[str], framework: str = "torch") -> Path:
    doc = {"schema_version": "1", "platform": {"shell": "posix"},
           "advice": [{"framework": framework, "accelerator": "cpu", "commands": commands, "notes": []}]}
    path = tmp / "advice.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture()
def stub(tmp_path: Path) -> tuple[Path, Path]:
    """The target interpreter: writes its argv, one argument a line, then '--'."""
    log = tmp_path / "calls.log"
    exe = tmp_path / "python-stub"
    exe.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> {log}\necho "--" >> {log}\n')
    exe.chmod(0o755)
    return exe, log


BASH = shutil.which("bash") or "bash"


def _sh(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([BASH, str(SH), *args], capture_output=True, text=True, input=stdin,
                          env=env or cli_env(), timeout=60, cwd=str(REPO))


MARK = "HWPROBE_PWNED"  # a file the hostile commands try to create in the working directory
HOSTILE = {
    "semicolon": f"python -m pip install torch; touch {MARK}",
    "and-and": f"python -m pip install torch && touch {MARK}",
    "pipe": f"python -m pip install torch | sh -c 'touch {MARK}'",
    "command-substitution": f"python -m pip install $(touch {MARK})",
    "backquotes": f"python -m pip install `touch {MARK}`",
    "redirect": f"python -m pip install torch > {MARK}",
    "background": f"python -m pip install torch & touch {MARK}",
    "newline": f"python -m pip install torch\ntouch {MARK}",
    "variable": "python -m pip install $HOME",
    "glob": "python -m pip install torch*",
    "escape-sequence": "python -m pip install torch\x1b]0;title\x07",
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_shell_syntax_in_an_advice_command_runs_nothing(tmp_path, stub, request, case):
    exe, log = stub
    env = cli_env(PYTHON=str(exe))
    r = subprocess.run(["bash", str(SH), "--yes", "--advice", str(_advice(tmp_path, [HOSTILE[case]]))],
                       capture_output=True, text=True, env=env, timeout=60, cwd=str(tmp_path))
    assert r.returncode == 2, r.stderr
    assert "not a plain command line" in r.stderr and "bad advice JSON" in r.stderr
    assert not (tmp_path / MARK).exists() and not log.exists(), "something ran"
    observe(request, f"exit 2, `{r.stderr.strip().splitlines()[-1]}`; nothing ran, no {MARK} file")


def test_quoted_shell_syntax_is_one_literal_argument(tmp_path, stub, request):
    """What the advice says, and no more: `'torch;touch X'` quoted is one argument, handed over as is."""
    exe, log = stub
    line = f"python -m pip install 'torch; touch {MARK}' '$(touch {MARK})'"
    r = subprocess.run(["bash", str(SH), "--yes", "--advice", str(_advice(tmp_path, [line]))], capture_output=True,
                       text=True, env=cli_env(PYTHON=str(exe)), timeout=60, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert log.read_text().splitlines() == ["-m", "pip", "install", f"torch; touch {MARK}", f"$(touch {MARK})", "--"]
    assert not (tmp_path / MARK).exists()
    observe(request, "exit 0; the interpreter got `-m pip install` and the two quoted words literally; nothing else ran")


def test_a_newline_in_a_display_field_cannot_inject_a_command(tmp_path, stub, request):
    """The plan between the JSON reader and bash is one record a line: a framework name holding
    '\\ncmd\\t...\\narg\\t...' must stay text."""
    exe, log = stub
    sneaky = "torch\ncmd\ttouch X\narg\ttouch\narg\t" + str(tmp_path / MARK)
    r = subprocess.run(["bash", str(SH), "--yes", "--advice", str(_advice(tmp_path, [], framework=sneaky))],
                       capture_output=True, text=True, env=cli_env(PYTHON=str(exe)), timeout=60, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "Nothing to install" in r.stdout
    assert not (tmp_path / MARK).exists() and not log.exists()
    observe(request, "exit 0, 'Nothing to install'; the injected lines were shown as the framework's name, not run")


def _unreadable(tmp: Path) -> Path:
    path = tmp / "locked.json"
    path.write_text("{}")
    path.chmod(0)
    return path


BAD_FILES = {
    "missing": (lambda t: t / "no-such.json", "cannot read"),
    "a-directory": (lambda t: t, "bad advice JSON"),
    "empty": (lambda t: (t / "e.json", (t / "e.json").write_text(""))[0], "bad advice JSON"),
    "binary": (lambda t: (t / "b.json", (t / "b.json").write_bytes(bytes(range(256))))[0], "bad advice JSON"),
    "nested-100k-deep": (lambda t: (t / "n.json", (t / "n.json").write_text("[" * 100_000 + "]" * 100_000))[0],
                         "bad advice JSON"),
    "unreadable": (_unreadable, "cannot read"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_advice_file_is_one_line_and_exit_2(tmp_path, request, case):
    if case == "unreadable" and IS_ROOT:
        pytest.skip("root reads a mode-000 file")
    make, message = BAD_FILES[case]
    r = _sh("--yes", "--advice", str(make(tmp_path)))
    assert r.returncode == 2, r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("install.sh: ") and message in last and "Traceback" not in r.stderr, r.stderr
    assert r.stdout == ""
    observe(request, f"exit 2, `{last}`")


def test_no_python_on_path_is_one_line_and_exit_2(tmp_path, request):
    empty = tmp_path / "bin"
    empty.mkdir()
    r = _sh("--yes", "--advice", str(_advice(tmp_path, ["python -m pip install torch"])),
            env={**cli_env(), "PATH": str(empty)})
    assert r.returncode == 2
    assert r.stderr.strip() == "install.sh: no python3 or python found"
    observe(request, f"exit 2, `{r.stderr.strip()}`")


def test_ctrl_c_at_the_confirmation_prompt_runs_nothing(tmp_path, stub, request):
    exe, log = stub
    proc = subprocess.Popen(["bash", str(SH), "--advice", str(_advice(tmp_path, ["python -m pip install torch"]))],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=cli_env(PYTHON=str(exe)), cwd=str(tmp_path), preexec_fn=default_sigint)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        while b"[y/N]" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 1)
            if ready:
                seen += os.read(proc.stdout.fileno(), 4096)
        assert b"[y/N]" in seen, seen
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdin.close()
    assert proc.returncode == 130, err
    assert err.decode().strip() == "install.sh: interrupted; nothing run"
    assert not log.exists()
    observe(request, "exit 130, `install.sh: interrupted; nothing run`; the interpreter was never started")
