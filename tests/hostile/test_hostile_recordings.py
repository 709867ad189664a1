"""Hostile recordings: every report format stays well-formed, every bad file is located."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import (
    FORMATS,
    NO_SARIF_SCHEMA,
    TYPE,
    assert_well_formed,
    run_cli,
    sarif_schema,
    write_hostile_recordings,
)

#: Files whose problem has a place in the file: the report must give its line.
LOCATED = {
    "huge-integer.json": "HSC-P-INTEGER-TOO-LONG",
    "huge-integer.jsonl": "HSC-P-INTEGER-TOO-LONG",
    "huge-status.har": "HSC-P-INTEGER-TOO-LONG",
    "huge-code.yaml": "HSC-P-INTEGER-TOO-LONG",
    "bad-url.yaml": "HSC-R-UNREADABLE",
    "bad-url.har": "HSC-R-UNREADABLE",
    "deep.json": "HSC-P-TOO-DEEP",
    "not-utf8.json": "HSC-R-UNREADABLE",
    "bad-date.yaml": "HSC-R-UNREADABLE",
    "bomb.yaml": "HSC-R-TOO-LARGE",
}


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "recordings"
    write_hostile_recordings(folder)
    return folder


def check(recordings: Path, *extra: str) -> list[str]:
    return ["check", "--type", TYPE, "--limit", "body-size=1M", *extra, str(recordings)]


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_format_is_well_formed_over_hostile_recordings(
    recordings: Path, format_name: str
) -> None:
    run = run_cli(*check(recordings, "--format", format_name))
    assert run.code == 2  # unreadable files are input errors; the others are still reported
    assert_well_formed(format_name, run.out)
    assert "escapes.json" in run.out and "huge-integer.json" in run.out


def test_sarif_over_hostile_recordings_follows_the_sarif_schema(recordings: Path) -> None:
    # every SARIF log of this suite goes through assert_well_formed, which validates it against
    # the schema where it is at hand: here the run says so when it is not
    if sarif_schema() is None:
        pytest.skip(NO_SARIF_SCHEMA)
    log = assert_well_formed("sarif", run_cli(*check(recordings, "--format", "sarif")).out)
    names = " ".join(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    )
    assert "escapes.json" in names and "huge-integer.json" in names


def test_each_bad_file_is_reported_with_its_code_and_line(recordings: Path) -> None:
    report = assert_well_formed("json", run_cli(*check(recordings, "--format", "json")).out)
    for name, code in LOCATED.items():
        mine = [f for f in report["findings"] if f["source"]["file"].endswith(name)]
        assert any(f["code"] == code and f["source"]["line"] for f in mine), (name, mine)


def test_payload_values_come_back_unchanged_from_json(recordings: Path) -> None:
    report = assert_well_formed("json", run_cli(*check(recordings, "--format", "json")).out)
    messages = " ".join(f["message"] for f in report["findings"])
    assert "\udfff" in messages or "\\udfff" in messages  # the surrogate, escaped as JSON


def test_escape_sequences_are_shown_not_obeyed(recordings: Path) -> None:
    for format_name in ("text", "markdown", "github"):
        out = run_cli(*check(recordings, "--format", format_name)).out
        assert "\\x1b" in out and "\x1b" not in out


def test_two_processes_report_what_one_does(recordings: Path) -> None:
    one = run_cli(*check(recordings, "--format", "json"))
    two = run_cli(*check(recordings, "--format", "json", "-j", "2"))
    assert (one.code, one.out) == (two.code, two.out)


def test_the_digit_limit_can_be_raised(tmp_path: Path) -> None:
    payload = tmp_path / "big.json"
    payload.write_text('{"status": ' + "7" * 5000 + "}", encoding="utf-8")
    refused = run_cli("check", "--type", TYPE, "--format", "json", payload)
    assert refused.code == 2 and "HSC-P-INTEGER-TOO-LONG" in refused.out
    raised = run_cli("check", "--type", TYPE, "--limit", "integer-digits=6000", payload)
    assert raised.code == 1 and "HSC-P-INTEGER-TOO-LONG" not in raised.out


def test_a_json_lines_record_over_the_body_limit_is_cut_and_the_rest_read(tmp_path: Path) -> None:
    lines = tmp_path / "many.jsonl"
    lines.write_text('{"a": 1}\n{"a": "' + "x" * 3000 + '"}\n{"a": 2}\n', encoding="utf-8")
    run = run_cli("check", "--type", TYPE, "--limit", "body-size=1K", "--format", "json", lines)
    report = assert_well_formed("json", run.out)
    codes = [(f["source"]["line"], f["code"]) for f in report["findings"]]
    assert (2, "HSC-R-TOO-LARGE") in codes
    assert {line for line, _ in codes} == {1, 2, 3}
