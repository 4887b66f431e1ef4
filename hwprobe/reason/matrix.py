"""The compatibility matrix: one cell per (framework, device kind), each with a state and a reason."""

from __future__ import annotations

from typing import Sequence

from hwprobe.facts import DEVICE_KINDS, Facts, FrameworkFacts
from hwprobe.reason import catalog
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.versions import in_range
from hwprobe.report import Finding, MatrixCell

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_FAILED = ("crashed", "timeout", "import_error", "error")


def platform_key(facts: Facts) -> tuple[str, str]:
    """(os, arch) of the machine whose builds matter; WSL2 is Linux for every framework."""
    return facts.host.os, facts.host.arch


def supported(kb: Knowledge, framework: str, kind: str, os_: str, arch: str, version: str | None) -> bool:
    """Whether any official build of `framework` (at `version`, if the data knows it) supports `kind`
    here, derived from the release rows (matrices/torch_releases, tf_releases, tf_metal, tf_rocm, tpu)."""
    rows = catalog.releases(kb, framework)
    if version and not any(in_range(version, r["versions"]) for r in rows):
        version = None  # a nightly or a release newer than the data: judge by the platform alone
    if kind == "tpu":  # judged by platform: which torch_xla fits which torch is the advice's business
        return (os_, arch) == ("linux", "x86_64") and bool(catalog.tpu_rows(kb, framework))
    for row in rows:
        if version and not in_range(version, row["versions"]):
            continue
        entry = catalog.platform_entry(row, os_, arch)
        if entry is None:
            continue
        if kind == "cpu":
            return True
        if framework == "torch":
            if any(catalog.kind_of_variant(v) == kind for v in entry["variants"]):
                return True
        elif kind in ("cuda",) and entry.get(kind):
            return True
        elif kind == "mps" and entry.get("mps"):
            metal = catalog.metal_for(kb, row["latest"])
            if metal and arch in metal["arch"]:
                return True
        elif kind == "rocm" and (os_, arch) == ("linux", "x86_64") and catalog.tf_rocm_for(kb, row["latest"]):
            return True
    return False


def build_supports(fw: FrameworkFacts, kind: str, packages: dict[str, str]) -> bool | None:
    """Whether this installed build has support for `kind` compiled in (None: cannot tell)."""
    b = fw.build
    if kind == "cpu":
        return True
    if fw.name == "torch":
        if kind == "cuda":
            return b.get("cuda") is not None if "cuda" in b else None
        if kind == "rocm":
            return b.get("hip") is not None if "hip" in b else None
        if kind == "mps":
            return b.get("mps_built") if "mps_built" in b else None
        if kind == "xpu":
            if "xpu_built" in b and b["xpu_built"]:
                return True
            return "intel-extension-for-pytorch" in packages or (False if "xpu_built" in b else None)
        if kind == "tpu":
            return "torch-xla" in packages
    if fw.name == "tensorflow":
        if kind == "cuda":
            return b.get("is_cuda_build") if "is_cuda_build" in b else None
        if kind == "rocm":
            return b.get("is_rocm_build") if "is_rocm_build" in b else None
        if kind == "mps":
            return "tensorflow-metal" in packages
        if kind == "xpu":
            return any(p.startswith("intel-extension-for-tensorflow") for p in packages)
        if kind == "tpu":
            return None  # TPU support sits in the runtime image / libtpu, not a build flag we can read
    return None


def _hardware(facts: Facts, kind: str) -> bool:
    return kind == "cpu" or bool(facts.accelerators_of(kind))


def _first_line(text: str) -> str:
    """A multi-line error (CUDA's advice lines after the message) as its first line."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return (lines[0] + (" [...]" if len(lines) > 1 else "")) if lines else text


def _top_finding(findings: Sequence[Finding], framework: str, kind: str) -> Finding | None:
    related = [f for f in findings if f.framework in (framework, None) and f.device_kind == kind]
    related.sort(key=lambda f: _SEVERITY_ORDER.get(f.severity, 3))
    return related[0] if related else None


def _gap(facts: Facts, framework: str, kind: str) -> str | None:
    """What a pasted dump leaves unknown that this cell depends on; always None for live facts."""
    if not facts.unknown:
        return None
    missing = []
    if not (facts.knows("host.os") and facts.knows("host.arch")):
        missing.append("the OS and architecture")
    if kind != "cpu" and not facts.knows("accelerators"):
        missing.append(f"whether there is a {kind} device")
    if not (facts.knows(f"{framework}.devices") and facts.knows(f"{framework}.devices.{kind}")):
        missing.append(f"which devices {framework} sees")
    return ("the input does not say " + " or ".join(missing)) if missing else None


def cell(facts: Facts, findings: Sequence[Finding], kb: Knowledge, framework: str, kind: str) -> MatrixCell:
    fw = facts.framework(framework)
    os_, arch = platform_key(facts)
    hw = _hardware(facts, kind)

    def mk(state: str, code: str, detail: str) -> MatrixCell:
        return MatrixCell(framework, kind, state, code, detail)

    if fw is None and not facts.knows("frameworks"):
        return mk("unknown", "facts.unknown", f"the input does not say whether {framework} is installed")
    if fw is None or fw.status == "not_installed":
        if not hw:
            return mk("not_installed", "framework.not_installed", f"{framework} is not installed (and no {kind} device)")
        return mk("not_installed", "framework.not_installed", f"{framework} is not installed")
    gap = _gap(facts, framework, kind)
    if fw.status in _FAILED:
        if gap and kind != "cpu":
            return mk("unknown", "facts.unknown", gap)
        if not hw:
            if not supported(kb, framework, kind, os_, arch, fw.version):
                return mk("unsupported", "platform.unsupported", f"no {framework} build supports {kind} on {os_}/{arch}")
            return mk("no_hardware", "hardware.absent", f"no {kind} device found")
        why = fw.detail or fw.status
        return mk("broken", f"framework.{fw.status if fw.status != 'error' else 'probe_error'}",
                  f"{framework} could not be probed: {why}")

    devices = [d for d in fw.devices if d.kind == kind]
    if devices:
        bad = [d for d in devices if not d.smoke or d.smoke.status not in ("ok", "skipped")]
        if not bad:
            names = ", ".join(f"{kind}:{d.index}" + (f" {d.name}" if d.name and d.name != kind else "") for d in devices)
            skipped = any(d.smoke and d.smoke.status == "skipped" for d in devices)
            return mk("works", "smoke.skipped" if skipped else "smoke.passed",
                      f"{'visible; smoke test skipped' if skipped else 'smoke test passed'} on {names}")
        d = bad[0]
        why = _first_line((d.smoke.detail if d.smoke else None) or "no smoke test result")
        what = f"{kind}:{d.index} is visible but its smoke test {d.smoke.status if d.smoke else 'is missing'}: {why}"
        cause = _top_finding([f for f in findings if not f.code.startswith("framework.")], framework, kind)
        if cause is not None:  # the reason code says why (cuda.arch_not_in_build), not only that it failed
            return mk("broken", cause.code, f"{what} (cause: {cause.code})")
        code = f"smoke.{d.smoke.status}" if d.smoke else "smoke.missing"
        return mk("broken", code, what)
    if gap:
        top = _top_finding(findings, framework, kind)
        if top is None:
            return mk("unknown", "facts.unknown", gap)
        state = "not_built" if build_supports(fw, kind, facts.packages) is False else "broken"
        return mk(state, top.code, top.message)

    if not supported(kb, framework, kind, os_, arch, fw.version):
        return mk("unsupported", "platform.unsupported",
                  f"no {framework} {fw.version or ''} build supports {kind} on {os_}/{arch}".replace("  ", " "))
    if not hw:
        return mk("no_hardware", "hardware.absent", f"no {kind} device found")
    top = _top_finding(findings, framework, kind)
    built = build_supports(fw, kind, facts.packages)
    if built is False:
        code = top.code if top else f"build.no_{kind}"
        return mk("not_built", code, f"this {framework} build ({fw.version}) has no {kind} support"
                  + (f": {top.message}" if top else ""))
    if top:
        return mk("broken", top.code, top.message)
    return mk("broken", f"{kind}.not_visible", f"a {kind} device is present but {framework} does not see it")


def build_matrix(facts: Facts, findings: Sequence[Finding], kb: Knowledge) -> tuple[MatrixCell, ...]:
    names = [fw.name for fw in facts.frameworks] or ["torch", "tensorflow"]
    return tuple(cell(facts, findings, kb, name, kind) for name in names for kind in DEVICE_KINDS)
