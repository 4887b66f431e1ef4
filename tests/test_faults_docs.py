"""docs/reliability.md lists every fault test and names only tests that exist (written by
tests/faults/make_doc.py from a real run), and README.md links it."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

DOC = REPO / "docs" / "reliability.md"


def test_every_row_names_a_fault_test_that_exists_and_every_fault_test_has_a_row():
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests").glob("test_faults_*.py"))
    res = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    collected = {ln.strip() for ln in res.stdout.splitlines() if "::" in ln}
    assert len(collected) > 100, res.stdout[-2000:] + res.stderr[-2000:]
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d+ \| .* \| `(tests/test_faults_[^`]+)` \| (.*) \|$", text, flags=re.M)
    named = [nodeid for nodeid, _ in rows]
    assert sorted(set(named) - collected) == [], "rows naming tests that do not exist"
    assert sorted(collected - set(named)) == [], "fault tests without a row: run tests/faults/make_doc.py"
    assert len(named) == len(set(named))
    # (this file's own rows are written before it can pass against the new page: make_doc's second pass)
    assert not [n for n, seen in rows if seen.startswith("FAILED") and "test_faults_docs.py" not in n]
    total = re.search(r"\*\*(\d+) tests\*\*", text)
    assert total and int(total.group(1)) == len(rows)


def test_the_readme_links_the_reliability_page():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/reliability.md)" in readme
