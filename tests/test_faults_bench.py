"""Benchmark children that crash, hang or run out of memory: a row with that status, the other runs go on.

The fakes pass the probe (an ok report with a CPU that passed its smoke test, written on the probe's
report pipe) so that the doctor plans a benchmark, and act out the fault when the benchmark child
(probes/bench_child.py) imports them. The out-of-memory row is a real allocation failure of the real
torch. Bad `hwprobe bench` values are rows of the bad-input table (tests/faults/bad_input.py, `bench-*`).
"""

from __future__ import annotations

import os
import resource

import pytest
from conftest import HAS_TORCH
from faults.frameworks import BENCH_HANG, BENCH_SIGSEGV, bench_fault, fake_framework, real_torch_in_bench
from faults.observe import observe
from faults.processes import hwprobe

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals and resource limits")

LIMIT = 3  # --probe-timeout: the hung benchmark child's limit (the run costs it once)
MARGIN = 30  # generous: the doctor's own work besides that limit; never a tight timing
COMMANDS = {
    "doctor-quick-benchmark": ("doctor", "--json", "--probe-timeout", str(LIMIT)),
    "hwprobe-bench": ("bench", "--json", "--device", "cpu", "--mode", "train", "--duration", "0.2",
                      "--probe-timeout", str(LIMIT)),
}


def test_a_benchmark_child_that_crashes_or_hangs_is_a_row_and_the_run_goes_on(tmp_path, validate, request):
    """The doctor's quick benchmark and `hwprobe bench`, at once (each with its own fakes): torch's benchmark
    child dies of SIGSEGV on import, TensorFlow's hangs on import; both probes pass."""
    from concurrent.futures import ThreadPoolExecutor

    from faults.fixtures import make_faultbed

    beds = {name: make_faultbed(tmp_path / name) for name in COMMANDS}
    for bed in beds.values():
        fake_framework(bed.site, "torch", bench_fault("torch", BENCH_SIGSEGV))
        fake_framework(bed.site, "tensorflow", bench_fault("tensorflow", BENCH_HANG))
    with ThreadPoolExecutor(len(COMMANDS)) as pool:
        runs = dict(zip(COMMANDS, pool.map(lambda n: hwprobe(*COMMANDS[n], env=beds[n].env, timeout=300), COMMANDS)))
    said = []
    for name, run in runs.items():
        assert run.returncode == 0, (name, run.stderr[-3000:])
        assert "Traceback" not in run.stderr
        report = run.json()
        validate(report)
        assert {f["name"]: f["status"] for f in report["frameworks"]} == {"torch": "ok", "tensorflow": "ok"}
        assert {"torch-bench", "tensorflow-bench"} <= set(beds[name].pids()), f"{name}: a benchmark child never started"
        rows = {(r["framework"], r["mode"]): r for r in report["benchmarks"]}
        modes = ("train",) if name == "hwprobe-bench" else ("train", "infer")
        assert set(rows) == {(fw, m) for fw in ("torch", "tensorflow") for m in modes}, (name, sorted(rows))
        for m in modes:
            crashed, hung = rows[("torch", m)], rows[("tensorflow", m)]
            assert crashed["status"] == "crashed" and "SIGSEGV" in crashed["detail"], crashed
            assert hung["status"] == "timeout" and f"within {LIMIT} s" in hung["detail"], hung
            assert crashed["images_per_sec"] is None and hung["images_per_sec"] is None
        assert run.seconds < LIMIT + MARGIN, f"{name}: {run.seconds:.0f} s with a {LIMIT} s limit"
        beds[name].assert_nothing_left(run)
        shown = " ".join(a for a in COMMANDS[name] if a != "--json")
        said.append(f"`hwprobe {shown}`: exit 0, schema-valid, {run.seconds:.1f} s, torch {'+'.join(modes)} crashed "
                    f"(\"{rows[('torch', 'train')]['detail']}\"), tensorflow {'+'.join(modes)} timeout "
                    f"(\"{rows[('tensorflow', 'train')]['detail']}\")")
    observe(request, "; ".join(said) + "; no process left")


@pytest.mark.skipif(not HAS_TORCH, reason="needs the real torch")
def test_a_real_out_of_memory_error_in_the_benchmark_is_an_oom_row(faultbed, validate, request):
    """`hwprobe bench` under a 6 GiB address-space limit (RLIMIT_AS) with a batch of 700,000 images (an
    8.6 GB input): the real torch's allocator fails in the benchmark child. The probe is the fake's, so
    only the benchmark child pays for importing the real torch."""
    fake_framework(faultbed.site, "torch", bench_fault("torch", real_torch_in_bench(str(faultbed.site))))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))

    run = hwprobe("bench", "--json", "--framework", "torch", "--device", "cpu", "--mode", "infer", "--batch-size",
                  "700000", "--duration", "0.2", env=faultbed.env, timeout=300, preexec_fn=limit)
    assert run.returncode == 0, run.stderr[-3000:]
    report = run.json()
    validate(report)
    (row,) = report["benchmarks"]
    assert row["status"] == "oom", row
    assert "allocate" in row["detail"] and row["images_per_sec"] is None, row
    faultbed.assert_nothing_left(run)
    observe(request, f"exit 0, schema-valid; the row: oom, \"{' '.join(row['detail'].split())[:150]}\"")
