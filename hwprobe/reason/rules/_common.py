"""What several rule modules read from facts: the GPUs, what a framework build was built for, the
driver, and the install commands that fix things. Pure functions of Facts + Knowledge."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from hwprobe.facts import Accelerator, Facts, FrameworkFacts, Observation
from hwprobe.reason import catalog as cat
from hwprobe.reason.advice import plan
from hwprobe.reason.commands import Shell, pip_uninstall, shell_of
from hwprobe.reason.evidence import observations, patterns
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.platform import Platform, platform_of
from hwprobe.reason.versions import local_label, parse, release
from hwprobe.report import Finding

TF_DISTRIBUTIONS = ("tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-intel", "tensorflow-macos",
                    "tensorflow-rocm", "tensorflow-aarch64", "tensorflow-cpu-aws", "tensorflow-tpu",
                    "intel-tensorflow", "tf-nightly", "tf-nightly-cpu", "tf-nightly-gpu")


def partial(facts: Facts) -> bool:
    """Facts rebuilt from pasted text: an empty list there means 'not shown', not 'absent'.

    Only pasted dumps carry Observation facts (live ones are derived, reason.evidence)."""
    return bool(facts.observations)


def unknown(facts: Facts, part: str) -> bool:
    """Whether a part of the facts (Facts.unknown's names: 'accelerators', 'cpu.flags', ...) was not
    observed, so that an empty value must not be read as absence. Live facts know every part."""
    knows = getattr(facts, "knows", None)
    if callable(knows) and not knows(part):
        return True
    return partial(facts)


def supported_here(kb: Knowledge, framework: str, kind: str, facts: Facts) -> bool:
    """matrix.supported for this host; where a paste leaves the OS or architecture unknown, whether any
    platform consistent with what is known has such a build (a CUDA torch exists for some unknown host)."""
    from hwprobe.reason.matrix import supported

    oses = [facts.host.os] if facts.host.os else ["linux", "windows", "darwin"]
    arches = [facts.host.arch] if facts.host.arch else ["x86_64", "aarch64"]
    return any(supported(kb, framework, kind, o, a, None) for o in oses for a in arches)


def present(fw: FrameworkFacts | None) -> bool:
    """Installed and importable, or installed with import not shown (a pasted pip list: 'unknown')."""
    return fw is not None and fw.status in ("ok", "unknown")


_last_obs: tuple = (None, None, ())  # (facts, kb, observations): every rule of one diagnosis asks for the same


def obs(facts: Facts, kb: Knowledge) -> tuple[Observation, ...]:
    """The observations of these facts, matched once per diagnosis rather than once per rule."""
    global _last_obs
    last = _last_obs  # one read: another thread's diagnosis can only replace it, not mix into it
    if last[0] is facts and last[1] is kb:
        return last[2]
    found = observations(facts, kb)
    _last_obs = (facts, kb, found)
    return found


def find(all_obs: Iterable[Observation], *codes: str, framework: str | None = None) -> list[Observation]:
    return [o for o in all_obs if o.code in codes and (framework is None or o.framework in (framework, None))]


def framework_named(facts: Facts, all_obs: Iterable[Observation], name: str) -> bool:
    """Whether the paste names this framework anywhere (its facts, a package, one of its own messages): where it does
    not, a CUDA or ROCm message is another program's build (OpenPose's, ollama's), not the framework's."""
    return facts.framework(name) is not None or name in facts.packages or any(o.framework == name for o in all_obs)


def pattern_sources(kb: Knowledge, found: Iterable[Observation]) -> tuple[str, ...]:
    """The sources of the error_patterns rows behind these observations (where each message is documented): the rows
    of a code that read the quoted line, or every row of the code where none reads the quote as it was trimmed."""
    by_code = kb.derived("error_patterns_by_code", _rows_by_code)
    rows: list[dict] = []
    for o in found:
        of_code = by_code.get(o.code, [])
        read = [r for r, regex in of_code if regex.search(o.text)]
        rows += [r for r in (read or [r for r, _ in of_code]) if r not in rows]
    return cat.source_urls(rows)


def _rows_by_code(kb: Knowledge) -> dict[str, list]:
    """Each code's usable error_patterns rows with their compiled regex, in the file's order."""
    out: dict[str, list] = {}
    for r, p in zip(kb.rows("error_patterns"), patterns(kb)):
        if r.get("status") != "unverified":
            out.setdefault(r["code"], []).append((r, p.regex))
    return out


def said_finding(kb: Knowledge, said: Sequence[Observation], code: str, subject: str, message: str, *,
                 severity: str = "error", device_kind: str | None = "cuda", framework: str | None = None,
                 fix: tuple[str, ...] = ()) -> Finding:
    """A finding that rests on a program's own message: it quotes the first line that said it and cites its rows."""
    return Finding(code=code, severity=severity, subject=subject, framework=framework, device_kind=device_kind,
                   message=message, fix=fix, sources=pattern_sources(kb, said), evidence=(quote(said[0]),))


def quote(o: Observation) -> str:
    where = f"line {o.line}" if o.line else o.source
    return f"{where}: {o.text}"


def nvidia(facts: Facts) -> list[Accelerator]:
    return [a for a in facts.accelerators if a.kind == "cuda" and a.vendor == "nvidia"]


def amd(facts: Facts) -> list[Accelerator]:
    return [a for a in facts.accelerators if a.kind == "rocm"]


def container_hint(box, *prefixes: str) -> bool:  # noqa: ANN001 - ContainerFacts | None
    """Whether the paste's readers left one of these hints about how the container was started (parse/prose.py and
    parse/compose.py word them; container.py and cuda.py read them)."""
    return box is not None and any(h.startswith(prefixes) for h in box.gpu_hints)


def usable(acc: Sequence[Accelerator]) -> list[Accelerator]:
    return [a for a in acc if a.status == "ok"]


def installed(fw: FrameworkFacts | None) -> bool:
    return fw is not None and fw.status not in ("not_installed",)


def torch_variant(fw: FrameworkFacts) -> str | None:
    """cu128 / rocm6.4 / cpu / xpu, from the version label or, failing that, the build facts."""
    label = local_label(fw.version)
    if label:
        return label
    b = fw.build or {}
    if b.get("hip"):
        return "rocm" + ".".join(str(b["hip"]).split(".")[:2])
    if b.get("cuda"):
        return cat.variant_of_cuda(str(b["cuda"]))
    if "cuda" in b and b.get("cuda") is None and not b.get("hip"):
        return "cpu"
    return None


def torch_cuda(fw: FrameworkFacts) -> str | None:
    """The CUDA version a torch build was made with ('12.8'), None for CPU/ROCm builds or unknown."""
    b = fw.build or {}
    if b.get("cuda"):
        return str(b["cuda"])
    return cat.cuda_of_variant(local_label(fw.version))


# Messages torch raises only from a CUDA build (its CUDA runtime initialising or launching kernels):
# torch/cuda/__init__.py _lazy_init / _check_capability; a CPU-only build raises "Torch not compiled with CUDA".
CUDA_BUILD_ONLY = ("cuda.driver_too_old", "cuda.no_driver", "cuda.no_device", "cuda.no_kernel_image",
                   "torch.capability_not_supported", "torch.capability_list", "torch.gpu_too_old")


def torch_has_cuda(fw: FrameworkFacts, all_obs: Sequence[Observation] = ()) -> bool | None:
    b = fw.build or {}
    if find(all_obs, "torch.not_compiled_with_cuda", framework="torch"):
        return False
    if b.get("hip"):
        return False
    if find(all_obs, *CUDA_BUILD_ONLY, framework="torch"):
        return True  # only torch's CUDA runtime raises these; a CPU build says "not compiled with CUDA"
    label = local_label(fw.version)
    if label and label.startswith("cu") and re.fullmatch(r"cu\d+", label):
        return True  # "+cu117" is a CUDA wheel's own tag: no hint from prose outweighs it (opacus#551)
    if "cuda" in b:
        return b.get("cuda") is not None
    if label:
        return label.startswith("cu")
    return None


def wheel_has_cuda(kb: Knowledge, fw: FrameworkFacts | None, all_obs: Sequence[Observation]) -> bool | None:
    """Whether the torch wheel the paste names (no local version: PyPI's) is a CUDA build: the variant of PyPI's
    wheel on that platform, per torch_releases (Windows: cpu, so `pip install torch` there gets no CUDA)."""
    for o in find(all_obs, "pip.torch_wheel"):
        v = o.values.get("version")
        if fw is not None and fw.version and release(fw.version, 2) != release(v, 2):
            continue
        row = cat.release_of(kb, "torch", v)
        plat = o.values.get("plat", "")
        os_ = "windows" if plat == "win_amd64" else "linux" if plat.startswith("manylinux") else None
        entry = cat.platform_entry(row, os_, "x86_64") if row and os_ else None
        variant = (entry or {}).get("pypi") or (entry or {}).get("default")
        if variant:
            return str(variant).startswith("cu")
    return None


def tf_has_cuda(fw: FrameworkFacts) -> bool | None:
    b = fw.build or {}
    if "is_cuda_build" in b:
        return bool(b["is_cuda_build"])
    if fw.distribution in ("tensorflow-cpu", "tensorflow-macos", "tensorflow-intel", "tensorflow-rocm"):
        return False
    return None


def sees(fw: FrameworkFacts, kind: str) -> bool:
    return any(d.kind == kind for d in fw.devices)


def framework_facts(facts: Facts, name: str) -> FrameworkFacts | None:
    return facts.framework(name)


def driver_of(facts: Facts, all_obs: Sequence[Observation]) -> tuple[str | None, str | None, list[str]]:
    """(driver version, newest CUDA the driver supports, evidence) from the OS side or torch's message."""
    evidence: list[str] = []
    gpu = next((a for a in nvidia(facts) if a.driver_version or a.max_cuda_supported), None)
    driver = gpu.driver_version if gpu else None
    max_cuda = gpu.max_cuda_supported if gpu else None
    if gpu:
        evidence.append(f"{gpu.source}: driver {driver or 'unknown'}"
                        + (f", CUDA Version {max_cuda}" if max_cuda else ""))
    if not max_cuda:
        for o in find(all_obs, "cuda.driver_too_old"):
            decoded = cat.decode_driver_cuda(o.values.get("found", ""))
            if decoded:
                max_cuda = decoded
                evidence.append(quote(o))
                break
    return driver, max_cuda, evidence


def gpu_cc(facts: Facts, kb: Knowledge, all_obs: Sequence[Observation] = ()) -> tuple[str | None, str | None, list[str]]:
    """(compute capability, GPU name, evidence): the OS side, the framework's devices, torch's own
    warnings, or the model name looked up in gpu_models."""
    for a in nvidia(facts):
        if a.compute_capability:
            return a.compute_capability, a.model, [f"{a.source}: {a.model or 'GPU'} compute capability {a.compute_capability}"]
    for fw in facts.frameworks:
        for d in fw.devices:
            if d.kind == "cuda" and d.capability:
                return d.capability, d.name, [f"{fw.name} sees {d.name or 'cuda:' + str(d.index)} with capability {d.capability}"]
    for o in find(all_obs, "torch.capability_not_supported"):
        sm = o.values.get("sm", "")
        if len(sm) >= 2:
            return f"{int(sm[:-1])}.{sm[-1]}", None, [quote(o)]
    for o in find(all_obs, "torch.gpu_too_old"):
        if o.values.get("cc"):
            return o.values["cc"], o.values.get("name"), [quote(o)]
    for a in nvidia(facts):
        row = cat.gpu_model(kb, a.model, "nvidia")
        if row and row.get("compute_capability"):
            return row["compute_capability"], a.model, [f"{a.model}: compute capability {row['compute_capability']} (gpu_models)"]
    return None, None, []


def target_platform(facts: Facts, accelerator: str | None = None, **changes: object) -> Platform:
    from dataclasses import replace

    p = platform_of(facts, accelerator)
    if "os" in changes:
        changes = {**changes, "os_assumed": False}  # a rule that names the OS knows it
    return replace(p, **changes) if changes else p


def fix_commands(facts: Facts, kb: Knowledge, framework: str, accelerator: str, *,
                 remove: Sequence[str] = (), **changes: object) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """(commands, sources, summary) that install the build advice picks for this machine and
    accelerator, after uninstalling `remove` (a build already installed at the same version would
    otherwise satisfy the requirement and stay)."""
    p = target_platform(facts, accelerator, **changes)
    pl = plan(p, framework, kb)
    if not pl.advice.commands or pl.advice.accelerator != accelerator:
        return (), pl.advice.sources, (pl.advice.notes[0] if pl.advice.notes else None)
    sh = shell_of(p)
    pre = (pip_uninstall(sh, list(remove)),) if remove else ()
    return pre + pl.advice.commands, pl.advice.sources, (pl.advice.notes[0] if pl.advice.notes else None)


def shell(facts: Facts) -> Shell:
    return shell_of(facts)


def release_label(fw: FrameworkFacts) -> str:
    return f"{fw.name} {fw.version}" if fw.version else fw.name


def same_release(a: str | None, b: str | None) -> bool:
    return bool(a and b and release(a, 2) == release(b, 2))


def cc_text(cc: str) -> str:
    v = parse(cc)
    return f"sm_{v.release[0]}{v.release[1]}" if v and len(v.release) > 1 else cc


def known_rosetta(facts: Facts) -> bool:
    """Shown to run translated: sysctl.proc_translated, or an x86_64 Python on an arm64 Mac."""
    py = facts.host.python
    return py.is_rosetta is True or (facts.host.arch == "aarch64" and py.machine == "x86_64")


def no_windows_gpu_build(facts: Facts, row: dict | None) -> bool:
    """Native Windows and a TensorFlow release whose Windows wheel has no CUDA (2.11 and newer): tf.windows_native_gpu."""
    if facts.host.os != "windows" or facts.host.wsl is not None or not row:
        return False
    # a paste that does not say the arch: TensorFlow's Windows wheels are x86_64
    entry = cat.platform_entry(row, "windows", facts.host.arch or "x86_64")
    return entry is not None and not entry.get("cuda")


def windows_too_old(facts: Facts, kb: Knowledge) -> dict | None:
    """The system_fixes row whose minimum Windows build this WSL 2 host is below, if the build is known."""
    wsl = facts.host.wsl
    row = cat.fix(kb, "wsl.windows_build")
    if wsl is None or wsl.version != 2 or not wsl.windows_build or not row or not row.get("min_windows_build"):
        return None
    return row if wsl.windows_build < row["min_windows_build"] else None


def cuda_index_on_mac(facts: Facts, kb: Knowledge) -> list:
    """pip, on a Mac, pointed at a CUDA (or ROCm) index of PyTorch's and finding no torch there: macOS has no such
    build (no torch release lists a CUDA variant for darwin), so the index offers nothing for this machine."""
    if facts.host.os != "darwin":
        return []
    all_obs = obs(facts, kb)
    index = [o for o in find(all_obs, "pip.torch_index") if o.values.get("variant", "").startswith(("cu", "rocm"))]
    failed = [o for o in find(all_obs, "pip.no_matching_distribution", "pip.from_versions_none",
                              "pip.no_satisfying_version") if o.values.get("requirement", "").lower().startswith("torch")]
    darwin_variants = {v for r in cat.releases(kb, "torch") for k, e in r.get("platforms", {}).items()
                       if k.startswith("darwin") for v in e.get("variants", [])}
    if not index or not failed or any(o.values["variant"] in darwin_variants for o in index):
        return []
    return index[:1] + failed[:1]
