"""Known messages as evidence: the patterns of matrices/error_patterns.json, matched line by line.

One matcher for both paths: a live probe's stderr, warnings and errors, and a pasted dump
(`hwprobe explain`). Rules key on observation codes, never on raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from hwprobe.facts import Facts, Observation
from hwprobe.reason.knowledge import Knowledge, load_knowledge

MAX_LINE = 2000  # characters of one line that are searched; the rest of a giant line is noise
MAX_TEXT = 300  # characters of the line kept as the observation's quote


@dataclass(frozen=True)
class Pattern:
    code: str
    regex: re.Pattern[str]
    framework: str | None
    means: str


def _compile(kb: Knowledge) -> tuple[Pattern, ...]:
    return tuple(
        Pattern(code=r["code"], regex=re.compile(r["regex"], re.IGNORECASE if r.get("ignore_case") else 0),
                framework=r.get("framework"), means=r["means"])
        for r in kb.rows("error_patterns")
    )


def patterns(kb: Knowledge | None = None) -> tuple[Pattern, ...]:
    """The compiled patterns, compiled once per Knowledge."""
    return (kb or load_knowledge()).derived("error_patterns", _compile)


def match_text(
    text: str | None,
    source: str,
    framework: str | None = None,
    first_line: int | None = None,
    kb: Knowledge | None = None,
) -> tuple[Observation, ...]:
    """Every known message in `text`, one observation per (code, line).

    `first_line`: number the lines (pasted dumps, so findings can quote line N); None for live text.
    """
    if not text:
        return ()
    pats = patterns(kb)
    out: list[Observation] = []
    for n, raw in enumerate(text.splitlines()):
        line = raw[:MAX_LINE]
        codes: set[str] = set()
        for p in pats:
            if p.code in codes:
                continue  # an earlier (more specific) row of the same code already read this line
            m = p.regex.search(line)
            if m is None:
                continue
            codes.add(p.code)
            values = {k: v.strip() for k, v in m.groupdict().items() if v is not None}
            out.append(Observation(
                code=p.code, text=line.strip()[:MAX_TEXT], source=source,
                line=(first_line + n) if first_line is not None else None,
                framework=framework or p.framework, values=values,
            ))
    return tuple(out)


def observations(facts: Facts, kb: Knowledge | None = None) -> tuple[Observation, ...]:
    """What rules may cite: the pasted observations, plus known messages in each framework's own
    output (stderr tail, warnings, errors of probe sections, smoke-test errors). Deduplicated."""
    found: list[Observation] = list(facts.observations)
    for fw in facts.frameworks:
        texts: list[tuple[str, str | None]] = [
            (f"{fw.name} stderr", fw.stderr_tail),
            (f"{fw.name} status", fw.detail),
        ]
        texts += [(f"{fw.name} warnings", w) for w in fw.warnings]
        errors = fw.build.get("probe_errors") if isinstance(fw.build, dict) else None
        if isinstance(errors, dict):
            texts += [(f"{fw.name} {k} error", str(v)) for k, v in errors.items()]
        texts += [(f"{fw.name} {d.kind}:{d.index} smoke", d.smoke.detail) for d in fw.devices if d.smoke]
        for source, text in texts:
            found.extend(match_text(text, source, fw.name, kb=kb))
    seen: set[tuple[str, str, int | None]] = set()
    unique = []
    for o in found:
        key = (o.code, o.text, o.line)
        if key not in seen:
            seen.add(key)
            unique.append(o)
    return tuple(unique)


def first(obs: Iterable[Observation], code: str, framework: str | None = None) -> Observation | None:
    """The first observation with `code` (and, if given, about `framework` or about no framework)."""
    return next((o for o in obs if o.code == code and (framework is None or o.framework in (framework, None))), None)
