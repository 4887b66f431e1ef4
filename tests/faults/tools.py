"""Fake driver tools on PATH: `nvidia-smi`, `rocm-smi`, `rocminfo`, `sysctl`, `sw_vers`, `lspci` that
hang, fail, print garbage or print another locale's numbers, whatever their arguments.

Fault injections, not recordings: none of this output claims to come from a real tool. Each
script appends "<pid> <name> <args>" to $FAKE_TOOL_LOG first, so a test sees what was called
and can check that a hung one was killed.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

TOOLS = ("nvidia-smi", "rocm-smi", "rocminfo", "sysctl", "sw_vers", "lspci")


def _abs(program: str) -> str:
    found = shutil.which(program, path="/usr/bin:/bin")
    if not found:
        raise RuntimeError(f"{program} not found in /usr/bin:/bin")
    return found


def _bodies() -> dict[str, str]:
    sleep, head = _abs("sleep"), _abs("head")
    return {
        # exec: the hung tool is the process hwprobe started, so its pid in the log is the one to check
        "hang": f"exec {sleep} 600\n",
        "fail": "echo 'fake failure of a driver tool' >&2\nexit 3\n",
        "garbage": f"{head} -c 200000 /dev/urandom\nprintf '\\377\\376\\303\\050 not utf-8\\n'\n"
                   f"{head} -c 50000 /dev/urandom >&2\nexit 0\n",
        "huge": f"{head} -c 20000000 /dev/zero\nexit 0\n",
        # A German-locale rendering of numbers (decimal comma, dot thousands) in a CSV-like line.
        "locale": "printf '0, Fake GPU, 16.384 MiB, 1.234,5 MHz, 98,6 %%\\n'\nexit 0\n",
        "empty": "exit 0\n",
    }


BEHAVIOURS = tuple(_bodies())


def fake_tools(bindir: Path, behaviour: str, tools: tuple[str, ...] = TOOLS) -> Path:
    """Write each of `tools` into `bindir` acting out `behaviour`; returns `bindir` (for PATH)."""
    bindir.mkdir(parents=True, exist_ok=True)
    body = _bodies()[behaviour]
    for name in tools:
        script = bindir / name
        script.write_text(
            "#!/bin/sh\n"
            f'[ -n "$FAKE_TOOL_LOG" ] && echo "$$ {name} $*" >> "$FAKE_TOOL_LOG"\n'
            + body,
            encoding="utf-8",
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return bindir


def tool_calls(log: Path) -> list[tuple[int, str, str]]:
    """(pid, tool, args) of every call the fakes logged."""
    if not log.exists():
        return []
    out = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        pid, _, rest = line.partition(" ")
        name, _, args = rest.partition(" ")
        if pid.isdigit():
            out.append((int(pid), name, args))
    return out


def path_with(bindir: Path, rest: str | None = None) -> str:
    return os.pathsep.join([str(bindir), rest if rest is not None else os.environ.get("PATH", os.defpath)])
