"""Every real paste goes through the CLI's whole output path (redaction with the paste's own user and host
names, then each renderer) without an internal error, and its JSON validates: the accuracy benchmark calls
`explain` in-process and never renders, so a crash there (microsoft/WSL#6772's, fixed in 6e12cae) was
invisible to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hwprobe.parse import parse_text
from hwprobe.present import present
from hwprobe.reason.explain import explain
from hwprobe.reason.knowledge import Knowledge

CASES = sorted((Path(__file__).resolve().parent / "cases").glob("*.json"))
KB = Knowledge()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_case_renders_in_every_format_and_its_json_validates(path: Path, tmp_path: Path, validate) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    paste = parse_text(case["text"], KB, case["id"])
    report = explain(paste, KB)
    for fmt in ("text", "markdown", "json"):
        out = tmp_path / f"out.{fmt}"
        present(report, fmt, False, str(out), True, identity=paste.identity)
        assert out.read_text(encoding="utf-8").strip()
    validate(json.loads((tmp_path / "out.json").read_text(encoding="utf-8")))
