"""How steps are timed and summarized, and how the child checks numbers and names failures."""

from __future__ import annotations

import argparse
import contextlib

import pytest

from hwprobe.probes import bench_child, timing


class FakeClock:
    """A clock that a fake step advances: step durations chosen by the test, no real time passes."""

    def __init__(self, durations):
        self.now = 0.0
        self.durations = iter(durations)
        self.calls = 0

    def __call__(self) -> float:
        return self.now

    def step(self) -> None:
        self.calls += 1
        self.now += next(self.durations)


def test_summary_gives_median_iqr_images_per_second_and_gflops():
    times = [0.010, 0.011, 0.012, 0.013, 0.014]
    s = timing.summarize(times, batch_size=32, flops_per_image=1e7)
    assert s["median_ms"] == pytest.approx(12.0)
    assert s["iqr_ms"] == pytest.approx(2.0)  # inclusive quartiles: 11 and 13 ms
    assert s["runs"] == 5
    assert s["images_per_sec"] == pytest.approx(32 / 0.012)
    assert s["gflops_per_sec"] == pytest.approx(32 / 0.012 * 1e7 / 1e9)
    assert s["noisy"] is True  # IQR is 16.7 % of the median


def test_a_tight_spread_is_not_noisy_and_a_wide_one_is():
    assert timing.summarize([0.0100, 0.0101, 0.0102, 0.0103], 1, None)["noisy"] is False
    assert timing.summarize([0.010, 0.010, 0.020, 0.020], 1, None)["noisy"] is True
    assert timing.summarize([0.010], 1, None)["iqr_ms"] == 0.0
    with pytest.raises(ValueError):
        timing.summarize([], 1, None)


def test_warm_up_runs_until_two_windows_agree():
    # A slow first step (tracing), a few slowing ones, then steady 10 ms steps.
    clock = FakeClock([2.0, 0.05, 0.04, 0.03, 0.02] + [0.010] * 100)
    w = timing.warm_up(clock.step, max_seconds=60, clock=clock)
    assert w.settled is True
    # Windows slide by one step: at step 13 the window before (steps 4-8: 30, 20, 10, 10, 10 ms)
    # already has a 10 ms median, like steps 9-13. Medians let the stragglers of warm-up pass.
    assert w.steps == 13
    assert w.first_ms == pytest.approx(2000.0)


def test_warm_up_that_never_settles_stops_at_its_limit_and_says_so():
    clock = FakeClock([0.1 * (i % 2 + 1) * (1 + i) for i in range(1000)])  # ever slower, alternating
    w = timing.warm_up(clock.step, max_seconds=5, clock=clock)
    assert w.settled is False and w.seconds >= 5 and not w.cut_short
    assert w.steps >= timing.MIN_WARMUP


def test_warm_up_never_runs_fewer_than_the_hand_written_loops_five_steps():
    clock = FakeClock([10.0] * 10)
    w = timing.warm_up(clock.step, max_seconds=1, clock=clock)
    assert w.steps == 5


def test_timed_steps_last_the_duration_with_at_least_five_runs():
    clock = FakeClock([0.01] * 1000)
    assert len(timing.time_steps(clock.step, duration=1.0, clock=clock)) == pytest.approx(100, abs=1)
    clock = FakeClock([1.0] * 100)
    assert len(timing.time_steps(clock.step, duration=0.5, clock=clock)) == timing.MIN_RUNS


def test_a_deadline_cuts_warm_up_and_timing_short():
    clock = FakeClock([1.0] * 100)
    w = timing.warm_up(clock.step, max_seconds=60, deadline=2.5, clock=clock)
    assert w.steps == 3 and not w.settled and w.cut_short
    clock = FakeClock([1.0] * 100)
    assert len(timing.time_steps(clock.step, duration=60, deadline=2.5, clock=clock)) == 3


# Real failure messages: the first two were raised on this machine by torch 2.13 and TensorFlow 2.21
# under an address-space limit (tests/test_bench_runner.py makes the torch one again); the CUDA one
# is PyTorch's message format (c10/cuda/CUDACachingAllocator.cpp).
OOM_MESSAGES = [
    ("RuntimeError", "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: "
                     "you tried to allocate 23040000000 bytes. Error code 12 (Cannot allocate memory)"),
    ("ResourceExhaustedError", "OOM when allocating tensor with shape[200000,32,32,3] and type float on "
                               "/job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu [Op:Mul]"),
    ("OutOfMemoryError", "CUDA out of memory. Tried to allocate 20.00 MiB"),
    ("MemoryError", ""),
]


@pytest.mark.parametrize(("type_name", "message"), OOM_MESSAGES, ids=[t for t, _ in OOM_MESSAGES])
def test_out_of_memory_failures_are_classified_as_oom(type_name, message):
    exc_type = type(type_name, (MemoryError if type_name == "MemoryError" else RuntimeError,), {})
    assert bench_child.classify(exc_type(message)) == "oom"


def test_other_failures_are_errors():
    assert bench_child.classify(RuntimeError("CUDA error: an illegal memory access was encountered")) == "error"
    assert bench_child.classify(ValueError("shapes do not match")) == "error"


def test_relative_error_is_scaled_by_the_largest_reference_value():
    assert bench_child.relative_error([1.0, 2.1], [1.0, 2.0]) == pytest.approx(0.05)
    assert bench_child.relative_error([0.0011], [0.001]) == pytest.approx(0.1)  # small logits: still relative
    assert bench_child.relative_error([float("nan")], [1.0]) == float("inf")
    assert bench_child.relative_error([1.0], [1.0, 2.0]) == float("inf")


class _Bench:
    """A bench implementation whose device returns `got` for the check: the comparison machinery under test."""

    got: list[float] = []

    def __init__(self, fw, kind, index, batch_size, config):  # noqa: ANN001
        self.steps = 0

    def context(self, mode):  # noqa: ANN001, ANN201
        return contextlib.nullcontext()

    def check(self, mode):  # noqa: ANN001, ANN201
        return list(self.got), [0.5, -0.25, 1.0]

    def step(self, mode):  # noqa: ANN001, ANN201
        def one() -> None:
            self.steps += 1
        return one

    def effective_config(self, mode):  # noqa: ANN001, ANN201
        return {"threads": 1}


class _Impl:
    TorchBench = _Bench


def _args(**kw) -> argparse.Namespace:
    base = dict(batch_size=4, duration=0.05, warmup_max=0.05, budget=None)
    base.update(kw)
    return argparse.Namespace(**base)


@pytest.mark.parametrize("kind", ["cpu", "cuda"])
def test_a_device_whose_logits_differ_from_the_cpu_reference_gets_no_timings(kind):
    _Bench.got = [0.5, -0.25, 1.05]  # 5 % off: over every tolerance
    row = bench_child.run_mode(None, _Impl, "torch", kind, 0, "train", _args(), {})
    assert row["status"] == "error" and row["detail"].startswith("wrong result")
    assert row["check"]["passed"] is False and "step_s" not in row


def test_an_accelerator_within_its_tf32_tolerance_is_timed_but_the_same_error_on_a_cpu_is_not():
    _Bench.got = [0.5, -0.25, 1.002]  # 2e-3: TF32-sized on a GPU, far too much for float32 on a CPU
    gpu = bench_child.run_mode(None, _Impl, "torch", "cuda", 0, "infer", _args(), {})
    assert gpu["status"] == "ok" and gpu["check"]["passed"] and len(gpu["step_s"]) >= timing.MIN_RUNS
    cpu = bench_child.run_mode(None, _Impl, "torch", "cpu", 0, "infer", _args(), {})
    assert cpu["status"] == "error"


def test_an_exhausted_budget_skips_the_mode():
    import time

    row = bench_child.run_mode(None, _Impl, "torch", "cpu", 0, "train", _args(budget=1.0), {},
                               deadline=time.perf_counter() + 0.1)
    assert row["status"] == "skipped" and "budget" in row["detail"]
