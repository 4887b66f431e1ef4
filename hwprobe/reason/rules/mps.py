"""mps.*: torch's Metal backend on a Mac: macOS older than the release needs, or a build without MPS."""

from __future__ import annotations

import re
from typing import Iterable

from packaging.version import Version

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import parse
from hwprobe.report import Finding


def _apple(facts: Facts) -> bool:
    return facts.host.os == "darwin"


@rule
def macos_too_old(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    op = c.find(all_obs, "mps.op_needs_macos")
    if op and not c.known_rosetta(facts):
        v = op[0].values
        mac = parse(facts.host.os_version)
        if mac is None or mac < Version(v.get("macos", "0")):
            slow = "Falling back on CPU" in op[0].text  # torch's warning form: it runs, on the CPU
            yield Finding(
                # the fallback on a Mac known to be older is a fact (slower, and what the user sees); unknown: a lead
                code="mps.macos_too_old", severity=("warning" if mac else "info") if slow else "error", subject="torch",
                framework="torch",
                device_kind="mps",
                message=(f"MPS runs {v.get('op', 'this operation').strip()} natively only from macOS {v.get('macos')}"
                         + (f"; this Mac runs macOS {facts.host.os_version}" if mac else "")
                         + (": torch falls back to the CPU for it (slower, not an error)." if slow else
                            ", so it fails here. Update macOS to that release or newer, or run that operation on the "
                            "CPU (or in float32) in the code; PYTORCH_ENABLE_MPS_FALLBACK=1 covers only operations "
                            "MPS lacks entirely.")),
                fix=("sw_vers",) if mac is None else (), sources=c.pattern_sources(kb, op[:1]),
                evidence=tuple(c.quote(o) for o in op[:1]),
            )
            return
    said = c.find(all_obs, "mps.not_available", framework="torch")
    named = [o for o in said if o.values.get("min")]
    if c.known_rosetta(facts) or not (_apple(facts) or (facts.host.os is None and named)):
        return
    torch = facts.framework("torch")
    mac = parse(facts.host.os_version)
    if mac is None:
        intel = facts.host.arch == "x86_64"  # an Intel Mac (Rosetta returned above): its GPU decides MPS, not macOS
        if named and not intel and not (torch is not None and (torch.build.get("mps_built") is False
                                                              or c.sees(torch, "mps"))):
            # torch raises "The MPS backend is supported on MacOS 12.3+" when MPS is not available: on a Mac older
            # than that, by its own words; the paste does not say the macOS version, which sw_vers settles.
            need = named[0].values["min"]
            yield Finding(
                code="mps.macos_too_old", severity="info", subject="torch", framework="torch", device_kind="mps",
                message=(f"torch says its MPS backend needs macOS {need} or newer and is not available here; the "
                         "paste does not show the macOS version (`sw_vers` does). If it is older, update macOS; "
                         "newer torch releases need newer macOS still (13.0 from torch 2.5)."),
                fix=("sw_vers",), sources=tuple(dict.fromkeys(c.pattern_sources(kb, named[:1]))),
                evidence=tuple(c.quote(o) for o in named[:1]),
            )
        return
    row = cat.release_of(kb, "torch", torch.version if torch else None)
    need = row.get("mps_min_macos") if row else None
    if need is None:
        need = next((o.values["min"] for o in said if o.values.get("min")), None)
    if need is None or mac >= Version(need):
        return
    if torch is not None and torch.build.get("mps_built") is False:
        return  # mps.not_built
    if torch is not None and c.sees(torch, "mps"):
        return
    if torch is None and not said:
        return
    cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "mps", remove=("torch",))
    label = c.release_label(torch) if torch else "this torch"
    yield Finding(
        code="mps.macos_too_old", severity="error", subject="torch", framework="torch", device_kind="mps",
        message=(f"{label} needs macOS {need} or newer for the MPS backend; this Mac runs macOS {facts.host.os_version}"
                 + (" (torch's message still says 12.3+, which was the minimum of older releases)" if said and
                    any(o.values.get("min") not in (None, need) for o in said) else "")
                 + ". Update macOS" + (f", or install the newest torch whose MPS runs here: {summary}." if cmds and summary else ".")),
        fix=cmds, sources=tuple(dict.fromkeys(srcs + cat.source_urls([row]))),
        evidence=(f"macOS {facts.host.os_version}",) + tuple(c.quote(o) for o in said[:1]),
    )


@rule
def not_built(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    said = [o for o in c.find(c.obs(facts, kb), "torch.device_not_linked", framework="torch")
            if o.values.get("device") == "mps"]
    if said and facts.host.os in ("darwin", None) and not c.known_rosetta(facts):
        yield from _not_linked(facts, kb, said)
        return
    older = [o for o in c.find(c.obs(facts, kb), "torch.device_type_unknown", framework="torch")
             if o.values.get("device") == "mps" and "mps" not in re.split(r"[,\s]+", o.values.get("types") or "")]
    if older and facts.host.os in ("darwin", None):
        yield from _predates(facts, kb, older)
        return
    if not _apple(facts) or c.known_rosetta(facts):
        return
    torch = facts.framework("torch")
    if torch is None or torch.status != "ok" or torch.build.get("mps_built") is not False:
        return
    cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "mps", remove=("torch",))
    yield Finding(
        code="mps.not_built", severity="error", subject="torch", framework="torch", device_kind="mps",
        message=(f"{c.release_label(torch)} was built without the MPS backend (torch.backends.mps.is_built() is "
                 "False), so it cannot use the Apple GPU. The macOS arm64 wheels on PyPI have it from 1.12"
                 + (f": {summary}." if summary else ".")),
        fix=cmds, sources=srcs, evidence=("torch.backends.mps.is_built() = False",),
    )


def _mps_install(facts: Facts, kb: Knowledge):  # noqa: ANN202
    """(label, commands, sources, summary) of a torch build with MPS, for a paste that says torch's own words about it:
    the 'mps' device exists on Macs only, so a paste that names no OS is a Mac's (an arm64 one, where MPS runs)."""
    torch = facts.framework("torch")
    mac = {} if facts.host.os else {"os": "darwin", "arch": "aarch64"}
    cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "mps", remove=("torch",), **mac)
    return (c.release_label(torch) if torch else "This torch"), cmds, srcs, summary


def _not_linked(facts: Facts, kb: Knowledge, said) -> Iterable[Finding]:  # noqa: ANN001
    """torch's own words: 'PyTorch is not linked with support for mps devices' (a build without MPS)."""
    label, cmds, srcs, summary = _mps_install(facts, kb)
    yield Finding(
        code="mps.not_built", severity="error", subject="torch", framework="torch", device_kind="mps",
        message=(f"{label} was built without the MPS backend (torch says it is not linked with support for mps "
                 "devices), so the 'mps' device cannot be used on any hardware; a source build must be rebuilt with "
                 "MPS enabled. The macOS arm64 wheels on PyPI have MPS from 1.12"
                 + (f": {summary}." if summary else ".")),
        fix=cmds, sources=srcs, evidence=tuple(c.quote(o) for o in said[:1]),
    )


def _predates(facts: Facts, kb: Knowledge, said) -> Iterable[Finding]:  # noqa: ANN001
    """torch's device-string parser lists the types its release knows; one without 'mps' predates MPS (1.12)."""
    label, cmds, srcs, summary = _mps_install(facts, kb)
    yield Finding(
        code="mps.not_built", severity="error", subject="torch", framework="torch", device_kind="mps",
        message=(f"{label} does not know the 'mps' device type (the device types it lists have none): it is a "
                 "release from before the MPS backend, which came with torch 1.12 in the macOS arm64 wheels"
                 + (f". Install a newer one: {summary}." if summary else ".")),
        fix=cmds, sources=srcs + c.pattern_sources(kb, said), evidence=tuple(c.quote(o) for o in said[:1]),
    )
