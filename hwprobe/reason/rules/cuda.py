"""cuda.*: why an NVIDIA GPU is not usable by a framework (build, driver, architecture, driver load,
hidden devices, missing libraries). Facts and observations in; findings with exact fixes out."""

from __future__ import annotations

import re
from typing import Iterable

from packaging.version import Version

from hwprobe.facts import Facts
from hwprobe.gpu_names import gpu_vendor
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import pip_install, pip_uninstall, set_env, unset_env
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding

NVIDIA_URL = "https://www.nvidia.com/Download/index.aspx"
# Shared libraries of the CUDA toolkit and cuDNN (not the driver's libcuda, not TensorRT's libnvinfer), by the
# start of the file name: libcudnn.so.8, cudnn64_8.dll, cublas64_11.dll, nvrtc64_112_0.dll. A framework's own
# library that wraps one (torch's caffe2_nvrtc.dll, "or one of its dependencies") is not one of them: which
# dependency failed to load, a CUDA library, the driver's nvcuda.dll or a runtime DLL, the message does not say.
_CUDA_LIB = re.compile(r"^(?:lib)?(cudart|cublas|cudnn|cufft|curand|cusolver|cusparse|nccl|nvrtc|nvjitlink|cupti|nvtoolsext)",
                       re.IGNORECASE)


def _basename(path: str) -> str:
    return re.split(r"[\\/]", path)[-1]


# Libraries whose soname major is the CUDA major they ship with (libcudart.so.12, libcublas.so.11, libnvrtc.so.12);
# not cuFFT, cuRAND or cuSOLVER, whose sonames lag (CUDA 12's libcufft.so.11), nor cuDNN's own major.
_CUDA_MAJOR_LIB = re.compile(r"^(?:lib)?(?:cudart|cublas|cublasLt|nvrtc)(?:64_(\d\d)\d*\.dll|\.so\.(\d+))", re.I)


def _other_cuda_major(facts: Facts, lib: str) -> tuple[str, str] | None:
    """(the library's CUDA major, torch's CUDA) where a missing runtime library is of another CUDA than torch's."""
    m = _CUDA_MAJOR_LIB.match(lib)
    if not m:
        return None
    torch = facts.framework("torch")
    have = c.torch_cuda(torch) if torch is not None else cat.cuda_of_variant(c.local_label(facts.packages.get("torch")))
    if not have or not re.match(r"\d+\.\d", have):
        return None
    want = m.group(1) or m.group(2)
    return (want, have) if want != have.split(".")[0] else None


def _driver_fix(kb: Knowledge) -> tuple[str, str | None]:
    row = cat.fix(kb, "nvidia.driver")
    return (row["note"] if row else f"install a newer NVIDIA driver from {NVIDIA_URL}"), (row or {}).get("source")


@rule
def cpu_only_build(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    gpus = c.nvidia(facts)
    if not gpus and not c.unknown(facts, "accelerators"):
        return  # a CPU build on a machine without NVIDIA GPUs is the right build
    detected = c.find(all_obs, "host.gpu_detected_said")  # a plugin's "GPU detected" beats its "GPU: CPU only"
    if not gpus and not detected and c.find(all_obs, "host.no_gpu_stated", "gpu.intel_integrated", "host.cpu_intended"):
        return  # no (NVIDIA) GPU, or the CPU is what the user means to use: not "install a CUDA build"
    if c.amd(facts) and not gpus:
        return  # rocm.cuda_build_on_amd explains an AMD machine
    if not gpus and c.find(all_obs, "tpu.mentioned"):
        return  # a TPU machine's torch is a CPU build by design; torch_xla drives the TPU (vllm#16243)
    torch = facts.framework("torch")
    said = c.find(all_obs, "torch.not_compiled_with_cuda", framework="torch")
    if (torch is not None and c.installed(torch)) or said:
        has = c.torch_has_cuda(torch, all_obs) if torch is not None else False
        if has is False and not said and torch is not None and "hip" not in torch.build \
                and not (c.local_label(torch.version) or "").startswith("cpu"):
            has = None  # torch.version.cuda None alone: a ROCm build says None too, and its hip is not known
        if has is None:
            has = c.wheel_has_cuda(kb, torch, all_obs)  # PyPI's wheel for the platform: on Windows, CPU-only
        # A "+cpu" version alone, with no GPU in sight and nothing asking for CUDA, may well be the build the user
        # wants (a NumPy or import question on a CPU box): "install a CUDA build" needs a GPU or a CUDA request.
        # (pip pointed at a CUDA index of PyTorch's asks for CUDA too: CSnakes#750's requirements.txt with .../cu118)
        wants = bool(gpus or said or detected or c.find(all_obs, "host.gpu_mentioned", "torch.cuda_unavailable", "cuda.no_device",
                                             "cuda.no_driver", "cuda.no_kernel_image", "cuda.device_requested")
                     or [o for o in c.find(all_obs, "pip.torch_index") if o.values.get("variant", "").startswith("cu")]
                     # conda's cudatoolkit or pytorch-cuda beside it, packages that are there only to give torch its CUDA
                     # (pytorch#92273: a plan with cudatoolkit-10.2.89 and pytorch-1.12.1-py3.8_cpu_0)
                     or any(facts.environment.installers.get(p) == "conda" for p in ("cudatoolkit", "pytorch-cuda")))
        if has is False and wants and c.supported_here(kb, "torch", "cuda", facts):
            cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "cuda", remove=("torch",))
            gpu = gpus[0].model if gpus else None
            jetson = cat.fix(kb, "torch.jetson") if gpu and gpu.startswith("Jetson") else None
            if jetson:
                # (PyPI's and pytorch.org's aarch64 wheels are the very ones without Jetson's CUDA: pytorch#139498)
                cmds, srcs, summary = (), (jetson["source"], *jetson.get("sources", ())), jetson["note"]
            yield Finding(
                code="cuda.cpu_only_build", severity="error", subject="torch", framework="torch", device_kind="cuda",
                message=(f"{c.release_label(torch) if torch else 'This torch'} is a CPU-only build"
                         + (f" but this machine has an NVIDIA GPU ({gpu})" if gpu else
                            " (torch's own error says it has no CUDA)" if said else
                            ", though the program's own report says it detected a GPU" if detected else "")
                         + ": torch cannot use CUDA until a CUDA build is installed."
                         + (f" On a Jetson, {summary}." if jetson else f" Install: {summary}." if summary else "")
                         + " Reinstall torchvision/torchaudio from the same " + ("source." if jetson else "index.")),
                fix=cmds, sources=srcs, evidence=tuple(c.quote(o) for o in (*said[:2], *detected[:1])) + (
                    (f"build: torch.version.cuda = {torch.build.get('cuda')!r}",) if torch and "cuda" in torch.build else ()),
            )
    tf = facts.framework("tensorflow")
    if c.present(tf) and gpus and facts.host.os != "windows":
        if c.tf_has_cuda(tf) is False and c.supported_here(kb, "tensorflow", "cuda", facts):
            remove = tuple(d for d in c.TF_DISTRIBUTIONS if d in facts.packages)
            cmds, srcs, summary = c.fix_commands(facts, kb, "tensorflow", "cuda", remove=remove)
            yield Finding(
                code="cuda.cpu_only_build", severity="error", subject="tensorflow", framework="tensorflow",
                device_kind="cuda",
                message=(f"{c.release_label(tf)} ({tf.distribution or 'tensorflow'}) has no CUDA support although "
                         f"this machine has an NVIDIA GPU ({gpus[0].model or 'GPU'})."
                         + (f" Install: {summary}." if summary else "")),
                fix=cmds, sources=srcs, evidence=("build: is_cuda_build = False",),
            )


# Other libraries' own "this build has no CUDA" messages (matrices/error_patterns.json): their name and fix row.
_LIBRARY_CPU_BUILDS = {"paddle.cpu_build": ("PaddlePaddle", "paddle.gpu"), "mxnet.cpu_build": ("MXNet", "mxnet.cuda"),
                       "onnxruntime.cpu_build": ("ONNX Runtime", "onnxruntime.gpu"),
                       "lightgbm.cpu_build": ("LightGBM", "lightgbm.gpu")}


@rule
def library_cpu_build(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A library that is not torch or TensorFlow says it is its CPU build: the GPU build where there is an NVIDIA
    GPU, which the paste must show for a diagnosis; without one it may be the machine that has none (Paddle's own
    message offers both ways out, Paddle#50873)."""
    all_obs = c.obs(facts, kb)
    gpus = c.nvidia(facts)
    if not gpus and c.find(all_obs, "host.no_gpu_stated", "gpu.intel_integrated", "host.cpu_intended"):
        return
    if c.amd(facts) and not gpus:
        return
    for code, (name, fix_id) in _LIBRARY_CPU_BUILDS.items():
        said = c.find(all_obs, code)
        if not said:
            continue
        row = cat.fix(kb, fix_id)
        gpu = gpus[0].model if gpus else None
        yield Finding(
            code="cuda.cpu_only_build", severity="error" if gpus else "info", subject=name.lower().replace(" ", ""),
            device_kind="cuda",
            message=(f"{name} is a CPU-only build" + (f" but this machine has an NVIDIA GPU ({gpu or 'NVIDIA'})" if gpus else
                                                      ", and the paste does not show whether this machine has an "
                                                      "NVIDIA GPU (nvidia-smi would say)")
                     + f": {name} cannot use the GPU until its GPU build is installed"
                     + (f"; {row['note']}." if row else ".")),
            fix=tuple(row["commands"]) if row else (), sources=tuple(dict.fromkeys(c.pattern_sources(kb, said)
                                                                                  + cat.source_urls([row]))),
            evidence=tuple(c.quote(o) for o in said[:1]),
        )


@rule
def extension_cpu_build(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A compiled torch extension built without its CUDA kernels: "Not compiled with GPU support" (pytorch3d#1878: a
    source build of 0.7.8 beside a CUDA 12.1 torch; emoca#27: pytorch3d 0.6)."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "ext.not_compiled_with_gpu")
    if not said:
        return
    named = [o.values["pkg"] for o in c.find(all_obs, "ext.frame")] + [n for n in _EXT_SOURCE if n in facts.packages]
    pkg = named[0] if named else None
    src = _EXT_SOURCE.get(pkg or "")
    sh = c.shell(facts)
    torch = facts.framework("torch")
    cuda = c.torch_cuda(torch) if torch is not None else None
    yield Finding(
        code="cuda.cpu_only_build", severity="error", subject=pkg or "torch extension", framework="torch",
        device_kind="cuda",
        message=(f"{pkg or 'A compiled torch extension'} was built without its CUDA kernels, so its ops refuse CUDA "
                 "tensors ('Not compiled with GPU support'): it was compiled where its build did not find CUDA (no "
                 "toolkit, no GPU visible to the build, or CUDA not forced)."
                 + (f" torch itself is a CUDA {cuda} build, so the extension is what lacks it." if cuda else "")
                 + f" Rebuild {pkg or 'it'} with FORCE_CUDA=1 and a CUDA toolkit of torch's CUDA version, or install "
                 "a prebuilt wheel made for this torch and CUDA."),
        fix=_rebuild(sh, "FORCE_CUDA", "1", pkg, src),
        sources=c.pattern_sources(kb, said) + ((EXT_DOCS,) if pkg == "detectron2" else ()),
        evidence=tuple(c.quote(o) for o in said[:1]) + ((f"torch build: CUDA {cuda}",) if cuda else ()),
    )


@rule
def driver_too_old(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    if c.windows_too_old(facts, kb):
        return  # wsl.gpu_unavailable: no driver runs CUDA in WSL 2 on that Windows build
    if facts.host.wsl is not None and facts.host.wsl.version == 1:
        return  # wsl.gpu_unavailable: WSL 1 has no GPU, so CUDA calls every driver insufficient there (WSL#6122)
    all_obs = c.obs(facts, kb)
    if not any(a.model for a in c.nvidia(facts)) and c.find(all_obs, "gpu.intel_integrated", "host.no_gpu_stated",
                                                              "cuda.no_nvidia_device"):
        # CUDA calls a driver that is not there at all "insufficient" too (cudaErrorInsufficientDriver): on a machine
        # whose GPU is Intel's, or that the paste says has none, cuda.no_gpu explains it (lora-scripts#101); the
        # nameless NVIDIA device torch's "found version 9010" implies does not outweigh "I do not have NVIDIA"
        # (yolov7#2001: an AMD Instinct MI25)
        return
    if not c.nvidia(facts) and c.find(all_obs, "container.nvidia_driver_not_detected"):
        # the image's own entrypoint found no driver inside the container: an "insufficient" driver after it is that
        # absence, not a version (seldon-core#4887: Triton 23.02's banner, then the pinned-memory warning)
        return
    driver, max_cuda, dev = c.driver_of(facts, all_obs)
    table_os = cat.driver_os(facts.host.os, facts.host.wsl is not None)
    said = c.find(all_obs, "cuda.driver_too_old", "cuda.driver_insufficient")
    note, note_src = _driver_fix(kb)
    present = [n for n in ("torch", "tensorflow") if facts.framework(n) is not None]
    for name in ("torch", "tensorflow"):
        fw = facts.framework(name)
        # A message that names no framework belongs to the frameworks present (torch when none is).
        mine = [o for o in said if o.framework == name
                or (o.framework is None and (name in present or (not present and name == "torch")))]
        if fw is None and not mine:
            continue
        build = loaded = None
        # No framework, and only CUDA's own runtime error (a sample or program linked against the system toolkit, not
        # torch's "found version" message, whose CUDA is the wheel's): the toolkit is what the driver must run.
        toolkit_only = fw is None and not present and bool(facts.environment.cuda_toolkit) and bool(mine) and all(
            o.code == "cuda.driver_insufficient" and o.framework is None for o in mine)
        if toolkit_only:
            build = facts.environment.cuda_toolkit  # no framework: the message is a program built with this toolkit
        # the container toolkit's own check names the image's CUDA (nvidia-docker#497, #745): that is the build
        image = next((o.values["image_cuda"] for o in mine if o.values.get("image_cuda")), None) \
            if fw is None and not present else None
        if image:
            build = image
        if fw is not None:
            build = c.torch_cuda(fw) if name == "torch" else (str(fw.build["cuda_version"])
                                                               if fw.build.get("cuda_version") else None)
            loaded = None
            if name == "tensorflow" and build is None:
                build = loaded = _tf_loads_toolkit(facts, kb, fw)
        chk = cat.check_driver(kb, build, table_os, driver, max_cuda) if build else None
        # (the tested CUDA is the pip wheel's: conda's TensorFlow builds bring their own cudatoolkit, tensorflow#31319)
        if chk is None and mine and name == "tensorflow" and fw is not None and (driver or max_cuda) \
                and facts.host.python.env_manager != "conda":
            row = cat.release_of(kb, "tensorflow", fw.version)
            tested = cat.check_driver(kb, str(row["cuda"]), table_os, driver, max_cuda) if row and row.get("cuda") else None
            if tested is not None and tested.ok is True:
                # the message and the versions disagree (tensorflow#41401: driver 451.48 runs CUDA 11.0, TF 2.2 uses
                # 10.1): another libcuda/nvcuda.dll found first, or the message is another program's; a lead to check
                yield Finding(
                    code="cuda.driver_too_old", severity="info", subject=name, framework=name, device_kind="cuda",
                    message=(f"CUDA says the driver is too old, but driver {driver or ''} (CUDA {max_cuda or '?'}) runs "
                             f"the CUDA {row['cuda']} that {c.release_label(fw)} is built for: the versions deny the "
                             "message. An older driver library found first (a second nvcuda.dll or libcuda.so on the "
                             "path) or another program's CUDA would explain it; `nvidia-smi` and the library search path "
                             "of the failing process tell."),
                    sources=cat.source_urls([row]), evidence=tuple(c.quote(o) for o in mine[:1]),
                )
                continue
        if chk is not None and chk.ok is not False and not mine:
            continue  # the driver runs this build (natively or by minor-version compatibility)
        if chk is None and not mine:
            continue  # nothing known about the build or the driver
        if chk is not None and chk.ok is True:
            continue  # the message came from something else; this build is fine with this driver
        label = c.release_label(fw) if fw else ("this program" if toolkit_only else "the container image" if image
                                                 else name)
        have = (f"driver {driver}" if driver else "the driver") + (f" (CUDA {max_cuda})" if max_cuda else "")
        need = chk.needed if chk else None
        unknown_driver = chk is not None and chk.ok is None  # the build is known, the driver is not
        if unknown_driver:
            why = (f"{label} is built with CUDA {build}, and the message says {have} is older than that needs "
                   f"(nvidia-smi shows the driver).")
        elif chk is not None and fw is not None and loaded:
            why = f"{label} runs on CUDA {build} (the environment's CUDA toolkit), but {chk.why}."
        elif chk is not None:
            why = f"{label} is built with CUDA {build}, but {chk.why}."
        elif fw is None and not present:
            why = f"the program reports that {have} is older than the CUDA version it was built with."
        else:
            why = f"{name} reports that {have} is older than the CUDA version its build needs."
        cmds, srcs, summary = c.fix_commands(facts, kb, name, "cuda", remove=(name,) if name == "torch" else (),
                                             driver=driver, max_cuda=max_cuda)
        if unknown_driver or not (driver or max_cuda):
            cmds, summary = (), None  # which older build this driver runs is not known without the driver
        # no framework in the paste and only CUDA's own message: the program's build (onnxruntime's, cuda_memtest's)
        programs = fw is None and not present and all(o.framework is None for o in mine)
        if programs:
            cmds, summary, srcs = (), None, ()  # torch is not its fix (cuda_memtest#31)
        alt = f", or install a build this driver runs: {summary}." if cmds and summary else (
            ", or run an image built on a CUDA this driver runs (an older tag of it)." if image else ".")
        message = (f"The NVIDIA driver is too old for this build: {why} {'Either update' if cmds and summary else 'Update'}"
                   f" the driver" + (f" to >= {need}" if need else "") + f" ({note}){alt}")
        box = facts.host.container
        # (a toolkit's nvcc in the paste says what the program is built with, not which driver the container reaches:
        # llama-cpp-python#763, nvcc 12.2 on the host and in the image, no nvidia-smi)
        if programs and (chk is None or unknown_driver) and box is not None and not c.container_hint(
                box, "started with GPU access", "a test container with GPU access"):
            # Inside a container, CUDA calls a driver it cannot find at all "insufficient" too; the driver the paste
            # shows is the host's (TensorRT#1786: 515.48.07 beside the message, hostname a container id); with none
            # shown, a Singularity container run without --nv fits as well as an old driver (dorado#116)
            nv = ", for Singularity and Apptainer one run without --nv" if box.runtime in ("singularity", "apptainer") else ""
            yield Finding(
                code="cuda.driver_too_old", severity="info", subject="cuda", device_kind="cuda",
                message=("CUDA says the driver is insufficient" + (f", and the paste shows {have}, the host's" if (
                            driver or max_cuda) else f", inside a {box.runtime} container") + ". Inside a "
                         f"container CUDA says so too when the driver's libraries are not there at all (a container "
                         f"started without GPU access{nv}), so either the program needs a newer CUDA than the driver "
                         "runs, or the container got no GPU: `nvidia-smi` inside the container tells which."),
                sources=tuple(dict.fromkeys(((note_src,) if note_src else ()) + c.pattern_sources(kb, mine))),
                evidence=tuple(dev) + tuple(c.quote(o) for o in mine[:2]),
            )
            continue
        yield Finding(
            # the program's message is filed under CUDA, not torch (roop-unleashed#465)
            code="cuda.driver_too_old", severity="error", subject="cuda" if programs else name,
            framework=None if programs else name, device_kind="cuda",
            message=message, fix=cmds,
            sources=tuple(dict.fromkeys(srcs + cat.source_urls(chk.rows if chk else ()) + ((note_src,) if note_src else ()))),
            evidence=tuple(dev) + tuple(c.quote(o) for o in mine[:2]),
        )


def _ngc_row(kb: Knowledge, all_obs):  # noqa: ANN001, ANN202
    """The NGC image named in the paste and its ngc_releases row (None where the release is not in the data)."""
    for o in c.find(all_obs, "container.ngc_image"):
        row = next((r for r in kb.usable("ngc_releases") if r["release"] == o.values.get("release")), None)
        if row:
            return o, row
    return None, None


@rule
def ngc_image_driver(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """An NGC framework container on a driver older than its release needs (triton#3773: tritonserver:21.10, CUDA
    11.4.2, driver 470 or later, on 455.45.01): its release notes name both, and older data-center branches."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "container.ngc_driver_too_old")
    if said and any(x.values.get("mode") == "ENABLED" for x in c.find(all_obs, "container.ngc_driver_found")):
        return  # forward compatibility bridges it: the check warns and CUDA runs (docs.nvidia.com/deploy/cuda-compatibility)
    if said:
        # the image's own entrypoint check (isarsoft/yolov4-triton-tensorrt#5: TensorRT 20.08 on driver 410.78)
        found = next((x.values["found"] for x in c.find(all_obs, "container.ngc_driver_found", "container.ngc_driver_too_old")
                      if x.values.get("found")), None) or c.driver_of(facts, all_obs)[0]
        need = said[0].values.get("need")
        yield Finding(
            code="cuda.driver_too_old", severity="error", subject="cuda", device_kind="cuda",
            message=(f"The NGC container's own start-up check says it was built for NVIDIA driver {need} or later"
                     + (f" and found {found}" if found else "") + ", with no forward compatibility to bridge the gap: "
                     f"CUDA cannot run in it. Update the host's driver to {need} or later (the driver is the host's; "
                     "nothing inside the container changes it), or use an older release of the image built for a CUDA "
                     "this driver runs."),
            sources=c.pattern_sources(kb, said), evidence=tuple(c.quote(x) for x in said[:1]),
        )
        return
    o, row = _ngc_row(kb, all_obs)
    driver, _, dev = c.driver_of(facts, all_obs)
    if row is None or not driver or not re.match(r"\d+(\.\d+)*$", driver):
        return
    if Version(driver) >= Version(row["min_driver"]):
        return
    branch = next((b for b in row["datacenter_drivers"]
                   if driver.split(".")[0] == b.split(".")[0] and Version(driver) >= Version(b)), None)
    image = f"{o.values.get('image')}:{row['release']}"
    yield Finding(
        code="cuda.driver_too_old", severity="info" if branch else "error", subject="cuda", device_kind="cuda",
        message=(f"The NGC image {image} is built on CUDA {row['cuda']} and needs NVIDIA driver {row['min_driver']} or "
                 f"later; this host's driver is {driver}"
                 + (f". On a data-center GPU (T4, V100, A100 and the like) its CUDA compatibility package also runs on "
                    f"the R{branch.split('.')[0]} branch from {branch}, so this works there and nowhere else: the GPU "
                    "model decides." if branch else
                    ", which is older than that and in none of the older branches its compatibility package supports "
                    f"on data-center GPUs ({', '.join(row['datacenter_drivers']) or 'none listed'}). Update the host's "
                    f"driver to {row['min_driver']} or later, or use an older release of the image built on a CUDA "
                    "this driver runs.")),
        sources=cat.source_urls([row]) + c.pattern_sources(kb, [o]),
        evidence=tuple(dev) + (c.quote(o),),
    )


@rule
def omniverse_driver_refused(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """Omniverse RTX's own driver check (IsaacAutomator#40: Isaac Sim 5.0 on driver 535.x, unsupported below 535.129)."""
    said = c.find(c.obs(facts, kb), "omniverse.driver_unsupported")
    if not said:
        return
    v = said[0].values
    yield Finding(
        code="cuda.driver_too_old", severity="error", subject="cuda", device_kind="cuda",
        message=("NVIDIA Omniverse's RTX renderer (Isaac Sim and other Kit apps) refuses the installed driver"
                 + (f" {v['found']}" if v.get("found") else "") + (f", in its unsupported range {v['range']}"
                                                                   if v.get("range") else "")
                 + ": update the NVIDIA driver to the release the app's requirements page recommends (in a cloud "
                 "image, deploy one that ships a newer driver)."),
        sources=c.pattern_sources(kb, said), evidence=tuple(c.quote(o) for o in said[:1]),
    )


@rule
def forward_compat_refused(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """CUDA's error 804: a container's (or a system's) cuda-compat libraries tried to run a CUDA newer than the driver
    on a GPU they do not support (vllm#4940: vllm-openai on driver 525 fails, on 550 works)."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "cuda.forward_compat_unsupported")
    if not said:
        return
    driver, _, dev = c.driver_of(facts, all_obs)
    yield Finding(
        code="cuda.driver_too_old", severity="error", subject="cuda", device_kind="cuda",
        message=(("The NVIDIA driver" + (f" ({driver})" if driver else "")) + " is older than the CUDA this program "
                 "(or its container image) is built with, and CUDA's forward-compatibility libraries, which would "
                 "bridge that, run only on data-center GPUs: CUDA refuses with error 804. Update the host's NVIDIA "
                 "driver to one that supports the image's CUDA (`nvidia-smi` shows the newest CUDA the driver "
                 "runs), or use an image built for a CUDA the driver already runs."),
        sources=c.pattern_sources(kb, said), evidence=tuple(dev) + tuple(c.quote(o) for o in said[:1]),
    )


def _jax_kernel(facts: Facts, all_obs) -> list:  # noqa: ANN001
    """'no kernel image' where jax is the program and no torch or TensorFlow is in sight: XLA compiles its kernels
    for the GPU it runs on, so the usual cause is a driver older than the CUDA toolkit its PTX compiler comes from
    (jax#5723: nvcc 11.7 on a CUDA 11.4 driver; the NixOS wiki's JAX FAQ), not a build without the GPU's arch."""
    if not c.find(all_obs, "jax.mentioned") or any(c.framework_named(facts, all_obs, n) for n in ("torch", "tensorflow")):
        return []
    return c.find(all_obs, "cuda.no_kernel_image")


@rule
def xla_driver_too_old(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """XLA's own word that the driver is older than the PTX compiler (ptxas) it compiles with, or jax's 'no kernel
    image': JAX needs a driver at least as new as its CUDA toolkit's, since it JIT-compiles every kernel."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "xla.driver_older_than_ptxas")
    kernel = _jax_kernel(facts, all_obs)
    if not (said or kernel):
        return
    driver, max_cuda, dev = c.driver_of(facts, all_obs)
    v = next((o.values for o in said if o.values.get("ptxas")), {})
    have = (f"driver {driver}" if driver else "the NVIDIA driver") + (
        f" (CUDA {v.get('driver_cuda') or max_cuda})" if v.get("driver_cuda") or max_cuda else "")
    ptxas = f"CUDA {v['ptxas']}" if v.get("ptxas") else "the CUDA toolkit XLA compiles with"
    note, note_src = _driver_fix(kb)
    own = [o for o in said if "xla_gpu_force_compilation_parallelism=1" not in o.text or "linking API" in o.text]
    yield Finding(
        code="cuda.driver_too_old", severity="error" if said else "warning", subject="cuda", device_kind="cuda",
        message=((f"XLA (jax's GPU compiler) says {have} is older than its PTX compiler ({ptxas}): " if own else
                  "The paste names XLA's workaround for a driver older than its PTX compiler "
                  "(xla_gpu_force_compilation_parallelism=1), so the NVIDIA driver is likely older than the CUDA "
                  "toolkit XLA compiles with: " if said else
                  "This jax program fails with 'no kernel image is available', and XLA compiles its kernels for "
                  f"this very GPU, so the usual cause is that {have} is older than {ptxas} (ptxas): ")
                 + "the GPU code ptxas makes may not load on this driver. Update the driver to one that runs that "
                 f"CUDA ({note}), or use a CUDA toolkit (ptxas, the nvidia-cuda-nvcc package) no newer than the "
                 "driver's CUDA, which nvidia-smi shows; XLA_FLAGS=--xla_gpu_force_compilation_parallelism=1 avoids "
                 "the failing link step at the cost of slower compiles"
                 + ("." if said else ". A GPU newer than the jaxlib's CUDA (or a Jetson board) fails the same way: "
                    "nvidia-smi and `nvcc --version` tell which.")),
        fix=("nvidia-smi",) if not (driver or max_cuda) else (),
        sources=tuple(dict.fromkeys(c.pattern_sources(kb, said + kernel) + (
            "https://docs.jax.dev/en/latest/installation.html",) + ((note_src,) if note_src else ()))),
        evidence=tuple(dev) + tuple(c.quote(o) for o in (said + kernel)[:2]),
    )


@rule
def jax_cpu_only(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """jax's own check found an NVIDIA GPU and a jaxlib without CUDA (whisper-jax#211): jax's CPU-only build."""
    said = c.find(c.obs(facts, kb), "jax.cpu_jaxlib_with_gpu")
    if not said:
        return
    if c.find(c.obs(facts, kb), "jax.cuda_plugin_failed"):
        return  # the CUDA plugin is installed and failed to start: its own error says why (mujoco_playground#137)
    row = cat.fix(kb, "jax.cuda")
    # Whether the program uses jax at all: a jaxlib that only came with an image prints the same warning under a torch
    # trainer that uses the GPU fine (kohya-colab#133); jax named elsewhere, or installed, says jax is what runs.
    uses = bool({"jax", "jaxlib", "flax"} & set(facts.packages)) or bool(c.find(c.obs(facts, kb), "jax.mentioned"))
    yield Finding(
        code="cuda.cpu_only_build", severity="error" if uses else "info", subject="jax", device_kind="cuda",
        message=("jax found an NVIDIA GPU but its jaxlib has no CUDA, so it runs on the CPU: a plain `pip install jax` "
                 "(or a lock file pinning it) gives the CPU build. "
                 + ("" if uses else "That matters only if the program uses jax: a jaxlib that came with an image "
                    "prints this under a torch program that uses the GPU anyway. ")
                 + "For jax on the GPU, install it with its CUDA extra" + (f": {row['note']}" if row else "") + "."),
        fix=tuple(row["commands"]) if row and facts.host.os in (None, "linux") else (),
        sources=c.pattern_sources(kb, said) + cat.source_urls([row]), evidence=tuple(c.quote(o) for o in said[:1]),
    )


def _cudnn_version(v: str) -> str:
    """cuDNN's integer CUDNN_VERSION as x.y.z: major*1000 + minor*100 + patch before cuDNN 9, major*10000 after
    (cudnn_version.h); a dotted version stays as it is."""
    if not v.isdigit():
        return v
    n = int(v)
    major, rest = divmod(n, 10000) if n >= 90000 else divmod(n, 1000)
    return f"{major}.{rest // 100}.{rest % 100}"


@rule
def cudnn_older_than_build(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """TensorFlow's and XLA's own cuDNN version check (Recall2Imagine#1: jaxlib cuda11.cudnn86 loading cuDNN 8.5.0)."""
    said = c.find(c.obs(facts, kb), "cudnn.older_than_build")
    if not said:
        return
    v = {k: _cudnn_version(x) for k, x in said[0].values.items()}
    yield Finding(
        code="cuda.library_missing", severity="error", subject="cudnn", device_kind="cuda",
        message=(f"The cuDNN that loads ({v.get('loaded')}) is older than the {v.get('compiled')} this build was "
                 "compiled with, and cuDNN needs the same major version and an equal or newer minor one: another "
                 "cuDNN is found first (LD_LIBRARY_PATH, a conda cudnn package, or one under /usr/local/cuda). Make "
                 f"a cuDNN >= {v.get('compiled')} of that major the one that loads: install it (pip's nvidia-cudnn "
                 "package for the build's CUDA, or conda's), or take the older one off the library path."),
        sources=c.pattern_sources(kb, said), evidence=tuple(c.quote(o) for o in said[:1]),
    )


def _same_major_above(said, top: str) -> bool:  # noqa: ANN001
    """Whether every GPU torch warned about is of `top`'s major with a minor at or above it (12.1 against 12.0)."""
    try:
        tmaj, tmin = (int(x) for x in top.split("."))
        ccs = [tuple(int(x) for x in o.values["cc"].split(".")) for o in said]
    except (KeyError, ValueError):
        return False
    return bool(ccs) and all(maj == tmaj and mn >= tmin for maj, mn in ccs)


@rule
def arch_not_in_build(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    cc, gpu_name, ev = c.gpu_cc(facts, kb, all_obs)
    torch = facts.framework("torch")
    said = c.find(all_obs, "torch.capability_not_supported", "torch.gpu_too_old", framework="torch")
    # A ROCm build reports its AMD GPU's HIP properties through the same CUDA-capability warning (ROCm/pytorch#627:
    # "Found GPU0 Ellesmere [Radeon RX 470/480/570] which is of cuda capability 3.0"): not a CUDA arch list.
    said = [o for o in said if gpu_vendor(o.values.get("name", ""), typed_gpu_field=False) != "amd"]
    kernel = c.find(all_obs, "cuda.no_kernel_image")
    # torch's range check warns for a GPU newer than its highest capability even where that one's kernels run on it:
    # a GB10 (12.1) under a build up to 12.0 (spark-vllm-docker#15: "you can safely ignore it")
    ranged = c.find(all_obs, "torch.capability_range")
    if ranged and not kernel and said and all(o.code == "torch.gpu_too_old" for o in said) \
            and _same_major_above(said, ranged[0].values.get("max", "")):
        # code built for the highest capability runs on a newer minor of its major (CUDA's binary compatibility):
        # the warning alone is no failure, and no missing architecture is claimed
        return
    if kernel and (c.find(all_obs, "xla.driver_older_than_ptxas") or _jax_kernel(facts, all_obs)):
        kernel = []  # jax's XLA compiles for the GPU it runs on: xla_driver_too_old explains it
    nvrtc = c.find(all_obs, "cuda.nvrtc_unknown_arch")
    if nvrtc and not (said or kernel):
        yield _nvrtc_arch(facts, kb, all_obs, torch, nvrtc, cc, gpu_name, ev)
        return
    if torch is not None or said or kernel:
        sm, ptx, src_rows, how = _torch_arch(facts, kb, torch, all_obs)
        if not sm and cc:
            sm, ptx, src_rows, how = _variant_never_covers(facts, kb, torch, cc)
        covered = cat.covers(cc, sm, ptx) if cc and sm else None
        plain_kernel = kernel and covered is None and (
            (torch is not None and c.torch_has_cuda(torch, all_obs)) or c.unknown(facts, "frameworks") or torch is None)
        if said or covered is False or plain_kernel:
            if covered is not True:
                cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "cuda", remove=("torch",),
                                                     **({"compute_capability": cc} if cc else {}))
                if cc is None and not said:
                    # which build covers the GPU depends on its compute capability, which the paste does not give:
                    # the newest build is no answer for an old GPU (a 2.1-class card has none, pytorch.github.io#72)
                    cmds, summary = (), None
                # CUDA's own message with no torch anywhere in the paste may be another program's binary (OpenPose's
                # Caffe: "Check failed: error == cudaSuccess (48 vs. 0)", openpose#1708): say whose build is meant.
                torch_named = c.framework_named(facts, all_obs, "torch")  # said's rows are torch's own
                label = c.release_label(torch) if torch else "this torch build" if torch_named else (
                    "the CUDA build that failed (torch's, if the program runs on torch; otherwise the program's own)")
                what = f"{gpu_name or 'this GPU'}" + (f" (compute capability {cc}, {c.cc_text(cc)})" if cc else "")
                has = f" It has kernels for {' '.join(c.cc_text(s) for s in sm)}" + (
                    f" and PTX for {' '.join(ptx)}" if ptx else ", no PTX") + f" ({how})." if sm else ""
                # A known torch release whose arch list the data lacks, on a GPU a build of its time would cover: the
                # missing kernel may as well be a compiled extension's (a node, a rasterizer): a lead, not a claim.
                unsure = bool(plain_kernel) and not said and not sm and torch is not None and bool(torch.version) \
                    and cc is not None
                yield Finding(
                    code="cuda.arch_not_in_build", severity="info" if unsure else "error", subject="torch",
                    framework="torch", device_kind="cuda",
                    message=(f"{label} {'may have' if unsure else 'has'} no GPU code for {what}: CUDA calls fail with "
                             f"'no kernel image is available for execution on the device'.{has}"
                             + (f" This torch's arch list is not in the data: if `python -c \"import torch; "
                                f"print(torch.cuda.get_arch_list())\"` lists {c.cc_text(cc)}, the kernel that is "
                                "missing is a compiled extension's (a custom node or op built for other GPUs)."
                                if unsure else "")
                             + (" Which build covers it depends on the GPU's compute capability: `nvidia-smi "
                                "--query-gpu=name,compute_cap --format=csv` shows it." if cc is None and not said else "")
                             + (f" {'Install' if torch_named else 'If it is torch, install'} a build that covers it: "
                                f"{summary}." if cmds and summary else
                                f" No torch build in the data covers it: {summary}." if summary else "")),
                    fix=cmds, sources=tuple(dict.fromkeys(srcs + cat.source_urls(src_rows))),
                    evidence=tuple(dict.fromkeys(tuple(ev) + tuple(c.quote(o) for o in (said + kernel)[:3]))),
                )
    yield from _extension_arch(facts, kb, all_obs, cc, gpu_name)
    if kernel and cc:
        yield from _package_arch(facts, kb, all_obs, kernel, cc, gpu_name, ev)
    for o in c.find(all_obs, "ext.no_build_for_cc")[:1]:
        # tiny-cuda-nn's own check (tiny-cuda-nn#230: an RTX 2060, 75; #490: built on an 86, run on a cluster's 70)
        need = o.values["cc"]
        arch = _dotted_cc(need)
        yield Finding(
            code="cuda.arch_not_in_build", severity="error", subject=o.values["name"], device_kind="cuda",
            message=(f"{o.values['name']} was compiled for other GPU architectures than this GPU's (compute capability "
                     f"{arch}, {c.cc_text(arch)}): its setup builds for the GPU of the machine it is built on, or for "
                     f"TCNN_CUDA_ARCHITECTURES. Rebuild it for {need} (on this machine, or with "
                     f"TCNN_CUDA_ARCHITECTURES={need} set where it is built), and for every GPU it will run on."),
            sources=c.pattern_sources(kb, [o]), evidence=(c.quote(o),),
        )
    julia = c.find(all_obs, "cudajl.capability_unsupported")
    if julia:
        o = julia[0]
        yield Finding(
            code="cuda.arch_not_in_build", severity="error", subject="cuda", device_kind="cuda",
            message=(f"CUDA.jl chose a CUDA {o.values.get('cuda')} runtime, which has no code for "
                     f"{o.values.get('name', 'this GPU').strip()} (compute capability {o.values.get('cc')}): CUDA 13 "
                     "dropped Maxwell, Pascal and Volta, and CUDA.jl 5 picks its runtime from the driver (580 or "
                     "newer supports CUDA 13). CUDA 12.x still targets this GPU: CUDA.jl 6.2 and newer choose the "
                     "runtime from the GPUs present and take 12.x here (CUDA.jl#3134), or pin the runtime to a 12.x "
                     "release in this project."),
            sources=c.pattern_sources(kb, julia), evidence=tuple(c.quote(x) for x in julia[:1]),
        )
        return
    tf = facts.framework("tensorflow")
    skipped = sorted(c.find(all_obs, "tf.gpu_capability_too_low"), key=lambda x: "cc" not in x.values)
    if skipped and "cc" not in skipped[0].values and cc and Version(cc) >= Version(skipped[0].values["min"]):
        skipped = []  # the minimum quoted beside a GPU that meets it: not this machine's message
    if skipped:
        # (TensorFlow's minimum quoted alone, tfjs#4510's title: the GPU's capability from the rest of the paste)
        o = skipped[0]
        gpu = (o.values.get("name") or gpu_name or next((a.model for a in c.nvidia(facts) if a.model), None)
               or "the GPU").strip()
        have = o.values.get("cc") or cc
        yield Finding(
            code="cuda.arch_not_in_build", severity="error", subject="tensorflow", framework="tensorflow",
            device_kind="cuda",
            message=(f"TensorFlow ignores {gpu}" + (f" (compute capability {have})" if have else "")
                     + f": this build needs compute capability {o.values.get('min')} or newer, so it "
                     "runs on the CPU only. An older TensorFlow whose minimum the GPU meets, or a source build for its "
                     "capability, is the only way to use this GPU."),
            sources=("https://www.tensorflow.org/install/pip#hardware_requirements",) + c.pattern_sources(kb, skipped),
            evidence=tuple(c.quote(x) for x in skipped[:2]),
        )
        return
    if c.present(tf) and cc:
        sm, ptx = cat.parse_arch_list(tf.build.get("cuda_compute_capabilities"))
        if sm and not cat.covers(cc, sm, ptx):
            yield Finding(
                code="cuda.arch_not_in_build", severity="error", subject="tensorflow", framework="tensorflow",
                device_kind="cuda",
                message=(f"{c.release_label(tf)} was built for {' '.join(tf.build['cuda_compute_capabilities'])}, "
                         f"which does not cover {gpu_name or 'this GPU'} (compute capability {cc}); TensorFlow's "
                         "pip packages carry PTX only for their newest architecture (tensorflow.org/install/pip)."),
                sources=("https://www.tensorflow.org/install/pip#hardware_requirements",),
                evidence=tuple(ev),
            )


def _dotted_cc(v: str) -> str:
    """A compute capability as a message writes it without the dot ('75', vLLM's) as x.y."""
    return v if "." in v else f"{v[:-1]}.{v[-1]}"


def _package_row(kb: Knowledge, name: str) -> dict | None:
    """The package_cuda_arch row that a message's name for a package (its pip name or an alias) stands for."""
    key = name.lower().replace("_", "-")
    return next((r for r in kb.usable("package_cuda_arch") if key == r["package"]
                 or key in (a.lower().replace("_", "-") for a in r.get("aliases", ()))), None)


@rule
def ptx_newer_than_driver(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """'Unsupported .version 8.1; current version is 8.0' from the driver's JIT linker (numba#8961: cuda-python 12.1's
    PTX on a driver of CUDA 12.0): the driver is older than the toolkit that generated the PTX."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "cuda.ptx_newer_than_jit")
    if not said:
        return
    driver = bool(c.find(all_obs, "cuda.driver_jit_link"))
    v = said[0].values
    yield c.said_finding(
        kb, said, "cuda.driver_too_old", "cuda", severity="error" if driver else "info",
        message=(f"The PTX was generated as PTX ISA {v.get('ptx')}, and the assembler compiling it knows versions up to "
                 f"{v.get('current')} only: it belongs to an older CUDA than the toolkit that generated the PTX. "
                 + ("Here it is the driver's own JIT linker (cuLink*), so the NVIDIA driver is older than that CUDA "
                    "toolkit: update the driver to one that supports it (nvidia-smi's 'CUDA Version' must be at least "
                    "the toolkit's), or use a toolkit no newer than the driver." if driver else
                    "If the driver's JIT compiled it, update the driver; if a standalone ptxas did (Triton's "
                    "TRITON_PTXAS_PATH, a system CUDA on PATH), use the ptxas of the same or a newer toolkit.")),
        fix=("nvidia-smi",),
    )


@rule
def program_driver_minimum(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A program's own driver check naming its minimum and the installed driver (modular#6519: Mojo's DeviceContext,
    580 needed, 570.211.01 found; QGIS_AI-Segmentation#108: 530 for cu121, 528.49 found)."""
    said = c.find(c.obs(facts, kb), "cuda.driver_min_required")
    if not said:
        return
    v = said[0].values
    # TerraLab's QGIS plugin names torch's CUDA variant instead ("too old for cu121 (needs >= 530)", its #108)
    cuda = v.get("cuda") or cat.cuda_of_variant(f"cu{v['cu']}" if v.get("cu") else None)
    yield c.said_finding(
        kb, said, "cuda.driver_too_old", "cuda",
        message=(f"The program's own check needs NVIDIA driver {v.get('need')} or newer"
                 + (f" (CUDA {cuda})" if cuda else "") + f", and this driver is {v.get('found')}. "
                 "Install a driver of that branch or newer (on Linux the distribution's driver packages or NVIDIA's; "
                 "nvidia-smi shows the result); "
                 + ("then rerun its installer, which otherwise keeps a CPU-only torch." if v.get("cu") else
                    "no reinstall of the program changes it.")),
        fix=("nvidia-smi",),
    )


@rule
def paddle_arch_incompatible(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """PaddlePaddle's own architecture check (PaddleOCR#10725: a Pascal GPU, 6.1, under a wheel for SM 70 75 80 86)."""
    said = c.find(c.obs(facts, kb), "paddle.arch_incompatible")
    if not said:
        return
    v = said[0].values
    archs = ", ".join(_dotted_cc(a) for a in v.get("archs", "").split())
    cc = next((g.compute_capability for g in c.nvidia(facts) if g.compute_capability), None)
    yield c.said_finding(
        kb, said, "cuda.arch_not_in_build", "paddlepaddle",
        message=(f"This paddlepaddle-gpu wheel has kernels for compute capability {archs} only, and this GPU is "
                 f"{v.get('family')}" + (f" ({cc})" if cc else "") + ": Paddle's own check says so, and its GPU "
                 "kernels then fail (a cuDNN or 'no kernel image' error). Install the paddlepaddle-gpu wheel built for "
                 "this architecture (Paddle's install page lists which CUDA variant covers it: older GPUs need an "
                 "older CUDA variant), or build Paddle for it."),
    )


@rule
def compiled_for_another_cc(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A program built for exactly one GPU architecture refusing another (text-embeddings-inference#34: an image for
    compute capability 8.0 on an RTX 2080, 7.5): the build for this GPU's architecture is the fix."""
    said = c.find(c.obs(facts, kb), "package.compiled_cc_mismatch")
    if not said:
        return
    v = said[0].values
    cc = _dotted_cc(v.get("cc", ""))
    if not v.get("built"):  # "This program was not compiled for SM 70" (GBM-perf#57: R xgboost on a V100)
        yield c.said_finding(
            kb, said, "cuda.arch_not_in_build", "cuda",
            message=(f"This program's CUDA code was not compiled for this GPU's architecture (SM {v.get('cc')}, compute "
                     f"capability {cc}): its own check says so, and no driver or toolkit change adds it. Install a build "
                     f"of it made for {c.cc_text(cc)} (a newer or older release, or the project's other CUDA variant), "
                     "or build it from source for this GPU."),
        )
        return
    built = _dotted_cc(v.get("built", ""))
    yield c.said_finding(
        kb, said, "cuda.arch_not_in_build", "cuda",
        message=(f"This build of the program is compiled for compute capability {built} only, and this GPU is {cc} "
                 f"({c.cc_text(cc)}): its own check refuses it. Use the build (or image) made for {c.cc_text(cc)} "
                 "(text-embeddings-inference publishes one image per GPU architecture), or build it for this GPU "
                 f"(its CUDA_COMPUTE_CAP build argument set to {v.get('cc')})."),
    )


@rule
def colmap_without_cuda(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """COLMAP's 'Dense stereo reconstruction requires CUDA, which is not available on your system' (colmap#1474): the
    binary was compiled without CUDA, whatever the GPU and driver."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "colmap.no_cuda")
    if not said:
        return
    # in a container, where the paste means the CPU ("Cpu-Mode(docker)", colmap#1905), or with no NVIDIA GPU named,
    # whether there is a GPU to use at all is open: a lead that names both
    open_gpu = facts.host.container is not None or bool(c.find(all_obs, "host.cpu_intended", "host.no_gpu_stated")) \
        or not c.nvidia(facts)  # (colmap#1474 names its GTX 2060 and driver: a GPU to build for)
    yield c.said_finding(
        kb, said, "cuda.cpu_only_build", "colmap", severity="info" if open_gpu else "error",
        message=("This COLMAP was compiled without CUDA (its own message says so), and its dense reconstruction "
                 "(patch_match_stereo) exists only in CUDA builds, whatever the GPU and driver. Install a COLMAP built "
                 "with CUDA (its CUDA release for Windows, a distribution or conda package with CUDA), or build it "
                 "with CUDA enabled on this machine"
                 + ("; that needs an NVIDIA GPU, which a CPU image or a container started without --gpus does not "
                    "have: `nvidia-smi` on the host and in the container tells." if open_gpu else ".")),
    )


@rule
def package_refuses_gpu(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A package's own compute-capability check (flash-attn's 'only supports Ampere GPUs or newer', vLLM's quantization
    minimum): its kernels have no code for this GPU, whatever torch and the driver are (flash-attention#1230, vllm#1488)."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "package.gpu_capability_refused")
    if not said:
        return
    o = said[0]
    cc, gpu_name, ev = c.gpu_cc(facts, kb, all_obs)
    if o.values.get("cc"):
        cc, ev = _dotted_cc(o.values["cc"]), []
    row = _package_row(kb, o.values["package"]) if o.values.get("package") else None
    need = _dotted_cc(o.values["need"]) if o.values.get("need") else row["min_compute_capability"] if row else None
    feature = o.values.get("feature")
    name = row["package"] if row else f"The {feature} quantization method" if feature else o.values.get(
        "package") or "This package"
    gpu = gpu_name or "this GPU"
    if cc and need and Version(cc) >= Version(need):
        message = (f"{name}'s own check refuses {gpu} (compute capability {cc}, {c.cc_text(cc)}), though its kernels "
                   f"need only {need}: this release predates the GPU. Install a release of it that supports "
                   f"{c.cc_text(cc)}, or build it from source for this GPU.")
    else:
        instead = (f": {row['instead']}" if row and row.get("instead") else
                   ": a model in a format this GPU's capability supports (another quantization, or none)" if feature
                   else "")
        message = (f"{name}'s kernels need compute capability {need or 'newer than this GPU'}"
                   + (" or newer" if need else "") + (f", and {gpu} is {cc} ({c.cc_text(cc)})" if cc else "")
                   + ": it has no code for this GPU (its own check says so), and no change of torch, CUDA or the "
                   f"driver gives it any. Run it on a newer GPU, or do without it{instead}.")
    yield Finding(
        code="cuda.arch_not_in_build", severity="error", subject=row["package"] if row else "cuda", device_kind="cuda",
        message=message, sources=tuple(dict.fromkeys(cat.source_urls([row]) + c.pattern_sources(kb, said))),
        evidence=tuple(ev) + (c.quote(o),),
    )


@rule
def ptxas_predates_gpu(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """ptxas's "Value 'sm_103a' is not defined for option 'gpu-name'": the CUDA toolkit that compiles for the GPU (an
    image's, or the one Triton is pointed at) is older than its architecture (axolotl#3630: a B300 on CUDA 12.8)."""
    said = c.find(c.obs(facts, kb), "cuda.ptxas_unknown_arch")
    if not said:
        return
    sm = said[0].values.get("sm", "this GPU's architecture")
    tool = "compiler (nvcc)" if said[0].values.get("tool", "").lower() == "nvcc" else "PTX assembler (ptxas)"
    yield c.said_finding(
        kb, said, "cuda.arch_not_in_build", "cuda",
        message=(f"The CUDA toolkit whose {tool} compiles the GPU code does not know {sm}: it is older "
                 "than this GPU, so code compiled at run time (Triton kernels, torch.compile) or at install cannot be "
                 f"built for it. Use a CUDA toolkit, or an image built on one, whose release notes list {sm} (for "
                 "Blackwell: sm_100 and sm_120 from CUDA 12.8, sm_103 from 12.9), and point TRITON_PTXAS_PATH at its "
                 "ptxas where Triton is used."),
    )


def _nvrtc_arch(facts: Facts, kb: Knowledge, all_obs, torch, nvrtc, cc, gpu_name, ev) -> Finding:  # noqa: ANN001
    """NVRTC's 'invalid value for --gpu-architecture': the build's CUDA is older than the GPU (pytorch#47658: an RTX
    3090 under torch 1.7.0's CUDA 11.0; RTX 40-series cards before CUDA 11.8): a build for a newer CUDA fixes it."""
    torch_named = c.framework_named(facts, all_obs, "torch")
    cmds, srcs, summary = ((), (), None)
    if torch_named and cc:
        cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "cuda", remove=("torch",), compute_capability=cc)
    label = (c.release_label(torch) if torch and torch.version else "This torch" if torch_named else
             "The program (torch or CuPy)")
    what = (gpu_name or "this GPU") + (f" (compute capability {cc})" if cc else "")
    return Finding(
        code="cuda.arch_not_in_build", severity="error", subject="torch" if torch_named else "cuda",
        framework="torch" if torch_named else None, device_kind="cuda",
        message=(f"{label} was built with a CUDA older than {what}: its runtime compiler (NVRTC) does not know this GPU's "
                 "architecture, so the code it compiles while running (TorchScript's fusers, CuPy kernels) fails. "
                 "Install a build for a newer CUDA: RTX 30-series cards need CUDA 11.1 or newer (torch 1.7.1+), RTX "
                 "40-series 11.8 or newer, RTX 50-series 12.8 or newer."
                 + (f" For this GPU: {summary}." if summary else "")),
        fix=cmds, sources=tuple(dict.fromkeys(srcs + c.pattern_sources(kb, nvrtc))),
        evidence=tuple(ev) + tuple(c.quote(o) for o in nvrtc[:2]),
    )


_EXT_SOURCE = {"detectron2": "git+https://github.com/facebookresearch/detectron2.git",
               # pytorch3d's INSTALL.md: "pip install 'git+https://github.com/facebookresearch/pytorch3d.git@stable'"
               "pytorch3d": "git+https://github.com/facebookresearch/pytorch3d.git@stable"}
EXT_DOCS = "https://detectron2.readthedocs.io/en/latest/tutorials/install.html#common-installation-issues"


def _rebuild(sh, var: str, value: str, name: str | None, src: str | None) -> tuple[str, ...]:  # noqa: ANN001
    """Rebuild a compiled torch extension from its source with one build variable set (its CUDA arch list, or CUDA
    forced on), against the installed torch; nothing where the extension's source is not known."""
    if not (name and src):
        return ()
    return (set_env(sh, var, value), pip_uninstall(sh, [name]), pip_install(sh, ["--no-build-isolation", src]))


def _extension_arch(facts: Facts, kb: Knowledge, all_obs, cc: str | None, gpu_name: str | None) -> Iterable[Finding]:  # noqa: ANN001
    """A compiled extension (detectron2's ops) built for other GPU architectures than this GPU's: its CUDA kernels
    fail with 'no kernel image' although torch itself runs (detectron2 install docs, 'Common Installation Issues')."""
    if not cc:
        return
    sh = c.shell(facts)
    for o in c.find(all_obs, "ext.arch_flags"):
        name = o.values.get("name", "").lower()
        sm, ptx = cat.parse_arch_list(o.values.get("archs", "").replace(",", " "))
        if not sm or cat.covers(cc, sm, ptx):
            continue
        src = _EXT_SOURCE.get(name)
        fix = _rebuild(sh, "TORCH_CUDA_ARCH_LIST", cc, name, src)
        yield Finding(
            code="cuda.arch_not_in_build", severity="error", subject=name, framework="torch", device_kind="cuda",
            message=(f"{name} was compiled for GPU architecture {', '.join(sm)} only, so its CUDA operators have no "
                     f"kernel for {gpu_name or 'this GPU'} (compute capability {cc}): they fail with 'no kernel image is "
                     "available' although torch itself runs. "
                     + (f"Rebuild {name} on this machine with TORCH_CUDA_ARCH_LIST naming {cc}."
                        if src else f"Install a {name} build that matches this torch (the same index as torch).")),
            fix=fix, sources=(EXT_DOCS,) + c.pattern_sources(kb, [o]),
            evidence=(f"{gpu_name or 'GPU'}: compute capability {cc}", c.quote(o)),
        )


def _package_arch(facts: Facts, kb: Knowledge, all_obs, kernel, cc: str, gpu_name: str | None, ev) -> Iterable[Finding]:  # noqa: ANN001
    """A package with its own prebuilt CUDA kernels (vLLM's, compute capability 7.0 and up) on an older GPU: torch
    may run there while the package's kernels find no image for it (vllm#16307: eight Tesla P100s, sm_60)."""
    named = {o.values.get("package", "").lower() for o in c.find(all_obs, "package.named")} | set(facts.packages)
    for row in kb.usable("package_cuda_arch"):
        if row["package"] not in named or Version(cc) >= Version(row["min_compute_capability"]):
            continue
        pkg, need = row["package"], row["min_compute_capability"]
        yield Finding(
            code="cuda.arch_not_in_build", severity="error", subject=pkg, device_kind="cuda",
            message=(f"{pkg}'s prebuilt CUDA kernels need compute capability {need} or newer, and "
                     f"{gpu_name or 'this GPU'} is {cc} ({c.cc_text(cc)}): they have no code for it, so they fail with "
                     "'no kernel image is available for execution on the device' even where torch itself runs. "
                     f"Run {pkg} on a GPU of compute capability {need} or newer; on this one only a source build "
                     f"for {c.cc_text(cc)}, where the project still accepts it, can work."),
            sources=tuple(dict.fromkeys(cat.source_urls([row]) + c.pattern_sources(kb, kernel[:1]))),
            evidence=tuple(ev) + tuple(c.quote(o) for o in kernel[:1]),
        )
        return


def _torch_arch(facts: Facts, kb: Knowledge, torch, all_obs):  # noqa: ANN001, ANN202
    """(sm, ptx, rows, how) of the installed torch build: its own flags, its warning, or the data."""
    if torch is not None and torch.build.get("arch_list"):
        sm, ptx = cat.parse_arch_list(torch.build["arch_list"])
        return sm, ptx, [], "torch.cuda.get_arch_list()"
    for o in c.find(all_obs, "torch.capability_list", framework="torch"):
        sm, ptx = cat.parse_arch_list(o.values.get("archs", ""))
        if sm:
            return sm, ptx, [], "torch's own warning"
    if torch is not None and torch.version:
        variant = c.torch_variant(torch)
        if variant and variant.startswith("cu"):
            # A paste that omits the OS or architecture: torch's CUDA wheels are x86_64 Linux/Windows first.
            row = cat.torch_arch_row(kb, torch.version, variant, facts.host.os or "linux", facts.host.arch or "x86_64")
            if row:
                return tuple(row["sm"]), tuple(row["ptx"]), [row], f"torch_cuda_arch for {torch.version}"
    return (), (), [], ""


def _variant_never_covers(facts: Facts, kb: Knowledge, torch, cc: str):  # noqa: ANN001, ANN202
    """(sm, ptx, rows, how) of every build of this torch's CUDA variant in the data, where none of them covers the GPU:
    a nightly or release the data lacks (2.6.0.dev20241112+cu121, Wan2GP#376) built with a CUDA toolkit no build of
    which has code for the GPU (CUDA 12.1 predates sm_120) has none either."""
    variant = c.torch_variant(torch) if torch is not None and torch.version else None
    if not (variant and variant.startswith("cu")):
        return (), (), [], ""
    plat = cat.plat_key(facts.host.os or "linux", facts.host.arch or "x86_64")
    rows = [r for r in kb.usable("torch_cuda_arch") if r["variant"] == variant and plat in r["platforms"]]
    sm = tuple(dict.fromkeys(a for r in rows for a in r["sm"]))
    ptx = tuple(dict.fromkeys(a for r in rows for a in r["ptx"]))
    if not rows or cat.covers(cc, sm, ptx):
        return (), (), [], ""
    return sm, ptx, rows, f"like every {variant} build in torch_cuda_arch"


def _colab_without_gpu(facts: Facts, kb: Knowledge, all_obs) -> list:  # noqa: ANN001
    """The observations that say torch sees no GPU on Colab, where no GPU runtime is said to be selected."""
    if not c.find(all_obs, "host.colab") or c.find(all_obs, "host.gpu_runtime_selected", "torch.cuda_available_true") \
            or c.nvidia(facts):
        return []  # (torch's own True in the user's session: the runtime has a GPU, HFGI3D#9)
    if c.find(all_obs, "tpu.mentioned") and not c.find(all_obs, "torch.cuda_unavailable", "torch.not_compiled_with_cuda"):
        return []  # a TPU runtime, where XLA's cuInit "no CUDA-capable device" is noise (jax#14481)
    torch = facts.framework("torch")
    if torch is not None and c.torch_has_cuda(torch, all_obs) is False:
        return []  # a CPU torch installed over Colab's: cuda.cpu_only_build
    # (nvidia-smi's "couldn't communicate with the NVIDIA driver" on a CPU runtime, wrapped by Ray's GPU probe:
    # colabtools#2756)
    return c.find(all_obs, "torch.cuda_unavailable", "cuda.no_device", "cuda.no_driver", "cuda.smi_no_driver")


def _nvidia_mac_era(facts: Facts) -> bool:
    """A Mac on macOS 10.13 or older: NVIDIA's macOS CUDA drivers ran up to High Sierra (CUDA 10.2's release notes: its
    last release for macOS), so such a Mac may have an NVIDIA GPU whose driver is missing (pytorch#3864, a CUDA source
    build on 10.13). A newer Mac has no NVIDIA driver at all."""
    return bool(re.match(r"10\.(?:[0-9]|1[0-3])(?:\.|$)", facts.host.os_version or ""))


@rule
def no_gpu(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    mac_index = c.cuda_index_on_mac(facts, kb)
    if mac_index:
        cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "mps")
        variant = mac_index[0].values["variant"]
        yield Finding(
            code="cuda.no_gpu", severity="error", subject="torch", framework="torch", device_kind="cuda",
            message=(f"A Mac has no NVIDIA GPU and PyTorch builds no {variant} wheels for macOS, so its {variant} "
                     "index offers this machine nothing ('from versions: none'). Install the default build from PyPI "
                     "without --index-url: it runs on the CPU and, on Apple Silicon, on the GPU through MPS"
                     + (f" ({summary})." if summary else ".")),
            fix=cmds, sources=srcs, evidence=tuple(c.quote(o) for o in mac_index),
        )
        return
    all_obs = c.obs(facts, kb)
    colab = _colab_without_gpu(facts, kb, all_obs)
    if colab:
        yield Finding(
            code="cuda.no_gpu", severity="warning", subject="torch", framework="torch", device_kind="cuda",
            message=("On Colab a runtime has an NVIDIA GPU only when its runtime type asks for one, and "
                     + ("nvidia-smi finds no driver" if all(o.code == "cuda.smi_no_driver" for o in colab) else
                        "torch sees none") + " here: most likely the runtime is a CPU one (or no GPU was free). Choose Runtime > Change runtime "
                     "type > a GPU accelerator (T4), reconnect and rerun; Colab's own torch already has CUDA, so "
                     "reinstalling torch does not help."),
            sources=("https://research.google.com/colaboratory/faq.html",), evidence=tuple(c.quote(o) for o in colab[:2]),
        )
        return
    hookless = c.find(all_obs, "container.toolkit_no_driver")
    if hookless and not c.nvidia(facts) and c.find(all_obs, "host.no_gpu_stated"):
        # `docker run --gpus` on a machine the user says has no GPU: the toolkit's hook finds no driver and Docker
        # refuses to start the container (AMPL#362); there is no GPU to pass, so the flag must go
        yield Finding(
            code="cuda.no_gpu", severity="warning", subject="cuda", device_kind="cuda",
            message=("This machine has no NVIDIA GPU (the paste says so), so the NVIDIA Container Toolkit finds no driver "
                     "to give the container, and Docker refuses to start it with `--gpus`. Start it without --gpus (or "
                     "only where a GPU is present) and run on the CPU."),
            sources=c.pattern_sources(kb, hookless), evidence=tuple(c.quote(o) for o in hookless[:1]),
        )
        return
    docker = c.find(all_obs, "container.no_gpu_runtime")
    # (Docker refusing a GPU request on a machine said to have none is no container's failure: container.py leaves it)
    refused = bool(docker and c.find(all_obs, "host.no_gpu_stated"))
    # the toolkit's hook under WSL 2 finding no adapter, on a laptop the paste says has no NVIDIA GPU: there is none to
    # share (Grounded-Segment-Anything#506), not a WSL path to repair
    adapterless = c.find(all_obs, "container.wsl_no_adapter") if c.find(all_obs, "host.no_gpu_stated") else []
    docker = docker + adapterless
    refused = refused or bool(adapterless)
    if c.nvidia(facts) or (c.amd(facts) and facts.host.os != "darwin") or (facts.host.wsl is not None and not adapterless) \
            or (facts.host.container is not None and not refused):
        return  # wsl.* / container.* explain GPUs that are not passed in; a Mac's AMD GPU is no CUDA one (below)
    if c.find(all_obs, "pci.nvidia_gpu"):
        return  # lspci shows one on the bus (beside an Intel iGPU on an Optimus laptop): not "no GPU"
    # (a program that cannot load libcuda.so.1, the driver's library, asked for CUDA too: IsaacGymEnvs#27)
    asked = c.find(all_obs, "torch.not_compiled_with_cuda", "cuda.no_device", "cuda.no_driver", "cuda.libcuda_not_found")
    # A program that caught the CUDA error and went on ("Warning: caught exception 'Torch not compiled with CUDA
    # enabled', memory monitor disabled", stable-diffusion-webui's start-up on every Mac) did not fail of it
    # (torch seeing no CUDA device counts on a Mac: Whisper's CPU fallback on a Mac Pro, StoryToolkitAI#3)
    mac_asked = [o for o in c.find(all_obs, "torch.not_compiled_with_cuda", "cuda.no_device", "torch.cuda_unavailable",
                                   "cuda.no_driver")
                 if not _CAUGHT.search(o.text)]
    if facts.host.os == "darwin" and (mac_asked or docker) and not _nvidia_mac_era(facts) and not c.find(
            all_obs, "mps.not_available"):  # an MPS error says what failed was MPS (sdwebui1557)
        # macOS torch has no CUDA in any release (no darwin CUDA variant in torch_releases): the code's .cuda() is
        # the problem, not the build. On Apple Silicon device "mps" is the GPU. Docker on a Mac has no NVIDIA GPU to
        # give a container either (cog-face-to-sticker#12: `--gpus` refused, then torch's "Found no NVIDIA driver").
        yield Finding(
            code="cuda.no_gpu", severity="warning", subject="torch", framework="torch", device_kind="cuda",
            message=("This is a Mac: no torch build for macOS has CUDA, and Macs have no usable NVIDIA GPU, so code "
                     "that calls .cuda() or asks for device 'cuda' cannot run"
                     + (", and Docker on a Mac has no NVIDIA GPU to give a container (its `--gpus` request fails)"
                        if docker else "")
                     + (". Run it on the CPU in the container, or outside Docker on device 'mps' (Apple Silicon's GPU, "
                        "which containers do not get)" if docker else ". Run it on device 'mps' (Apple Silicon's GPU) or 'cpu'")
                     + "; installing another torch will not add CUDA."),
            sources=("https://pytorch.org/get-started/locally/",),
            evidence=tuple(c.quote(o) for o in (docker + asked)[:2]),
        )
        return
    stated = c.find(all_obs, "cuda.no_nvidia_device", "gpu.intel_integrated")
    if c.nvidia(facts):
        stated = [o for o in stated if o.code != "gpu.intel_integrated"]  # an Intel GPU beside an NVIDIA one
    # The user's own "I don't have a GPU" counts only where CUDA was asked for (the code's premise): a CUDA error,
    # a CUDA build of torch in the paste, or Docker refusing a GPU request (synaplan#331: a compose reservation).
    torch_fw = facts.framework("torch")
    torch_cuda = torch_fw is not None and c.torch_has_cuda(torch_fw, all_obs)
    # (CUDA's "driver insufficient" is a CUDA call too: with no driver at all it says so, openpose#1339)
    if asked or docker or torch_cuda or c.find(all_obs, "cuda.driver_insufficient"):
        stated += c.find(all_obs, "host.no_gpu_stated", "host.aws_lambda")
    # An Intel GPU named beside a framework that does not even import, where nothing asked for CUDA: the import is what
    # the paste is about (tensorflow#46788: "DLL load failed" and a template's "no cuda (Intel HD Graphics)")
    import_failed = any(fw.status in ("import_error", "crashed") for fw in facts.frameworks) or bool(
        c.find(all_obs, "python.dll_load_failed"))
    only_intel = all(o.code == "gpu.intel_integrated" for o in stated)
    # (nor where the paste's error is an Intel GPU runtime's own and nothing asks for CUDA: OpenVINO's GPU plugin
    # finding no device on an Intel iGPU is a question about Intel's compute runtime, openvino#29074)
    intel_runtime = only_intel and not asked and bool(c.find(all_obs, "intel.gpu_runtime_error"))
    # an Arc card named where nothing asks for CUDA is no claim about CUDA (compute-runtime#701: OpenCL over SSH)
    arc_only = only_intel and not (asked or docker or torch_cuda) and all(o.values.get("arc") for o in stated)
    if stated and not _hidden(facts) and not (import_failed and only_intel and not asked) \
            and not (intel_runtime or arc_only):
        yield from _no_gpu_stated(facts, kb, stated, docker)
        return
    if c.unknown(facts, "accelerators") or facts.host.os in ("darwin", None):
        return
    for name in ("torch", "tensorflow"):
        fw = facts.framework(name)
        if fw is None or fw.status != "ok":
            continue
        cuda = c.torch_has_cuda(fw, all_obs) if name == "torch" else c.tf_has_cuda(fw)
        said = [o for o in c.find(all_obs, "cuda.no_driver", "cuda.no_device") if o.framework in (name, None)]
        if not cuda and not said:
            continue
        cmds, srcs, summary = c.fix_commands(facts, kb, name, "cpu",
                                             remove=(name,) if name == "torch" else tuple(
                                                 d for d in c.TF_DISTRIBUTIONS if d in facts.packages))
        yield Finding(
            code="cuda.no_gpu", severity="warning" if said else "info", subject=name, framework=name,
            device_kind="cuda",
            message=(f"{c.release_label(fw)} is a CUDA build, but this machine has no NVIDIA GPU: it runs on the "
                     "CPU only and carries the CUDA libraries for nothing."
                     + (f" The CPU build is smaller: {summary}." if summary else "")),
            fix=cmds, sources=srcs, evidence=tuple(c.quote(o) for o in said[:2]) + ("no NVIDIA GPU found by the OS",),
        )


_CAUGHT = re.compile(r"\bcaught exception\b|\bignor(?:ed|ing) (?:the )?exception\b", re.I)


def _hidden(facts: Facts) -> bool:
    return any(k in facts.environment.variables for k in _HIDING)


def _no_gpu_stated(facts: Facts, kb: Knowledge, stated, docker) -> Iterable[Finding]:  # noqa: ANN001
    """The paste itself says there is no NVIDIA GPU: the driver reports none, or the GPU named is Intel's."""
    fw = next((f for f in (facts.framework("torch"), facts.framework("tensorflow")) if c.present(f)), None)
    name = fw.name if fw else "torch"
    cmds, srcs, summary = c.fix_commands(facts, kb, name, "cpu", remove=(name,) if fw and name == "torch" else ())
    all_obs = c.obs(facts, kb)
    if fw is None and not any(c.framework_named(facts, all_obs, n) for n in ("torch", "tensorflow")):
        cmds, srcs, summary = (), (), None  # no Python framework in the paste (CUDA.jl#1952, Julia): no torch to offer
    intel = [o for o in stated if o.code == "gpu.intel_integrated"]
    told = [o for o in stated if o.code == "host.no_gpu_stated"]
    lam = [o for o in stated if o.code == "host.aws_lambda"]
    arc = any(o.values.get("arc") for o in intel)
    if arc and name == "torch" and cmds:
        # an Arc card runs torch through its XPU build (device 'xpu'): that, not the CPU build, uses the GPU there
        cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "xpu", remove=("torch",) if fw else ())
    what = ("the GPU named is an Intel Arc card, which CUDA cannot use (torch reaches it only through its XPU build, "
            "device 'xpu')" if arc else "the GPU named is an Intel integrated one, which CUDA cannot use" if intel else
            "this runs as an AWS Lambda function (its runtime's /var/lang Python), and Lambda gives functions no GPU; "
            "GPU inference on AWS runs on SageMaker, or on ECS, EKS or EC2 with a GPU instance type" if lam else
            "the NVIDIA driver reports no NVIDIA GPU (none in this machine, or a VM without GPU passthrough)"
            if len(told) < len(stated) - len(lam) else "the paste says this machine has no GPU")
    yield Finding(
        code="cuda.no_gpu", severity="warning", subject=name if fw else "cuda", framework=name if fw else None,
        device_kind="cuda",
        message=(f"There is no NVIDIA GPU here: {what}. Code that calls .cuda() or asks for device 'cuda' cannot "
                 + ("run as it is; install torch's XPU build and use device 'xpu'"
                    + (f": {summary}." if summary else ".") if arc and name == "torch" and cmds else
                    "run; run it on the CPU (device 'cpu')"
                    + (f", with the smaller CPU build: {summary}." if summary else "."))
                 + (" Docker cannot give a container a GPU the machine lacks: start it without `--gpus` and remove the "
                    "compose file's GPU reservation (deploy.resources.reservations.devices)." if docker else "")
                 # (a cluster's CPU node: the GPUs are on other nodes, FastFold#29)
                 + (" On a cluster, run (and build) it in a job on a GPU node (Slurm: --gres=gpu:1 or --gpus=1), "
                    "where torch sees the GPU." if any(o.values.get("cpu_node") for o in told) else "")),
        fix=cmds, sources=srcs, evidence=tuple(c.quote(o) for o in stated[:2]),
    )


@rule
def driver_wedged_after_suspend(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """CUDA's 'unknown error' on a machine the user says was suspended: the loaded driver's UVM module is left
    unusable (pytorch#88639, jaxsim#50: reloading the module fixes it, no reboot needed)."""
    all_obs = c.obs(facts, kb)
    unknown = c.find(all_obs, "cuda.unknown_error")
    slept = c.find(all_obs, "host.after_suspend")
    if not (unknown and slept) or facts.host.wsl is not None or facts.host.container is not None:
        return
    yield Finding(
        code="cuda.driver_not_loaded", severity="error", subject="cuda", device_kind="cuda",
        message=("CUDA fails to initialise with an unknown error after the machine was suspended: the NVIDIA driver "
                 "is loaded, but its CUDA part (the nvidia_uvm kernel module) is left unusable by the suspend. Close "
                 "the programs that hold the GPU and reload the module (or reboot); to keep it from happening, "
                 "have the driver preserve video memory across suspend (NVreg_PreserveVideoMemoryAllocations=1 with "
                 "the nvidia-suspend and nvidia-resume services)."),
        fix=("sudo rmmod nvidia_uvm", "sudo modprobe nvidia_uvm"),
        sources=c.pattern_sources(kb, unknown + slept),
        evidence=tuple(c.quote(o) for o in (unknown[:1] + slept[:1])),
    )


def _on_the_login_node(facts: Facts, kb: Knowledge) -> list:
    """nvidia-smi failing at the prompt where salloc was typed, with no srun anywhere (aws-parallelcluster#1768):
    salloc's shell stays on the login node, so the failure says nothing yet about the allocated GPU node."""
    all_obs = c.obs(facts, kb)
    salloc = c.find(all_obs, "slurm.salloc_shell")
    if not salloc or c.find(all_obs, "slurm.srun") or c.nvidia(facts) or c.find(all_obs, "pci.nvidia_gpu"):
        return []
    return salloc


@rule
def slurm_login_node(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A GPU check typed after salloc, without srun: it ran on the login node, which usually has no GPU (a lead)."""
    salloc = _on_the_login_node(facts, kb)
    failed = c.find(c.obs(facts, kb), "cuda.smi_no_driver", "cuda.no_device", "cuda.no_driver",
                    "torch.cuda_unavailable") if salloc else []
    if not failed:
        return
    yield Finding(
        code="cuda.no_gpu", severity="info", subject="cuda", device_kind="cuda",
        message=("This ran after salloc at the same prompt, and salloc's shell stays on the node where it was typed "
                 "(the login or head node, which usually has no GPU and no NVIDIA driver) unless the cluster sets "
                 "LaunchParameters=use_interactive_step: the allocated GPU node was not asked. Run the check there, "
                 "`srun nvidia-smi` (or `srun --pty bash` and then the program); if it fails on the GPU node too, "
                 "that node's driver is what to fix."),
        fix=("srun hostname", "srun nvidia-smi"),
        sources=c.pattern_sources(kb, salloc), evidence=tuple(c.quote(o) for o in (salloc[:1] + failed[:1])),
    )


@rule
def conda_no_cuda_virtual(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """conda's solver missing __cuda (pytorch-cpu-feedstock#364: micromamba on a cluster's login node without GPUs):
    conda derives it from the driver where it runs; CONDA_OVERRIDE_CUDA sets it for a machine without one."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "conda.no_cuda_virtual")
    if not said:
        return
    told = c.find(all_obs, "host.no_gpu_stated")
    gpuless = bool(told) or not (c.nvidia(facts) or c.unknown(facts, "accelerators"))
    set_it = ("`CONDA_OVERRIDE_CUDA=12.6 conda install ...`" if facts.host.os != "windows" else
              "`set CONDA_OVERRIDE_CUDA=12.6` before `conda install ...`")
    yield Finding(
        code="cuda.no_gpu", severity="warning" if gpuless else "info", subject="conda", device_kind="cuda",
        message=("conda's solver wants the __cuda virtual package for this CUDA build, and it is missing: conda sets "
                 "__cuda from the NVIDIA driver it finds where it runs, and "
                 + ("this machine has none (the paste says it has no GPU)" if gpuless else
                    "it found none here (no NVIDIA GPU, a login node or a docker build, or a driver it cannot load)")
                 + ". To install the CUDA build anyway, for the GPU machines that will run it, tell conda which CUDA "
                 "their driver supports: " + set_it + " (the version nvidia-smi shows there). To use it here, run the "
                 "install on a machine with the GPU."),
        fix=(), sources=c.pattern_sources(kb, said),
        evidence=tuple(dict.fromkeys(c.quote(o) for o in (said[:1] + told[:1]))),
    )


@rule
def driver_not_loaded(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    gpus = c.nvidia(facts)
    dead = [a for a in gpus if a.status == "no_driver"]
    smi = c.find(all_obs, "cuda.smi_no_driver")
    if smi and _on_the_login_node(facts, kb):
        return  # nvidia-smi on the login node after salloc: slurm_login_node's lead
    no_drv = c.find(all_obs, "cuda.no_driver")
    libcuda = [o for o in c.find(all_obs, "cuda.library_not_found") if o.values.get("library", "").startswith("libcuda.")]
    libcuda += c.find(all_obs, "cuda.libcuda_not_found")
    unbound = c.find(all_obs, "cuda.nvrm_probe_failed")
    nouveau = c.find(all_obs, "cuda.nouveau_in_use")
    init_failed = c.find(all_obs, "cuda.rm_init_failed")
    on_bus = c.find(all_obs, "pci.nvidia_gpu")  # lspci: the GPU is there, so "no driver" is the driver's
    module = c.find(all_obs, "cuda.module_rejected", "cuda.module_not_loaded", "cuda.nvml_missing")  # the driver's parts
    secure_said = c.find(all_obs, "host.secure_boot_mentioned")
    secure = any(o.code == "cuda.module_rejected" for o in module) or (bool(module or smi) and bool(secure_said))
    mismatch = c.find(all_obs, "cuda.driver_version_mismatch")
    ok = [a for a in gpus if a.status == "ok"]
    if mismatch and facts.host.wsl is None and not ok:
        yield Finding(
            code="cuda.driver_not_loaded", severity="error", subject="cuda", device_kind="cuda",
            message=("The NVIDIA kernel module that is loaded is another version than the driver's libraries: the "
                     "driver was upgraded (often by unattended upgrades) while the old module stayed in the kernel, "
                     "so nothing can use the GPU. Reboot (or unload and reload the nvidia modules); nvidia-smi then "
                     "works. If it recurs, hold the driver packages so they upgrade only with a reboot."),
            fix=("sudo reboot",), sources=c.pattern_sources(kb, mismatch),
            evidence=tuple(c.quote(o) for o in mismatch[:2]),
        )
        return
    hook = [o for o in c.find(all_obs, "container.toolkit_no_driver") if "nvml error: driver not loaded" in o.text]
    if hook and facts.host.wsl is None and not ok and not c.find(all_obs, "host.no_gpu_stated") \
            and not c.find(all_obs, "host.wsl_mentioned"):
        # the Container Toolkit's hook runs on the host, before the container exists: NVML's "driver not loaded" is
        # the host's kernel module (cml#1069: GCP runner VMs whose driver install had failed, fixed in their image)
        yield Finding(
            code="cuda.driver_not_loaded", severity="error", subject="cuda", device_kind="cuda",
            message=("The NVIDIA Container Toolkit's hook, which runs on the host before the container starts, found "
                     "the NVIDIA kernel driver not loaded, so Docker did not start the container. The host's driver is "
                     "the problem, not the container: `nvidia-smi` on the host fails the same way. Load the module, or "
                     "(re)install the driver for the running kernel and reboot; on a machine with no NVIDIA GPU at "
                     "all, start the container without --gpus."),
            fix=("sudo modprobe nvidia", "nvidia-smi"), sources=c.pattern_sources(kb, hook),
            evidence=tuple(c.quote(o) for o in hook[:1]),
        )
        return
    if facts.host.wsl is not None or (facts.host.container is not None and not dead):
        return  # wsl.gpu_unavailable / container.gpu_not_passed
    if c.find(all_obs, "container.no_gpu_runtime") and not (dead or on_bus):
        return  # Docker started the container without the GPU (cog-comfyui#234): the host's driver is not in question
    if c.find(all_obs, "host.wsl_mentioned") and not (dead or on_bus):
        return  # "in WSL" without a version: the driver is Windows', a Linux module is not the fix
    if not (dead or on_bus) and _colab_without_gpu(facts, kb, all_obs):
        return  # a Colab runtime has no driver to load: cuda.no_gpu names the runtime type (colabtools#2756)
    if c.amd(facts) and not gpus:
        return  # an AMD GPU and no NVIDIA one: "no NVIDIA driver" is right, rocm.cuda_build_on_amd says why
    if facts.host.os == "darwin" and not _nvidia_mac_era(facts) and not (dead or smi or on_bus):
        # a Mac has no NVIDIA driver to load: none for Apple Silicon (Fooocus#2472, "on MAC pro M1"), none after High
        # Sierra (CUDA 10.2 was NVIDIA's last release for macOS): cuda.no_gpu says so
        return
    # A GPU named in a paste is "ok" only by default; nvidia-smi's own failure or the module's says the driver is not.
    working = [a for a in ok if a.source != "paste" or not (smi or module or mismatch or nouveau)]
    if working and not dead:
        return
    if secure and not ok:
        yield Finding(
            code="cuda.driver_not_loaded", severity="error", subject="cuda", device_kind="cuda",
            message=("The NVIDIA kernel module does not load because Secure Boot refuses it: the module DKMS built is "
                     "signed with a key the firmware does not know (or not signed). Enrol the DKMS signing key (on "
                     "Ubuntu `sudo mokutil --import /var/lib/shim-signed/mok/MOK.der`, reboot and confirm it in the "
                     "blue MOK screen), or turn Secure Boot off; then `nvidia-smi` works."),
            fix=("mokutil --sb-state",), sources=("https://wiki.ubuntu.com/UEFI/SecureBoot/DKMS",),
            evidence=tuple(c.quote(o) for o in (module + smi + secure_said)[:2]),
        )
        return
    if init_failed and not working:
        yield Finding(
            code="cuda.driver_not_loaded", severity="error", subject="cuda", device_kind="cuda",
            message=("The NVIDIA kernel module loaded but could not bring up the GPU (NVRM: RmInitAdapter failed), "
                     "so no framework can use it. The kernel log around that line says why: a GSP firmware file "
                     "missing for this driver version (a half-finished driver update: reinstall the driver and "
                     "reboot), a driver too old or too new for this GPU, or a GPU that fell off the bus (reseat it, "
                     "check its power)."),
            fix=("sudo dmesg | grep -i -e nvrm -e firmware", "nvidia-smi"), sources=c.pattern_sources(kb, init_failed),
            evidence=tuple(c.quote(o) for o in init_failed[:2]),
        )
        return
    if not (dead or smi or unbound or module or nouveau
            or ((c.unknown(facts, "accelerators") or on_bus) and (no_drv or libcuda))):
        return
    if not (dead or smi or unbound or on_bus or module) and (c.find(all_obs, "host.no_gpu_stated", "cuda.no_nvidia_device",
                                                                   "host.aws_lambda",
                                                                   "host.cpu_intended")
                                                            or (not gpus and c.find(all_obs, "gpu.intel_integrated"))):
        return  # the user says there is no (NVIDIA) GPU: "no driver" is cuda.no_gpu's, not a module to load
    note, note_src = _driver_fix(kb)
    linux = facts.host.os not in ("windows", "darwin")
    fix = ("sudo modprobe nvidia", "nvidia-smi") if linux else ("nvidia-smi",)
    note_srcs = (note_src,) if note_src else ()
    # another driver holding the GPU (nouveau bound, or the nvidia module probing none): the same check and fix
    held_fix = ("lsmod | grep -e nvidia -e nouveau", "nvidia-smi")
    if nouveau and not working and not unbound:
        yield Finding(
            code="cuda.driver_not_loaded", severity="error", subject="cuda", device_kind="cuda",
            message=("The NVIDIA GPU is bound to nouveau, the open-source display driver, which has no CUDA: the "
                     "NVIDIA driver is not installed, or nouveau takes the GPU before it. Install the NVIDIA driver for "
                     "this GPU (a GPU too old for current drivers needs a legacy branch), blacklist nouveau and reboot; "
                     f"then `nvidia-smi` works ({note})."),
            fix=held_fix, sources=tuple(dict.fromkeys(c.pattern_sources(kb, nouveau) + note_srcs)),
            evidence=tuple(c.quote(o) for o in nouveau[:1] + c.find(all_obs, "cuda.smi_not_found")[:1]),
        )
        return
    if unbound and not (dead or smi):
        yield Finding(
            code="cuda.driver_not_loaded", severity="error", subject="cuda", device_kind="cuda",
            message=("The NVIDIA kernel module loaded but did not take the GPUs (NVRM: the probe routine was not "
                     "called): another driver, usually nouveau, holds them, so no framework can use them. Check "
                     "which modules are loaded; blacklist nouveau if it is, then reboot so that nvidia binds the "
                     f"GPUs ({note})."),
            fix=held_fix, sources=tuple(dict.fromkeys(c.pattern_sources(kb, unbound) + note_srcs)),
            evidence=tuple(c.quote(o) for o in unbound[:2]),
        )
        return
    bus_model = on_bus[0].values.get("model", "").strip() if on_bus else ""
    what = (f"{dead[0].model or 'an NVIDIA GPU'} is on the bus but no NVIDIA driver is working"
            + (f" ({dead[0].detail})" if dead and dead[0].detail else "")) if dead else (
        f"lspci shows an NVIDIA GPU on the bus ({bus_model or 'NVIDIA'}) but "
        + ("nvidia-smi cannot talk to its kernel driver" if smi else "no NVIDIA driver is working")) if on_bus else (
        "nvidia-smi cannot talk to the NVIDIA kernel driver" if smi else
        "The NVIDIA driver's libraries are not installed (nvidia-smi finds no libnvidia-ml.so)"
        if module and all(o.code == "cuda.nvml_missing" for o in module) else
        "The NVIDIA kernel module is not loaded" if module else
        "torch finds no NVIDIA driver: either this machine has no NVIDIA GPU, or its driver is not loaded")
    # "Found no NVIDIA driver" or a missing libcuda alone cannot tell a machine without an NVIDIA GPU from one
    # whose driver is not loaded (ARCHITECTURE.md: driver_not_loaded is a GPU on the bus without a working
    # driver), nor a container or WSL; a possibility to check, not a diagnosis.
    if not (dead or smi or unbound or on_bus or module) and c.find(all_obs, "rocm.wanted"):
        return  # a paste about ROCm: the CUDA build on an AMD machine (rocm.cuda_build_on_amd), not a driver to load
    yield Finding(
        code="cuda.driver_not_loaded", severity="error" if (dead or smi or unbound or on_bus or module) else "info",
        subject="cuda",
        device_kind="cuda",
        message=(f"{what}. No framework can use the GPU until the kernel module loads. Load it (Linux: the "
                 "first command); if that fails after a kernel update, reinstall the driver for the new kernel "
                 f"and reboot ({note})."),
        fix=fix, sources=note_srcs,
        evidence=tuple(f"{a.source}: {a.model or 'GPU'} status {a.status}" for a in dead) + tuple(
            c.quote(o) for o in (smi + unbound + module + no_drv + libcuda)[:2]),
    )


_HIDING = ("CUDA_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES")


def _hidden_by_the_program(facts: Facts, kb: Knowledge, all_obs, sh) -> Iterable[Finding]:  # noqa: ANN001
    """torch's "No CUDA GPUs are available" where no variable is pasted: CUDA found no device (cudaErrorNoDevice),
    which on a machine whose GPU works is a CUDA_VISIBLE_DEVICES the program or its launch script sets (an index the
    machine lacks, or empty). Likely when the user's own shell sees the GPU; a lead where only a GPU is known."""
    nodev = c.find(all_obs, "cuda.no_device")
    if not nodev or any(v in facts.environment.variables for v in _HIDING):
        return
    shell_sees = c.find(all_obs, "torch.cuda_available_true")
    if (facts.host.wsl is not None or facts.host.container is not None or c.find(all_obs, "host.colab")) \
            and not shell_sees:
        return  # the GPU not reaching WSL, a container or a Colab runtime says the same, unless torch saw it there
    if not (shell_sees or c.nvidia(facts)):
        return
    find = ("Get-ChildItem -Recurse -Include *.py,*.sh,*.bat,*.ps1 | Select-String CUDA_VISIBLE_DEVICES" if sh.powershell
            else "grep -rn CUDA_VISIBLE_DEVICES --include='*.py' --include='*.sh' .")
    yield Finding(
        code="cuda.devices_hidden", severity="warning" if shell_sees else "info", subject="CUDA_VISIBLE_DEVICES",
        device_kind="cuda",
        message=(("torch.cuda.is_available() is True in your shell, yet the program finds no CUDA GPU"
                  if shell_sees else "CUDA found no GPU although this machine has one")
                 + ": a CUDA_VISIBLE_DEVICES that the program or its launch script sets (an index this machine does "
                 "not have, or an empty value) hides it. Find where it is set and name the GPU you have (0 on a "
                 "one-GPU machine)."),
        fix=(find,),
        sources=("https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#cuda-environment-variables",),
        evidence=tuple(c.quote(o) for o in (shell_sees + nodev)[:2]),
    )


def _hides_all(value: str, count: int) -> bool:
    """Whether a *_VISIBLE_DEVICES value leaves no device: empty, -1, 'none', or only bad indices.

    CUDA stops at the first invalid index (CUDA C++ Programming Guide, 'CUDA Environment Variables')."""
    v = value.strip()
    if v == "" or v.lower() in ("none", "void", "nodevfiles"):
        return True
    first = v.split(",")[0].strip()
    if first.lstrip("-").isdigit():
        n = int(first)
        return n < 0 or (count > 0 and n >= count)
    if first.startswith(("$", "%", "{", "<")):
        return False  # a shell or template variable, expanded when the program runs: its value is not in the paste
    if not first.upper().startswith(("GPU-", "MIG-")):
        return True  # "all" (NVIDIA_VISIBLE_DEVICES' word, not CUDA's) or any other non-identifier: an invalid first entry
    return False  # GPU-/MIG- UUIDs: cannot check without the UUIDs


@rule
def devices_hidden(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    env = facts.environment.variables
    all_obs = c.obs(facts, kb)
    sh = c.shell(facts)
    yield from _hidden_by_the_program(facts, kb, all_obs, sh)
    bound = c.find(all_obs, "slurm.gpus_per_task")
    ordinal = c.find(all_obs, "cuda.invalid_device_ordinal")
    if bound and ordinal and "CUDA_VISIBLE_DEVICES" not in env:
        # ACEsuit/mace#435: --gpus-per-task=1 and torch.cuda.set_device(local_rank), every rank but 0 failing
        yield Finding(
            code="cuda.devices_hidden", severity="error", subject="CUDA_VISIBLE_DEVICES", device_kind="cuda",
            message=("This Slurm job binds GPUs per task (" + bound[0].values.get("option", "--gpus-per-task") + "): each task "
                     "sees only its own GPU, as device 0 (Slurm sets its CUDA_VISIBLE_DEVICES), so a program that picks "
                     "device local_rank fails with 'invalid device ordinal' on every rank but 0. Ask for the GPUs per "
                     "node instead (--gpus-per-node, or --gres=gpu:N) so that every task sees them all, or have each "
                     "task use device 0."),
            fix=(), sources=c.pattern_sources(kb, bound),
            evidence=tuple(c.quote(o) for o in (bound[:1] + ordinal[:1])),
        )
        return
    for var in _HIDING:
        if var not in env:
            continue
        kind = "cuda" if var == "CUDA_VISIBLE_DEVICES" else "rocm"
        gpus = c.usable(c.nvidia(facts) if kind == "cuda" else c.amd(facts))
        if kind == "cuda" and not gpus and c.amd(facts):
            gpus, kind = c.usable(c.amd(facts)), "rocm"  # ROCm torch honours CUDA_VISIBLE_DEVICES too
        nodev = c.find(all_obs, "cuda.no_device")
        first = env[var].split(",")[0].strip()
        if not nodev and first.isdigit() and int(first) >= 1:
            # is_available() False beside an index past 0: on a machine with fewer GPUs than that, the variable hides all
            nodev = c.find(all_obs, "torch.cuda_unavailable")
        ordinal = c.find(all_obs, "cuda.invalid_device_ordinal")
        if ordinal and not _hides_all(env[var], len(gpus)) and kind == "cuda":
            visible = [x for x in env[var].split(",") if x.strip()]
            yield Finding(
                code="cuda.devices_hidden", severity="error", subject=var, device_kind=kind,
                message=(f"{var}={env[var]!r} leaves {len(visible)} GPU{'s' if len(visible) != 1 else ''} visible, "
                         f"renumbered 0..{len(visible) - 1} inside the program, and the program asks for a device past "
                         "them ('invalid device ordinal'): a device index it was given, or more processes (e.g. "
                         "torchrun's --nproc_per_node) than visible GPUs. Make the two agree."),
                fix=("python -c \"import torch; print(torch.cuda.device_count())\"",),
                sources=("https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#cuda-environment-variables",),
                evidence=(f"{var}={env[var]}",) + tuple(c.quote(o) for o in ordinal[:1]),
            )
            continue
        if not gpus and not (c.unknown(facts, "accelerators") and nodev):
            continue
        if not _hides_all(env[var], len(gpus)) and not nodev:
            continue
        blind = [fw.name for fw in facts.frameworks if fw.status == "ok" and not c.sees(fw, kind)]
        if gpus and facts.frameworks and not blind and not nodev:
            continue
        # a value naming GPU 0 hides nothing by itself: the failing process saw another one (flower#1236, witt#34)
        hides = _hides_all(env[var], len(gpus)) or env[var].split(",")[0].strip() != "0"
        yield Finding(
            code="cuda.devices_hidden", severity="error", subject=var, device_kind=kind,
            message=((f"{var}={env[var]!r} hides the GPUs from every CUDA program"
                      + (f" ({len(gpus)} present, {', '.join(blind)} sees none)" if gpus and blind else "")
                      + ". Unset it, or set it to the indices you mean (e.g. 0).") if hides else
                     # (flower#1236: '0' set in the notebook, Ray's client actors started without a GPU share)
                     (f"The paste sets {var}={env[var]!r}, and the process that failed still found no CUDA device: "
                      "it saw its own value, set by the program or its launcher (an index this machine lacks; an empty "
                      "one for Ray's actors and tasks without a GPU share, num_gpus; a job scheduler's allocation). Set "
                      f"{var}=0 inside the program before it first touches CUDA, or give the launcher's workers a GPU; "
                      "printing the variable in the failing process shows which.")),
            fix=(unset_env(sh, var),) if hides else (),
            sources=("https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#cuda-environment-variables",),
            evidence=(f"{var}={env[var]}",) + tuple(c.quote(o) for o in nodev[:1]),
        )


@rule
def library_missing(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    gpus = c.nvidia(facts)
    if not gpus and not c.unknown(facts, "accelerators"):
        return
    # (a missing CUDA library that an extension's own compiled module asks for is its build's, packages.conflict's:
    # detectron2#2557)
    ext = c.find(all_obs, "torch_ext.import_compiled")
    libs = [o for o in c.find(all_obs, "cuda.library_not_found", framework="torch")
            if _CUDA_LIB.search(_basename(o.values.get("library", ""))) and not ext]
    # (WinError 127, ERROR_PROC_NOT_FOUND: the DLL was found and loaded, but a function it or a dependency imports is
    # not there, a clash of two versions, PaddleX#1944; not a missing library, which is WinError 126)
    libs += [o for o in c.find(all_obs, "torch.dll_load_failed", framework="torch")
             if _CUDA_LIB.search(_basename(o.values.get("library", ""))) and "[WinError 127]" not in o.text]
    # onnxruntime-gpu's CUDA provider, there but missing a DLL it needs (126): the CUDA/cuDNN DLLs (mc_auto_boss#205)
    libs += c.find(all_obs, "ort.cuda_provider_unloadable")
    zlib = c.find(all_obs, "cudnn.zlib_missing")
    if zlib:
        # darknet#8551: cuDNN 8.4.1 under CUDA 11.7 on Windows, answered with the cuDNN guide's zlib step
        yield Finding(
            code="cuda.library_missing", severity="error", subject="cudnn", device_kind="cuda",
            message=("cuDNN 8 on Windows needs zlibwapi.dll, the zlib DLL, on the PATH, and it is not there: cuDNN "
                     "loads but stops at its first use. Install it as NVIDIA's cuDNN install guide says (its zlib "
                     "step: the 64-bit zlibwapi.dll into a folder on the PATH, e.g. CUDA's bin), or use a cuDNN "
                     "release that no longer needs it."),
            sources=c.pattern_sources(kb, zlib), evidence=tuple(c.quote(o) for o in zlib[:1]),
        )
        return
    # TensorRT's libnvinfer failing an import (tensorrt_demos#517: ImportError for libnvinfer.so.8); TensorFlow's own
    # "Could not load dynamic library 'libnvinfer.so.7'" is only its optional TF-TRT and no failure (lastben1580)
    trt = [o for o in c.find(all_obs, "cuda.library_not_found")
           if re.match(r"(?:lib)?nvinfer", _basename(o.values.get("library", "")), re.I)
           and re.search(r"\b(?:ImportError|OSError)\b", o.text)]
    if trt and not libs and not c.find(all_obs, "host.no_gpu_stated"):
        lib = _basename(trt[0].values["library"])
        yield Finding(
            code="cuda.library_missing", severity="error", subject="tensorrt", device_kind="cuda",
            message=(f"TensorRT's {lib} is not found by the loader, so what imports it fails: TensorRT of that major "
                     "release is not installed, or its lib directory is not on the library path (a typo in the "
                     "LD_LIBRARY_PATH export, a new shell that did not read it, or ldconfig not run after a tar "
                     f"install). `ldconfig -p | grep nvinfer` shows which libnvinfer the loader knows."),
            fix=("ldconfig -p | grep nvinfer", "echo $LD_LIBRARY_PATH"), sources=c.pattern_sources(kb, trt),
            evidence=tuple(c.quote(o) for o in trt[:1]),
        )
        return
    if libs:
        lib = libs[0].values.get("library", "a CUDA library").rsplit("\\", 1)[-1]
        # (or who means to run the program's CPU build: detectron2#4934, a CPU wheel asking for libcudart.so.10.2)
        no_gpu = not gpus and c.find(all_obs, "host.no_gpu_stated", "host.cpu_intended")
        if libs[0].code == "ort.cuda_provider_unloadable" and not no_gpu:
            yield Finding(
                code="cuda.library_missing", severity="warning", subject="onnxruntime", device_kind="cuda",
                message=("onnxruntime-gpu's CUDA provider is installed but cannot load: a DLL it needs is not found"
                         + (" (error 126)" if "126" in libs[0].text else "") + ", most often the CUDA and cuDNN "
                         "DLLs (and, with cuDNN 8, zlibwapi.dll) of the releases this onnxruntime-gpu release was "
                         "built for. Install those (onnxruntime's CUDA requirements table lists them per release) and "
                         "put their bin folders on PATH, or install the onnxruntime-gpu release made for the CUDA this "
                         "machine has."),
                sources=c.pattern_sources(kb, libs[:1]), evidence=tuple(c.quote(o) for o in libs[:1]),
            )
            return
        torch_named = facts.framework("torch") is not None or "torch" in facts.packages or any(
            o.code == "torch.dll_load_failed" or o.framework == "torch" for o in libs)
        other = next((o.values["other"] for o in libs if o.values.get("other")), None)
        if other:
            # glibc's "symbol X version libcublasLt.so.11 not defined in file libcublasLt.so.11 with link time
            # reference": the library is there, beside a copy of its partner from another CUDA release
            # (onnxruntime#8594: a conda env's libcublas with another install's libcublasLt)
            yield Finding(
                code="cuda.library_missing", severity="warning", subject="torch" if torch_named else "cuda",
                framework="torch" if torch_named else None, device_kind="cuda",
                message=(f"{lib} does not load: it was built against another release of {other} than the copy that "
                         "loaded with it, so two CUDA installs are mixed (a conda env's and the system's, or the "
                         "nvidia-* wheels and /usr/local/cuda). Make one set load: `ldconfig -p | grep "
                         f"{other.split('.so')[0]}` and LD_LIBRARY_PATH show which copies are found; remove the "
                         "stray path, or install the CUDA libraries the program's build names into its environment."),
                sources=c.pattern_sources(kb, libs[:1]), evidence=tuple(c.quote(o) for o in libs[:2]),
            )
        elif not torch_named:
            # no torch in the paste (a CTranslate2 or mmcv build, Purfview/whisper-standalone-win#171): the program's
            # CUDA build wants the library; a user who says there is no NVIDIA GPU wants the CPU instead
            yield Finding(
                code="cuda.library_missing", severity="info" if no_gpu else "warning", subject="cuda", device_kind="cuda",
                message=(f"The program's CUDA build cannot load {lib}" + (
                    ", and the paste says the CPU build is what is wanted: the copy of the program imported is a CUDA "
                    "build (another install of it earlier on the path, or a cached wheel); `pip show -f` on it and its "
                    "module's __file__ tell which, and its CPU build needs no CUDA library"
                    if no_gpu and not c.find(no_gpu, "host.no_gpu_stated") else
                    ", and the paste says this machine has no NVIDIA GPU: run it on the CPU (its device option), or, if "
                    "there is a GPU after all, install the CUDA/cuDNN release its build names" if no_gpu else
                    ": install the CUDA/cuDNN release its build names (the library's version says which), or a build "
                    "of the program for the CUDA this machine has") + "."),
                evidence=tuple(c.quote(o) for o in libs[:2]),
            )
        elif (other_cuda := _other_cuda_major(facts, lib)) is not None and not any(
                re.search(r"torch[/\\]lib[/\\]|_load_global_deps", o.text) for o in libs):
            # a CUDA 12 runtime missing beside a cu118 torch: torch's own is libcudart.so.11.0, so what asks for it is
            # a package built for CUDA 12 (ms-swift#136: auto_gptq's newer wheel in a cuda11.8/torch2.0.1 image)
            want, have = other_cuda
            yield Finding(
                code="packages.conflict", severity="error", subject="torch", framework="torch", device_kind="cuda",
                message=(f"{lib} is CUDA {want}'s, but torch here is a CUDA {have} build, whose own runtime is CUDA "
                         f"{have}'s: what asks for it is another package built for CUDA {want} (a compiled extension "
                         "such as auto-gptq, bitsandbytes, flash-attn, xformers or vllm, or a plugin's wheel), not "
                         f"torch. Install that package's build for CUDA {have} (or a release of it made for this torch), or a "
                         f"torch for CUDA {want} with companions from the same index."),
                fix=("python -m pip list",), evidence=tuple(c.quote(o) for o in libs[:2]),
            )
        else:
            cmds, srcs, _ = c.fix_commands(facts, kb, "torch", "cuda", remove=("torch",))
            yield Finding(
                code="cuda.library_missing", severity="error", subject="torch", framework="torch", device_kind="cuda",
                message=(f"torch cannot load {lib}, a CUDA/cuDNN library its build links against. pip wheels ship "
                         "these libraries as nvidia-* packages: a partial install, a second copy on LD_LIBRARY_PATH or "
                         "a mixed conda/pip environment are the usual causes. Reinstall torch cleanly from one index."),
                fix=cmds, sources=srcs, evidence=tuple(c.quote(o) for o in libs[:2]),
            )
    tf = facts.framework("tensorflow")
    yield from _toolkit_mismatch(facts, kb, tf, gpus)
    tf_obs = [o for o in c.find(all_obs, "tf.dlopen_failed", "tf.gpu_libraries_missing", "tf.cudart_not_found",
                                "cuda.library_not_found", "tf.self_check_dll", framework="tensorflow")
              if o.code != "tf.dlopen_failed" or (_CUDA_LIB.search(_basename(o.values.get("library", "")))
                                                    and "nvinfer" not in o.values.get("library", ""))]
    if tf is None and "tensorflow" not in facts.packages:
        # a CUDA library no framework is named for: TensorFlow's only where its own loader says so, not a bare
        # "libcudart.so.10.1: cannot open shared object file" (an extension's, or torch's: LLMDet#32)
        tf_obs = [o for o in tf_obs if o.framework == "tensorflow" or o.code != "cuda.library_not_found"]
    if not tf_obs or (tf is not None and c.sees(tf, "cuda")):
        return
    if tf is not None and c.tf_has_cuda(tf) is False:
        return  # cuda.cpu_only_build explains a CPU package
    row = cat.release_of(kb, "tensorflow", tf.version if tf else None)
    if c.no_windows_gpu_build(facts, row):
        return  # tf.windows_native_gpu: no CUDA library would give this release a GPU on native Windows
    lib = next((o.values["library"] for o in tf_obs if o.values.get("library")), None)
    # TensorFlow's cudart stub prints "Could not find cuda drivers" whenever it cannot load the CUDA libraries:
    # on a machine without a GPU or driver as much as on one without the CUDA runtime its build needs
    # (tensorflow/tsl/cuda/cudart_stub.cc). Alone, it names a missing runtime only where a driver is known to work.
    driver_ok = any(a.status == "ok" and (a.driver_version or a.max_cuda_supported) for a in gpus)
    # The cudart dlerror alone, with no GPU in sight: TensorFlow prints it at every import on a machine without one
    # and says so on the next line ("Ignore above cudart dlerror if you do not have a GPU set up on your machine").
    lone_cudart = not gpus and all(o.code == "tf.dlopen_failed" and _basename(o.values.get("library", "")).lower()
                                   .startswith(("cudart", "libcudart")) for o in tf_obs) \
        and not c.find(all_obs, "host.gpu_mentioned")
    if not driver_ok and (lone_cudart or all(o.code == "tf.cudart_not_found" for o in tf_obs)):
        need = (f"tensorflow {row['release']} needs CUDA {row['cuda']} and cuDNN {row['cudnn']}" if row
                else "this TensorFlow needs the CUDA and cuDNN of its tested build configuration")
        yield Finding(
            code="cuda.library_missing", severity="info", subject="tensorflow", framework="tensorflow",
            device_kind="cuda",
            message=("TensorFlow found no usable CUDA and runs on the CPU. Its message cannot tell why: no NVIDIA "
                     f"driver, or not the CUDA runtime its build loads ({need}). nvidia-smi shows whether the "
                     "driver works; if it does, the CUDA libraries are what is missing."),
            fix=("nvidia-smi",), sources=cat.source_urls([row]) + ("https://www.tensorflow.org/install/pip",),
            evidence=tuple(c.quote(o) for o in tf_obs[:3]),
        )
        return
    if row and row.get("cuda_from_pip") and facts.host.os != "windows":
        pkg = (cat.platform_entry(row, "linux", facts.host.arch) or {}).get("cuda") or "tensorflow[and-cuda]"
        fix = (pip_install(c.shell(facts), [f"{pkg}=={row['release']}.*"]),)
        how = (f"tensorflow {row['release']} gets CUDA {row['cuda']} and cuDNN {row['cudnn']} as pip wheels "
               "through the and-cuda extra")
    else:
        fix, reinstall = _tf_cuda_fix(facts, kb, row)
        how = (f"tensorflow {row['release']} needs CUDA {row['cuda']} and cuDNN {row['cudnn']} installed on the "
               "system" if row else "this TensorFlow needs the CUDA and cuDNN versions of its tested build configuration")
        if reinstall:
            how += " (no newer TensorFlow for this Python gets them from pip)"
    # Windows' CUDA runtime DLL names its toolkit: cudart64_90.dll is CUDA 9.0's, cudart64_101.dll 10.1's, 11.x all
    # ship cudart64_110.dll and 12.x cudart64_12.dll (the toolkits' bin folders)
    m = re.fullmatch(r"cudart64_(\d+)\.dll", _basename(lib or ""), re.I)
    digits = m.group(1) if m else ""
    runtime = digits if re.fullmatch(r"1\d", digits) else cat.cuda_of_variant(f"cu{digits}") if digits else None
    stopped = any(o.code == "tf.self_check_dll" for o in tf_obs)  # TF 1.x's self-check stops the import
    yield Finding(
        code="cuda.library_missing", severity="error", subject="tensorflow", framework="tensorflow", device_kind="cuda",
        message=(f"TensorFlow could not load {lib or 'its CUDA libraries'} and "
                 + ("its import stops" if stopped else "skips the GPU") + f"; {how}."
                 + (f" {lib} is CUDA {runtime}'s runtime: install that CUDA toolkit and put its bin folder on the PATH."
                    if runtime and not row else "")),
        fix=fix, sources=cat.source_urls([row]) + ("https://www.tensorflow.org/install/pip",),
        evidence=tuple(c.quote(o) for o in tf_obs[:3]),
    )


def _tf_cuda_fix(facts: Facts, kb: Knowledge, row) -> tuple[tuple[str, ...], bool]:  # noqa: ANN001
    """(commands, dropped): the advice's commands for TensorFlow with CUDA, dropped where they would reinstall the
    release `row` that is already installed (it adds no CUDA libraries)."""
    fix, _, _ = c.fix_commands(facts, kb, "tensorflow", "cuda")
    if row and any(f"=={row['release']}.*" in cmd for cmd in fix):
        return (), True
    return fix, False


def _same_runtime(kb: Knowledge, a: str, b: str) -> bool:
    """Whether toolkits a and b ship the same CUDA runtime libraries: one minor-version-compatibility family
    from CUDA 11 (libcudart.so.11.0 for every 11.x; cuda_compat), before that the same major.minor."""
    ra, rb = cat.mvc_row(kb, a), cat.mvc_row(kb, b)
    if ra is not None or rb is not None:
        return ra is rb
    return c.same_release(a, b)


def _toolkit_mismatch(facts: Facts, kb: Knowledge, tf, gpus) -> Iterable[Finding]:  # noqa: ANN001
    """A TensorFlow that loads the system CUDA beside a system toolkit of another runtime (tf38090: TF 2.1 needs
    CUDA 10.1's libcudart.so.10.1; a CUDA 10.2 toolkit has libcudart.so.10.2)."""
    toolkit = facts.environment.cuda_toolkit
    if tf is None or not tf.version or not toolkit or c.sees(tf, "cuda") or c.tf_has_cuda(tf) is False:
        return
    if not gpus and not c.unknown(facts, "accelerators"):
        return
    row = cat.release_of(kb, "tensorflow", tf.version)
    if not row or not row.get("cuda") or (row.get("cuda_from_pip") and facts.host.os != "windows"):
        return  # and-cuda releases bring their CUDA as pip wheels
    if c.no_windows_gpu_build(facts, row):
        return  # tf.windows_native_gpu: this release has no GPU build on native Windows, whatever CUDA is installed
    if _same_runtime(kb, toolkit, row["cuda"]):
        return
    # native Windows TensorFlow always loads the system CUDA (2.10 is the last with GPU): no pip install adds it
    fix = _tf_cuda_fix(facts, kb, row)[0] if facts.host.os != "windows" else ()
    yield Finding(
        code="cuda.library_missing", severity="error", subject="tensorflow", framework="tensorflow", device_kind="cuda",
        message=(f"tensorflow {row['release']} loads the CUDA {row['cuda']} runtime (and cuDNN {row['cudnn']}) from "
                 f"the system, but the system's CUDA toolkit is {toolkit}, whose libraries have other names: "
                 f"TensorFlow cannot load them and runs on the CPU. Install CUDA {row['cuda']} and cuDNN "
                 f"{row['cudnn']} beside it" + (", or move to a TensorFlow that brings its CUDA (first command)"
                                                  if fix else "") + "."),
        fix=fix, sources=cat.source_urls([row, cat.mvc_row(kb, toolkit)]) + ("https://www.tensorflow.org/install/pip",),
        evidence=(f"tensorflow {tf.version}: built for CUDA {row['cuda']}", f"system CUDA toolkit {toolkit}"),
    )


def _tf_loads_toolkit(facts: Facts, kb: Knowledge, tf) -> str | None:  # noqa: ANN001
    """The CUDA a TensorFlow of unknown build runs on where it loads the environment's toolkit: a conda env's
    cudatoolkit always; the system's for releases before the and-cuda extra and on native Windows."""
    toolkit = facts.environment.cuda_toolkit
    if not toolkit or c.tf_has_cuda(tf) is False:
        return None
    if facts.environment.installers.get("cudatoolkit") == "conda" or facts.environment.installers.get("cuda-toolkit") == "conda":
        return toolkit
    row = cat.release_of(kb, "tensorflow", tf.version) if tf.version else None
    if row and (not row.get("cuda_from_pip") or facts.host.os == "windows"):
        return toolkit
    return None
