#!/usr/bin/env bash
# Install the framework builds `hwprobe advise` recommends for this machine, after asking.
#
#   install_scripts/install.sh [--dry-run] [--yes] [--advice FILE] [--framework NAMES] [-- ADVISE FLAGS...]
#
#   --dry-run        print the commands, run nothing
#   --yes            do not ask before running them
#   --advice FILE    use a saved `hwprobe advise --json` document instead of running hwprobe
#   --framework N    torch, tensorflow or both (passed to hwprobe advise)
#   -- FLAGS         anything else for hwprobe advise (e.g. -- --accelerator cuda --driver 550.54.15)
#
# Environment: HWPROBE  how to run hwprobe (default: hwprobe; e.g. "python3 -m hwprobe")
#              PYTHON   the interpreter whose environment gets the packages (default: python3, else python);
#                       the advice's "python -m pip ..." lines run with it.
# Exit codes: 0 done (or nothing to do), 1 a command failed or you said no, 2 bad usage or advice.
# Every command comes from the advice JSON (reports/advice.schema.json), which names the data rows
# (matrices/) it was derived from under "sources".
set -u

dry_run=0
yes=0
advice_file=""
framework=""
advise_flags=()

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "install.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) dry_run=1 ;;
        --yes|-y) yes=1 ;;
        --advice) [ $# -ge 2 ] || die "--advice needs a file"; advice_file="$2"; shift ;;
        --framework) [ $# -ge 2 ] || die "--framework needs a value"; framework="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; advise_flags=("$@"); break ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done

# The advice JSON is read with whichever python3 is on PATH; the commands run with $PYTHON.
reader="$(command -v python3 || command -v python || true)"
[ -n "$reader" ] || die "no python3 or python found"
py="${PYTHON:-$reader}"

if [ -n "$advice_file" ]; then
    [ -r "$advice_file" ] || die "cannot read $advice_file"
    json="$(cat "$advice_file")"
else
    read -r -a hw <<< "${HWPROBE:-hwprobe}"  # split into words, never glob-expanded
    [ -n "$framework" ] && advise_flags+=(--framework "$framework")
    json="$("${hw[@]}" advise --json "${advise_flags[@]}")" || die "hwprobe advise failed"
fi

# The plan as tab-separated lines: "shell", then per framework "fw<TAB>accelerator<TAB>release"
# followed by "cmd<TAB>line" (shown), "arg<TAB>word" (its words, run) and "note<TAB>text" lines.
# A command must be a plain list of words exactly as hwprobe quotes them (shlex.join of its words):
# it is then run as that argv, never by a shell, so `;`, `|`, `$(...)` or backquotes in an advice
# file can never start anything the advice does not name.
plan="$(printf '%s' "$json" | "$reader" -c '
import json, shlex, sys

def shown(text):  # one display field: no tab, line break or terminal control character
    return "".join(ch if ch.isprintable() else " " for ch in str(text))

try:
    doc = json.load(sys.stdin)
    assert doc["schema_version"] == "1", "schema_version is not 1"
    print("shell\t" + shown(doc["platform"]["shell"]))
    if doc["platform"]["shell"] != "posix":
        sys.exit(0)  # PowerShell lines: refused below, pointing to install.ps1
    for a in doc["advice"]:
        print("fw\t%s\t%s\t%s" % (shown(a["framework"]), shown(a["accelerator"]), shown(a.get("release") or "")))
        for c in a["commands"]:
            assert isinstance(c, str), "a command is not a string"
            words = shlex.split(c)
            assert words and shlex.join(words) == c and all(w.isprintable() for w in words), \
                "not a plain command line (shell syntax or control characters): %r" % c
            print("cmd\t" + c)
            for w in words:
                print("arg\t" + w)
        for n in a["notes"]:
            print("note\t" + shown(n))
except (ValueError, KeyError, TypeError, AttributeError, AssertionError, RecursionError) as exc:
    sys.exit("not an hwprobe advice document: %s" % exc)
')" || die "bad advice JSON"

shell_kind="$(printf '%s\n' "$plan" | awk -F'\t' '$1=="shell"{print $2}')"
[ "$shell_kind" = "posix" ] || die "this advice is written for $shell_kind; on Windows use install_scripts/install.ps1"

commands=()  # the lines, as shown
words=()     # every command's words, one after another
counts=()    # how many of them each command has
while IFS=$'\t' read -r kind a b c; do
    case "$kind" in
        fw) echo "== $a ($b${c:+, release $c})" ;;
        cmd) commands+=("$a"); counts+=(0); echo "   $a" ;;
        arg) words+=("$a"); counts[${#counts[@]}-1]=$(( counts[${#counts[@]}-1] + 1 )) ;;
        note) echo "   - $a" ;;
    esac
done <<< "$plan"

if [ ${#commands[@]} -eq 0 ]; then
    echo "Nothing to install: no command fits this machine (see the notes above)."
    exit 0
fi

run_words() {
    # "python -m pip ..." runs in $PYTHON's environment; other commands (uv, conda) as named.
    if [ "$1" = "python" ]; then
        shift
        "$py" "$@"
    else
        "$@"
    fi
}

if [ $dry_run -eq 1 ]; then
    echo "Dry run: would run ${#commands[@]} command(s) with PYTHON=$py"
    exit 0
fi

if [ $yes -eq 0 ]; then
    trap 'echo; echo "install.sh: interrupted; nothing run" >&2; exit 130' INT
    printf 'Run these %d command(s) with %s? [y/N] ' "${#commands[@]}" "$py"
    read -r answer || answer=""
    case "$answer" in
        y|Y|yes|YES) ;;
        *) echo "Nothing run."; exit 1 ;;
    esac
fi
trap 'echo "install.sh: interrupted" >&2; exit 130' INT

at=0
for i in "${!commands[@]}"; do
    echo "+ ${commands[$i]}"
    if ! run_words "${words[@]:$at:${counts[$i]}}"; then
        echo "install.sh: failed: ${commands[$i]}" >&2
        exit 1
    fi
    at=$(( at + counts[i] ))
done
echo "Done. Check with: hwprobe doctor"
