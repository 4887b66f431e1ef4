"""`hwprobe advise`: this machine as advice sees it (sensed without probing any framework), flags
over it, and the advice document that `install_scripts/` apply (schema: reports/advice.schema.json)."""

from __future__ import annotations

from typing import Any, Sequence

import hwprobe
from hwprobe.facts import Facts, MemoryFacts
from hwprobe.reason.advice import plan
from hwprobe.reason.knowledge import Knowledge, load_knowledge
from hwprobe.reason.platform import Platform, override, platform_of
from hwprobe.report import now_iso
from hwprobe.sense.io import HostIO

ADVICE_SCHEMA_VERSION = "1"


def sense_facts(io: HostIO) -> Facts:
    """Host, CPU, accelerators and installed packages: the doctor's sensing, no framework child."""
    from hwprobe.sense.accelerators import detect_accelerators
    from hwprobe.sense.cpu import detect_cpu
    from hwprobe.sense.host import detect_host
    from hwprobe.sense.packages import detect_packages

    packages, env = detect_packages(io)
    return Facts(host=detect_host(io), cpu=detect_cpu(io), memory=MemoryFacts(status="absent"),
                 accelerators=detect_accelerators(io), packages=packages, environment=env)


def target(facts: Facts | None, flags: dict[str, Any]) -> tuple[Platform, list[str]]:
    """The platform to advise for and the names of the values that came from flags."""
    given = [k for k, v in flags.items() if v is not None]
    base = platform_of(facts) if facts is not None else Platform(os="linux", arch="x86_64")
    return override(base, **flags), given


def document(p: Platform, frameworks: Sequence[str], given: Sequence[str] = (), kb: Knowledge | None = None) -> dict[str, Any]:
    kb = kb or load_knowledge()
    return {
        "schema_version": ADVICE_SCHEMA_VERSION,
        "hwprobe_version": hwprobe.__version__,
        "created": now_iso(),
        "platform": {**p.to_dict(), "shell": "powershell" if p.os == "windows" else "posix", "given": list(given)},
        "advice": [plan(p, fw, kb).to_dict() for fw in frameworks],
    }
