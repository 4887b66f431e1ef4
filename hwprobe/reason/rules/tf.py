"""tf.*: TensorFlow-specific reasons its GPU is unusable: the Metal plugin on macOS and native Windows."""

from __future__ import annotations

import re
from typing import Iterable

from packaging.version import Version

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import line, pip_install
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import in_range
from hwprobe.report import Finding

METAL = "https://developer.apple.com/metal/tensorflow-plugin/"


def _metal_pip_error(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """pip found no tensorflow-metal wheel: the interpreter's Python (or the Mac's architecture) has none."""
    said = [o for o in c.find(c.obs(facts, kb), "pip.no_matching_distribution", "pip.from_versions_none",
                              "pip.no_satisfying_version")
            if o.values.get("requirement", "").lower().startswith("tensorflow-metal")]
    if not said or facts.host.os not in ("darwin", None):
        return
    rows = cat.newest_first(kb.usable("tf_metal"), key="metal")
    if not rows:
        return
    newest = rows[0]
    py = facts.host.python.version
    pys = sorted({m for r in rows for m in _minors(r["python"])}, key=Version)
    arm_only = [r for r in rows if r["arch"] == ["aarch64"]]
    if py and not any(in_range(py, r["python"]) for r in rows):
        why = f"no tensorflow-metal release has a wheel for Python {py}"
    elif facts.host.arch == "x86_64" and arm_only:
        why = (f"tensorflow-metal {arm_only[-1]['metal']} and newer have arm64 wheels only; this is an x86_64 "
               "Python (an Intel Mac, or Rosetta on Apple Silicon)")
    else:
        why = (f"tensorflow-metal has wheels only for macOS and Python {pys[0]}-{pys[-1]} "
               f"(the newest, {newest['metal']}, for Python {newest['python']} on arm64)")
    target = _minors(newest["python"])[-1]
    sh = c.shell(facts)
    venv = (line(sh, "uv", "venv", "--python", target) if sh.manager == "uv" else
            line(sh, "conda", "create", "-y", "-n", f"py{target.replace('.', '')}", f"python={target}")
            if sh.manager == "conda" else line(sh, f"python{target}", "-m", "venv", ".venv"))
    yield Finding(
        code="tf.metal_plugin", severity="error", subject="tensorflow", framework="tensorflow", device_kind="mps",
        message=(f"pip finds no tensorflow-metal for this interpreter: {why}. Without the plugin TensorFlow runs on "
                 f"the CPU only. Use a native arm64 Python {target} environment and install tensorflow with "
                 "tensorflow-metal there (tensorflow-macos is not needed from TensorFlow 2.13)."),
        fix=(venv, pip_install(sh, ["tensorflow", "tensorflow-metal"])),
        sources=tuple(dict.fromkeys(cat.source_urls([newest]) + (METAL,))),
        evidence=tuple(c.quote(o) for o in said[:1]),
    )


def _minors(spec: str) -> list[str]:
    return [f"3.{m}" for m in range(0, 31) if in_range(f"3.{m}", spec)]


def _metal_mismatch(kb: Knowledge, said) -> Finding:  # noqa: ANN001
    """tensorflow-metal's library names a TensorFlow C API symbol the installed TensorFlow does not export: the two
    come from releases Apple's table does not pair (the paste says neither version)."""
    rows = cat.newest_first(kb.usable("tf_metal"), key="metal")
    pairs = ", ".join(f"{r['metal']} for TensorFlow {r['tensorflow']}" for r in rows[:3])
    return Finding(
        code="tf.metal_plugin", severity="error", subject="tensorflow", framework="tensorflow", device_kind="mps",
        message=(("TensorFlow aborted registering the Metal platform a second time: tensorflow-metal is loaded beside a "
                  "TensorFlow it was not built for (or twice, from two installs)" if said[0].code == "tf.metal_registered_twice"
                  else "The tensorflow-metal plugin failed to load: it needs a symbol the installed TensorFlow does not "
                  "have, so the plugin was built for another TensorFlow release") + ". Install the pair Apple's table names "
                 f"(newest: {pairs}); `python -m pip show tensorflow tensorflow-metal` shows which pair is installed."),
        sources=tuple(dict.fromkeys(cat.source_urls(rows[:1]) + (METAL,))),
        evidence=tuple(c.quote(o) for o in said[:1]),
    )


@rule
def metal_plugin(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    pip_error = list(_metal_pip_error(facts, kb))
    if pip_error:
        yield from pip_error
        return
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "tf.metal_symbol_not_found", "tf.metal_registered_twice", framework="tensorflow")
    if said and facts.host.os in ("darwin", None) and facts.framework("tensorflow") is None:
        yield _metal_mismatch(kb, said)  # the plugin's own loader error: it is installed and does not fit
        return
    # Apple Silicon; an Intel Mac only where the plugin said so (tensorflow-metal had x86_64 wheels up to 1.0).
    if facts.host.os != "darwin" or (facts.host.arch != "aarch64" and not said):
        return
    tf = facts.framework("tensorflow")
    if tf is None or (tf.status not in ("ok", "import_error", "unknown") and not said):
        return
    if c.sees(tf, "mps") and not said:
        return  # the plugin works
    py = facts.host.python.version
    have = facts.packages.get("tensorflow-metal")
    want = cat.metal_for(kb, tf.version) if tf.version else None
    sh = c.shell(facts)
    tf_pkg = tf.distribution or "tensorflow"
    problem = None
    fix: tuple[str, ...] = ()
    rows = [want]
    if have and want and cat.metal_row(kb, have) is not None and cat.metal_row(kb, have) is not want:
        problem = (f"tensorflow-metal {have} does not match {c.release_label(tf)}: Apple's table pairs "
                   f"{tf.version} with tensorflow-metal {want['metal']}")
        fix = (pip_install(sh, [f"tensorflow-metal=={want['metal']}"]),)
        rows.append(cat.metal_row(kb, have))
    elif have and want is None and tf.version:
        newest = cat.newest_first(kb.usable("tf_metal"), key="metal")[0]
        problem = (f"no tensorflow-metal release supports {c.release_label(tf)} (the newest, {newest['metal']}, "
                   f"is for TensorFlow {newest['tensorflow']})")
        rows.append(newest)
    elif said:
        problem = "the tensorflow-metal plugin failed to load: it was built for another TensorFlow release"
        if want:
            fix = (pip_install(sh, [f"tensorflow-metal=={want['metal']}"]),)
    elif not have:
        # (no package list pasted: whether the plugin is there is unknown, and saying it is missing would be invented)
        problem = ("tensorflow-metal, Apple's GPU plugin, is not installed: TensorFlow runs on the CPU only"
                   if facts.knows("packages") else
                   "the paste does not show tensorflow-metal, Apple's GPU plugin, and without it TensorFlow runs on "
                   "the CPU only (`python -m pip show tensorflow-metal` tells whether it is installed)")
        if want and py and not in_range(py, want["python"]):
            problem += (f", and tensorflow-metal {want['metal']} has no wheel for Python {py} "
                        f"(wheels for {want['python']}): use an environment with a supported Python")
        elif want:
            fix = (pip_install(sh, ["tensorflow-metal==" + want["metal"]]),)
        else:
            cmds, srcs, summary = c.fix_commands(facts, kb, "tensorflow", "mps",
                                                 remove=tuple(d for d in c.TF_DISTRIBUTIONS if d in facts.packages))
            fix = cmds
            if summary:
                problem += f"; no plugin exists for {c.release_label(tf)}, install a pair that works: {summary}"
    elif want and facts.host.os_version and Version(facts.host.os_version) < Version(want["macos_min"]):
        problem = f"tensorflow-metal {have} needs macOS {want['macos_min']}; this Mac runs {facts.host.os_version}"
    if problem is None:
        return
    yield Finding(
        code="tf.metal_plugin", severity="warning" if not have and not said else "error", subject="tensorflow",
        framework="tensorflow", device_kind="mps", message=problem[0].upper() + problem[1:] + ".",
        fix=fix, sources=tuple(dict.fromkeys(cat.source_urls(rows) + (METAL,))),
        evidence=(f"tensorflow {tf.version} ({tf_pkg}), tensorflow-metal "
                  f"{have or ('not installed' if facts.knows('packages') else 'not in the paste')}",)
        + tuple(c.quote(o) for o in said[:1]),
    )


def _last_windows_gpu(facts: Facts, kb: Knowledge):  # noqa: ANN202
    """The newest TensorFlow release with a GPU build for native Windows (2.10)."""
    arch = facts.host.arch or "x86_64"  # a paste that does not say: TensorFlow's Windows wheels are x86_64
    return next((r for r in cat.releases(kb, "tensorflow")
                 if (cat.platform_entry(r, "windows", arch) or {}).get("cuda")), None)


@rule
def windows_native_gpu(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    if facts.host.os != "windows" or facts.host.wsl is not None:
        return
    tf = facts.framework("tensorflow")
    if not c.nvidia(facts) and not c.unknown(facts, "accelerators"):
        return
    last = _last_windows_gpu(facts, kb)
    intel = c.find(c.obs(facts, kb), "tf.windows_intel_build")
    if (tf is None or not tf.version) and intel:
        # No TensorFlow version pasted, but pip installing tensorflow-intel for it: a 2.11-or-newer Windows wheel,
        # which has no GPU (tensorflow#81340)
        lead = ("pip installs tensorflow-intel for TensorFlow here: that is how TensorFlow 2.11 and newer install on "
                "native Windows, and those releases have no GPU support there, whatever CUDA and cuDNN are set up; "
                "TensorFlow runs on the CPU.")
        sources, evidence = c.pattern_sources(kb, intel) + cat.source_urls([last]), (c.quote(intel[0]),)
    else:
        if tf is None or not tf.version or tf.status == "not_installed":
            return
        row = cat.release_of(kb, "tensorflow", tf.version)
        if not c.no_windows_gpu_build(facts, row):
            return  # <= 2.10 has a native-Windows GPU build
        lead = (f"{c.release_label(tf)} has no GPU support on native Windows"
                + (f" (TensorFlow {last['release']} was the last release with it)" if last else "")
                + "; it runs on the CPU.")
        sources, evidence = cat.source_urls([row, last]), (f"tensorflow {tf.version} on Windows",)
    cmds, srcs, summary = c.fix_commands(facts, kb, "tensorflow", "cuda")
    native = f"TensorFlow {last['release'] if last else '2.10'} natively"
    said = f" (TensorFlow {last['release']} was the last release with it)" if last else ""
    if summary and said and "last release with GPU support on native Windows" in summary and "WSL 2. " in summary:
        # the advice's note opens with the fact the lead states: keep its steps only
        steps = re.split(r"(?<=WSL 2)\.\s+", summary, maxsplit=1)[1].rstrip(".")
        message = (f"{lead} For the GPU, use {native}, or WSL 2 with tensorflow[and-cuda]: "
                   f"{steps[0].lower()}{steps[1:]}.")
    elif summary and said and "last release with GPU support" in summary:
        # the note names the last native release itself, with its CUDA and cuDNN: the lead need not
        message = (f"{lead.replace(said, '')} For the GPU, use WSL 2 with tensorflow[and-cuda], or {native}: "
                   f"{summary.rstrip('.')}.")
    else:
        message = (f"{lead} For the GPU, use WSL 2 with tensorflow[and-cuda], or {native}"
                   + (f": {summary.rstrip('.')}" if summary else "") + ".")
    yield Finding(
        code="tf.windows_native_gpu", severity="warning", subject="tensorflow", framework="tensorflow",
        device_kind="cuda", message=message,
        fix=cmds, sources=tuple(dict.fromkeys(sources + srcs)), evidence=evidence,
    )
