"""Wording of benchmark rows shared by the terminal and Markdown renderers: numbers and labels only."""

from __future__ import annotations

from hwprobe.facts import BenchmarkRow

COLUMNS = ("framework", "device", "mode", "batch", "images/s", "ms/step", "IQR ms", "runs", "GFLOP/s", "% peak",
           "status")
NUMERIC = {"batch", "images/s", "ms/step", "IQR ms", "runs", "GFLOP/s", "% peak"}


def cells(b: BenchmarkRow) -> list[str]:
    def num(v: float | None, spec: str) -> str:
        return format(v, spec) if v is not None else "-"

    return [b.framework, b.device, b.mode, str(b.batch_size), num(b.images_per_sec, ",.0f"), num(b.median_ms, ".2f"),
            num(b.iqr_ms, ".2f"), str(b.runs) if b.runs is not None else "-", num(b.gflops_per_sec, ".1f"),
            num(b.share_of_peak * 100 if b.share_of_peak is not None else None, ".1f"),
            b.status + (" (noisy)" if b.noisy else "")]


LEGEND = "config: threads intra/inter, layout, execution, optimizer, check (logit error vs float64), warm-up"


def config_line(b: BenchmarkRow) -> str:
    """'threads 2/2, NCHW, eager, Adam(lr=0.001), check 3e-07, warm-up 12' from the row's config."""
    c = b.config
    parts: list[str] = []
    if c.get("threads") is not None:  # 0: the runtime chooses (TensorFlow's default)
        inter = c.get("interop_threads")
        parts.append("threads " + "/".join("auto" if t == 0 else str(t) for t in (c["threads"], inter) if t is not None)
                     )
    if c.get("omp_wait_policy") not in (None, "default"):
        parts.append(f"OMP_WAIT_POLICY={c['omp_wait_policy']}")
    if c.get("layout"):
        parts.append(str(c["layout"]))
    if "compile" in c:
        parts.append("torch.compile" if c["compile"] else "eager")
    if "jit_compile" in c:
        parts.append("tf.function, XLA" if c["jit_compile"] else "tf.function")
    if isinstance(c.get("requested"), dict) and c["requested"].get("malloc_keep_heap"):
        parts.append("glibc heap kept")
    if c.get("optimizer") and b.mode == "train":
        parts.append(str(c["optimizer"]))
    check = c.get("check") if isinstance(c.get("check"), dict) else None
    if check and check.get("max_error") is not None:
        parts.append(f"check {check['max_error']:.0e}")
    warm = c.get("warmup") if isinstance(c.get("warmup"), dict) else None
    if warm:
        parts.append(f"warm-up {warm.get('steps')}")
    return ", ".join(parts)


def peak_line(b: BenchmarkRow) -> str | None:
    peak = b.config.get("peak") if isinstance(b.config.get("peak"), dict) else None
    if not peak or b.peak_gflops is None:
        return None
    return f"peak {b.peak_gflops:,.0f} GFLOP/s = {peak.get('formula')}"


def noisy_note(rows: tuple[BenchmarkRow, ...] | list[BenchmarkRow]) -> str | None:
    n = sum(1 for b in rows if b.noisy)
    if not n:
        return None
    return f"{n} noisy row(s): step-time IQR > 10 % of the median (a busy machine); rerun or add --duration"
