"""Peak memory and time of `hwprobe explain` on a huge paste (default 50 MB) against a small one.

The big input is a real collect_env paste, then SIZE of training-log noise with one known error
message in the middle, then a real traceback; explain must read it in bounded memory and time and
still find the error in the middle with its line number. Each run is its own child process; the peak
RSS printed is getrusage(RUSAGE_CHILDREN), the highest of the children run so far (so the small run
goes first).

    python benchmarks/explain_large_input.py [--mb 50]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "parse_samples"
MIDDLE = "RuntimeError: The NVIDIA driver on your system is too old (found version 11040).\n"


def build(path: Path, mb: int) -> int:
    """Write the input; return the line number of the middle error."""
    head = (SAMPLES / "collect_env_2024_windows_cpu_wheel.txt").read_text(encoding="utf-8") + "\n"
    tail = (SAMPLES / "traceback_ipython_dll.txt").read_text(encoding="utf-8")
    block = "".join(f"2024-05-01 12:00:{i % 60:02d} step {i}: loss=0.{i % 997:03d} lr=3e-4 grad_norm=1.{i % 89:02d}\n"
                    for i in range(10000))
    target = mb * 2**20
    lines = head.count("\n")
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        written = len(head)
        middle_line = None
        while written < target:
            if middle_line is None and written >= target // 2:
                middle_line = lines + 1
                fh.write(MIDDLE)
                written += len(MIDDLE)
                lines += 1
            fh.write(block)
            written += len(block)
            lines += block.count("\n")
        fh.write(tail)
    return middle_line or 0


def run(path: Path) -> tuple[float, float, dict]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "hwprobe", "explain", str(path), "--json"], capture_output=True,
                         text=True, env=env, timeout=600)
    seconds = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
    if res.returncode != 0:
        raise SystemExit(f"explain failed ({res.returncode}): {res.stderr.strip()[:300]}")
    return seconds, peak_mib, json.loads(res.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text((SAMPLES / "collect_env_2024_windows_cpu_wheel.txt").read_text(encoding="utf-8"), encoding="utf-8")
        s_sec, s_rss, _ = run(small)  # the first child: RUSAGE_CHILDREN holds its peak only
        big = Path(tmp) / "big.log"
        middle = build(big, args.mb)
        size = big.stat().st_size
        b_sec, b_rss, report = run(big)
        flat = Path(tmp) / "one-line.log"
        with flat.open("w", encoding="utf-8") as fh:  # the same size without a single line break
            for _ in range(args.mb):
                fh.write("x" * 2**20)
        f_sec, f_rss, _ = run(flat)
    found = [o["line"] for o in report["observations"] if o["code"] == "cuda.driver_too_old"]
    print(f"small paste ({small.name}): {s_sec:.2f} s, peak RSS {s_rss:.0f} MiB")
    print(f"huge paste: {size / 2**20:.1f} MiB, {report['explanation']['lines']} lines: {b_sec:.2f} s, "
          f"peak RSS {b_rss:.0f} MiB (ratio to small: time x{b_sec / s_sec:.1f}, memory x{b_rss / s_rss:.2f})")
    print(f"error in the middle at line {middle}: found at {found}; skipped: {report['explanation']['skipped']}")
    print(f"one {args.mb} MiB line without breaks: {f_sec:.2f} s, peak RSS {f_rss:.0f} MiB (the highest of all runs)")
    return 0 if found == [middle] else 1


if __name__ == "__main__":
    raise SystemExit(main())
