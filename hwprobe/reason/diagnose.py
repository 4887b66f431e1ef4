"""diagnose(facts) -> findings: every rule module under reason/rules/ is a pure function of facts."""

from __future__ import annotations

from typing import Callable, Iterable

from hwprobe.facts import Facts
from hwprobe.reason.knowledge import Knowledge, load_knowledge
from hwprobe.report import Finding

Rule = Callable[[Facts, Knowledge], Iterable[Finding]]
RULES: list[Rule] = []
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def rule(fn: Rule) -> Rule:
    """Register a rule; each rule module decorates its rules and is imported in _load_rules."""
    RULES.append(fn)
    return fn


def _load_rules() -> None:
    from hwprobe.reason.rules import (  # noqa: F401  (import = register; order = order within a severity)
        framework, cuda, rocm, mps, host, tf, cpu, numpy, tpu, python, wsl, container, packages, said,
    )


def diagnose(facts: Facts, kb: Knowledge | None = None) -> tuple[Finding, ...]:
    """All findings, errors first, one per (code, subject); rules run in registration order."""
    if not RULES:
        _load_rules()
    kb = kb or load_knowledge()
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for r in RULES:
        for f in r(facts, kb):
            if (f.code, f.subject) not in seen:
                seen.add((f.code, f.subject))
                found.append(f)
    # Causes before symptoms: within a severity, framework.* (it crashed, its smoke test failed) comes after the
    # finding that says why (cuda.arch_not_in_build); otherwise rule order (the sort is stable).
    found.sort(key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), f.code.startswith("framework.")))
    return tuple(found)
