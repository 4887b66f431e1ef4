"""host.*: the interpreter itself stands in the way (an x86_64 Python under Rosetta on Apple Silicon)."""

from __future__ import annotations

from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding


@rule
def rosetta_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    py = facts.host.python
    if facts.host.os != "darwin":
        return
    translated = py.is_rosetta is True or (facts.host.arch == "aarch64" and py.machine == "x86_64")
    if not translated:
        return
    row = cat.fix(kb, "macos.arm64_python")
    cmds = list(row["commands"]) if row else []
    _, srcs, summary = c.fix_commands(facts, kb, "torch", "mps", remove=(), python=py.version)
    yield Finding(
        code="host.rosetta_python", severity="error", subject="python", device_kind="mps",
        message=("This Python is an x86_64 build running under Rosetta 2 on Apple Silicon: it can only install "
                 "Intel-Mac wheels (torch <= 2.2, TensorFlow <= 2.16) and can never use the GPU (MPS, Metal). "
                 "Use a native arm64 Python" + (f"; {row['note']}" if row else "")
                 + (f", then install: {summary}" if summary else "") + "."),
        fix=tuple(cmds), sources=tuple(dict.fromkeys(cat.source_urls([row]) + srcs)),
        evidence=(f"python {py.version} reports machine {py.machine or 'x86_64'} on an arm64 Mac"
                  + (" (sysctl.proc_translated = 1)" if py.is_rosetta else ""),),
    )
