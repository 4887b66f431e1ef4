"""python.*: no build of a framework exists for this interpreter (version, 32-bit, free-threaded)."""

from __future__ import annotations

import re
from typing import Iterable

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import line
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import release
from hwprobe.report import Finding

_PKG = {"torch": "torch", "tensorflow": "tensorflow"}


def _highest(spec: str) -> str | None:
    """The highest 3.x minor a PEP 440 range of Python versions admits (>=3.10,<3.14 -> 3.13)."""
    s = SpecifierSet(spec)
    for minor in range(30, 5, -1):
        if Version(f"3.{minor}") in s:
            return f"3.{minor}"
    return None


def _venv_fix(facts: Facts, python: str) -> tuple[str, ...]:
    sh = c.shell(facts)
    if sh.manager == "uv":
        return (line(sh, "uv", "venv", "--python", python),)
    if sh.manager == "conda":
        return (line(sh, "conda", "create", "-y", "-n", f"py{python.replace('.', '')}", f"python={python}"),)
    exe = f"python{python}" if not sh.powershell else "py"
    args = ("-m", "venv", ".venv") if not sh.powershell else (f"-{python}", "-m", "venv", ".venv")
    return (line(sh, exe, *args),)


@rule
def unsupported_version(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    py = facts.host.python
    if not py.version or not re.match(r"\d+\.\d+", py.version):
        return
    all_obs = c.obs(facts, kb)
    os_, arch = facts.host.os, facts.host.arch
    for name in ("torch", "tensorflow"):
        fw = facts.framework(name)
        pip_err = [o for o in c.find(all_obs, "pip.no_matching_distribution", "pip.from_versions_none")
                   if re.match(rf"^{_PKG[name]}(\b|[-_\[=<>])", o.values.get("requirement", ""), re.IGNORECASE)]
        if fw is not None and fw.status == "ok":
            continue  # it imported: some build exists for this interpreter
        if fw is None and not pip_err and name not in facts.packages:
            continue
        rows = [r for r in cat.releases(kb, name) if not r.get("prerelease")]
        entries = [(r, cat.platform_entry(r, os_, arch)) for r in rows]
        entries = [(r, e) for r, e in entries if e is not None]
        if not entries:
            continue  # the platform has no build at all: the matrix says unsupported
        fits = [r for r, e in entries if cat.python_ok(r, e, py.version)]
        why = None
        if py.bits == 32:
            why = "a 32-bit Python: no release has 32-bit wheels"
        elif py.free_threaded and name == "tensorflow":
            why = "a free-threaded Python: TensorFlow publishes no free-threaded wheels"
        elif not fits:
            newest_range = cat.python_range(*entries[0])
            why = (f"Python {release(py.version, 2)}: the newest {name} ({entries[0][0]['release']}) has wheels "
                   f"for Python {newest_range} on {os_}/{arch}")
        if why is None:
            continue
        target = _highest(cat.python_range(*entries[0]))
        fix = _venv_fix(facts, target) if target else ()
        yield Finding(
            code="python.unsupported_version", severity="error" if pip_err or (fw and fw.status != "not_installed") else "warning",
            subject=name, framework=name,
            message=(f"No {name} build exists for this interpreter, {why}. pip reports 'No matching distribution'"
                     f" for it. Create an environment with Python {target} and install {name} there." if target else
                     f"No {name} build exists for this interpreter, {why}."),
            fix=fix, sources=cat.source_urls([entries[0][0]]),
            evidence=(f"python {py.version}" + (" (32-bit)" if py.bits == 32 else "")
                      + (" (free-threaded)" if py.free_threaded else ""),) + tuple(c.quote(o) for o in pip_err[:1]),
        )
