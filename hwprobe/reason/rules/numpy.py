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
          "numpy.multiarray_failed")


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
    fw = next((f for f in facts.frameworks if f.name in {o.framework for o in said}), None)
    if older:
        msg = ("An extension was compiled against a newer NumPy C API than the installed NumPy"
               f" (0x{older[0].values.get('compiled')} > 0x{older[0].values.get('installed')}): upgrade NumPy.")
        fix = (pip_install(sh, ["numpy"], upgrade=True),)
    else:
        msg = ("A module compiled against NumPy 1.x was loaded under NumPy 2, whose C ABI it cannot use: install "
               "NumPy 1.x, or a release of the module built for NumPy 2.")
        fix = (pip_install(sh, ["numpy<2"]),)
    yield Finding(
        code="numpy.abi_mismatch", severity="error", subject=fw.name if fw else "numpy",
        framework=fw.name if fw else None, device_kind="cpu" if fw else None, message=msg, fix=fix,
        sources=(NUMPY2,), evidence=tuple(c.quote(o) for o in said[:3]),
    )
