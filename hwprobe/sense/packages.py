"""Installed deep-learning distributions and their versions, read from metadata, never imported."""

from __future__ import annotations

import re

from hwprobe.facts import EnvironmentFacts
from hwprobe.sense.io import HostIO, QueryError

# Exact names and name prefixes (PEP 503-normalized) worth reporting.
INTERESTING = {
    "numpy", "ml-dtypes", "protobuf", "keras", "tf-keras", "triton", "mlx", "libtpu", "h5py",
    "pytorch-triton-rocm", "pytorch-triton-xpu", "scipy", "tensorboard", "tb-nightly", "tf-estimator-nightly",
}
INTERESTING_PREFIXES = (
    "torch", "tensorflow", "tf-nightly", "tf-keras", "keras-", "jax", "libtpu", "nvidia-", "cuda-",
    "cupy", "onnxruntime", "intel-extension-for-", "pytorch-triton", "intel-tensorflow",
)

# Distributions that provide each framework's import name; the first installed one wins.
FRAMEWORK_DISTRIBUTIONS = {
    "torch": ("torch",),
    "tensorflow": (
        "tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-intel", "tensorflow-macos",
        "tensorflow-rocm", "tensorflow-aarch64", "tensorflow-cpu-aws", "tensorflow-tpu",
        "intel-tensorflow", "tf-nightly", "tf-nightly-cpu", "tf-nightly-gpu",
    ),
}


def normalize(name: str) -> str:
    """PEP 503 name normalization: Torch_XLA -> torch-xla."""
    return re.sub(r"[-_.]+", "-", name).lower()


def is_interesting(name: str) -> bool:
    return name in INTERESTING or name.startswith(INTERESTING_PREFIXES)


def detect_packages(io: HostIO) -> tuple[dict[str, str], EnvironmentFacts]:
    """(versions of the interesting distributions, duplicates and installers as environment facts)."""
    try:
        dists = io.query("distributions")
    except QueryError:
        return {}, EnvironmentFacts()
    versions: dict[str, str] = {}
    seen: dict[str, list[str]] = {}
    installers: dict[str, str] = {}
    for d in dists if isinstance(dists, list) else []:
        if not isinstance(d, dict) or not d.get("name"):
            continue
        name = normalize(str(d["name"]))
        if not is_interesting(name):
            continue
        version = str(d.get("version") or "")
        seen.setdefault(name, []).append(version)
        # importlib.metadata lists dists in sys.path order: the first is the one Python imports.
        versions.setdefault(name, version)
        if d.get("installer") and name not in installers:
            installers[name] = str(d["installer"])
    duplicates = {k: tuple(v) for k, v in seen.items() if len(v) > 1}
    env = EnvironmentFacts(package_duplicates=duplicates, installers=installers)
    return dict(sorted(versions.items())), env


def framework_distribution(name: str, packages: dict[str, str]) -> str | None:
    """Which installed distribution provides the framework, or None if none does."""
    return next((d for d in FRAMEWORK_DISTRIBUTIONS.get(name, (name,)) if d in packages), None)
