"""`hwprobe explain`: the doctor's own reasoning over the facts of a pasted dump, then ranked for a reader.

One reasoning path: the facts a paste states go through the same `build_report` (diagnose, matrix,
advice) as a live run; nothing here decides what is wrong. What this module adds is what only a
paste needs: which finding the paste's own lines support best (a known error message quoted from
it, with its line number, beats facts read from a tool's output, which beat an inference from what
the paste does not say), whether that is enough to name a cause, what is unknown, and the one
command whose output would settle it. When nothing points to a cause it says so; it never promotes
a weak finding to a diagnosis.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from hwprobe.facts import Facts, Observation
from hwprobe.reason import build_report
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules._common import sees
from hwprobe.report import Explanation, Finding, Origin, Ranked, Report, Unknown

if TYPE_CHECKING:
    from hwprobe.parse import Paste

BASIS_ORDER = {"quoted": 0, "facts": 1, "inferred": 2}
_SEVERITY = {"error": 0, "warning": 1, "info": 2}
MIN_VALUE_LEN = 3  # shorter fact values ("11", "8") match too much prose to count as support


@dataclass(frozen=True)
class Support:
    basis: str
    lines: tuple[int, ...]
    quotes: tuple[str, ...]  # "line 12: <text>" for the lines not already in the finding's evidence


def explain(paste: "Paste", kb: Knowledge | None = None) -> Report:
    """The report for a pasted dump: findings ranked most likely first, with the paste's lines as evidence."""
    if paste.report is not None:
        report = build_report(paste.report.facts, origin=Origin("report", paste.name), kb=kb)
    else:
        report = build_report(paste.facts, origin=Origin("paste", paste.name), kb=kb)
    findings, ranking = rank(report.findings, paste)
    unknown = unknowns(report.facts, findings, paste)
    verdict = _verdict(ranking, paste)
    side = _beside_the_error(ranking)
    if side:  # the leads about the paste's own error first: they are about what was asked
        order = sorted(range(len(ranking)), key=lambda i: 0 if ranking[i].basis == "quoted" else 1)
        findings, ranking = tuple(findings[i] for i in order), tuple(ranking[i] for i in order)
    explanation = Explanation(
        verdict=verdict,
        summary=_summary(verdict, findings, ranking, paste, side),
        sections=paste.sections,
        ranking=ranking,
        unknown=unknown,
        next_step=_next_step(verdict, unknown, paste),
        lines=paste.lines,
        skipped=paste.skipped,
    )
    return dataclasses.replace(report, findings=findings, explanation=explanation)


# --- support and ranking -----------------------------------------------------------------------------


def rank(found: tuple[Finding, ...], paste: "Paste") -> tuple[tuple[Finding, ...], tuple[Ranked, ...]]:
    """The findings most likely first, each with the paste's lines it rests on added to its evidence."""
    supports = [support(f, paste) for f in found]
    order = sorted(range(len(found)), key=lambda i: _key(found[i], supports[i], i))
    findings = tuple(_with_quotes(found[i], supports[i]) for i in order)
    ranking = tuple(Ranked(code=found[i].code, subject=found[i].subject, basis=supports[i].basis,
                           confident=confident(found[i], supports[i]), lines=supports[i].lines) for i in order)
    return findings, ranking


def support(f: Finding, paste: "Paste") -> Support:
    """The paste's lines a finding rests on: known messages it cites, then facts whose values it names."""
    if paste.report is not None:
        return Support("facts", (), ())  # a saved report: its facts were measured on the machine
    said = " ".join((f.message, *f.evidence))
    quoted: dict[int, str] = {}
    for o in paste.facts.observations:
        if o.line is not None and _cites(o, f, said):
            quoted[o.line] = o.text
    if quoted:
        return _support("quoted", quoted, f)
    facts: dict[int, str] = {}
    about = _ABOUT.get(f.code.split(".")[0], ()) + ((f"{f.framework}.", f"packages.{f.framework}") if f.framework else ())
    for key, (value, quotes) in paste.quotes.items():
        # A value the finding names counts only for a fact of its own subject: a Rosetta finding whose install
        # summary names torch 2.15.0 does not rest on the line that says TensorFlow 2.15.0.
        if len(value) >= MIN_VALUE_LEN and key.startswith(about + _GENERAL) and _names(said, value):
            for q in quotes:
                facts[q.line] = q.text
        elif key.startswith(f"{f.framework}.status") and f.code.startswith("framework."):
            for q in quotes:
                facts[q.line] = q.text  # framework.crashed / import_error rest on the line that said so
        elif facts and key.startswith(_ABOUT_CODE.get(f.code, ())):
            for q in quotes:  # a CPU-only build named by version rests on the line that gives its build too
                facts[q.line] = q.text
    if not facts:  # the rule named no value we read: the lines of the facts its subject is about
        prefixes = _ABOUT.get(f.code.split(".")[0], ()) + _ABOUT_CODE.get(f.code, ())
        if f.code.startswith("framework.") and f.framework:
            prefixes = (f"{f.framework}.",)
        for key, (_, quotes) in paste.quotes.items():
            if key.startswith(prefixes):
                for q in quotes:
                    facts[q.line] = q.text
    if facts:
        return _support("facts", facts, f)
    return Support("inferred", (), ())


# The facts each family of finding codes is about (ARCHITECTURE.md's prefixes): where a finding names
# none of the values read from the paste, these facts' lines are what it rests on. Only the family's own
# subject: a claim about GPUs rests on GPU lines, never on a torch version line beside an unknown GPU.
_ABOUT: dict[str, tuple[str, ...]] = {
    "cuda": ("accelerators.", "nvidia.", "cuda.toolkit", "gpu.intel_integrated", "env.CUDA_VISIBLE",
             "env.NVIDIA_VISIBLE"),
    "rocm": ("accelerators.", "gpu.amd.", "torch.build.hip"),
    "mps": ("host.os_version", "torch.build.mps_built", "torch.devices.mps", "torch.build.runtime.mps"),
    "host": ("python.machine", "python.is_rosetta", "shell.translated", "cpu.model", "cpu.vendor", "tensorflow.signal",
             "torch.signal"),
    "cpu": ("cpu.", "tensorflow.signal", "torch.signal"),
    "tf": ("tensorflow.", "packages.tensorflow"),
    "wsl": ("host.wsl",),
    "container": ("host.container", "container.hint"),
    "numpy": ("packages.numpy",),
    "packages": ("packages.", "uninstalled."),
    "python": ("python.version",),
    "tpu": ("accelerators.",),
}


# Facts one code rests on beyond its family's: a CPU-only build rests on the line that gives the build (which may
# have no value to name: "torch.version.cuda = None", or "it installs the cpu only version").
_ABOUT_CODE: dict[str, tuple[str, ...]] = {"cuda.cpu_only_build": ("torch.build.cuda",)}


# Facts any finding may rest on when it names their value: the machine's OS and Python.
_GENERAL = ("host.os", "host.arch", "host.os_version", "python.version")


def _cites(o: Observation, f: Finding, said: str) -> bool:
    return o.text in said or (o.line is not None and f"line {o.line}:" in said)


def _names(text: str, value: str) -> bool:
    """Whether `value` appears in `text` as a whole token (so "2.2" is not found in "12.2"), any case."""
    text, value = text.lower(), value.lower()
    start = text.find(value)
    while start != -1:
        before = text[start - 1] if start else " "
        end = start + len(value)
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == ".") and not (after.isalnum() or (after == "." and text[end + 1:end + 2].isdigit())):
            return True
        start = text.find(value, start + 1)
    return False


def _support(basis: str, lines: dict[int, str], f: Finding) -> Support:
    nos = tuple(sorted(lines))
    quotes = tuple(f"line {n}: {lines[n]}" for n in nos if lines[n] not in " ".join(f.evidence))
    return Support(basis, nos, quotes)


def confident(f: Finding, s: Support) -> bool:
    """A diagnosis worth stating: an error or warning that rests on the paste's own lines."""
    return f.severity in ("error", "warning") and s.basis in ("quoted", "facts")


def _key(f: Finding, s: Support, i: int) -> tuple[int, int, int, int, int]:
    # framework.* findings say what failed (crashed, import_error); other codes say why: why first.
    generic = 1 if f.code.startswith("framework.") else 0
    return (0 if confident(f, s) else 1, BASIS_ORDER[s.basis], generic, _SEVERITY.get(f.severity, 3), i)


def _with_quotes(f: Finding, s: Support) -> Finding:
    return dataclasses.replace(f, evidence=f.evidence + s.quotes) if s.quotes else f


def _beside_the_error(ranking: tuple[Ranked, ...]) -> bool:
    """Whether the first finding rests on stated facts while the paste's error message is explained only by a lead:
    the confident finding is true of the machine, but it is not the cause of what the paste asks about (pytorch#78341:
    a CPU torch beside a GTX 1650, and "Numpy is not available")."""
    return bool(ranking) and ranking[0].confident and ranking[0].basis == "facts" and not any(
        r.basis == "quoted" and r.confident for r in ranking) and any(r.basis == "quoted" for r in ranking)


def _verdict(ranking: tuple[Ranked, ...], paste: "Paste") -> str:
    if ranking and ranking[0].confident and not _beside_the_error(ranking):
        return "diagnosed"
    if not paste.sections and not paste.facts.observations and not paste.quotes:
        return "nothing_recognized"
    return "not_enough_information"


def _summary(verdict: str, findings: tuple[Finding, ...], ranking: tuple[Ranked, ...], paste: "Paste",
             side: bool = False) -> str:
    if verdict == "diagnosed":
        top, r = findings[0], ranking[0]
        where = f" (line{'s' if len(r.lines) > 1 else ''} {', '.join(map(str, r.lines[:5]))})" if r.lines else ""
        basis = "a known error message in the paste" if r.basis == "quoted" else "what the pasted output states"
        return f"Most likely cause: {top.code} ({top.subject}), from {basis}{where}."
    if verdict == "nothing_recognized":
        return ("Nothing in the input was recognized: no environment dump, tool output or known error message. "
                "No cause can be named from it.")
    if side:
        lead = ranking[0]
        where = f" (line{'s' if len(lead.lines) > 1 else ''} {', '.join(map(str, lead.lines[:5]))})" if lead.lines else ""
        other = next(r for r in ranking if r.confident)
        return (f"Not enough information to name the cause of the error in the paste{where}: {lead.code} is a lead, "
                f"not a diagnosis. {other.code} is stated by the paste too, but it does not explain that error.")
    if findings:
        n = f"{len(findings)} possible finding{'s' if len(findings) != 1 else ''}"
        if any(r.basis != "inferred" for r in ranking):  # leads the paste's lines point to, which they do not settle
            return f"Not enough information to name a cause: {n}, leads rather than diagnoses."
        return (f"Not enough information to name a cause: {n}, none resting on an error message or on tool output "
                "in the paste.")
    if any(s.kind in _OUR_REPORTS for s in paste.sections):
        return ("Nothing wrong found: the pasted hwprobe report's facts give no finding. If something still fails, "
                "paste its error message with the report.")
    return "Not enough information to name a cause: nothing in the paste points to one."


_OUR_REPORTS = ("hwprobe_report", "hwprobe_text")  # hwprobe's own JSON, terminal and Markdown reports


# --- what is unknown, and the one command that settles it ------------------------------------------


def _interest(facts: Facts, findings: Iterable[Finding]) -> tuple[set[str], set[str]]:
    """(frameworks, device kinds) the paste is about, from its facts, its messages and the findings."""
    fws = {fw.name for fw in facts.frameworks}
    kinds: set[str] = {a.kind for a in facts.accelerators}
    for o in facts.observations:
        if o.framework:
            fws.add(o.framework)
        head = o.code.split(".")[0]
        if head in ("cuda", "rocm", "mps", "tpu"):
            kinds.add(head)
        if head in ("torch", "torchvision"):
            fws.add("torch")
        if head == "tf":
            fws.add("tensorflow")
        if head == "paddle":
            fws.add("paddle")  # Paddle's own messages: its run_check, not torch's collect_env, says what it sees
    if any(p.startswith("paddlepaddle") for p in facts.packages):
        fws.add("paddle")
    for f in findings:
        if f.framework:
            fws.add(f.framework)
        if f.subject == "paddlepaddle":
            fws.add("paddle")
        elif f.code == "python.unsupported_version" and f.framework is None and f.subject not in ("python", "host"):
            fws.add(f.subject)  # another package's wheels (ray, mediapipe): torch's collect_env says nothing of them
        head = f.code.split(".")[0]
        if head in ("cuda", "rocm", "mps", "tpu"):
            kinds.add(head)
        if f.device_kind and f.device_kind != "cpu":
            kinds.add(f.device_kind)
    torch = facts.framework("torch")
    if torch is not None and torch.build.get("cuda"):
        kinds.add("cuda")
    if facts.host.os == "darwin":
        kinds.add("mps")
    return fws, kinds


def _codes(facts: Facts) -> set[str]:
    return {o.code for o in facts.observations}


def unknowns(facts: Facts, findings: tuple[Finding, ...], paste: "Paste") -> tuple[Unknown, ...]:
    """What the paste leaves unknown that matters for its question, most useful first."""
    if paste.report is not None:
        return ()
    fws, kinds = _interest(facts, findings)
    codes = _codes(facts)
    os_ = facts.host.os
    out: list[Unknown] = []
    torch, tf = facts.framework("torch"), facts.framework("tensorflow")
    if "rocm" in kinds and not any(a.kind == "rocm" and a.gfx_arch for a in facts.accelerators):
        # (Windows has no rocminfo: the adapter's name, which gpu_models maps to its gfx target; Win32_VideoController,
        # https://learn.microsoft.com/windows/win32/cimwin32prov/win32-videocontroller)
        out.append(Unknown("accelerators", "which AMD GPU this is (its model gives the gfx architecture)",
                           "Get-CimInstance Win32_VideoController | Select-Object Name, DriverVersion")
                   if os_ == "windows" else
                   Unknown("accelerators", "which AMD GPU this is and its gfx architecture, as ROCm sees it", "rocminfo"))
    if not facts.knows("accelerators") and os_ != "darwin" and ("cuda" in kinds or not (kinds or findings)):
        out.append(Unknown("accelerators", "whether there is an NVIDIA GPU, and the newest CUDA its driver supports",
                           "nvidia-smi"))
    elif "cuda" in kinds and os_ != "darwin" \
            and not any(a.driver_version or a.max_cuda_supported for a in facts.accelerators_of("cuda")):
        out.append(Unknown("accelerators", "the NVIDIA driver version and the newest CUDA it supports", "nvidia-smi"))
    torch_build_known = torch is not None and torch.status == "ok" and "cuda" in torch.build
    if ("torch" in fws or (not fws and os_ != "darwin")) and not torch_build_known:
        out.append(Unknown("torch.build", "which torch build is installed (CPU, CUDA x.y or ROCm), and whether it "
                           "sees a GPU", "python -m torch.utils.collect_env"))
    if fws == {"paddle"} and "paddle.gpu_info" not in codes:  # its GPU line names the GPU and its CUDA runtime
        out.append(Unknown("paddle.build", "which PaddlePaddle build is installed (CPU or GPU, and its CUDA), and "
                           "whether it runs on the GPU",
                           _python(os_, "import paddle; print(paddle.__version__, paddle.version.cuda()); "
                                        "paddle.utils.run_check()")))
    if "tensorflow" in fws and not (tf is not None and tf.status == "ok" and "is_cuda_build" in tf.build):
        out.append(Unknown("tensorflow.build", "which TensorFlow build is installed and the devices it lists",
                           _python(os_, "import tensorflow as tf; print(tf.__version__); "
                                        "print(tf.sysconfig.get_build_info()); print(tf.config.list_physical_devices())")))
    if ("tensorflow" in fws and "cuda" in kinds and not facts.environment.cuda_toolkit
            and not (tf is not None and sees(tf, "cuda"))):
        out.append(Unknown("environment", "the CUDA toolkit installed on the system (TensorFlow before 2.14 and on "
                           "native Windows loads it)", "nvcc --version"))
    sigill = "cpu.illegal_instruction" in codes or any(fw.signal == "SIGILL" for fw in facts.frameworks)
    py = facts.host.python
    rosetta_asked = sigill or any(f.code == "host.rosetta_python" for f in findings)
    if os_ == "darwin" and rosetta_asked and py.machine is None and py.is_rosetta is None:
        out.append(Unknown("host.python", "whether this Python is a native arm64 build or an x86_64 one that "
                           "Rosetta 2 translates", _python(os_, "import platform; print(platform.machine())")))
    if sigill and not facts.knows("cpu.flags"):
        cmd = ("sysctl machdep.cpu.brand_string hw.optional.avx1_0 hw.optional.avx2_0 sysctl.proc_translated"
               if os_ == "darwin" else "lscpu")
        out.append(Unknown("cpu.flags", "whether this CPU has the AVX instructions the prebuilt binaries need "
                           "(and, on a Mac, whether the shell runs under Rosetta)", cmd))
    if "mps" in kinds and os_ == "darwin" and not facts.knows("host.os_version"):
        out.append(Unknown("host.os_version", "the macOS version (MPS needs a minimum version per torch release)",
                           "sw_vers"))
    pip_codes = {"pip.no_matching_distribution", "pip.from_versions_none", "pip.no_satisfying_version"}
    if not facts.knows("host.python") and (codes & pip_codes or fws - {"paddle"}):
        out.append(Unknown("host.python", "the Python version, OS and architecture pip was choosing wheels for",
                           _python(os_, "import platform, sys; print(sys.version); print(platform.platform())")))
    elif not facts.knows("host.os") and (fws or kinds):
        out.append(Unknown("host.os", "the OS and architecture the frameworks run on",
                           _python(os_, "import platform; print(platform.platform(), platform.machine())")))
    pkg_codes = {"numpy.array_api_not_found", "numpy.compiled_against_1x", "numpy.api_version_mismatch",
                 "numpy.multiarray_failed", "torchvision.custom_ops_failed"}
    if not facts.knows("packages") and (codes & pkg_codes or any(f.code == "packages.conflict" for f in findings)):
        out.append(Unknown("packages", "the versions of every installed package (numpy, torch, torchvision, "
                           "TensorFlow distributions)", "conda list" if facts.host.python.env_manager == "conda"
                           else "python -m pip list"))
    if "cuda.no_device" in codes and not facts.environment.variables:
        out.append(Unknown("environment", "whether CUDA_VISIBLE_DEVICES (or a similar variable) hides the GPUs",
                           _python(os_, "import os; print({k: v for k, v in os.environ.items() if 'VISIBLE' in k})")))
    smi_failed = {"cuda.smi_no_driver", "cuda.no_driver", "cuda.libcuda_not_found"} & codes
    if smi_failed and os_ in (None, "linux") and not facts.knows("host.wsl"):
        out.append(Unknown("host.wsl", "whether this Linux is WSL (1 or 2) or a container, which changes how the "
                           "driver is reached", "uname -a"))
    seen: set[str] = set()
    unique = []
    for u in out:
        if u.command not in seen:
            seen.add(u.command)
            unique.append(u)
    first = _FIRST.get(findings[0].code.split(".")[0], ()) if findings else ()
    unique.sort(key=lambda u: first.index(u.part) if u.part in first else len(first))  # stable
    return tuple(unique)


# For the subject of the leading finding, which unknowns matter most (the rest keep their order).
_FIRST = {
    "cuda": ("accelerators", "torch.build", "tensorflow.build"),
    "framework": ("torch.build", "tensorflow.build", "packages", "host.python"),
    "numpy": ("packages",),
    "packages": ("packages",),
    "python": ("host.python",),
    "cpu": ("cpu.flags",),
    "host": ("host.python", "cpu.flags", "host.os_version", "torch.build"),
    "mps": ("host.os_version", "torch.build"),
    "rocm": ("accelerators", "torch.build"),
    "tf": ("tensorflow.build",),
    "wsl": ("host.wsl", "accelerators"),
    "container": ("accelerators",),
}


def _python(os_: str | None, code: str) -> str:
    quote = '"' if os_ == "windows" else "'"
    inner = code.replace('"', '\\"') if quote == '"' else code
    return f"python -c {quote}{inner}{quote}"


def _next_step(verdict: str, unknown: tuple[Unknown, ...], paste: "Paste") -> str | None:
    if unknown and verdict != "nothing_recognized":
        return f"run `{unknown[0].command}` and paste its output"
    if verdict == "diagnosed":
        return None
    if any(s.kind in _OUR_REPORTS for s in paste.sections):
        return "paste the full error message of what fails, beside the report"
    if any(s.kind == "collect_env" for s in paste.sections):
        return "run `hwprobe doctor --format markdown` in the failing environment and paste its output"
    return "run `python -m torch.utils.collect_env` (PyTorch) or `hwprobe doctor --format markdown` and paste its output"
