"""No network, nothing from the environment executed: a socket guard in the parent and every child,
a network namespace, a PATH that points into the working directory, and a static look at the source."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HAS_TF, HAS_TORCH
from faults.frameworks import FAULTS_BY_NAME
from faults.observe import observe
from faults.processes import PYTHON, REPO, base_env, hwprobe, with_path_first
from faults.tools import TOOLS

GUARD = Path(__file__).resolve().parent / "faults" / "netguard"
PACKAGE = REPO / "hwprobe"
SOURCES = sorted(PACKAGE.rglob("*.py"))
FRAMEWORK_IMPORTS = ("import torch", "import tensorflow")


def _attempts(log: Path) -> list[dict]:
    return [json.loads(ln) for ln in log.read_text().splitlines()] if log.exists() else []


def _hwprobe_frame(attempt: dict) -> dict | None:
    """The innermost stack frame in hwprobe's own code: who asked for the socket."""
    ours = [f for f in attempt["stack"] if f["file"].startswith(str(PACKAGE))]
    return ours[-1] if ours else None


def _unshare_works() -> bool:
    exe = shutil.which("unshare")
    if os.name == "nt" or not exe:
        return False
    try:
        return subprocess.run([exe, "-n", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def test_the_network_guard_catches_a_socket(tmp_path):
    """The guard itself: without this the tests below could not fail."""
    log = tmp_path / "net.log"
    env = with_path_first(base_env(NET_GUARD_LOG=str(log)), GUARD)
    res = subprocess.run([PYTHON, "-c", "import socket; socket.socket()"], env=env, capture_output=True, timeout=60)
    assert res.returncode != 0 and b"network guard" in res.stderr
    assert len(_attempts(log)) == 1


def test_the_doctor_and_its_probes_open_no_socket(faultbed, tmp_path, validate, request):
    log = tmp_path / "net.log"
    faultbed.frameworks({"torch": FAULTS_BY_NAME["import-error"], "tensorflow": FAULTS_BY_NAME["sigsegv"]})
    env = with_path_first({**faultbed.env, "NET_GUARD_LOG": str(log)}, GUARD)
    for fmt in ("json", "text", "markdown"):
        run = hwprobe("doctor", "--format", fmt, "--no-bench", env=env)
        assert run.returncode == 0, run.stderr[-2000:]
    assert _attempts(log) == []
    observe(request, "exit 0 in every format; no socket, name lookup or connection attempted by any process")


COMMANDS = {  # argv after `hwprobe` (TMP: the test's folder), with the fake frameworks on the path
    "advise": ("advise", "--json"),
    "advise-for-another-machine": ("advise", "--os", "windows", "--accelerator", "cuda", "--driver", "560.94"),
    "explain": ("explain", "TMP/paste.txt", "--format", "markdown"),
    "record": ("record", "TMP/rec"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_opens_no_socket(faultbed, tmp_path, request, command):
    """The socket guard over each command as a real process (its children too): no socket, no name lookup."""
    log = tmp_path / "net.log"
    faultbed.frameworks({"torch": FAULTS_BY_NAME["import-error"], "tensorflow": FAULTS_BY_NAME["sigsegv"]})
    (tmp_path / "paste.txt").write_text("torch 2.1.0\nRuntimeError: CUDA error: no kernel image is available for "
                                        "execution on the device\n", encoding="utf-8")
    env = with_path_first({**faultbed.env, "NET_GUARD_LOG": str(log)}, GUARD)
    run = hwprobe(*(a.replace("TMP", str(tmp_path)) for a in COMMANDS[command]), env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert _attempts(log) == [], _attempts(log)[:3]
    observe(request, "exit 0; no socket, name lookup or connection attempted by any process")


@pytest.mark.skipif(not (HAS_TORCH and HAS_TF), reason="needs the real torch and TensorFlow")
def test_the_real_frameworks_probe_without_a_network(tmp_path, validate, request):
    """Under `unshare -n` (no network at all, where this machine allows it) and the socket guard: hwprobe
    asks for nothing; any attempt comes from inside a framework's own import, is refused, and changes nothing."""
    log = tmp_path / "net.log"
    env = with_path_first(base_env(NET_GUARD_LOG=str(log)), GUARD)
    prefix = ["unshare", "-n"] if _unshare_works() else []
    res = subprocess.run([*prefix, PYTHON, "-m", "hwprobe", "doctor", "--json", "--no-bench"], env=env,
                         capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr[-2000:]
    report = json.loads(res.stdout)
    validate(report)
    assert {f["name"]: f["status"] for f in report["frameworks"]} == {"torch": "ok", "tensorflow": "ok"}
    attempts = _attempts(log)
    parent = [a for a in attempts if "hwprobe" in " ".join(a["argv"][:3]) and "-c" not in a["argv"][:2]]
    assert parent == [], parent
    by = []
    for a in attempts:
        frame = _hwprobe_frame(a)
        assert frame is not None and frame["file"].endswith(("torch_probe.py", "tf_probe.py")), a
        assert frame["code"].startswith(FRAMEWORK_IMPORTS), a  # only the framework's own import asked
        by.append(f"{a['what']} from {Path(a['stack'][-1]['file']).name} during `{frame['code']}`")
    observe(request, f"exit 0{' under unshare -n' if prefix else ''}; torch and tensorflow ok; hwprobe's own "
                     f"code opened no socket; refused inside framework imports: {'; '.join(by) or 'none'}")


def test_a_path_into_the_working_directory_runs_nothing_from_it(tmp_path, monkeypatch, request):
    from hwprobe.sense.io import LiveIO
    from hwprobe.sense.proc import resolve_command, run_process

    marker = tmp_path / "ran"
    for tool in TOOLS:
        script = tmp_path / tool
        script.write_text(f"#!/bin/sh\necho {tool} >> {marker}\n")
        script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    for path in ("", ".", ":/usr/bin", "/usr/bin::/bin", "./:/usr/bin", "bin:."):
        monkeypatch.setenv("PATH", path)
        for tool in TOOLS:
            assert LiveIO().which(tool) in (None, shutil.which(tool, path="/usr/bin:/bin") and
                                            os.path.realpath(shutil.which(tool, path="/usr/bin:/bin")))
            run_process([tool], timeout=10)
    assert resolve_command("./nvidia-smi") is None and resolve_command("nvidia-smi", "") is None
    assert not marker.exists(), marker.read_text()
    observe(request, "PATH '', '.', ':/usr/bin', '/usr/bin::/bin', './:/usr/bin', 'bin:.' with all six tools "
                     "planted in the working directory: none ran; which() found none of them")


def test_the_doctor_runs_no_tool_planted_in_its_working_directory(faultbed, tmp_path, request):
    """With '.' on PATH and all the tools in the cwd, the doctor (whose nvidia detector looks nvidia-smi up on
    PATH) runs none of them: relative PATH entries are skipped."""
    marker = tmp_path / "ran"
    work = tmp_path / "work"
    work.mkdir()
    for tool in TOOLS:
        (work / tool).write_text(f"#!/bin/sh\necho {tool} >> {marker}\n")
        (work / tool).chmod(0o755)
    faultbed.frameworks({"torch": FAULTS_BY_NAME["import-error"], "tensorflow": FAULTS_BY_NAME["sigill"]})
    run = faultbed.doctor("--json", "--no-bench", env={**faultbed.env, "PATH": ".::/usr/bin:/bin"}, cwd=str(work))
    assert run.returncode == 0, run.stderr[-2000:]
    assert not marker.exists(), marker.read_text()
    observe(request, "exit 0 with PATH '.::/usr/bin:/bin' and six planted tools in the cwd: none ran")


ESCAPES = "\x1b]0;pwned-title\x07 \x1b[2J\x1b[31m red \x9b31m \u202egnp.exe\u202c bell\x07 back\x08\x08"


def test_terminal_escapes_from_a_framework_never_reach_the_screen(faultbed, request):
    """A framework's error holding OSC (window title), CSI (clear screen, colour), a C1 CSI, a bidi override and
    backspaces: text and Markdown show them as visible escapes, JSON escapes them as JSON does."""
    from faults.frameworks import PRELUDE, fake_framework

    fake_framework(faultbed.site, "torch", PRELUDE + f"raise ImportError({ESCAPES!r})\n")
    faultbed.frameworks({"tensorflow": FAULTS_BY_NAME["sigill"]})
    seen = {}
    for fmt in ("text", "markdown", "json"):
        run = faultbed.doctor("--format", fmt, "--no-bench")
        assert run.returncode == 0, run.stderr[-2000:]
        seen[fmt] = run.stdout
    for fmt in ("text", "markdown"):
        bad = sorted({hex(ord(c)) for c in seen[fmt] if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0
                      or c in "\u202e\u202c"})
        assert bad == [], (fmt, bad)
        assert "\\x1b]0;pwned-title\\x07" in seen[fmt] and "\\u202e" in seen[fmt]
    assert json.loads(seen["json"])["frameworks"][0]["detail"].endswith(ESCAPES.rstrip())
    observe(request, "exit 0; text and Markdown hold no control character (shown as \\x1b..., \\u202e), JSON keeps "
                     "the message exactly, JSON-escaped")


# --- static: the source tree -------------------------------------------------------------------------

def _calls(tree: ast.AST):  # noqa: ANN202
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def _name(func: ast.AST) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


FORBIDDEN_CALLS = {"os.system", "os.popen", "os.execv", "os.execve", "os.execvp", "os.execvpe", "os.execl",
                   "os.execlp", "os.spawnv", "os.spawnvp", "os.spawnl", "os.spawnlp", "os.posix_spawn",
                   "os.posix_spawnp", "subprocess.getoutput", "subprocess.getstatusoutput", "pty.spawn", "eval",
                   "exec", "compile", "__import__", "asyncio.create_subprocess_shell", "pickle.loads",
                   "pickle.load", "marshal.loads", "yaml.load"}
NETWORK_MODULES = {"socket", "ssl", "urllib", "http", "requests", "httpx", "ftplib", "smtplib", "telnetlib",
                   "xmlrpc", "websocket", "websockets", "aiohttp", "urllib3", "asyncio"}
# Pure string functions inside a network package: parsing, never a connection.
NOT_NETWORK = {"urllib.parse"}
PROCESS_STARTERS = {"subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
                    "subprocess.check_output", "os.fork", "multiprocessing.Process"}


def _violations(path: Path, root: Path = REPO) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    rel = path.relative_to(root).as_posix()
    bad = []
    for call in _calls(tree):
        name = _name(call.func)
        if name in FORBIDDEN_CALLS:
            bad.append(f"{rel}:{call.lineno}: {name}")
        for kw in call.keywords:
            if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                bad.append(f"{rel}:{call.lineno}: shell=")
        if name in PROCESS_STARTERS and rel != "hwprobe/sense/proc.py":
            bad.append(f"{rel}:{call.lineno}: {name} outside sense/proc.py")
        if name.endswith((".run", "run_process")) and name not in PROCESS_STARTERS and call.args:
            first = call.args[0]
            if isinstance(first, (ast.JoinedStr, ast.BinOp)) or (
                    isinstance(first, ast.Constant) and isinstance(first.value, str)):
                bad.append(f"{rel}:{call.lineno}: a command as one string, not an argv list")
    for node in ast.walk(tree):
        mods = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        bad += [f"{rel}:{node.lineno}: imports {m}" for m in mods
                if m.split(".")[0] in NETWORK_MODULES and m not in NOT_NETWORK]
    return bad


def test_the_source_runs_nothing_through_a_shell_and_evaluates_no_text(request):
    """Every module of hwprobe/: no shell, no os.system/exec/spawn, no eval/exec/compile of text, no
    pickle, processes only through sense/proc.py, commands as argv lists, no network module imported."""
    bad = [v for path in SOURCES for v in _violations(path)]
    assert bad == []
    observe(request, f"{len(SOURCES)} modules checked: no violation")


def test_the_static_check_finds_what_it_looks_for(tmp_path):
    """The check above can fail: a module with each forbidden thing is caught on each."""
    (tmp_path / "hwprobe").mkdir()
    sample = tmp_path / "hwprobe" / "sample.py"
    sample.write_text("import os, socket, subprocess\nos.system('ls')\nsubprocess.run('ls', shell=True)\n"
                      "eval(input())\nio.run('nvidia-smi -L')\n", encoding="utf-8")
    found = _violations(sample, tmp_path)
    kinds = " ".join(found)
    for needle in ("os.system", "shell=", "eval", "argv list", "imports socket", "outside sense/proc.py"):
        assert needle in kinds, (needle, found)


def test_which_resolves_only_absolute_path_entries():
    """Review of every `which`: LiveIO.which goes through resolve_command, and so does every command run."""
    io_src = (PACKAGE / "sense" / "io.py").read_text(encoding="utf-8")
    proc_src = (PACKAGE / "sense" / "proc.py").read_text(encoding="utf-8")
    assert "resolve_command(name)" in io_src and "shutil.which(" not in io_src
    assert "exe = resolve_command(argv[0]" in proc_src
    users = sorted(str(p.relative_to(REPO)) for p in SOURCES if "shutil.which" in p.read_text(encoding="utf-8"))
    assert users == ["hwprobe/sense/proc.py"], users


def test_the_probe_bootstrap_code_is_built_from_constants():
    """`python -c <bootstrap>` is the one code string hwprobe runs: module names from PROBE_MODULES, the
    path via repr(), this process's pid as an integer; nothing from the environment goes into it."""
    from hwprobe.probes.runner import PROBE_MODULES, child_argv

    for module in PROBE_MODULES.values():
        argv = child_argv(module)
        assert argv[0] == sys.executable and argv[1] == "-c"
        compile(argv[2], "<bootstrap>", "exec")  # well-formed Python, whatever the checkout's path holds
        assert f"runpy.run_module({module!r}" in argv[2]
        assert f"die_with_parent({os.getpid()}); " in argv[2]  # armed before the module (and its framework) runs
        assert argv[2].index("die_with_parent(") < argv[2].index("runpy.run_module(")
