"""The facts a paste states, gathered line by line before they become frozen Facts.

Every reader adds what its lines say, with the line it said it. Where two places in one paste
disagree, the more direct source wins (a tool's output over a typed-in template answer over a path
in a traceback: `priority`), and among equals the first one. Nothing is filled in that no line said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hwprobe.facts import (
    DEVICE_KINDS, Accelerator, ContainerFacts, CpuFacts, DeviceFacts, EnvironmentFacts, Facts, FrameworkFacts,
    HostFacts, MemoryFacts, Observation, PythonFacts, SmokeResult, WslFacts,
)
from hwprobe.report import Section
from hwprobe.sense.packages import framework_distribution

# How direct a source is: a tool's own output beats a template answer typed by a person, which beats
# a hint read from a path or a log line.
TOOL, TYPED, HINT = 3, 2, 1
NOT_RUN = "not run: facts from a pasted dump"
# One paste may show a framework both working and failing (two runs, two environments): the failure
# is what needs explaining, so among equally direct sources it wins.
_FAILURE = {"crashed": 3, "import_error": 2, "not_installed": 1}


@dataclass(frozen=True)
class Quote:
    line: int
    text: str


@dataclass
class _Value:
    value: Any
    priority: int
    quote: Quote


@dataclass
class Gpu:
    kind: str = "cuda"
    vendor: str = "nvidia"
    index: int | None = None
    model: str | None = None
    memory_bytes: int | None = None
    compute_capability: str | None = None
    gfx_arch: str | None = None
    pci_bus_id: str | None = None
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Draft:
    values: dict[str, _Value] = field(default_factory=dict)
    gpus: list[Gpu] = field(default_factory=list)
    packages: dict[str, tuple[str, int, Quote]] = field(default_factory=dict)  # name -> (version, priority, quote)
    package_versions: dict[str, list[str]] = field(default_factory=dict)  # every version seen, per listing
    package_lines: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # (version, line) as listed
    trial_breaks: list[int] = field(default_factory=list)  # lines that start another setup ("Also tested on nightly:")
    installers: dict[str, str] = field(default_factory=dict)
    listed_packages: bool = False  # a full package listing (not just torch-related lines) was seen
    wish_lines: set[int] = field(default_factory=set)  # pins of a pasted requirements file: wanted, not installed
    variables: dict[str, str] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # parts of UNKNOWABLE that some line settled
    device_kinds: dict[str, dict[str, tuple[bool, str | None, Quote]]] = field(default_factory=dict)
    cut_line: int | None = None  # the input's last line, when the input ends inside it (it may be partial)
    own_words: set[int] = field(default_factory=set)  # lines of a pasted hwprobe report in hwprobe's own words
    smokes: dict[tuple[str, str, int], str] = field(default_factory=dict)  # (framework, kind, index) -> smoke status

    # --- adding ------------------------------------------------------------------------------------

    def set(self, key: str, value: Any, line: int, text: str, priority: int = TOOL) -> None:
        """Record one fact (`host.os`, `torch.version`, `torch.build.cuda`, ...) with the line saying it."""
        if value is None and key.split(".")[-1] not in ("cuda", "hip"):
            return  # None is a fact only for the build keys (a CPU build); elsewhere it says nothing
        old = self.values.get(key)
        if old is None or priority > old.priority or (
                priority == old.priority and key.endswith(".status")
                and _FAILURE.get(value, 0) > _FAILURE.get(old.value, 0)):
            self.values[key] = _Value(value, priority, Quote(line, text.strip()[:300]))

    def get(self, key: str, default: Any = None) -> Any:
        v = self.values.get(key)
        return v.value if v is not None else default

    def has(self, key: str) -> bool:
        return key in self.values

    def quote(self, key: str) -> Quote | None:
        v = self.values.get(key)
        return v.quote if v is not None else None

    def section(self, kind: str, first: int, last: int) -> None:
        self.sections.append(Section(kind, first, max(first, last)))

    def package(self, name: str, version: str, line: int, text: str, priority: int = TOOL,
                installer: str | None = None) -> None:
        if not name or not version:
            return
        self.package_lines.setdefault(name, []).append((version, line))
        seen = self.package_versions.setdefault(name, [])
        same = next((i for i, v in enumerate(seen) if _same_version(v, version)), None)
        if same is None:
            seen.append(version)
        elif "+" in version:
            seen[same] = version  # conda lists 1.7.0 where pip lists 1.7.0+cu110: one install
        old = self.packages.get(name)
        if old is None or priority > old[1]:
            self.packages[name] = (version, priority, Quote(line, text.strip()[:300]))
        if installer and name not in self.installers:
            self.installers[name] = installer

    def gpu(self, index: int | None, line: int, text: str, **attrs: Any) -> Gpu:
        """The GPU with this index (or the first one without a model), created if new, attrs merged in."""
        kind = attrs.pop("kind", "cuda")
        vendor = attrs.pop("vendor", "nvidia" if kind == "cuda" else "amd" if kind == "rocm" else "unknown")
        same = [g for g in self.gpus if g.kind == kind]
        g = next((g for g in same if index is not None and g.index == index), None)
        model = attrs.get("model")
        if g is None and index is None and model:
            g = next((g for g in same if g.model and _same_model(g.model, model)), None)
        if g is None:
            g = next((g for g in same if g.index is None and (index is not None or g.model is None)), None)
        if g is None:
            g = Gpu(kind=kind, vendor=vendor, index=index)
            self.gpus.append(g)
        if g.index is None:
            g.index = index
        for k, v in attrs.items():
            cur = getattr(g, k)
            if v is not None and (cur is None or (k == "model" and str(cur).endswith("..."))):
                setattr(g, k, v)
        g.quotes.append(Quote(line, text.strip()[:300]))
        self.known.add("accelerators")
        return g

    def sees(self, framework: str, kind: str, sees: bool, line: int, text: str, name: str | None = None) -> None:
        """Whether `framework` sees a `kind` device (torch.cuda.is_available(), TF's device list)."""
        kinds = self.device_kinds.setdefault(framework, {})
        if kind not in kinds or (sees and not kinds[kind][0]):
            kinds[kind] = (sees, name, Quote(line, text.strip()[:300]))

    # --- building Facts --------------------------------------------------------------------------

    def _sub(self, prefix: str) -> dict[str, Any]:
        n = len(prefix) + 1
        return {k[n:]: v.value for k, v in self.values.items() if k.startswith(prefix + ".")}

    def quotes(self) -> dict[str, tuple[str, tuple[Quote, ...]]]:
        """Each fact's value as text and the lines it came from: evidence for findings that rest on it."""
        out: dict[str, tuple[str, tuple[Quote, ...]]] = {}
        for k, v in self.values.items():
            text = v.value if isinstance(v.value, str) else ""
            out[k] = (text, (v.quote,))
        for i, g in enumerate(self.gpus):
            out[f"accelerators.{i}"] = (g.model or "", tuple(g.quotes))
        for name, (version, _, q) in self.packages.items():
            out[f"packages.{name}"] = (version, (q,))
        for fw, kinds in self.device_kinds.items():
            for kind, (_, _, q) in kinds.items():
                out[f"{fw}.devices.{kind}"] = ("", (q,))
        for name, value in self.variables.items():
            out.setdefault(f"env.{name}", (value, ()))
        return out

    def _other_trials(self, name: str, versions: list[str]) -> bool:
        """Two versions listed on either side of "Also tested on nightly:" are two setups, not two copies."""
        listed = self.package_lines.get(name, [])
        return bool(self.trial_breaks) and all(any(_same_version(v, x) for x, _ in listed) for v in versions) \
            and _one_per_trial(listed, self.trial_breaks)

    def frameworks_facts(self) -> tuple[FrameworkFacts, ...]:
        out = []
        for name in ("torch", "tensorflow"):
            d = self._sub(name)
            kinds = self.device_kinds.get(name, {})
            dist = framework_distribution(name, {k: v[0] for k, v in self.packages.items()})
            if dist is not None:
                d.setdefault("version", self.packages[dist][0])
                d.setdefault("distribution", dist)
            if not d and not kinds:
                continue
            status = d.get("status") or ("ok" if kinds else "unknown")
            build: dict[str, Any] = {}
            for k, v in d.items():
                if k.startswith("build."):
                    _nest(build, k[6:].split("."), v)
            devices = []
            if status == "ok":
                devices.append(DeviceFacts("cpu", 0, "cpu", smoke=self._smoke(name, "cpu", 0)))
            for kind, (sees, dev_name, _) in kinds.items():
                if sees and kind != "cpu":
                    names = [g.model for g in self.gpus if g.kind == kind] or [dev_name]
                    for i, n in enumerate(names):
                        devices.append(DeviceFacts(kind, i, n or dev_name, smoke=self._smoke(name, kind, i)))
            out.append(FrameworkFacts(
                name=name, status=status, version=d.get("version"), distribution=d.get("distribution"),
                detail=d.get("detail"), build=build, devices=tuple(devices), signal=d.get("signal"),
                stderr_tail=d.get("stderr_tail"), warnings=tuple(d.get("warnings", ())),
            ))
        return tuple(out)

    def _smoke(self, framework: str, kind: str, index: int) -> SmokeResult:
        """The smoke test a pasted hwprobe report shows for this device; a paste of anything else ran none."""
        status = self.smokes.get((framework, kind, index))
        if status is None:
            return SmokeResult("skipped", NOT_RUN)
        return SmokeResult(status, None if status == "ok" else f"smoke test {status} (the pasted hwprobe report)")

    def unknown(self, frameworks: tuple[FrameworkFacts, ...]) -> tuple[str, ...]:
        parts = []
        for part, key in (("host.os", "host.os"), ("host.arch", "host.arch"), ("host.os_version", "host.os_version"),
                          ("host.python", "python.version")):
            if not self.has(key):
                parts.append(part)
        for part in ("host.wsl", "host.container"):
            if part not in self.known:
                parts.append(part)
        if not any(k.startswith("cpu.") for k in self.values):
            parts.append("cpu")
        if not self.has("cpu.flags"):
            parts.append("cpu.flags")
        if not self.has("memory.total_bytes"):
            parts.append("memory")
        if "accelerators" not in self.known:
            parts.append("accelerators")
        if not self.listed_packages:
            parts.append("packages")
        parts.append("frameworks")  # a paste never proves that a framework it does not mention is absent
        if not self.variables and "environment" not in self.known:
            parts.append("environment")
        for fw in frameworks:
            kinds = self.device_kinds.get(fw.name, {})
            if fw.status != "ok":
                continue
            if not kinds:
                parts.append(f"{fw.name}.devices")
                continue
            parts.extend(f"{fw.name}.devices.{k}" for k in DEVICE_KINDS if k != "cpu" and k not in kinds)
        return tuple(parts)

    def facts(self) -> Facts:
        h, py, cpu, mem = self._sub("host"), self._sub("python"), self._sub("cpu"), self._sub("memory")
        wsl = WslFacts(version=int(h["wsl"]), windows_build=h.get("wsl_windows_build")) if h.get("wsl") else None
        hint = self.get("container.hint")
        container = (ContainerFacts(runtime=str(h["container"]), gpu_hints=(hint,) if hint else ())
                     if h.get("container") else None)
        host = HostFacts(
            os=h.get("os"), arch=h.get("arch"), os_version=h.get("os_version"), distro=h.get("distro"),
            distro_id=h.get("distro_id"), kernel=h.get("kernel"), libc=h.get("libc"), wsl=wsl, container=container,
            python=PythonFacts(
                version=py.get("version"), implementation=py.get("implementation"), executable=py.get("executable"),
                machine=py.get("machine"), bits=py.get("bits"), venv=bool(py.get("venv", False)),
                env_manager=py.get("env_manager"), conda_env=py.get("conda_env"), is_rosetta=py.get("is_rosetta"),
            ),
        )
        cpu_facts = CpuFacts(
            arch=cpu.get("arch") or h.get("arch"), model=cpu.get("model"), vendor=cpu.get("vendor"),
            physical_cores=cpu.get("physical_cores"), logical_cores=cpu.get("logical_cores"),
            frequency_mhz=cpu.get("frequency_mhz"), flags=tuple(cpu.get("flags", ())),
            status="ok" if cpu else "absent", detail=None if cpu else "not in the pasted text",
        )
        memory = MemoryFacts(total_bytes=mem.get("total_bytes"), status="ok" if mem else "absent",
                             detail=None if mem else "not in the pasted text")
        driver, cuda = self.get("nvidia.driver_version"), self.get("nvidia.max_cuda_supported")
        accels = []
        for g in self.gpus:
            nvidia = g.vendor == "nvidia"
            accels.append(Accelerator(
                kind=g.kind, vendor=g.vendor, source="paste", index=g.index, model=g.model,
                memory_bytes=g.memory_bytes, compute_capability=g.compute_capability, gfx_arch=g.gfx_arch,
                driver_version=driver if nvidia else None, max_cuda_supported=cuda if nvidia else None,
                pci_bus_id=g.pci_bus_id,
                status=str(self.get(f"gpu.{g.vendor}.status", "ok")), detail=self.get(f"gpu.{g.vendor}.detail"),
            ))
        if (driver or cuda) and not any(g.vendor == "nvidia" for g in self.gpus):
            # An NVIDIA driver's version (typed, or nvidia-smi's header cut before its GPU rows) is one of an
            # NVIDIA GPU whose model the paste does not say.
            accels.append(Accelerator(kind="cuda", vendor="nvidia", source="paste", driver_version=driver,
                                      max_cuda_supported=cuda,
                                      status=str(self.get("gpu.nvidia.status", "ok")),
                                      detail=self.get("gpu.nvidia.detail")))
        frameworks = self.frameworks_facts()
        duplicates = {k: tuple(v) for k, v in self.package_versions.items()
                      if len(v) > 1 and not self._other_trials(k, v)}
        return Facts(
            host=host, cpu=cpu_facts, memory=memory, accelerators=tuple(accels),
            packages=dict(sorted((k, v[0]) for k, v in self.packages.items())),
            frameworks=frameworks,
            environment=EnvironmentFacts(variables=dict(self.variables), package_duplicates=duplicates,
                                         installers=dict(self.installers), cuda_toolkit=self.get("cuda.toolkit")),
            observations=tuple(sorted(self.observations, key=lambda o: (o.line or 0, o.code))),
            unknown=self.unknown(frameworks),
        )


def _same_model(a: str, b: str) -> bool:
    """'Tesla V100-PCIE...' and 'Tesla V100-PCIE-32GB' are one GPU model; so are 'RTX 3090' and 'NVIDIA GeForce RTX 3090',
    and 'RX 7900 XTX' and 'AMD Radeon RX 7900 XTX'."""
    x, y = (re.sub(r"[^a-z0-9]", "", re.sub(r"nvidia|geforce|\bamd\b|radeon", "", m.lower()).rstrip(".")) for m in (a, b))
    return bool(x and y) and (x.startswith(y) or y.startswith(x))


def _one_per_trial(listed: list[tuple[str, int]], breaks: list[int]) -> bool:
    """Whether each setup the paste shows (split at its "also tested on nightly:" lines) lists one version only."""
    trials: dict[int, list[str]] = {}
    for version, line in listed:
        trials.setdefault(sum(1 for b in breaks if b < line), []).append(version)
    return all(all(_same_version(v, vs[0]) for v in vs) for vs in trials.values())


def _same_version(a: str, b: str) -> bool:
    if a == b:
        return True
    ra, _, la = a.partition("+")
    rb, _, lb = b.partition("+")
    return ra == rb and not (la and lb)


def _nest(target: dict[str, Any], path: list[str], value: Any) -> None:
    for p in path[:-1]:
        target = target.setdefault(p, {})
    target[path[-1]] = value
