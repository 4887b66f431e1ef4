"""host.*: the interpreter itself stands in the way (an x86_64 Python under Rosetta on Apple Silicon)."""

from __future__ import annotations

import re
from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import in_range, parse
from hwprobe.report import Finding


def sigill(facts: Facts, kb: Knowledge) -> list:
    """The evidence that a framework died of SIGILL: its probe's signal, or a pasted 'illegal instruction'."""
    crashed = [f"{fw.name} died of SIGILL" for fw in facts.frameworks if fw.status == "crashed" and fw.signal == "SIGILL"]
    return crashed + [c.quote(o) for o in c.find(c.obs(facts, kb), "cpu.illegal_instruction")]


def avx_refused(facts: Facts, kb: Knowledge) -> list:
    """jaxlib's or TensorFlow's own refusal to start without AVX (or MKL's warning that it found none): under
    Rosetta 2, which translates no AVX, the same as on a CPU without it (jaxlib's newer message says so:
    'frequently encountered on macOS when running an x86 Python installation on ARM hardware')."""
    # (and a program's or the user's "CPU does not support AVX", gpt4all#2744 on an M1: only a translated process lacks it)
    return [c.quote(o) for o in c.find(c.obs(facts, kb), "jax.avx_required", "tf.avx_required", "mkl.no_avx",
                                       "cpu.avx_lack_said")]


def _arch_said(facts: Facts, kb: Knowledge, code: str, arch: str) -> list:
    """Observations of `code` (python.binary_arch: `file` on the interpreter; host.shell_arch: uname's last field)
    that name `arch`."""
    return [o for o in c.find(c.obs(facts, kb), code) if o.values.get("arch") == arch]


def likely_rosetta(facts: Facts, kb: Knowledge) -> tuple[bool, tuple[str, ...]]:
    """(translated or probably so, evidence). Known: sysctl.proc_translated, or an x86_64 Python on an arm64
    Mac. Probable (a paste that does not say the Mac's architecture): a framework died of SIGILL on macOS
    (Rosetta 2 translates no AVX, which TensorFlow's x86_64 wheels need), or `file` shows an x86_64-only Python."""
    py = facts.host.python
    if facts.host.os != "darwin" or py.is_rosetta is False or py.machine in ("arm64", "aarch64"):
        return False, ()
    if c.find(c.obs(facts, kb), "host.qemu_emulated"):
        return False, ()  # QEMU emulates the CPU (an amd64 container on Apple Silicon, envd#881), not Rosetta
    major = re.match(r"(\d+)", facts.host.os_version or "")
    if major and int(major.group(1)) == 10:
        # Apple Silicon Macs run macOS 11 (Big Sur) or later: a Mac on 10.x is an Intel Mac, with no Rosetta 2
        # (tensorflow#25822: High Sierra 10.13.6). (Rosetta 2 first shipped in macOS 11.0,
        # https://developer.apple.com/documentation/apple-silicon/about-the-rosetta-translation-environment)
        return False, ()
    if c.known_rosetta(facts):
        # (is_rosetta is a fact, whether sysctl printed it or the paste said so in words: no tool is named)
        return True, (f"python{' ' + py.version if py.version else ''} reports machine {py.machine or 'x86_64'} on "
                      "an arm64 Mac" + (" (translated by Rosetta 2)" if py.is_rosetta else ""),)
    if facts.host.arch == "x86_64" and py.is_rosetta is None and not c.partial(facts):
        return False, ()  # an Intel Mac
    binary = _arch_said(facts, kb, "python.binary_arch", "x86_64")
    translated = _arch_said(facts, kb, "host.shell_arch", "x86_64")
    ill = sigill(facts, kb) + avx_refused(facts, kb)
    if facts.host.arch == "x86_64" and not binary:
        return False, ()
    arm = arm_wheel_refused(facts, kb) + arm_module_refused(facts, kb) + intel_offer(facts, kb) + intel_homebrew(facts, kb) \
        + arm_only_package_refused(facts, kb) + c.find(c.obs(facts, kb), "python.x86_on_apple_silicon")  # MuJoCo's check
    if binary or ill or arm:
        return True, tuple(c.quote(o) for o in (binary + translated + arm)[:1]) + tuple(ill[:1])
    return False, ()


def _apple_silicon(facts: Facts) -> bool:
    """The paste places the Mac on Apple Silicon (an arm64 OS architecture, or an Apple chip)."""
    return facts.host.arch == "aarch64" or facts.cpu.vendor == "Apple"


def intel_homebrew(facts: Facts, kb: Knowledge) -> list:
    """A Homebrew Python from /usr/local on an Apple Silicon Mac: Homebrew's Intel prefix, so an x86_64 interpreter
    (transcribe-anything#52: /usr/local/Cellar/python@3.10 on an M1)."""
    if facts.host.os not in ("darwin", None) or not _apple_silicon(facts):
        return []
    return c.find(c.obs(facts, kb), "python.intel_homebrew")


def _release_key(version: str) -> tuple[int, ...]:
    """A version's first three numbers, for ordering what pip offered ('2.2.0', '1.13.1+cpu')."""
    return tuple(int(x) for x in re.findall(r"\d+", version)[:3])


def intel_offer(facts: Facts, kb: Knowledge) -> list:
    """pip on Apple Silicon offering torch or TensorFlow only up to the last release with Intel-Mac wheels
    (medaka#526: "from versions: ... 2.2.2" on an M1): pip chose wheels for an x86_64 interpreter."""
    if facts.host.os != "darwin" or not _apple_silicon(facts):
        return []
    last = dict(_last_intel_mac(kb))
    out = []
    for o in c.find(c.obs(facts, kb), "pip.no_satisfying_version"):
        name = _package(o)
        offered = [v.strip() for v in (o.values.get("versions") or "").split(",") if re.match(r"\d", v.strip())]
        if name in last and offered:
            newest = max(offered, key=_release_key)
            row = cat.release_of(kb, name, newest)
            # (a pin older than the newest offered and itself left out has Intel-Mac wheels too, so the platform does
            # not explain it; its missing wheel for this Python does: torch==2.1.2 with "from versions: 2.2.0" is
            # Python 3.12, transcribe-anything#16)
            pin = re.search(r"===?\s*(\d[\w.]*)", o.values.get("requirement", ""))
            skipped = bool(pin and pin.group(1) not in offered and _release_key(pin.group(1)) < _release_key(newest))
            if row is not None and row["release"] == last[name] and not skipped:
                out.append(o)
    return out


def arm_module_refused(facts: Facts, kb: Knowledge) -> list:
    """macOS's loader refusing an arm64 extension in an x86_64 process: arm64 packages exist only where pip ran
    natively on Apple Silicon, so the interpreter that imports them runs translated."""
    return [o for o in c.find(c.obs(facts, kb), "python.loader_arch")
            if o.values.get("arch") == "x86_64" and o.values.get("have", "").startswith("arm64")]


def arm_wheel_refused(facts: Facts, kb: Knowledge) -> list:
    """pip refusing a macOS arm64 wheel whose Python tag fits (or the Python is not said): the interpreter is not arm64."""
    py = (facts.host.python.version or "").split(".")
    tag = f"cp{py[0]}{py[1]}" if len(py) >= 2 else None
    return [o for o in c.find(c.obs(facts, kb), "pip.unsupported_wheel")
            if o.values.get("plat", "").startswith("macosx") and o.values.get("plat", "").endswith("arm64")
            and (tag is None or o.values.get("py") in (tag, "py3")) and not _macos_below_tag(facts, o)]


def _macos_below_tag(facts: Facts, o) -> bool:  # noqa: ANN001
    """A macOS wheel tag names the oldest macOS it installs on ('macosx_14_4_arm64': 14.4); a Mac whose version the
    paste does not give, or gives older, may refuse it for that alone (mediapipe-extended#3), not for its Python."""
    m = re.match(r"macosx_(\d+)_(\d+)_", o.values.get("plat", ""))
    if not m or (int(m.group(1)), int(m.group(2))) <= (11, 0):
        return False  # arm64 wheels need macOS 11 at least, which every Apple Silicon Mac runs
    have = re.match(r"(\d+)(?:\.(\d+))?", facts.host.os_version or "")
    return have is None or (int(have.group(1)), int(have.group(2) or 0)) < (int(m.group(1)), int(m.group(2)))


def _package(o) -> str:  # noqa: ANN001
    return re.split(r"[<>=~!\[ ;]", o.values.get("requirement", ""), maxsplit=1)[0].lower()


def _minor(version: str | None) -> str | None:
    return ".".join(version.split(".")[:2]) if version and re.match(r"\d+\.\d+", version) else None


def arm_only_package_refused(facts: Facts, kb: Knowledge) -> list:
    """pip on Apple Silicon finding no release at all of a package whose PyPI wheels for this Python are arm64 only on
    macOS (mlx, any Python; mediapipe from 0.10.30): pip chose wheels for an x86_64 interpreter (mlx#200's note)."""
    if facts.host.os != "darwin" or not _apple_silicon(facts):
        return []
    minor = _minor(facts.host.python.version)
    macos = parse(facts.host.os_version)
    out = []
    for o in c.find(c.obs(facts, kb), "pip.from_versions_none", "pip.no_matching_distribution"):
        name = _package(o)
        rows = cat.wheel_rows(kb, name) if name else []
        arm = [e for r in rows if (e := r["platforms"].get("darwin-aarch64"))
               and (minor is None or in_range(minor, e["python"]))
               and (macos is None or not e.get("min_os") or macos >= parse(e["min_os"]))]
        intel = [e for r in rows if (e := r["platforms"].get("darwin-x86_64"))
                 and (minor is None or in_range(minor, e["python"]))]
        if arm and not intel:
            out.append(o)
    return out


def _intel_mac_without_wheels(facts: Facts, kb: Knowledge) -> tuple[list, dict | None]:
    """uv's hint that a torch or TensorFlow release has no wheel for this interpreter's macosx_..._x86_64 tag, for a
    release that ships none for Intel Macs (its torch_releases / tf_releases row has no darwin x86_64 entry)."""
    for o in c.find(c.obs(facts, kb), "uv.platform_without_wheel"):
        plat, name = o.values.get("plat", ""), o.values.get("name", "").lower()
        if not (plat.startswith("macosx") and plat.endswith("x86_64")) or name not in ("torch", "tensorflow"):
            continue
        row = cat.release_of(kb, name, o.values.get("version"))
        if row is not None and cat.platform_entry(row, "darwin", "x86_64") is None:
            return [o], row
    return [], None


def _last_intel_mac(kb: Knowledge) -> list[tuple[str, str]]:
    """The newest torch and TensorFlow releases with macOS x86_64 wheels, from the release tables."""
    out = []
    for name in ("torch", "tensorflow"):
        rows = [r for r in cat.releases(kb, name) if cat.platform_entry(r, "darwin", "x86_64")]
        if rows:
            out.append((name, cat.newest_first(rows)[0]["release"]))
    return out


@rule
def rosetta_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    py = facts.host.python
    translated, evidence = likely_rosetta(facts, kb)
    if not translated:
        intel, row = _intel_mac_without_wheels(facts, kb)
        if intel and facts.host.arch not in ("x86_64",) and py.is_rosetta is not False:
            # An x86_64 interpreter on a Mac whose architecture the paste does not give: Rosetta on Apple Silicon
            # (transcribe-anything#77) or an Intel Mac, which no release since then supports. A lead; uname tells.
            o = intel[0]
            fix = cat.fix(kb, "macos.arm64_python")
            yield Finding(
                code="host.rosetta_python", severity="info", subject="python", device_kind="mps",
                message=(f"This Python is x86_64 (uv chose wheels for {o.values['plat']}), and {o.values['name']} "
                         f"{o.values['version']} has no macOS wheels for x86_64. On an Apple Silicon Mac that means "
                         "the Python runs under Rosetta 2: use a native arm64 Python"
                         + (f"; {fix['note']}" if fix else "") + ". On an Intel Mac no newer release installs: "
                         + " and ".join(f"{n} {v}" for n, v in _last_intel_mac(kb))
                         + " were the last with Intel-Mac wheels. `uname -m` in a new terminal and "
                         "`sysctl -n sysctl.proc_translated` tell which (arm64, or 1: Rosetta)."),
                fix=tuple(fix["commands"]) if fix else (), sources=cat.source_urls([row, fix]),
                evidence=tuple(c.quote(x) for x in intel),
            )
        return
    # a program's own check of platform.machine() on Apple Silicon hardware (MuJoCo's, safety-gymnasium#119) knows it too
    checked = bool(c.find(c.obs(facts, kb), "python.x86_on_apple_silicon"))
    known = c.known_rosetta(facts) or checked
    offer = intel_offer(facts, kb)
    brew = intel_homebrew(facts, kb)
    arm_only = arm_only_package_refused(facts, kb)
    shown = known or bool(_arch_said(facts, kb, "python.binary_arch", "x86_64")
                          or _arch_said(facts, kb, "host.shell_arch", "x86_64") or arm_wheel_refused(facts, kb)
                          or arm_module_refused(facts, kb) or offer or brew or arm_only)
    # A SIGILL alone reads as Rosetta because a Rosetta terminal or an x86_64-only Python are its usual causes on
    # Apple Silicon, but it shows neither (an Intel Mac without AVX, or a build for another CPU, die the same way):
    # a possibility to check, which the next step settles. A native shell in the paste even rules the first out.
    # Apple Silicon stated (an arm64 OS arch, an Apple chip) leaves Rosetta as the one usual cause of the SIGILL:
    # a native arm64 TensorFlow needs no AVX. Still not shown, so a likely cause, not a known one.
    native = bool(_arch_said(facts, kb, "host.shell_arch", "arm64"))  # no Rosetta terminal
    apple = facts.host.arch in ("aarch64", "arm64") or facts.cpu.vendor == "Apple"
    ill = sigill(facts, kb)
    no_avx = ill + avx_refused(facts, kb)
    guess = not shown and not (apple and no_avx and not native)
    row = cat.fix(kb, "macos.arm64_python")
    cmds = list(row["commands"]) if row else []
    _, srcs, summary = c.fix_commands(facts, kb, "torch", "mps", remove=(), python=py.version, arch="aarch64")
    offered = offer[0].values.get("versions", "").split(",")[-1].strip() if offer else ""
    head = ("This Python is an x86_64 build running under Rosetta 2 on Apple Silicon"
            + (" (the program's own check says so)" if checked and not c.known_rosetta(facts) else "") if known else
            f"This Python most likely runs under Rosetta 2: on Apple Silicon pip offers only releases up to "
            f"{offered}, the last with Intel-Mac wheels, so it chose wheels for an x86_64 interpreter" if offer else
            "This Python most likely runs under Rosetta 2: it is Homebrew's from /usr/local, the Intel-Mac prefix "
            "(Homebrew on Apple Silicon installs to /opt/homebrew), on an Apple Silicon Mac" if brew else
            f"This Python most likely runs under Rosetta 2: pip found no {_package(arm_only[0])} at all on this Apple "
            f"Silicon Mac, and its macOS wheels{' for Python ' + _minor(py.version) if _minor(py.version) else ''} "
            "are arm64 only (PyPI's file lists), so pip chose wheels for an x86_64 interpreter" if arm_only else
            "This Python may run under Rosetta 2: the shell is native arm64 (uname), so only an x86_64-only "
            "interpreter would be translated, and `file $(which python3)` shows whether it is one" if native else
            "This Python may run under Rosetta 2, the usual cause of "
            + ("an illegal instruction" if ill or not no_avx else "a CPU without AVX")
            + " on Apple Silicon (an x86_64 interpreter: `uname -m` in its shell says x86_64, `file $(which python3)` "
            "shows no arm64)" if guess else "This Python most likely runs under Rosetta 2 (an x86_64 interpreter on an Apple Silicon "
            "Mac: its shell runs as x86_64, or `file $(which python)` shows no arm64)")
    crash = (" Rosetta does not translate AVX, so TensorFlow's x86_64 wheels die with 'illegal hardware "
             "instruction' on import." if ill else " Rosetta does not translate AVX, so x86_64 builds "
             "that need it (jaxlib, TensorFlow, Intel MKL) refuse to start or warn that it is missing." if no_avx else "")
    yield Finding(
        code="host.rosetta_python", severity="error" if known else "info" if guess else "warning", subject="python", device_kind="mps",
        message=(f"{head}: it can only install Intel-Mac wheels (torch <= 2.2, TensorFlow <= 2.16) and can never use "
                 f"the GPU (MPS, Metal).{crash} Use a native arm64 Python" + (f"; {row['note']}" if row else "")
                 + (f", then install: {summary}" if summary else "") + "."),
        fix=tuple(cmds), sources=tuple(dict.fromkeys(cat.source_urls([row]) + srcs)),
        evidence=evidence,
    )
