"""Output at scale: one JSON line per finding, a Parquet table, and the summary in every mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT
from helpers import run_cli as run

from hsconform.report.rows import COLUMNS

LOG = "fixtures/unreadable/logs/batch-responses.jsonl"
OBJECTS = "hubspot-crm-objects/BatchResponseSimplePublicObject"
CHECK = ("check", "--type", OBJECTS)


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_jsonl_writes_one_finding_per_line_and_the_summary_on_stderr(capsys) -> None:
    code, out, err = run(capsys, *CHECK, "--format", "jsonl", LOG)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2  # one line of the log is not JSON
    assert [(r["line"], r["code"]) for r in rows] == [(4, "HSC-P-INVALID-JSON"), (5, "HSC-V-ENUM")]
    assert all(list(row) == list(COLUMNS) for row in rows)
    assert rows[1]["schema_location"].endswith("#/properties/status/enum")
    assert "summary: 4 response(s): 2 ok, 1 failed, 0 skipped, 1 unreadable" in err
    assert "HSC-V-ENUM" in err.split("by code:")[1]


def test_all_adds_a_line_for_each_response_without_findings(capsys) -> None:
    _, out, _ = run(capsys, *CHECK, "--format", "jsonl", "--all", LOG)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["line"], r["outcome"]) for r in rows] == [
        (1, "ok"),
        (2, "ok"),
        (4, "unreadable"),
        (5, "failed"),
    ]


def test_recorded_requests_fill_method_url_and_status(capsys) -> None:
    har = "fixtures/recordings/har/hubspot-batch-session.har"
    _, out, _ = run(capsys, "check", "--format", "jsonl", har)
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["method"] and r["url"] and r["status"] for r in rows)
    assert all(isinstance(r["record"], int) for r in rows)


def test_sample_shows_example_findings_per_code_in_any_format(capsys) -> None:
    code, out, err = run(capsys, *CHECK, "--sample", "1", LOG)
    assert code == 2 and out.startswith("hsconform check")
    assert "samples (1 per code):" in err
    assert f"[HSC-V-ENUM] {LOG}:5 /status:" in err


def test_jsonl_output_goes_to_the_file_given(capsys, tmp_path: Path) -> None:
    target = tmp_path / "findings.jsonl"
    _, out, err = run(capsys, *CHECK, "--format", "jsonl", "-o", str(target), LOG)
    assert out == "" and "summary:" in err
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2


def test_parquet_needs_an_output_file(capsys) -> None:
    code, _, err = run(capsys, *CHECK, "--format", "parquet", LOG)
    assert code == 2 and "--output FILE" in err


def test_output_with_a_sample_writes_the_report_there_and_the_samples_on_stderr(
    capsys, tmp_path: Path
) -> None:
    target = tmp_path / "report.json"
    code, out, err = run(
        capsys, *CHECK, "--format", "json", "--sample", "1", "-o", str(target), LOG
    )
    assert code == 2 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]
    assert "samples (1 per code):" in err


def test_parquet_holds_the_findings_table(capsys, tmp_path: Path) -> None:
    parquet = pytest.importorskip(
        "pyarrow.parquet", reason="pyarrow is not installed (the dask extra)"
    )
    target = tmp_path / "findings.parquet"
    code, out, _ = run(capsys, *CHECK, "--format", "parquet", "--output", str(target), LOG)
    table = parquet.read_table(target)
    assert code == 2 and table.column_names == list(COLUMNS)
    assert table.column("code").to_pylist() == ["HSC-P-INVALID-JSON", "HSC-V-ENUM"]
    assert table.column("line").to_pylist() == [4, 5]
    assert out.startswith("summary: 4 response(s)")
