"""Environment variables that change what frameworks see (CUDA_VISIBLE_DEVICES and friends)."""

from __future__ import annotations

import json
import re

from hwprobe.scrub import SECRET_NAME, is_secret_name  # noqa: F401 - SECRET_NAME: kept importable from here
from hwprobe.sense.io import HostIO, is_relevant_env

# Relevant to recordings (PATH, HOME, ...) but not worth showing in a report.
_NOT_REPORTED = {"PATH", "HOME", "USERPROFILE", "USER", "USERNAME", "LANG", "LC_ALL", "CI",
                 "PROCESSOR_ARCHITECTURE", "GITHUB_ACTIONS", "GITLAB_CI"}
# Terraform shares the TF_ prefix with TensorFlow; its variables say nothing about frameworks.
_TERRAFORM = re.compile(r"^TF_(CLI_|VAR_|LOG|INPUT|WORKSPACE|DATA_DIR|PLUGIN_CACHE_DIR|IN_AUTOMATION|REGISTRY_|TOKEN_)")


def detect_variables(io: HostIO) -> dict[str, str]:
    env = io.env()
    out = {}
    for name in sorted(env):
        if name in _NOT_REPORTED or _TERRAFORM.match(name) or not is_relevant_env(name):
            continue
        out[name] = "<redacted>" if is_secret_name(name) else env[name]
    return out


# Where a CUDA toolkit says its version: version.json from CUDA 11.1, version.txt ("CUDA Version 10.2.89")
# before (CUDA Installation Guide for Linux, "Verify the Installation"), and `nvcc --version` ("Cuda compilation
# tools, release 13.0, V13.0.88"), which torch's collect_env reports as "CUDA runtime version".
_TOOLKIT_VARS = ("CUDA_HOME", "CUDA_PATH", "CUDA_ROOT")
_TOOLKIT_DIRS = ("/usr/local/cuda",)
_VERSION_TXT = re.compile(r"CUDA Version\s+(\d+\.\d+(?:\.\d+)?)")
NVCC_RELEASE = re.compile(r"Cuda compilation tools, release (\d+\.\d+), V(\d+\.\d+(?:\.\d+)?)")


def detect_cuda_toolkit(io: HostIO) -> str | None:
    """The system CUDA toolkit's version: its install directory's version file, else nvcc on PATH."""
    env = io.env()
    for root in [env[v] for v in _TOOLKIT_VARS if env.get(v)] + list(_TOOLKIT_DIRS):
        version = _toolkit_version(io, root.rstrip("/\\"))
        if version:
            return version
    nvcc = io.which("nvcc")  # looked up on PATH like nvidia-smi; never a path taken from a variable
    if nvcc:
        result = io.run(["nvcc", "--version"], timeout=5.0)
        m = NVCC_RELEASE.search(result.stdout or "") if result.returncode == 0 else None
        if m:
            return m.group(2)
    return None


def _toolkit_version(io: HostIO, root: str) -> str | None:
    sep = "\\" if "\\" in root else "/"
    try:
        data = json.loads(io.read_text(f"{root}{sep}version.json", max_bytes=65536))
        version = data.get("cuda", {}).get("version") if isinstance(data, dict) else None
        if isinstance(version, str) and re.fullmatch(r"\d+\.\d+(?:\.\d+)*", version):
            return version
    except (OSError, ValueError, AttributeError):
        pass
    try:
        m = _VERSION_TXT.search(io.read_text(f"{root}{sep}version.txt", max_bytes=4096))
        return m.group(1) if m else None
    except (OSError, ValueError):
        return None
