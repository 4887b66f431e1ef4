"""Linux child subreapers (prctl(2) PR_SET_CHILD_SUBREAPER): orphaned descendants come back to us.

A daemonizing library in a framework child (double fork, setsid) leaves a process whose parent is
gone; the kernel re-parents it to the nearest ancestor that is a child subreaper, else to init, where
nothing of ours can find it. Kept apart from proc.py, and importing nothing until asked, so that the
`hwprobe` script can call it first thing and `hwprobe --help` stays fast.
"""

from __future__ import annotations

import sys

_PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h
_PR_GET_CHILD_SUBREAPER = 37


def _prctl(option: int, arg) -> int | None:  # noqa: ANN001
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(option, arg, 0, 0, 0)
    except (OSError, AttributeError, TypeError, ValueError):
        return None


def become_subreaper() -> bool:
    """Best-effort; True when this process is now a child subreaper. Only for a process that is hwprobe
    alone (it must reap what it adopts: sense/proc.py's sweep does)."""
    return _prctl(_PR_SET_CHILD_SUBREAPER, 1) == 0


def is_subreaper() -> bool | None:
    """Whether this process is a child subreaper; None where that cannot be told (not Linux)."""
    import ctypes

    if not sys.platform.startswith("linux"):
        return None
    value = ctypes.c_int(0)
    if _prctl(_PR_GET_CHILD_SUBREAPER, ctypes.byref(value)) != 0:
        return None
    return bool(value.value)
