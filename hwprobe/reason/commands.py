"""Exact command lines for this environment: the installer the user already uses."""

from __future__ import annotations

from hwprobe.facts import Facts


def pip(facts: Facts | None, *args: str) -> str:
    """`python -m pip install ...`, or `uv pip install ...` in a uv-made environment."""
    manager = facts.host.python.env_manager if facts else None
    if manager == "uv":
        return " ".join(("uv", "pip", *args))
    return " ".join(("python", "-m", "pip", *args))


def python(facts: Facts | None, code: str, *flags: str) -> str:
    """A one-line `python -c` command, quoted for the user's shell (PowerShell / cmd on Windows)."""
    quote = '"' if facts and facts.host.os == "windows" else "'"
    inner = code.replace('"', '\\"') if quote == '"' else code
    return " ".join(("python", *flags, "-c", f"{quote}{inner}{quote}"))
