"""rocm.*: an AMD GPU the framework cannot use (wrong build, gfx target not compiled in, no access)."""

from __future__ import annotations

import re
from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import set_env
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import parse
from hwprobe.report import Finding

OVERRIDE_SRC = "https://github.com/ROCm/rocALUTION/issues/197"


def _gfx(facts: Facts, kb: Knowledge) -> tuple[str | None, str | None]:
    for a in c.amd(facts):
        if a.gfx_arch:
            return a.gfx_arch.split(":")[0].lower(), a.model
        row = cat.gpu_model(kb, a.model, "amd")
        if row:
            return row["gfx_arch"], a.model
    return None, next((a.model for a in c.amd(facts) if a.model), None)


def _any_build_has(kb: Knowledge, gfx: str) -> bool | None:
    rows = kb.usable("torch_rocm_arch")
    return any(gfx in r["gfx"] for r in rows) if rows else None


def _override(gfx: str, targets: list[str]) -> str | None:
    """HSA_OVERRIDE_GFX_VERSION value that maps an RDNA part to its family's supported target
    (gfx1031 -> 10.3.0 when gfx1030 is built in). Unofficial (AMD: 'officially we do not support
    gfx1031', ROCm/rocALUTION#197), so the finding says so."""
    m = re.fullmatch(r"gfx(\d\d)(\d)([0-9a-f])", gfx)
    if not m:
        return None
    base = f"gfx{m.group(1)}{m.group(2)}0"
    return f"{int(m.group(1))}.{int(m.group(2))}.0" if base in targets and base != gfx else None


@rule
def cuda_build_on_amd(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    gpus = c.amd(facts)
    if not gpus and not c.nvidia(facts) and facts.host.os != "darwin":
        yield from _cuda_build_where_rocm_is_wanted(facts, kb)
    if not gpus or c.nvidia(facts) or facts.host.os == "darwin":
        return  # an Intel Mac's Radeon is a Metal (MPS) GPU: no ROCm for macOS; cuda.no_gpu says what a Mac can use
    gfx, model = _gfx(facts, kb)
    torch = facts.framework("torch")
    all_obs = c.obs(facts, kb)
    nowhere = bool(gfx and _any_build_has(kb, gfx) is False)
    if nowhere and not _cuda_build_said(facts, kb):
        return  # arch_unsupported: no ROCm build would help
    said = c.find(all_obs, "torch.cannot_use_gpu", "torch.not_compiled_with_cuda", "cuda.no_driver",
                  framework="torch")
    # A ROCm build: torch.version.hip, or a pasted version whose local label says so ("1.8.1+rocm4.0.1").
    rocm_build = torch is not None and bool(torch.build.get("hip") or (c.local_label(torch.version) or "").startswith("rocm"))
    # HIP's or rocBLAS's own message ("no binary for GPU", rocBLAS's TensileLibrary): only a ROCm build reaches them
    # (pytorch#96964: "Pytorch: 2.0.0, install by: pip install" would otherwise read as PyPI's CUDA wheel)
    rocm_build = rocm_build or bool(c.find(all_obs, "rocm.no_binary_for_gpu"))
    # (where torch has no ROCm build, any torch on the AMD GPU runs on the CPU: torch seeing no GPU says it too,
    # Real-ESRGAN#519's half-precision CPU kernel error on Windows)
    unused = said or c.find(all_obs, "torch.cuda_unavailable")
    if unused and not c.supported_here(kb, "torch", "rocm", facts) and not rocm_build:
        plats = sorted({k for r in cat.releases(kb, "torch") for k, e in r.get("platforms", {}).items()
                        if any(str(v).startswith("rocm") for v in e.get("variants", []))})
        yield Finding(
            code="rocm.cuda_build_on_amd", severity="error", subject="torch", framework="torch", device_kind="rocm",
            message=(f"torch was asked for a GPU, but this machine's GPU is an AMD one{f' ({model or gfx})' if model or gfx else ''}, which "
                     "torch's default (CUDA) builds cannot use, and PyTorch publishes no ROCm build for "
                     f"{facts.host.os or 'this OS'} (its ROCm wheels are for {', '.join(plats) or 'no platform'} only). torch runs on the "
                     "CPU here; no NVIDIA driver or CUDA install will change that."),
            sources=cat.source_urls(cat.releases(kb, "torch")[:1]) + c.pattern_sources(kb, unused[:1]),
            evidence=tuple(c.quote(o) for o in unused[:1]),
        )
        return
    # a torch whose build the paste does not show is no evidence of a CUDA one (ROCm#5184: "PyTorch 2.5.1" on ROCm
    # 6.4.1 with the RX 7900 XTX working as cuda:0): its build, a local label, the wheel pip fetched (a PyPI one has
    # no +rocm label, ComfyUI-Installer#15) or torch's own message must say so
    # (torch asked for the GPU and seeing none, comic-translate#210, says it too: a ROCm build sees a supported one)
    shown = torch is not None and ("cuda" in torch.build or "hip" in torch.build or bool(c.local_label(torch.version))
                                   or bool(c.find(all_obs, "pip.torch_wheel", "torch.cuda_unavailable"))
                                   or (torch.build.get("runtime") or {}).get("cuda_available") is False)
    if ((c.present(torch) and (shown or said)) or (torch is None and said)) and not rocm_build \
            and c.supported_here(kb, "torch", "rocm", facts):
        cpu = torch is not None and (("cuda" in torch.build and torch.build["cuda"] is None)
                                     or (c.local_label(torch.version) or "").startswith("cpu"))
        kind = ("a CUDA" if torch.build.get("cuda") else "a CPU-only" if cpu else "not a ROCm") if torch is not None \
            else "not a ROCm"
        cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "rocm", remove=("torch",),
                                             **({"gfx_arch": gfx} if gfx else {})) if not nowhere else ((), (), None)
        # (a GPU no official ROCm wheel was built for, an RX 570's gfx803: the CUDA build is still what torch's own
        # message shows, and the ROCm index would not help either, SimSwap#421)
        yield Finding(
            code="rocm.cuda_build_on_amd", severity="error", subject="torch", framework="torch", device_kind="rocm",
            message=(f"{c.release_label(torch) if torch else 'This torch'} is {kind} build; this machine has an AMD GPU{f' ({model or gfx})' if model or gfx else ''} "
                     "which only a ROCm build of torch can use." + (f" Install: {summary}." if summary else "")
                     + (f" No official torch ROCm build includes {gfx} either (AMD does not support it): torch runs on "
                        f"this GPU only from a build made for {gfx}; otherwise use the CPU." if nowhere else "")),
            fix=cmds, sources=srcs, evidence=((f"torch.version.hip = {torch.build.get('hip')!r}",) if torch else ())
            + tuple(c.quote(o) for o in said[:1]),
        )
    elif (to_cuda := [o for o in c.find(all_obs, "pip.torch_index") if o.values.get("variant", "").startswith("cu")]) \
            and c.supported_here(kb, "torch", "rocm", facts):
        # pip pointed at PyTorch's CUDA index on an AMD machine: a launcher "fixing" a working ROCm torch to the
        # CUDA one its requirements pin (kohya_ss#2228: 2.1.2+rocm5.6 'wrong version', installing 2.1.2+cu118)
        cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "rocm", remove=("torch",),
                                             **({"gfx_arch": gfx} if gfx else {}))
        now = f" It replaces {c.release_label(torch)}, a ROCm build that can." if rocm_build and torch else ""
        yield Finding(
            code="rocm.cuda_build_on_amd", severity="error", subject="torch", framework="torch", device_kind="rocm",
            message=(f"torch is being installed from PyTorch's {to_cuda[0].values['variant']} (CUDA) index, a build "
                     f"that cannot use this machine's AMD GPU{f' ({model or gfx})' if model or gfx else ''}.{now} "
                     "Install from the ROCm index instead, and keep the script or requirements file that pins the "
                     "CUDA build from running" + (f": {summary}." if summary else ".")),
            fix=cmds, sources=tuple(dict.fromkeys(srcs + c.pattern_sources(kb, to_cuda))),
            evidence=tuple(c.quote(o) for o in to_cuda[:1]),
        )
    tf = facts.framework("tensorflow")
    # AMD's own distribution is the ROCm build whatever its build facts leave unsaid (ROCm/tensorflow-upstream#1291)
    amd_tf = tf is not None and (tf.distribution == "tensorflow-rocm" or "tensorflow-rocm" in facts.packages)
    if c.present(tf) and not tf.build.get("is_rocm_build") and not amd_tf \
            and c.supported_here(kb, "tensorflow", "rocm", facts):
        cmds, srcs, summary = c.fix_commands(facts, kb, "tensorflow", "rocm",
                                             remove=tuple(d for d in c.TF_DISTRIBUTIONS if d in facts.packages))
        yield Finding(
            code="rocm.cuda_build_on_amd", severity="error", subject="tensorflow", framework="tensorflow",
            device_kind="rocm",
            message=(f"{c.release_label(tf)} has no ROCm support; AMD GPUs need AMD's tensorflow-rocm build"
                     + (f": {summary}." if summary else
                        " (on PyPI up to 2.14 for Python <= 3.11; later builds at repo.radeon.com).")),
            fix=cmds, sources=srcs, evidence=("build: is_rocm_build = False",),
        )


def _cuda_build_where_rocm_is_wanted(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """torch's 'Found no NVIDIA driver' (only a CUDA build says it) in a paste about ROCm, with no GPU named: the
    CUDA build on an AMD machine (av/harbor#173: ComfyUI's default image, the ROCm index quoted as what should work;
    ComfyUI#5122: hipBLASLt's variable set, a guide's install replaced the ROCm torch)."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "cuda.no_driver", framework="torch")
    wanted = c.find(all_obs, "rocm.wanted")
    if not (said and wanted) or not c.supported_here(kb, "torch", "rocm", facts):
        return
    cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "rocm", remove=("torch",))
    yield Finding(
        code="rocm.cuda_build_on_amd", severity="error", subject="torch", framework="torch", device_kind="rocm",
        message=("torch says it found no NVIDIA driver, which only a CUDA build of torch says, and the paste is about "
                 "ROCm, AMD's GPU stack: a CUDA build cannot use an AMD GPU. Install torch from PyTorch's ROCm index "
                 "(and, in a container, use the image's ROCm variant with /dev/kfd and /dev/dri passed in)"
                 + (f": {summary}." if summary else ".")),
        fix=cmds, sources=tuple(dict.fromkeys(srcs + c.pattern_sources(kb, said + wanted))),
        evidence=tuple(c.quote(o) for o in said[:1] + wanted[:1]),
    )


@rule
def arch_unsupported(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "rocm.no_binary_for_gpu")
    kfd = c.find(all_obs, "rocm.kfd_unsupported_gpu")
    if kfd and not said:
        yield _kfd_unsupported(kb, kfd)
        return
    gfx, model = _gfx(facts, kb)
    gfx = gfx or next((o.values["gfx"] for o in said if o.values.get("gfx")), None)  # rocBLAS: "for GPU arch : gfx1036"
    torch = facts.framework("torch")
    if not model and torch is not None:
        model = next((d.name for d in torch.devices if d.kind in ("rocm", "cuda") and d.name), None)
    targets: list[str] = []
    how = ""
    rows = []
    if torch is not None and torch.build.get("hip"):
        flags = [a for a in torch.build.get("arch_list") or [] if str(a).startswith("gfx")]
        if flags:
            targets, how = [str(a).split(":")[0] for a in flags], "torch.cuda.get_arch_list()"
        else:
            row = cat.torch_rocm_row(kb, torch.version or "", c.torch_variant(torch))
            if row:
                targets, how, rows = list(row["gfx"]), f"torch_rocm_arch for {torch.version}", [row]
    missing = bool(gfx and targets and gfx not in targets)
    # (a torch that does not import has run no kernel: its failure is the import's, TheRock#7329; a build named for
    # this very target, gfx803_rocm#50's rocm64_gfx803_pytorch image, has its code objects whatever the official lack)
    built_for = {o.values.get("gfx") or o.values.get("gfx2") for o in c.find(all_obs, "rocm.build_for_target")}
    # (nor is it told so when its own message shows a CUDA build, cuda_build_on_amd's finding, SimSwap#421, or when it
    # is a source build, compiled for the targets its builder chose, ROCm/pytorch#627's 1.6.0a0+93432cf; a process that
    # died of an illegal instruction ran no GPU kernel, ROCm's tensorflow#51 on an RX 480 in 2018)
    nowhere = bool(gfx and not torch_has_hip(torch) and _any_build_has(kb, gfx) is False
                   and not (torch is not None and torch.status == "import_error" and not said)
                   and gfx.removeprefix("gfx") not in built_for
                   and not _cuda_build_said(facts, kb) and not _source_build(torch)
                   and not (c.find(all_obs, "cpu.illegal_instruction") and not said)
                   # (nor one that could not open the GPU at all: ROCm#1080's rocminfo works only as root)
                   and not c.find(all_obs, "rocm.kfd_denied", "rocm.root_only"))
    rocm_row = None
    if gfx and not targets and torch_has_hip(torch) and _any_build_has(kb, gfx) is False:
        # No arch list for this torch release: the ROCm it ships decides. A target that AMD's list for that ROCm
        # lacks and that no torch ROCm wheel in the data was ever built for has no code objects in this one either.
        rocm_row = cat.rocm_release_row(kb, str(torch.build.get("hip")))
        if rocm_row and gfx not in rocm_row["gfx"]:
            rows, how = [rocm_row], f"ROCm {torch.build.get('hip')}'s supported targets"
            targets = list(rocm_row["gfx"])
        else:
            rocm_row = None
    if not (missing or said or nowhere or rocm_row):
        return
    if said and not gfx and not c.amd(facts) and c.nvidia(facts):
        return  # a HIP error where only an NVIDIA GPU is named: which AMD device HIP found is not known
    # No torch anywhere in the paste: the ROCm libraries are the program's own (ollama's bundled ROCm lists the targets
    # it has, ollama#4099); a torch reinstall is not the fix, a build of the program for this GPU or the override is.
    torch_named = c.framework_named(facts, all_obs, "torch")
    listed = next((o.values["supported"].split() for o in said if o.values.get("supported")), [])
    if not torch_named and listed and not targets:
        targets, how = listed, "the program's own list"
    override = _override(gfx, targets or _all_targets(kb)) if gfx else None
    cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "rocm", remove=("torch",), gfx_arch=gfx) \
        if gfx and torch_named else ((), (), None)
    sh = c.shell(facts)
    fix = cmds
    if not fix and override:
        fix = (set_env(sh, "HSA_OVERRIDE_GFX_VERSION", override),)
    what = f"{model or 'this AMD GPU'}" + (f" ({gfx})" if gfx else "")
    message = (f"The ROCm build has no code objects for {what}: kernels fail with 'invalid device function' / "
               "hipErrorNoBinaryForGpu.")
    if rocm_row:
        message += (f" The ROCm this build ships supports {', '.join(targets)} ({how}), and no torch ROCm wheel in "
                    f"the data was built for {gfx}.")
    elif targets:
        message += f" It was built for {', '.join(targets)} ({how})."
    if cmds and summary:
        message += f" A build that includes it: {summary}."
    elif override and not torch_named:
        message += (f" This program's ROCm build does not include {gfx}: a build of it for {gfx} (a newer ROCm) fixes "
                    f"that; unofficially, HSA_OVERRIDE_GFX_VERSION={override} makes ROCm treat it as its family's "
                    "supported target.")
    elif override and _any_build_has(kb, gfx):
        message += (f" Torch ROCm builds for {gfx} exist (Linux, newer ROCm), but none for "
                    f"{facts.host.os or 'this platform'} here. Unofficially, HSA_OVERRIDE_GFX_VERSION={override} makes "
                    "ROCm treat it as its family's supported target.")
    elif override:
        message += (f" No official torch ROCm build includes {gfx}; AMD does not support it. Unofficially, "
                    f"HSA_OVERRIDE_GFX_VERSION={override} makes ROCm treat it as its family's supported target.")
    yield Finding(
        code="rocm.arch_unsupported", severity="error", subject="torch" if torch else "rocm",
        framework="torch" if torch else None, device_kind="rocm", message=message, fix=fix,
        sources=tuple(dict.fromkeys(srcs + cat.source_urls(rows) + ((OVERRIDE_SRC,) if override else ()))),
        evidence=tuple(c.quote(o) for o in said[:2]) + ((f"gfx target {gfx}",) if gfx else ()),
    )


@rule
def package_arch_refused(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A package's own ROCm build refuses this gfx target ('gfx1100 is invalid or not supported by Flash-Attention',
    ROCm/flash-attention#93: no Navi support in it): torch may run there while that package has no kernels for it."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "package.rocm_arch_refused")
    if not said or c.find(all_obs, "rocm.no_binary_for_gpu", "rocm.kfd_unsupported_gpu"):
        return
    o = said[0]
    gfx, model = _gfx(facts, kb)
    gfx = o.values.get("gfx", "").lower() or gfx
    pkg = o.values.get("package") or "this package"
    yield c.said_finding(
        kb, said, "rocm.arch_unsupported", "rocm", device_kind="rocm",
        message=(f"{pkg}'s ROCm build has no kernels for {model or 'this AMD GPU'} ({gfx}): its own check says so, "
                 "and no reinstall of torch or ROCm gives it any. Use the program without it (PyTorch's own attention, "
                 "scaled_dot_product_attention, runs on this GPU in torch's ROCm build), a release of it that lists "
                 f"{gfx} among its targets, or a GPU it supports."),
    )


def _kfd_unsupported(kb: Knowledge, kfd) -> Finding:  # noqa: ANN001
    """The kernel's own words (amdkfd, kfd_device.c): '<ASIC> not supported in kfd'. No /dev/kfd node is set up for
    the GPU, so no ROCm build and no group membership can make it usable."""
    asic = kfd[0].values.get("asic") or "this GPU"
    return Finding(
        code="rocm.arch_unsupported", severity="error", subject="rocm", device_kind="rocm",
        message=(f"The kernel's amdkfd driver does not support this GPU ({asic}), so ROCm's compute interface is never "
                 "set up for it and no ROCm build of any framework can use it; user groups and permissions do not change "
                 "that. A GPU amdkfd has no entry for at all (the Southern Islands parts: TAHITI, PITCAIRN, VERDE, OLAND, "
                 "HAINAN) has no ROCm: use the CPU or another GPU; a GPU newer than the running kernel needs a newer kernel."),
        sources=c.pattern_sources(kb, kfd), evidence=tuple(c.quote(o) for o in kfd[:1]),
    )


def _cuda_build_said(facts: Facts, kb: Knowledge) -> bool:
    """Whether torch's own words show a build other than ROCm's: a ROCm build never says 'Found no NVIDIA driver' or
    'Torch not compiled with CUDA enabled'."""
    return bool(c.find(c.obs(facts, kb), "cuda.no_driver", "torch.not_compiled_with_cuda", framework="torch"))


def _source_build(torch) -> bool:  # noqa: ANN001
    """A torch built from a checkout: a pre-release with a commit hash as its local label ('1.6.0a0+93432cf',
    '2.1.0a0+git7bcf7da'), not a wheel PyTorch published."""
    v = parse(torch.version) if torch is not None and torch.version else None
    return bool(v is not None and v.is_prerelease and not v.is_devrelease and v.local
                and re.fullmatch(r"(?:git)?[0-9a-f]{7,40}", v.local))


def torch_has_hip(torch) -> bool:  # noqa: ANN001
    return bool(torch is not None and torch.build.get("hip"))


def _all_targets(kb: Knowledge) -> list[str]:
    out: list[str] = []
    for r in kb.usable("torch_rocm_arch"):
        out += [g for g in r["gfx"] if g not in out]
    return out


@rule
def permission(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    denied = [a for a in c.amd(facts) if a.status == "no_permission"]
    said = c.find(all_obs, "rocm.kfd_denied")
    # "works as root" about an AMD GPU's ROCm (rocminfo's HSA error as the user, none with sudo: ROCm#1080)
    if not said and not c.nvidia(facts):
        # (a ROCm tool named as the one that works with sudo is about an AMD GPU even where the paste names none)
        said = [o for o in c.find(all_obs, "rocm.root_only") if c.amd(facts) or o.values.get("tool")]
    if not denied and not said:
        return
    member = c.find(all_obs, "rocm.in_render_group")
    if member:
        # rocminfo itself says the user is in the render group and /dev/kfd is still denied (ROCm#6142): the group
        # is no fix; which of the remaining causes it is, the paste does not show. A lead.
        yield Finding(
            code="rocm.permission", severity="info", subject="rocm", device_kind="rocm",
            message=("/dev/kfd is denied although rocminfo says this user is in the render group that owns it. Adding "
                     "the group again does not help: this session may predate it (`id` lists the session's groups; log "
                     "out and back in, or reboot), or a sandbox or container (snap, flatpak, Docker without "
                     "--device=/dev/kfd) hides the device; `ls -l /dev/kfd` and `getfacl /dev/kfd` show its rights."),
            sources=c.pattern_sources(kb, member), evidence=tuple(c.quote(o) for o in (member + said)[:2]),
        )
        return
    row = cat.fix(kb, "rocm.groups")
    # The same paste saying /dev/kfd does not exist: no group fixes a missing node; `ls -l /dev/kfd` tells which.
    missing = not denied and c.find(all_obs, "rocm.kfd_missing")
    yield Finding(
        code="rocm.permission", severity="info" if missing else "error", subject="rocm", device_kind="rocm",
        message=("This user cannot open the ROCm devices (/dev/kfd, /dev/dri/renderD*), so no framework sees the "
                 "AMD GPU. Add the user to the render and video groups" + (f"; {row['note']}" if row else "") + "."
                 + (" But the paste also says /dev/kfd does not exist, which no group fixes (amdkfd did not set it "
                    "up): `ls -l /dev/kfd` and `dmesg | grep kfd` tell which." if missing else "")),
        fix=tuple(row["commands"]) if row else (),
        sources=cat.source_urls([row]),
        evidence=tuple(f"{a.source}: {a.detail or 'no permission'}" for a in denied) + tuple(c.quote(o) for o in said[:1]),
    )
