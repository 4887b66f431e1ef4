"""How long `hwprobe doctor --no-bench --json` takes, against the bare cost of the slowest framework.

Runs, interleaved in one session so machine noise hits every variant alike:
  bare TF      python -c "import tensorflow as tf; tf.config.list_physical_devices()"
  doctor       python -m hwprobe doctor --no-bench --json
  help         python -m hwprobe --help
and, in this process, the OS-side detectors alone on the live machine (all of sense/: host, cpu, memory,
packages, environment and every accelerator detector in sense/accelerators.py DETECTORS), plus each
accelerator detector on its own.
Prints medians and the ratios against the targets (doctor <= 1.25 x bare TF; help < 0.3 s;
detectors < 0.2 s). Usage: python benchmarks/doctor_latency.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True, cwd=REPO)
    return time.perf_counter() - start


def detectors_once() -> float:
    from hwprobe.sense.accelerators import detect_accelerators
    from hwprobe.sense.cpu import detect_cpu
    from hwprobe.sense.environment import detect_variables
    from hwprobe.sense.host import detect_host
    from hwprobe.sense.io import LiveIO
    from hwprobe.sense.memory import detect_memory
    from hwprobe.sense.packages import detect_packages

    io = LiveIO()
    start = time.perf_counter()
    detect_packages(io)
    detect_host(io)
    detect_cpu(io)
    detect_memory(io)
    detect_accelerators(io)
    detect_variables(io)
    return time.perf_counter() - start


def per_detector_once() -> dict[str, float]:
    """Each accelerator detector alone, on a fresh LiveIO (no shared PCI scan), so none hides in another's time."""
    from hwprobe.sense.accelerators import DETECTORS
    from hwprobe.sense.io import LiveIO

    out = {}
    for name, detector in DETECTORS:
        io = LiveIO()
        start = time.perf_counter()
        detector(io)
        out[name] = time.perf_counter() - start
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    py = sys.executable
    variants = {
        "bare TF": [py, "-c", "import tensorflow as tf; tf.config.list_physical_devices()"],
        "doctor": [py, "-m", "hwprobe", "doctor", "--no-bench", "--json"],
        "help": [py, "-m", "hwprobe", "--help"],
    }
    for argv in variants.values():  # warm the page cache once; not counted
        timed(argv, env)
    times: dict[str, list[float]] = {k: [] for k in variants}
    times["detectors"] = []
    each: dict[str, list[float]] = {}
    sys.path.insert(0, str(REPO))
    for _ in range(args.rounds):
        for name, argv in variants.items():
            times[name].append(timed(argv, env))
        times["detectors"].append(detectors_once())
        for name, seconds in per_detector_once().items():
            each.setdefault(name, []).append(seconds)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{'variant':<10} {'median s':>9} {'min s':>7} {'max s':>7}   ({args.rounds} rounds, interleaved)")
    for k, v in times.items():
        print(f"{k:<10} {med[k]:9.3f} {min(v):7.3f} {max(v):7.3f}")
    print("accelerator detectors alone (median s): "
          + ", ".join(f"{k} {statistics.median(v):.4f}" for k, v in each.items()))
    ratio = med["doctor"] / med["bare TF"]
    print(f"\ndoctor / bare TF = {ratio:.2f}x   (target <= 1.25x: {'met' if ratio <= 1.25 else 'NOT met'})")
    print(f"--help          = {med['help']:.3f} s (target < 0.3 s: {'met' if med['help'] < 0.3 else 'NOT met'})")
    print(f"detectors       = {med['detectors']:.3f} s (target < 0.2 s: {'met' if med['detectors'] < 0.2 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
