"""Python tracebacks and crashes as pasted: whether a framework failed to import, crashed on import,
or imported and failed later (then it is installed and importable).

Shapes: the standard "Traceback (most recent call last):" with 'File "...", line N' frames, IPython's
"----> 1 import torch" with "File c:\\...\\torch\\__init__.py:148" frames (also inside a Jupyter error
JSON), fragments cut off at either end, and a shell's crash line right after an import
(">>> import torch" then "Segmentation fault (core dumped)"; zsh: "illegal hardware instruction").
"""

from __future__ import annotations

import re
from typing import Sequence

from hwprobe.facts import R_DETAIL, SYMBOL_VERSION_MISSING, TRACEBACK_CUT_OFF
from hwprobe.parse.draft import HINT, TOOL, Draft
from hwprobe.parse.source import Line

_EXC = re.compile(r"^\s*(?:\"?message\"?:\s*\"?)?(?P<type>(?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception)|OSError|"
                  r"AssertionError|SystemError|KeyboardInterrupt)(?::\s*(?P<msg>.*?))?\s*\"?,?\s*$")
_FRAME = re.compile(r"^\s*File \"?(?P<path>[^\",]+?)\"?(?:, line \d+|:\d+)")
_IMPORT = re.compile(r"^\s*(?:-+>\s*\d+\s+|>>>\s*|\d+\s+)?(?:import|from)\s+(?P<fw>torch|tensorflow)\b")
_PY_C = re.compile(r"\bpython[\d.]*(?:\.exe)?\s+-c\s+[\"']\s*(?:import|from)\s+(?P<fw>torch|tensorflow)\b")
# glibc's strsignal() in a translated locale says it in the system's language ("Abandon (core dumped)" on a French
# system, pytorch#109929); SIGSEGV and SIGABRT in French, German, Spanish, Russian and Chinese (glibc's po files)
_LOCAL_SIGNALS = {"erreur de segmentation": "SIGSEGV", "speicherzugriffsfehler": "SIGSEGV",
                  "violación de segmento": "SIGSEGV", "ошибка сегментирования": "SIGSEGV", "段错误": "SIGSEGV",
                  "abandon": "SIGABRT", "abgebrochen": "SIGABRT", "аварийный останов": "SIGABRT", "已放弃": "SIGABRT"}
_LOCAL = "|".join(_LOCAL_SIGNALS)
_CRASH = re.compile(r"(?P<what>Segmentation fault|Illegal instruction|illegal hardware instruction|Aborted|Bus error|"
                    rf"{_LOCAL})(?: \(core dumped\))?", re.I)
# What the C++ runtime prints when an exception escapes (libc++ on macOS, libstdc++ on Linux) before SIGABRT, and
# glibc's banner for the heap corruption it aborts on ("*** Error in `/usr/bin/python2.7': free(): invalid pointer:
# 0x... ***", pytorch#2542).
_ABORT_BANNER = re.compile(r"libc\+\+abi(?:\.dylib)?: terminating(?: due to uncaught exception| with uncaught exception)?|"
                           r"terminate called after throwing an instance of|"
                           r"\*\*\* Error in `[^`']+': (?:free\(\)|double free|malloc\(\)|realloc\(\)|corrupted|munmap_chunk)")
# An ImportError/OSError whose message starts with a path inside a framework's package (its own native library).
_BARE_IMPORT_ERROR = re.compile(r"\b(?:ImportError|OSError): (?:dlopen\()?\S*?[/\\](?:site|dist)-packages[/\\]"
                                r"(?P<fw>torch|tensorflow)[/\\]\S+")
# The same for a system library that one of the framework's own needs: "ImportError: /lib/aarch64-linux-gnu/libc.so.6:
# version `GLIBC_2.28' not found (required by .../site-packages/torch/lib/libtorch_python.so)" (pytorch-aarch64#16).
_REQUIRED_BY = re.compile(r"\b(?:ImportError|OSError): .*\(required by \S*?[/\\](?:site|dist)-packages[/\\]"
                          r"(?P<fw>torch|tensorflow)[/\\]")
# ... or with the path cut to the framework's own library: "(required by .../libtorch_python.so)" (pytorch#157709).
_REQUIRED_BY_LIB = re.compile(r"\b(?:ImportError|OSError): .*\(required by [^)]*?\blib(?P<fw>torch|tensorflow)"
                              r"(?:_python|_cpu|_framework)?\.so")
# R's `library(torch)` failing ("Error: package or namespace load failed for ‘torch’", mlverse/torch#58) and R torch's
# loader of its lantern library ("Error in cpp_lantern_init(...) :", mlverse/torch#1002).
_R_LOAD_FAILED = re.compile(r"package or namespace load failed for [‘'\"`](?P<fw>torch|tensorflow)[’'\"`]|"
                            r"^\s*Error in cpp_lantern_init\(")
# torch_xla's own extension failing on a torch symbol, quoted without its traceback: "ImportError:
# /usr/local/lib/python3.7/dist-packages/_XLAC.cpython-37m-x86_64-linux-gnu.so: undefined symbol: _ZN2at..." is the
# torch_xla wheel built for another torch release (pytorch/xla#3211, #3215), torch's side of the import failing.
_XLAC_IMPORT_ERROR = re.compile(r"\bImportError: \S*?[/\\](?:site|dist)-packages[/\\]_XLAC[\w.-]*\.so: undefined symbol")
# "import torch" alone on a line, maybe under a Markdown heading or a shell prompt, any case as retyped.
_BARE_IMPORT = re.compile(r"^\s*(?:#+\s*|\$\s*)?(?:import)\s+(?P<fw>torch|tensorflow)\s*$", re.I)
# The shell's whole report of a signal, maybe under a heading: "Segmentation fault (core dumped)".
# bash's job report pads the signal's name and adds the command: "Segmentation fault      (core dumped) python test.py".
# zsh's job report puts the job and the process id first: "[1]    10389 segmentation fault  python" (faiss#4273).
_CRASH_LINE = re.compile(r"^\s*(?:#+\s*)?(?:zsh:\s*|\[\d+\]\s+(?:[+-]\s+)?\d+\s+)?(?:(?:Segmentation fault|Illegal instruction|illegal hardware "
                         r"instruction|Aborted|Bus error)(?:\s+\(core dumped\)|: \d+)?|"
                         # (a translated name only with its core-dump note: "Abandon" alone is a word)
                         rf"(?:{_LOCAL})\s*[(（](?:core dumped|Speicherabzug geschrieben|`core' generado|"
                         r"стек памяти сброшен на диск|核心已转储)[)）])(?:\s+\S+){0,3}\s*$", re.I)
# A crash named with the import it happened on, as titles and prose say it: "SIGABRT when import torch" (Open3D#922),
# "Segmentation fault when importing tensorflow".
_CRASH_SAID = re.compile(r"\b(?P<what>SIGSEGV|SIGABRT|SIGBUS|Segmentation fault|segfaults?|Aborted)\b.{0,20}?\b(?:when|on|while|after)"
                         r"\s+import(?:ing)?\s+(?P<fw>torch|tensorflow)\b", re.I)
# The same said the other way round: "Now trying ```import tensorflow``` results in a segmentation fault" (tensorflow#2197),
# "When we `import torchvision` and then `import tensorflow`, we get a `Segmentation fault (core dumped)`" (Ampere's
# model library#183: the last import named is the one that died).
_CRASH_SAID_AFTER = re.compile(r"\bimport(?:ing)?\s+`*(?P<fw>torch|tensorflow)\b`*\s*(?:\s(?:results? in|causes|gives|leads to|"
                               r"ends in|crashes with)|,?\s+(?:we|I|you)\s+(?:get|got|see|saw|hit))\s+(?:an?\s+)?`*"
                               r"(?P<what>SIGSEGV|SIGABRT|SIGBUS|Segmentation fault|segfault|Aborted)\b", re.I)
_SAID_SIGNALS = {"sigsegv": "SIGSEGV", "sigabrt": "SIGABRT", "sigbus": "SIGBUS", "segmentation fault": "SIGSEGV",
                 "segfault": "SIGSEGV", "segfaults": "SIGSEGV", "aborted": "SIGABRT"}
# A shared library that did not load, quoted without its traceback: "ImportError: libhsa-runtime64.so.1: cannot open
# shared object file" (ROCm/legacy-rocm-build#1852, after `import tensorflow as tf`), or a test harness's own report
# of it: "[ERROR] Failed to retrieve GPU info: ERROR:libhipfile.so.0: cannot open shared object file" (TheRock#7329,
# "at `import torch`").
_LIB_IMPORT_ERROR = re.compile(r"\b(?:ImportError: |ERROR:)(lib[\w.+-]+\.so[\d.]*): cannot open shared object file")
# A gdb backtrace frame in a framework's native library: "#3  0x00007ffff534d45d in ... from /x/libtorch_python.so".
_GDB_FRAME = re.compile(r"^#\d+\s+0x[0-9a-f]+ in .* from \S*?(?P<lib>libtorch\w*\.so|libtensorflow\w*\.so\S*|"
                        r"_pywrap_tensorflow\w*\.so|(?<=/torch/lib/)lib(?:caffe2|c10|shm)\w*\.so)\b")
_SIGNALS = {"segmentation fault": "SIGSEGV", "illegal instruction": "SIGILL", "illegal hardware instruction": "SIGILL",
            "aborted": "SIGABRT", "bus error": "SIGBUS"}
# faulthandler also names SIGFPE ("Fatal Python error: Floating point exception").
_FATAL_SIGNALS = {**_SIGNALS, **_LOCAL_SIGNALS, "floating point exception": "SIGFPE"}
# The import chain of each framework: a failure with one of these frames happened while importing it.
_ROOTS = {
    "torch": re.compile(r"[/\\]torch[/\\](?:__init__\.pyc?|_C\b|lib[/\\])"),
    "tensorflow": re.compile(r"[/\\]tensorflow(?:[/\\]python)?[/\\](?:__init__\.py|pywrap_\w+\.py|client[/\\]pywrap_\w+\.py|"
                             r"platform[/\\]self_check\.py)|[/\\]tensorflow_core[/\\]"),
}
_INSIDE = {"torch": re.compile(r"[/\\]torch[/\\]\w"), "tensorflow": re.compile(r"[/\\]tensorflow[/\\]\w")}


def _crashed(d: Draft, fw: str, signal: str, detail: str, line: int, text: str, priority: int) -> None:
    """One framework's process died of `signal`: its status, signal and what the paste says of it, from one line."""
    d.set(f"{fw}.status", "crashed", line, text, priority)
    d.set(f"{fw}.signal", signal, line, text, priority)
    d.set(f"{fw}.detail", detail, line, text, priority)


def _known(d: Draft) -> list[str]:
    """The frameworks whose version (or package) the paste shows."""
    return [fw for fw in ("torch", "tensorflow") if d.has(f"{fw}.version") or fw in d.packages]


def read(lines: Sequence[Line], d: Draft) -> None:
    n = len(lines)
    i = 0
    while i < n:
        t = lines[i].text
        if _STACK.match(t):  # a faulthandler stack (read by _faulthandler), not a traceback
            i += 1
            while i < n and _FRAME.match(lines[i].text.replace("\\\\", "\\")):
                i += 1
            continue
        if re.search(r"Traceback \(most recent call last\)", t) or _FRAME.match(t.replace("\\\\", "\\")):
            i = _traceback(lines, i, d)
            continue
        m = _IMPORT.match(t) if ">" in t else None
        m = m if m and re.match(r"^\s*(?:>>>|-+>)", t) else _PY_C.search(t)
        if m and t.lstrip().startswith("Starting program:"):
            _gdb_signal(lines, i, m.group("fw"), d)  # gdb's `r -c 'import torch'`: its "Program received signal"
        elif m:  # typed at a prompt: the lines after it are its outcome
            _crash_after(lines, i, m.group("fw"), d)
        elif "mport" in t or "MPORT" in t:
            bare = _BARE_IMPORT.match(t)
            if bare:  # "import torch" alone on a line (retyped, or a heading): only a crash right after it counts
                _crash_after(lines, i, bare.group("fw").lower(), d, next_only=True)
        if t.startswith("#") and (g := _GDB_FRAME.match(t)):
            lib = g.group("lib").lower()
            fw = "torch" if "torch" in lib else "tensorflow"
            if not d.has(f"{fw}.status"):
                d.set(f"{fw}.status", "crashed", lines[i].no, t, TOOL - 1)
                d.set(f"{fw}.detail", f"a native crash inside {g.group('lib')} (gdb backtrace)", lines[i].no, t, TOOL - 1)
                d.section("gdb", lines[i].no, lines[i].no)
        i += 1
    _faulthandler(lines, d)
    known = _known(d)
    if not known:  # no version shown: the one framework whose installed files the paste's paths or frames name
        known = sorted({m.group(1).lower() for ln in lines if "-packages" in ln.text
                        for m in _PACKAGE_PATH.finditer(ln.text)})
    imported = {(m.group(1) or m.group(2)).lower() for ln in lines if "mport" in ln.text for m in _IMPORTED.finditer(ln.text)}
    _crash_beside_one_import(lines, d, imported or set(known))
    _windows_fault(lines, d, imported or set(known))
    for k, ln in enumerate(lines):
        if "mport" in ln.text and (said := _CRASH_SAID.search(ln.text) or _CRASH_SAID_AFTER.search(ln.text)) \
                and not d.has(f"{said.group('fw').lower()}.status"):
            fw = said.group("fw").lower()
            _crashed(d, fw, _SAID_SIGNALS[said.group("what").lower()], f"`import {fw}` died: {ln.text.strip()[:200]}",
                     ln.no, ln.text, HINT)
        if len(imported) == 1 and "' not found" in ln.text and SYMBOL_VERSION_MISSING.search(ln.text) \
                and not re.search(r"\(required by (?![^)]*[/\\](?:torch|tensorflow)[/\\])", ln.text):
            # "when I run `import torch` ... libstdc++.so.6: version `GLIBCXX_3.4.29' not found" (trixie#97): the
            # loader refused a library the one framework imported needs, so the import failed
            fw = next(iter(imported))
            if not d.has(f"{fw}.status"):
                d.set(f"{fw}.status", "import_error", ln.no, ln.text, HINT)
                d.set(f"{fw}.detail", ln.text.strip().strip("`> ")[:300], ln.no, ln.text, HINT)
        if len(imported) == 1 and "shared object" in ln.text and (lib := _LIB_IMPORT_ERROR.search(ln.text)):
            fw = next(iter(imported))
            if not d.has(f"{fw}.status"):
                d.set(f"{fw}.status", "import_error", ln.no, ln.text, HINT)
                d.set(f"{fw}.detail", ln.text.strip().strip("`> ")[:300], ln.no, ln.text, HINT)
        if len(known) == 1 and "fatal exception: access violation" in ln.text and not d.has(f"{known[0]}.status"):
            # faulthandler on Windows ("Windows fatal exception: access violation"): the process died of the
            # segfault's Windows twin; with one framework in the paste it is that one's process (SeedVR2#552)
            _crashed(d, known[0], "SIGSEGV", ln.text.strip()[:200], ln.no, ln.text, HINT)
        if len(known) == 1 and _ABORT_BANNER.search(ln.text) and not d.has(f"{known[0]}.status"):
            # An uncaught C++ exception (or glibc's heap check) ends the process with SIGABRT; with one framework in
            # the paste it is that one's.
            _crashed(d, known[0], "SIGABRT", ln.text.strip()[:200], ln.no, ln.text, HINT)
        m = (_BARE_IMPORT_ERROR.search(ln.text) or _REQUIRED_BY.search(ln.text) or _REQUIRED_BY_LIB.search(ln.text)) \
            if "Error:" in ln.text else None
        fw = m.group("fw") if m else "torch" if "_XLAC" in ln.text and _XLAC_IMPORT_ERROR.search(ln.text) else None
        if fw and not d.has(f"{fw}.status"):
            # "ImportError: .../site-packages/torch/lib/libgomp.so.1: version `GOMP_4.0' not found": a library inside
            # the framework (or torch_xla's _XLAC beside it) failed to load, so importing it failed (quoted without
            # its traceback).
            d.set(f"{fw}.status", "import_error", ln.no, ln.text, TOOL - 1)
            d.set(f"{fw}.detail", ln.text.strip().lstrip("> ")[:300], ln.no, ln.text, TOOL - 1)
        if ("load failed for" in ln.text or "cpp_lantern_init" in ln.text) and (r := _R_LOAD_FAILED.search(ln.text)) \
                and not d.has(f"{(fw := (r.group('fw') or 'torch').lower())}.status"):
            # R's torch and tensorflow packages: the namespace (or torch's lantern library) failed to load, R's import
            # failure (mlverse/torch#58, #1002); its cause is on the lines that follow
            rest = " ".join(x.text.strip() for x in lines[k + 1:k + 4] if x.text.startswith((" ", "\t")))
            d.set(f"{fw}.status", "import_error", ln.no, ln.text, TOOL - 1)
            d.set(f"{fw}.detail", f"{R_DETAIL}{ln.text.strip()} {rest}".strip()[:300], ln.no, ln.text, TOOL - 1)
        if "Failed to load the native TensorFlow runtime" in ln.text:
            d.set("tensorflow.status", "import_error", ln.no, ln.text, TOOL)
            d.set("tensorflow.detail", ln.text.strip(), ln.no, ln.text, HINT)
        m = re.search(r"No module named '(torch|tensorflow)'", ln.text)
        if m:
            d.set(f"{m.group(1)}.status", "not_installed", ln.no, ln.text, TOOL)
            d.set(f"{m.group(1)}.detail", ln.text.strip(), ln.no, ln.text, TOOL)


def _traceback(lines: Sequence[Line], i: int, d: Draft) -> int:
    """One traceback from line i; returns the index after it."""
    start = i
    frames: list[str] = []
    imports: set[str] = set()
    exc: Line | None = None
    j = i + 1 if "Traceback" in lines[i].text else i
    blank = 0
    while j < len(lines):
        t = lines[j].text.replace("\\\\", "\\")
        f = _FRAME.match(t)
        if f:
            frames.append(f.group("path"))
        m = _IMPORT.match(t)
        if m:
            imports.add(m.group("fw"))
        e = _EXC.match(t)
        if e and not f and j > start:
            exc = lines[j]
            j += 1
            break
        if not t.strip():
            blank += 1
            if blank > 2:
                break
        else:
            blank = 0
        if j - start > 200:
            break
        j += 1
    d.section("traceback", lines[start].no, lines[min(j, len(lines)) - 1].no)
    detail = exc.text.strip().strip('",')[:300] if exc else None
    where = exc or lines[start]
    for fw in ("torch", "tensorflow"):
        in_chain = any(_ROOTS[fw].search(p) for p in frames)
        inside = any(_INSIDE[fw].search(p) for p in frames)
        exc_type = _EXC.match(exc.text).group("type") if exc else ""
        if exc_type == "ModuleNotFoundError" and re.search(rf"No module named '{fw}'", exc.text):
            continue  # read as not_installed in read()
        importish = exc is None or exc_type.endswith(("ImportError", "ModuleNotFoundError", "OSError", "AttributeError",
                                                     "RuntimeError", "ValueError", "SystemError",
                                                     "NotFoundError"))  # TF's load_library on a plugin
        if (in_chain or (fw in imports and not inside and exc is not None)) and importish and _import_failed(frames, fw):
            d.set(f"{fw}.status", "import_error", where.no, where.text, TOOL)
            d.set(f"{fw}.detail", detail or TRACEBACK_CUT_OFF, where.no, where.text, TOOL)
        elif inside:
            d.set(f"{fw}.status", "ok", where.no, where.text, HINT)  # it imported, then failed in its code
    return max(j, i + 1)


# CPython's faulthandler (python -X faulthandler, https://docs.python.org/3/library/faulthandler.html) prints
# "Fatal Python error: Segmentation fault", a blank line, then "Current thread 0x... (most recent call first):"
# and one 'File "...", line N in <function>' per frame.
_STACK = re.compile(r"^\s*(?:Current thread|Thread) 0x[0-9a-fA-F]+ \(most recent call first\):")
_FATAL = re.compile(r"Fatal Python error: (?P<what>Segmentation fault|Illegal instruction|Aborted|Bus error|"
                    r"Floating point exception)", re.I)


def _faulthandler(lines: Sequence[Line], d: Draft) -> None:
    """A faulthandler dump whose stack is in a framework's import chain: that import crashed with the signal."""
    for i, ln in enumerate(lines):
        m = _FATAL.search(ln.text) if "Fatal Python error" in ln.text else None
        if not m:
            continue
        frames = [f.group("path") for x in lines[i + 1:i + 60] if (f := _FRAME.match(x.text.replace("\\\\", "\\")))]
        for fw in ("torch", "tensorflow"):
            if any(_ROOTS[fw].search(p) for p in frames):
                sig = _FATAL_SIGNALS[m.group("what").lower()]
                _crashed(d, fw, sig, f"`import {fw}` died: {ln.text.strip()[:200]}", ln.no, ln.text, TOOL)
                d.section("error_line", ln.no, ln.no)


# A framework's installed files in a path or a frame: ".../site-packages/torch/lib/libshm.so(...)".
_PACKAGE_PATH = re.compile(r"[/\\](?:site|dist)-packages[/\\](torch|tensorflow)[/\\]", re.I)
# "import torch", and the framework named before "import it" in one sentence ("`torch` seems to be successfully
# installed, but when I try to import it I get", aieater/rocm_pytorch_informations#7)
_IMPORTED = re.compile(r"\bimport(?:ing|ed)?\s+(torch|tensorflow)\b|"
                       r"\b(torch|tensorflow)\b[^.\n]{0,80}?\bimport(?:ing)?\s+it\b", re.I)


def _crash_beside_one_import(lines: Sequence[Line], d: Draft, imported: set[str]) -> None:
    """A segfault (abort, bus error) on a line of its own in a paste that imports one framework and no other (or,
    with no import shown, names one framework's version): that framework's process died, on import or in the REPL
    session after it (hughperkins/pytorch#44: `>>> import torch`, `>>> torch.zeros(10)`, "Fatal Python error:
    Segmentation fault"; pytorch#181499: a ROCm nightly's version, then "Aborted (core dumped) python"). A SIGILL is
    left to the CPU and Rosetta rules."""
    if len(imported) != 1:
        return
    fw = next(iter(imported))
    if d.has(f"{fw}.status"):
        return
    for ln in lines:
        t = ln.text
        if "Program received signal" in t:  # gdb stopped the process on it (tensorflow#2034: SIGSEGV under scipy)
            g = _GDB_SIGNAL.match(t)
            sig = g.group("sig") if g and g.group("sig") in _GDB_FATAL else None
        else:
            m = _FATAL.search(t) if "Fatal Python error" in t else _CRASH.search(t) if _CRASH_LINE.match(t) else None
            sig = _FATAL_SIGNALS[m.group("what").lower()] if m else None
        if sig and sig != "SIGILL":
            _crashed(d, fw, sig, f"a process that imported {fw} died: {t.strip()[:200]}", ln.no, t, HINT)
            d.section("error_line", ln.no, ln.no)
            return


# Windows' Application Error event for a crashed python.exe (Event Viewer): its exception code is the signal's twin.
_FAULT_APP = re.compile(r"^\s*Faulting application name: python\w*\.exe\b", re.I)
_FAULT_MODULE = re.compile(r"^\s*Faulting module name: (?P<module>[^,\s]+)", re.I)
_FAULT_CODE = re.compile(r"^\s*Exception code: (?P<code>0x[0-9a-f]{8})\b", re.I)
# NTSTATUS codes of ntstatus.h: STATUS_ACCESS_VIOLATION, STATUS_ILLEGAL_INSTRUCTION, STATUS_STACK_BUFFER_OVERRUN
# (https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/specific-exceptions names them)
# An access violation is the segfault's twin (as for faulthandler's "Windows fatal exception"); a fail-fast has none.
_NTSTATUS = {"0xc0000005": "SIGSEGV", "0xc000001d": "SIGILL", "0xc0000409": "STATUS_STACK_BUFFER_OVERRUN (0xc0000409)"}


def _windows_fault(lines: Sequence[Line], d: Draft, imported: set[str]) -> None:
    """Event Viewer's record of python.exe faulting, in a paste that imports one framework (pytorch#96998: nvcuda64.dll,
    0xc0000409, at torch.cuda.is_available()): that framework's process died. 0xc0000005 is an access violation (a
    segfault), 0xc000001d an illegal instruction, 0xc0000409 a fail-fast abort (a stack buffer overrun check)."""
    if len(imported) != 1:
        return
    fw = next(iter(imported))
    for i, ln in enumerate(lines):
        if "Faulting application" not in ln.text or not _FAULT_APP.match(ln.text) or d.has(f"{fw}.status"):
            continue
        module = code = None
        for nxt in lines[i + 1:i + 6]:
            module = module or ((m := _FAULT_MODULE.match(nxt.text)) and m.group("module"))
            if (m := _FAULT_CODE.match(nxt.text)):
                code, at = m.group("code").lower(), nxt
        if not code or code not in _NTSTATUS:
            continue
        _crashed(d, fw, _NTSTATUS[code], f"a process that imported {fw} died: python.exe faulted"
                 + (f" in {module}" if module else "") + f" with exception {code} (Windows Event Viewer)",
                 at.no, at.text, HINT)
        return


def _import_failed(frames: list[str], fw: str) -> bool:
    """A failure in the import chain, not in code that runs after a successful import."""
    if not frames:
        return True
    later = [p for p in frames if _INSIDE[fw].search(p) and not _ROOTS[fw].search(p)]
    chain = [p for p in frames if _ROOTS[fw].search(p)]
    if fw == "tensorflow":
        return bool(chain) or not later
    return bool(chain) and frames.index(chain[0]) <= (frames.index(later[0]) if later else len(frames))


_GDB_SIGNAL = re.compile(r"^\s*Program received signal (?P<sig>SIG[A-Z]+)\b")
# The signals gdb reports that end a process (not SIGTRAP, SIGINT or the real-time ones it stops on as well).
_GDB_FATAL = {"SIGSEGV", "SIGABRT", "SIGBUS", "SIGFPE"}
# PyCharm's "Process finished with exit code 139 (interrupted by signal 11: SIGSEGV)": the signal by its number
# (signal(7): 4 SIGILL, 6 SIGABRT, 7 SIGBUS on x86, 8 SIGFPE, 11 SIGSEGV), whatever the name is typed as.
_EXIT_SIGNAL = re.compile(r"\bexit code \d+ \(interrupted by signal (?P<n>\d+)\b", re.I)
_SIGNAL_NUMBERS = {4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 11: "SIGSEGV"}


def settle_exit_signal(lines: Sequence[Line], d: Draft) -> None:
    """An IDE's report that the run was killed by a signal, in a paste that names one framework's version and nothing
    else about its state (pytorch#13123: "torch version 0.4.1" in prose, PyCharm's exit code 139): its process died.
    Run when every reader is done, since prose, where the version may be, is read after the tracebacks."""
    known = _known(d)
    if len(known) != 1 or d.has(f"{known[0]}.status"):
        return
    fw = known[0]
    for ln in lines:
        if "interrupted by signal" in ln.text and (e := _EXIT_SIGNAL.search(ln.text)):
            sig = _SIGNAL_NUMBERS.get(int(e.group("n")))
            if sig and sig != "SIGILL":  # a SIGILL is left to the CPU and Rosetta rules
                _crashed(d, fw, sig, f"a process that imported {fw} died: {ln.text.strip()[:200]}", ln.no, ln.text,
                         HINT)
            return


def _gdb_signal(lines: Sequence[Line], i: int, fw: str, d: Draft) -> None:
    """gdb running `python -c 'import torch'` (pytorch#90749): the signal it reports, past its thread and fork
    notices, is the import's, whatever frame it stopped in."""
    for nxt in lines[i + 1:i + 15]:
        if (m := _GDB_SIGNAL.match(nxt.text)):
            _crashed(d, fw, m.group("sig"), f"`import {fw}` died: {nxt.text.strip()[:200]}", nxt.no, nxt.text, TOOL)
            d.section("error_line", nxt.no, nxt.no)
            return
        if nxt.text.lstrip().startswith(("Starting program:", "(gdb)", "[Inferior")):
            return


def _crash_after(lines: Sequence[Line], i: int, fw: str, d: Draft, next_only: bool = False) -> None:
    for nxt in lines[i + 1:i + 4]:
        t = nxt.text
        if not t.strip():
            continue
        m = _CRASH.search(t)
        if m and m.group("what").lower() in _LOCAL_SIGNALS and not _CRASH_LINE.match(t):
            m = None  # a translated name is a crash only as the shell's whole line
        if next_only and not (m and _CRASH_LINE.match(t)):
            return
        if m and not re.search(r"Error:|Traceback", t):
            sig = _FATAL_SIGNALS[m.group("what").lower()]
            _crashed(d, fw, sig, f"`import {fw}` died: {t.strip()[:200]}", nxt.no, t, TOOL)
            d.section("error_line", nxt.no, nxt.no)
            return
        if t.lstrip().startswith((">>>", "$", "Traceback")):
            return
