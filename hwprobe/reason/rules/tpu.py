"""tpu.*: a TPU VM (markers or devices present) whose TPU no framework can use."""

from __future__ import annotations

from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import pip_install
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding

LSOF_SRC = "https://github.com/jax-ml/jax/issues/10192"


@rule
def not_found(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    tpus = [a for a in facts.accelerators if a.kind == "tpu"]
    bad = [a for a in tpus if a.status in ("no_driver", "busy", "error", "no_permission")]
    busy_obs = c.find(all_obs, "tpu.in_use", "tpu.open_failed")
    if not bad and not busy_obs:
        yield from _said(facts, kb, all_obs)
        return
    busy = [a for a in bad if a.status == "busy"] or busy_obs
    linux = facts.host.os == "linux"
    if busy:
        holder = next((a.detail for a in bad if a.status == "busy" and a.detail), None)
        yield Finding(
            code="tpu.not_found", severity="error", subject="tpu", device_kind="tpu",
            message=("The TPU is held by another process" + (f" ({holder})" if holder else "")
                     + "; libtpu opens it once per VM, so this process falls back to the CPU. Find the holder "
                     "with the command below (libtpu's own advice) and stop it."),
            fix=("sudo lsof -w /dev/accel0",) if linux else (), sources=(LSOF_SRC,),
            evidence=tuple(f"{a.source}: {a.detail or a.status}" for a in bad) + tuple(c.quote(o) for o in busy_obs[:1]),
        )
        return
    cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "tpu")
    tf_note = next((t.get("note") for t in cat.tpu_rows(kb, "tensorflow") if t.get("note")), None)
    a = bad[0]
    yield Finding(
        code="tpu.not_found", severity="error", subject="tpu", device_kind="tpu",
        message=(f"This looks like a TPU VM, but the TPU is not usable ({a.detail or a.status}): no runtime "
                 "(libtpu) is installed for the frameworks here, or its version does not match."
                 + (f" For PyTorch: {summary}." if summary else "") + (f" {tf_note}" if tf_note else "")),
        fix=cmds, sources=srcs + cat.source_urls(cat.tpu_rows(kb, "tensorflow")),
        evidence=tuple(f"{x.source}: {x.detail or x.status}" for x in bad),
    )


def _runtime_said(kb: Knowledge, said, message: str) -> Finding:  # noqa: ANN001
    """A TPU there but not usable, as its runtime's own message says: the finding quotes it and cites its rows."""
    return c.said_finding(kb, said, "tpu.not_found", "tpu", message, device_kind="tpu")


def _said(facts: Facts, kb: Knowledge, all_obs) -> Iterable[Finding]:  # noqa: ANN001
    """Pasted TPU messages: jax found no TPU runtime (libtpu), or there is no TPU VM metadata."""
    no_vm = c.find(all_obs, "tpu.env_metadata_missing")
    no_lib = c.find(all_obs, "tpu.libtpu_missing")
    gpu_machine = bool(c.nvidia(facts)) and not any(a.kind == "tpu" for a in facts.accelerators) and not no_vm
    if gpu_machine:
        # jax probes every backend at start-up: on a GPU machine "Failed to open libtpu.so" is that probe, not a fault
        no_lib = [o for o in no_lib if "TPU may be present" in o.text]
    # jax's "No GPU/TPU found" is printed on every machine without an accelerator: a TPU finding only where the paste
    # is about a TPU (names one, installs jax[tpu]) or the facts show TPU VM markers.
    if not gpu_machine and (c.find(all_obs, "tpu.mentioned") or any(a.kind == "tpu" for a in facts.accelerators)):
        no_lib = no_lib + c.find(all_obs, "jax.no_accelerator", "tpu.init_failed")
    mismatch = c.find(all_obs, "tpu.pjrt_mismatch")
    if mismatch and not no_vm:
        row = next(iter(cat.tpu_rows(kb, "jax")), None)
        v = mismatch[0].values
        fix = (pip_install(c.shell(facts), row["command"]),) if row and row.get("command") else ()
        yield Finding(
            code="tpu.not_found", severity="error", subject="tpu", device_kind="tpu",
            message=(f"The TPU runtime does not match jax: its libtpu plugin speaks PJRT API {v.get('plugin')}, this "
                     f"jax/jaxlib expects {v.get('framework')}, so the TPU backend does not start. Install jax with "
                     "its TPU extra in one command, which brings the libtpu of the same release (on Colab, don't "
                     "upgrade jax alone over the runtime's)."),
            fix=fix, sources=tuple(dict.fromkeys(cat.source_urls([row]) + c.pattern_sources(kb, mismatch))),
            evidence=tuple(c.quote(o) for o in mismatch[:1]),
        )
        return
    foreign = c.find(all_obs, "tpu.op_not_in_runtime")
    if foreign and c.find(all_obs, "tpu.mentioned"):
        yield _runtime_said(kb, foreign, (
            "The TPU's runtime is another TensorFlow than this one: its worker does not know a function this "
            "TensorFlow sent it, so the TPU does not start. A TPU Node (Colab's, `grpc://...:8470`) runs "
            "the TensorFlow release it was created with: use that release here (on Colab, the preinstalled "
            "TensorFlow, not tf-nightly), or create the TPU with this TensorFlow's version."))
        return
    xrt = c.find(all_obs, "tpu.xrt_runtime_old")
    if xrt:
        v = xrt[0].values
        yield _runtime_said(kb, xrt, (
            f"The TPU's runtime is older than this torch_xla: its worker ({v.get('worker')}) has no "
            f"{v.get('op')} op, which torch_xla's XRT client needs, so nothing runs on the TPU. Create the "
            "TPU with the software version of this torch_xla release (the `--version`/`--runtime-version` "
            "of `gcloud compute tpus create`: pytorch-X.Y, or pytorch-nightly for a nightly torch_xla), or "
            "install the torch_xla release its runtime was made for (pytorch/xla#659)."))
        return
    kernels = c.find(all_obs, "tf.no_tpu_kernels")
    if kernels:
        tf_rows = cat.tpu_rows(kb, "tensorflow")
        note = next((t.get("note") for t in tf_rows if t.get("note")), None)
        yield Finding(
            code="tpu.not_found", severity="error", subject="tensorflow", framework="tensorflow", device_kind="tpu",
            message=("This TensorFlow has no TPU kernels (no OpKernel for "
                     f"{kernels[0].values.get('op', 'the TPU ops')}; it registers the CPU only): the installed build "
                     "has no TPU support, or it did not load libtpu. On a TPU VM, Colab's TPU runtime among them, "
                     "TensorFlow runs on the TPU only as tensorflow-tpu of the same release with its libtpu, with "
                     "TPUClusterResolver(tpu='local')." + (f" {note[0].upper()}{note[1:]}" if note else "")),
            sources=tuple(dict.fromkeys(c.pattern_sources(kb, kernels) + cat.source_urls(tf_rows))),
            evidence=tuple(c.quote(o) for o in kernels[:1]),
        )
        return
    node = c.find(all_obs, "tpu.driver_unreachable")
    if node:
        yield _runtime_said(kb, node, (
            "jax's tpu_driver backend could not reach the TPU "
            f"({node[0].values.get('why', 'no answer')}): it talks over gRPC to a TPU Node, the older TPU "
            "architecture (Colab's former TPU runtime, Cloud TPU Nodes), and that runtime is gone or no "
            "longer serves the driver version asked for. Current jax uses only a TPU attached to a TPU VM: on "
            "a TPU VM runtime install jax with its TPU extra and drop the tpu_driver setup (jax.tools."
            "colab_tpu.setup_tpu with an old driver version)."))
        return
    pjrt = c.find(all_obs, "tpu.pjrt_tpu_failed")
    if pjrt and not no_vm:
        yield _runtime_said(kb, pjrt, (
            "torch_xla's PJRT runtime could not open a TPU: none is attached to this VM for libtpu, or the "
            "libtpu does not match torch_xla. Current torch_xla uses only a TPU attached to a TPU VM; Colab's "
            "TPU runtime was the older TPU Node architecture, reached over the network, which only torch_xla "
            "2.0 and older support (through XRT): use those releases there, or a TPU VM (or Kaggle)."))
        return
    colab = c.find(all_obs, "tpu.colab_no_tpu_runtime")
    if colab and not no_vm:
        yield _runtime_said(kb, colab, (
            "The notebook found no Colab TPU: COLAB_TPU_ADDR, the TPU's address that Colab's TPU runtime exported, is "
            "not set, so this runtime has no TPU attached. Choose one (Runtime > Change runtime type > TPU) and run "
            "the notebook again. Colab's current TPU runtime ('TPU v2', a TPU VM) no longer sets COLAB_TPU_ADDR "
            "either: there, code that reads it must use the local TPU instead (TPUClusterResolver(tpu='local') in "
            "TensorFlow; jax and torch_xla find it themselves)."))
        return
    if no_vm:
        cmds, srcs, summary = c.fix_commands(facts, kb, "torch", "tpu")
        yield Finding(
            code="tpu.not_found", severity="error", subject="tpu", device_kind="tpu",
            message=("torch_xla (or jax) asked the VM metadata server for the TPU VM's 'tpu-env' and got none: "
                     "this machine is not a Cloud TPU VM (for example Colab's older TPU runtime, a TPU Node reached "
                     "over the network), and current torch_xla and jax use only a TPU attached to a TPU VM."
                     + (f" On a TPU VM: {summary}." if summary else "")),
            fix=cmds, sources=srcs, evidence=tuple(c.quote(o) for o in no_vm[:1]),
        )
    elif no_lib and c.find(all_obs, "host.colab") and any("jax" in o.text for o in no_lib):
        # nyx-ai/stylegan2-flax-tpu#8: Colab Pro+ with a TPU runtime in 2022, jax finding "No GPU/TPU"; the maintainer:
        # on Colab the TPUs must be initialized first (the code was tested on Cloud TPU VMs)
        yield Finding(
            code="tpu.not_found", severity="error", subject="tpu", device_kind="tpu",
            message=("jax found no TPU on Colab. Colab's older TPU runtime was a TPU Node reached over the network, "
                     "which jax reaches only after `jax.tools.colab_tpu.setup_tpu()` is run first in the notebook (jax "
                     "releases of that time); Colab's current TPU runtime ('TPU v2', a TPU VM) needs jax with its TPU "
                     "extra (jax[tpu]) instead. Code tested on Cloud TPU VMs skips that first step."),
            sources=c.pattern_sources(kb, no_lib), evidence=tuple(c.quote(o) for o in no_lib[:1]),
        )
    elif no_lib:
        row = next(iter(cat.tpu_rows(kb, "jax")), None)
        sh = c.shell(facts)
        fix = (pip_install(sh, row["command"]),) if row and row.get("command") else ()
        yield Finding(
            code="tpu.not_found", severity="error", subject="tpu", device_kind="tpu",
            message=("No usable TPU runtime: libtpu is not installed in this environment (a CPU-only jax or a torch_xla "
                     "wheel installed without it, e.g. pulled in by a requirements file), the libtpu installed does not "
                     "load (a release that does not match), or the framework is too old to find it. Install jax with its "
                     "TPU extra (jax[tpu]), or torch_xla with its (torch_xla[tpu]): either brings a matching libtpu."
                     + (" torch_xla's 'Missing XLA configuration' means no TPU is configured for it at all: set "
                        "PJRT_DEVICE=TPU (torch_xla 2.x; older releases read XRT_TPU_CONFIG with the TPU's address)."
                        if any("Missing XLA configuration" in o.text for o in no_lib) else "")),
            fix=fix, sources=cat.source_urls([row]), evidence=tuple(c.quote(o) for o in no_lib[:1]),
        )
