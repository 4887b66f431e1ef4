"""Network guard for fault tests: put this folder first on PYTHONPATH (parent and every child see it).

Every attempt to create a socket, resolve a name or connect is refused with OSError and logged to
$NET_GUARD_LOG as one JSON line: pid, argv, what, and the Python stack at that moment.
"""

import json
import os
import socket
import sys
import traceback

_LOG = os.environ.get("NET_GUARD_LOG")
_real_init = socket.socket.__init__


def _record(what):
    if not _LOG:
        return
    stack = [{"file": f.filename, "line": f.lineno, "code": (f.line or "").strip()}
             for f in traceback.extract_stack()[:-2]]
    entry = {"pid": os.getpid(), "argv": list(getattr(sys, "orig_argv", sys.argv)), "what": what, "stack": stack}
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")


def _guarded_init(self, family=-1, type=-1, proto=-1, fileno=None):
    if fileno is not None:  # wrapping an inherited descriptor opens nothing new
        return _real_init(self, family, type, proto, fileno)
    _record(f"socket(family={family}, type={type})")
    raise OSError(1, "hwprobe test network guard: socket creation refused")


def _refuse(name):
    def refused(*args, **kwargs):
        _record(f"{name}{args[:2]!r}")
        raise OSError(1, f"hwprobe test network guard: {name} refused")
    return refused


socket.socket.__init__ = _guarded_init
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection",
              "socketpair", "fromfd"):
    setattr(socket, _name, _refuse(_name))
