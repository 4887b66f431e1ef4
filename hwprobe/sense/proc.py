"""Run one child process safely: argv only, a hard time limit, bounded output, whole-group kill.

Every command and every framework probe goes through `run_process`, so a hung `nvidia-smi` or a
TensorFlow import that dies of SIGILL can never take the doctor down or leave orphans behind.
A framework child (`contain=True`) is contained further: its descendants that left its process
group (setsid, a daemon's double fork) are found through a mark in their environment and killed
with it; in a child subreaper (the `hwprobe` process: sense/subreaper.py) orphans are ours to find.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
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

# Every contained child gets CHILD_MARK=<run>.<n> in its environment, and so does everything it starts
# (environments are inherited): a process of ours carrying it descends from that child, whatever its group.
CHILD_MARK = "HWPROBE_CHILD"
_RUN = uuid.uuid4().hex[:16]  # this process's runs; a random part so that no other process can hold the mark
_seq = itertools.count(1)
_orphans_ours: bool | None = None  # _adopting(), once known


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
        _stop(proc, getattr(proc, "hwprobe_mark", None))
    if os.name != "nt":
        _sweep(lambda mark: mark.startswith(_RUN + "."))  # whatever any of our contained children left


# --- containment: what a framework child started outside its process group -------------------------


def _adopting() -> bool:
    """Orphaned descendants are re-parented to this process (it is a child subreaper: the `hwprobe` script,
    sense/subreaper.py), so the sweep finds them and must reap them. Asked once."""
    global _orphans_ours
    if _orphans_ours is None:
        from hwprobe.sense.subreaper import is_subreaper

        _orphans_ours = bool(is_subreaper())
    return _orphans_ours


def _mark_of(p) -> str | None:  # noqa: ANN001 - a psutil.Process
    try:
        return p.environ().get(CHILD_MARK)
    except Exception:  # noqa: BLE001 - psutil.Error, a zombie, another user's process: not readable, not ours
        return None


def _descendants(proc: subprocess.Popen[bytes], mark: str | None) -> list:
    """The live descendants of a child not yet reaped (so its pid is still its own), after checking that
    the pid carries the child's mark; [] if anything is unclear."""
    if mark is None or proc.returncode is not None or proc.poll() is not None:
        return []
    try:
        import psutil

        child = psutil.Process(proc.pid)
        if _mark_of(child) != mark:
            return []
        return child.children(recursive=True)
    except Exception:  # noqa: BLE001 - psutil.Error: gone meanwhile
        return []


def _kill_procs(procs: list) -> None:
    for p in procs:
        try:
            p.kill()  # psutil checks that the pid was not reused (create time) before signalling
        except Exception:  # noqa: BLE001 - psutil.NoSuchProcess, AccessDenied
            pass


def _stop(proc: subprocess.Popen[bytes], mark: str | None) -> None:
    """Kill the child's group, and the descendants of a contained child that left the group, seen while
    the child still ran (a setsid grandchild of a hung import)."""
    strays = _descendants(proc, mark) if os.name != "nt" else []
    _kill_group(proc)
    _kill_procs(strays)


def _sweep(match) -> None:  # noqa: ANN001 - Callable[[str], bool]
    """Kill this process's descendants (not children being run) whose mark matches, with everything they
    started; then reap adopted children that are dead. Costs one scan of the process table."""
    try:
        import psutil

        me = psutil.Process()
        with _live_lock:  # no child can be between Popen and _live meanwhile: a child not in _live is adopted
            live = {p.pid for p in _live}
            found = [p for p in me.children(recursive=True) if p.pid not in live]
    except Exception:  # noqa: BLE001 - psutil.Error: no process table to read
        return
    victims = [p for p in found if (m := _mark_of(p)) is not None and match(m)]
    subtree = []
    for v in victims:  # their own children, even those that cleared their environment
        try:
            subtree += v.children(recursive=True)
        except Exception:  # noqa: BLE001
            pass
    _kill_procs(victims + subtree)
    if _adopting():
        killed = {p.pid for p in victims + subtree}
        _reap(killed, time.monotonic() + 1.0)  # SIGKILLed: gone within milliseconds, unless stuck in the kernel
        _reap({p.pid for p in found} - killed, 0.0)  # adopted ones that died on their own meanwhile


def _reap(pids: set[int], until: float) -> None:
    """waitpid those of `pids` that we adopted: our children outside our process group (every child
    hwprobe starts itself is in _live or in our group: platform's `uname`, py-cpuinfo's helpers).
    Waits until `until` (a monotonic time) for those still dying."""
    mine = os.getpgrp()
    pending = set()
    for pid in pids:
        try:
            if os.getpgid(pid) != mine:
                pending.add(pid)
        except OSError:
            pass
    while pending:
        for pid in list(pending):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except OSError:  # ChildProcessError: not our child (a grandchild still attached to its parent)
                done = pid
            if done:
                pending.discard(pid)
        if not pending or time.monotonic() >= until:
            return
        time.sleep(0.01)


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
    contain: bool = False,
) -> CommandResult:
    """Run argv (never through a shell) with a hard time limit; never raises for the child's sake.

    `contain` (a framework child): also kill, when it ends, whatever it started that left its process
    group. Not for driver tools: a daemon a tool starts on purpose is not ours to kill."""
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
    mark = f"{_RUN}.{next(_seq)}" if contain and os.name != "nt" else None
    child_env = dict(env) if env is not None else None
    if mark is not None:
        child_env = {**(os.environ if child_env is None else child_env), CHILD_MARK: mark}
    try:
        # Started under the lock: every child of ours is in _live from its first instant (see _sweep).
        with _live_lock:
            if _stopping.is_set():
                return CommandResult(argv, "error", detail="not started: hwprobe is stopping")
            proc = subprocess.Popen(
                [exe, *argv[1:]],  # the resolved program, never a PATH lookup at exec time
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=child_env,
                cwd=cwd,
                **kwargs,
            )
            proc.hwprobe_mark = mark  # type: ignore[attr-defined]
            _live.add(proc)
    except FileNotFoundError:
        return CommandResult(argv, "not_found", detail=f"{argv[0]}: not found")
    except PermissionError as exc:
        return CommandResult(argv, "error", detail=f"{argv[0]}: {exc.strerror or exc}")
    except (OSError, ValueError) as exc:
        return CommandResult(argv, "error", detail=f"{argv[0]}: {exc}")

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
        _stop(proc, mark)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    except BaseException:
        _stop(proc, mark)  # Ctrl-C in the parent: the child goes too
        raise
    finally:
        _stop(proc, mark)  # what is left of its group; a contained child's escapees too, before the pipes
        if mark is not None:
            _sweep(lambda m: m == mark)
        # A grandchild that escaped everything could still hold the pipes open: don't wait forever.
        # (The readers close the pipes themselves, at EOF.)
        for t in readers:
            t.join(timeout=2)
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
