"""Readers that turn pasted text into the same Facts that live sensing produces (`hwprobe explain`).

Unknown stays unknown: a paste says little, and what it does not say is listed in Facts.unknown
instead of being guessed. Every fact keeps the line it came from, so findings can quote it.
Readers: our own JSON report (report_json) and the doctor's terminal and Markdown reports (doctor_text),
torch collect_env, TensorFlow's template and tf_env_collect.sh (tf_env), nvidia-smi, pip/conda listings
(packages), platform strings, sw_vers, uname, lscpu, rocminfo (system), "key: value" lists and Python REPL
answers (keyvalues), tracebacks, docker-compose files (compose), prose; and every known error message
(matrices/error_patterns.json) through reason.evidence.match_text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from hwprobe.facts import Facts, Observation
from hwprobe.parse import (
    collect_env, compose, doctor_text, keyvalues, nvidia_smi, packages, prose, system, tf_env, tracebacks,
)
from hwprobe.parse.draft import HINT, TOOL, Draft, Quote
from hwprobe.parse.identity import identity
from hwprobe.parse.source import Line, Pasted, read_path, read_string
from hwprobe.reason.evidence import match_text, patterns
from hwprobe.reason.knowledge import Knowledge, load_knowledge
from hwprobe.report import Report, Section

READERS = (doctor_text.read, collect_env.read, tf_env.read, nvidia_smi.read, packages.read, packages.pip_show,
           system.read, keyvalues.read, tracebacks.read, prose.read, compose.read)


@dataclass(frozen=True)
class Paste:
    """A pasted dump, read: its facts, where each came from, and what of the input was recognized."""

    facts: Facts
    sections: tuple[Section, ...]
    quotes: dict[str, tuple[str, tuple[Quote, ...]]]  # fact key (torch.version, ...) -> (value as text, lines)
    lines: int
    name: str
    skipped: str | None = None
    report: Report | None = None  # when the input was a saved hwprobe JSON report
    identity: tuple[str | None, str | None] = (None, None)  # (user, host) the paste states: redacted in the reply


def load(path: str, kb: Knowledge | None = None) -> Paste:
    """Read FILE or "-" (stdin); InputError (exit 2) when it is unreadable, empty or binary."""
    return parse(read_path(path, keywords(kb)), kb)


def parse_text(text: str, kb: Knowledge | None = None, name: str = "text") -> Paste:
    return parse(read_string(text, name), kb)


def parse(pasted: Pasted, kb: Knowledge | None = None) -> Paste:
    from hwprobe.parse import report_json

    kb = kb or load_knowledge()
    report = report_json.read(pasted)
    if report is not None:
        return Paste(report.facts, (Section("hwprobe_report", 1, pasted.total_lines),), {}, pasted.total_lines,
                     pasted.name, pasted.skipped, report)
    d = Draft(cut_line=pasted.total_lines if pasted.cut else None)
    lines = pasted.lines
    for reader in READERS:
        reader(lines, d)
    _observations(pasted, d, kb)
    _settle(d)
    tracebacks.settle_exit_signal(lines, d)
    return Paste(d.facts(), _merge(d.sections), d.quotes(), pasted.total_lines, pasted.name, pasted.skipped,
                 identity=identity(ln.text for ln in lines))


def keywords(kb: Knowledge | None = None) -> tuple[str, ...]:
    """Lower-case strings one of which every line that a known message could match contains: what the
    middle of a huge input is searched for. Derived from matrices/error_patterns.json (the literal runs
    of each alternative of each regex), plus the starts of tracebacks and nvidia-smi tables."""
    return (kb or load_knowledge()).derived("explain.keywords", _keywords)


def _keywords(kb: Knowledge) -> tuple[str, ...]:
    out = {"traceback (most recent call last)", "nvidia-smi", "error:"}
    hinted = {r["regex"]: r["keywords"] for r in kb.usable("error_patterns") if r.get("keywords")}
    for p in patterns(kb):
        if p.regex.pattern in hinted:  # the row names the substrings every match contains
            out.update(k.lower() for k in hinted[p.regex.pattern])
            continue
        for lit in required_literals(p.regex.pattern):
            if lit:
                out.add(lit)
                continue
            # an alternative made only of groups: the literal runs inside them, each a candidate (not the text of a
            # negative lookaround, which a match must NOT contain)
            pieces = re.split(r"\||\(\?(?:P<\w+>|[:=!]|<[=!])?|\(|\)", _without_negative_lookarounds(p.regex.pattern))
            out.update(x for x in (_longest_run(piece, 3) for piece in pieces) if x)
    return tuple(sorted(out))


def _tokens(regex: str) -> Iterator[tuple[int, str, int, bool]]:
    """(position, token, paren depth before it, inside a [...] class) for each token of a regex; an escape is one
    token, so an escaped bracket or bar is never structure."""
    depth, cls, i = 0, False, 0
    while i < len(regex):
        tok = regex[i:i + 2] if regex[i] == "\\" and i + 1 < len(regex) else regex[i]
        yield i, tok, depth, cls
        if cls:
            cls = tok != "]"
        elif tok == "[":
            cls = True
        elif tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        i += len(tok)


def _without_negative_lookarounds(regex: str) -> str:
    """The regex with its (?!...) and (?<!...) groups cut out (balanced, escapes and classes respected)."""
    out: list[str] = []
    inside: int | None = None  # the depth a negative lookaround being cut out opened at
    for i, tok, depth, cls in _tokens(regex):
        if inside is not None:
            if tok == ")" and not cls and depth == inside + 1:
                inside = None
            continue
        if not cls and regex.startswith(("(?!", "(?<!"), i):
            inside = depth
            continue
        out.append(tok)
    return "".join(out)


def required_literals(regex: str) -> list[str]:
    """For each top-level alternative of a regex, its longest run of plain characters (lower case)."""
    alternatives, buf = [], ""
    for _, tok, depth, cls in _tokens(regex):
        if tok == "|" and depth == 0 and not cls:
            alternatives.append(buf)
            buf = ""
        else:
            buf += tok
    alternatives.append(buf)
    return [_longest_run(a) for a in alternatives]


def _longest_run(alt: str, shortest: int = 4) -> str:
    runs, run, depth, cls, i = [], "", 0, False, 0
    while i < len(alt):
        c = alt[i]
        nxt = alt[i + 1] if i + 1 < len(alt) else ""
        if cls or depth:
            if cls:
                cls = c != "]"
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            elif c == "\\":
                i += 1
            i += 1
            continue
        if c == "\\":
            esc = nxt
            i += 2
            if esc.isalnum():  # \s \d \b \w ...: not a literal character
                runs.append(run)
                run = ""
                continue
            ch = esc
        elif c in "[(":
            runs.append(run)
            run = ""
            cls, depth = c == "[", 1 if c == "(" else 0
            i += 1
            continue
        elif c in ".^$)":
            runs.append(run)
            run = ""
            i += 1
            continue
        elif c in "?*{":
            runs.append(run[:-1])  # the character before is optional
            run = ""
            if c == "{":
                i = alt.find("}", i) + 1 or len(alt)
            else:
                i += 1
            continue
        elif c == "+":
            runs.append(run)
            run = ""
            i += 1
            continue
        else:
            ch = c
            i += 1
        if alt[i:i + 1] in ("?", "*") or alt[i:i + 1] == "{":
            runs.append(run)
            run = ""
            continue
        run += ch
    runs.append(run)
    best = max(runs, key=len).strip()
    return best.lower() if len(best) >= shortest else ""


def _observations(pasted: Pasted, d: Draft, kb: Knowledge) -> None:
    """Known messages, line by line, through the one matcher (reason.evidence.match_text); lines with none
    of the patterns' literal parts are skipped first, so a long log costs one substring scan per line."""
    seen: set[tuple[str, int | None]] = set()
    words = keywords(kb)
    for ln in pasted.lines:
        low = ln.text.lower()
        if ln.no in d.own_words or not any(w in low for w in words):
            continue  # hwprobe's own words in a pasted report of ours are no error message
        for o in match_text(ln.text, "paste", first_line=ln.no, kb=kb):
            if (o.code, o.line) in seen:
                continue  # two rows of one code on one line (a message and its variant)
            seen.add((o.code, o.line))
            d.observations.append(o)
            _facts_from(o, d)
    context = {r["code"] for r in kb.usable("error_patterns") if r.get("context")}
    for o in d.observations:
        if o.code not in context:  # a GPU or TPU named in prose is context, not an error line
            d.section("error_line", o.line or 1, o.line or 1)


def _torch_ran(d: Draft) -> bool:
    """Whether the lines read so far show torch imported and answering (torch.cuda.is_available() printed)."""
    return d.get("torch.build.runtime.cuda_available") is not None or any(
        x.code == "torch.cuda_available_true" for x in d.observations)


def _facts_from(o: Observation, d: Draft) -> None:
    """What a known message states as a fact, besides being evidence."""
    line = o.line or 0
    if o.values.get("library", "").lower().endswith(".dll") and not d.has("host.os"):
        d.set("host.os", "windows", line, o.text, HINT - 1)  # a DLL that did not load: this is Windows
    if o.code in ("cuda.smi_no_driver", "cuda.nvml_missing", "cuda.driver_version_mismatch", "wsl.gpu_blocked"):
        # nvidia-smi's own failure outweighs a GPU or driver the paste types (microsoft/WSL#6772: "Latest Nvidia
        # Win10 driver 465.89", then "NVIDIA-SMI has failed ..."), or a table from the Windows host beside WSL's
        # "GPU access blocked" (microsoft/WSL#10289): the NVIDIA GPU is there but not usable here
        d.set("gpu.nvidia.status", "error", line, o.text, HINT)
        d.set("gpu.nvidia.detail", "nvidia-smi failed: " + o.text.strip()[:160], line, o.text, HINT)
    if o.code == "torch.capability_not_supported" and o.values.get("sm"):
        sm = int(o.values["sm"])
        m = re.search(r"(?:^|:\s*|\s)((?:NVIDIA\s+)?[\w -]+?) with CUDA capability", o.text)
        d.gpu(None, line, o.text, model=m.group(1).strip() if m else None, compute_capability=f"{sm // 10}.{sm % 10}")
        d.set("torch.status", "ok", line, o.text, HINT)  # torch.cuda warns this after a successful import
    elif o.code == "rocm.no_binary_for_gpu" and o.values.get("gfx"):
        d.gpu(None, line, o.text, kind="rocm", vendor="amd", gfx_arch=o.values["gfx"])  # "for GPU arch : gfx1036"
    elif o.code == "python.binary_arch" and o.values.get("arch"):
        d.set("host.os", "darwin", line, o.text, HINT)  # Mach-O: a macOS binary, whatever else the paste says
        d.set("python.machine", "aarch64" if o.values["arch"] == "arm64" else "x86_64", line, o.text, HINT)
    elif o.code == "torch.own_library_missing" and not d.has("torch.status") and not _torch_ran(d) and not any(
            x.code in ("torch_ext.import_compiled", "ext.load_library", "ext.pyg_wheel", "ext.pyg_named")
            for x in d.observations):
        # torch's own libc10/libtorch: its import fails, unless the lines before show torch running or an extension
        # loading it (its `_C` import, or torch.ops.load_library wanting a library of another build, pytorch#139410)
        d.set("torch.status", "import_error", line, o.text, HINT)
        d.set("torch.detail", o.text.strip().strip("`> ")[:300], line, o.text, HINT)
    elif o.code == "container.cpu_detected" and o.values.get("cpu"):
        system.cpu_model(o.values["cpu"], d, Line(line, o.text), TOOL - 1)  # the CPU an NGC container's check names
    elif o.code == "container.id_hostname":
        d.set("host.container", "docker", line, o.text, HINT - 1)  # a container id as host name: inside a container
    elif o.code == "python.intel_homebrew":
        d.set("host.os", "darwin", line, o.text, TOOL - 1)  # Homebrew's Cellar: a Mac's Python, whatever paths say
        d.set("python.machine", "x86_64", line, o.text, HINT)  # its /usr/local prefix is the Intel one
    elif o.code == "xformers.built_for_other_torch" and o.values.get("have"):
        d.set("torch.version", o.values["have"], line, o.text, TOOL)  # "(you have 2.1.2+cpu)": the torch installed
    elif o.code == "xformers.built_for_other_python":
        d.set("python.version", o.values["have"], line, o.text, TOOL)  # "Python 3.10.11 (you have 3.10.9)"
    elif o.code == "ext.gpu_arch" and o.values.get("cc"):
        d.gpu(None, line, o.text, model=o.values.get("name"), compute_capability=o.values["cc"])
    elif o.code == "paddle.gpu_info":
        # Paddle's "GPU Compute Capability: 6.1, Driver API Version: 11.7, Runtime API Version: 11.7" (gpu_resources.cc)
        d.gpu(None, line, o.text, compute_capability=o.values["cc"])
        d.set("nvidia.max_cuda_supported", o.values["driver"], line, o.text, TOOL)
    elif o.code == "tf.gpu_capability_too_low" and o.values.get("cc"):
        d.gpu(None, line, o.text, model=o.values.get("name", "").strip() or None, compute_capability=o.values["cc"])
        d.set("tensorflow.status", "ok", line, o.text, HINT)  # TensorFlow logs this while listing its devices
    elif o.code == "pip.torch_wheel" and o.values.get("version"):
        d.package("torch", o.values["version"], line, o.text, HINT)  # the wheel pip chose or installed
        if o.values.get("plat") == "win_amd64":
            d.set("host.os", "windows", line, o.text, HINT)
    elif o.code == "tf.windows_gpu_package" and o.values.get("version"):
        d.set("host.os", "windows", line, o.text, HINT)
        d.set("tensorflow.version", o.values["version"], line, o.text, HINT)  # the release wanted, for the GPU
        d.set("tensorflow.status", "unknown", line, o.text, HINT)
    elif o.code == "tf.metal_device":
        d.set("host.os", "darwin", line, o.text, HINT)
        d.set("tensorflow.status", "ok", line, o.text, HINT)
        d.sees("tensorflow", "mps", True, line, o.text, o.values.get("name"))
    elif o.code == "torch.capability_list" and o.values.get("archs"):
        d.set("torch.build.arch_list", o.values["archs"].split(), line, o.text, TOOL)
    elif o.code == "cuda.driver_too_old" and o.values.get("found", "").isdigit():
        # The CUDA driver API encodes versions as 1000 * major + 10 * minor (cudaDriverGetVersion,
        # https://docs.nvidia.com/cuda/cuda-runtime-api/group__CUDART____VERSION.html).
        n = int(o.values["found"])
        d.set("nvidia.max_cuda_supported", f"{n // 1000}.{(n % 1000) // 10}", line, o.text, TOOL)
        if not any(g.vendor == "nvidia" for g in d.gpus):
            d.gpu(None, line, o.text)
        d.set("torch.status", "ok", line, o.text, HINT)
    elif o.code == "torch.not_compiled_with_cuda":
        d.set("torch.build.cuda", None, line, o.text, TOOL)
        d.set("torch.status", "ok", line, o.text, HINT)
    elif o.code == "torch.c_import_failed" and not d.has("torch.status"):
        d.set("torch.status", "import_error", line, o.text, HINT)
        d.set("torch.detail", o.text, line, o.text, HINT)
    elif o.code == "torch.dll_load_failed":
        # torch/__init__.py adds "Error loading <dll> or one of its dependencies" when its import fails
        d.set("torch.status", "import_error", line, o.text, TOOL)
        d.set("torch.detail", o.text, line, o.text, TOOL - 1)
    elif o.code == "mps.not_available":
        d.set("torch.status", "ok", line, o.text, HINT)


def _rocm_torch_wants_no_cuda_library(d: Draft) -> None:
    """A ROCm torch has no libtorch_cuda.so or libc10_cuda.so and never asks for one: in a paste about a ROCm torch (its
    index, its +rocm version) a missing CUDA library of torch's is wanted by something built for CUDA, an extension or
    a second torch, not by torch's own import (bark-gui#112, pytorch#139410)."""
    q = d.quote("torch.status")
    lost = next((o for o in d.observations if o.code == "torch.own_library_missing"
                 and "_cuda" in o.values.get("library", "") and q is not None and o.line == q.line), None)
    rocm = any(o.code == "pip.torch_index" and str(o.values.get("variant", "")).startswith("rocm") for o in d.observations) \
        or "+rocm" in str(d.get("torch.version", ""))
    if lost and rocm and d.get("torch.status") == "import_error":
        d.values.pop("torch.status", None)
        d.values.pop("torch.detail", None)


def _settle(d: Draft) -> None:
    """Conclusions that need the whole paste."""
    system.settle(d)
    _rocm_torch_wants_no_cuda_library(d)
    if d.get("torch.status") == "import_error_or_absent":
        q = d.quote("torch.status")
        listed = "torch" in d.packages
        d.values.pop("torch.status")
        if listed:
            d.set("torch.status", "import_error", q.line, q.text)
        elif d.has("collect_env.libraries"):  # its pip/conda lines were read and hold no torch
            d.set("torch.status", "not_installed", q.line, q.text)
    seen = d.get("tensorflow.gpu_seen")
    if seen is not None:
        q = d.quote("tensorflow.gpu_seen")
        kind = "mps" if d.get("host.os") == "darwin" else "rocm" if d.get("tensorflow.build.is_rocm_build") else "cuda"
        d.sees("tensorflow", kind, bool(seen), q.line, q.text)
    for fw in ("torch", "tensorflow"):
        if d.get(f"{fw}.status") == "ok" and not d.has(f"{fw}.version"):
            dist = fw if fw in d.packages else None
            if dist:
                d.set(f"{fw}.version", d.packages[dist][0], d.packages[dist][2].line, d.packages[dist][2].text, HINT)
    for fw in ("torch", "tensorflow"):
        v = d.values.get(f"{fw}.version")
        seen = d.package_versions.get(fw)
        if v is not None and v.priority >= TOOL and seen and not any(_same_release(v.value, x) for x in seen):
            seen.append(v.value)  # pip lists one version, Python imports another: two copies
    if d.get("host.os") == "linux" and str(d.get("host.distro", "")).lower().startswith("windows"):
        d.values.pop("host.distro", None)  # "WSL on Windows 10": the frameworks run on Linux
        d.values.pop("host.os_version", None)
    # a torch that sees a CUDA device means an NVIDIA GPU, whatever else the paste says, unless it is a ROCm torch
    # (whose torch.cuda is HIP): an AMD GPU named in a paste about ROCm (ROCm/legacy-rocm-build#1930, rocm/pytorch)
    hip = bool(d.get("torch.build.hip")) or (any(g.vendor == "amd" for g in d.gpus)
                                             and any(o.code == "rocm.wanted" for o in d.observations))
    if d.device_kinds.get("torch", {}).get("cuda", (False,))[0] and not any(g.kind == "cuda" for g in d.gpus) \
            and not hip:
        _, name, q = d.device_kinds["torch"]["cuda"]
        d.gpu(None, q.line, q.text, model=name)


def _same_release(a: str, b: str) -> bool:
    return a.split("+")[0] == b.split("+")[0]


def _merge(sections: list[Section]) -> tuple[Section, ...]:
    """Sections of one kind that touch or overlap become one."""
    out: list[Section] = []
    for s in sorted(sections, key=lambda s: (s.first_line, s.kind)):
        prev = next((o for o in reversed(out) if o.kind == s.kind), None)
        if prev is not None and s.first_line <= prev.last_line + 1:
            out[out.index(prev)] = Section(s.kind, prev.first_line, max(prev.last_line, s.last_line))
        else:
            out.append(s)
    return tuple(out)
