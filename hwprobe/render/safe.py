"""Strings from the machine shown on a terminal or in Markdown: control characters made visible.

A framework's error message, a driver tool's output or a pasted dump may hold terminal escape
sequences (ESC ] 0 ; title BEL sets the window title, ESC [ 2 J clears the screen) or bidi overrides
that reorder what a reader sees ("Trojan Source", CVE-2021-42574). rich prints them raw with markup
off, so they are replaced by their \\x.. / \\u.... escapes before rendering. Line breaks and tabs stay.
JSON needs none of this: json.dumps escapes every control character.
"""

from __future__ import annotations

from typing import Any

_INVISIBLE = [*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
_TABLE = {**{c: f"\\x{c:02x}" for c in _INVISIBLE}, **{c: f"\\u{c:04x}" for c in _BIDI}}


def visible(obj: Any) -> Any:
    """Every string (keys too) of a JSON-able structure with its control characters escaped."""
    if isinstance(obj, str):
        return obj.translate(_TABLE)
    if isinstance(obj, dict):
        return {visible(k): visible(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [visible(v) for v in obj]
    return obj
