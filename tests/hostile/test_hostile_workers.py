"""A ``-j`` worker that raises or dies costs the report of its file only, never of the others."""

from __future__ import annotations

import json
from pathlib import Path

from hostile_support import TYPE, assert_well_formed, run_cli

#: Runs the real command line after replacing the worker's task function with one that kills
#: its process on ``kill.json`` and raises on ``raise.json``, as a crash or an OOM kill would.
SABOTAGE = """
import os, sys
from hsconform.check import split
from hsconform.cli.run import main

original = split.check_task

def sabotaged(spec, task):
    name = task.path.name if isinstance(task, split.FileTarget) else ""
    if name == "kill.json":
        os._exit(9)
    if name == "raise.json":
        raise MemoryError("no memory left")
    return original(spec, task)

split.check_task = sabotaged
sys.exit(main(sys.argv[1:]))
"""

GOOD = {"status": "COMPLETE", "results": [], "startedAt": "2025-03-15T14:30:00Z"}


def test_a_killed_worker_names_its_file_and_every_other_file_is_reported(tmp_path: Path) -> None:
    names = [f"f{i:02}.json" for i in range(12)] + ["kill.json", "raise.json"]
    for name in names:
        (tmp_path / name).write_text(json.dumps(GOOD), encoding="utf-8")
    run = run_cli(
        "check",
        "-j",
        "2",
        "--type",
        TYPE,
        "--format",
        "json",
        tmp_path,
        prefix=("-c", SABOTAGE),
    )
    assert run.code == 2
    report = assert_well_formed("json", run.out)
    by_file = {Path(entry["file"]).name: entry["status"] for entry in report["files"]}
    assert set(by_file) == set(names)
    assert by_file["kill.json"] == "unreadable" and by_file["raise.json"] == "unreadable"
    assert {by_file[n] for n in names[:12]} == {"failed"}  # checked: completedAt is missing
    failed = {
        f["source"]["file"]: f["message"]
        for f in report["findings"]
        if f["code"] == "HSC-R-CHECK-FAILED"
    }
    assert {Path(file).name for file in failed} == {"kill.json", "raise.json"}
    assert any("ended abruptly" in message for message in failed.values())
    assert [Path(entry["file"]).name for entry in report["files"]] == sorted(names)
