"""Collect every fact about a machine: OS-side detectors here, framework probes in parallel children."""

from __future__ import annotations

import threading
from typing import Sequence

from hwprobe.facts import EnvironmentFacts, Facts, FrameworkFacts
from hwprobe.probes.runner import DEFAULT_TIMEOUT, Progress, run_probes
from hwprobe.sense.accelerators import detect_accelerators
from hwprobe.sense.cpu import detect_cpu
from hwprobe.sense.environment import detect_cuda_toolkit, detect_variables
from hwprobe.sense.host import detect_host
from hwprobe.sense.io import HostIO
from hwprobe.sense.memory import detect_memory
from hwprobe.sense.proc import kill_all
from hwprobe.sense.packages import detect_packages


def collect_facts(
    io: HostIO,
    frameworks: Sequence[str] = ("torch", "tensorflow"),
    probe_timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
) -> Facts:
    """All facts: the probes start first (they are the slow part), the OS side is sensed meanwhile."""
    packages, env_facts = detect_packages(io)
    probed: list[tuple[FrameworkFacts, ...]] = []
    failure: list[BaseException] = []

    def probe_all() -> None:
        try:
            probed.append(run_probes(io, frameworks, packages, probe_timeout, progress))
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)

    worker = threading.Thread(target=probe_all, name="probes", daemon=True)
    worker.start()
    try:
        host = detect_host(io)
        cpu = detect_cpu(io)
        memory = detect_memory(io)
        accelerators = detect_accelerators(io)
        variables = detect_variables(io)
        toolkit = detect_cuda_toolkit(io)
    except BaseException as exc:
        # Ctrl-C or a detector that failed: stop the probes now instead of waiting out their time limit.
        kill_all(stop=not isinstance(exc, Exception))  # Ctrl-C, SIGTERM: this process is ending
        raise
    finally:
        while worker.is_alive():
            worker.join(timeout=0.2)  # short joins keep Ctrl-C responsive
    if failure:
        raise failure[0]
    return Facts(
        host=host,
        cpu=cpu,
        memory=memory,
        accelerators=accelerators,
        packages=packages,
        frameworks=probed[0],
        environment=EnvironmentFacts(
            variables=variables,
            package_duplicates=env_facts.package_duplicates,
            installers=env_facts.installers,
            cuda_toolkit=toolkit,
        ),
    )
