"""How often `hwprobe explain` names the cause a public thread established, on the real pasted dumps of
tests/cases/ (one JSON file per dump, see ARCHITECTURE.md).

For each case: the top finding is findings[0] when explain's verdict is "diagnosed", otherwise there
is no answer. Right: the top finding is `expected_first` (or, where that is null, there is no answer).
Wrong confident fix: a `must_not` code first, or any confident answer on an ambiguous case.

    python benchmarks/explain_accuracy.py [CASES_DIR] [--list FILE] [--verbose] [--json]

--list FILE scores only the cases FILE names, one id per line or as the first `id` cell of a Markdown
table row (tests/cases/HOLDOUT.md lists the holdout cases that way).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hwprobe.parse import parse_text  # noqa: E402
from hwprobe.reason.explain import explain  # noqa: E402


def score(case: dict) -> dict:
    try:
        report = explain(parse_text(case["text"], name=case["id"]))
    except Exception as exc:  # noqa: BLE001 - a crash is a result to count, not a reason to stop counting
        return {"id": case["id"], "expected": case.get("expected_first"), "top": f"CRASH {type(exc).__name__}",
                "verdict": "crashed", "result": "wrong", "wrong_confident_fix": False, "found": [],
                "expected_anywhere": False, "missing_also": [], "next_step": None}
    e = report.explanation
    top = report.findings[0].code if e.verdict == "diagnosed" else None
    expected = case.get("expected_first")
    codes = [f.code for f in report.findings]
    if expected is None:
        result = "right" if top is None else "wrong"
    elif top is None:
        result = "no answer"
    else:
        result = "right" if top == expected else "wrong"
    wrong_fix = top is not None and (expected is None or top in case.get("must_not", []))
    return {
        "id": case["id"], "expected": expected, "top": top, "verdict": e.verdict, "result": result,
        "wrong_confident_fix": wrong_fix, "found": codes,
        "expected_anywhere": expected is None or expected in codes,
        "missing_also": [c for c in case.get("also_expected", []) if c not in codes],
        "next_step": e.next_step,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(REPO / "tests" / "cases"))
    ap.add_argument("--verbose", "-v", action="store_true", help="also print what was found and the next step")
    ap.add_argument("--json", action="store_true", help="print the per-case results as JSON")
    ap.add_argument("--list", metavar="FILE", help="score only the case ids FILE names (see above)")
    args = ap.parse_args()
    files = sorted(Path(args.cases).glob("*.json"))
    if args.list:
        text = Path(args.list).read_text(encoding="utf-8")
        wanted = set(re.findall(r"^\| `([\w.-]+)` \|", text, re.M)) or {x.strip() for x in text.splitlines() if x.strip()}
        files = [f for f in files if f.stem in wanted]
    if not files:
        print(f"no cases in {args.cases}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    rows = [score(json.loads(f.read_text(encoding="utf-8"))) for f in files]
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        flag = "  WRONG FIX" if r["wrong_confident_fix"] else ""
        print(f"{r['id']:<{width}}  {r['result']:<9}  expected {str(r['expected']):<28} got {str(r['top']):<28}{flag}")
        if args.verbose:
            print(f"{'':<{width}}    verdict {r['verdict']}; found {r['found'] or '-'}; next: {r['next_step']}")
    n = len(rows)
    right = sum(r["result"] == "right" for r in rows)
    wrong = sum(r["result"] == "wrong" for r in rows)
    none_ = sum(r["result"] == "no answer" for r in rows)
    fixes = sum(r["wrong_confident_fix"] for r in rows)
    anywhere = sum(r["expected_anywhere"] for r in rows)
    print()
    print(f"cases {n}: top finding right {right} ({100 * right / n:.0f} %), wrong {wrong}, no answer {none_}; "
          f"wrong confident fixes {fixes}")
    print(f"expected code among the findings at all: {anywhere}/{n}; also_expected missing in "
          f"{sum(bool(r['missing_also']) for r in rows)} cases; {seconds:.1f} s for all cases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
