"""Environment variables that change what frameworks see (CUDA_VISIBLE_DEVICES and friends)."""

from __future__ import annotations

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
