"""The first thing a framework child does: ask the kernel to kill it when the doctor dies.

A doctor killed by SIGKILL (the OOM killer, `kill -9`, a CI job's timeout) runs no cleanup, so
without this its probe and benchmark children would run on to their own end (a hung import: for
ever). Linux: prctl(2) PR_SET_PDEATHSIG with SIGKILL, then the check prctl(2) recommends, that the
parent did not die before the call (the signal would then never come). Elsewhere nothing is done.
Standard library only, and before any framework is imported.
"""

from __future__ import annotations

import os
import sys

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> bool:
    """True when armed. `parent` is the doctor's pid, as it started this child."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError, TypeError, ValueError):
        return False
    if os.getppid() != parent:  # the doctor is already gone: nobody is left to read this child's answer
        os._exit(1)
    return True
