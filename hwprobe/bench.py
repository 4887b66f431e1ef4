"""The benchmark's parent side: plan the (framework, device, mode) runs, run each in a child, read the rows.

The parent never imports a framework. Each child (probes/bench_child.py) runs under a time limit
through the HostIO seam; a child that crashes, hangs, runs out of memory or computes wrong
numbers becomes a row with that status and the reason, and the other runs go on.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, ContextManager, Sequence

from hwprobe.errors import UsageError
from hwprobe.facts import DEVICE_KINDS, FRAMEWORKS, BenchmarkRow, Facts, FrameworkFacts
from hwprobe.probes import cnn
from hwprobe.probes.runner import child_argv, child_env
from hwprobe.probes.timing import MIN_RUNS, summarize
from hwprobe.sense.io import HostIO
from hwprobe.sense.proc import CommandResult

MODES = ("train", "infer")
DEFAULT_DURATION = 3.0  # seconds of timed steps per (framework, device, mode)
QUICK_DURATION = 0.5  # the doctor's quick benchmark: the whole doctor stays under 30 s on 2 cores
QUICK_WARMUP = 1.5
# All quick children together (imports included): a busy machine makes steps slower, not the doctor
# longer. Measured: the doctor's probes take 4-8 s here, so the doctor ends within ~30 s.
QUICK_BUDGET = 18.0
BUDGET_GRACE_S = 20.0  # a child over its budget (stuck in an import or one long step) is killed after this
MAX_BATCH = 1 << 20
GPU_KINDS = ("cuda", "rocm", "mps", "xpu")
# Time a child may take besides warm-up and timing: interpreter start, a cold framework import
# (20-60 s for TensorFlow on a slow disk), building the model, the correctness check.
CHILD_OVERHEAD_S = 120.0
COMPILE_ALLOWANCE_S = 300.0  # torch.compile builds C++ kernels with the system compiler on first use

# --best: the fastest configuration measured for each (framework, device kind, mode) with
# benchmarks/bench_fidelity.py --search (README "Benchmark" has the figures). On CPUs PyTorch's
# oneDNN convolutions and pooling run on NHWC data without a reorder every call
# (https://pytorch.org/tutorials/intermediate/memory_format_tutorial.html), and with the heap kept
# (KEEP_HEAP_ENV) a step stops faulting in thousands of pages; the two together beat either alone.
# Fused Adam, torch.compile (slower for training here, no faster than this for inference), one
# thread and OMP_WAIT_POLICY=passive were measured too. For TensorFlow on CPUs nothing beat the
# defaults (XLA jit_compile and oneDNN off were slower). What is not listed runs with the
# framework's defaults: nothing was measured there.
BEST_CONFIG: dict[tuple[str, str, str], dict[str, Any]] = {
    ("torch", "cpu", "train"): {"channels_last": True, "malloc_keep_heap": True},
    ("torch", "cpu", "infer"): {"channels_last": True, "malloc_keep_heap": True},
}

Progress = Callable[[str, str, float], None]  # (label, "start" | "done:<status>", expected seconds)


@dataclass(frozen=True)
class BenchOptions:
    frameworks: tuple[str, ...] = FRAMEWORKS
    devices: tuple[str, ...] = ()  # device kinds, "kind:index" or "gpu"; () = every device a framework sees
    modes: tuple[str, ...] = MODES
    batch_size: int = cnn.DEFAULT_BATCH
    duration: float = DEFAULT_DURATION
    warmup_max: float | None = None  # None: the child's default (the duration, at least 2 s)
    best: bool = False
    group_modes: bool = False  # one child per (framework, device) for all modes: saves an import per mode
    timeout: float | None = None  # per child; None: computed from the work asked
    budget: float | None = None  # seconds for all children together; each gets a share (the doctor's bound)

    @classmethod
    def quick(cls, frameworks: Sequence[str] = FRAMEWORKS, timeout: float | None = None) -> "BenchOptions":
        """The doctor's run; `timeout` (its --probe-timeout) caps each child's limit, the budget's or not."""
        return cls(frameworks=tuple(frameworks), duration=QUICK_DURATION, warmup_max=QUICK_WARMUP, group_modes=True,
                   budget=QUICK_BUDGET, timeout=timeout)


@dataclass(frozen=True)
class BenchJob:
    framework: str
    device: str  # the row's label: "cpu", "cuda:0", ...
    kind: str
    index: int
    modes: tuple[str, ...]
    batch_size: int
    duration: float
    warmup_max: float | None
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.framework} {self.device} {'+'.join(self.modes)}"


def parse_devices(text: str | None) -> tuple[str, ...]:
    """'cpu,cuda:0,gpu' -> ('cpu', 'cuda:0', 'gpu'); 'all' or nothing -> (); bad names are usage errors."""
    if text is None or text.strip().lower() in ("", "all"):
        return ()
    out: list[str] = []
    for item in (t.strip().lower() for t in text.split(",")):
        if not item:
            continue
        kind, sep, index = item.partition(":")
        if kind not in DEVICE_KINDS and kind != "gpu":
            raise UsageError(f"--device: unknown device {item!r} (one of {', '.join(DEVICE_KINDS)}, gpu, all; "
                             "optionally with :INDEX)")
        if sep and (not index.isdigit() or kind in ("cpu", "gpu")):
            raise UsageError(f"--device: bad device index in {item!r} (e.g. cuda:0)")
        if item not in out:
            out.append(item)
    if not out:
        raise UsageError("--device: give at least one device (cpu, cuda, ..., gpu, all)")
    return tuple(out)


def parse_modes(text: str) -> tuple[str, ...]:
    value = text.strip().lower()
    if value == "both":
        return MODES
    if value in MODES:
        return (value,)
    raise UsageError(f"--mode: {text!r} is not one of train, infer, both")


def options_from_flags(frameworks: Sequence[str], device: str | None, mode: str, batch_size: int,
                       duration: float | None, quick: bool, best: bool, timeout: float | None) -> BenchOptions:
    """`hwprobe bench`'s flags as options; contradictions are usage errors (exit 2)."""
    if quick and duration is not None:
        raise UsageError("--quick and --duration: give one of them (--quick is 0.5 s per mode)")
    if not 1 <= batch_size <= MAX_BATCH:
        raise UsageError(f"--batch-size {batch_size}: must be between 1 and {MAX_BATCH}")
    base = BenchOptions.quick(frameworks) if quick else BenchOptions(
        frameworks=tuple(frameworks), duration=DEFAULT_DURATION if duration is None else duration)
    return replace(base, devices=parse_devices(device), modes=parse_modes(mode), batch_size=batch_size,
                   best=best, timeout=timeout)


def _label(kind: str, index: int) -> str:
    return "cpu" if kind == "cpu" else f"{kind}:{index}"


def _wanted(spec: str, kind: str, index: int) -> bool:
    k, _, i = spec.partition(":")
    if k == "gpu":
        return kind in GPU_KINDS
    return k == kind and (not i or int(i) == index)


def plan(frameworks: Sequence[FrameworkFacts], options: BenchOptions) -> tuple[list[BenchJob], list[BenchmarkRow]]:
    """The runs to make, and rows for what cannot run (framework broken, device absent or failing its smoke test)."""
    jobs: list[BenchJob] = []
    skipped: list[BenchmarkRow] = []

    def skip(fw: str, device: str, detail: str) -> None:
        for m in options.modes:
            skipped.append(BenchmarkRow(framework=fw, device=device, mode=m, batch_size=options.batch_size,
                                        status="skipped", detail=detail))

    for name in options.frameworks:
        fw = next((f for f in frameworks if f.name == name), None)
        if fw is None or fw.status != "ok":
            why = "was not probed" if fw is None else (fw.detail or fw.status).splitlines()[0][:300]
            skip(name, "cpu", f"{name} {why}" if fw is None else f"{name} is {fw.status}: {why}")
            continue
        seen = [d for d in fw.devices if not options.devices or any(_wanted(s, d.kind, d.index) for s in options.devices)]
        for spec in options.devices:
            if not any(_wanted(spec, d.kind, d.index) for d in fw.devices):
                skip(name, spec, f"{name} sees no {spec} device (see the matrix and findings)")
        for d in seen:
            label = _label(d.kind, d.index)
            if d.smoke is not None and d.smoke.status not in ("ok",):
                skip(name, label, f"smoke test {d.smoke.status} on {label}"
                     + (f": {d.smoke.detail}" if d.smoke.detail else "") + "; not benchmarked")
                continue
            configs = [(m, dict(BEST_CONFIG.get((name, d.kind, m), {})) if options.best else {}) for m in options.modes]
            groups: list[tuple[list[str], dict[str, Any]]] = []
            for m, config in configs:  # one child per mode, or per run of modes that share a configuration
                if options.group_modes and groups and groups[-1][1] == config:
                    groups[-1][0].append(m)
                else:
                    groups.append(([m], config))
            for modes, config in groups:
                jobs.append(BenchJob(name, label, d.kind, d.index, tuple(modes), options.batch_size,
                                     options.duration, options.warmup_max, config))
    return jobs, skipped


def job_argv(job: BenchJob, budget: float | None = None) -> list[str]:
    args = ["--framework", job.framework, "--device", job.device, "--mode", ",".join(job.modes),
            "--batch-size", str(job.batch_size), "--duration", f"{job.duration:g}",
            "--config", json.dumps(job.config, sort_keys=True)]
    if job.warmup_max is not None:
        args += ["--warmup-max", f"{job.warmup_max:g}"]
    if budget is not None:
        args += ["--budget", f"{budget:.2f}"]
    return child_argv("hwprobe.probes.bench_child", args)


# `malloc_keep_heap`: glibc keeps freed memory for the next step instead of returning it to the OS
# and faulting it in again (its dynamic mmap and trim thresholds otherwise decide by chance, run to
# run: https://man7.org/linux/man-pages/man3/mallopt.3.html). PyTorch's tuning guide recommends an
# allocator that reuses memory for the same reason (https://pytorch.org/tutorials/recipes/recipes/
# tuning_guide.html, "Switch Memory allocator"). glibc reads these when the process starts, so they
# go into the child's environment; other C libraries ignore them.
KEEP_HEAP_ENV = {"MALLOC_MMAP_THRESHOLD_": str(32 << 20), "MALLOC_TRIM_THRESHOLD_": str(256 << 20)}


def job_env(job: BenchJob) -> dict[str, str]:
    env = child_env()
    if job.config.get("malloc_keep_heap"):
        env.update(KEEP_HEAP_ENV)
    return env


def expected_seconds(job: BenchJob) -> float:
    """What a healthy run takes, roughly: for progress bars, never for verdicts."""
    warm = job.warmup_max if job.warmup_max is not None else max(2.0, job.duration)
    imp = 3.0 if job.framework == "tensorflow" else 1.5
    return imp + len(job.modes) * (job.duration + min(warm, 1.0) + 0.5)


def job_timeout(job: BenchJob, options: BenchOptions) -> float:
    if options.timeout is not None:
        return options.timeout
    warm = job.warmup_max if job.warmup_max is not None else max(2.0, job.duration)
    extra = COMPILE_ALLOWANCE_S if job.config.get("compile") else 0.0
    # A timed phase ends after `duration` and at least 5 steps; slow steps (huge batches) need more.
    return CHILD_OVERHEAD_S + extra + len(job.modes) * (warm + 2 * job.duration + 30.0)


def run_jobs(io: HostIO, jobs: Sequence[BenchJob], options: BenchOptions,
             progress: Progress | None = None) -> list[BenchmarkRow]:
    """One child at a time: benchmarks running side by side would measure each other."""
    rows: list[BenchmarkRow] = []
    end = time.monotonic() + options.budget if options.budget else None
    for i, job in enumerate(jobs):
        budget = None
        if end is not None:  # a share of what is left, in proportion to what each remaining run needs
            weights = [expected_seconds(j) for j in jobs[i:]]
            budget = max(0.0, end - time.monotonic()) * weights[0] / sum(weights)
        if progress:
            progress(job.label, "start", budget if budget is not None else expected_seconds(job))
        limit = job_timeout(job, options) if budget is None else budget + BUDGET_GRACE_S
        if options.timeout is not None:  # --probe-timeout: the user's limit for every child, a budget's too
            limit = min(limit, options.timeout)
        result = io.probe(f"bench:{job.framework}:{job.device}:{'+'.join(job.modes)}", job_argv(job, budget), limit,
                          job_env(job))
        got = interpret(job, result, limit)
        rows.extend(got)
        if progress:
            worst = next((r.status for r in got if r.status != "ok"), "ok")
            progress(job.label, f"done:{worst}", 0.0)
    return rows


def run_benchmarks(io: HostIO, facts: Facts, options: BenchOptions,
                   progress: Callable[[int], ContextManager[Progress | None]] | None = None) -> tuple[BenchmarkRow, ...]:
    """Every planned run, skipped rows for what could not run, and the device's estimated peak on each row.

    `progress(number_of_runs)` makes the context that receives each run's start and end.
    """
    from hwprobe.reason.peaks import attach_peaks

    jobs, skipped = plan(facts.frameworks, options)
    with (progress(len(jobs)) if progress else contextlib.nullcontext()) as callback:
        rows = run_jobs(io, jobs, options, callback) + skipped
    return attach_peaks(tuple(rows), facts)


def with_benchmarks(io: HostIO, facts: Facts, options: BenchOptions,
                    progress: Callable[[int], ContextManager[Progress | None]] | None = None) -> Facts:
    return replace(facts, benchmarks=run_benchmarks(io, facts, options, progress))


# --- reading what a child did (pure) ----------------------------------------------------------


def interpret(job: BenchJob, result: CommandResult, timeout: float) -> list[BenchmarkRow]:
    """One row per mode of the job from the child's CommandResult."""
    requested = {"requested": dict(job.config), "duration_s": job.duration}

    def every(status: str, detail: str) -> list[BenchmarkRow]:
        return [BenchmarkRow(framework=job.framework, device=job.device, mode=m, batch_size=job.batch_size,
                             status=status, detail=detail, config=requested) for m in job.modes]

    if result.status == "timeout":
        return every("timeout", f"no result within {timeout:g} s (hung, or slower than the limit); killed")
    if result.status == "crashed":
        hint = " (the kernel's out-of-memory killer sends SIGKILL)" if result.signal == "SIGKILL" else ""
        return every("crashed", f"the benchmark child was killed by {result.signal}{hint}{_last_line(result.stderr)}")
    if result.status != "ok":
        return every("error", f"could not start the benchmark child: {result.detail}")
    report = _report(result.stdout)
    if report is None:
        how = f"exited with code {result.returncode}" if result.returncode else "exited"
        return every("error", f"the benchmark child {how} without a report{_last_line(result.stderr)}")
    if report.get("status") != "ok":
        return every("error", f"{job.framework}: {report.get('status')}: {str(report.get('detail') or '')[:500]}")
    by_mode = {r.get("mode"): r for r in report.get("rows") or [] if isinstance(r, dict)}
    errors = report.get("errors") or {}
    out = []
    for m in job.modes:
        row = by_mode.get(m)
        if row is None:
            out.append(every("error", f"no row for {m}: {errors.get(m, 'the child returned none')}")[0])
            continue
        out.append(_row(job, m, row, requested, report.get("import_s")))
    return out


def _row(job: BenchJob, mode: str, row: dict[str, Any], requested: dict[str, Any],
         import_s: Any = None) -> BenchmarkRow:
    config = dict(row.get("config") or {})
    config.update(requested)
    for key in ("warmup", "check", "setup_s", "page_faults_per_step"):
        if key in row:
            config[key] = row[key]
    flops = cnn.flops_per_image(mode)
    common = dict(framework=job.framework, device=job.device, mode=mode, batch_size=job.batch_size,
                  flops_per_image=flops, config=config)
    status = str(row.get("status"))
    steps = row.get("step_s")
    if status != "ok":
        status = status if status in ("oom", "error", "skipped") else "error"
        return BenchmarkRow(status=status, detail=str(row.get("detail") or "failed")[:2000], **common)
    if not isinstance(steps, list) or not steps or not all(isinstance(s, (int, float)) and s > 0 for s in steps):
        return BenchmarkRow(status="error", detail="the child returned no usable step times", **common)
    s = summarize([float(x) for x in steps], job.batch_size, flops)
    notes = []
    warm = row.get("warmup") or {}
    if warm.get("settled") is False and warm.get("cut_short"):
        # The budget went on the import and setup (a cold first run): say where the time went.
        parts = [f"{what} {secs:.1f} s" for what, secs in (("the import", import_s), ("setup", row.get("setup_s")))
                 if isinstance(secs, (int, float))]
        spent = f" ({', '.join(parts)})" if parts else ""
        notes.append(f"the time budget was used up before warm-up settled{spent}: {warm.get('steps')} warm-up "
                     "step(s) only; timings may include warm-up")
    elif warm.get("settled") is False:
        notes.append(f"warm-up did not settle within {warm.get('seconds', 0):.1f} s ({warm.get('steps')} steps); "
                     "timings may include warm-up")
    if s["runs"] < MIN_RUNS:
        notes.append(f"only {s['runs']} timed step(s) within the time budget: not a stable figure")
    detail = "; ".join(notes) or None
    return BenchmarkRow(status="ok", images_per_sec=s["images_per_sec"], median_ms=s["median_ms"],
                        iqr_ms=s["iqr_ms"], runs=s["runs"], gflops_per_sec=s["gflops_per_sec"],
                        noisy=s["noisy"], detail=detail, **common)


def _report(stdout: str) -> dict[str, Any] | None:
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    if not lines:
        return None
    try:
        report = json.loads(lines[-1])
    except ValueError:
        return None
    return report if isinstance(report, dict) and report.get("probe") == "bench" else None


def _last_line(stderr: str) -> str:
    lines = [ln.strip() for ln in (stderr or "").splitlines() if ln.strip()]
    return f"; last words: {lines[-1][:300]}" if lines else ""
