"""Planted identities and secrets, and the search for them in every output.

Made up for the test (none is a real credential); each is distinctive, so finding it in an
output can only mean it leaked.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

USER = "planted-user-q7"
HOME = f"/home/{USER}"
NODE = "planted-node-q7"  # through a recording: the live host name cannot be changed by a test

SECRET_ENV = {
    "HF_TOKEN": "hf_PlantedHuggingFaceToken0123456789Q7",
    "AWS_ACCESS_KEY_ID": "AKIAPLANTEDQ7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIplantedQ7bPxRfiCYEXAMPLEKEY",
    "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEPlantedSessionTokenQ7//////////",
    "GOOGLE_APPLICATION_CREDENTIALS": f"{HOME}/.config/gcloud/planted-sa-key-q7.json",
    "AZURE_CLIENT_SECRET": "azs~PlantedAzureSecret.Q7_x9",
    "AZURE_TENANT_ID": "planted-tenant-q7-contoso",
    "GITHUB_TOKEN": "ghp_PlantedGitHubToken0123456789abcdefQ7",
    "MY_SERVICE_API_KEY": "plantedapikey-7Q2x9L",
    "DB_PASSWORD": "Planted-Pa55word-Q7",
    "SOME_CREDENTIAL": "planted-credential-q7",
    "BASIC_AUTH": "planted-basic-auth-q7",
    "WANDB_API_KEY": "0123456789abcdefplanted0123456789abcdefq7",
    "KAGGLE_KEY": "plantedkagglekeyq70123456789abcd",  # KAGGLE_ is reported by environment.py
    "TORCH_HUB_TOKEN": "planted-torch-hub-token-q7",  # TORCH_ too
}
# Relevant variables (reported by environment.py) whose values hold secrets or addresses.
REPORTED_ENV = {
    "PYTORCH_INDEX_URL": "https://planteduser:planted-url-pass-q7@pypi.example.com/simple",
    "KUBERNETES_SERVICE_HOST": "10.213.7.99",
    "GCE_METADATA_HOST": "10.128.0.77",
}
IDENTIFIERS = {
    "gpu uuid": "GPU-4b1c0e2a-9f3d-4c8e-a1b2-0c9d8e7f6a5b",
    "mig uuid": "MIG-8d2e4c1a-3b5f-4e6d-9a7c-1f0e2d3c4b5a",
    "serial": "1324021098765",
    "mac": "02:42:ac:11:00:07",
    "ipv4": "172.17.0.7",
    "ipv6": "2001:db8:85a3::8a2e:370:7334",
    "link-local ipv6": "fe80::42:acff:fe11:7",
    "home path": f"{HOME}/venvs/dl/lib/python3.11/site-packages/torch/lib/libtorch_cuda.so",
}


def planted_env() -> dict[str, str]:
    return {**SECRET_ENV, **REPORTED_ENV, "HOME": HOME, "USER": USER, "LOGNAME": USER}


def dump_lines() -> list[str]:
    """What a chatty library prints: its environment and the machine's identifiers, one per line."""
    lines = [f"debug env {k}={v}" for k, v in {**SECRET_ENV, **REPORTED_ENV}.items()]
    lines += [
        f"CUDA device 0: {IDENTIFIERS['gpu uuid']} ({IDENTIFIERS['mig uuid']}/1/0)",
        f"Serial Number: {IDENTIFIERS['serial']}",
        f"eth0: ether {IDENTIFIERS['mac']} inet {IDENTIFIERS['ipv4']} inet6 {IDENTIFIERS['ipv6']} "
        f"{IDENTIFIERS['link-local ipv6']}%eth0",
        f"loading {IDENTIFIERS['home path']} as {USER}",
    ]
    return lines


def last_line() -> str:
    """One line holding a bit of everything: renderers show only the last line of stderr."""
    return (f"fatal: {IDENTIFIERS['gpu uuid']} serial={IDENTIFIERS['serial']} {IDENTIFIERS['mac']} "
            f"{IDENTIFIERS['ipv4']} {IDENTIFIERS['ipv6']} {IDENTIFIERS['home path']} user {USER} "
            f"token {SECRET_ENV['HF_TOKEN']} AWS_SECRET_ACCESS_KEY={SECRET_ENV['AWS_SECRET_ACCESS_KEY']}")


def needles(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """label -> planted string that must not appear in a redacted output."""
    out = {f"env {k}": v for k, v in {**SECRET_ENV, **REPORTED_ENV}.items()}
    out["PYTORCH_INDEX_URL password"] = "planted-url-pass-q7"
    out.update(IDENTIFIERS)
    out["home"] = HOME
    out["user"] = USER
    out.update(extra or {})
    return out


def leaks(outputs: Mapping[str, str], planted: Mapping[str, str]) -> list[str]:
    """'<output>: <label>' for every planted string found, also across line wraps and as a large fragment."""
    found = []
    for where, text in outputs.items():
        squeezed = re.sub(r"\s+", "", text)
        for label, value in planted.items():
            core = value[3:-3] if len(value) > 14 else value
            if value in text or re.sub(r"\s+", "", value) in squeezed or core in text:
                found.append(f"{where}: {label}")
    return found


def present(outputs: Iterable[str], planted: Mapping[str, str]) -> list[str]:
    text = "\n".join(outputs)
    return [label for label, value in planted.items() if value in text]
