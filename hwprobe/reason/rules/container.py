"""container.*: inside a container that was started without the GPU devices."""

from __future__ import annotations

import re
from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding


def _asked_cuda(fw) -> bool:  # noqa: ANN001
    """torch.cuda.is_available() was asked and said False: the paste is about CUDA, whatever the build."""
    runtime = (fw.build or {}).get("runtime") if fw is not None else None
    return isinstance(runtime, dict) and runtime.get("cuda_available") is False


# Register the NVIDIA Container Toolkit with Docker and restart the daemon, so `--gpus` has its device driver
# (docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html, "Configuring Docker").
_CONFIGURE_TOOLKIT = ("sudo nvidia-ctk runtime configure --runtime=docker", "sudo systemctl restart docker")


@rule
def gpu_not_passed(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    box = facts.host.container
    # NVIDIA's CUDA and NGC images say it themselves at start-up, from inside the container
    entry = c.find(all_obs, "container.nvidia_driver_not_detected")
    runtime = c.find(all_obs, "container.no_gpu_runtime")
    if runtime and not c.nvidia(facts) and (c.find(all_obs, "gpu.intel_integrated", "host.no_gpu_stated")
                                            or facts.host.os == "darwin"):
        # no NVIDIA GPU to pass (stable-diffusion-docker#82, Intel Xe only; a Mac, cog-face-to-sticker#12): cuda.no_gpu
        runtime = []
    old_docker = c.find(all_obs, "container.gpus_flag_unknown")
    if old_docker:
        yield Finding(
            code="container.gpu_not_passed", severity="error", subject="container", device_kind="cuda",
            message=("This Docker does not know `--gpus`, so the container was never started, let alone given the "
                     "GPU: the flag came with Docker 19.03. Update Docker to 19.03 or newer and install the NVIDIA "
                     "Container Toolkit on the host (then `--gpus all` works); an older Docker passes GPUs only through "
                     "nvidia-docker2's `--runtime=nvidia`."),
            fix=("docker version",) + _CONFIGURE_TOOLKIT, sources=c.pattern_sources(kb, old_docker),
            evidence=tuple(c.quote(o) for o in old_docker[:1]),
        )
        return
    cdi = c.find(all_obs, "container.cdi_unsupported")
    if cdi:
        # podman 3.4.4 took "nvidia.com/gpu=all" for a path (podman#24474: the maintainers' answer, too old; the
        # reporter's twin issue, fixed by Podman 5.0)
        yield Finding(
            code="container.gpu_not_passed", severity="error", subject="container", device_kind="cuda",
            message=(f"The container engine looked for {cdi[0].values.get('device', 'the CDI device')} as a file: it "
                     "does not know CDI device names, so the GPU was never given to the container. Upgrade podman to "
                     "a release with CDI support (or, with Docker, one whose CDI feature is enabled), then run the "
                     "same command again; `nvidia-ctk cdi list` shows the device names the spec defines."),
            fix=("podman --version", "nvidia-ctk cdi list"), sources=c.pattern_sources(kb, cdi),
            evidence=tuple(c.quote(o) for o in cdi[:1]),
        )
        return
    tested = c.container_hint(box, "a test container with GPU access")
    if runtime and tested:
        # NVIDIA's own test (`docker run --runtime=nvidia --gpus all ubuntu nvidia-smi`) in the same paste: if it ran,
        # that daemon has the runtime and the failing command talks to another (nvidia-container-toolkit#150); if it
        # is what failed, the toolkit is missing. The paste does not say which: a lead naming both.
        yield Finding(
            code="container.gpu_not_passed", severity="info", subject="container", device_kind="cuda",
            message=("Docker has no NVIDIA runtime for the command that fails. If NVIDIA's test container in the paste "
                     "ran, the Container Toolkit is registered with the daemon it used, and the failing command talks "
                     "to another one (another Docker context or socket, rootless or snap Docker, with or without "
                     "sudo): `docker context ls` and `docker info | grep -i runtime` in the failing command's shell "
                     "tell. If the test failed too, install the toolkit and run "
                     "`sudo nvidia-ctk runtime configure --runtime=docker`, then restart Docker."),
            sources=c.pattern_sources(kb, runtime), evidence=tuple(c.quote(o) for o in runtime[:1]),
        )
        return
    if runtime:
        row = cat.fix(kb, "docker.nvidia")
        yield Finding(
            code="container.gpu_not_passed", severity="error", subject="container", device_kind="cuda",
            message=("Docker refused to start the container with GPUs: it has no device driver for `--gpus` (nor an "
                     "`nvidia` runtime for --runtime=nvidia), which the NVIDIA Container Toolkit provides. Install the "
                     "toolkit on the host and register it with this Docker daemon (`sudo nvidia-ctk runtime configure "
                     "--runtime=docker`, then restart Docker; a snap or rootless Docker keeps its own daemon "
                     "configuration)."
                     # (an empty set, "[[]]", is a compose reservation with driver: nvidia and no capabilities, which
                     # Docker's compose GPU page requires: kohya_ss#1647)
                     + (" The request named no capabilities ([[]]): the compose reservation needs capabilities: [gpu] "
                        "too." if any("[[]]" in o.text for o in runtime) else "")
                     + (f" Then check: {row['commands'][0]}." if row and row.get("commands") else "")),
            fix=_CONFIGURE_TOOLKIT,
            sources=tuple(dict.fromkeys(c.pattern_sources(kb, runtime) + cat.source_urls([row]))),
            evidence=tuple(c.quote(o) for o in runtime[:1]),
        )
        return
    if facts.host.wsl is not None:
        return
    unmounted = c.find(all_obs, "container.smi_not_mounted")
    if unmounted and not (c.usable(c.nvidia(facts)) and box is None):
        # the runtime could not start nvidia-smi in the container: no GPU was injected, however it was asked for
        # (NVIDIA/nvidia-container-runtime#190: `--gpus all` failed this way under both Docker and podman, while
        # the CDI form worked)
        podman = (box is not None and box.runtime == "podman") or any("crun:" in o.text for o in unmounted)
        row = cat.fix(kb, "podman.cdi" if podman else "docker.nvidia")
        yield Finding(
            code="container.gpu_not_passed", severity="error", subject="container", device_kind="cuda",
            message=("The container runtime found no nvidia-smi to start in the container: images carry none, and the "
                     "NVIDIA Container Toolkit mounts it, with the driver's libraries and /dev/nvidia*, only into a "
                     "container it gives GPUs to, so this one got no GPU. With Docker, `--gpus` works only through "
                     "the toolkit's hook, which a daemon started before the toolkit was installed or configured does "
                     "not have: run `sudo nvidia-ctk runtime configure --runtime=docker` and restart Docker. With "
                     "podman (crun), GPUs come through CDI (podman 4.1 or newer): generate the CDI specification with "
                     "`sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml` and ask for them with "
                     "`--device nvidia.com/gpu=all`."),
            fix=tuple(row["commands"]) if podman and row else _CONFIGURE_TOOLKIT,
            sources=tuple(dict.fromkeys(c.pattern_sources(kb, unmounted) + cat.source_urls([row]))),
            evidence=tuple(c.quote(o) for o in unmounted[:1]),
        )
        return
    if box is None:
        if entry:
            yield _not_passed(kb, "container", "its image's entrypoint found no NVIDIA driver inside it", entry)
        elif (inside := c.find(all_obs, "container.said_inside")) and (smi := c.find(all_obs, "cuda.smi_not_found")) \
                and not c.usable(c.nvidia(facts)) and not c.amd(facts):
            # "In the new container the command `nvidia-smi` is not found" (SIRF-Exercises#213, a dev container): no
            # image carries nvidia-smi, it is the host driver's, mounted only into containers given GPU access
            yield _not_passed(kb, "container", "nvidia-smi is not found inside the container, and no image carries "
                              "it: it is the host driver's, which the NVIDIA Container Toolkit mounts only into "
                              "containers started with GPU access (a dev container needs --gpus all in its runArgs)",
                              smi + inside)
        return
    hints = " ".join(box.gpu_hints)
    torch = facts.framework("torch")
    tf = facts.framework("tensorflow")
    nv_env = facts.environment.variables.get("NVIDIA_VISIBLE_DEVICES")
    for h in box.gpu_hints:
        if h.startswith("NVIDIA_VISIBLE_DEVICES="):
            nv_env = h.split("=", 1)[1]
    # (a CUDA build only listed beside an extension's own load failure asks nothing of the container: CUDA's own
    # failures below still do; pytorch_scatter#246, torch-scatter's undefined symbol in an NGC container)
    listed_only = any(o.code.startswith(("torch_extension.", "torch_ext.")) for o in all_obs)
    wants_cuda = any(c.present(x) and (
        c.torch_has_cuda(x, all_obs) if x.name == "torch" else c.tf_has_cuda(x)) for x in (torch, tf)) and not listed_only
    # (libcuda.so.1 is the host driver's library, which only a container given the GPU has: nvidia-docker#828, a
    # Kubernetes pod's TensorFlow without it)
    wants_cuda = wants_cuda or bool(c.find(all_obs, "cuda.no_driver", "cuda.no_device", "cuda.smi_no_driver",
                                            "cuda.smi_not_found", "torch.cuda_unavailable",
                                            "cuda.libcuda_not_found", "cuda.init_failed")) or bool(entry) or (
        c.present(torch) and _asked_cuda(torch) and c.torch_has_cuda(torch, all_obs) is not False)
    if c.amd(facts) and not c.nvidia(facts):
        wants_cuda = False  # CUDA asked for on an AMD machine: the build is what is wrong (rocm.cuda_build_on_amd)
    wants_rocm = bool(torch is not None and torch.build.get("hip")) or bool(tf is not None and tf.build.get("is_rocm_build"))
    void = nv_env is not None and nv_env.strip().lower() in ("", "void", "none")
    # `docker run` without --gpus, as pasted: the GPUs a paste lists beside it are the host's (its nvidia-smi).
    plain_run = c.find(all_obs, "container.run_without_gpus")
    # the same read by parse/prose.py from a command continued over several lines (`docker run --rm -it \`)
    plain = bool(plain_run) or any(h.endswith("run` without --gpus") for h in box.gpu_hints)
    # a pasted compose file whose services ask for no GPU: the same as a plain `docker run` (parse/compose.py)
    compose_none = c.container_hint(box, "a compose service without a GPU request")
    # A plain run beside the user's own words about a GPU or CUDA failing: the container was asked for one.
    wants_cuda = wants_cuda or bool((plain or compose_none) and c.find(all_obs, "host.gpu_mentioned") and not c.amd(facts)
                                    and not any("/dev/kfd" in o.text or "/dev/dri" in o.text for o in plain_run))
    # "no kernel image is available for execution on the device" is a kernel launch on a GPU the process has: the
    # container got it, however its `docker run` line reads (jetson-containers#220's "-- runtime nvidia")
    if c.find(all_obs, "cuda.no_kernel_image"):
        wants_cuda = False
    # a pasted `docker run --gpus ...` / nvidia-docker: GPU access was asked for; no device nodes to check
    # (an entrypoint's "no driver" beside a pasted `--gpus` run contradicts it rather than proving it: the NGC
    # check is known to misreport under WSL 2, nvidia-docker#1548; the toolkit or host driver is then the question)
    started = c.container_hint(box, "started with GPU access") and not plain_run
    no_compute = next((h for h in box.gpu_hints if h.endswith("without compute")), None)
    if wants_cuda and no_compute and not (torch is not None and c.sees(torch, "cuda")):
        yield Finding(
            code="container.gpu_not_passed", severity="error", subject="container", device_kind="cuda",
            message=(f"The {box.runtime} container was {no_compute.split(', without')[0]}: the NVIDIA Container "
                     "Toolkit then mounts nvidia-smi's libraries but not CUDA's, so nvidia-smi works (CUDA Version: "
                     "N/A) and CUDA finds no GPU. Start it with `--gpus all`, or with the compute capability: "
                     "--gpus '\"capabilities=compute,utility\"'."),
            sources=("https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html",),
            evidence=(f"container runtime {box.runtime}; {no_compute}",),
        )
        return
    smi_missing = c.find(all_obs, "cuda.smi_not_found")
    context = f"container runtime {box.runtime}; hints: {', '.join(box.gpu_hints)}"
    if c.container_hint(box, "built FROM an nvidia/cuda image") and not started and not tested and smi_missing \
            and not c.usable(c.nvidia(facts)):
        # NVIDIA's CUDA images carry no nvidia-smi: the Container Toolkit mounts it (and the driver) into a container
        # started with GPU access, so "command not found" inside one is a container started without it
        yield _not_passed(kb, f"{box.runtime} container", "nvidia-smi is not found in a container of NVIDIA's CUDA "
                          "image, which carries none of its own: the NVIDIA Container Toolkit mounts it only into "
                          "containers started with GPU access", smi_missing, context)
        return

    if tested and not started and smi_missing and not (torch is not None and c.sees(torch, "cuda")):
        # nvidia-smi ran in NVIDIA's --gpus test container and is "command not found" in the one that fails: the
        # Container Toolkit mounts nvidia-smi only into containers started with GPU access (gpu-jupyter#22)
        yield _not_passed(kb, f"{box.runtime} container", "nvidia-smi works in a `--gpus` test container but is not "
                          "found in this one, and the NVIDIA Container Toolkit mounts it only into containers started "
                          "with GPU access", smi_missing, context)
        return
    if wants_cuda and box.runtime == "enroot" and not started and (nv_env is None or void) \
            and not (torch is not None and c.sees(torch, "cuda")):
        # enroot's NVIDIA hook (98-nvidia.sh) exits at once when NVIDIA_VISIBLE_DEVICES is unset or void: images
        # other than NVIDIA's do not set it (NVIDIA/enroot#205)
        yield _not_passed(kb, "enroot container", "enroot's NVIDIA hook injects the GPU only when "
                          "NVIDIA_VISIBLE_DEVICES is set in the container's environment, and only NVIDIA's images set "
                          "it", c.find(all_obs, "cuda.no_driver", "cuda.no_device", "torch.cuda_unavailable"), context,
                          fix_id="enroot.nvidia")
        return
    # CUDA's "unknown error" is the driver's own answer: the GPU reached the container, and it is the driver that fails
    # (container-engine-accelerators#248: a GKE node after a reboot); so is error 802, "system not yet initialized"
    # (alphafold3#423: an NVSwitch host's Fabric Manager)
    reached = bool(c.find(all_obs, "cuda.unknown_error", "cuda.system_not_ready"))
    # an empty or negative CUDA_VISIBLE_DEVICES in the pod hides whatever GPU it got (cuda.devices_hidden says so)
    hidden = facts.environment.variables.get("CUDA_VISIBLE_DEVICES", "x").strip() in ("", "-1")
    if wants_cuda and box.runtime == "kubernetes" and not c.usable(c.nvidia(facts)) and not started and not reached \
            and not hidden:
        yield Finding(
            code="container.gpu_not_passed", severity="warning", subject="container", device_kind="cuda",
            message=("This runs in a Kubernetes pod that got no GPU: a pod sees the GPU, its device nodes and the "
                     "driver's libraries (nvidia-smi, libcuda) only when its spec requests a GPU resource from a "
                     "device plugin (resources.limits: nvidia.com/gpu: 1, or the plugin's own resource name), and "
                     "that plugin passes the driver in. Check the pod's resources and the device plugin's logs."),
            sources=("https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/",),
            evidence=tuple(c.quote(o) for o in c.find(all_obs, "cuda.no_driver", "cuda.smi_not_found", "cuda.no_device",
                                                        "cuda.libcuda_not_found")[:2]),
        )
        return
    if wants_cuda and c.container_hint(box, "a compose GPU reservation") and not (torch is not None and c.sees(torch, "cuda")):
        yield _reserved(kb, box, all_obs)
        return
    if compose_none and wants_cuda and not (started and not void):
        yield _not_passed(kb, "compose service", "no deploy.resources.reservations.devices entry, `gpus:` or "
                          "`runtime: nvidia` in its compose file", [], context, fix_id="compose.gpu")
        return
    # TensorFlow's failed cuInit in a container where no nvidia-smi table shows a GPU: the driver version it reads from
    # /proc/driver/nvidia/version is the host kernel's, which every container sees (nvidia-docker#92)
    init_failed = bool(c.find(all_obs, "cuda.init_failed")) and not any(a.model for a in c.nvidia(facts))
    if wants_cuda and (plain or entry or init_failed or not c.usable(c.nvidia(facts))) \
            and ("/dev/nvidia" not in hints or void) and not (started and not void) and not (reached and not plain) \
            and not (hidden and not plain):
        singular = next((h for h in box.gpu_hints if h.endswith("without --nv")), None)
        if singular:  # Singularity/Apptainer: --nv, not --gpus (apptainer/singularity#6203)
            yield _not_passed(kb, f"{box.runtime} container", singular, [], f"container runtime {box.runtime}",
                              fix_id="singularity.nv")
            return
        why = (f"NVIDIA_VISIBLE_DEVICES={nv_env!r} passes no GPU" if void else
               "`docker run` without --gpus" if plain else
               "its image's entrypoint found no NVIDIA driver inside it" if entry else
               "its compose service got no GPU, or no compute capability" if c.container_hint(box, "a compose service's log") else
               "no /dev/nvidia* device nodes are inside it")
        # Only the absence of device nodes, where nothing in the paste says the host has an NVIDIA GPU at all
        # (icefall#646: collect_env in a container on an AWS host, GPU and driver "Could not collect"): a host without
        # one reads the same, so this is a lead that asks for the host's nvidia-smi. (A shell prompt's path,
        # "ubuntu@ip-10-12-2-14:.../Ubuntu18.04-pytorch1.12.1-cuda11.3-cudnn8$", says nothing.)
        unnamed = why.startswith("no /dev/nvidia*") and not c.nvidia(facts) and not any(
            not re.match(r"^\s*\S+@[\w.-]+:\S*[$#]", o.text) for o in c.find(all_obs, "host.gpu_mentioned"))
        yield _not_passed(kb, f"{box.runtime} container", why, plain_run + entry,
                          f"container runtime {box.runtime}; hints: {', '.join(box.gpu_hints) or 'none'}",
                          fix_id="compose.gpu" if c.container_hint(box, "a compose service's log") else "docker.nvidia",
                          opening=_HOST_UNNAMED if unnamed else None)
    if wants_rocm and not c.amd(facts) and "/dev/kfd" not in hints:
        row = cat.fix(kb, "docker.rocm")
        yield Finding(
            code="container.gpu_not_passed", severity="error", subject="container", device_kind="rocm",
            message=(f"This runs in a {box.runtime} container without /dev/kfd and /dev/dri, so the ROCm build "
                     "finds no AMD GPU. " + (row["note"][0].upper() + row["note"][1:] + "." if row else "")),
            fix=tuple(row["commands"]) if row else (), sources=cat.source_urls([row]),
            evidence=(f"container runtime {box.runtime}; hints: {', '.join(box.gpu_hints) or 'none'}",),
        )


def _reserved(kb: Knowledge, box, all_obs) -> Finding:  # noqa: ANN001
    """A compose GPU reservation that gave no GPU: what went wrong in the threads that had one, as a lead."""
    row = cat.fix(kb, "compose.gpu")
    said = c.find(all_obs, "cuda.no_driver", "cuda.no_device", "cuda.smi_not_found", "torch.cuda_unavailable")
    return Finding(
        code="container.gpu_not_passed", severity="info", subject="container", device_kind="cuda",
        message=("The compose file reserves GPUs (deploy.resources.reservations.devices), yet CUDA finds none in the "
                 "container. The reservation works only as one list item that holds driver, count and capabilities "
                 "together (capabilities: [gpu] is required): an entry split into two items, as the Docker docs "
                 "once printed it, gives no GPU (docker/compose#8569). Some Compose versions ignored the "
                 "reservation where the legacy `runtime: nvidia` on the service worked (docker/compose#8237, "
                 "cresset-template/cresset#216). `docker compose config` shows the reservation as Compose read it, "
                 "and `docker compose exec <service> nvidia-smi` whether the container got a GPU."),
        sources=tuple(dict.fromkeys(cat.source_urls([row]) + (
            "https://github.com/docker/compose/issues/8569", "https://github.com/docker/compose/issues/8237",
            "https://github.com/cresset-template/cresset/issues/216") + c.pattern_sources(kb, said))),
        evidence=(f"container runtime {box.runtime}; hints: {', '.join(box.gpu_hints)}",)
        + tuple(c.quote(o) for o in said[:1]),
    )


_HOST_UNNAMED = ("This runs in a container where CUDA finds no GPU and no NVIDIA driver, and nothing in the paste says "
                 "the host has an NVIDIA GPU: either the container was started without GPU access (no --gpus all, or "
                 "no NVIDIA Container Toolkit on the host), or the host has no NVIDIA GPU or driver. `nvidia-smi` on "
                 "the host, and the `docker run` command used, settle which.")


def _not_passed(kb: Knowledge, what: str, why: str, said, context: str | None = None,  # noqa: ANN001
                fix_id: str = "docker.nvidia", opening: str | None = None) -> Finding:
    """The finding; with an `opening` that names other readings too, a lead (severity info) rather than a diagnosis."""
    row = cat.fix(kb, fix_id)
    return Finding(
        code="container.gpu_not_passed", severity="info" if opening else "error", subject="container",
        device_kind="cuda",
        message=((opening or f"This runs in {'an' if what[:1] in 'aeiou' else 'a'} {what} started without GPU access "
                  f"({why}), so CUDA finds no GPU.") + " "
                 + (row["note"][0].upper() + row["note"][1:] + "." if row else "")),
        fix=tuple(row["commands"]) if row else (), sources=cat.source_urls([row]) + c.pattern_sources(kb, said),
        evidence=((context,) if context else ()) + tuple(c.quote(o) for o in said[:2]),
    )
