"""Installed and available memory."""

from __future__ import annotations

from hwprobe.facts import MemoryFacts
from hwprobe.sense._util import read_or_none
from hwprobe.sense.io import HostIO, QueryError


def detect_memory(io: HostIO) -> MemoryFacts:
    try:
        mem = io.query("psutil.memory")
        return MemoryFacts(total_bytes=int(mem["total"]), available_bytes=int(mem["available"]))
    except (QueryError, KeyError, TypeError, ValueError) as exc:
        error = str(exc)
    # Linux without psutil's answer: /proc/meminfo (values in kB).
    text = read_or_none(io, "/proc/meminfo")
    if text:
        kv = {}
        for line in text.splitlines():
            key, _, rest = line.partition(":")
            fields = rest.split()
            if fields and fields[0].isdigit():
                kv[key.strip()] = int(fields[0]) * 1024
        if "MemTotal" in kv:
            return MemoryFacts(total_bytes=kv["MemTotal"], available_bytes=kv.get("MemAvailable"))
    return MemoryFacts(status="error", detail=error)
