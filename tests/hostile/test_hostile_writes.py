"""Writes that fail halfway keep what was there: a file-size limit stops hsconform mid-write.

A baseline, a lock or a report being replaced must never be left truncated: the new content goes
to a temporary sibling that is renamed over the old file only when complete. Here the process
runs under a file-size limit (as a full disk or a quota would stop it) and the old file must
come out byte-identical, with a located error, exit 2, and no temporary file left behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import ROOT
from hostile_support import run_cli

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="file-size limits (RLIMIT_FSIZE) are POSIX only"
)

#: Run the command line with writes capped at ``argv[1]`` bytes per file.
LIMITED = (
    "-c",
    "import resource, sys\n"
    "cap = int(sys.argv.pop(1))\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))\n"
    "from hsconform.cli.run import main\n"
    "sys.exit(main(sys.argv[1:]))\n",
)
OLD = b'{"old": "content that must survive"}\n'


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name != "old.json")


def test_a_baseline_write_cut_short_leaves_the_old_baseline(tmp_path: Path) -> None:
    baseline = tmp_path / "old.json"
    baseline.write_bytes(OLD)
    run = run_cli("2048", "drift", "--write-baseline", baseline, prefix=LIMITED)
    assert run.code == 2
    assert str(baseline) in run.err
    assert baseline.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("option", ["--report=json:{}", "--output={}"])
def test_a_report_write_cut_short_leaves_the_old_report(tmp_path: Path, option: str) -> None:
    report = tmp_path / "old.json"
    report.write_bytes(OLD)
    target = option.format(report)
    run = run_cli("4096", "check", ROOT / "fixtures", "--format", "json", target, prefix=LIMITED)
    assert run.code == 2
    assert "cannot write" in run.err and str(report) in run.err
    assert report.read_bytes() == OLD
    assert _leftovers(tmp_path) == []
