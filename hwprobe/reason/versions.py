"""One version-range syntax everywhere: PEP 440 specifiers ("" or "*" means any version)."""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version


def parse(version: str | None) -> Version | None:
    if not version:
        return None
    try:
        return Version(version.strip())
    except InvalidVersion:
        m = re.match(r"\d+(\.\d+)*", version.strip())
        try:
            return Version(m.group(0)) if m else None
        except InvalidVersion:
            return None


def in_range(version: str | None, spec: str | None) -> bool:
    """Whether version lies in spec; local labels (+cu121), pre-releases and dev builds (nightlies,
    1.13.0.dev20220525, 2.22.0rc0) count as their release (PEP 440 alone orders them below it)."""
    if spec in (None, "", "*"):
        return True
    v = parse(version)
    if v is None:
        return False
    v = Version(v.base_version)
    try:
        return SpecifierSet(spec).contains(v, prereleases=True)
    except InvalidSpecifier:
        raise ValueError(f"bad version range {spec!r}") from None


def valid_range(spec: str) -> bool:
    if spec in ("", "*"):
        return True
    try:
        SpecifierSet(spec)
        return True
    except InvalidSpecifier:
        return False


def release(version: str | None, parts: int = 3) -> str | None:
    """'2.13.0+cpu' -> '2.13.0' (parts=3) or '2.13' (parts=2)."""
    v = parse(version)
    if v is None:
        return None
    return ".".join(str(x) for x in (v.release + (0, 0, 0))[:parts])


def local_label(version: str | None) -> str | None:
    """'2.13.0+cu126' -> 'cu126'; None without a local label."""
    v = parse(version)
    return v.local if v is not None and v.local else None
