"""`python -m hwprobe`: the same CLI as the `hwprobe` script."""

from hwprobe.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
