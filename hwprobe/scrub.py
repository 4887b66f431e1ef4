"""Redaction: reports and recordings get pasted into public issue threads.

On by default in every output. Removes the home directory, user and host names, GPU UUIDs and
serial numbers, MAC and IP addresses, and token-shaped strings. Versions such as cuDNN 8.9.7.29
look like IPv4 addresses; they are kept (see _looks_like_version).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

REDACTED = "<redacted>"
# Names too common to replace everywhere they appear as words.
_COMMON_NAMES = {"root", "user", "admin", "runner", "ubuntu", "debian", "localhost", "home", "users",
                 "default", "jovyan", "vscode", "codespace", "ec2-user", "colab", "test"}

_UUID = re.compile(r"\b(?:GPU-|MIG-)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
_MAC = re.compile(r"\b[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}\b|\b[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}\b")
_IPV4 = re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])|(?<![\w:])fe80::[0-9a-fA-F:]+(?![\w:])")
_SERIAL = re.compile(r"(?i)(serial(?:\s*number)?\s*[:=]\s*)([^\s,;]+)")
_TOKENS = re.compile(
    r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|hf_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16}"
    r"|sk-[A-Za-z0-9_-]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,})\b"
)
_BEARER = re.compile(r"(?i)\b(bearer|token|api[_-]?key|password|secret)(\s*[:=]\s*|\s+)([^\s'\"]{8,})")
# Backslashes may come doubled: a Windows path inside JSON or a Python repr, as pasted from a notebook.
_HOME_PATHS = re.compile(r"(/home/|/Users/|[A-Za-z]:\\{1,2}Users\\{1,2}|[A-Za-z]:/Users/)([^/\\\s'\"]+)")
_BARE_QUAD = re.compile(r"\d+(?:\.\d+){3}")
_VERSION_CONTEXT = re.compile(r"(?i)(version|==|>=|<=|cudnn|cuda|driver|v|-|\+|nvidia\S*)\s*$")


def _looks_like_version(text: str, start: int) -> bool:
    return bool(_VERSION_CONTEXT.search(text[max(0, start - 16):start]))


@dataclass(frozen=True)
class Scrubber:
    """Knows this machine's identity (home, user, host) and removes it, and generic identifiers."""

    home: str | None = None
    user: str | None = None
    host: str | None = None
    enabled: bool = True

    @classmethod
    def from_environment(cls, env: Mapping[str, str], node: str | None, enabled: bool = True) -> "Scrubber":
        home = env.get("HOME") or env.get("USERPROFILE")
        user = env.get("USER") or env.get("USERNAME") or env.get("LOGNAME")
        return cls(home=home if home and len(home) > 1 else None, user=user or None,
                   host=node or None, enabled=enabled)

    def text(self, s: str) -> str:
        if not self.enabled or not s:
            return s
        if self.home:
            s = s.replace(self.home, "~")
            if "\\" in self.home:
                s = s.replace(self.home.replace("\\", "/"), "~")
        s = _HOME_PATHS.sub(lambda m: m.group(1) + "<user>", s)
        s = _UUID.sub("<uuid>", s)
        s = _MAC.sub("<mac>", s)
        if not _BARE_QUAD.fullmatch(s.strip()):  # a field holding only a dotted quad is a version (cuDNN)
            s = _IPV4.sub(lambda m: m.group(0) if _looks_like_version(m.string, m.start())
                          or m.group(0).startswith(("127.", "0.")) else "<ip>", s)
        s = _IPV6.sub("<ip>", s)
        s = _SERIAL.sub(lambda m: m.group(1) + REDACTED, s)
        s = _TOKENS.sub(REDACTED, s)
        s = _BEARER.sub(lambda m: m.group(1) + m.group(2) + REDACTED, s)
        for name, repl in ((self.host, "<host>"), (self.user, "<user>")):
            if name and len(name) >= 3 and name.lower() not in _COMMON_NAMES:
                s = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", repl, s)
        return s

    def data(self, obj: Any) -> Any:
        """Redact every string (keys included) in a JSON-able structure."""
        if not self.enabled:
            return obj
        if isinstance(obj, str):
            return self.text(obj)
        if isinstance(obj, dict):
            return {self.text(str(k)): self.data(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.data(v) for v in obj]
        if isinstance(obj, tuple):
            return tuple(self.data(v) for v in obj)
        return obj
