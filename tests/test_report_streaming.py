"""Reports over outcomes kept on disk: the same text in every format, the JSON report's schema.

A run past the spool's threshold keeps its outcomes in a temporary file and reporters read
them back one at a time. Users rely on a large run's report being the report a small run would
have written, and on the JSON report matching the schema the package ships.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import ROOT, run_cli

import hsconform.spool
from hsconform.findings import Finding, Severity
from hsconform.outcomes import Outcome, Report, Status, Tally
from hsconform.report import REPORTERS
from hsconform.report.json_report import REPORT_VERSION, json_report_schema
from hsconform.report.markdown import LIMIT
from hsconform.spool import OutcomeSpool

FIXTURES = ROOT / "fixtures"
HAR = FIXTURES / "recordings" / "har" / "hubspot-batch-session.har"


def _outcome(index: int, status: Status = Status.FAILED) -> Outcome:
    finding = Finding(code="HSC-V-TYPE", severity=Severity.ERROR, message=f"bad {index}")
    findings = (finding,) if status is Status.FAILED else ()
    return Outcome(f"payload-{index}.json", status, type="T", findings=findings)


def test_a_spool_past_its_threshold_gives_back_every_outcome_in_order() -> None:
    spool = OutcomeSpool(spill_at=3)
    outcomes = [_outcome(i, Status.FAILED if i % 2 else Status.OK) for i in range(10)]
    spool.extend(outcomes)
    assert spool.on_disk
    assert len(spool) == 10
    assert list(spool) == outcomes
    assert list(spool) == outcomes  # read again: each iteration starts afresh
    first, second = iter(spool), iter(spool)
    assert (next(first), next(first), next(second)) == (outcomes[0], outcomes[1], outcomes[0])
    assert spool.tally == Tally.of(outcomes)
    assert spool.settled() is spool
    spool.close()
    assert list(spool) == []


def test_a_spool_that_fits_in_memory_settles_as_a_tuple() -> None:
    spool = OutcomeSpool(spill_at=100)
    spool.extend(_outcome(i) for i in range(5))
    assert not spool.on_disk
    assert spool.settled() == tuple(_outcome(i) for i in range(5))


def test_report_figures_come_from_the_tally() -> None:
    outcomes = (_outcome(0), _outcome(1, Status.OK), _outcome(2, Status.SKIPPED))
    report = Report(outcomes=outcomes)
    assert report.count(Status.FAILED) == 1
    assert report.severities() == {"error": 1, "warning": 0, "info": 0}
    assert report.tally.skip_codes == (None,)
    assert report.exit_code == 1


def _every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tag: str, *extra: str
) -> dict[str, str]:
    """Every report format of one check run over the fixtures, read back from its file."""
    targets = {name: tmp_path / f"{tag}.{name}" for name in REPORTERS}
    reports = [f"--report={name}:{path}" for name, path in targets.items()]
    run_cli(capsys, "check", str(FIXTURES), "--variant", "both", *reports, *extra)
    return {name: path.read_text(encoding="utf-8") for name, path in targets.items()}


@pytest.mark.parametrize("extra", [(), ("--ignore", "HSC-PUB", "--select", "HSC-V,HSC-B")])
def test_a_report_from_outcomes_on_disk_is_the_report_from_memory(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    extra: tuple[str, ...],
) -> None:
    in_memory = _every_format(capsys, tmp_path, "memory", *extra)
    monkeypatch.setattr(hsconform.spool, "SPILL_AT", 1)
    spilled = []
    spill = OutcomeSpool._spill
    monkeypatch.setattr(OutcomeSpool, "_spill", lambda self: spilled.append(spill(self)))
    on_disk = _every_format(capsys, tmp_path, "disk", *extra)
    assert spilled  # the outcomes went to disk
    for name in REPORTERS:
        assert on_disk[name] == in_memory[name], name
    assert json.loads(on_disk["json"])["summary"]["outcomes"] > 1


def _validate(report: str) -> dict[str, object]:
    document: dict[str, object] = json.loads(report)
    jsonschema.Draft202012Validator(json_report_schema()).validate(document)
    return document


@pytest.mark.parametrize(
    "argv",
    [
        ("check", str(FIXTURES), "--variant", "both"),
        ("check", str(FIXTURES / "recordings"), "--coverage"),
        ("lint",),
        ("drift",),
    ],
    ids=["check", "check-recordings", "lint", "drift"],
)
def test_every_json_report_conforms_to_the_shipped_schema(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    _, out, _ = run_cli(capsys, *argv, "--format", "json")
    document = _validate(out)
    assert document["report_version"] == REPORT_VERSION


def test_the_shipped_schema_rejects_a_report_of_another_layout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run_cli(capsys, "check", str(HAR), "--format", "json")
    document = json.loads(out)
    document["files"][0]["file"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(json_report_schema()).validate(document)


def test_json_report_counts_files_and_separates_where_a_response_came_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run_cli(capsys, "check", str(HAR), "--format", "json")
    document = _validate(out)
    summary = document["summary"]
    assert isinstance(summary, dict)
    entries = document["files"]
    assert isinstance(entries, list)
    assert summary["files"] == 1
    assert summary["outcomes"] == len(entries) > 1
    entry = entries[1]
    assert Path(entry["path"]).name == HAR.name
    assert entry["record"] == 1
    assert entry["method"] == "POST"
    assert entry["url"].startswith("https://")
    assert isinstance(entry["http_status"], int)
    assert entry["line"] is not None


def test_json_report_findings_point_at_their_outcome(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run_cli(capsys, "check", str(FIXTURES / "payloads"), "--format", "json")
    document = json.loads(out)
    for finding in document["findings"]:
        owner = document["files"][finding["outcome"]]
        assert owner["findings"] > 0
        assert owner["type"] == finding["type"]


def test_text_labels_each_finding_with_its_variant_under_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = FIXTURES / "payloads" / "authors-api-batch-response"
    _, both, _ = run_cli(
        capsys, "check", str(payload / "invalid-created-epoch-millis.json"), "--variant", "both"
    )
    assert "[HSC-V-TYPE] json-schema: " in both
    assert "[HSC-V-TYPE] json-structure: " in both
    _, one, _ = run_cli(capsys, "check", str(payload / "invalid-created-epoch-millis.json"))
    assert "json-schema: " not in one


def _many_failures(folder: Path, count: int) -> Path:
    """A JSON Lines file of ``count`` batch responses, each with a wrong type."""
    lines = folder / "many.jsonl"
    record = {"status": "COMPLETE", "results": [{"id": 1}], "startedAt": 5, "completedAt": 6}
    lines.write_text("\n".join(json.dumps(record) for _ in range(count)) + "\n", "utf-8")
    return lines


def test_markdown_keeps_under_its_limit_and_says_what_it_cut(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = _many_failures(tmp_path, 1_500)
    argv = ("check", str(lines), "--type", "hubspot-crm-objects/BatchResponseSimplePublicObject")
    code, out, _ = run_cli(capsys, *argv, "--format", "markdown")
    assert code == 1
    assert len(out) < LIMIT
    assert "**1500 response(s)**: 0 ok, 1500 failed" in out
    assert "**Cut to fit 60,000 characters:**" in out
    assert out.rstrip().endswith("hold every one.")
    assert out.count("<details>") == out.count("</details>")
    _, whole, _ = run_cli(capsys, *argv, "--format", "json")
    assert len(json.loads(whole)["files"]) == 1_500


def test_markdown_lists_skipped_and_unreadable_responses_with_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run_cli(capsys, "check", str(FIXTURES), "--format", "markdown")
    assert "<details><summary>Skipped: " in out
    assert "<details><summary>Unreadable: " in out
    assert "| code | count |" in out
    assert "Cut to fit" not in out


def test_ignoring_every_error_code_leaves_no_route_failed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    recordings = str(FIXTURES / "recordings")
    _, out, _ = run_cli(capsys, "check", recordings, "--format", "json")
    before = json.loads(out)["coverage"]["exercised"]
    assert any(route["failed"] for route in before)
    _, out, _ = run_cli(capsys, "check", recordings, "--format", "json", "--ignore", "HSC")
    document = json.loads(out)
    after = document["coverage"]["exercised"]
    assert document["summary"]["failed"] == 0
    assert [route["failed"] for route in after] == [0] * len(before)
    assert [route["seen"] for route in after] == [route["seen"] for route in before]


def test_without_a_temporary_folder_the_spool_keeps_its_outcomes_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object, **__: object) -> str:
        raise PermissionError(13, "Permission denied", "/tmp")

    monkeypatch.setattr(hsconform.spool.tempfile, "mkdtemp", refuse)
    spool = OutcomeSpool(spill_at=2)
    outcomes = [_outcome(i) for i in range(6)]
    spool.extend(outcomes)
    assert not spool.on_disk
    assert list(spool) == outcomes
    assert spool.settled() == tuple(outcomes)


def test_an_os_error_while_running_is_an_error_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device", "/tmp/hsconform-outcomes")

    monkeypatch.setattr(OutcomeSpool, "extend", full)
    code, _, err = run_cli(capsys, "check", str(HAR))
    assert code == 2
    assert "hsconform: error: /tmp/hsconform-outcomes: No space left on device" in err
