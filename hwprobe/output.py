"""Writing results: stdout, or a file replaced atomically so a failed write never leaves half a report.

`--output` may also name something that is not a regular file (`/dev/stdout`, `/dev/null`, a FIFO):
that is written in place, never replaced, or `--output /dev/null` run as root would put a
regular file where the null device was. A symlink is followed: its target is replaced, the link kept.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from hwprobe.errors import OutputError


def _special(path: str) -> bool:
    """True for an existing target that is not a regular file (a device, a FIFO, a terminal)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _target(path: str) -> Path:
    """The file that gets replaced: a symlink's final target, so the link itself survives."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


def check_writable(path: str) -> None:
    """Fail before the work, not after it: --output must name a file in a writable directory."""
    if not path:
        raise OutputError("--output: empty file name")
    if _special(path):
        if not os.access(path, os.W_OK):
            raise OutputError(f"--output {path}: not writable")
        return
    p = _target(path)
    if p.is_dir():
        raise OutputError(f"--output {path}: is a directory")
    parent = p.parent if str(p.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"--output {path}: {parent} is not a directory")
    if not parent.is_dir():
        raise OutputError(f"--output {path}: directory {parent} does not exist")
    if p.exists() and not os.access(p, os.W_OK):
        raise OutputError(f"--output {path}: file is not writable")
    try:  # really try: permissions, read-only mounts and full disks all say no here
        fd, probe = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".probe", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"--output {path}: directory {parent} is not writable ({exc.strerror or exc})") from None


def _write_in_place(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise OutputError(f"--output {path}: {exc.strerror or exc}") from None


def write_atomic(path: str, text: str) -> None:
    """Temp file in the same directory, fsync, rename over the target: all or nothing."""
    if _special(path):
        _write_in_place(path, text)
        return
    p = _target(path)
    parent = p.parent if str(p.parent) else Path(".")
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fd = None
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if p.exists():
            try:
                os.chmod(tmp, p.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, p)
        tmp = None
    except OSError as exc:
        raise OutputError(f"--output {path}: {exc.strerror or exc}") from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def stdout_is_utf8() -> bool:
    enc = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return enc in ("utf8", "utf8sig")


def silence_stdout() -> None:
    """Point fd 1 at /dev/null, so the interpreter's last flush of a dead stdout cannot fail at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
        return
    stream = sys.stdout
    if stream is None:  # started with fd 1 closed (`hwprobe doctor >&-`)
        raise OutputError("stdout is closed: nowhere to write the report (use --output FILE)")
    # LANG=C with PYTHONUTF8=0, PYTHONIOENCODING=latin-1, a Windows console: characters the stream
    # cannot encode become "?" instead of a UnicodeEncodeError after all the work was done.
    enc = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(enc)
    except UnicodeEncodeError:
        text = text.encode(enc, errors="replace").decode(enc)
    except LookupError:
        pass
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader left (| head): the CLI treats that as success
    except OSError as exc:  # a full disk behind `> file`, /dev/full, an I/O error
        silence_stdout()
        raise OutputError(f"cannot write the report to stdout: {exc.strerror or exc}") from None
