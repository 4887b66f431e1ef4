"""Run one child process safely: argv only, a hard time limit, bounded output, whole-group kill.

Every command and every framework probe goes through `run_process`, so a hung `nvidia-smi` or a
TensorFlow import that dies of SIGILL can never take the doctor down or leave orphans behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Mapping, Sequence

from hwprobe.facts import _Fact

MAX_STDOUT = 8 * 1024 * 1024  # a probe report is a few KB; garbage beyond this is dropped
MAX_STDERR = 64 * 1024  # the tail is what matters: TensorFlow's dlopen errors, the traceback
_CHUNK = 65536

_live: set[subprocess.Popen[bytes]] = set()
_live_lock = threading.Lock()
_stopping = threading.Event()  # set on Ctrl-C / SIGTERM: no new child may start, a late one is killed at once


@dataclass(frozen=True)
class CommandResult(_Fact):
    """What one child process did. `status`: ok (it ran and exited), not_found, timeout, crashed
    (killed by a signal), error (could not be started)."""

    argv: tuple[str, ...]
    status: str
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    signal: str | None = None
    duration_s: float = 0.0
    stdout_truncated: bool = False
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok" and self.returncode == 0


def signal_name(returncode: int) -> str | None:
    """A negative return code is the signal that killed the child (POSIX): -4 -> SIGILL."""
    if returncode >= 0:
        return None
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


class _Head:
    """Keeps the first `limit` bytes of a stream and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.size, self.dropped = limit, [], 0, 0

    def feed(self, chunk: bytes) -> None:
        room = self.limit - self.size
        if room > 0:
            self.parts.append(chunk[:room])
            self.size += min(room, len(chunk))
        self.dropped += max(0, len(chunk) - max(room, 0))

    def value(self) -> bytes:
        return b"".join(self.parts)


class _Tail:
    """Keeps the last `limit` bytes of a stream."""

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.size = limit, deque(), 0

    def feed(self, chunk: bytes) -> None:
        self.parts.append(chunk)
        self.size += len(chunk)
        while self.size - len(self.parts[0]) >= self.limit:
            self.size -= len(self.parts.popleft())

    def value(self) -> bytes:
        return b"".join(self.parts)[-self.limit :]


def _pump(stream, sink) -> None:
    """Read to EOF, then close. Only the reader closes its pipe: closing it under a blocked reader would
    let the fd number be reused and the reader steal another pipe's bytes."""
    try:
        fd = stream.fileno()
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            sink.feed(chunk)
    except (OSError, ValueError):
        pass
    finally:
        try:
            stream.close()
        except OSError:
            pass


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the child and everything it started (it leads its own process group)."""
    if proc.poll() is not None:
        if os.name == "nt":
            return
        # The leader is gone; its group may still hold grandchildren.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass
        return
    try:
        if os.name == "nt":
            subprocess.run(
                ["taskkill", "/T", "/F", "/PID", str(proc.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=10,
                check=False,
            )
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError, subprocess.SubprocessError):
        try:
            proc.kill()
        except OSError:
            pass


def kill_all(stop: bool = False) -> None:
    """Kill every child still running. `stop` (Ctrl-C, SIGTERM: the process is ending) also refuses
    every child asked for from now on, so a probe thread that was about to start one cannot outlive us."""
    with _live_lock:
        if stop:
            _stopping.set()
        procs = list(_live)
    for proc in procs:
        _kill_group(proc)


def resolve_command(name: str, path: str | None = None) -> str | None:
    """The absolute path of the program `name` on PATH (symlinks kept: a venv's python must stay one), or None.

    Relative PATH entries ("", ".", "bin") are skipped: they would run whatever file of that name sits
    in the working directory (Go's os/exec refuses the same since Go 1.19, "ErrDot":
    https://go.dev/blog/path-security). A name with a directory part must already be absolute.
    """
    if not name:
        return None
    if os.path.dirname(name):
        return name if os.path.isabs(name) and _runnable(name) else None
    if path is None:
        path = os.environ.get("PATH", os.defpath)
    safe = os.pathsep.join(p for p in path.split(os.pathsep) if p and os.path.isabs(p))
    if not safe:
        return None
    found = shutil.which(name, path=safe)
    return os.path.abspath(found) if found else None


def _runnable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def run_process(
    argv: Sequence[str],
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    max_stdout: int = MAX_STDOUT,
    max_stderr: int = MAX_STDERR,
) -> CommandResult:
    """Run argv (never through a shell) with a hard time limit; never raises for the child's sake."""
    argv = tuple(str(a) for a in argv)
    start = time.monotonic()
    if not argv:
        return CommandResult(argv, "error", detail="empty command")
    if _stopping.is_set():
        return CommandResult(argv, "error", detail="not started: hwprobe is stopping")
    exe = resolve_command(argv[0], (env or os.environ).get("PATH", os.defpath))
    if exe is None:
        return CommandResult(argv, "not_found", detail=f"{argv[0]}: not found")
    kwargs: dict = {}
    if os.name == "nt":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        kwargs["start_new_session"] = True  # own process group: killpg reaches grandchildren
    try:
        proc = subprocess.Popen(
            [exe, *argv[1:]],  # the resolved program, never a PATH lookup at exec time
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            **kwargs,
        )
    except FileNotFoundError:
        return CommandResult(argv, "not_found", detail=f"{argv[0]}: not found")
    except PermissionError as exc:
        return CommandResult(argv, "error", detail=f"{argv[0]}: {exc.strerror or exc}")
    except (OSError, ValueError) as exc:
        return CommandResult(argv, "error", detail=f"{argv[0]}: {exc}")

    with _live_lock:
        _live.add(proc)
        late = _stopping.is_set()
    if late:
        _kill_group(proc)
    out, err = _Head(max_stdout), _Tail(max_stderr)
    readers = [
        threading.Thread(target=_pump, args=(proc.stdout, out), daemon=True),
        threading.Thread(target=_pump, args=(proc.stderr, err), daemon=True),
    ]
    for t in readers:
        t.start()
    timed_out = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(proc)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    except BaseException:
        _kill_group(proc)  # Ctrl-C in the parent: the child goes too
        raise
    finally:
        # A grandchild that escaped the group could hold the pipes open: don't wait forever.
        # (The readers close the pipes themselves, at EOF.)
        for t in readers:
            t.join(timeout=2)
        _kill_group(proc)
        with _live_lock:
            _live.discard(proc)

    duration = time.monotonic() - start
    stdout, stderr = _decode(out.value()), _decode(err.value())
    truncated = out.dropped > 0
    if timed_out:
        return CommandResult(
            argv, "timeout", None, stdout, stderr, None, duration, truncated,
            f"no answer within {timeout:g} s; killed",
        )
    rc = proc.returncode
    sig = signal_name(rc) if rc is not None else None
    if sig:
        return CommandResult(argv, "crashed", rc, stdout, stderr, sig, duration, truncated, f"killed by {sig}")
    return CommandResult(argv, "ok", rc, stdout, stderr, None, duration, truncated)


def python_argv() -> list[str]:
    """This interpreter, for child probes: the frameworks are probed where hwprobe runs."""
    return [sys.executable]
