"""Errors the CLI maps to one line on stderr and a documented exit code (ARCHITECTURE.md)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

ISSUES_URL = "https://github.com/hwprobe/hwprobe/issues"


class HwprobeError(Exception):
    """Base: a message for the user and the exit code that goes with it."""

    exit_code = EXIT_INTERNAL


class UsageError(HwprobeError):
    """A malformed option or argument (exit 2)."""

    exit_code = EXIT_USAGE


class InputError(HwprobeError):
    """Unreadable or unparseable input: a file, a recording, a pasted dump (exit 2)."""

    exit_code = EXIT_USAGE


class OutputError(HwprobeError):
    """The output could not be written, e.g. an unwritable --output path (exit 2)."""

    exit_code = EXIT_USAGE


class ReplayMissError(HwprobeError):
    """A detector asked a recorded machine for something it has no recording of.

    Fails loudly by design: a silent default would make a recording test pass for the wrong reason.
    """

    exit_code = EXIT_INTERNAL
