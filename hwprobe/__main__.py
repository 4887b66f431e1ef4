"""`python -m hwprobe`: the same CLI as the `hwprobe` script."""

from hwprobe.cli import console

if __name__ == "__main__":
    raise SystemExit(console())
