"""The JSON report: always valid JSON (no NaN), the schema of reports/report.schema.json."""

from __future__ import annotations

import json
from typing import Any


def render_json(data: dict[str, Any], ascii_only: bool = False) -> str:
    """`ascii_only`: \\u escapes for a stdout that is not UTF-8 (LANG=C), still the same JSON."""
    return json.dumps(data, indent=2, ensure_ascii=ascii_only, allow_nan=False) + "\n"
