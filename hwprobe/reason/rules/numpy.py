"""numpy.*: NumPy's C ABI does not match the one a framework was built against."""

from __future__ import annotations

from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import pip_install
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import parse
from hwprobe.report import Finding

NUMPY2 = "https://numpy.org/doc/stable/numpy_2_0_migration_guide.html"
_CODES = ("numpy.array_api_not_found", "numpy.compiled_against_1x", "numpy.api_version_mismatch",
          "numpy.multiarray_failed", "numpy.size_changed")


@rule
def abi_mismatch(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, *_CODES)
    numpy = parse(facts.packages.get("numpy"))
    sh = c.shell(facts)
    done = False
    for name in ("torch", "tensorflow"):
        fw = facts.framework(name)
        if fw is None or not fw.version or numpy is None:
            continue
        row = cat.release_of(kb, name, fw.version)
        if row is None or row["numpy_abi"] != 1 or numpy.major < 2:
            continue
        req = row.get("numpy") or "<2"
        if numpy.major >= 2 and "<2" not in req.replace(" ", ""):
            req = "<2"
        yield Finding(
            code="numpy.abi_mismatch", severity="error", subject=name, framework=name, device_kind="cpu",
            message=(f"{c.release_label(fw)} was built against NumPy 1.x, and NumPy {facts.packages['numpy']} is "
                     "installed: its NumPy interop fails ('compiled using NumPy 1.x cannot be run in NumPy 2', "
                     "'_ARRAY_API not found'). Install a NumPy 1.x it accepts, or a newer release built for NumPy 2."),
            fix=(pip_install(sh, [f"numpy{req}"]),),
            sources=cat.source_urls([row]) + (NUMPY2,),
            evidence=(f"numpy {facts.packages['numpy']}",) + tuple(c.quote(o) for o in said[:2]),
        )
        done = True
    if done:
        return
    if not said:
        bridge = c.find(all_obs, "torch.numpy_unavailable")
        if bridge:
            # torch's "Numpy is not available" alone says NumPy did not load when torch started, not why: missing or
            # broken as often as NumPy 2 under an older torch (pytorch#78341 was fixed by a fresh NumPy): a lead.
            torch = facts.framework("torch")
            yield Finding(
                code="numpy.abi_mismatch", severity="info", subject="torch", framework="torch", device_kind="cpu",
                message=("torch could not use NumPy ('Numpy is not available'): NumPy failed to import when torch "
                         "started. Either NumPy is missing or broken in this environment, or it is NumPy 2 under a "
                         "torch built against NumPy 1.x (before 2.3), whose ABI differs. `python -c \"import numpy; "
                         "print(numpy.__version__)\"` in the same environment tells which: reinstall NumPy, or "
                         f"install numpy<2{' for ' + c.release_label(torch) if torch and torch.version else ''}."),
                sources=c.pattern_sources(kb, bridge) + (NUMPY2,), evidence=tuple(c.quote(o) for o in bridge[:1]),
            )
        return
    older = [o for o in said if o.code == "numpy.api_version_mismatch"]
    sized = [o for o in said if o.code == "numpy.size_changed"]
    fw = next((f for f in facts.frameworks if f.name in {o.framework for o in said}), None)
    if sized and not older and len(sized) == len(said):
        # Which side is newer is not always the fix's direction (BeatNet#6 upgraded NumPy, xalpha#189 pinned numpy<2 so
        # that its dependencies came back built for it): name the mismatch and both ways out, no one command.
        o = sized[0]
        yield Finding(
            code="numpy.abi_mismatch", severity="error", subject=fw.name if fw else "numpy",
            framework=fw.name if fw else None, device_kind="cpu" if fw else None,
            message=("A compiled package was built against another NumPy than the one running"
                     + (f": numpy.{o.values.get('type', 'ndarray')} is {o.values['got']} bytes here, its build expected "
                        f"{o.values['expected']}" if o.values.get("got") and o.values.get("expected") else
                        f" (numpy.{o.values.get('type', 'ndarray')}'s size differs from its build's)")
                     + ". Install the NumPy it was built for"
                     + (" (a newer one: the build's struct is larger)" if int(o.values.get("expected") or 0)
                        > int(o.values.get("got") or 0) else "")
                     + ", or reinstall the package so pip fetches a build for this NumPy (numpy<2 with packages built "
                     "before NumPy 2)."),
            sources=c.pattern_sources(kb, sized) + (NUMPY2,), evidence=tuple(c.quote(x) for x in sized[:1]),
        )
        return
    # torch's "UserWarning: Failed to initialize NumPy" is a warning: a traceback that then runs into torch.cuda's
    # initialisation fails for a CUDA reason the NumPy mismatch does not explain (RTG-SLAM#9), so the mismatch is a
    # side note there, not the paste's cause
    beside = bool(c.find(all_obs, "torch.cuda_lazy_init")) and all("Warning" in o.text for o in said)
    if older:
        msg = ("An extension was compiled against a newer NumPy C API than the installed NumPy"
               f" (0x{older[0].values.get('compiled')} > 0x{older[0].values.get('installed')}): upgrade NumPy.")
        fix = (pip_install(sh, ["numpy"], upgrade=True),)
    else:
        msg = ("A module compiled against NumPy 1.x was loaded under NumPy 2, whose C ABI it cannot use: install "
               "NumPy 1.x, or a release of the module built for NumPy 2.")
        fix = (pip_install(sh, ["numpy<2"]),)
    if beside:
        msg += (" Here it is only a warning: the traceback after it ends in torch.cuda's initialisation, a CUDA "
                "failure it does not explain (`nvidia-smi` and torch's collect_env show why CUDA did not start).")
    yield Finding(
        code="numpy.abi_mismatch", severity="info" if beside else "error", subject=fw.name if fw else "numpy",
        framework=fw.name if fw else None, device_kind="cpu" if fw else None, message=msg, fix=fix,
        sources=(NUMPY2,), evidence=tuple(c.quote(o) for o in said[:3]),
    )


@rule
def numpy2_api(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """NumPy 2's own "was removed in the NumPy 2.0 release", a numpy.lib module made private, or the reverse (a
    pickle naming numpy._core under NumPy 1): code or data made for one NumPy major under the other."""
    all_obs = c.obs(facts, kb)
    have = facts.packages.get("numpy")
    numpy = parse(have)
    sh = c.shell(facts)
    gone = c.find(all_obs, "numpy.removed_in_2")
    if gone and not (numpy is not None and numpy.major < 2):
        v = gone[0].values
        name = f"np.{v['attr']}" if v.get("attr") else v.get("module", "a NumPy 1 name")
        yield Finding(
            code="numpy.abi_mismatch", severity="error", subject="numpy",
            message=(f"The failing code uses {name}, which NumPy 2.0 "
                     + ("removed" if v.get("attr") else "made private") + " (NumPy's migration guide lists it), and "
                     f"NumPy {have or '2'} is installed: that code (the package in the traceback, or the program) was "
                     "written for NumPy 1.x. Install numpy<2 beside it, or a release of that package that supports "
                     "NumPy 2."),
            fix=(pip_install(sh, ["numpy<2"]),), sources=tuple(dict.fromkeys(c.pattern_sources(kb, gone) + (NUMPY2,))),
            evidence=tuple(c.quote(o) for o in gone[:1]) + ((f"numpy {have}",) if have else ()),
        )
    newer = c.find(all_obs, "numpy.needs_2")
    if newer and not (numpy is not None and numpy.major >= 2):
        yield Finding(
            code="numpy.abi_mismatch", severity="error", subject="numpy",
            message=(f"{newer[0].values.get('module', 'numpy._core')} exists only in NumPy 2, and this Python runs NumPy "
                     f"{have or '1.x'}: what is being loaded (most often a pickle, joblib or pandas file) was made under "
                     "NumPy 2. Install NumPy 2 here (numpy>=2, with packages built for it), or save the file again "
                     "under NumPy 1."),
            fix=(pip_install(sh, ["numpy>=2"]),), sources=tuple(dict.fromkeys(c.pattern_sources(kb, newer) + (NUMPY2,))),
            evidence=tuple(c.quote(o) for o in newer[:1]) + ((f"numpy {have}",) if have else ()),
        )
