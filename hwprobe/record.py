"""`hwprobe record DIR`: this machine as a test fixture, every read, command and probe, scrubbed.

The doctor's own sensing and probes run through a RecordingIO; what it remembered is written in
the layout sense/io.py documents (host.json, files/, commands/, probes/), every string passed
through the scrubber, plus a SOURCE.md to fill in. The recording is built in a temporary
directory beside DIR and renamed into place, so a failed run leaves no half-written DIR.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import hwprobe
from hwprobe.errors import OutputError
from hwprobe.facts import Facts
from hwprobe.report import now_iso
from hwprobe.scrub import Scrubber
from hwprobe.sense.io import HostIO, LiveIO, RecordingIO, recorded_file_name


@dataclass(frozen=True)
class RecordSummary:
    directory: str
    files: int
    commands: int
    probes: tuple[str, ...]
    facts: Facts


def check_target(directory: str | os.PathLike[str], force: bool) -> Path:
    """Fail before any work: DIR must be new or empty (or --force), its parent writable."""
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a directory")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise OutputError(f"{target}: directory is not empty (use --force to replace it)")
    parent = target.resolve().parent
    if not parent.is_dir():
        raise OutputError(f"{target}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{target}: directory {parent} is not writable")
    try:  # really try (root passes os.access on a read-only mount or /proc): before the probes, not after
        os.rmdir(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".probe", dir=parent))
    except OSError as exc:
        raise OutputError(f"{target}: directory {parent} is not writable ({exc.strerror or exc})") from None
    return target


def record(
    directory: str | os.PathLike[str],
    frameworks: Sequence[str] = ("torch", "tensorflow"),
    probe_timeout: float = 120.0,
    force: bool = False,
    progress: Any = None,
    inner: HostIO | None = None,
    scrub: bool = True,
) -> RecordSummary:
    """Sense and probe this machine (or `inner`) as the doctor does, and write the recording."""
    from hwprobe.doctor import collect_facts

    target = check_target(directory, force)
    base = inner or LiveIO()
    rec = RecordingIO(base)
    facts = collect_facts(rec, frameworks, probe_timeout, progress)
    try:
        node = base.query("platform").get("node")
    except Exception:  # noqa: BLE001 - no node name: nothing to redact for it
        node = None
    scrubber = Scrubber.from_environment(base.env(), node, enabled=scrub)
    write_recording(rec, target, scrubber, facts)
    return RecordSummary(str(target), len(rec.file_contents), len(rec.commands), tuple(sorted(rec.probes)), facts)


def write_recording(rec: RecordingIO, target: Path, scrubber: Scrubber, facts: Facts | None = None) -> None:
    """Write what `rec` remembered into `target`, all or nothing."""
    parent = target.resolve().parent
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".recording", dir=parent))
    except OSError as exc:
        raise OutputError(f"{target}: cannot write the recording ({exc.strerror or exc})") from None
    try:
        _write_tree(rec, tmp, scrubber, facts)
        _swap_into_place(tmp, target)
    except OSError as exc:  # a full disk, a file-size limit, the directory made read-only meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"{target}: cannot write the recording ({exc.strerror or exc}); "
                          "nothing was changed") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_tree(rec: RecordingIO, root: Path, scrubber: Scrubber, facts: Facts | None) -> None:
    host = scrubber.data(rec.data)
    host["recorded"] = now_iso()
    host["hwprobe_version"] = hwprobe.__version__
    _write_json(root / "host.json", host)
    for path, text in sorted(rec.file_contents.items()):
        dest = root / "files" / recorded_file_name(scrubber.text(path))
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(scrubber.text(text), encoding="utf-8", newline="")
    seen: dict[str, int] = {}
    for res in rec.commands:
        key = tuple(res.argv)
        if key in seen:  # the same command asked twice: one recording answers both
            continue
        seen[key] = len(seen)
        name = f"{len(seen):02d}-{_slug(res.argv)}.json"
        _write_json(root / "commands" / name, scrubber.data(res.to_dict()))
    for name, res in sorted(rec.probes.items()):
        _write_json(root / "probes" / f"{_slug([name])}.json", scrubber.data(res.to_dict()))
    (root / "SOURCE.md").write_text(source_template(root.name, rec, facts), encoding="utf-8")


def _swap_into_place(tmp: Path, target: Path) -> None:
    """Rename the finished recording onto DIR; an old DIR (--force) is removed only afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.{os.getpid()}.old")
        os.replace(target, old)
    try:
        os.replace(tmp, target)
    except OSError:
        if old is not None:
            os.replace(old, target)  # put the previous recording back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _slug(argv: Sequence[str]) -> str:
    words = [Path(str(argv[0])).name] + [str(a) for a in argv[1:3]]
    return re.sub(r"[^A-Za-z0-9._-]+", "_", "_".join(words)).strip("_")[:60] or "command"


def source_template(name: str, rec: RecordingIO, facts: Facts | None) -> str:
    """SOURCE.md: what was recorded and how, and the blanks a person must fill in."""
    lines = [f"# {name}", "", "Recorded with `hwprobe record` "
             f"(hwprobe {hwprobe.__version__}, {now_iso()}), scrubbed of host and user names, home",
             "paths, UUIDs, serial numbers, MAC and IP addresses.", ""]
    if facts is not None:
        h = facts.host
        accels = ", ".join(f"{a.kind} {a.model or a.vendor} [{a.status}]" for a in facts.accelerators)
        frameworks = ", ".join(f"{fw.name} {fw.version or ''} [{fw.status}]" for fw in facts.frameworks)
        lines += ["## The machine", "",
                  f"- OS: {h.distro or h.os} ({h.arch}), kernel {h.kernel or 'unknown'}",
                  f"- Python {h.python.version} ({h.python.implementation}, {h.python.env_manager or 'unknown'})",
                  f"- CPU: {facts.cpu.model or 'unknown'}",
                  f"- Accelerators seen by the OS: {accels or 'none'}",
                  f"- Frameworks: {frameworks or 'none'}",
                  ""]
    lines += ["## What is in it", "",
              f"- host.json: environment (relevant variables only), {len(rec.data['queries'])} in-process readings, "
              "which/exists/listdir/readlink/access answers",
              f"- files/: {len(rec.file_contents)} files read, as read",
              f"- commands/: {len({tuple(c.argv) for c in rec.commands})} commands run, with their output",
              f"- probes/: {', '.join(sorted(rec.probes)) or 'none'} (each framework probe child's output)", "",
              "## To fill in", "",
              "- Who recorded it, on what hardware (model, driver), and why it is worth keeping.",
              "- expected.json: the accelerators, host context, matrix cells and finding codes that must come out.",
              "- Anything edited by hand after recording, and why.", ""]
    return "\n".join(lines)
