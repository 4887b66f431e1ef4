"""Google TPUs attached to this host: chips on the PCI bus, their device nodes, libtpu, and who holds them.

A TPU VM shows its chips on the PCI bus (vendor 0x1ae0, the device ids JAX's hardware_utils.py
and gVisor's pkg/abi/tpu list) and as /dev/accel<N> (v2-v4) or VFIO groups /dev/vfio/<N> (v5e and
later). Only one process may open them; libtpu says "The TPU is already in use by process with
pid N" (jax-ml/jax#13260) and leaves /tmp/libtpu_lockfile. Who holds them is read from the
/proc/<pid>/fd links, as `lsof /dev/accel0` would.
"""

from __future__ import annotations

from hwprobe.facts import Accelerator
from hwprobe.sense import pci
from hwprobe.sense._util import listdir_or_empty, read_or_none
from hwprobe.sense.host import os_name
from hwprobe.sense.io import HostIO, QueryError

# PCI device ids of Google TPUs: jax/_src/hardware_utils.py, gvisor pkg/abi/tpu/tpu.go.
TPU_DEVICE_IDS = {
    0x0027: "TPU v2/v3", 0x0056: "TPU v4 lite", 0x005E: "TPU v4", 0x0062: "TPU v5p", 0x0063: "TPU v5e",
    0x006F: "TPU v6e",
}
# Variables Cloud TPU VMs, GKE TPU pods and Colab set (Cloud TPU docs; torch_xla's _internal/tpu.py).
ENV_MARKERS = ("TPU_ACCELERATOR_TYPE", "TPU_NAME", "COLAB_TPU_ADDR", "TPU_WORKER_ID", "TPU_SKIP_MDS_QUERY",
               "TPU_CHIPS_PER_HOST_BOUNDS", "TPU_HOST_BOUNDS")
LIBTPU_DISTRIBUTIONS = ("libtpu", "libtpu-nightly")
LOCKFILE = "/tmp/libtpu_lockfile"
MAX_ACCEL_NODES = 64


def detect_tpu(io: HostIO) -> list[Accelerator]:
    if os_name(io.query("platform").get("system", "")) != "linux":
        return []
    chips = [d for d in pci.devices(io) or () if d.vendor == pci.GOOGLE and d.device in TPU_DEVICE_IDS]
    env = io.env()
    markers = {k: env[k] for k in ENV_MARKERS if env.get(k)}
    # /dev/accel0 as a plain node is the TPU (gasket) driver's; the kernel's DRM accel subsystem
    # (Intel NPU, ...) uses /dev/accel/accel0 instead. It counts where sysfs hides the PCI bus.
    if not chips and not markers and not io.exists("/dev/accel0"):
        return []
    family = TPU_DEVICE_IDS[chips[0].device] if chips else None
    kind = markers.get("TPU_ACCELERATOR_TYPE")
    model = f"{family} ({kind})" if family and kind else family or (f"TPU {kind}" if kind else None)
    nodes = _device_nodes(io, chips)
    libtpu = _libtpu(io, env)
    base = dict(kind="tpu", vendor="google", index=0, model=model, cores=len(chips) or None,
                runtime_version=libtpu[1] if libtpu else None)
    if not chips and not nodes:
        names = ", ".join(f"{k}={v}" for k, v in markers.items())
        return [Accelerator(source="env", status="no_driver", **base,
                            detail=f"{names} is set, but no TPU is attached to this host (no Google TPU on the "
                                   "PCI bus): a remote TPU, if any, cannot be seen from here")]
    if not nodes:
        return [Accelerator(source="sysfs", status="no_driver", **base,
                            detail=f"{len(chips)} TPU chip(s) on the PCI bus but no /dev/accel* or /dev/vfio "
                                   "device node: the TPU driver is not loaded or the devices were not passed in")]
    holders = _holders(io, set(nodes))
    if holders:
        who = "; ".join(f"{path} held by pid {pid} ({name or 'unknown'})" for path, pid, name in holders)
        return [Accelerator(source="sysfs", status="busy", **base, detail=who)]
    if not libtpu:
        return [Accelerator(source="sysfs", status="no_driver", **base,
                            detail="TPU chips and device nodes are present, but this Python has no libtpu "
                                   "(neither libtpu nor libtpu-nightly is installed, TPU_LIBRARY_PATH unset)")]
    detail = None
    if io.exists(LOCKFILE):
        detail = (f"{LOCKFILE} exists but no process visible to this user holds the TPU: a stale lock "
                  "from a process that died, or one of another user")
    return [Accelerator(source="sysfs", status="ok", detail=detail, **base)]


def _device_nodes(io: HostIO, chips: list[pci.PciDevice]) -> list[str]:
    nodes = []
    for i in range(MAX_ACCEL_NODES):
        if not io.exists(f"/dev/accel{i}"):
            break
        nodes.append(f"/dev/accel{i}")
    if not nodes and any(c.driver == "vfio-pci" for c in chips):
        nodes = [f"/dev/vfio/{n}" for n in listdir_or_empty(io, "/dev/vfio") if n.isdigit()]
    return nodes


def _libtpu(io: HostIO, env: dict) -> tuple[str, str | None] | None:
    """(where, version) of the libtpu this Python would load, or None."""
    try:
        dists = io.query("distributions")
    except QueryError:
        dists = []
    for d in dists if isinstance(dists, list) else []:
        name = str(d.get("name", "")).lower().replace("_", "-") if isinstance(d, dict) else ""
        if name in LIBTPU_DISTRIBUTIONS:
            return name, str(d.get("version") or "") or None
    if env.get("TPU_LIBRARY_PATH"):
        return env["TPU_LIBRARY_PATH"], None
    return None


def _holders(io: HostIO, nodes: set[str]) -> list[tuple[str, str, str | None]]:
    """(device, pid, process name) for processes other than ours and our children that hold a node."""
    try:
        me = io.readlink("/proc/self")
    except OSError:
        me = ""
    found = []
    for pid in listdir_or_empty(io, "/proc"):
        if not pid.isdigit() or pid == me:
            continue
        for fd in listdir_or_empty(io, f"/proc/{pid}/fd"):  # other users' processes: EACCES, skipped
            try:
                target = io.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target in nodes:
                if _parent(io, pid) != me:  # our own probe children may hold it while we look
                    name = (read_or_none(io, f"/proc/{pid}/comm") or "").strip() or None
                    found.append((target, pid, name))
                break
    return found


def _parent(io: HostIO, pid: str) -> str | None:
    stat = read_or_none(io, f"/proc/{pid}/stat") or ""
    rest = stat.rpartition(")")[2].split()  # "pid (comm) state ppid ...": comm may hold spaces
    return rest[1] if len(rest) > 1 else None
