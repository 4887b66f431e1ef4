"""Exact command lines for this environment: the installer the user already uses, quoted for their shell.

POSIX shells get single quotes; on Windows the lines are written for PowerShell (which is also what
`install.ps1` runs), with double quotes, which cmd.exe understands too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from hwprobe.facts import Facts

_SAFE_POSIX = re.compile(r"^[A-Za-z0-9_@%+=:,./-]+$")
_SAFE_PS = re.compile(r"^[A-Za-z0-9_@%+=:,./\\-]+$")


@dataclass(frozen=True)
class Shell:
    """Where a command line will be typed: the OS (windows -> PowerShell) and the package manager."""

    os: str = "linux"
    manager: str = "pip"  # pip | uv | conda

    @property
    def powershell(self) -> bool:
        return self.os == "windows"


def shell_of(obj: Facts | Any | None) -> Shell:
    """A Shell from Facts (env_manager) or from anything with `os` and `package_manager` (Platform)."""
    if obj is None:
        return Shell()
    if isinstance(obj, Facts):
        m = obj.host.python.env_manager
        # WSL runs Linux shells even though the driver is Windows'.
        return Shell(obj.host.os, m if m in ("uv", "conda") else "pip")
    return Shell(getattr(obj, "os", "linux"), getattr(obj, "package_manager", "pip") or "pip")


def quote(arg: str, sh: Shell) -> str:
    if sh.powershell:
        return arg if _SAFE_PS.match(arg) else '"' + arg.replace('"', '`"') + '"'
    return arg if _SAFE_POSIX.match(arg) else "'" + arg.replace("'", "'\"'\"'") + "'"


def line(sh: Shell, *argv: str) -> str:
    return " ".join(quote(a, sh) for a in argv)


def pip_install(sh: Shell, args: Sequence[str], upgrade: bool = False) -> str:
    """`python -m pip install ...`, or `uv pip install ...` in a uv-made environment.

    In a conda environment pip is what PyTorch (from 2.6) and TensorFlow document, so conda users
    get pip too unless a conda command exists for the release (see advice)."""
    head = ("uv", "pip", "install") if sh.manager == "uv" else ("python", "-m", "pip", "install")
    return line(sh, *head, *(("--upgrade",) if upgrade else ()), *args)


def pip_uninstall(sh: Shell, names: Sequence[str]) -> str:
    if sh.manager == "uv":
        return line(sh, "uv", "pip", "uninstall", *names)
    return line(sh, "python", "-m", "pip", "uninstall", "-y", *names)


def conda_install(sh: Shell, args: Sequence[str]) -> str:
    return line(sh, "conda", "install", "-y", *args)


def set_env(sh: Shell, name: str, value: str) -> str:
    """A variable for the commands that follow, in the user's shell."""
    return f'$env:{name} = "{value}"' if sh.powershell else f"export {name}={quote(value, sh)}"


def unset_env(sh: Shell, name: str) -> str:
    return f"Remove-Item Env:{name}" if sh.powershell else f"unset {name}"


def pip(facts: Facts | None, *args: str) -> str:
    """`python -m pip ...` (or `uv pip ...`) with the given arguments, quoted for the user's shell."""
    sh = shell_of(facts)
    head = ("uv", "pip") if sh.manager == "uv" else ("python", "-m", "pip")
    return line(sh, *head, *args)


def python(facts: Facts | None, code: str, *flags: str) -> str:
    """A one-line `python -c` command, quoted for the user's shell (PowerShell / cmd on Windows)."""
    quote_char = '"' if facts and facts.host.os == "windows" else "'"
    inner = code.replace('"', '\\"') if quote_char == '"' else code
    return " ".join(("python", *flags, "-c", f"{quote_char}{inner}{quote_char}"))
