"""Install advice: the commands that give a framework its best working accelerator on a platform.

Derived from the release rows (matrices/torch_releases, tf_releases, ...), never from a list of
commands: the newest release that has a build for this OS/arch/Python and accelerator, and of its
builds the one this GPU and driver can run (the highest CUDA variant the driver supports natively,
else one minor-version compatibility covers). A new release or CUDA variant is a new data row.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Sequence

from packaging.version import Version

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import conda_install, pip_install, shell_of
from hwprobe.reason.knowledge import Knowledge, load_knowledge
from hwprobe.reason.platform import Platform, platform_of
from hwprobe.reason.versions import in_range, parse
from hwprobe.report import Advice, MatrixCell

Row = dict[str, Any]
PLAT_NAMES = {"linux-x86_64": "Linux x86_64", "linux-aarch64": "Linux aarch64", "windows-x86_64": "Windows x86_64",
              "darwin-aarch64": "macOS arm64", "darwin-x86_64": "macOS x86_64"}


@dataclass(frozen=True)
class Plan:
    """Advice plus what it was derived from (the JSON of `hwprobe advise` carries these)."""

    advice: Advice
    release: str | None = None
    version: str | None = None  # the version the commands install (a pin or a release wildcard)
    variant: str | None = None  # cu128, rocm6.4, cpu, mps, xpu, tensorflow-metal==1.2.0, ...
    rows: tuple[Row, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {**self.advice.to_dict(), "release": self.release, "version": self.version, "variant": self.variant}


def advise(platform: Platform, framework: str, kb: Knowledge | None = None) -> Advice:
    return plan(platform, framework, kb).advice


def plan(platform: Platform, framework: str, kb: Knowledge | None = None) -> Plan:
    kb = kb or load_knowledge()
    if framework == "torch":
        return _Torch(platform, kb).plan()
    if framework == "tensorflow":
        return _Tf(platform, kb).plan()
    raise ValueError(f"unknown framework {framework!r}")


def _fmt(args: Sequence[str], **values: str) -> list[str]:
    return [a.format(**values) for a in args]


def _where(p: Platform) -> str:
    return PLAT_NAMES.get(p.key, p.key)


class _Planner:
    framework = ""

    def __init__(self, p: Platform, kb: Knowledge) -> None:
        self.p, self.kb, self.sh = p, kb, shell_of(p)
        self.notes: list[str] = []
        self.rejected: dict[str, list[str]] = {}  # kind -> why the newest release's builds did not fit
        self.table_os = cat.driver_os(p.os, p.wsl)
        if p.os_assumed:
            self.notes.append(f"the OS was not given: this assumes {_where(p)}; `hwprobe advise --os windows` (or "
                              "--os darwin) gives another OS's commands (on Windows, PyPI's plain torch is CPU-only)")

    def reject(self, kind: str, why: str) -> None:
        bucket = self.rejected.setdefault(kind, [])
        if why not in bucket and len(bucket) < 4:
            bucket.append(why)

    def done(self, kind: str, commands: Sequence[str], rows: Sequence[Row | None], release: str | None = None,
             version: str | None = None, variant: str | None = None, notes: Sequence[str] = ()) -> Plan:
        real = tuple(r for r in rows if r)
        advice = Advice(framework=self.framework, accelerator=kind, commands=tuple(commands),
                        notes=tuple(notes) + tuple(self.notes), sources=cat.source_urls(real))
        return Plan(advice, release, version, variant, real)

    def plan(self) -> Plan:
        want = self.p.accelerator
        for kind in (want, "cpu") if want != "cpu" else ("cpu",):
            got = self.try_kind(kind)
            if got is not None:
                if kind != want:
                    why = "; ".join(self.rejected.get(want, []))
                    first = (f"no {self.framework} build for {want} fits this machine"
                             + (f" ({why})" if why else "") + "; this installs the CPU build")
                    extra = tuple(n for n in self.notes if n not in got.advice.notes)
                    got = replace(got, advice=replace(got.advice, notes=(first, *got.advice.notes, *extra)))
                return got
        why = "; ".join(self.rejected.get(want, []))
        if why:
            self.notes.append(f"no {self.framework} build for {want} fits: {why}")
        return self.done(want, (), ())

    def try_kind(self, kind: str) -> Plan | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def releases(self) -> list[Row]:
        out = []
        for row in cat.releases(self.kb, self.framework):
            if row.get("prerelease"):
                continue
            entry = cat.platform_entry(row, self.p.os, self.p.arch)
            if entry is None or not cat.os_ok(entry, self.p.os_version):
                continue
            if not cat.python_ok(row, entry, self.p.python):
                continue
            out.append(row)
        if not out and self.p.python:
            self._python_note()
        return out

    def _python_note(self) -> None:
        ranges = [cat.python_range(r, cat.platform_entry(r, self.p.os, self.p.arch))
                  for r in cat.releases(self.kb, self.framework)
                  if cat.platform_entry(r, self.p.os, self.p.arch) and not r.get("prerelease")]
        note = f"no {self.framework} release has wheels for Python {self.p.python} on {_where(self.p)}"
        if ranges:
            note += f" (newest release: Python {ranges[0]})"
        if note not in self.notes:
            self.notes.append(note)

    def _need(self, cuda: str, table_os: str) -> str | None:
        need, _ = cat.min_driver(self.kb, cuda, table_os)
        mvc = cat.mvc_row(self.kb, cuda)
        return (mvc.get(table_os) if mvc else None) or need

    def driver_note(self, cuda: str) -> str:
        need = self._need(cuda, self.table_os)
        if need and self.p.os_assumed:  # the OS is a guess: both drivers' minimums (they differ)
            win = self._need(cuda, "windows")
            return (f"the NVIDIA driver was not given: this CUDA {cuda} build needs driver >= {need} (linux)"
                    + (f" or >= {win} (Windows)" if win and win != need else ""))
        return (f"the NVIDIA driver was not given: this CUDA {cuda} build needs driver >= {need} "
                f"({'Windows driver, which WSL 2 uses' if self.table_os == 'windows' else self.table_os})"
                if need else f"the NVIDIA driver was not given: check that it supports CUDA {cuda}")


class _Torch(_Planner):
    framework = "torch"

    def try_kind(self, kind: str) -> Plan | None:
        if kind == "tpu":
            return self._tpu()
        jetson = self._jetson()
        if kind == "cuda" and (jetson or (self.p.jetson and self.p.arch == "aarch64")):
            board = (f"{jetson['examples'][0]}-class boards (compute capability {jetson['compute_capability']})"
                     if jetson else "Jetson boards")
            self.notes.append(f"{board} are not served by the PyPI / download.pytorch.org aarch64 wheels, which target "
                              "SBSA servers: use NVIDIA's JetPack builds of torch")
            return None
        for row in self.releases():
            entry = cat.platform_entry(row, self.p.os, self.p.arch)
            pick = self._pick(row, entry, kind)
            if pick is not None:
                variant, why, rows = pick
                return self._commands(row, entry, kind, variant, why, rows)
        return None

    def _jetson(self) -> Row | None:
        if self.p.arch != "aarch64" or not self.p.compute_capability:
            return None
        for r in self.kb.usable("gpu_models"):
            if r.get("compute_capability") == self.p.compute_capability and any("Jetson" in e for e in r["examples"]):
                return r
        return None

    def _pick(self, row: Row, entry: dict[str, Any], kind: str) -> tuple[str, str, list[Row]] | None:
        variants = [v for v in entry["variants"] if cat.kind_of_variant(v) == kind]
        if self.p.os == "darwin":
            if kind == "mps":
                mps_min = row.get("mps_min_macos")
                if "mps" not in entry["variants"]:
                    return None
                if mps_min and self.p.os_version and Version(self.p.os_version) < Version(mps_min):
                    self.reject("mps", f"torch {row['release']} needs macOS {mps_min} for MPS")
                    return None
                return "mps", f"MPS needs macOS {mps_min}+", []
            if kind == "cpu":  # the one macOS wheel serves the CPU too
                return entry["default"], "", []
            return None
        if kind == "cuda":
            return self._pick_cuda(row, entry, variants)
        if kind == "rocm":
            for v in sorted(variants, key=lambda x: parse(x[4:]) or Version("0"), reverse=True):
                rrow = cat.torch_rocm_row(self.kb, row["latest"], v)
                if self.p.gfx_arch and rrow and self.p.gfx_arch not in rrow["gfx"]:
                    self.reject("rocm", f"torch {row['release']} {v} has no {self.p.gfx_arch} code objects")
                    continue
                if self.p.gfx_arch and not rrow:
                    continue  # which gfx targets this build has is not in the data
                return v, (f"{self.p.gfx_arch} is in the build's gfx targets" if rrow and self.p.gfx_arch else ""), [rrow] if rrow else []
            return None
        return (variants[0], "", []) if variants else None

    def _pick_cuda(self, row: Row, entry: dict[str, Any], variants: list[str]) -> tuple[str, str, list[Row]] | None:
        cc = self.p.compute_capability
        known = bool(self.p.driver or self.p.max_cuda)
        order = sorted(variants, key=lambda v: parse(cat.cuda_of_variant(v)) or Version("0"), reverse=True)
        if not known and entry.get("default") in order:  # driver unknown: what PyPI itself serves
            order.remove(entry["default"])
            order.insert(0, entry["default"])
        fallback = None
        for v in order:
            cuda = cat.cuda_of_variant(v)
            chk = cat.check_driver(self.kb, cuda, self.table_os, self.p.driver, self.p.max_cuda)
            if chk.ok is False:
                self.reject("cuda", f"torch {row['release']} {v}: {chk.why}")
                continue
            rows = list(chk.rows)
            arow = cat.torch_arch_row(self.kb, row["latest"], v, self.p.os, self.p.arch)
            if cc:
                if arow is None:
                    self.reject("cuda", f"torch {row['release']} {v}: its architecture list is not in the data")
                    continue
                if not cat.covers(cc, arow["sm"], arow["ptx"]):
                    self.reject("cuda", f"torch {row['release']} {v} has no kernels for compute capability {cc} "
                                        f"(sm {' '.join(arow['sm'])})")
                    continue
                rows.append(arow)
            why = chk.why if chk.ok else self.driver_note(cuda)
            if cc:
                why += f"; its kernels cover compute capability {cc}"
            if chk.ok is None or chk.native:
                return v, why, rows
            fallback = fallback or (v, why, rows)
        return fallback

    def _commands(self, row: Row, entry: dict[str, Any], kind: str, variant: str, why: str,
                  rows: list[Row]) -> Plan:
        version, release = row["latest"], row["release"]
        # (with the OS a guess, a GPU build is named by its index: plain PyPI's torch is a CUDA build on Linux but the
        # CPU one on Windows, so only the index gives the same build on both)
        default = variant == entry.get("default") and not (self.p.os_assumed and variant != "cpu")
        where = _where(self.p)
        label = {"cpu": "CPU", "mps": "macOS (MPS)", "xpu": "XPU"}.get(variant) or (
            f"CUDA {cat.cuda_of_variant(variant)}" if variant.startswith("cu") else f"ROCm {variant[4:]}")
        notes = [f"torch {release} ({version}), {label} build" + (f": {why}" if why else "")]
        if default:
            notes.append(f"this is the wheel PyPI serves on {where}")
        elif self.p.key == "linux-x86_64" and variant == "cpu" and (entry.get("default") or "").startswith("cu"):
            notes.append("the CPU-only wheel: plain `pip install torch` on Linux x86_64 pulls a CUDA build and several GB of nvidia-* wheels")
        conda = self._conda(row, entry, variant) if self.sh.manager == "conda" else None
        if conda is not None:
            cmd, crow = conda
            return self.done(kind, [cmd], [row, crow, *rows], release, version, variant, notes)
        if self.sh.manager == "conda":
            notes.append("PyTorch's conda channel stopped after 2.5: install with pip inside the active conda environment")
        pattern = next((r for r in self.kb.usable("torch_install_patterns")
                        if r["manager"] == "pip" and in_range(version, r["versions"])), None)
        if pattern is None:
            self.notes.append(f"no install pattern for torch {version} in the data")
            return self.done(kind, (), [row], release, version, variant, notes)
        tmpl = pattern["default"] if default and pattern.get("default") else pattern["variant"]
        args = _fmt(tmpl, version=version, release=release, variant=variant)
        pinned = args[0].split("==", 1)[1]
        return self.done(kind, [pip_install(self.sh, args)], [row, pattern, *rows], release, pinned, variant, notes)

    def _conda(self, row: Row, entry: dict[str, Any], variant: str) -> tuple[str, Row] | None:
        pat = next((r for r in self.kb.usable("torch_install_patterns")
                    if r["manager"] == "conda" and in_range(row["latest"], r["versions"])), None)
        if pat is None:
            return None
        if self.p.os == "darwin":
            tmpl = pat.get("darwin")
        elif variant == "cpu":
            tmpl = pat.get("cpu")
        elif variant.startswith("cu"):
            tmpl = pat.get("cuda")
        else:
            tmpl = None  # ROCm and XPU builds are pip-only
        if not tmpl:
            return None
        return conda_install(self.sh, _fmt(tmpl, version=row["latest"], cuda=cat.cuda_of_variant(variant) or "")), pat

    def _tpu(self) -> Plan | None:
        if self.p.key != "linux-x86_64":
            return None
        for row in self.releases():
            for t in cat.tpu_rows(self.kb, "torch"):
                if in_range(row["latest"], t["torch"]) and t["command"] and (not self.p.python or in_range(self.p.python, t.get("python") or "")):
                    args = _fmt(t["command"], torch=row["release"])
                    notes = [f"torch {row['release']} with PyTorch/XLA {row['release']} (libtpu) for Cloud TPU VMs"]
                    return self.done("tpu", [pip_install(self.sh, args)], [row, t], row["release"],
                                     f"{row['release']}.*", "torch_xla", notes)
        return None


class _Tf(_Planner):
    framework = "tensorflow"

    def plan(self) -> Plan:
        if self.p.avx is False:
            rows = [r for r in cat.releases(self.kb, "tensorflow") if r.get("requires_avx")]
            self.notes.append("this CPU has no AVX: official TensorFlow wheels use AVX instructions and die with "
                              "'Illegal instruction' on import; build TensorFlow from source for this CPU")
            return self.done(self.p.accelerator, (), rows[:1])
        return super().plan()

    def try_kind(self, kind: str) -> Plan | None:
        if kind == "tpu":
            t = next(iter(cat.tpu_rows(self.kb, "tensorflow")), None)
            if t and t.get("note"):
                self.notes.append(t["note"])
            return None
        if kind == "cuda" and self.p.os == "windows":
            return self._windows_gpu()
        for row in self.releases():
            entry = cat.platform_entry(row, self.p.os, self.p.arch)
            if kind == "mps":
                got = self._metal(row, entry)
                if got:
                    return got
                continue
            if kind == "rocm":
                got = self._rocm(row, entry)
                if got:
                    return got
                continue
            pkg = entry.get(kind)
            if not pkg:
                continue
            rows: list[Row] = [row]
            notes = []
            if kind == "cuda":
                chk = cat.check_driver(self.kb, row["cuda"], self.table_os, self.p.driver, self.p.max_cuda)
                if chk.ok is False:
                    self.reject("cuda", f"tensorflow {row['release']}: {chk.why}")
                    continue
                rows += chk.rows
                why = chk.why if chk.ok else self.driver_note(row["cuda"])
                notes.append(f"tensorflow {row['release']} ({row['latest']}), tested with CUDA {row['cuda']} / "
                             f"cuDNN {row['cudnn']}: {why}")
                if row.get("cuda_from_pip"):
                    notes.append("the and-cuda extra installs CUDA and cuDNN as pip wheels; only the NVIDIA driver comes from the system")
                else:
                    notes.append(f"this release needs CUDA {row['cuda']} and cuDNN {row['cudnn']} installed on the system")
            else:
                notes.append(f"tensorflow {row['release']} ({row['latest']}), CPU build ({pkg})")
            return self.done(kind, [pip_install(self.sh, [f"{pkg}=={row['release']}.*"])], rows,
                             row["release"], f"{row['release']}.*", pkg, notes)
        return None

    def _windows_gpu(self) -> Plan | None:
        for row in self.releases():
            entry = cat.platform_entry(row, self.p.os, self.p.arch)
            pkg = entry.get("cuda")
            if not pkg:
                continue
            upper = next((s.strip() for s in row["versions"].split(",") if s.strip().startswith("<")), None)
            req = f"{pkg}{upper}" if upper else f"{pkg}=={row['release']}.*"
            cmds = []
            notes = [f"tensorflow {row['release']} is the last release with GPU support on native Windows "
                     f"(CUDA {row['cuda']}, cuDNN {row['cudnn']})"]
            if self.sh.manager == "conda":
                cmds.append(conda_install(self.sh, ["-c", "conda-forge", f"cudatoolkit={row['cuda']}", f"cudnn={row['cudnn']}"]))
            else:
                notes.append(f"install CUDA {row['cuda']} and cuDNN {row['cudnn']} first (TensorFlow's page does it with "
                             f"conda: conda install -c conda-forge cudatoolkit={row['cuda']} cudnn={row['cudnn']})")
            cmds.append(pip_install(self.sh, [req]))
            notes.append("newer TensorFlow uses the GPU only inside WSL 2: wsl --install, then in the WSL shell "
                         "python3 -m pip install 'tensorflow[and-cuda]'")
            return self.done("cuda", cmds, [row], row["release"], req[len(pkg):], pkg, notes)
        # No native-Windows GPU release for this Python: WSL 2 with the Linux packages.
        linux = Platform("linux", self.p.arch, "cuda", self.p.python, self.p.driver, self.p.max_cuda,
                         self.p.compute_capability, package_manager="pip", wsl=True)
        inner = _Tf(linux, self.kb).plan()
        if inner.advice.accelerator != "cuda" or not inner.advice.commands:
            return None
        notes = ["TensorFlow 2.10 was the last release with GPU support on native Windows; from 2.11 the GPU "
                 "works inside WSL 2. After `wsl --install`, run in the WSL shell: " + "; ".join(inner.advice.commands)]
        return self.done("cuda", ["wsl --install"], list(inner.rows), inner.release, inner.version, inner.variant,
                         notes + list(inner.advice.notes))

    def _metal(self, row: Row, entry: dict[str, Any]) -> Plan | None:
        pkg = entry.get("mps")
        if not pkg:
            return None
        m = cat.metal_for(self.kb, row["latest"])
        if m is None or self.p.arch not in m["arch"]:
            self.reject("mps", f"no tensorflow-metal release for tensorflow {row['release']} on {self.p.arch}")
            return None
        if self.p.python and not in_range(self.p.python, m["python"]):
            self.reject("mps", f"tensorflow-metal {m['metal']} has no wheel for Python {self.p.python} ({m['python']})")
            return None
        if self.p.os_version and Version(self.p.os_version) < Version(m["macos_min"]):
            self.reject("mps", f"tensorflow-metal {m['metal']} needs macOS {m['macos_min']}")
            return None
        notes = [f"tensorflow {row['release']} with Apple's tensorflow-metal {m['metal']} GPU plugin "
                 f"(macOS {m['macos_min']}+, Python {m['python']})"]
        cmd = pip_install(self.sh, [f"{pkg}=={row['release']}.*", f"tensorflow-metal=={m['metal']}"])
        return self.done("mps", [cmd], [row, m], row["release"], f"{row['release']}.*", f"tensorflow-metal=={m['metal']}", notes)

    def _rocm(self, row: Row, entry: dict[str, Any]) -> Plan | None:
        if self.p.key != "linux-x86_64":
            return None
        r = cat.tf_rocm_for(self.kb, row["latest"])
        if r is None:
            return None
        supported = next((x for x in self.kb.usable("rocm_releases") if in_range(r["rocm"], x["rocm"])), None)
        notes = [f"{r['package']} (AMD's build of tensorflow {row['release']} for ROCm {r['rocm']}); newer "
                 "builds are on repo.radeon.com, not PyPI"]
        if self.p.gfx_arch and supported and self.p.gfx_arch not in supported["gfx"]:
            notes.append(f"{self.p.gfx_arch} is not among ROCm {r['rocm']}'s supported targets "
                         f"({', '.join(supported['gfx'])})")
        return self.done("rocm", [pip_install(self.sh, [r["package"]])], [row, r, supported], row["release"],
                         r["package"].split("==", 1)[1], r["package"], notes)


def advise_for_facts(facts: Facts, matrix: Sequence[MatrixCell], kb: Knowledge) -> tuple[Advice, ...]:
    """Advice for each framework that is missing, or not working on this machine's best device."""
    plat = platform_of(facts)
    out = []
    for fw in facts.frameworks:
        cell = next((c for c in matrix if c.framework == fw.name and c.device_kind == plat.accelerator), None)
        if cell is not None and cell.state == "works":
            continue
        advice = advise(plat, fw.name, kb)
        if advice.commands:
            out.append(advice)
    return tuple(out)
