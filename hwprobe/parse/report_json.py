"""Our own JSON report (`hwprobe doctor --json`), pasted whole: loaded back into the same facts.

Every schema_version so far ("1") loads with Report.from_dict, which defaults keys that older
reports lack. A report of another schema_version is refused with a one-line error rather than
half-read: its fields may mean something else.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from hwprobe.errors import InputError
from hwprobe.parse.source import Pasted
from hwprobe.report import SCHEMA_VERSION, Report

READABLE_VERSIONS = ("1",)


def read(pasted: Pasted) -> Report | None:
    """The report, or None when the input is not a whole hwprobe JSON report."""
    if pasted.skipped is not None:
        return None
    text = pasted.text.strip()
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    except RecursionError:  # JSON nested thousands of levels deep: no report of ours, and no text to read
        raise InputError(f"{pasted.name}: JSON nested too deeply to read") from None
    if not isinstance(data, dict) or "schema_version" not in data or "host" not in data:
        return None
    version = str(data.get("schema_version"))
    if version not in READABLE_VERSIONS:
        raise InputError(f"{pasted.name} is a hwprobe report of schema_version {version!r}; this hwprobe reads "
                         f"schema_version {', '.join(READABLE_VERSIONS)} (current: {SCHEMA_VERSION})")
    try:
        report = Report.from_dict(data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        why = f"no {exc} section" if isinstance(exc, KeyError) else exc  # KeyError's text is the bare key
        raise InputError(f"{pasted.name} looks like a hwprobe report but does not load: {why}") from None
    bad = _off_list(data, _schema())
    if bad:  # a status the contract does not know would be carried into explain's own report
        raise InputError(f"{pasted.name} looks like a hwprobe report but does not load: {bad}")
    return report


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    """reports/report.schema.json: in the wheel under _data/, at the root of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for path in (here / "_data" / "report.schema.json", here.parent / "reports" / "report.schema.json"):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return {}


def _off_list(value: Any, node: dict[str, Any], where: str = "", root: dict[str, Any] | None = None) -> str | None:
    """The first value outside its schema `enum` (statuses, device kinds, ...), as 'path: value'; None if none.
    Only enums are checked here: types were checked by Report.from_dict."""
    root = root if root is not None else node
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        node = root.get("$defs", {}).get(ref[len("#/$defs/"):], {})
    if "enum" in node and value not in node["enum"]:
        return f"{where or 'value'} is {value!r}, not one of {', '.join(map(repr, node['enum']))}"
    for alt in node.get("oneOf", []) + node.get("anyOf", []):
        if isinstance(alt, dict) and ("$ref" in alt or "properties" in alt or "items" in alt):
            bad = _off_list(value, alt, where, root)
            if bad:
                return bad
    if isinstance(value, dict) and "properties" in node:
        for key, sub in node["properties"].items():
            if key in value:
                bad = _off_list(value[key], sub, f"{where}.{key}".lstrip("."), root)
                if bad:
                    return bad
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(value):
            bad = _off_list(item, node["items"], f"{where}[{i}]", root)
            if bad:
                return bad
    return None
