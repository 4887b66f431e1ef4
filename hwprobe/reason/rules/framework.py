"""framework.*: a framework's child process crashed, hung, failed to import, or computed wrong numbers."""

from __future__ import annotations

from typing import Iterable

from hwprobe.facts import R_DETAIL, TRACEBACK_CUT_OFF, Facts, FrameworkFacts
from hwprobe.reason import commands
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.report import Finding

IMPORT_NAMES = {"torch": "torch", "tensorflow": "tensorflow"}


def _last_line(text: str | None) -> str | None:
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    return lines[-1][:300] if lines else None


def _first(text: str | None) -> str | None:
    """The first line of a multi-line error: CUDA appends advice lines that say nothing of this machine."""
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    return (lines[0] + (" [...]" if len(lines) > 1 else "")) if lines else text


def _evidence(fw: FrameworkFacts) -> tuple[str, ...]:
    out = []
    if fw.detail:
        out.append(fw.detail)
    last = _last_line(fw.stderr_tail)
    if last and last not in out:
        out.append(f"last line on stderr: {last}")
    return tuple(out)


def _sigill_explained(facts: Facts, kb: Knowledge) -> bool:
    from hwprobe.reason.rules import cpu, host

    return any(True for rule_fn in (cpu.avx_missing, host.rosetta_python) for _ in rule_fn(facts, kb))


@rule
def probe_failures(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    for fw in facts.frameworks:
        imp = IMPORT_NAMES.get(fw.name, fw.name)
        label = f"{fw.name} {fw.version}" if fw.version else fw.name
        if fw.status == "crashed":
            if fw.signal == "SIGILL" and _sigill_explained(facts, kb):
                continue  # cpu.avx_missing / host.rosetta_python name the cause
            yield Finding(
                code="framework.crashed", severity="error", subject=fw.name, framework=fw.name,
                message=((f"A process that imported {label} died with {fw.signal or 'a signal'}"
                          if (fw.detail or "").startswith(("a process that imported", "a native crash inside")) else
                          f"Importing {label} killed its process with {fw.signal or 'a signal'}") + ". Every other "
                         f"check went on; {fw.name} cannot be used in this Python until the cause is fixed."),
                fix=(commands.python(facts, f"import {imp}", "-X", "faulthandler"),),
                evidence=_evidence(fw),
            )
        elif fw.status == "timeout":
            yield Finding(
                code="framework.timeout", severity="error", subject=fw.name, framework=fw.name,
                message=(f"{label} did not finish importing and listing its devices within the time limit; "
                         "the child was killed. A hung driver call or a very slow disk is the usual cause."),
                fix=("hwprobe doctor --probe-timeout 600", commands.python(facts, f"import {imp}", "-X", "importtime")),
                evidence=_evidence(fw),
            )
        elif fw.status == "import_error":
            yield Finding(
                # a pasted traceback cut before its error line shows the import failing, not why: a lead
                code="framework.import_error", severity="info" if fw.detail == TRACEBACK_CUT_OFF else "error",
                subject=fw.name, framework=fw.name,
                message=(f"{label} is installed but `library({fw.name})` fails in R: {fw.detail[len(R_DETAIL):]}"
                         if (fw.detail or "").startswith(R_DETAIL) else
                         f"{label} is installed but `import {imp}` fails: {fw.detail or 'see the error below'}"),
                evidence=_evidence(fw),
            )
        elif fw.status == "error":
            yield Finding(
                code="framework.probe_error", severity="error", subject=fw.name, framework=fw.name,
                message=f"The {fw.name} probe ended without a usable report: {fw.detail}",
                fix=(commands.python(facts, f"import {imp}; print({imp}.__version__)"),),
                evidence=_evidence(fw),
            )


@rule
def smoke_failures(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    for fw in facts.frameworks:
        for dev in fw.devices:
            if dev.smoke is None or dev.smoke.status in ("ok", "skipped"):
                continue
            what = "computed wrong numbers" if dev.smoke.status == "failed" else "raised an error"
            yield Finding(
                code="framework.smoke_failed", severity="error", subject=f"{fw.name}:{dev.kind}:{dev.index}",
                framework=fw.name, device_kind=dev.kind,
                message=(f"{fw.name} lists {dev.kind}:{dev.index} ({dev.name or 'unnamed'}), but a small matmul "
                         f"and convolution there {what}: {_first(dev.smoke.detail)}"),
                evidence=tuple(x for x in (_first(dev.smoke.detail),) if x),
            )
