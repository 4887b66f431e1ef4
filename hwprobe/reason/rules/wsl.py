"""wsl.*: Linux under WSL, where the GPU comes from the Windows driver through /dev/dxg."""

from __future__ import annotations

from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding


def _wants_gpu(facts: Facts, kb: Knowledge) -> bool:
    all_obs = c.obs(facts, kb)
    torch = facts.framework("torch")
    tf = facts.framework("tensorflow")
    if c.present(torch) and c.torch_has_cuda(torch, all_obs):
        return True
    if c.present(tf) and c.tf_has_cuda(tf):
        return True
    # a cuDNN sub-library that did not load is cuDNN's own install as often as WSL's libcuda (Make-Your-Video#4
    # against nougat#105): no evidence about the GPU path unless the message names libcuda
    libs = [o for o in c.find(all_obs, "cuda.library_not_found")
            if not o.values.get("library", "").lower().startswith(("libcudnn", "cudnn")) or "libcuda.so" in o.text]
    return bool(libs or c.find(all_obs, "cuda.no_driver", "cuda.no_device", "cuda.smi_no_driver",
                               "cuda.smi_not_found", "cuda.libcuda_not_found", "cuda.nvml_missing",
                               "cuda.kernel_driver_not_running", "wsl.dxg_missing", "wsl.gpu_blocked",
                               "wsl.libcuda_absent", "wsl.nvml_hook_failed"))


def _wants_cuda(facts: Facts, kb: Knowledge) -> bool:
    """A CUDA error of any kind (cudaErrorInsufficientDriver included) also says a GPU was wanted."""
    return _wants_gpu(facts, kb) or bool(c.find(c.obs(facts, kb), "cuda.driver_insufficient", "cuda.driver_too_old"))


@rule
def gpu_unavailable(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    wsl = facts.host.wsl
    if wsl is None:
        yield from _said_in_wsl(facts, kb)
        return
    old_windows = c.windows_too_old(facts, kb)
    seen = any(c.sees(fw, "cuda") for fw in facts.frameworks)
    # (the user's own words about the GPU count as wanting it: "GPU support in WSL does not work", WSL#5955)
    if old_windows and not seen and (_wants_cuda(facts, kb) or c.nvidia(facts) or facts.frameworks
                                     or c.find(c.obs(facts, kb), "host.gpu_mentioned")):
        # Before 21H2 only Insider builds had GPU compute in WSL 2: a CUDA error there is the Windows build's, whatever
        # the driver (cudaErrorInsufficientDriver is what the samples print, build18363).
        yield Finding(
            code="wsl.gpu_unavailable", severity="error", subject="wsl", device_kind="cuda",
            message=(f"This Windows (build {wsl.windows_build}) has no GPU compute for WSL 2: "
                     f"{old_windows['note']}. No driver or CUDA install inside WSL changes that."),
            fix=tuple(old_windows["commands"]), sources=cat.source_urls([old_windows]),
            evidence=(f"WSL {wsl.version}, Windows build {wsl.windows_build}",),
        )
        return
    # "Insufficient driver" inside WSL 2 from a program whose CUDA the Windows driver runs: the driver is not what
    # fails, the WSL GPU path is (an old WSL kernel, or a Windows build whose WSL GPU compute is broken).
    insufficient = c.find(c.obs(facts, kb), "cuda.driver_insufficient", "cuda.driver_too_old")
    driver, max_cuda, _ = c.driver_of(facts, c.obs(facts, kb))
    toolkit = facts.environment.cuda_toolkit
    runs = bool(insufficient and toolkit and wsl.version == 2 and (driver or max_cuda)) and cat.check_driver(
        kb, toolkit, cat.driver_os(facts.host.os, True), driver, max_cuda).ok is True
    tcc = c.find(c.obs(facts, kb), "cuda.tcc_mode")
    if wsl.version == 2 and tcc and not seen:
        name = tcc[0].values.get("name", "the GPU").strip()
        yield Finding(
            code="wsl.gpu_unavailable", severity="error", subject="wsl", device_kind="cuda",
            message=(f"{name} runs in TCC mode on Windows (nvidia-smi's Driver-Model column), and WSL 2 passes only "
                     "WDDM GPUs into Linux (GPU paravirtualization needs a WDDM driver): inside WSL there is no GPU. "
                     "Switch it to WDDM in an administrator shell on Windows, if the GPU supports WDDM, and reboot; "
                     "then /dev/dxg and /usr/lib/wsl/lib/libcuda.so appear in WSL."),
            fix=(f"nvidia-smi -i {tcc[0].values.get('index', '0')} -dm 0",),
            sources=c.pattern_sources(kb, tcc), evidence=tuple(c.quote(o) for o in tcc[:1]) + (f"WSL {wsl.version}",),
        )
        return
    # WSL 1 has no GPU at all: there the user's words about a GPU or CUDA ask for one too (microsoft/WSL#5644)
    asked = wsl.version == 1 and bool(c.find(c.obs(facts, kb), "host.gpu_mentioned"))
    # A GPU only named (no driver version, no nvidia-smi table) beside a tool's "no GPU detected" is the Windows
    # host's, not one WSL reaches (ollama#4659: "i have an RTX 3060 Ti", then ollama's installer finds none)
    unseen = c.find(c.obs(facts, kb), "cuda.no_device", "cuda.no_driver", "wsl.nvml_hook_failed") \
        if not c.find(c.obs(facts, kb), "cuda.smi_works_said") else []  # "with nvidia-smi working" (cuml#4143)
    usable = [a for a in c.usable(c.nvidia(facts)) if not (unseen and a.driver_version is None and a.max_cuda_supported is None)]
    if (usable and not runs) or not (_wants_cuda(facts, kb) or asked):
        return
    if c.find(c.obs(facts, kb), "torch.cuda_available_true") and not runs:
        return  # torch.cuda.is_available() is True in the user's WSL session: the GPU reaches WSL (HFGI3D#9)
    blocked = c.find(c.obs(facts, kb), "wsl.gpu_blocked")
    in_box = facts.host.container is not None or bool(c.find(c.obs(facts, kb), "container.said_inside"))
    if blocked and in_box and wsl.version == 2:
        # NVML refused inside a container started in WSL 2 while WSL itself sees the GPU (microsoft/WSL#9962): the
        # container's GPU setup is the question, not the Windows driver; which part the paste does not say
        yield Finding(
            code="wsl.gpu_unavailable", severity="info", subject="wsl", device_kind="cuda",
            message=("NVML is refused the GPU ('GPU access blocked by the operating system') inside a container "
                     "started in WSL 2: the container's GPU setup under WSL is what fails (the NVIDIA Container "
                     "Toolkit's release and its WSL support, Docker Engine inside WSL against Docker Desktop), not "
                     "the Windows driver. `nvidia-smi` in WSL itself and NVIDIA's test container tell which."),
            fix=("nvidia-smi", "docker run --rm --gpus all ubuntu nvidia-smi"),
            sources=c.pattern_sources(kb, blocked), evidence=tuple(c.quote(o) for o in blocked[:1]),
        )
        return
    libcuda = c.find(c.obs(facts, kb), "cuda.libcuda_not_found")
    evidence = (f"WSL {wsl.version}, /dev/dxg {'present' if wsl.gpu_device else 'missing'}, libcuda "
                f"{'present' if wsl.libcuda else 'missing'}",)
    if runs:
        row = cat.fix(kb, "wsl.update")
        what = (f"CUDA reports an insufficient driver inside WSL 2, but the Windows driver ({driver}) runs CUDA "
                f"{toolkit}, the toolkit in use: the WSL GPU path is what fails (an old WSL kernel, or a Windows "
                "build whose GPU compute in WSL is broken)")
        evidence = tuple(c.quote(o) for o in insufficient[:1]) + (f"driver {driver}, CUDA toolkit {toolkit}, WSL 2",)
    elif wsl.version == 1:
        row = cat.fix(kb, "wsl.version2")
        what = "WSL 1 has no GPU support at all; only WSL 2 passes the GPU through"
    elif libcuda:
        row = cat.fix(kb, "wsl.libcuda_path")
        what = ("the driver's libcuda.so could not be loaded inside WSL 2: it is the Windows driver's, in "
                "/usr/lib/wsl/lib, which a dlopen of libcuda.so does not search (a toolkit's stub libcuda put in its "
                "place never runs anything)")
        evidence = tuple(c.quote(o) for o in libcuda[:1]) + (f"WSL {wsl.version}",)
    elif blocked:
        row = cat.fix(kb, "wsl.update")
        what = ("NVML inside WSL 2 is refused the GPU ('GPU access blocked by the operating system'): Windows does "
                "not pass this GPU through. A GPU in TCC or data-center mode is never passed to WSL (it needs WDDM), "
                "and a WSL kernel built without the dxgkrnl driver (a custom kernel config) has no GPU path at all")
        evidence = tuple(c.quote(o) for o in blocked[:1]) + (f"WSL {wsl.version}",)
    elif (absent := c.find(c.obs(facts, kb), "wsl.libcuda_absent")) and not wsl.libcuda:
        row = cat.fix(kb, "wsl.update")
        what = ("/usr/lib/wsl/lib holds the Windows driver's DirectX libraries but no libcuda.so: the Windows NVIDIA "
                "driver's CUDA part is not mapped into WSL (reinstall the NVIDIA driver on Windows, then `wsl "
                "--shutdown`)")
        evidence = tuple(c.quote(o) for o in absent[:1]) + (f"WSL {wsl.version}",)
    elif (hook := c.find(c.obs(facts, kb), "wsl.nvml_hook_failed")) and wsl.version == 2 and not wsl.libcuda:
        # Docker Desktop's WSL 2 backend (AbdBarho/stable-diffusion-webui-docker#129: Windows 10 19042)
        row = cat.fix(kb, "wsl.windows_build")
        what = ("the NVIDIA Container Toolkit's hook cannot load libnvidia-ml.so.1 inside WSL 2: that library is the "
                "Windows NVIDIA driver's, mapped into /usr/lib/wsl/lib only where Windows supports GPU compute in WSL "
                "(a recent enough Windows build and a driver with WSL support), so WSL has no GPU to pass to the "
                "container")
        evidence = tuple(c.quote(o) for o in hook[:1]) + (f"WSL {wsl.version}",)
    elif (dxg := c.find(c.obs(facts, kb), "wsl.dxg_missing")) and not wsl.gpu_device:
        row = cat.fix(kb, "wsl.update")
        what = ("WSL 2 has no /dev/dxg, the device the Windows NVIDIA driver reaches Linux through: the GPU is not "
                "passed through (an old WSL or kernel, a Windows build or NVIDIA driver without WSL GPU support)")
        evidence = tuple(c.quote(o) for o in dxg[:1]) + (f"WSL {wsl.version}",)
    elif c.partial(facts) and not wsl.gpu_device and not wsl.libcuda:
        row = cat.fix(kb, "wsl.update")
        what = ("the GPU is not reachable inside WSL 2 (check that /dev/dxg and /usr/lib/wsl/lib/libcuda.so exist; "
                "both come from the Windows NVIDIA driver)")
        evidence = (f"WSL {wsl.version}",)
    elif not wsl.gpu_device:
        row = cat.fix(kb, "wsl.update")
        what = ("WSL 2 shows no /dev/dxg: the GPU is not passed through (an old WSL or kernel, or a Windows "
                "NVIDIA driver without WSL support)")
    else:
        row = cat.fix(kb, "wsl.update")
        what = ("/dev/dxg is present but /usr/lib/wsl/lib/libcuda.so is not: the Windows NVIDIA driver is not "
                "mapped into WSL (install or update the driver on Windows)")
    drv = cat.fix(kb, "nvidia.driver")
    yield Finding(
        code="wsl.gpu_unavailable", severity="error", subject="wsl", device_kind="cuda",
        message=(f"{what[0].upper()}{what[1:]}. CUDA programs inside WSL find no GPU."
                 + (" Check that the library is there, then add /usr/lib/wsl/lib to LD_LIBRARY_PATH (the "
                    "programs that link against libcuda find it through /etc/ld.so.conf.d/ld.wsl.conf; dlopen does not)."
                    if libcuda and wsl.version == 2 and not runs else
                    f" {row['note'][0].upper()}{row['note'][1:]}." if row else "")
                 + (f" Then {drv['note']}." if drv and wsl.version == 2 and not libcuda else "")),
        fix=tuple(row["commands"]) if row else (), sources=cat.source_urls([row, drv]),
        evidence=evidence,
    )


def _said_in_wsl(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """The paste says it runs "in WSL" without the version, and CUDA finds no GPU there (microsoft/WSL#9134). WSL 1
    has no GPU; WSL 2 gets it from the Windows driver through /dev/dxg. Which one is not known, so the likely
    cause, with the commands that tell, not a diagnosis of either."""
    said = c.find(c.obs(facts, kb), "host.wsl_mentioned")
    if not said or facts.host.container is not None or facts.host.os not in (None, "linux"):
        return
    failed = c.find(c.obs(facts, kb), "cuda.smi_no_driver", "cuda.no_device", "cuda.no_driver", "cuda.libcuda_not_found",
                    "wsl.gpu_blocked", "wsl.libcuda_absent")
    # cuDNN's "Error: libcuda.so: cannot open shared object file" (seamless_communication#167): WSL's libcuda path
    failed += [o for o in c.find(c.obs(facts, kb), "cuda.library_not_found") if "libcuda.so" in o.text]
    if any(c.sees(fw, "cuda") for fw in facts.frameworks) or not _wants_gpu(facts, kb):
        return
    if c.usable(c.nvidia(facts)) and not failed:
        return  # a GPU listed (often Windows' own nvidia-smi, beside the failure inside WSL) and nothing failing
    row = cat.fix(kb, "wsl.update")
    # nvidia-smi or libcuda failing inside WSL is the driver mapping itself; a program's own "No CUDA GPUs" may come
    # from its environment (a worker's CUDA_VISIBLE_DEVICES, another venv): the WSL path is then one possibility.
    mapping = [o for o in failed if o.code in ("cuda.smi_no_driver", "cuda.libcuda_not_found", "wsl.gpu_blocked",
                                               "wsl.libcuda_absent")
               or "libcuda.so" in o.text]
    yield Finding(
        code="wsl.gpu_unavailable", severity="warning" if mapping else "info", subject="wsl", device_kind="cuda",
        message=("This runs in WSL, and CUDA finds no GPU there. WSL 1 has no GPU at all; WSL 2 gets it from the Windows "
                 "NVIDIA driver through /dev/dxg and /usr/lib/wsl/lib, so a Linux driver inside WSL is never the fix. "
                 "`wsl --list --verbose` (in Windows) says the version; inside WSL 2, `ls -l /dev/dxg "
                 "/usr/lib/wsl/lib/libcuda.so*` shows whether the GPU is passed through."
                 + (f" If it is not: {row['note']}." if row else "")),
        fix=("wsl --list --verbose", "ls -l /dev/dxg /usr/lib/wsl/lib/libcuda.so*") + (tuple(row["commands"]) if row else ()),
        sources=cat.source_urls([row]),
        evidence=tuple(c.quote(o) for o in (said[:1] + failed[:1])),
    )
