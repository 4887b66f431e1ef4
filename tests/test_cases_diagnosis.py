"""The rules on real pastes: `hwprobe explain`'s reasoning over every tests/cases/*.json gives the
finding the thread established first (or says "not enough information" where the case expects no
answer), every `also_expected` code, and none of the `must_not` codes (the wrong confident fixes).

The cases are the cases engineer's; this file scores the rules (reason/rules/) against them. A case
the rules cannot answer yet is listed in KNOWN_MISSES with the reason, and must keep failing (strict
xfail), so that a fix shows up here and the list shrinks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hwprobe.parse import parse_text
from hwprobe.reason.explain import explain
from hwprobe.reason.knowledge import Knowledge

CASES = sorted((Path(__file__).resolve().parent / "cases").glob("*.json"))
KB = Knowledge()

KNOWN_MISSES = {
    # The only machine output is an application's own warning ("Running on CPU now! Make sure your PyTorch
    # version matches your CUDA."); no torch version, build or error is shown. The maintainer inferred a CPU
    # build from experience; naming it from this paste would be a guess.
    "cuda-cpu_only_build-pytorch95121-1",
}


def _outcome(case: dict) -> tuple[str | None, list[str], str]:
    report = explain(parse_text(case["text"], KB, case["id"]), KB)
    codes = [f.code for f in report.findings]
    first = codes[0] if codes and report.explanation.verdict == "diagnosed" else None
    return first, codes, report.explanation.verdict


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_diagnosis(path: Path, request: pytest.FixtureRequest) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    if case["id"] in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason="listed in KNOWN_MISSES"))
    first, codes, verdict = _outcome(case)
    assert first == case["expected_first"], f"first {first} ({verdict}), want {case['expected_first']}; got {codes}"
    assert not [c for c in case["also_expected"] if c not in codes], f"got {codes}"
    assert not [c for c in case["must_not"] if c in codes], f"got {codes}"


def test_known_misses_are_cases() -> None:
    assert KNOWN_MISSES <= {p.stem for p in CASES}
