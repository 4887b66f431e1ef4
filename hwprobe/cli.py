"""The command line: one thin function per command and one error boundary (ARCHITECTURE.md).

Heavy imports happen inside commands so `hwprobe --help` stays instant.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from hwprobe.errors import EXIT_INTERNAL, EXIT_USAGE, ISSUES_URL, HwprobeError, UsageError
from hwprobe.interrupt import Terminated, catch_termination, restore

app = typer.Typer(
    name="hwprobe",
    help="Which accelerators can PyTorch and TensorFlow really use here, how fast, and how to fix it.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from hwprobe import __version__

        print(f"hwprobe {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, metavar="",
                                 help="Print the version and exit."),
) -> None:
    """Which accelerators can PyTorch and TensorFlow really use here, how fast, and how to fix it."""


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def Flag(name: str, help: str):  # noqa: ANN201, N802 - reads like typer.Option
    """A boolean --flag (typer otherwise shows a '<bool>' metavar in help)."""
    return typer.Option(False, name, metavar="", help=help)


FormatOpt = typer.Option(Format.text, "--format", "-f", help="Output format.", case_sensitive=False)
JsonOpt = Flag("--json", "Short for --format json.")
OutputOpt = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically) instead of stdout.",
                         metavar="FILE")
NoRedactOpt = Flag("--no-redact", "Keep host/user names, paths, UUIDs and addresses (not for pasting).")


def _frameworks(value: Optional[str]) -> list[str]:
    from hwprobe.facts import FRAMEWORKS
    from hwprobe.reason.gates import FRAMEWORK_ALIASES

    if value is None:
        return list(FRAMEWORKS)
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if not names:
        raise UsageError("--framework: give at least one of torch, tensorflow")
    out = []
    for n in names:
        if n not in FRAMEWORK_ALIASES:
            raise UsageError(f"--framework: unknown framework {n!r} (one of {', '.join(FRAMEWORKS)})")
        if FRAMEWORK_ALIASES[n] not in out:
            out.append(FRAMEWORK_ALIASES[n])
    return out


def _io(replay: Optional[str]):  # noqa: ANN202
    from hwprobe.sense.io import LiveIO, ReplayIO

    return ReplayIO(replay) if replay else LiveIO()


@app.command()
def doctor(
    fmt: Format = FormatOpt,
    as_json: bool = JsonOpt,
    output: Optional[str] = OutputOpt,
    probe_timeout: float = typer.Option(120.0, "--probe-timeout", min=1, max=3600, metavar="SECONDS",
                                        help="Time limit for each framework's child process (probe and quick benchmark)."),
    framework: Optional[str] = typer.Option(None, "--framework", metavar="NAMES",
                                            help="Comma-separated frameworks to probe (default: torch,tensorflow)."),
    no_bench: bool = Flag("--no-bench", "Skip the quick benchmark."),
    require: List[str] = typer.Option([], "--require", metavar="FRAMEWORK:DEVICE",
                                      help="Exit 1 unless FRAMEWORK works on DEVICE (e.g. torch:cuda, tensorflow:gpu). Repeatable."),
    no_redact: bool = NoRedactOpt,
    replay: Optional[str] = typer.Option(None, "--replay", metavar="DIR", help="Run on a recorded machine instead of this one."),
) -> int:
    """Everything: system, accelerators, each framework in a child process with a smoke test, matrix, findings, advice."""
    from hwprobe.doctor import collect_facts
    from hwprobe.output import check_writable
    from hwprobe.present import present
    from hwprobe.reason import build_report
    from hwprobe.reason.gates import parse_requirement
    from hwprobe.render.progress import ProbeProgress
    from hwprobe.report import Origin

    for r in require:
        parse_requirement(r)  # malformed gates fail before any work is done
    names = _frameworks(framework)
    if output is not None:  # --output "" (an unset shell variable) is an error, not stdout
        check_writable(output)
    io = _io(replay)
    with ProbeProgress() as progress:
        facts = collect_facts(io, names, probe_timeout, progress)
    if not no_bench and not replay:  # a recording holds no benchmark to replay
        from hwprobe.bench import BenchOptions, with_benchmarks
        from hwprobe.render.bench_progress import BenchProgress

        facts = with_benchmarks(io, facts, BenchOptions.quick(names, probe_timeout), BenchProgress)
    report = build_report(facts, require, Origin("replay", os.path.basename(os.path.normpath(replay))) if replay else None)
    present(report, fmt, as_json, output, not no_redact, io)
    return 0 if report.gates_passed else 1


@app.command()
def bench(
    framework: Optional[str] = typer.Option(None, "--framework", metavar="NAMES",
                                            help="Comma-separated frameworks (default: torch,tensorflow)."),
    device: Optional[str] = typer.Option(None, "--device", metavar="DEVICES",
                                         help="Comma-separated: cpu, cuda, cuda:1, rocm, mps, xpu, gpu, all (default: all)."),
    mode: str = typer.Option("both", "--mode", metavar="MODE", help="train, infer or both."),
    batch_size: int = typer.Option(32, "--batch-size", metavar="N", help="Images per step (the seeds use 32)."),
    duration: Optional[float] = typer.Option(None, "--duration", min=0.1, max=3600, metavar="SECONDS",
                                             help="Timed seconds per (framework, device, mode), after warm-up (default 3)."),
    quick: bool = Flag("--quick", "The doctor's quick run: 0.5 s per mode, one child per (framework, device)."),
    best: bool = Flag("--best", "Use the fastest configuration measured for each framework and device (see README)."),
    probe_timeout: Optional[float] = typer.Option(None, "--probe-timeout", min=1, max=3600, metavar="SECONDS",
                                                  help="Time limit for each child (default: from the work asked)."),
    fmt: Format = FormatOpt,
    as_json: bool = JsonOpt,
    output: Optional[str] = OutputOpt,
    no_redact: bool = NoRedactOpt,
) -> int:
    """The seed CNN on every (framework, device), train and inference, each in a child process with a time limit."""
    from hwprobe.bench import options_from_flags, with_benchmarks
    from hwprobe.doctor import collect_facts
    from hwprobe.output import check_writable
    from hwprobe.present import present
    from hwprobe.reason import build_report
    from hwprobe.render.bench_progress import BenchProgress
    from hwprobe.render.progress import ProbeProgress

    names = _frameworks(framework)
    options = options_from_flags(names, device, mode, batch_size, duration, quick, best, probe_timeout)
    if output is not None:
        check_writable(output)
    io = _io(None)
    with ProbeProgress() as progress:
        facts = collect_facts(io, names, probe_timeout or 120.0, progress)
    report = build_report(with_benchmarks(io, facts, options, BenchProgress))
    present(report, fmt, as_json, output, not no_redact, io, bench_view=True)
    return 0


@app.command("record")
def record_cmd(
    directory: str = typer.Argument(..., metavar="DIR", help="Directory to write the recording into (new or empty)."),
    force: bool = Flag("--force", "Replace DIR even if it is not empty."),
    probe_timeout: float = typer.Option(120.0, "--probe-timeout", min=1, max=3600, metavar="SECONDS",
                                        help="Time limit for each framework's child process."),
    framework: Optional[str] = typer.Option(None, "--framework", metavar="NAMES",
                                            help="Comma-separated frameworks to probe (default: torch,tensorflow)."),
) -> int:
    """Record this machine (every read, command and probe outcome), scrubbed, as a test fixture."""
    from hwprobe.record import check_target, record
    from hwprobe.render.progress import ProbeProgress

    names = _frameworks(framework)
    check_target(directory, force)
    with ProbeProgress() as progress:
        summary = record(directory, names, probe_timeout, force, progress)
    _say(f"hwprobe: recorded {summary.files} files, {summary.commands} commands and probes "
         f"{', '.join(summary.probes) or 'none'} in {summary.directory}; fill in its SOURCE.md and expected.json")
    return 0


@app.command()
def explain(
    path: str = typer.Argument(..., metavar="FILE|-", help="The pasted text: a file, or - for stdin."),
    fmt: Format = FormatOpt,
    as_json: bool = JsonOpt,
    output: Optional[str] = OutputOpt,
    no_redact: bool = NoRedactOpt,
) -> int:
    """Diagnose a pasted dump offline (collect_env, TF template, nvidia-smi, pip/conda list, tracebacks, our JSON)."""
    from hwprobe.output import check_writable
    from hwprobe.present import present
    from hwprobe.parse import load
    from hwprobe.reason.explain import explain as explain_paste

    if output is not None:  # --output "" (an unset shell variable) is an error, not stdout
        check_writable(output)
    paste = load(path)
    present(explain_paste(paste), fmt, as_json, output, not no_redact, identity=paste.identity)
    return 0


@app.command()
def advise(
    os_: Optional[str] = typer.Option(None, "--os", metavar="OS", help="linux, windows or darwin (default: this machine)."),
    arch: Optional[str] = typer.Option(None, "--arch", metavar="ARCH", help="x86_64 or aarch64."),
    accelerator: Optional[str] = typer.Option(None, "--accelerator", metavar="KIND", help="cpu, cuda, rocm, mps, tpu or xpu."),
    driver: Optional[str] = typer.Option(None, "--driver", metavar="VERSION", help="NVIDIA driver version, e.g. 535.104.05."),
    cuda: Optional[str] = typer.Option(None, "--cuda", metavar="VERSION", help="The CUDA version the driver supports (nvidia-smi)."),
    python: Optional[str] = typer.Option(None, "--python", metavar="VERSION", help="Python version, e.g. 3.12."),
    framework: Optional[str] = typer.Option(None, "--framework", metavar="NAMES", help="torch,tensorflow (default: both)."),
    compute_capability: Optional[str] = typer.Option(None, "--compute-capability", metavar="X.Y", help="NVIDIA GPU compute capability."),
    gfx: Optional[str] = typer.Option(None, "--gfx", metavar="TARGET", help="AMD GPU target, e.g. gfx90a."),
    os_version: Optional[str] = typer.Option(None, "--os-version", metavar="VERSION", help="macOS version, e.g. 14.5."),
    manager: Optional[str] = typer.Option(None, "--package-manager", metavar="NAME", help="pip, uv or conda."),
    fmt: Format = FormatOpt,
    as_json: bool = JsonOpt,
    output: Optional[str] = OutputOpt,
) -> int:
    """Install commands for this machine, or for another one described by flags (sensing only, no framework is run)."""
    from hwprobe.install_advice import document, sense_facts, target
    from hwprobe.output import check_writable, emit

    names = _frameworks(framework)
    if output is not None:  # --output "" (an unset shell variable) is an error, not stdout
        check_writable(output)
    flags = dict(os=os_, arch=arch, accelerator=accelerator, python=python, driver=driver, cuda=cuda,
                 compute_capability=compute_capability, gfx=gfx, os_version=os_version, manager=manager)
    plat, given = target(sense_facts(_io(None)), flags)
    doc = document(plat, names, given)
    if as_json or fmt is Format.json:
        from hwprobe.render.json import render_json as render
    else:
        from hwprobe.render.advice import render_advice_text as render
    emit(render(doc), output)
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    """The error boundary: a one-line message and a documented exit code, a traceback only with HWPROBE_DEBUG=1."""
    debug = os.environ.get("HWPROBE_DEBUG", "") not in ("", "0")
    if sys.stderr is None:  # started with fd 2 closed: messages go nowhere rather than into stdout
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    previous = catch_termination()
    try:
        return _run(argv, debug)
    finally:
        restore(previous)  # main() called in-process (tests, embedding) leaves the handlers as it found them


def console() -> int:
    """The `hwprobe` script and `python -m hwprobe`: main() in a process that is hwprobe alone, so it may
    adopt and reap what its framework children leave behind (sense/subreaper.py, sense/proc.py). In-process
    callers of main() (tests, embedding) keep their process as it was."""
    from hwprobe.sense.subreaper import become_subreaper

    become_subreaper()
    return main()


def _run(argv: Optional[List[str]], debug: bool) -> int:
    try:
        rv = typer.main.get_command(app).main(args=argv, prog_name="hwprobe", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except HwprobeError as exc:
        _traceback(debug)
        _say(f"hwprobe: error: {exc}")
        return exc.exit_code
    except typer.TyperException as exc:  # click usage errors: unknown option, bad value, missing argument
        if type(exc).__name__ == "NoArgsIsHelpError":
            return 0  # bare `hwprobe`: the help was printed, nothing went wrong
        _traceback(debug)
        _say(f"hwprobe: error: {_one_line(exc.format_message())} (see hwprobe --help)")
        return EXIT_USAGE
    except (typer.Abort, KeyboardInterrupt, Terminated) as exc:
        from hwprobe.sense.proc import kill_all

        import signal

        kill_all(stop=True)
        if isinstance(exc, Terminated) and exc.signum != signal.SIGINT:
            _say(f"hwprobe: terminated by {signal.Signals(exc.signum).name}; child processes stopped, nothing written")
            return 128 + exc.signum
        _say("hwprobe: interrupted; child processes stopped, nothing written")
        return 130
    except BrokenPipeError:  # the reader went away (| head): not an error of ours
        from hwprobe.output import silence_stdout

        silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place that catches everything
        _traceback(debug)
        _say(f"hwprobe: internal error: {type(exc).__name__}: {_one_line(str(exc))}. This is a bug: please "
             f"report it at {ISSUES_URL} with the output of HWPROBE_DEBUG=1 hwprobe ...")
        return EXIT_INTERNAL


def _traceback(debug: bool) -> None:
    """HWPROBE_DEBUG=1: the traceback too, and still the documented exit code."""
    if debug:
        import traceback

        try:
            traceback.print_exc(file=sys.stderr)
        except (OSError, ValueError):
            pass


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:500]


def _say(line: str) -> None:
    if sys.stderr is None:
        return
    try:
        print(line, file=sys.stderr)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
