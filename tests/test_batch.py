"""Batch-envelope rules that no schema expresses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli, schema

import hsconform
from hsconform.check.checker import Selection, check_paths
from hsconform.findings import Finding
from hsconform.rules import batch


def _codes(payload: Any, reported: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [
        (f.code, f.instance) for f in batch.check(payload, variant=None, already_reported=reported)
    ]


def test_status_outside_the_documented_set() -> None:
    assert _codes({"status": "DONE"}) == [("HSC-B-STATUS", "/status")]
    for status in batch.STATUSES:
        assert _codes({"status": status}) == []


def test_status_rule_stays_quiet_where_the_schema_already_reported() -> None:
    assert _codes({"status": "DONE"}, reported=("/status",)) == []


@pytest.mark.parametrize(
    ("timestamps", "expected"),
    [
        (
            {
                "requestedAt": "2025-01-01T00:00:00Z",
                "startedAt": "2025-01-01T00:00:01Z",
                "completedAt": "2025-01-01T00:00:02Z",
            },
            [],
        ),
        (
            {"startedAt": "2025-01-01T00:00:01Z", "completedAt": "2025-01-01T00:00:00Z"},
            [("HSC-B-TIME-ORDER", "/completedAt")],
        ),
        (
            {"requestedAt": "2025-01-01T00:00:05Z", "startedAt": "2025-01-01T00:00:01Z"},
            [("HSC-B-TIME-ORDER", "/startedAt")],
        ),
        # compared as instants: 15:30+02:00 is 13:30Z, before 14:30Z
        (
            {"startedAt": "2025-03-15T14:30:05Z", "completedAt": "2025-03-15T15:30:01+02:00"},
            [("HSC-B-TIME-ORDER", "/completedAt")],
        ),
        # requestedAt missing: startedAt and completedAt still compared
        (
            {"startedAt": "2025-01-01T00:00:01.5Z", "completedAt": "2025-01-01T00:00:01.25Z"},
            [("HSC-B-TIME-ORDER", "/completedAt")],
        ),
        # not a date-time: left to the format check
        ({"startedAt": "soon", "completedAt": "2025-01-01T00:00:00Z"}, []),
    ],
)
def test_completed_after_started_after_requested(
    timestamps: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _codes(timestamps) == expected


def test_num_errors_must_match_the_errors_list() -> None:
    assert _codes({"numErrors": 2, "errors": [{}]}) == [("HSC-B-NUM-ERRORS", "/numErrors")]
    assert _codes({"numErrors": 1, "errors": [{}]}) == []
    assert _codes({"numErrors": 1}) == []  # only when both are present
    assert _codes({"numErrors": True, "errors": [{}]}) == []  # a boolean is the schema's problem


def test_ids_in_results_are_unique() -> None:
    results = [{"id": "1"}, {"id": "2"}, {"id": "1"}, {"id": 1}, {"id": "2"}]
    assert _codes({"results": results}) == [
        ("HSC-B-DUPLICATE-ID", "/results/2/id"),
        ("HSC-B-DUPLICATE-ID", "/results/4/id"),
    ]


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([{"id": str(n)} for n in range(50)], []),
        ([{"id": "a"}, {"id": "b"}, {"id": "a"}], ["/results/2/id"]),
        ([{"id": 7}, {"id": 7}], ["/results/1/id"]),
        ([{"id": "7"}, {"id": 7}, {"id": True}, {"id": 1}], []),
        ([{"id": "a"}, {"name": "x"}, {"id": "a"}], ["/results/2/id"]),
        ([{"id": "a"}, "a", ["a"], {"id": "a"}], ["/results/3/id"]),
        ([{"id": "a"}, {"id": None}, {"id": None}, {"id": 1.5}, {"id": 1.5}], []),
        ([{"id": 1}, {"id": 1.0}, {"id": True}, {"id": [1]}, {"id": {}}], []),
        ([{"id": [1]}, {"id": 2}, {"id": 2}], ["/results/2/id"]),
    ],
)
def test_duplicate_ids_whatever_the_results_hold(results: list[Any], expected: list[str]) -> None:
    assert _codes({"results": results}) == [("HSC-B-DUPLICATE-ID", p) for p in expected]


def test_non_objects_are_left_to_the_schema() -> None:
    assert _codes(["not", "an", "envelope"]) == []
    assert _codes({"results": "nope", "status": 3}) == []


def test_parse_timestamp_handles_rfc3339_forms() -> None:
    utc = dt.timezone.utc
    assert batch.parse_timestamp("2019-10-30T03:30:17.883Z") == dt.datetime(
        2019, 10, 30, 3, 30, 17, 883000, tzinfo=utc
    )
    assert batch.parse_timestamp("2019-10-30t03:30:17.123456789-05:30") == dt.datetime(
        2019, 10, 30, 3, 30, 17, 123456, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30))
    )
    assert batch.parse_timestamp("2016-12-31T23:59:60Z") is not None  # leap second
    bad_forms = ("2019-10-30", "2019-10-30T03:30:17", "2019-02-30T00:00:00Z", 17, None)
    for bad in (*bad_forms, "2019-10-30T03:30:17+24:00", "2019-10-30T03:30:17-99:00"):
        assert batch.parse_timestamp(bad) is None


def test_rules_apply_to_any_batch_envelope_type(make_pack) -> None:
    envelope = schema(
        "BatchThing",
        type="object",
        properties={"status": {"type": "string"}, "results": {"type": "array"}},
    )
    plain = schema("Thing", type="object", properties={"status": {"type": "string"}})
    pack = hsconform.load_pack(
        make_pack(schemas={"x-api-batch-thing": envelope, "x-api-thing": plain})
    )
    payload = {"status": "DONE", "results": [{"id": "a"}, {"id": "a"}]}
    findings = [(f.code, f.instance) for f in pack.validate(payload, "BatchThing").findings]
    assert findings == [("HSC-B-DUPLICATE-ID", "/results/1/id"), ("HSC-B-STATUS", "/status")]
    assert pack.validate(payload, "Thing").ok  # not an envelope: no batch rules


#: A twin batch envelope of the vendored pack, and a response breaking two batch rules and
#: its schema (``archived`` must be a boolean in both variants).
TWIN = "BatchResponseSimplePublicObject"
RESULT = {
    "properties": {},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}
BROKEN_BATCH = {
    "status": "COMPLETE",
    "results": [{"id": "1", "archived": "no", **RESULT}, {"id": "1", "archived": False, **RESULT}],
    "startedAt": "2024-01-02T00:00:00Z",
    "completedAt": "2024-01-01T00:00:00Z",
}
BATCH_CODES = ["HSC-B-DUPLICATE-ID", "HSC-B-TIME-ORDER"]


def _checked(tmp_path: Path, variant: str) -> tuple[Finding, ...]:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(BROKEN_BATCH), encoding="utf-8")
    pack = hsconform.load_pack()
    report = check_paths(pack, [path], Selection(explicit=TWIN), variant=variant)
    (outcome,) = report.outcomes
    return outcome.findings


def test_both_variants_report_each_batch_finding_once(tmp_path: Path) -> None:
    findings = _checked(tmp_path, "both")
    batch_findings = [f for f in findings if f.code.startswith("HSC-B-")]
    assert sorted(f.code for f in batch_findings) == BATCH_CODES
    assert {f.variant for f in batch_findings} == {None}  # they belong to no dialect
    schema_variants = {f.variant for f in findings if not f.code.startswith("HSC-B-")}
    assert schema_variants == {"json-schema", "json-structure"}  # each schema still judged


@pytest.mark.parametrize("variant", ["json-schema", "json-structure"])
def test_one_variant_labels_batch_findings_with_it(tmp_path: Path, variant: str) -> None:
    batch_findings = [f for f in _checked(tmp_path, variant) if f.code.startswith("HSC-B-")]
    assert sorted(f.code for f in batch_findings) == BATCH_CODES
    assert {f.variant for f in batch_findings} == {variant}


def test_validate_leaves_the_batch_rules_out_when_asked() -> None:
    pack = hsconform.load_pack()
    codes = {f.code for f in pack.validate(BROKEN_BATCH, TWIN, batch_rules=False).findings}
    assert codes and not any(code.startswith("HSC-B-") for code in codes)


def test_check_variant_both_prints_each_batch_finding_once(capsys, tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(BROKEN_BATCH), encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", "--variant", "both", "--type", TWIN, str(path))
    assert code == 1
    for batch_code in BATCH_CODES:
        assert out.count(f"[{batch_code}]") == 1, out
    code, out, _ = run_cli(
        capsys, "check", "--variant", "both", "--type", TWIN, "--format", "json", str(path)
    )
    codes = [f["code"] for f in json.loads(out)["findings"]]
    assert sorted(c for c in codes if c.startswith("HSC-B-")) == BATCH_CODES


def test_assert_conforms_under_both_lists_each_batch_finding_once() -> None:
    with pytest.raises(AssertionError) as failure:
        hsconform.assert_conforms(BROKEN_BATCH, TWIN, variant="both")
    message = str(failure.value)
    for batch_code in BATCH_CODES:
        assert message.count(batch_code) == 1, message
