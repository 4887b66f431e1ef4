"""Shared wording for renderers: labels and units only, never reasoning."""

from __future__ import annotations

import re

from hwprobe.facts import Facts, FrameworkFacts

STATE_LABEL = {
    "works": "works", "broken": "BROKEN", "not_built": "not built", "no_hardware": "no hardware",
    "not_installed": "not installed", "unsupported": "unsupported", "unknown": "unknown",
}


def gib(n: int | None) -> str:
    return f"{n / 2**30:.1f} GiB" if n else "unknown"


def framework_label(fw: FrameworkFacts | None, name: str) -> str:
    if fw is None:
        return name
    return f"{name} {fw.version}" if fw.version else name


def machine_line(f: Facts) -> str:
    h = f.host
    parts = [h.distro or h.os or "unknown OS", h.arch or "unknown arch"]
    where = []
    if h.wsl:
        where.append(f"WSL{h.wsl.version}")
    if h.container:
        where.append(f"{h.container.runtime} container")
    if h.ci:
        where.append(f"CI: {h.ci}")
    if h.virtualization:
        where.append(f"VM: {h.virtualization}")
    return " · ".join(parts + where)


def python_line(f: Facts) -> str:
    p = f.host.python
    env = p.env_manager or ("venv" if p.venv else "system" if p.executable else None)
    extra = ", Rosetta 2 (x86_64 on Apple Silicon)" if p.is_rosetta else ""
    known = ", ".join(x for x in (p.implementation, env) if x)  # a paste may say neither
    inside = f"{known}{extra}".lstrip(", ")
    return f"Python {p.version or 'unknown'}" + (f" ({inside})" if inside else "")


def cpu_line(f: Facts) -> str:
    c = f.cpu
    cores = f"{c.physical_cores or '?'} cores / {c.logical_cores or '?'} threads"
    if c.usable_cores and c.logical_cores and c.usable_cores < c.logical_cores:
        cores += f", {c.usable_cores} usable"
    mhz = f", {c.frequency_mhz / 1000:.2f} GHz" if c.frequency_mhz else ""
    return f"{c.model or 'unknown CPU'} ({cores}{mhz})"


# Accelerator.status values other than ok, as a reader should see them.
ACCEL_STATUS_LABEL = {"no_driver": "NO WORKING DRIVER", "no_permission": "NO PERMISSION", "busy": "BUSY",
                      "error": "ERROR"}
_RUNTIME_LABEL = {"rocm": "ROCm", "tpu": "libtpu", "xpu": "Level Zero"}


def accelerator_line(a) -> str:  # noqa: ANN001 - Accelerator
    bits = [f"{a.kind}:{a.index if a.index is not None else '?'}", a.model or f"{a.vendor} device (model unknown)"]
    if a.memory_bytes:
        bits.append(gib(a.memory_bytes))
    if a.compute_capability:
        bits.append(f"compute {a.compute_capability}")
    if a.gfx_arch:
        bits.append(a.gfx_arch)
    if a.cores:
        bits.append(f"{a.cores} GPU cores" if a.kind == "mps" else f"{a.cores} chips" if a.kind == "tpu" else f"{a.cores} cores")
    if a.driver_version:
        bits.append(f"driver {a.driver_version}")
    if a.max_cuda_supported:
        bits.append(f"driver supports CUDA {a.max_cuda_supported}")
    if a.runtime_version:
        bits.append(f"{_RUNTIME_LABEL.get(a.kind, 'runtime')} {a.runtime_version}")
    if a.mig_mode == "enabled":
        bits.append("MIG enabled")
    if a.status != "ok":
        bits.append(f"[{ACCEL_STATUS_LABEL.get(a.status, a.status.upper())}{': ' + a.detail if a.detail else ''}]")
    elif a.detail:
        bits.append(f"({a.detail})")
    return " · ".join(str(b) for b in bits if b)


def build_summary(fw: FrameworkFacts) -> str:
    b = fw.build
    if fw.name == "torch":
        parts = [f"CUDA {b['cuda']}" if b.get("cuda") else "no CUDA",
                 f"ROCm/HIP {b['hip']}" if b.get("hip") else None,
                 f"cuDNN {b['cudnn']}" if b.get("cudnn") else None,
                 "MPS built" if b.get("mps_built") else None,
                 "XPU built" if b.get("xpu_built") else None,
                 f"archs {' '.join(b['arch_list'])}" if b.get("arch_list") else None,
                 f"CPU {b['cpu_capability']}" if b.get("cpu_capability") else None,
                 f"{b['threads']} threads" if b.get("threads") else None]
    elif fw.name == "tensorflow":
        parts = [f"CUDA {b['cuda_version']}" if b.get("cuda_version") else
                 ("CUDA build" if b.get("is_cuda_build") else "no CUDA"),
                 f"cuDNN {b['cudnn_version']}" if b.get("cudnn_version") else None,
                 "ROCm build" if b.get("is_rocm_build") else None,
                 "XLA" if b.get("is_xla_build") else None]
    else:
        parts = [f"{k}={v}" for k, v in b.items() if isinstance(v, (str, int, float, bool))]
    return ", ".join(p for p in parts if p)


def md_cell(s: str) -> str:
    """Machine strings in Markdown (a table cell, a list item): no pipes, no newlines, no HTML."""
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")  # a run closes only on a run of its length


def md_text(s: str) -> str:
    """Machine prose in a Markdown list item or paragraph: escaped as md_cell outside its code spans, and the code spans
    kept as written (CommonMark reads no escapes or entities inside them, so `a \\| b` would show the backslash)."""
    s = s.replace("\n", " ")
    out, end = [], 0
    for m in _CODE_SPAN.finditer(s):
        out.append(md_cell(s[end:m.start()]) + m.group(0))
        end = m.end()
    return "".join(out) + md_cell(s[end:])


def md_code(s: str) -> str:
    """Inline code that survives backticks inside it (CommonMark: a longer fence, padded)."""
    fence = "``" if "`" in s else "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def md_environment_items(f: Facts) -> list[str]:
    """The Markdown list items for the packages, variables and CUDA toolkit of a report's details block."""
    out = []
    if f.packages:
        out.append("- packages: " + ", ".join(f"{md_cell(k)} {md_cell(v)}" for k, v in f.packages.items()))
    if f.environment.variables:
        out.append("- environment: " + ", ".join(md_code(f"{k}={v}") for k, v in f.environment.variables.items()))
    if f.environment.cuda_toolkit:
        out.append(f"- system CUDA toolkit: {md_cell(f.environment.cuda_toolkit)}")
    return out


def print_finding_body(console, x) -> None:  # noqa: ANN001 - rich Console, Finding
    """A finding's message, evidence, fixes and sources, as both terminal reports show them."""
    from rich.text import Text

    console.print(Text(f"    {x.message}"))
    for e in x.evidence:
        console.print(Text(f"    evidence: {e}", "dim"))
    for cmd in x.fix:
        print_command(console, "    fix: ", cmd, "green", "bold")
    for src in x.sources:
        console.print(Text(f"    see: {src}", "dim"))



def print_command(console, lead: str, cmd: str, lead_style: str = "", cmd_style: str = "bold") -> None:  # noqa: ANN001
    """`lead` then a shell command, never wrapped inside the command: a command broken across lines is not
    one a reader can copy. One that does not fit beside its lead goes on its own line, past the width if need be."""
    from rich.text import Text

    if len(lead) + len(cmd) <= console.width:
        line = Text(lead, lead_style)
        line.append(cmd, cmd_style)
        console.print(line)
        return
    if lead.strip():
        console.print(Text(lead.rstrip(), lead_style))
    indent = " " * (len(lead) - len(lead.lstrip()) + 2)
    console.print(Text(indent + cmd, cmd_style), no_wrap=True, overflow="ignore", crop=False)
