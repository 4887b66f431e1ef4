"""Run the CLI as a real child and check what it left behind: exit, JSON, stray processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# Every process a fault test starts carries this variable; whatever still has it afterwards leaked.
MARK = "HWPROBE_FAULT_RUN"


def base_env(**extra: str) -> dict[str, str]:
    """The environment of a `python -m hwprobe` child: this checkout on the path, no debug, a run mark."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + [p for p in [env.get("PYTHONPATH", "")] if p])
    for name in ("HWPROBE_DEBUG", "NO_COLOR"):
        env.pop(name, None)
    env[MARK] = uuid.uuid4().hex
    env.update(extra)
    return env


def with_path_first(env: dict[str, str], *dirs: os.PathLike[str] | str) -> dict[str, str]:
    """Put `dirs` first on PYTHONPATH: the parent's metadata scan and every child see them."""
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join([*(str(d) for d in dirs), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


@dataclass
class Run:
    """One finished CLI run."""

    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    mark: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout)

    def framework(self, name: str) -> dict[str, Any]:
        return next(f for f in self.json()["frameworks"] if f["name"] == name)

    def findings(self, code: str | None = None) -> list[dict[str, Any]]:
        return [f for f in self.json()["findings"] if code is None or f["code"] == code]

    def stderr_lines(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.strip()]


def hwprobe(*args: str, env: Mapping[str, str] | None = None, timeout: float = 300,
            cwd: str | os.PathLike[str] | None = None, python: str = PYTHON,
            preexec_fn=None) -> Run:  # noqa: ANN001
    """`python -m hwprobe ARGS` as a real process; bytes decoded leniently (the output is under test)."""
    env = dict(env) if env is not None else base_env()
    env.setdefault(MARK, uuid.uuid4().hex)
    argv = [python, "-m", "hwprobe", *args]
    start = time.monotonic()
    res = subprocess.run(argv, capture_output=True, env=env, timeout=timeout, cwd=cwd,
                         stdin=subprocess.DEVNULL, preexec_fn=preexec_fn)
    return Run(argv, res.returncode, res.stdout.decode("utf-8", "replace"), res.stderr.decode("utf-8", "replace"),
               time.monotonic() - start, env[MARK])


def default_sigint() -> None:
    """preexec_fn: SIGINT as a terminal delivers it. A child of a background job or of a pytest-xdist
    worker inherits SIGINT *ignored*, and Python then never raises KeyboardInterrupt."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_hwprobe(*args: str, env: Mapping[str, str], cwd: str | None = None, stderr=subprocess.PIPE  # noqa: ANN001
                  ) -> subprocess.Popen[bytes]:
    return subprocess.Popen([PYTHON, "-m", "hwprobe", *args], env=dict(env), cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=stderr, preexec_fn=default_sigint)


def alive(pid: int) -> bool:
    """True while `pid` runs; a zombie (dead, not yet reaped by a container's pid 1) counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def wait_gone(pids: Iterable[int], within: float = 10.0) -> list[int]:
    """The pids still alive after `within` seconds (a killed process needs a moment to vanish)."""
    pids = list(pids)
    deadline = time.monotonic() + within
    while True:
        left = [p for p in pids if alive(p)]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def marked_processes(mark: str) -> list[int]:
    """Pids of live processes whose environment carries this run's mark (needs /proc; Linux)."""
    out = []
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"{MARK}={mark}".encode() in environ.split(b"\0") and alive(int(entry.name)):
            out.append(int(entry.name))
    return out


def leftovers(mark: str, within: float = 10.0, ignore: Iterable[int] = ()) -> list[int]:
    """Processes of a finished run (but `ignore`) still alive after `within` seconds: leaks."""
    if not Path("/proc/self/environ").exists():
        return []
    ignore = set(ignore)
    deadline = time.monotonic() + within
    while True:
        left = [p for p in marked_processes(mark) if p not in ignore]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def read_pids(folder: Path) -> dict[str, int]:
    """name -> pid from the *.pid files fakes leave behind."""
    return {p.stem: int(p.read_text().strip()) for p in sorted(folder.glob("*.pid")) if p.read_text().strip()}


def wait_for_files(folder: Path, names: Iterable[str], within: float = 120.0) -> None:
    deadline = time.monotonic() + within
    names = list(names)
    while not all((folder / n).exists() and (folder / n).read_text().strip() for n in names):
        if time.monotonic() > deadline:
            raise TimeoutError(f"never appeared in {folder}: {names}")
        time.sleep(0.05)


def one_line_error(run: Run, code: int = 2) -> str:
    """Assert the CLI failed with `code`, one line on stderr, no traceback, nothing on stdout; return the line."""
    lines = run.stderr_lines()
    assert run.returncode == code, (run.returncode, run.stderr[-2000:])
    assert len(lines) == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert lines[0].startswith("hwprobe: "), lines[0]
    assert run.stdout == "", run.stdout[:500]
    return lines[0]
