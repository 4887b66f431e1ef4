"""framework.*: a framework's child process crashed, hung, failed to import, or computed wrong numbers."""

from __future__ import annotations

from typing import Iterable

from hwprobe.facts import R_DETAIL, SYMBOL_VERSION_MISSING, TRACEBACK_CUT_OFF, Facts, FrameworkFacts
from hwprobe.reason import commands
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding

IMPORT_NAMES = {"torch": "torch", "tensorflow": "tensorflow"}
# what a loader's "version `GLIBCXX_3.4.29' not found" (facts.SYMBOL_VERSION_MISSING) means for the import
_OLD_RUNTIME = (". The library named is older than the one this build was made with: a conda environment's own "
                "libstdc++ found ahead of a newer system one, or a system older than the build supports; "
                "`strings <that library> | grep GLIBCXX` lists the versions it has")


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
                         f"{label} is installed but `import {imp}` fails: {fw.detail or 'see the error below'}"
                         + (_OLD_RUNTIME if SYMBOL_VERSION_MISSING.search(fw.detail or "") else "")),
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


_SIGNAL_OF = {"6": "SIGABRT", "7": "SIGBUS", "8": "SIGFPE", "11": "SIGSEGV", "segmentation fault": "SIGSEGV",
              "bus error": "SIGBUS", "abort": "SIGABRT", "aborted": "SIGABRT",
              "0xc0000005": "an access violation (0xC0000005, the segfault's Windows twin)",
              "0xc0000409": "a stack buffer overrun (0xC0000409, a native library's fast-fail abort)"}


@rule
def process_crashed(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A Python run that died of a fatal signal where no framework is known to be the one that crashed (PyCharm's exit
    code 139, zsh's 'segmentation fault  python webui.py'): the crash itself, and how to see which library it was."""
    said = c.find(c.obs(facts, kb), "process.crashed")
    if not said or any(fw.status in ("crashed", "import_error", "timeout") for fw in facts.frameworks):
        return
    if c.amd(facts):
        return  # on an AMD GPU a crash is the ROCm rules' to explain (an arch no build has: sd-webui#4870, RX 580)
    v = said[0].values
    sig = _SIGNAL_OF.get((v.get("n") or v.get("what") or v.get("nt") or "").lower(), "a fatal signal")
    script = v.get("script")
    yield Finding(
        code="framework.crashed", severity="error", subject="python",
        message=(f"The Python process{f' (`{script}`)' if script else ''} died of {sig}: a native library it had "
                 "loaded crashed (a framework, an extension module, or a driver under them); Python code alone cannot "
                 "do that. The paste does not show which library: run it again with Python's fault handler "
                 "(`python -X faulthandler`), which prints the Python stack at the moment of the crash: its first frame "
                 "(most recent call first) is the call that crashed."),
        fix=(f"python -X faulthandler {script.split(None, 1)[1]}",) if script and " " in script else (),
        sources=c.pattern_sources(kb, said[:1]), evidence=tuple(c.quote(o) for o in said[:1]),
    )
