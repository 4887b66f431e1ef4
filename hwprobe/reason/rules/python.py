"""python.*: no build of a framework exists for this interpreter (version, 32-bit, free-threaded)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import line, pip_install
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import in_range, release
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


_PIP_FAILURES = ("pip.no_matching_distribution", "pip.from_versions_none", "pip.no_satisfying_version", "pip.install_failed")


# TensorFlow's own distributions of one release (the GPU and CPU wheels of 1.x and 2.x): the same release series, the
# same Python range (tensorflow/tensorflow's tested build configurations), unlike tensorflow-io or tensorflow-text
_TF_SAME = re.compile(r"^tensorflow[-_](?:gpu|cpu)(?![\w-])", re.IGNORECASE)


def _pip_errors(all_obs, name: str) -> list:  # noqa: ANN001
    return [o for o in c.find(all_obs, *_PIP_FAILURES)
            if re.match(rf"^{_PKG[name]}(\b|[-_\[=<>~!])", o.values.get("requirement", ""), re.IGNORECASE)
            and (not re.match(rf"^{_PKG[name]}[-_]\w", o.values.get("requirement", ""), re.IGNORECASE)
                 or (name == "tensorflow" and _TF_SAME.match(o.values.get("requirement", ""))))]


def _pin(pip_err, kb: Knowledge | None = None, name: str | None = None) -> str | None:  # noqa: ANN001
    """The exact version a failing requirement pins ('torch==1.13.1' -> '1.13.1'); for a range with an upper bound
    ('tensorflow<1.16,>=1.15', evaluating-rewards#39; 'torch~=2.1.0', chatTTS#2), the newest release the data has
    inside it."""
    for o in pip_err:  # the requirement group, or the line (pip.no_matching_distribution's group stops at '==')
        m = re.match(r"^[\w.\-\[\]]+\s*===?\s*([0-9][\w.+!]*)", o.values.get("requirement", "")) or re.search(
            r"(?:for|requirement) [\w.\-\[\]]+\s*===?\s*([0-9][\w.+!]*)", o.text)
        if m:
            return m.group(1).rstrip(".")  # a paste cut mid-version: "torch==1.12."
    for o in pip_err if kb is not None and name else ():
        spec = re.sub(r"^[\w.\-\[\]]+", "", o.values.get("requirement", ""))
        if "<" not in spec and "~=" not in spec:  # a compatible-release pin has its bound too: ~=2.1.0 is >=2.1.0,<2.2
            continue
        try:
            allowed = SpecifierSet(spec)
        except InvalidSpecifier:
            continue
        inside = [r for r in cat.releases(kb, name) if any(Version(v) in allowed for v in (r.get("latest"), r["release"]) if v)]
        if inside:
            return inside[0]["release"]
    return None


def _offered(kb: Knowledge, name: str, pip_err) -> str | None:  # noqa: ANN001
    """The releases pip offered ('from versions: ...'), without those that are no release the data knows: torch
    0.1.2, 0.1.2.post1 and 0.1.2.post2, which PyPI listed (no longer, 2026-12-01) and pip offered to interpreters
    with no real wheel (pytorch#67669), so an offer of nothing else means the same as 'from versions: none'."""
    for o in pip_err:
        versions = [v.strip() for v in (o.values.get("versions") or "").split(",") if v.strip()]
        real = [v for v in versions if re.match(r"\d", v) and cat.release_of(kb, name, v) is not None]
        if real:
            return ", ".join(real)
    return None


@lru_cache(maxsize=None)  # a handful of ranges, asked about for every release row
def _minors(spec: str) -> tuple[str, ...]:
    s = SpecifierSet(spec)
    return tuple(f"3.{m}" for m in range(0, 31) if Version(f"3.{m}") in s)


def _entries(kb: Knowledge, name: str, os_: str | None, arch: str | None) -> list[tuple[dict, dict | None]]:
    """(release row, platform entry) newest first; where the platform is unknown, the release's own range."""
    rows = [r for r in cat.releases(kb, name) if not r.get("prerelease")]
    if os_ and arch:
        return [(r, e) for r in rows if (e := cat.platform_entry(r, os_, arch)) is not None]
    out = []
    for r in rows:  # the platform with the widest Python range: what some platform (of this OS, if known) offers
        plats = r.get("platforms", {})
        entries = [e for k, e in plats.items() if not os_ or k.split("-")[0] == os_]
        if os_ and plats and not entries:
            continue  # no build of this release for this OS
        entries = entries or [None]
        out.append((r, max(entries, key=lambda e: len(_minors(cat.python_range(r, e))))))
    return out


def _python_from_offer(entries, offered: str) -> list[str]:  # noqa: ANN001
    """The Pythons for which pip's oldest offered release is the first with wheels: pip lists only the
    releases that have a wheel for this interpreter, so 'from versions: 2.2.0, ...' means Python 3.12."""
    versions = [v.strip() for v in offered.split(",") if re.match(r"\d", v.strip())]
    if not versions:
        return []
    oldest = min(versions, key=lambda v: Version(re.match(r"\d+(?:\.\d+)*", v).group(0)))  # "0.1.2.post1" -> 0.1.2
    first_release = release(oldest, 2)
    out = []
    for minor in range(6, 31):
        py = f"3.{minor}"
        fits = [r for r, e in entries if cat.python_ok(r, e, py)]
        if fits and min(fits, key=lambda r: Version(r["release"]))["release"] == first_release:
            out.append(py)
    return out


@rule
def numpy_older_than_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """NumPy's own 'may not yet support Python 3.12' while pip builds a pinned old NumPy from source: the pin predates
    this Python, so no wheel exists and the source build fails (AI4Bharat/NeMo#7: numpy<1.24 under Python 3.12)."""
    said = c.find(c.obs(facts, kb), "numpy.python_too_new")
    if not said:
        return
    v = said[0].values
    py = v.get("python", "")
    older = f"3.{int(py.split('.')[1]) - 1}" if re.match(r"3\.\d+$", py) else None
    yield c.said_finding(
        kb, said, "python.unsupported_version", "numpy", device_kind="cpu",
        message=(f"NumPy {v.get('version')} predates Python {py} (NumPy's own check says so while pip builds it from "
                 "source): it has no wheel for this Python, so pip took its source archive, and that build fails. "
                 "Such a NumPy pin usually comes from a package being installed (its requirements): use a Python that "
                 f"NumPy release supports{' (' + older + ' or older)' if older else ''}, or a release of that package "
                 "that allows a newer NumPy."),
        fix=_venv_fix(facts, older) if older else (),
    )


@rule
def unsupported_version(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    py = facts.host.python
    all_obs = c.obs(facts, kb)
    os_, arch = facts.host.os, facts.host.arch
    known = bool(py.version and re.match(r"\d+\.\d+", py.version))
    for name in ("torch", "tensorflow"):
        fw = facts.framework(name)
        pip_err = _pip_errors(all_obs, name)
        if fw is not None and fw.status == "ok":
            continue  # it imported: some build exists for this interpreter
        if not known:
            if pip_err:
                yield from _unknown_python(facts, kb, name, pip_err)
            continue
        if fw is None and not pip_err and name not in facts.packages:
            continue
        entries = _entries(kb, name, os_, arch)
        if not entries:
            continue  # the platform has no build at all: the matrix says unsupported
        fits = [r for r, e in entries if cat.python_ok(r, e, py.version)]
        pin = _pin(pip_err, kb, name) or (next((o.values["version"] for o in c.find(all_obs, "uv.exact_request")
                                                 if o.values.get("package", "").lower() == name), None) if pip_err else None)
        named = not pin and bool(pip_err and fw and fw.version and fw.status != "ok")
        if named:
            pin = fw.version  # the release the template names, which pip could not install
        pin_entry = next(((r, e) for r, e in entries if pin and in_range(pin, r["versions"])), None)
        why = None
        target_entry = entries[0]
        if py.bits == 32:
            why = "a 32-bit Python: no release has 32-bit wheels"
        elif py.free_threaded and name == "tensorflow":
            why = "a free-threaded Python: TensorFlow publishes no free-threaded wheels"
        elif not fits and (pip_err or not (fw and fw.version) or c.find(all_obs, *_PIP_FAILURES)):
            # (a release the paste names, with no pip failure anywhere, was installed for this interpreter: the
            # platform is not the one assumed, an x86_64 Python under Rosetta on an M1, zepen/predict_Lottery_ticket#33)
            newest_range = cat.python_range(*entries[0])
            why = (f"Python {release(py.version, 2)}: the newest {name} ({entries[0][0]['release']}) has wheels "
                   f"for Python {newest_range}" + (f" on {os_}/{arch}" if os_ and arch else ""))
        elif pin_entry and not cat.python_ok(pin_entry[0], pin_entry[1], py.version):
            why = (f"Python {release(py.version, 2)}: the {'named' if named else 'pinned'} {name} {pin} has wheels for Python "
                   f"{cat.python_range(*pin_entry)} only (the oldest {name} for this Python is "
                   f"{min(fits, key=lambda r: Version(r['release']))['release']})")
            target_entry = pin_entry
        if why is None and not pin and any(o.code != "pip.install_failed" for o in pip_err) \
                and not _offered(kb, name, pip_err):
            finding = _before_first_release(facts, kb, name, fits, entries, pip_err)
            if finding:
                yield finding
            continue
        if why is None:
            continue
        target = _highest(cat.python_range(*target_entry))
        fix = _venv_fix(facts, target) if target else ()
        yield Finding(
            code="python.unsupported_version", severity="error" if pip_err or (fw and fw.status != "not_installed") else "warning",
            subject=name, framework=name,
            message=(f"No {name} build exists for this interpreter, {why}. "
                     + ("Its install failed. " if pip_err and all(o.code == "pip.install_failed" for o in pip_err) else
                        "uv's resolver finds no compatible version of it. " if pip_err and all(
                            "No compatible version found" in o.text for o in pip_err) else
                        "pip reports 'No matching distribution' for it. ")
                     + f"Create an environment with Python {target} and install {name} there." if target else
                     f"No {name} build exists for this interpreter, {why}."),
            fix=fix, sources=cat.source_urls([target_entry[0]]),
            evidence=(f"python {py.version}" + (" (32-bit)" if py.bits == 32 else "")
                      + (" (free-threaded)" if py.free_threaded else ""),) + tuple(c.quote(o) for o in pip_err[:1]),
        )


def _unknown_python(facts: Facts, kb: Knowledge, name: str, pip_err) -> Iterable[Finding]:  # noqa: ANN001
    """pip found no (matching) release and the paste does not say the Python: what pip's answer implies."""
    if name == "torch" and c.cuda_index_on_mac(facts, kb):
        return  # cuda.no_gpu: the index, not the Python, has nothing for this Mac
    entries = _entries(kb, name, facts.host.os, facts.host.arch)
    if not entries:
        return
    pin = _pin(pip_err, kb, name)
    pin_entry = next(((r, e) for r, e in entries if pin and in_range(pin, r["versions"])), None)
    offered = _offered(kb, name, pip_err)
    where = f" on {facts.host.os}/{facts.host.arch}" if facts.host.os and facts.host.arch else ""
    lo = min(Version(m) for r, e in entries for m in _minors(cat.python_range(r, e)))
    hi = max(Version(m) for r, e in entries for m in _minors(cat.python_range(r, e)))
    if offered:
        pythons = _python_from_offer(entries, offered)
        if not (pin_entry and pythons and not any(cat.python_ok(pin_entry[0], pin_entry[1], p) for p in pythons)):
            return  # pip offers releases for this Python; the pin is wrong for another reason
        why = (f"pip offers {name} {offered.split(',')[0].strip()} and newer only, and {release(offered.split(',')[0].strip(), 2)} "
               f"is the first {name} with wheels for Python {' / '.join(pythons)}: the pinned {name} {pin} has wheels for "
               f"Python {cat.python_range(*pin_entry)}")
        target_range = cat.python_range(*pin_entry)
    else:
        why = (f"pip found no {name} release with a wheel for this interpreter: {name} publishes wheels for CPython "
               f"{lo.major}.{lo.minor}-{hi.major}.{hi.minor} (64-bit){where}, so a Python outside that (newer, older, "
               "32-bit) gets none (an index or proxy that pip cannot reach fails the same way)")
        if pin_entry:
            why += f"; the pinned {name} {pin} has wheels for Python {cat.python_range(*pin_entry)}"
        target_range = cat.python_range(*(pin_entry or entries[0]))
    target = _highest(target_range)
    # With no Python, no OS, no pinned release and no offer, "from versions: none" fits too many causes (an old
    # macOS below the wheels' platform tag, a 32-bit or ARM Python, a proxy) to name one: a lead to check.
    lead_only = not (pin_entry or offered or facts.host.os)
    # the pin is another package's ("torch<1.7.0,>=1.4.0 (from neuralprophet)", neural_prophet#223): a release of it
    # that accepts the offered torch is the other way out, which the thread there took
    # (not pip's "(from versions: ...)" nor "(from -r requirements.txt (line 1))")
    owner = next((m.group(1) for o in pip_err
                  if (m := re.search(r"\(from ([A-Za-z][A-Za-z0-9_.-]*)(?:[=<>!~][^)]*)?\)", o.text))
                  and m.group(1).lower() != name), None) if offered and pin_entry else None
    ways = ([f"create an environment with Python {target} and install {name} there"] if target else []) + (
        [f"install a {owner} release (or its development version) whose requirement admits {name} "
         f"{offered.split(',')[0].strip()}, since the pin is {owner}'s"] if owner else [])
    yield Finding(
        code="python.unsupported_version", severity="info" if lead_only else "warning", subject=name, framework=name,
        message=(f"No {name} build exists for this interpreter, most likely: {why}. Check `python --version`"
                 + (f"; {', or '.join(ways)}." if ways else ".")),
        fix=_venv_fix(facts, target) if target else (),
        sources=cat.source_urls([(pin_entry or entries[0])[0]]),
        evidence=tuple(c.quote(o) for o in pip_err[:2]),
    )


def _admitted(spec: str) -> list[str]:
    """The 3.x minors a range admits; conda joins alternative ranges with '|' (">=3.6,<3.7.0a0|>=3.7,<3.8.0a0")."""
    # (a bare "3.7.*" is conda's own shorthand for ==3.7.*)
    sets = [SpecifierSet(alt if re.match(r"\s*[<>=!~]", alt) else f"=={alt.strip()}") for alt in spec.split("|")]
    return [f"3.{m}" for m in range(0, 31) if any(Version(f"3.{m}") in one for one in sets)]


def _nearest(spec: str, found: str) -> str | None:
    """The 3.x minor a Python range admits nearest to the one found: the lowest above an interpreter that is too old,
    the highest below one that is too new ('>=3.9' and 3.8 -> 3.9; '<3.12,>=3.8' and 3.12.1 -> 3.11)."""
    admitted = _admitted(spec)
    older = [m for m in admitted if Version(m) <= Version(release(found, 2))]
    newer = [m for m in admitted if Version(m) > Version(release(found, 2))]
    return older[-1] if older else newer[0] if newer else None


@rule
def requires_other_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A package's own refusal of this interpreter: pip's Requires-Python check, jax's build script."""
    for o in c.find(c.obs(facts, kb), "python.requires_other"):
        package, required = o.values.get("package", ""), o.values.get("required", "")
        required = re.sub(r"\s*\band\b\s*", ",", required).replace(" ", "")  # "TTS requires python >= 3.9 and < 3.12"
        found = o.values.get("found") or (f"{o.values['major']}.{o.values['minor']}" if o.values.get("minor") else "") \
            or next((x.values["python"] for x in c.find(c.obs(facts, kb), "conda.your_python")), None) \
            or facts.host.python.version or ""  # conda's solver names the Python on a line of its own
        spec = required if re.match(r"[<>=!~]", required) or "|" in required else f">={required}"
        if "|" in spec:  # conda's alternatives: say which minors they admit
            try:
                minors = _admitted(spec)
            except (InvalidSpecifier, ValueError):
                minors = []
            shown = (f"{minors[0]}" if len(minors) == 1 else f"{minors[0]} to {minors[-1]}") if minors else spec
        else:
            shown = spec
        try:
            target = _nearest(spec, found) if found else None
        except (InvalidSpecifier, ValueError):
            target = None
        older = bool(target and found and Version(target) > Version(release(found, 2)))  # this Python is too old
        it = package or "it"
        advice = (f" Create an environment with Python {target} and install {package or 'the project'} there, or take "
                  + (f"an older {package} release that still accepts this Python." if older and package else
                     f"a newer {package} release, if one accepts this Python." if package else
                     "a newer release of that package, if one accepts this Python.")) if target else ""
        named = package or "The package pip was building (numba's and llvmlite's setup.py word it so)"
        yield Finding(
            code="python.unsupported_version", severity="error", subject=package.lower() or "python",
            message=(f"{named} needs Python {shown}, and this interpreter is Python {found or 'another one'}: this "
                     f"release of {it} does not install here.{advice}"),
            fix=_venv_fix(facts, target) if target else (), sources=c.pattern_sources(kb, [o]),
            evidence=(c.quote(o),),
        )
        return


@rule
def syntax_of_a_newer_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """Code written for a newer Python failing on this one: an f-string's '=' specifier before 3.8
    (neuraloperator#117: '(norm=)' under Python 3.6.8), a PEP 604 'X | None' union evaluated before 3.10."""
    all_obs = c.obs(facts, kb)
    py = facts.host.python.version
    minor = Version(release(py, 2)) if py and re.match(r"\d+\.\d+", py) else None
    debug = c.find(all_obs, "python.fstring_debug") if c.find(all_obs, "python.fstring_compile") else []
    union = c.find(all_obs, "python.pep604_union")
    for said, need, what in ((debug, "3.8", "an f-string's '=' specifier ('{x=}'), new in Python 3.8"),
                             (union, "3.10", "a type union written X | Y (PEP 604), which types support from Python 3.10")):
        if not said or (minor is not None and minor >= Version(need)):
            continue
        yield Finding(
            code="python.unsupported_version", severity="error", subject="python",
            message=(f"The failing code uses {what}, and this Python is "
                     + (f"{py}" if py else f"older than {need}") + f": that package (or the program) needs Python "
                     f"{need} or newer. Create an environment with a newer Python (its requires-python says which), or "
                     "install a release of the package that still supports this one."),
            fix=_venv_fix(facts, "3.11" if need == "3.10" else "3.10"), sources=c.pattern_sources(kb, said),
            evidence=tuple(c.quote(o) for o in said[:1]) + ((f"python {py}",) if py else ()),
        )
        return


@rule
def built_on_a_newer_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """An old build tool on a Python that removed what it uses: pkgutil.ImpImporter went with Python 3.12
    (docs.python.org/3/whatsnew/3.12.html), so a pinned release with no 3.12 wheel, built from source, fails."""
    said = c.find(c.obs(facts, kb), "python.impimporter_removed")
    if not said or c.find(c.obs(facts, kb), "python.requires_other"):
        return
    yield Finding(
        code="python.unsupported_version", severity="error", subject="python",
        message=("This Python is 3.12 or newer, which removed pkgutil.ImpImporter, and an old setuptools "
                 "(pkg_resources) still calls it: pip is building a pinned package release from source because it has "
                 "no wheel for this Python (numpy 1.24 and older, for one), with the old build tools that release "
                 "names. Use Python 3.11 for this project, or let it take a release of that package with wheels for "
                 "this Python."),
        fix=_venv_fix(facts, "3.11"), sources=c.pattern_sources(kb, said), evidence=tuple(c.quote(o) for o in said[:1]),
    )


@rule
def no_wheel_for_this_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """uv's own word that a package has no wheel for this Python: its ABI-tag hint (kev#34: torch 2.8.0 for cp312,
    cp313, cp313t under CPython 3.14) or its resolver's 'no wheels with a matching Python version tag'."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "python.no_wheel_for_abi")
    if not said or c.find(all_obs, "python.requires_other"):
        return
    # (uv splits one report over lines: "Because torch==2.0.1 has no wheels ..." names the release, its hint "You
    # require CPython 3.13 (`cp313`) ..." the Python: botorch#3056; each value from the first line that has it)
    v: dict[str, str] = {}
    for o in said:
        for k, x in o.values.items():
            v.setdefault(k, x)
    named = next((o.values["package"] for o in c.find(all_obs, "uv.versions_of")), None)
    package = v.get("package") or named or "the package"
    found = v.get("found") or next((o.values["python"] for o in c.find(all_obs, "uv.python_split")), None) \
        or facts.host.python.version
    tags = sorted({t for t in re.findall(r"cp3(\d+)", v.get("tags", ""))}, key=int)
    has = [f"3.{t}" for t in tags]
    row = cat.release_of(kb, package.lower(), v["version"]) if v.get("version") and package.lower() in (
        "torch", "tensorflow") else None
    if not has and row and row.get("release") == release(v["version"], len(row["release"].split("."))):
        has = list(_minors(cat.python_range(row, None)))  # tags on lines the paste cut: the data's for that release
    fix = _venv_fix(facts, has[-1]) if has else ()
    release_ = f" {v['version']}" if v.get("version") else ""
    yield Finding(
        code="python.unsupported_version", severity="error", subject=package.lower(),
        message=(f"{package}{release_} has no wheel for {'Python ' + release(found, 2) if found else 'this Python'}"
                 + (f": its wheels are for Python {', '.join(has)} only" if has else
                    " (uv's resolver finds none tagged for it)")
                 + ". Use a Python it has wheels for"
                 + (f" (Python {has[-1]})" if has else " (usually an older one)")
                 + f", or a newer {package} release built for this Python, once there is one."),
        fix=fix, sources=c.pattern_sources(kb, said), evidence=tuple(c.quote(o) for o in said[:1]),
    )


def _before_first_release(facts: Facts, kb: Knowledge, name: str, fits: list, entries, pip_err) -> Finding | None:  # noqa: ANN001
    """pip offered no release at all to a Python that today's data gives wheels. A pasted patch version dates the paste
    no earlier than its own release; one that came out before the first framework release with wheels for its minor
    may have met none (pytorch#70994: Python 3.10.1, 2021-12-06, before torch 1.11, 2022-03-10). A later Python, or
    one without its patch version, leaves a 32-bit or ARM build and an unreachable index: too many causes to name."""
    py = facts.host.python
    first = min(fits, key=lambda r: Version(r["release"]))
    born = next((r["released"] for r in kb.usable("python_releases") if r["python"] == py.version), None)
    if not born or not first.get("released") or born >= first["released"]:
        return None
    minor = release(py.version, 2)
    where = f" on {facts.host.os}" + (f"/{facts.host.arch}" if facts.host.arch else "") if facts.host.os else ""
    older = [m for m in _minors(cat.python_range(*entries[0])) if Version(m) < Version(minor)]
    target = older[-1] if older else None
    return Finding(
        code="python.unsupported_version", severity="warning", subject=name, framework=name,
        message=(f"No {name} build existed for this interpreter when Python {py.version} was new: it came out on {born}, "
                 f"and {name} {first['release']} ({first['released']}) was the first release with wheels for Python "
                 f"{minor}{where}; until then pip found none at all ('from versions: none'). "
                 + (f"Create an environment with Python {target} and install {name} there, or install {name} >= "
                    f"{first['release']} into this one." if target else f"Install {name} >= {first['release']}.")),
        fix=_venv_fix(facts, target) if target else (),
        sources=tuple(dict.fromkeys(cat.source_urls([first]) + cat.source_urls(
            [r for r in kb.usable("python_releases") if r["python"] == py.version]))),
        evidence=(f"python {py.version}",) + tuple(c.quote(o) for o in pip_err[:1]),
    )


def _range_asked(errs, package: str) -> SpecifierSet | None:  # noqa: ANN001
    """The version range a failing requirement asks for ('taichi>=1.2.0'), from pip's own line."""
    for o in errs:
        m = re.search(rf"(?:for|requirement)\s+{re.escape(package)}\s*((?:[<>=!~]=?\s*[\w.*]+\s*,?\s*)+)", o.text, re.I)
        if m:
            try:
                return SpecifierSet(m.group(1).replace(" ", "").rstrip(","))
            except InvalidSpecifier:
                return None
    return None


def _wheel_range(row: dict, plat: str | None) -> list[str]:
    """The 3.x minors a release has wheels for, on this platform, on any arch of this OS (`plat` an OS alone), or (not
    known) on any."""
    if plat and "-" not in plat:
        entries = [e for k, e in row["platforms"].items() if k.split("-")[0] == plat]
    else:
        entries = [row["platforms"][plat]] if plat in row["platforms"] else [] if plat else list(row["platforms"].values())
    return sorted({m for e in entries for m in _minors(e["python"])}, key=Version)


def _any_python(minors) -> bool:  # noqa: ANN001
    """A py3-none wheel's '>=3' admits every minor _minors knows: no Python to name."""
    return len(minors) >= 25


def _shown(minors: list[str]) -> str:
    if _any_python(minors):
        return "any Python 3"
    return f"Python {minors[0]}" if len(minors) == 1 else f"Python {minors[0]} to {minors[-1]}"


@rule
def package_without_wheel(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """pip found no wheel of a package other than torch or TensorFlow (mediapipe on Python 3.12 until May 2024,
    mediapipe#5259): each release's PyPI file list says whether this Python had one, in the release pinned, or in
    any release when the Python itself was new."""
    py = facts.host.python
    known = bool(py.version and re.match(r"\d+\.\d+", py.version))
    if py.bits == 32:
        return
    all_obs = c.obs(facts, kb)
    # (an OS without its arch, "Windows 10, 64bit" in ray#50226: that OS's wheels, whichever arch)
    plat = cat.plat_key(facts.host.os, facts.host.arch) if facts.host.os and facts.host.arch else facts.host.os or None
    where = f" on {facts.host.os}/{facts.host.arch}" if facts.host.os and facts.host.arch else \
        f" on {facts.host.os}" if facts.host.os else ""
    for package in sorted({r["package"] for r in kb.usable("package_wheels")}):
        errs = [o for o in c.find(all_obs, "pip.no_matching_distribution", "pip.from_versions_none",
                                  "pip.no_satisfying_version")
                # (PEP 503 names: "tflite_runtime" is the tflite-runtime distribution, Seeed-Studio/ModelAssistant#279)
                if re.match(rf"^{re.escape(package)}($|[\[=<>~!])", re.sub(r"[-_.]+", "-", o.values.get("requirement", "")),
                            re.IGNORECASE)]
        rows = [r for r in cat.wheel_rows(kb, package) if _wheel_range(r, plat)] if errs else []
        if not rows:
            continue  # no wheel for this platform at all: not a question of the Python
        tried = {o.values.get("python") for o in c.find(all_obs, "python.other_tried_same")}
        if any(m in _wheel_range(r, plat) for r in rows for m in tried):
            continue  # a Python that has its wheels failed the same way (mediapipe#5280): the Python is not shown to be why
        pin = _pin(errs)
        spec = None if pin else _range_asked(errs, package)
        if known:
            minor, told = release(py.version, 2), ""
        else:
            # no Python in the paste: pip's offer names it, as for torch (fastsdcpu#296: mediapipe==0.10.9 "from
            # versions: 0.10.13, ..." is what Python 3.12 gets), and only a pinned release is then judged
            pythons = _python_from_wheel_offer(rows, plat, errs) if pin else []
            if len(pythons) != 1:
                continue
            minor = pythons[0]
            told = f" (pip offered the releases Python {minor} has wheels for, so this is Python {minor})"
        fits = [r for r in rows if minor in _wheel_range(r, plat)]
        if pin:
            row = next((r for r in rows if Version(r["release"]) == Version(pin)), None) if re.match(r"\d+(\.\d+)*$", pin) else None
            if row is None or minor in _wheel_range(row, plat):
                continue
            has = _wheel_range(row, plat)
            why = f"{package} {pin} has wheels for {_shown(has)} only{where}{told}"
            target = has[-1]
            fix = _venv_fix(facts, target) + ((pip_install(c.shell(facts), [f"{package}>={fits[0]['release']}"]),) if fits else ())
            then = (f"Create an environment with Python {target} and install {package}=={pin} there"
                    + (f", or install {package} >= {fits[0]['release']} (its first release with wheels for Python {minor})"
                       if fits else "") + ".")
            sources, severity = (row["source"],) + ((fits[0]["source"],) if fits else ()), "error"
        elif not known:
            continue
        elif spec is not None and (inside := [r for r in rows if Version(r["release"]) in spec]) \
                and not any(minor in _wheel_range(r, plat) for r in inside):
            # a range no release with this Python's wheel satisfies (taichi-ngp-renderer#11: taichi>=1.2.0, Python 3.6)
            has = sorted({m for r in inside for m in _wheel_range(r, plat)}, key=Version)
            if not has or _any_python(has):
                continue
            why = f"the {package} releases matching {spec} have wheels for {_shown(has)} only{where}"
            target = has[-1]
            fix = _venv_fix(facts, target)
            then = f"Create an environment with Python {target} and install {package}{spec} there."
            sources, severity = (inside[0]["source"],), "error"
        elif not fits:
            has = _wheel_range(rows[-1], plat)
            why = f"the newest {package} ({rows[-1]['release']}) has wheels for {_shown(has)} only{where}"
            target = None if _any_python(has) else has[-1]
            if not target:
                continue
            fix, then = _venv_fix(facts, target), f"Create an environment with Python {target} and install {package} there."
            sources, severity = (rows[-1]["source"],), "error"
        else:
            first = fits[0]
            # a bare minor ("Python 3.12") is no older than its .0 release: the earliest date it can have
            exact = py.version if py.version.count(".") >= 2 else f"{py.version}.0"
            born = next((r["released"] for r in kb.usable("python_releases") if r["python"] == exact), None)
            oldest = _wheel_range(rows[0], plat)
            if first is rows[0] or Version(minor) <= Version(oldest[-1]) or not born or born >= first["released"]:
                # the first wheel for this Python may be older than the data (a release PyPI no longer lists had it,
                # as mediapipe's cp37 wheels before 0.10.5), or came before the Python itself
                continue
            why = (f"Python {exact} came out on {born}, and {package} {first['release']} ({first['released']}) was the "
                   f"first release with wheels for Python {minor}{where}; until then pip found none at all")
            fix = (pip_install(c.shell(facts), [f"{package}>={first['release']}"], upgrade=True),)
            then = f"Install {package} >= {first['release']} (or use a Python its older releases have wheels for)."
            sources, severity = (first["source"],), "warning"
        yield Finding(
            code="python.unsupported_version", severity=severity, subject=package, framework=None,
            message=f"No {package} wheel exists for this interpreter: {why}. {then}",
            fix=fix, sources=sources,
            evidence=((f"python {py.version}",) if known else ()) + tuple(c.quote(o) for o in errs[:1]),
        )
        return


@rule
def requires_python_skipped(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """pip's 'Ignored the following versions that require a different python version' (ai-hub-models#89: every
    qai_hub_models release <3.11 under Python 3.11.9): the package's releases exclude this interpreter."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "pip.ignored_requires_python")
    if not said or c.find(all_obs, "python.requires_other") or any(_pip_errors(all_obs, n) for n in ("torch", "tensorflow")):
        return  # (torch's and TensorFlow's own pip failures are judged against their data; the list may be another's)
    v = said[0].values
    spec = re.sub(r"\s+", "", v.get("spec", "")).rstrip(",")
    py = facts.host.python.version
    try:
        allowed = SpecifierSet(spec)
    except InvalidSpecifier:
        return
    m = re.match(r"\d+\.\d+(?:\.\d+)?", py or "")
    outside = bool(m) and Version(m.group(0)) not in allowed
    if not outside:
        return  # the list can be another requirement's than the one that failed (a numpy pin beside torch, ot#191)
    target = _nearest(spec, py)
    yield Finding(
        code="python.unsupported_version", severity="error", subject="python",
        message=(f"pip skipped the package's releases because they require another Python (release {v.get('first')}: "
                 f"Requires-Python {spec}, and the others it lists)"
                 + f", and this interpreter is Python {py}. "
                 + (f"Create an environment with Python {target} and install the package there." if target else
                    "Use a Python every listed range admits.")),
        fix=_venv_fix(facts, target) if target else (), sources=c.pattern_sources(kb, said),
        evidence=(c.quote(said[0]), f"python {py}"),
    )


@rule
def wheel_for_another_python(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """pip refusing a downloaded wheel whose Python tag is another interpreter's (DirectML#544: a cp310 torch-directml
    wheel under Python 3.11.3, after 'from versions: none' for it): the package has no wheel for this Python."""
    py = facts.host.python
    minor = release(py.version, 2) if py.version and re.match(r"\d+\.\d+", py.version) else None
    if not minor:
        return
    for o in c.find(c.obs(facts, kb), "pip.unsupported_wheel"):
        m = re.fullmatch(r"cp3(\d+)", o.values.get("py", ""))
        if not m or f"3.{m.group(1)}" == minor:
            continue  # (the same Python: another platform, host.py's to explain on a Mac)
        wheel_py = f"3.{m.group(1)}"
        package = o.values["wheel"].split("-", 1)[0].replace("_", "-")
        yield Finding(
            code="python.unsupported_version", severity="error", subject=package.lower(),
            message=(f"{o.values['wheel']} is built for Python {wheel_py} (its cp3{m.group(1)} tag), and this interpreter "
                     f"is Python {py.version}, so pip refuses it; if pip found no {package} release at all, it has no "
                     f"wheel for Python {minor}. Create an environment with Python {wheel_py} and install it there, or "
                     f"a {package} release with wheels for Python {minor}, once there is one."),
            fix=_venv_fix(facts, wheel_py), sources=c.pattern_sources(kb, [o]),
            evidence=(f"python {py.version}", c.quote(o)),
        )
        return


@rule
def built_without_a_wheel(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """pip built a package from its source archive because the release has no wheel for this Python, and the build
    failed (sentencepiece#1104: 0.2.0's wheels are for Python 3.6 to 3.12; Python 3.13 on Windows)."""
    all_obs = c.obs(facts, kb)
    failed = c.find(all_obs, "pip.build_failed")
    py = facts.host.python
    if not failed or not (py.version and re.match(r"\d+\.\d+", py.version)) or py.bits == 32:
        return
    minor = release(py.version, 2)
    plat = cat.plat_key(facts.host.os, facts.host.arch) if facts.host.os and facts.host.arch else None
    names = {r["package"] for r in kb.usable("package_wheels")}
    for o in c.find(all_obs, "pip.sdist_fetched"):
        package = (o.values.get("package") or "").lower().replace("_", "-")
        if package not in names:
            continue
        rows = cat.wheel_rows(kb, package)
        row = next((r for r in rows if Version(r["release"]) == Version(o.values["version"])), None)
        if row is None or not _wheel_range(row, plat) or minor in _wheel_range(row, plat):
            continue  # (no platform known: only where no platform's wheel has this Python)
        has = _wheel_range(row, plat)
        fits = [r for r in rows if Version(r["release"]) > Version(row["release"]) and minor in _wheel_range(r, plat)]
        where = f" on {facts.host.os}/{facts.host.arch}" if plat else ""
        fix = _venv_fix(facts, has[-1]) + ((pip_install(c.shell(facts), [f"{package}>={fits[0]['release']}"]),)
                                          if fits else ())
        yield Finding(
            code="python.unsupported_version", severity="error", subject=package, framework=None,
            message=(f"{package} {row['release']} has wheels for {_shown(has)} only{where}, so for Python {minor} pip "
                     "took its source archive and built it, and the build failed. Create an environment with Python "
                     f"{has[-1]} and install it there"
                     + (f", or install {package} >= {fits[0]['release']} (its first release with wheels for Python "
                        f"{minor})" if fits else "") + "."),
            fix=fix, sources=(row["source"],) + ((fits[0]["source"],) if fits else ()),
            evidence=(f"python {py.version}", c.quote(o)) + tuple(c.quote(x) for x in failed[:1]),
        )
        return


def _python_from_wheel_offer(rows: list[dict], plat: str | None, errs) -> list[str]:  # noqa: ANN001
    """The Pythons whose first release with a wheel is the oldest one pip offered (package_wheels' rows)."""
    offered = [v.strip() for o in errs for v in (o.values.get("versions") or "").split(",") if re.match(r"\d", v.strip())]
    listed = [v for v in offered if any(Version(r["release"]) == Version(v) for r in rows)] if offered else []
    if not listed:
        return []
    oldest = min(listed, key=Version)
    out = []
    for minor in range(6, 31):
        fits = [r for r in rows if f"3.{minor}" in _wheel_range(r, plat)]
        if fits and not _any_python(_wheel_range(fits[0], plat)) and Version(fits[0]["release"]) == Version(oldest):
            out.append(f"3.{minor}")
    return out
