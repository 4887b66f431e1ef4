"""A pasted docker-compose file: whether its services ask Docker for GPUs, which compose does only when told
(docs.docker.com/compose/how-tos/gpu-support: a `deploy.resources.reservations.devices` entry with
`capabilities: [gpu]`, or the legacy `runtime: nvidia`)."""

from __future__ import annotations

import re
from typing import Sequence

from hwprobe.parse.draft import HINT, Draft
from hwprobe.parse.source import Line

# The start of a compose file or fragment: its `services:` map, or a service's `deploy:` key over `resources:`.
_SERVICES = re.compile(r"^\s{0,2}services:\s*(?:#.*)?$")
_SERVICE_KEY = re.compile(r"^\s+(?:-\s*)?(?:image|build|container_name|command|entrypoint|volumes|ports|deploy):(?:\s|$)")
_DEPLOY = re.compile(r"^\s*deploy:\s*(?:#.*)?$")
_RESOURCES = re.compile(r"^\s*resources:\s*$")
# What asks for a GPU in a compose file: the legacy NVIDIA runtime, compose's newer `gpus:` key, or device nodes.
_RUNTIME = re.compile(r"^\s*(?:runtime:\s*['\"]?nvidia\b|gpus:\s*\S|-\s*['\"]?/dev/nvidia)")
# A device reservation: `capabilities: [gpu]`, `capabilities: ["gpu", "utility"]`, or the list form over `- gpu`.
_CAPS_INLINE = re.compile(r"^\s*-?\s*capabilities:\s*\[[^\]]*\bgpu\b", re.I)
_CAPS_OPEN = re.compile(r"^\s*-?\s*capabilities:\s*$")
_CAPS_ITEM = re.compile(r"^\s*-\s*['\"]?gpu['\"]?\s*$")
_DRIVER = re.compile(r"^\s*-?\s*driver:\s*['\"]?(?:nvidia|\$\{)", re.I)
_LOOK_AHEAD = 8  # lines after `services:` or `deploy:` in which a service's keys or `resources:` must follow

# `docker compose up`'s log: each line under its service's name and a bar ("qna-transformers_1  |   File ...",
# "test-1  | ..."), weaviate#1736.
_LOG = re.compile(r"^(?P<service>[A-Za-z0-9][\w.-]*?[-_]\d+)\s+\|\s")

LOG = "a compose service's log"
NONE = "a compose service without a GPU request"
RESERVED = "a compose GPU reservation (deploy.resources.reservations.devices)"
RUNTIME = "started with GPU access (compose runtime: nvidia / gpus)"


def read(lines: Sequence[Line], d: Draft) -> None:
    start = _start(lines)
    if start is None:
        logged = [ln for ln in lines if "|" in ln.text and _LOG.match(ln.text)]
        if len(logged) >= 2 and len({_LOG.match(ln.text).group("service") for ln in logged}) < len(logged):
            # two lines or more of one service's log: the program ran in a compose service's container
            d.set("host.container", "docker", logged[0].no, logged[0].text, HINT - 1)
            d.set("container.hint", LOG, logged[0].no, logged[0].text, HINT - 2)
        return
    runtime = next((ln for ln in lines if _RUNTIME.match(ln.text)), None)
    reserved = next((ln for i, ln in enumerate(lines) if _CAPS_INLINE.match(ln.text) or (
        _CAPS_OPEN.match(ln.text) and any(_CAPS_ITEM.match(x.text) for x in lines[i + 1:i + 3]))), None)
    if reserved is None:
        reserved = next((ln for ln in lines if _DRIVER.match(ln.text)), None)
    d.set("host.container", "docker", start.no, start.text, HINT - 1)
    if runtime is not None:
        d.set("container.hint", RUNTIME, runtime.no, runtime.text, HINT - 1)
    elif reserved is not None:
        d.set("container.hint", RESERVED, reserved.no, reserved.text, HINT - 1)
    elif _SERVICES.match(start.text):  # a whole services map was pasted, and none of its lines asks for a GPU
        d.set("container.hint", NONE, start.no, start.text, HINT - 1)


def _start(lines: Sequence[Line]) -> Line | None:
    """The line that opens a compose file or a service's deploy block, when the lines after it bear that out."""
    for i, ln in enumerate(lines):
        t = ln.text
        if "services:" not in t and "deploy:" not in t:
            continue
        after = lines[i + 1:i + 1 + _LOOK_AHEAD]
        if _SERVICES.match(t) and any(_SERVICE_KEY.match(x.text) for x in after):
            return ln
        if _DEPLOY.match(t) and any(_RESOURCES.match(x.text) for x in after[:2]):
            return ln
    return None
