"""Small helpers every detector shares: safe reads that turn OS errors into None."""

from __future__ import annotations

from hwprobe.sense.io import HostIO


def read_or_none(io: HostIO, path: str, max_bytes: int = 1024 * 1024) -> str | None:
    """The file's text, or None when it is missing or unreadable (an unknown, not a crash)."""
    try:
        return io.read_text(path, max_bytes)
    except (OSError, UnicodeError):
        return None


def listdir_or_empty(io: HostIO, path: str) -> list[str]:
    try:
        return io.listdir(path)
    except OSError:
        return []


def parse_key_values(text: str, sep: str = "=") -> dict[str, str]:
    """KEY=value lines (os-release style), quotes stripped; malformed lines skipped."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if sep not in line or line.lstrip().startswith("#"):
            continue
        key, _, value = line.partition(sep)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        out[key.strip()] = value
    return out


def normalize_arch(machine: str) -> str:
    """One name per architecture: AMD64/x64 -> x86_64, arm64/ARM64 -> aarch64."""
    m = (machine or "").strip().lower()
    return {
        "amd64": "x86_64", "x64": "x86_64", "x86-64": "x86_64", "em64t": "x86_64",
        "arm64": "aarch64", "armv8": "aarch64", "armv8l": "aarch64", "aarch64_be": "aarch64",
        "i386": "i686", "i486": "i686", "i586": "i686", "x86": "i686",
    }.get(m, m or "unknown")


def first_line(text: str, limit: int = 200) -> str | None:
    """The first non-blank line of a tool's output, fit for a detail: binary noise is summarized, not quoted."""
    line = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), None)
    if line is None:
        return None
    shown = line[:limit]
    # The whole start counts, not the first line alone: random bytes split into "lines" at any \x0c or \x1e, and
    # the first of them can be a lone printable "$".
    sample = text[:4096]
    odd = sum(1 for ch in shown if not ch.isprintable() or ch == "\ufffd")
    odd_all = sum(1 for ch in sample if (not ch.isprintable() and ch not in "\n\r\t") or ch == "\ufffd")
    if odd > len(shown) // 5 or odd_all > len(sample) // 5:
        return f"binary data ({len(text)} characters, not text)"
    return "".join(ch if ch.isprintable() else "?" for ch in shown)
