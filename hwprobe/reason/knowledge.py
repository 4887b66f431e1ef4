"""Loads the compatibility data in matrices/ (one JSON file per subject, rows with source + date)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from hwprobe.errors import HwprobeError


def matrices_dir() -> Path:
    """Installed wheels carry the data inside the package; a source checkout has it at the root."""
    packaged = Path(__file__).resolve().parent.parent / "_data" / "matrices"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "matrices"


class Knowledge:
    """Read-only access to the matrices by file name (without .json)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or matrices_dir()
        self._cache: dict[str, dict[str, Any]] = {}
        self._derived: dict[str, Any] = {}

    def table(self, name: str) -> dict[str, Any]:
        if name not in self._cache:
            path = self.directory / f"{name}.json"
            try:
                self._cache[name] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise HwprobeError(f"compatibility data {path} is missing or broken: {exc}") from None
        return self._cache[name]

    def rows(self, name: str) -> list[dict[str, Any]]:
        return list(self.table(name).get("rows", []))

    def usable(self, name: str) -> list[dict[str, Any]]:
        """The rows reasoning may rely on: rows marked `unverified` are kept for the record only."""
        return [r for r in self.rows(name) if r.get("status") != "unverified"]

    def derived(self, key: str, build: Callable[["Knowledge"], Any]) -> Any:
        """Something computed once from the data (compiled patterns, indexes), kept with it."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]

    def names(self) -> list[str]:
        return sorted(p.stem for p in self.directory.glob("*.json"))


@lru_cache(maxsize=None)
def load_knowledge(directory: str | None = None) -> Knowledge:
    return Knowledge(Path(directory) if directory else None)
