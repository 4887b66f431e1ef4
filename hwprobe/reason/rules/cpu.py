"""cpu.*: the CPU lacks instructions a framework binary needs (TensorFlow's wheels need AVX)."""

from __future__ import annotations

from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.report import Finding

HW = "https://www.tensorflow.org/install/pip#hardware_requirements"


@rule
def avx_missing(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    arches = {facts.host.arch, facts.cpu.arch} - {None, "unknown"}
    emulated = bool(c.find(c.obs(facts, kb), "host.qemu_emulated"))  # an emulated x86_64 CPU, on whatever host
    if arches and not arches & {"x86_64", "i686", "amd64"} and not emulated:
        return  # AVX is an x86 extension; ARM wheels do not need it
    from hwprobe.reason.rules.host import likely_rosetta

    if likely_rosetta(facts, kb)[0]:
        return  # host.rosetta_python: the CPU may have AVX; the translator does not
    all_obs = c.obs(facts, kb)
    flags = set(facts.cpu.flags)
    # A pasted flags line that lists none of the flags hwprobe tracks (a Core 2: no sse4_2, no avx) is still a
    # flags line read whole (pasted facts say what they did not see in Facts.unknown); for live facts, which
    # know every part, an empty set is not taken as proof.
    pasted = bool(getattr(facts, "unknown", ())) or c.partial(facts)
    flags_known = facts.cpu.status == "ok" and (bool(flags) or pasted) and not (
        callable(getattr(facts, "knows", None)) and not facts.knows("cpu.flags"))
    if flags_known and "avx" in flags:
        return  # a SIGILL here has another cause
    if c.find(all_obs, "cpu.avx_present_said"):
        return  # the program's own check found AVX on this CPU (PaddleClas#1100: Paddle's, then a SIGILL)
    family = None if flags_known else cat.cpu_model(kb, facts.cpu.model)  # no flags pasted: the model's family
    if family is not None and family.get("avx") is False:
        flags_known = True
    tf = facts.framework("tensorflow")
    said = c.find(all_obs, "tf.avx_required", framework="tensorflow")
    # a framework's own start-up check that the CPU lacks AVX: jaxlib's, or PaddlePaddle's AVX build (PaddleOCR#4214, a
    # cloud VM's virtual CPU), which has no-AVX wheels to install instead
    own = [(c.find(all_obs, code), how) for code, how in (
        ("jax.avx_required", "jaxlib's wheels are built with AVX and refuse to start without it (its own check says "
                             "so). No pip wheel fixes this: build jaxlib from source for this CPU, or run on a CPU with AVX."),
        ("paddle.avx_required", "this paddlepaddle is its AVX build, which refuses to start without it (its own check "
                                "says so). Install Paddle's no-AVX build, as its message says (the wheels of "
                                "paddlepaddle.org.cn's stable_noavx index); in a VM on a host CPU with AVX, exposing the "
                                "host's flags to the guest (CPU type 'host') gives it AVX instead."),
        ("ipex.avx2_required", "Intel Extension for PyTorch needs AVX2 or newer and refuses to start without it (its own "
                               "check says so). On a CPU without AVX2 use plain torch without it; in a VM (QEMU's default "
                               "CPU models hide AVX2) set the VM's CPU type to the host's (host-passthrough)."),
    ) if c.find(all_obs, code)]
    own_said = own[0][0] if own else []
    isa = (own_said[0].values.get("isa") or "AVX").upper() if own_said else "AVX"
    if own and not said:
        yield Finding(
            code="cpu.avx_missing", severity="error", subject="cpu", device_kind="cpu",
            message=((f"{facts.cpu.model} lacks {isa}" if facts.cpu.model else f"This CPU (or its OS) lacks {isa}")
                     + ": " + own[0][1]),
            sources=c.pattern_sources(kb, own_said), evidence=tuple(c.quote(o) for o in own_said[:1]),
        )
        return
    lack = c.find(all_obs, "cpu.avx_lack_said")
    crashed = bool(c.find(all_obs, "jupyter.kernel_crashed", "cpu.illegal_instruction"))  # scPrinter#81: the kernel dies
    failed = any(fw.status in ("import_error", "crashed") for fw in facts.frameworks) or crashed or bool(
        c.find(all_obs, "python.dll_load_failed"))
    if lack and failed and not said and not own_said and not (flags_known and "avx2" in flags):
        # the user's own word that the CPU lacks the extension, beside a binary that does not load (fo40225's
        # community TensorFlow Windows wheels, built with AVX2: "DLL load failed" on a CPU with AVX only)
        isa = (lack[0].values.get("isa") or "AVX").upper().replace("-", "")
        yield Finding(
            code="cpu.avx_missing", severity="error", subject="cpu", device_kind="cpu",
            message=(f"{facts.cpu.model or 'This CPU'} lacks {isa} (the paste says so), and the binary that "
                     + (f"crashes was built with it: code compiled for {isa} dies of an illegal instruction on such a CPU "
                        "(a Jupyter kernel just 'crashes')." if crashed and not any(
                            fw.status == "import_error" for fw in facts.frameworks) else
                        f"does not load was built with it: a wheel compiled for {isa} fails to import on such a CPU (on "
                        "Windows as 'DLL load failed: A dynamic link library (DLL) initialization routine failed').")
                     + f" Install a build made without {isa} (an older official release, or a wheel built for this "
                     "CPU's flags), or run it on a CPU with it."),
            sources=(HW,) + c.pattern_sources(kb, lack), evidence=tuple(c.quote(o) for o in lack[:1]),
        )
        return
    # A CPU of a family without AVX, and a native library that fails as soon as it runs: its Windows start-up code
    # (koboldcpp#1260: a Celeron N3050, whose "noavx2" build still used AVX) or a model load that crashes the process
    # (gpt4all#1268: a Xeon E5620, GPT4All guessing "out of memory"; its collaborator: "You need AVX")
    native = [(code, how) for code, how in (
        ("python.dll_init_failed", "a native library failed in its Windows start-up code (WinError 1114, DLL "
                                   "initialization failed): a library built with AVX fails this way on such a CPU"),
        ("app.model_load_crashed", "the program's native backend crashes while loading a model: prebuilt "
                                   "llama.cpp-style backends are compiled with AVX (and AVX2) and die on such a CPU, "
                                   "whatever the memory")) if c.find(all_obs, code)]
    if family is not None and native and not said and not own_said:
        code, how = native[0]
        seen = c.find(all_obs, code)
        yield Finding(
            code="cpu.avx_missing", severity="error", subject="cpu", device_kind="cpu",
            message=(f"{facts.cpu.model} ({family['family'].split(':')[0]}) has no AVX, and {how}. Use a build made "
                     "without AVX (many projects ship a 'noavx' or 'failsafe' one), or run it on a CPU with AVX."),
            sources=cat.source_urls([family]) + c.pattern_sources(kb, seen),
            evidence=tuple(c.quote(o) for o in seen[:1]) + (
                f"CPU model {facts.cpu.model}: {family['family']}, without AVX (cpu_models)",),
        )
        return
    baseline = c.find(all_obs, "numpy.cpu_baseline_missing")
    if baseline and not said:
        # NumPy's check reads the flags the OS reports: a VM's default CPU type (QEMU's and Proxmox's kvm64) hides
        # what the host CPU has (home-assistant/core#162460: an i7-7700 under kvm64)
        missing = baseline[0].values.get("missing") or "its baseline"
        yield Finding(
            code="cpu.avx_missing", severity="error", subject="cpu", device_kind="cpu",
            message=(f"{facts.cpu.model or 'This CPU'} does not report {missing}, the CPU baseline this NumPy wheel was "
                     "built to require, so NumPy refuses to import (and whatever imports it with it). In a VM this is "
                     "most often the hypervisor's default CPU type hiding the host CPU's flags: set the VM's CPU type to "
                     "the host's (Proxmox: CPU type 'host'; libvirt: host-passthrough); on a CPU that truly lacks them, "
                     "install a NumPy built for an older baseline, or build it with this CPU's flags."),
            sources=c.pattern_sources(kb, baseline), evidence=tuple(c.quote(o) for o in baseline[:1]),
        )
        return
    ngc = c.find(all_obs, "container.avx_required")
    if ngc and not said:
        # NGC's check reads what the OS reports: a CPU of a family without AVX lacks it; any other may be a VM whose
        # hypervisor hides the flag (triton-inference-server/server#5026: a Xeon Gold 6240, which has AVX)
        isa = ngc[0].values.get("isa") or "AVX"
        model = facts.cpu.model
        vm = "" if family is not None else (
            f" If this CPU does have {isa} (Intel and AMD CPUs from 2011 on do), a hypervisor is hiding it from this "
            f"VM: expose the host CPU's flags to the guest (e.g. CPU model 'host-passthrough'); `grep -o -w "
            f"{isa.lower()} /proc/cpuinfo | head -1` inside the VM shows whether it sees {isa}.")
        yield Finding(
            code="cpu.avx_missing", severity="error", subject="cpu", device_kind="cpu",
            message=(f"{model or 'This CPU'} does not report {isa}"
                     + (f" (its family, {family['family']}, has none)" if family else "")
                     + f", and this container's software is built with {isa}: the NGC container's own start-up check "
                     f"says so, and its programs die of an illegal instruction without it. No reinstall inside the "
                     f"container changes that: run it on a CPU with {isa}." + vm),
            sources=c.pattern_sources(kb, ngc), evidence=tuple(c.quote(o) for o in ngc[:1]),
        )
        return
    sigill = c.find(all_obs, "cpu.illegal_instruction")
    crashed = tf is not None and tf.status == "crashed" and tf.signal == "SIGILL"
    torch_only = facts.framework("torch") is not None and tf is None
    isa_frames = c.find(all_obs, "cpu.isa_code_crashed")
    torch = facts.framework("torch")
    o = isa_frames[0] if isa_frames else None
    isa = (o.values.get("isa") or o.values.get("isa2") or "AVX").upper() if o else None
    if o and (sigill or (torch is not None and torch.signal == "SIGILL")) and not (flags_known and isa.lower() in flags):
        # SIGILL inside code compiled for one ISA (pytorch#37577: BinaryOpsKernel.cpp.AVX2.cpp in libtorch_cpu.so):
        # that ISA's code ran on a CPU without it. torch picks its AVX2/AVX-512 kernels at run time, so a build that
        # runs them anyway is a source build for another CPU, or a bug of that release.
        yield Finding(
            code="cpu.avx_missing", severity="error", subject="cpu", framework="torch" if torch else None,
            device_kind="cpu",
            message=(f"The process died of an illegal instruction inside code compiled for {isa} "
                     f"({o.values.get('frame')}): {facts.cpu.model or 'this CPU'} lacks {isa}. torch builds its "
                     "kernels once per instruction set and chooses one at run time, so a build that runs the "
                     f"{isa} ones here was made for another CPU (a source build's -march flags) or has a bug in that "
                     "release: build with this CPU's own flags, try another release, or run on a CPU with "
                     f"{isa}."),
            sources=c.pattern_sources(kb, isa_frames), evidence=tuple(c.quote(x) for x in (isa_frames + sigill)[:2]),
        )
        return
    tf_known = tf is not None or "tensorflow" in facts.packages
    if said or crashed:
        pass
    elif sigill and not torch_only:
        pass  # the usual SIGILL on import of deep-learning wheels is TensorFlow on a CPU without AVX
    elif flags_known and tf_known and tf is not None and tf.status != "not_installed":
        pass
    elif family is not None and flags_known and tf_known:
        pass  # TensorFlow on a CPU family without AVX: its wheels cannot run here
    else:
        return
    row = cat.release_of(kb, "tensorflow", tf.version if tf else None)
    model = facts.cpu.model or "This CPU"
    # zsh's wording ("illegal hardware instruction") is what macOS's default shell prints; with nothing else known
    # (no OS, CPU or flags) it is as likely an x86_64 Python under Rosetta, which has no AVX either: a lead only.
    zsh_only = bool(sigill) and not (said or crashed or flags_known or family or facts.cpu.model) \
        and facts.host.os is None and all("hardware instruction" in o.text for o in sigill)

    # with no TensorFlow in the paste at all, the program that died is not known to be TensorFlow (BundleTrack#43: the
    # project's own C++ binary; dlib#1820): what holds is the CPU's lack of AVX, for whichever binary needs it
    unnamed = not c.framework_named(facts, all_obs, "tensorflow") and not (said or crashed)
    rosetta = (" (or, on an Apple Silicon Mac, that this Python runs as x86_64 under Rosetta, which has no AVX: "
               "`python -c \"import platform; print(platform.machine())\"` tells)") if zsh_only else ""
    lacks = f"{model} lacks AVX" + (f" (an {family['family']} CPU)" if family else "")
    if unnamed:
        binary = ("a binary compiled to use AVX (official TensorFlow builds from 1.6 on, and many prebuilt native "
                  "libraries)")
        message = (f"{lacks}, and the process died of an illegal instruction: {binary} stops this way on it. Rebuild "
                   "that program for this CPU's own flags, or run it on a CPU with AVX." if flags_known else
                   f"The process died of an illegal instruction: most often {binary} running on a CPU without AVX"
                   f"{rosetta}. `grep -o -w avx /proc/cpuinfo | head -1` shows whether this CPU has it; if not, "
                   "rebuild that program for this CPU's own flags, or run it on a CPU with AVX.")
    else:
        message = ((lacks if flags_known else
                    f"TensorFlow says this CPU lacks {said[0].values['isa']}, which its binary was compiled to use"
                    if said and said[0].values.get("isa", "AVX").upper() != "AVX" else
                    "The process died of an illegal instruction, which on import of TensorFlow means the CPU lacks AVX")
                   + rosetta + ": official TensorFlow binaries (1.6 and newer) are compiled with AVX and crash with "
                   "'Illegal instruction' on import. No pip wheel fixes this: build TensorFlow from source with the "
                   "CPU's own flags, or run it on a CPU with AVX.")
    yield Finding(
        code="cpu.avx_missing", severity="info" if zsh_only else "error", subject="cpu",
        framework=None if unnamed else "tensorflow", device_kind="cpu", message=message,
        fix=(), sources=(HW,) + cat.source_urls([row, family]),
        evidence=tuple(c.quote(o) for o in (said + sigill)[:2]) + (("child died of SIGILL",) if crashed else ()) + (
            (f"CPU flags without avx: {', '.join(sorted(flags))[:120]}" if flags else
             "CPU flags without avx (none of the flags hwprobe tracks)",) if flags_known and not family else ()) + (
            (f"CPU model {facts.cpu.model}: {family['family']}, without AVX (cpu_models)",) if family else ()),
    )
