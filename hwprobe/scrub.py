"""Redaction: reports and recordings get pasted into public issue threads.

On by default in every output. Removes the home directory, user and host names, GPU UUIDs and
serial numbers, MAC and IP addresses, token-shaped strings, credentials in URLs, and the values of
this environment's secret-looking variables wherever they appear (a library that dumps its
environment into stderr must not put AWS_SECRET_ACCESS_KEY into a pasted report). Versions such
as cuDNN 8.9.7.29 look like IPv4 addresses; they are kept (see _looks_like_version) unless the
field is named for an address (KUBERNETES_SERVICE_HOST=10.0.0.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dataclass_field
from typing import Any, Mapping

REDACTED = "<redacted>"
# Names too common to replace everywhere they appear as words. The environment managers are among them: an image's
# /home/venv (container-engine-accelerators#248) is no user whose name the report's "venv" would leak.
_COMMON_NAMES = {"root", "user", "admin", "runner", "ubuntu", "debian", "localhost", "home", "users",
                 "default", "jovyan", "vscode", "codespace", "ec2-user", "colab", "test",
                 "venv", "conda", "uv", "system", "env", "python", "pip"}

_UUID = re.compile(r"\b(?:GPU-|MIG-)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
_MAC = re.compile(r"\b[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}\b|\b[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}\b")
_IPV4 = re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])")
_IPV6 = re.compile(
    r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])"  # full form
    r"|(?<![\w:])(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?"
    r"|::[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)"
    r"(?:%\w+)?(?![\w:])"  # compressed (RFC 5952), with a zone: 2001:db8::1, fe80::1%eth0, ::1 (never a bare ::)
)
# user:password@ or token@ in a URL (pip index URLs, git remotes, proxies).
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@'\"]+(?::[^/\s@'\"]*)?@")
# NAME=value where NAME looks like a secret environment variable: the value goes, wherever it is.
_SECRET_ASSIGNMENT = re.compile(
    r"\b((?:AWS|AZURE|GOOGLE|GCP|GCLOUD)_[A-Z0-9_]+|[A-Z][A-Z0-9_]*(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)"
    r"[A-Z0-9_]*)(\s*[=:]\s*)"
    r"(['\"]?)([^\s'\",;]+)")
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


# Environment variable names whose values are secrets (environment.py reports them as <redacted>);
# cloud SDK variables count whole (AWS_*, AZURE_*, GOOGLE_*/GCP_*: ids, tenants and key files too).
SECRET_NAME = re.compile(r"TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|SIGNATURE",
                         re.IGNORECASE)
_CLOUD_PREFIXES = ("AWS_", "AZURE_", "ARM_CLIENT", "ARM_TENANT", "GOOGLE_", "GCP_", "GCLOUD_", "CLOUDSDK_AUTH")
_NOT_SECRET_VALUES = {"", "0", "1", "true", "false", "yes", "no", "none", "null", "auto", "default"}
# Keys of report fields that hold an address, an identifier or a secret, whatever the value looks like.
_ADDRESS_KEY = re.compile(r"(?:^|_)(?:HOST|ADDR|ADDRESS|IP|URL|URI|ENDPOINT|SERVER|PROXY)(?:$|_)", re.IGNORECASE)
_IDENTIFIER_KEY = re.compile(r"^(?:uuid|serial|serial_number|gpu_uuid|board_id|mac|mac_address)$", re.IGNORECASE)
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_MEMO_CHARS, _MEMO_ENTRIES = 200, 20_000  # text() remembers strings up to this long, this many of them
_NAME_PATTERNS = ("", "name patterns")  # the memo's key for them: no text() key is a pair starting with ""


def is_secret_name(name: str) -> bool:
    """True for variables whose values must never be shown: HF_TOKEN, AWS_SECRET_ACCESS_KEY, AZURE_CLIENT_ID..."""
    upper = name.upper()
    return bool(SECRET_NAME.search(name)) or upper.startswith(_CLOUD_PREFIXES)


def secret_values(env: Mapping[str, str]) -> tuple[str, ...]:
    """The values of this environment's secret-looking variables, longest first (to replace them literally)."""
    values = {v for k, v in env.items() if is_secret_name(k) and isinstance(v, str)
              and len(v) >= 6 and v.strip().lower() not in _NOT_SECRET_VALUES}
    return tuple(sorted(values, key=len, reverse=True))


def _looks_like_version(text: str, start: int) -> bool:
    return bool(_VERSION_CONTEXT.search(text[max(0, start - 16):start]))


@dataclass(frozen=True)
class Scrubber:
    """Knows this machine's identity (home, user, host) and removes it, and generic identifiers."""

    home: str | None = None
    user: str | None = None
    host: str | None = None
    enabled: bool = True
    secrets: tuple[str, ...] = ()  # literal values to remove (secret_values of the environment)
    # what text() made of each short string: a report repeats its keys and codes hundreds of times
    _done: dict = dataclass_field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_environment(cls, env: Mapping[str, str], node: str | None, enabled: bool = True) -> "Scrubber":
        home = env.get("HOME") or env.get("USERPROFILE")
        user = env.get("USER") or env.get("USERNAME") or env.get("LOGNAME")
        return cls(home=home if home and len(home) > 1 else None, user=user or None,
                   host=node or None, enabled=enabled, secrets=secret_values(env))

    def text(self, s: str, names: bool = True) -> str:
        """`names`: also replace the user and host names (not in a mapping's keys, which are field and package names
        a stated name can collide with: a host read as "version" must not rename the report's fields)."""
        if not self.enabled or not s:
            return s
        if len(s) <= _MEMO_CHARS:
            done = self._done.get((s, names))
            if done is None:
                done = self._done[(s, names)] = self._text(s, names) if len(self._done) < _MEMO_ENTRIES else None
            return done if done is not None else self._text(s, names)
        return self._text(s, names)

    def _text(self, s: str, names: bool) -> str:
        for value in self.secrets:
            s = s.replace(value, REDACTED)
        s = _URL_USERINFO.sub(lambda m: m.group(1) + REDACTED + "@", s)
        s = _SECRET_ASSIGNMENT.sub(
            lambda m: m.group(0) if m.group(4) == REDACTED or m.group(4).startswith("<")
            else m.group(1) + m.group(2) + m.group(3) + REDACTED, s)
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
        for pattern, repl in self._name_patterns() if names else ():
            s = pattern.sub(repl, s)
        return s

    def _name_patterns(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """The host and user names as whole words, compiled once: re's own cache is too small for a report's calls."""
        found = self._done.get(_NAME_PATTERNS)
        if found is None:
            found = self._done[_NAME_PATTERNS] = tuple(
                (re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w-])"), repl)
                for name, repl in ((self.host, "<host>"), (self.user, "<user>"))
                if name and len(name) >= 3 and name.lower() not in _COMMON_NAMES)
        return found

    def field(self, key: str, value: str) -> str:
        """One string value under its key: some keys say more than the value does."""
        if not value or value == REDACTED:
            return value
        if _ENV_NAME.match(key) and is_secret_name(key):
            return REDACTED
        if _IDENTIFIER_KEY.match(key):
            return REDACTED
        text = self.text(value)
        if _ADDRESS_KEY.search(key):  # a lone dotted quad here is an address, not a cuDNN version
            text = _IPV4.sub(lambda m: m.group(0) if m.group(0).startswith(("127.", "0.")) else "<ip>", text)
        return text

    def data(self, obj: Any) -> Any:
        """Redact every string (keys included) in a JSON-able structure."""
        if not self.enabled:
            return obj
        if isinstance(obj, str):
            return self.text(obj)
        if isinstance(obj, dict):
            # a finding's sources are links from the project's own data, not the user's: a UUID in a docs URL
            # (learn.microsoft.com's NTSTATUS page) is part of the address
            return {self.text(str(k), names=False): v if k == "sources" and isinstance(v, (list, tuple)) and all(
                        isinstance(x, str) and x.startswith("https://") for x in v) else
                    self.field(str(k), v) if isinstance(v, str) else self.data(v)
                    for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.data(v) for v in obj]
        if isinstance(obj, tuple):
            return tuple(self.data(v) for v in obj)
        return obj
