"""`hwprobe advise` as text: the commands first, then why, then where the facts come from."""

from __future__ import annotations

from typing import Any


def _platform_line(p: dict[str, Any]) -> str:
    bits = [f"{p['os']} {p['arch']}", p["accelerator"]]
    if p.get("driver") or p.get("max_cuda"):
        bits.append("NVIDIA driver " + " / CUDA ".join(x for x in (p.get("driver"), p.get("max_cuda")) if x))
    if p.get("compute_capability"):
        bits.append(f"compute capability {p['compute_capability']}")
    if p.get("gfx_arch"):
        bits.append(p["gfx_arch"])
    if p.get("os_version") and p["os"] == "darwin":
        bits.append(f"macOS {p['os_version']}")
    if p.get("python"):
        bits.append(f"Python {p['python']}")
    bits.append(p.get("package_manager") or "pip")
    return ", ".join(bits)


def render_advice_text(doc: dict[str, Any]) -> str:
    p = doc["platform"]
    out = [f"Install advice for {_platform_line(p)}"]
    if p.get("given"):
        out.append(f"(from flags: {', '.join(p['given'])}; the rest sensed on this machine)")
    for a in doc["advice"]:
        out.append("")
        head = f"{a['framework']} ({a['accelerator']})"
        if a.get("release"):
            head += f": {a['framework']} {a['release']}" + (f", {a['variant']}" if a.get("variant") else "")
        out.append(head)
        if a["commands"]:
            out += [f"  {c}" for c in a["commands"]]
        else:
            out.append("  (no install command: see below)")
        out += [f"  - {n}" for n in a["notes"]]
        if a["sources"]:
            out.append("  sources: " + " ".join(a["sources"]))
    return "\n".join(out) + "\n"
