"""Hostile places: read-only directories, a full disk, a file-size limit (real kernel behaviour, no mocks).

As root, permissions do not stop writes, so read-only means a read-only mount (bind mount or
tmpfs, needs CAP_SYS_ADMIN); as another user, chmod does it. Where neither works the test skips.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount(*args: str) -> bool:
    try:
        return subprocess.run(["mount", *args], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def set_readonly(path: Path) -> contextlib.AbstractContextManager[None]:
    """Make an existing directory read-only now (bind-mounted read-only over itself as root, chmod otherwise)."""

    @contextlib.contextmanager
    def ctx() -> Iterator[None]:
        if IS_ROOT:
            if not _mount("--bind", str(path), str(path)):
                pytest.skip("root without mount rights: cannot make a directory read-only")
            if not _mount("-o", "remount,bind,ro", str(path)):
                _umount(path)
                pytest.skip("cannot remount read-only here")
            try:
                yield
            finally:
                _umount(path)
        else:
            mode = path.stat().st_mode
            path.chmod(0o555)
            try:
                yield
            finally:
                path.chmod(mode)

    return ctx()


@contextlib.contextmanager
def readonly_dir(path: Path) -> Iterator[Path]:
    """A new directory that nobody (root included) can write to."""
    path.mkdir(parents=True, exist_ok=True)
    with set_readonly(path):
        yield path


@contextlib.contextmanager
def full_disk(path: Path, keep: dict[str, str]) -> Iterator[Path]:
    """A tiny tmpfs at `path` holding the files in `keep`, then filled to the last byte (root only)."""
    path.mkdir(parents=True, exist_ok=True)
    if not IS_ROOT or not _mount("-t", "tmpfs", "-o", "size=64k,mode=0777", "tmpfs", str(path)):
        pytest.skip("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN); the RLIMIT_FSIZE test covers it")
    try:
        for name, text in keep.items():
            (path / name).write_text(text, encoding="utf-8")
        fd = os.open(path / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 512):
                pass
        except OSError:
            pass  # ENOSPC: full
        finally:
            os.close(fd)
        yield path
    finally:
        _umount(path)


def file_size_limit(limit: int):  # noqa: ANN201 - a preexec_fn
    """preexec_fn for a child whose files may not grow beyond `limit` bytes (writes fail with EFBIG)."""

    def apply() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the writer
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
