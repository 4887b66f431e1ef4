"""Pure functions from Facts to matrix, findings, advice and gates; reading only matrices/."""

from __future__ import annotations

from typing import Sequence

from hwprobe.facts import Facts
from hwprobe.reason.advice import advise_for_facts
from hwprobe.reason.diagnose import diagnose
from hwprobe.reason.gates import evaluate_gates
from hwprobe.reason.knowledge import Knowledge, load_knowledge
from hwprobe.reason.matrix import build_matrix
from hwprobe.report import Origin, Report


def build_report(
    facts: Facts,
    requirements: Sequence[str] = (),
    origin: Origin | None = None,
    kb: Knowledge | None = None,
) -> Report:
    """Everything the doctor concludes from facts; the same path for live, replayed and pasted facts."""
    kb = kb or load_knowledge()
    findings = diagnose(facts, kb)
    matrix = build_matrix(facts, findings, kb)
    return Report(
        facts=facts,
        matrix=matrix,
        findings=findings,
        advice=advise_for_facts(facts, matrix, kb),
        gates=evaluate_gates(requirements, matrix),
        origin=origin or Origin("live"),
    )
