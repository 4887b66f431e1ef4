"""Ctrl-C, SIGTERM and SIGHUP become one exception, so the CLI's error boundary stops the children.

Our own exception, not KeyboardInterrupt: typer turns a KeyboardInterrupt into a silent `Exit(130)`,
which skipped the kill and left the interpreter waiting out the probes' time limit.
"""

from __future__ import annotations


class Terminated(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived: children killed, nothing half-written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    raise Terminated(signum)


def catch_termination() -> dict:
    """Route SIGINT/SIGTERM/SIGHUP to Terminated; returns the handlers to put back afterwards."""
    import signal
    import threading

    previous: dict = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        # Only signals left at their default: an ignored SIGINT (nohup, a background job) stays ignored.
        if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, signal.default_int_handler):
            previous[sig] = signal.signal(sig, _on_signal)
    return previous


def restore(previous: dict) -> None:
    import signal

    for sig, handler in previous.items():
        signal.signal(sig, handler)
