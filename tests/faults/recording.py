"""Record this machine through RecordingIO (the layout ReplayIO reads), then break it on purpose.

A stand-in until `hwprobe record` lands: the same seam, so what it writes replays the same way.
Faults injected into a recording are marked as such by the test that makes them; the recording
itself is real (this machine, these frameworks).
"""

from __future__ import annotations

import errno as errno_mod
import json
import os
import shutil
from pathlib import Path
from typing import Any, Sequence

from hwprobe.doctor import collect_facts
from hwprobe.sense.io import LiveIO, QueryError, RecordingIO


class FailingIO(LiveIO):
    """This machine, except that the named files, listings and in-process readings fail (fault injection)."""

    def __init__(self, files: dict[str, str] | None = None, queries: Sequence[str] = ()) -> None:
        self.files, self.queries = dict(files or {}), set(queries)

    def _fail(self, path: str) -> None:
        if path in self.files:
            code = getattr(errno_mod, self.files[path])
            raise OSError(code, os.strerror(code), path)

    def read_text(self, path: str, max_bytes: int = 4 * 1024 * 1024) -> str:
        self._fail(path)
        return super().read_text(path, max_bytes)

    def listdir(self, path: str) -> list[str]:
        self._fail(path)
        return super().listdir(path)

    def query(self, name: str) -> Any:
        if name in self.queries:
            raise QueryError(f"{name}: OSError: injected failure")
        return super().query(name)


def record_this_machine(dest: Path, frameworks: Sequence[str] = ("torch", "tensorflow"), timeout: float = 300,
                        inner: LiveIO | None = None, probes_from: Path | None = None) -> Path:
    """Record this machine (through `inner`, e.g. a FailingIO); `probes_from` reuses another recording's
    probe results instead of running the frameworks again."""
    rec = RecordingIO(inner or LiveIO())
    collect_facts(rec, () if probes_from else frameworks, timeout)
    rec.env()
    rec.query("platform")  # what the CLI asks for redaction
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "host.json").write_text(json.dumps(rec.data, indent=1, sort_keys=True), encoding="utf-8")
    for path, text in rec.file_contents.items():
        target = dest / "files" / path.lstrip("/").replace(":", "")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for i, res in enumerate(rec.commands):
        (dest / "commands").mkdir(exist_ok=True)
        (dest / "commands" / f"{i:03d}.json").write_text(json.dumps(res.to_dict(), indent=1), encoding="utf-8")
    for name, res in rec.probes.items():
        (dest / "probes").mkdir(exist_ok=True)
        (dest / "probes" / f"{name}.json").write_text(json.dumps(res.to_dict(), indent=1), encoding="utf-8")
    if probes_from:
        shutil.copytree(probes_from / "probes", dest / "probes", dirs_exist_ok=True)
    return dest


def copy_recording(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def host(rec: Path) -> dict[str, Any]:
    return json.loads((rec / "host.json").read_text(encoding="utf-8"))


def save_host(rec: Path, data: dict[str, Any]) -> None:
    (rec / "host.json").write_text(json.dumps(data, indent=1), encoding="utf-8")


def recorded_files(rec: Path) -> list[str]:
    """Absolute paths of the files the recording holds contents for."""
    root = rec / "files"
    return sorted("/" + str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def probe_result(rec: Path, name: str) -> dict[str, Any]:
    return json.loads((rec / "probes" / f"{name}.json").read_text(encoding="utf-8"))


def save_probe_result(rec: Path, name: str, data: dict[str, Any]) -> None:
    (rec / "probes" / f"{name}.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
