"""The report: facts plus what reasoning made of them. Renderers take a finished Report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import hwprobe
from hwprobe.facts import (
    Accelerator, BenchmarkRow, CpuFacts, EnvironmentFacts, Facts, FrameworkFacts, HostFacts,
    MemoryFacts, Observation, _Fact,
)

SCHEMA_VERSION = "1"
# `unknown`: only for pasted dumps (hwprobe explain) that do not say enough to decide the cell.
MATRIX_STATES = ("works", "broken", "not_built", "no_hardware", "not_installed", "unsupported", "unknown")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class MatrixCell(_Fact):
    framework: str
    device_kind: str
    state: str  # see MATRIX_STATES
    reason_code: str
    detail: str


@dataclass(frozen=True)
class Finding(_Fact):
    """One diagnosis: what was observed, why it matters, and the exact commands that fix it."""

    code: str  # stable, e.g. cuda.driver_too_old (ARCHITECTURE.md)
    severity: str  # error | warning | info
    subject: str  # what it is about: torch, tensorflow, host, cuda:0, ...
    message: str
    fix: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    framework: str | None = None  # the matrix row it explains, if any
    device_kind: str | None = None  # the matrix column it explains, if any
    evidence: tuple[str, ...] = ()  # observations it rests on (quoted lines for pasted dumps)


@dataclass(frozen=True)
class Advice(_Fact):
    framework: str
    accelerator: str
    commands: tuple[str, ...]
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gate(_Fact):
    requirement: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class Origin(_Fact):
    """Where the facts came from: this machine, a recording, or a pasted dump."""

    kind: str  # live | replay | paste | report
    detail: str | None = None


@dataclass(frozen=True)
class Section(_Fact):
    """A part of a pasted dump that a reader recognized, by 1-based line numbers."""

    kind: str  # collect_env | tf_env | tf_template | nvidia_smi | pip_list | conda_list | traceback | ...
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Unknown(_Fact):
    """Something a pasted dump does not say that matters here, and the command whose output settles it."""

    part: str  # a part of Facts.unknown: accelerators, host.os, torch.devices, ...
    why: str
    command: str


@dataclass(frozen=True)
class Ranked(_Fact):
    """Why a finding of a pasted dump stands where it does in the ranking."""

    code: str
    subject: str
    basis: str  # quoted: a known message in the paste | facts: facts read from the paste | inferred: neither
    confident: bool  # an error resting on the paste's own lines
    lines: tuple[int, ...] = ()  # the paste's lines it rests on


@dataclass(frozen=True)
class Explanation(_Fact):
    """What `hwprobe explain` made of a pasted dump, beyond the findings: None for live reports."""

    verdict: str  # diagnosed | not_enough_information | nothing_recognized
    summary: str
    sections: tuple[Section, ...] = ()
    ranking: tuple[Ranked, ...] = ()  # one per finding, in the findings' (ranked) order
    unknown: tuple[Unknown, ...] = ()  # the most useful first
    next_step: str | None = None  # the ONE command that would settle it, as a sentence
    lines: int = 0  # lines in the input
    skipped: str | None = None  # what of a huge input was only scanned for known messages


@dataclass(frozen=True)
class Report(_Fact):
    facts: Facts
    matrix: tuple[MatrixCell, ...] = ()
    findings: tuple[Finding, ...] = ()
    advice: tuple[Advice, ...] = ()
    gates: tuple[Gate, ...] = ()
    origin: Origin = field(default_factory=lambda: Origin("live"))
    explanation: Explanation | None = None  # hwprobe explain only
    created: str = field(default_factory=lambda: now_iso())
    schema_version: str = SCHEMA_VERSION
    hwprobe_version: str = hwprobe.__version__

    @property
    def gates_passed(self) -> bool:
        return all(g.passed for g in self.gates)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report: the top-level keys of ARCHITECTURE.md, all always present."""
        f = self.facts
        return {
            "schema_version": self.schema_version,
            "hwprobe_version": self.hwprobe_version,
            "created": self.created,
            "origin": self.origin.to_dict(),
            "host": f.host.to_dict(),
            "cpu": f.cpu.to_dict(),
            "memory": f.memory.to_dict(),
            "accelerators": [a.to_dict() for a in f.accelerators],
            "packages": dict(f.packages),
            "environment": f.environment.to_dict(),
            "frameworks": [fw.to_dict() for fw in f.frameworks],
            "matrix": [c.to_dict() for c in self.matrix],
            "benchmarks": [b.to_dict() for b in f.benchmarks],
            "findings": [x.to_dict() for x in self.findings],
            "advice": [a.to_dict() for a in self.advice],
            "gates": [g.to_dict() for g in self.gates],
            "observations": [o.to_dict() for o in f.observations],
            "unknown": list(f.unknown),
            "explanation": self.explanation.to_dict() if self.explanation else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        facts = Facts(
            host=HostFacts.from_dict(data["host"]),
            cpu=CpuFacts.from_dict(data["cpu"]),
            memory=MemoryFacts.from_dict(data.get("memory") or {}),
            accelerators=tuple(Accelerator.from_dict(a) for a in data.get("accelerators") or []),
            packages={str(k): str(v) for k, v in (data.get("packages") or {}).items()},
            frameworks=tuple(FrameworkFacts.from_dict(x) for x in data.get("frameworks") or []),
            environment=EnvironmentFacts.from_dict(data.get("environment") or {}),
            benchmarks=tuple(BenchmarkRow.from_dict(b) for b in data.get("benchmarks") or []),
            observations=tuple(Observation.from_dict(o) for o in data.get("observations") or []),
            unknown=tuple(str(u) for u in data.get("unknown") or []),
        )
        explanation = data.get("explanation")
        return cls(
            facts=facts,
            matrix=tuple(MatrixCell.from_dict(c) for c in data.get("matrix") or []),
            findings=tuple(Finding.from_dict(x) for x in data.get("findings") or []),
            advice=tuple(Advice.from_dict(a) for a in data.get("advice") or []),
            gates=tuple(Gate.from_dict(g) for g in data.get("gates") or []),
            origin=Origin.from_dict(data.get("origin") or {"kind": "report"}),
            explanation=Explanation.from_dict(explanation) if explanation else None,
            created=str(data.get("created", "")),
            schema_version=str(data.get("schema_version", SCHEMA_VERSION)),
            hwprobe_version=str(data.get("hwprobe_version", "")),
        )


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
