"""Findings a program's own message states: error_patterns rows with a `finding` say which, as data."""

from __future__ import annotations

import re
import string
from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding


class _Values(dict):
    """A row's named groups; one the line did not fill reads as 'unknown' rather than failing the format."""

    def __missing__(self, key: str) -> str:
        return "unknown"


def placeholders(message: str) -> set[str]:
    """The {name} fields of a finding's message template."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def _stated(kb: Knowledge) -> list[tuple[dict, re.Pattern[str]]]:
    return [(r, re.compile(r["regex"], re.IGNORECASE if r.get("ignore_case") else 0))
            for r in kb.rows("error_patterns") if r.get("finding")]


@rule
def stated_by_the_program(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A program's own message naming its cause (cuDF's missing PTX, numba's libNVVM, CuPy's several packages): the
    finding its row states, quoting the first line its regex reads."""
    all_obs = c.obs(facts, kb)
    for row, regex in kb.derived("error_patterns_stated", _stated):
        said = [o for o in c.find(all_obs, row["code"]) if regex.search(o.text)]
        if not said:
            continue
        f = row["finding"]
        hedge = f.get("hedge")
        # (faiss#1725: faiss-gpu named, no GPU classes; not on Windows, where Faiss has no GPU build, faiss#3656)
        hedged = bool(hedge) and bool(c.find(all_obs, *hedge["when"])) and facts.host.os not in hedge.get("not_on", ())
        yield c.said_finding(
            kb, said, f["code"], f["subject"],
            (hedge["message"] if hedged else f["message"]).format_map(_Values(said[0].values)),
            severity="info" if hedged else f.get("severity", "error"), device_kind=f.get("device_kind", "cuda"),
            framework=f.get("framework"), fix=tuple(f.get("fix", ())),
        )
