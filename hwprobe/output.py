"""Writing results: stdout, or a file replaced atomically so a failed write never leaves half a report."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from hwprobe.errors import OutputError


def check_writable(path: str) -> None:
    """Fail before the work, not after it: --output must name a file in a writable directory."""
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"--output {path}: is a directory")
    parent = p.parent if str(p.parent) else Path(".")
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


def write_atomic(path: str, text: str) -> None:
    """Temp file in the same directory, fsync, rename over the target: all or nothing."""
    p = Path(path)
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


def emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
