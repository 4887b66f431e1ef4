"""`hwprobe explain` on damaged real pastes: cut anywhere, lines shuffled, two pastes run together, punctuation
garbled. Whatever it is given, it reads what it can and reports, with a schema-valid JSON report: never an
exception (a traceback), which is what pip's "0.1.2.post1" once caused (holdout3 pytorch20631)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest

from hwprobe.errors import InputError
from hwprobe.parse import parse_text
from hwprobe.parse.source import clean_line
from hwprobe.reason.explain import explain
from hwprobe.render.explain import render_explain_markdown, render_explain_text
from hwprobe.render.json import render_json

TESTS = Path(__file__).resolve().parent
CASES = sorted((TESTS / "cases").glob("*.json"))
TEXTS = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in CASES]
SCHEMA = json.loads((TESTS.parent / "reports" / "report.schema.json").read_text(encoding="utf-8"))


def _mutations(text: str, rng: random.Random) -> list[str]:
    lines = text.split("\n")
    other = rng.choice(TEXTS)
    shuffled = lines[:]
    rng.shuffle(shuffled)
    return [
        text[: rng.randrange(1, max(2, len(text)))],  # cut anywhere, as stored excerpts are
        "\n".join(shuffled),
        text + "\n" + other[: rng.randrange(1, max(2, len(other)))],
        "".join(ch if rng.random() > 0.03 else rng.choice(" .:=,()[]0123456789\n") for ch in text),
    ]


@pytest.mark.parametrize("index", range(0, len(TEXTS), 5), ids=lambda i: CASES[i].stem)
def test_a_damaged_real_paste_gives_a_report_never_an_exception(index: int) -> None:
    rng = random.Random(index)  # fixed per case: a failure reproduces
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for text in _mutations(TEXTS[index], rng):
        try:
            report = explain(parse_text(text))
        except InputError:
            # only input that is blank once its Markdown markup (code fences, quote marks) is stripped may be refused
            assert not any(clean_line(ln).strip() for ln in text.splitlines()), "only blank input may be refused"
            continue
        render_explain_text(report)
        render_explain_markdown(report)
        doc = json.loads(render_json(report.to_dict()))
        errors = list(validator.iter_errors(doc))
        assert not errors, errors[0].message
