"""Install advice: the commands that give a framework its best working accelerator on a platform."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from hwprobe.facts import Facts
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.versions import in_range
from hwprobe.report import Advice, MatrixCell

ACCELERATOR_PREFERENCE = ("cuda", "rocm", "mps", "tpu", "xpu")


@dataclass(frozen=True)
class Platform:
    """A machine as advice needs it: this one (from facts) or one described by flags."""

    os: str
    arch: str
    accelerator: str = "cpu"
    python: str | None = None


def platform_of(facts: Facts) -> Platform:
    kinds = {a.kind for a in facts.accelerators}
    best = next((k for k in ACCELERATOR_PREFERENCE if k in kinds), None)
    if best is None and facts.host.os == "darwin" and facts.host.arch == "aarch64":
        best = "mps"  # every Apple Silicon Mac has a Metal GPU
    return Platform(facts.host.os, facts.host.arch, best or "cpu", facts.host.python.version or None)


def advise(platform: Platform, framework: str, kb: Knowledge) -> Advice | None:
    """The first data row for this framework, OS, arch and accelerator that fits the Python version."""
    for row in kb.rows("install_commands"):
        if row["framework"] != framework or row["accelerator"] != platform.accelerator:
            continue
        if platform.os not in row["os"] or platform.arch not in row["arch"]:
            continue
        if platform.python and not in_range(platform.python, row["python"]):
            continue
        return Advice(framework=framework, accelerator=platform.accelerator, commands=tuple(row["commands"]),
                      notes=tuple(row.get("notes", ())), sources=(row["source"],))
    return None


def advise_for_facts(facts: Facts, matrix: Sequence[MatrixCell], kb: Knowledge) -> tuple[Advice, ...]:
    """Advice for each framework that is missing, or not working on this machine's best device."""
    plat = platform_of(facts)
    out = []
    for fw in facts.frameworks:
        cell = next((c for c in matrix if c.framework == fw.name and c.device_kind == plat.accelerator), None)
        if cell is not None and cell.state == "works":
            continue
        advice = advise(plat, fw.name, kb)
        if advice is None and plat.accelerator != "cpu":
            advice = advise(Platform(plat.os, plat.arch, "cpu", plat.python), fw.name, kb)
        if advice is not None:
            out.append(advice)
    return tuple(out)
