"""Where the machine runs: WSL, a container, a CI runner, a VM. Each changes what a fix looks like."""

from __future__ import annotations

from hwprobe.facts import ContainerFacts, WslFacts
from hwprobe.sense._util import parse_key_values, read_or_none
from hwprobe.sense.io import HostIO


WSL_LIB = "/usr/lib/wsl/lib"  # the Windows driver's user-mode libraries, mapped into WSL2


def detect_wsl(io: HostIO) -> WslFacts | None:
    # Microsoft's kernels say so in /proc/version: "...-microsoft-standard-WSL2" (WSL2) or
    # "...-Microsoft" (WSL1). GPU compute in WSL2 needs /dev/dxg (the GPU paravirtualization
    # device) and libcuda.so from the Windows driver under /usr/lib/wsl/lib (NVIDIA, "CUDA on WSL
    # User Guide"); neither exists under WSL1.
    text = read_or_none(io, "/proc/version") or ""
    low = text.lower()
    if "microsoft" not in low and "wsl" not in low:
        return None
    version = 2 if ("wsl2" in low or "microsoft-standard" in low) else 1
    libcuda = any(io.exists(f"{WSL_LIB}/{name}") for name in ("libcuda.so", "libcuda.so.1"))
    gpu_device = io.exists("/dev/dxg")
    missing = [what for what, ok in (("/dev/dxg", gpu_device), (f"{WSL_LIB}/libcuda.so", libcuda)) if not ok]
    detail = None
    if version == 1:
        detail = "WSL1 has no GPU access; only WSL2 passes the GPU through"
    elif missing:
        detail = f"no {' and no '.join(missing)}: the Windows GPU driver is not passed through to this WSL2"
    return WslFacts(version=version, gpu_device=gpu_device, libcuda=libcuda, detail=detail)


# GPU device nodes a container runtime passes in (docker --gpus / NVIDIA Container Toolkit,
# --device=/dev/kfd --device=/dev/dri for ROCm, /dev/dxg under WSL2, /dev/accel* on TPU VMs).
GPU_DEVICE_NODES = ("/dev/nvidiactl", "/dev/nvidia0", "/dev/kfd", "/dev/dri/renderD128", "/dev/dxg", "/dev/accel0")
# Environment that CUDA images and the NVIDIA Container Toolkit set: they say GPUs were expected
# (NVIDIA Container Toolkit docs, "Specialized Configurations with Docker"; nvidia/cuda Dockerfiles).
_GPU_ENV_HINTS = ("NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES", "NVIDIA_REQUIRE_CUDA", "CUDA_VERSION",
                  "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES")
# Paths in /proc/self/mountinfo that name the runtime when cgroup v2 hides it ("0::/").
_MOUNT_MARKERS = (("/docker/containers/", "docker"), ("/var/lib/docker/", "docker"),
                  ("/containers/storage/overlay-containers/", "podman"), ("/var/lib/kubelet/pods/", "kubernetes"),
                  ("/run/containerd/", "containerd"), ("/var/lib/containerd/", "containerd"))


def detect_container(io: HostIO) -> ContainerFacts | None:
    env = io.env()
    runtime = None
    if env.get("KUBERNETES_SERVICE_HOST"):
        runtime = "kubernetes"
    elif env.get("APPTAINER_CONTAINER") or env.get("SINGULARITY_CONTAINER"):
        runtime = "apptainer"
    elif io.exists("/run/.containerenv"):
        runtime = "podman"
    elif io.exists("/.dockerenv"):
        runtime = "docker"
    elif env.get("container"):
        runtime = env["container"].lower()
    else:
        cgroup = (read_or_none(io, "/proc/1/cgroup") or "").lower()
        for marker, name in (("kubepods", "kubernetes"), ("docker", "docker"), ("containerd", "containerd"),
                             ("lxc", "lxc"), ("libpod", "podman")):
            if marker in cgroup:
                runtime = name
                break
        if runtime is None and cgroup.strip() in ("", "0::/"):
            mounts = read_or_none(io, "/proc/self/mountinfo", 256 * 1024) or ""
            runtime = next((name for marker, name in _MOUNT_MARKERS if marker in mounts), None)
    if runtime is None:
        return None
    hints = [f"{k}={env[k]}" for k in _GPU_ENV_HINTS if k in env]
    devices = tuple(dev for dev in GPU_DEVICE_NODES if io.exists(dev))
    hints += [f"{dev} present" for dev in devices if dev in ("/dev/nvidiactl", "/dev/nvidia0", "/dev/kfd", "/dev/dxg")]
    # /proc/driver/nvidia is the host kernel's: visible in a container whether or not GPUs were passed in.
    if io.exists("/proc/driver/nvidia/version"):
        hints.append("host NVIDIA driver loaded (/proc/driver/nvidia/version)")
    detail = None
    if not devices and any(k in env for k in ("NVIDIA_VISIBLE_DEVICES", "NVIDIA_REQUIRE_CUDA", "CUDA_VERSION")):
        detail = "the image expects NVIDIA GPUs, but no GPU device node is present: started without --gpus?"
    return ContainerFacts(runtime=runtime, gpu_hints=tuple(hints), detail=detail, gpu_devices=devices)


_CI_VARS = (
    ("GITHUB_ACTIONS", "github-actions"), ("GITLAB_CI", "gitlab-ci"), ("BUILDKITE", "buildkite"),
    ("CIRCLECI", "circleci"), ("JENKINS_URL", "jenkins"), ("TF_BUILD", "azure-pipelines"),
    ("TRAVIS", "travis"), ("BITBUCKET_BUILD_NUMBER", "bitbucket"), ("TEAMCITY_VERSION", "teamcity"),
    ("DRONE", "drone"), ("APPVEYOR", "appveyor"), ("CODEBUILD_BUILD_ID", "aws-codebuild"),
    ("WOODPECKER_CI", "woodpecker"), ("SEMAPHORE", "semaphore"), ("HEROKU_TEST_RUN_ID", "heroku-ci"),
)


def detect_ci(io: HostIO) -> str | None:
    env = io.env()
    for var, name in _CI_VARS:
        if env.get(var):
            return name
    if env.get("CI", "").lower() in ("true", "1", "yes"):
        return "ci"
    return None


_DMI_VENDORS = (
    ("qemu", "qemu"), ("kvm", "kvm"), ("vmware", "vmware"), ("virtualbox", "virtualbox"),
    ("innotek", "virtualbox"), ("microsoft corporation", "hyper-v"), ("xen", "xen"),
    ("amazon ec2", "aws"), ("google compute engine", "gce"), ("google", "gce"),
    ("alibaba", "alibaba-cloud"), ("openstack", "openstack"), ("parallels", "parallels"), ("bochs", "bochs"),
)


def detect_virtualization(io: HostIO) -> str | None:
    # DMI strings name the hypervisor or cloud; the cpuinfo "hypervisor" flag says only that there is one.
    dmi = " ".join(
        (read_or_none(io, f"/sys/class/dmi/id/{f}") or "").strip().lower()
        for f in ("sys_vendor", "product_name")
    )
    for marker, name in _DMI_VENDORS:
        if marker in dmi:
            return name
    hypervisor = (read_or_none(io, "/sys/hypervisor/type") or "").strip().lower()  # Xen guests
    if hypervisor:
        return hypervisor
    cpuinfo = read_or_none(io, "/proc/cpuinfo") or ""
    for line in cpuinfo.splitlines():
        if line.startswith("flags") and " hypervisor" in line:
            return "hypervisor"
    return None


__all__ = ["detect_wsl", "detect_container", "detect_ci", "detect_virtualization", "parse_key_values"]
