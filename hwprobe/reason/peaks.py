"""A device's estimated float32 peak, for the benchmark's share-of-peak (matrices/device_peaks.json).

CPU: cores x frequency x FLOPs per cycle of the widest instruction set the flags show. GPUs: the
vendor's published FP32 figure for the model the framework reports. Unknown stays unknown (None):
a share of a guessed peak would be a made-up number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Sequence

from hwprobe.facts import BenchmarkRow, CpuFacts, Facts
from hwprobe.reason.knowledge import Knowledge, load_knowledge

TABLE = "device_peaks"


@dataclass(frozen=True)
class Peak:
    gflops: float
    formula: str  # how it was computed, short: "2 cores x 2.00 GHz x 64 FLOP/cycle (avx512f)"
    assumes: str  # what the figure assumes about the hardware
    source: str


def cpu_peak(cpu: CpuFacts, kb: Knowledge | None = None) -> Peak | None:
    kb = kb or load_knowledge()
    cores = _cores(cpu)
    if not cores or not cpu.frequency_mhz:
        return None
    flags = set(cpu.flags)
    for row in _rows(kb, "cpu"):
        if row["arch"] != cpu.arch or not set(row["requires"]) <= flags:
            continue
        if "vendor" in row and row["vendor"] != (cpu.vendor or ""):
            continue
        if "model_pattern" in row and not re.search(row["model_pattern"], cpu.model or "", re.I):
            continue
        fpc = float(row["fp32_flops_per_cycle"])
        ghz = cpu.frequency_mhz / 1000
        isa = "+".join(row["requires"]) or "baseline"
        return Peak(cores * ghz * fpc, f"{cores} cores x {ghz:.2f} GHz x {fpc:g} FP32 FLOP/cycle ({isa})",
                    f"{row['basis']}; at the frequency the OS reports", row["source"])
    return None


def gpu_peak(kind: str, name: str | None, kb: Knowledge | None = None) -> Peak | None:
    if not name:
        return None
    kb = kb or load_knowledge()
    for row in _rows(kb, "gpu"):
        if row["kind"] == kind and re.search(row["pattern"], name, re.I):
            note = f"; {row['note']}" if row.get("note") else ""
            return Peak(float(row["fp32_tflops"]) * 1000, f"{row['model']}: {row['fp32_tflops']:g} TFLOPS FP32",
                        f"the vendor's FP32 figure without tensor cores{note}", row["source"])
    return None


def _rows(kb: Knowledge, device: str) -> list[dict]:
    return [r for r in kb.rows(TABLE) if r["device"] == device]


def _cores(cpu: CpuFacts) -> int | None:
    """Physical cores (SMT siblings share the FMA units), no more than this process may use."""
    known = [n for n in (cpu.physical_cores, cpu.usable_cores) if n]
    return min(known) if known else cpu.logical_cores


def device_name(row: BenchmarkRow, facts: Facts) -> str | None:
    """The model of the row's device: the child's report, the framework's device list, or the OS side."""
    kind, _, idx = row.device.partition(":")
    if kind == "mps":
        return facts.cpu.model  # the GPU is part of the Apple SoC the CPU model names
    if row.config.get("device_name"):
        return str(row.config["device_name"])
    index = int(idx) if idx.isdigit() else 0
    fw = facts.framework(row.framework)
    for d in fw.devices if fw else ():
        if d.kind == kind and d.index == index and d.name:
            return d.name
    for a in facts.accelerators_of(kind):
        if (a.index if a.index is not None else 0) == index and a.model:
            return a.model
    return None


def peak_for(row: BenchmarkRow, facts: Facts, kb: Knowledge | None = None) -> Peak | None:
    kind = row.device.partition(":")[0]
    if kind == "cpu":
        return cpu_peak(facts.cpu, kb)
    return gpu_peak(kind, device_name(row, facts), kb)


def attach_peaks(rows: Sequence[BenchmarkRow], facts: Facts, kb: Knowledge | None = None) -> tuple[BenchmarkRow, ...]:
    """Each row with its device's peak and the share of it achieved (where both are known)."""
    out: list[BenchmarkRow] = []
    for row in rows:
        peak = peak_for(row, facts, kb) if row.status != "skipped" else None
        if peak is None:
            out.append(row)
            continue
        share = row.gflops_per_sec / peak.gflops if row.gflops_per_sec else None
        config: dict[str, Any] = {**row.config, "peak": {"formula": peak.formula, "assumes": peak.assumes,
                                                           "source": peak.source}}
        out.append(replace(row, peak_gflops=peak.gflops, share_of_peak=share, config=config))
    return tuple(out)
