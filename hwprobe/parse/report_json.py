"""Our own JSON report (`hwprobe doctor --json`), pasted whole: loaded back into the same facts.

Every schema_version so far ("1") loads with Report.from_dict, which defaults keys that older
reports lack. A report of another schema_version is refused with a one-line error rather than
half-read: its fields may mean something else.
"""

from __future__ import annotations

import json

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
        return Report.from_dict(data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(f"{pasted.name} looks like a hwprobe report but does not load: {exc}") from None
