"""Fake frameworks as real installed packages: `<name>/__init__.py` plus `<name>-<version>.dist-info`.

Put the folder first on PYTHONPATH (processes.with_path_first): the doctor's metadata scan finds
the .dist-info, the probe child imports the package, and the fault happens in a real process.
Every fake writes its pid to $FAKE_PIDDIR/<name>.pid first, so a test can check it is gone.
These are fault injections, not recordings of machines: nothing here claims to be real output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FAKE_VERSION = "9.9.9"
FRAMEWORKS = ("torch", "tensorflow")

# First lines of every fake: leave the pid where the test can find it.
PRELUDE = """\
import os as _os, sys as _sys
_piddir = _os.environ.get("FAKE_PIDDIR")
if _piddir:
    with open(_os.path.join(_piddir, __name__ + ".pid"), "w") as _fh:
        _fh.write(str(_os.getpid()))
"""

# The probe moves fd 1 to stderr before importing the framework and keeps the real stdout in a
# dup'd fd (probes/_child.py). A hostile library can still write there: this finds that fd.
REPORT_FD = """\
def _report_fd():
    import stat
    err = _os.fstat(2)
    where = "/proc/self/fd" if _os.path.isdir("/proc/self/fd") else "/dev/fd"
    for fd in sorted(int(n) for n in _os.listdir(where)):
        if fd < 3:
            continue
        try:
            st = _os.fstat(fd)
        except OSError:
            continue
        if stat.S_ISFIFO(st.st_mode) and (st.st_ino, st.st_dev) != (err.st_ino, err.st_dev):
            return fd
    raise RuntimeError("no report pipe found")
"""

SLEEPER = """\
def _spawn_sleeper(tag, detach=False):
    import subprocess
    kw = {"start_new_session": True} if detach else {}
    p = subprocess.Popen([_sys.executable, "-c", "import time; time.sleep(600)"], **kw)
    if _piddir:
        with open(_os.path.join(_piddir, __name__ + "-" + tag + ".pid"), "w") as fh:
            fh.write(str(p.pid))
    return p
"""


def _json_then_exit(payload: str) -> str:
    return REPORT_FD + f"_os.write(_report_fd(), {payload!r}.encode() + b'\\n')\n_os._exit(0)\n"


# A framework whose import succeeds with just enough API for the probe to reach device listing,
# which then never returns (torch.cuda.is_available / tf.config.list_physical_devices).
_HANG_IN_DEVICES = {
    "torch": """\
import time, types
__version__ = "9.9.9"
version = types.SimpleNamespace(cuda=None, hip=None, git_version="fake", debug=False)
class _Cuda:
    @staticmethod
    def is_available():
        open(_os.path.join(_piddir, "torch-in-devices.pid"), "w").write(str(_os.getpid()))
        time.sleep(600)
cuda = _Cuda()
""",
    "tensorflow": """\
import time, types
__version__ = "9.9.9"
class _Config:
    @staticmethod
    def list_physical_devices(*args):
        open(_os.path.join(_piddir, "tensorflow-in-devices.pid"), "w").write(str(_os.getpid()))
        time.sleep(600)
config = _Config()
""",
}

_GARBAGE = """\
import random
rnd = random.Random(7)
junk = bytes(rnd.getrandbits(8) for _ in range(65536)) + b"\\xff\\xfe\\xc3\\x28 not utf-8 \\xed\\xa0\\x80\\n"
for _ in range(32):  # 2 MiB each way, through Python and straight to the file descriptors
    _sys.stdout.buffer.write(junk)
    _os.write(1, junk)
    _sys.stderr.buffer.write(junk)
print("\\u00e9\\u4e2d\\U0001f600 last words of the garbage", flush=True)
raise ImportError("fake framework: imported after 6 MiB of garbage")
"""


@dataclass(frozen=True)
class Fault:
    """One way a framework can fail, and what the doctor must make of it."""

    name: str
    what: str  # one line for docs/reliability.md
    code: str | dict[str, str]  # the package's __init__.py after PRELUDE (per framework where it differs)
    status: str  # FrameworkFacts.status the report must show
    finding: str  # the finding code that must name it
    cause: str  # what the finding's message (or the framework's detail) must contain
    hangs: bool = False
    reaches: tuple[str, ...] = ()  # pid files ("{fw}" for the framework) proving the fake got that far

    def init(self, framework: str) -> str:
        body = self.code[framework] if isinstance(self.code, dict) else self.code
        return PRELUDE + SLEEPER + body


FAULTS: tuple[Fault, ...] = (
    Fault("import-error", 'import raises ImportError naming a missing CUDA library',
          "raise ImportError('libcudart.so.12: cannot open shared object file')\n", "import_error",
          "framework.import_error", "libcudart.so.12"),
    Fault("non-ascii-error", 'prints and raises in Chinese, accents and emoji (encodings of every output are under test)',
          "import sys\nprint('\\u00e9chec \\u4e2d\\u6587 \\U0001f600', file=sys.stderr)\n"
          "raise ImportError('\\u00e9chec: \\u627e\\u4e0d\\u5230 libcudnn.so.9 \\U0001f600')\n",
          "import_error", "framework.import_error", "libcudnn.so.9"),
    Fault("sigill", 'import dies of SIGILL (an instruction the CPU lacks)',
          "import signal\n_os.kill(_os.getpid(), signal.SIGILL)\n", "crashed", "framework.crashed", "SIGILL"),
    Fault("sigsegv", 'import dies of SIGSEGV',
          "import signal\n_os.kill(_os.getpid(), signal.SIGSEGV)\n", "crashed", "framework.crashed",
          "SIGSEGV"),
    Fault("sigabrt", 'import dies of SIGABRT (`os.abort()`)',
          "_os.abort()\n", "crashed", "framework.crashed", "SIGABRT"),
    Fault("exit0-silent", 'import calls `os._exit(0)`: exit 0 with no output at all',
          "_os._exit(0)\n", "error", "framework.probe_error", "no output on stdout"),
    Fault("exit3-silent", 'import calls `os._exit(3)` with no output',
          "_os._exit(3)\n", "error", "framework.probe_error", "exited with code 3"),
    Fault("hang-in-import", 'import hangs (sleeps 600 s)',
          "import time\ntime.sleep(600)\n", "timeout", "framework.timeout", "time limit",
          hangs=True),
    Fault("hang-in-devices", 'import works; device listing hangs (`torch.cuda.is_available`, `tf.config.list_physical_devices`)',
          _HANG_IN_DEVICES, "timeout", "framework.timeout", "time limit", hangs=True,
          reaches=("{fw}-in-devices",)),
    Fault("grandchild-then-hang", 'spawns a sleeping grandchild, then hangs',
          "_spawn_sleeper('grandchild')\nimport time\ntime.sleep(600)\n", "timeout",
          "framework.timeout", "time limit", hangs=True, reaches=("{fw}-grandchild",)),
    Fault("grandchild-then-exit", 'spawns a sleeping grandchild, then exits without a report',
          "_spawn_sleeper('grandchild')\n_os._exit(0)\n", "error", "framework.probe_error",
          "no output on stdout", reaches=("{fw}-grandchild",)),
    Fault("garbage-on-stdio", 'prints 6 MiB of random and non-UTF-8 bytes on stdout, fd 1 and stderr, then fails to import',
          _GARBAGE, "import_error", "framework.import_error", "after 6 MiB of garbage"),
    Fault("garbage-on-report-pipe", "writes 12 MiB of binary garbage on the probe's real report pipe, then exits",
          REPORT_FD + "fd = _report_fd()\nchunk = bytes(range(256)) * 4096\n"
          "for _ in range(12):\n    _os.write(fd, chunk)\n_os._exit(0)\n",
          "error", "framework.probe_error", "not JSON"),
    Fault("json-not-an-object", 'reports `[1, 2, 3]` on the report pipe',
          _json_then_exit("[1, 2, 3]"), "error", "framework.probe_error", "unexpected shape"),
    Fault("json-of-another-probe", 'reports a JSON object of another probe (`"probe": "jax"`)',
          _json_then_exit('{"probe": "jax", "status": "ok", "devices": []}'), "error",
          "framework.probe_error", "unexpected shape"),
    Fault("json-unknown-device-kind", 'reports a device of kind `quantum`',
          {fw: _json_then_exit(f'{{"probe": "{fw}", "status": "ok", "devices": [{{"kind": "quantum", "index": 0}}]}}')
           for fw in FRAMEWORKS}, "error", "framework.probe_error", "bad device list"),
    Fault("json-fields-of-wrong-types", 'reports the right keys with wrong types (version an object, warnings a number, ...)',
          {fw: _json_then_exit(
              f'{{"probe": "{fw}", "status": "ok", "version": {{"x": 1}}, "warnings": 7, "errors": "boom", '
              '"build": [1], "import_s": "slow", "detail": ["x"], "devices": [{"kind": "cpu", "index": 0, '
              '"name": 5, "available": "no", "smoke": "fine", "memory_bytes": "lots", "capability": [8, 6], '
              '"detail": {"a": 1}}]}') for fw in FRAMEWORKS},
          "error", "framework.probe_error", "unexpected shape"),
    Fault("json-with-nan", "reports NaN and Infinity (which Python's json accepts)",
          {fw: _json_then_exit(
              f'{{"probe": "{fw}", "status": "ok", "import_s": NaN, "devices": [{{"kind": "cpu", "index": 0, '
              '"smoke": {"status": "ok", "max_error": Infinity, "seconds": -Infinity}}]}')
           for fw in FRAMEWORKS}, "error", "framework.probe_error", "not JSON"),
    Fault("json-nested-100k-deep", 'reports JSON nested 100,000 levels deep',
          _json_then_exit("[" * 100_000 + "]" * 100_000), "error",
          "framework.probe_error", "not JSON"),
)

FAULTS_BY_NAME = {f.name: f for f in FAULTS}

# Descendants that leave the probe's process group, as daemonizing libraries do. Not in FAULTS' pairs:
# tests/test_faults_frameworks.py and the signal tests use them where they prove something.
ESCAPEES = """\
def _spawn_escapee(tag, clear_env=False):
    import subprocess
    env = {} if clear_env else None  # no environment at all: not even the doctor's mark
    p = subprocess.Popen([_sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True, env=env)
    with open(_os.path.join(_piddir, __name__ + "-" + tag + ".pid"), "w") as fh:
        fh.write(str(p.pid))

def _spawn_daemon(tag):
    # The double fork of a daemon: an intermediate in a new session starts the sleeper and exits at
    # once, so the sleeper's parent is gone before the probe ends (it is re-parented).
    import subprocess
    inner = ("import subprocess, sys, os; p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
             f"open({_os.path.join(_piddir, __name__ + '-' + tag + '.pid')!r}, 'w').write(str(p.pid)); os._exit(0)")
    subprocess.Popen([_sys.executable, "-c", inner], start_new_session=True).wait()
"""

ESCAPING: dict[str, Fault] = {f.name: f for f in (
    Fault("setsid-grandchildren-then-hang",
          "spawns a grandchild in its own session (setsid) and another with an empty environment, then hangs",
          ESCAPEES + "_spawn_escapee('escaped')\n_spawn_escapee('escaped-no-env', clear_env=True)\n"
          "import time\ntime.sleep(600)\n", "timeout", "framework.timeout", "time limit", hangs=True,
          reaches=("{fw}-escaped", "{fw}-escaped-no-env")),
    Fault("daemon-then-exit", "starts a daemon (double fork, setsid: re-parented once its parent exits), then exits "
          "without a report", ESCAPEES + "_spawn_daemon('daemon')\n_os._exit(0)\n", "error", "framework.probe_error",
          "no output on stdout", reaches=("{fw}-daemon",)),
    Fault("grandchild-and-setsid-grandchild-then-hang", "spawns a grandchild and a setsid grandchild, then hangs",
          ESCAPEES + "_spawn_sleeper('grandchild')\n_spawn_escapee('escaped')\nimport time\ntime.sleep(600)\n",
          "timeout", "framework.timeout", "time limit", hangs=True, reaches=("{fw}-grandchild", "{fw}-escaped")),
)}


def ok_report(framework: str) -> str:
    """A probe report of a working framework with a CPU that passed its smoke test (the shape probes/_child.py
    writes; numbers are the fake's): the doctor then plans a benchmark of it."""
    import json

    return json.dumps({"probe": framework, "protocol": 1, "status": "ok", "warnings": [], "errors": {},
                       "version": FAKE_VERSION, "build": {}, "devices": [
                           {"kind": "cpu", "index": 0, "name": "cpu", "available": True,
                            "smoke": {"status": "ok", "max_error": 0.0, "seconds": 0.01, "detail": None}}]})


def bench_fault(framework: str, in_bench: str) -> str:
    """A fake that passes the probe (an ok report on its report pipe) and runs `in_bench` when the benchmark
    child (probes/bench_child.py, which runpy puts in sys.argv[0]) imports it."""
    return (PRELUDE + REPORT_FD + "if not _sys.argv[0].endswith('bench_child.py'):\n"
            f"    _os.write(_report_fd(), {ok_report(framework)!r}.encode() + b'\\n')\n    _os._exit(0)\n"
            "open(_os.path.join(_piddir, __name__ + '-bench.pid'), 'w').write(str(_os.getpid()))\n" + in_bench)


# What the benchmark child does on import, per fault (fault injections; the OOM one imports the real torch).
BENCH_SIGSEGV = "import signal\n_os.kill(_os.getpid(), signal.SIGSEGV)\n"
BENCH_HANG = "import time\ntime.sleep(600)\n"


def real_torch_in_bench(site: str) -> str:
    """The real torch in the benchmark child: this fake leaves sys.path and sys.modules to it."""
    return (f"_sys.path.remove({site!r})\ndel _sys.modules['torch']\nimport importlib\n"
            "_sys.modules['torch'] = importlib.import_module('torch')\n")


def fake_framework(root: Path, name: str, init: str, version: str = FAKE_VERSION, files: dict[str, str] | None = None
                   ) -> Path:
    """A real installed-looking package under `root`; returns `root` (for PYTHONPATH)."""
    pkg = root / name
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text(init, encoding="utf-8")
    for rel, text in (files or {}).items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text, encoding="utf-8")
    info = root / f"{name}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (info / "INSTALLER").write_text("pip\n", encoding="utf-8")
    return root


def install_faults(root: Path, faults: dict[str, Fault]) -> Path:
    """Fake each framework in `faults` (framework -> Fault) under `root`."""
    for fw, fault in faults.items():
        fake_framework(root, fw, fault.init(fw))
    return root
