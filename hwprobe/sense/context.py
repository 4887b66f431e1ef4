"""Where the machine runs: WSL, a container, a CI runner, a VM. Each changes what a fix looks like."""

from __future__ import annotations

from hwprobe.facts import ContainerFacts, WslFacts
from hwprobe.sense._util import parse_key_values, read_or_none
from hwprobe.sense.io import HostIO


def detect_wsl(io: HostIO) -> WslFacts | None:
    # Microsoft's kernels say so in /proc/version: "...-microsoft-standard-WSL2" (WSL2) or
    # "...-Microsoft" (WSL1).
    text = read_or_none(io, "/proc/version") or ""
    low = text.lower()
    if "microsoft" not in low and "wsl" not in low:
        return None
    version = 2 if ("wsl2" in low or "microsoft-standard" in low) else 1
    libcuda = any(io.exists(p) for p in ("/usr/lib/wsl/lib/libcuda.so", "/usr/lib/wsl/lib/libcuda.so.1"))
    return WslFacts(version=version, gpu_device=io.exists("/dev/dxg"), libcuda=libcuda)


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
    if runtime is None:
        return None
    hints = []
    # NVIDIA Container Toolkit: NVIDIA_VISIBLE_DEVICES selects the GPUs mounted in ("void"/"none": none).
    if "NVIDIA_VISIBLE_DEVICES" in env:
        hints.append(f"NVIDIA_VISIBLE_DEVICES={env['NVIDIA_VISIBLE_DEVICES']}")
    for dev in ("/dev/nvidiactl", "/dev/nvidia0", "/dev/kfd", "/dev/dxg"):
        if io.exists(dev):
            hints.append(f"{dev} present")
    return ContainerFacts(runtime=runtime, gpu_hints=tuple(hints))


_CI_VARS = (
    ("GITHUB_ACTIONS", "github-actions"), ("GITLAB_CI", "gitlab-ci"), ("BUILDKITE", "buildkite"),
    ("CIRCLECI", "circleci"), ("JENKINS_URL", "jenkins"), ("TF_BUILD", "azure-pipelines"),
    ("TRAVIS", "travis"), ("BITBUCKET_BUILD_NUMBER", "bitbucket"), ("TEAMCITY_VERSION", "teamcity"),
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
    ("alibaba", "alibaba-cloud"), ("openstack", "openstack"),
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
    cpuinfo = read_or_none(io, "/proc/cpuinfo") or ""
    for line in cpuinfo.splitlines():
        if line.startswith("flags") and " hypervisor" in line:
            return "hypervisor"
    return None


__all__ = ["detect_wsl", "detect_container", "detect_ci", "detect_virtualization", "parse_key_values"]
