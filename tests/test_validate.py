"""Validation against the JSON Schema variant: findings, formats, ranges, safety."""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from helpers import schema

import hsconform
from hsconform.findings import Finding, Severity, sort_findings

FLAGS = "crm-feature-flags-api-batch-portal-flag-state-response-with-errors"


def _flags_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "status": "COMPLETE",
        "results": [
            {"appId": 1, "flagName": "beta", "portalId": 2, "flagState": "ON"},
        ],
        "startedAt": "2025-03-15T14:30:00Z",
        "completedAt": "2025-03-15T14:30:02Z",
    }
    payload.update(overrides)
    return payload


@pytest.fixture(scope="module")
def formats_pack(tmp_path_factory: pytest.TempPathFactory) -> hsconform.Pack:
    root = tmp_path_factory.mktemp("formats")
    (root / "json-schema").mkdir()
    properties = {
        "when": {"type": "string", "format": "date-time"},
        "link": {"type": "string", "format": "uri"},
        "mail": {"type": "string", "format": "email"},
        "uid": {"type": "string", "format": "uuid"},
        "small": {"type": "integer", "format": "int32"},
        "big": {"type": "integer", "format": "int64"},
    }
    document = schema("Formats", type="object", properties=properties)
    (root / "json-schema" / "test-api-formats-schema.json").write_text(json.dumps(document))
    return hsconform.load_pack(root)


def test_shortcut_validates_against_the_vendored_pack() -> None:
    assert hsconform.validate(_flags_payload(), FLAGS).ok
    result = hsconform.validate({"status": "COMPLETE"}, FLAGS)
    assert not result.ok
    assert [f.code for f in result.findings] == ["HSC-V-REQUIRED"]


def test_finding_carries_every_field(vendored: hsconform.Pack) -> None:
    result = vendored.validate(_flags_payload(status="DONE"), FLAGS)
    (finding,) = result.findings
    assert finding.code == "HSC-V-ENUM"
    assert finding.severity is Severity.ERROR
    assert finding.keyword == "enum"
    assert finding.instance == "/status"
    assert finding.variant == "json-schema"
    assert '"DONE"' in finding.message and '"COMPLETE"' in finding.message
    assert finding.schema is not None
    assert finding.schema.file == f"json-schema/{FLAGS}-schema.json"
    assert finding.schema.pointer == "/properties/status/enum"
    assert result.type == "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors"


def test_every_violation_is_reported_not_just_the_first(vendored: hsconform.Pack) -> None:
    payload = _flags_payload(
        status="DONE",
        results=[
            {"appId": "1", "flagName": "a", "portalId": 2, "flagState": "ON"},
            {"flagName": 5, "portalId": 2, "flagState": "SOMETIMES"},
        ],
        startedAt="yesterday",
    )
    findings = {(f.code, f.instance) for f in vendored.validate(payload, FLAGS).findings}
    assert findings == {
        ("HSC-V-ENUM", "/status"),
        ("HSC-V-TYPE", "/results/0/appId"),
        ("HSC-V-REQUIRED", "/results/1"),
        ("HSC-V-TYPE", "/results/1/flagName"),
        ("HSC-V-ENUM", "/results/1/flagState"),
        ("HSC-V-FORMAT", "/startedAt"),
    }


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [
        ("when", "2025-03-15T14:30:00.123+02:00", "2025-03-15 14:30"),
        ("when", "2025-03-15T14:30:00Z", "2025-02-30T14:30:00Z"),
        ("link", "https://app.hubspot.com/contacts/12345", "not a uri"),
        ("mail", "jsmith@example.com", "jsmith.example.com"),
        ("uid", "123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000"),
    ],
)
def test_each_format_rejects_a_bad_value(
    formats_pack: hsconform.Pack, field: str, good: str, bad: str
) -> None:
    assert formats_pack.validate({field: good}, "Formats").ok
    (finding,) = formats_pack.validate({field: bad}, "Formats").findings
    assert (finding.code, finding.instance, finding.keyword) == (
        "HSC-V-FORMAT",
        f"/{field}",
        "format",
    )


@pytest.mark.parametrize(
    ("field", "inside", "outside"),
    [
        ("small", [2**31 - 1, -(2**31)], [2**31, -(2**31) - 1]),
        ("big", [2**63 - 1, -(2**63)], [2**63, -(2**63) - 1, 10**30]),
    ],
)
def test_int32_and_int64_ranges(
    formats_pack: hsconform.Pack, field: str, inside: list[int], outside: list[int]
) -> None:
    for value in inside:
        assert formats_pack.validate({field: value}, "Formats").ok, value
    for value in outside:
        (finding,) = formats_pack.validate({field: value}, "Formats").findings
        assert finding.code == "HSC-V-INT-RANGE"
        assert str(value) in finding.message


def test_a_number_beyond_int64_from_json_text_is_a_finding(vendored: hsconform.Pack) -> None:
    text = json.dumps(_flags_payload()).replace('"appId": 1', '"appId": 99999999999999999999999')
    payload = json.loads(text)
    (finding,) = vendored.validate(payload, FLAGS).findings
    assert (finding.code, finding.instance) == ("HSC-V-INT-RANGE", "/results/0/appId")


def test_an_unpaired_surrogate_is_judged_not_raised(formats_pack: hsconform.Pack) -> None:
    text = '{"uid": "\\ud800", "when": "x\\udfff"}'  # valid JSON text, not valid UTF-8
    findings = formats_pack.validate(json.loads(text), "Formats").findings
    assert [(f.code, f.instance) for f in findings] == [
        ("HSC-V-FORMAT", "/uid"),
        ("HSC-V-FORMAT", "/when"),
    ]


def test_booleans_are_not_integers(formats_pack: hsconform.Pack) -> None:
    (finding,) = formats_pack.validate({"big": True}, "Formats").findings
    assert finding.code == "HSC-V-TYPE"


def test_payload_is_never_mutated(vendored: hsconform.Pack) -> None:
    payload = _flags_payload(status="DONE", numErrors=3, errors=[])
    before = copy.deepcopy(payload)
    vendored.validate(payload, FLAGS)
    assert payload == before


def test_validators_are_built_once_per_type(vendored: hsconform.Pack) -> None:
    vendored.validate(_flags_payload(), FLAGS)
    document = vendored.type(FLAGS).documents["json-schema"]
    first = vendored._validator(document)
    vendored.validate(_flags_payload(), FLAGS)
    assert vendored._validator(document) is first


def test_one_pack_is_safe_to_share_between_threads() -> None:
    pack = hsconform.load_pack(Path(hsconform.vendored_pack().root))  # fresh, uncached validators
    cases = [
        (_flags_payload(), set()),
        (_flags_payload(status="DONE"), {("HSC-V-ENUM", "/status")}),
        (_flags_payload(results=[{"flagName": "x"}]), {("HSC-V-REQUIRED", "/results/0")}),
        (
            _flags_payload(completedAt="2025-03-15T14:29:00Z"),
            {("HSC-B-TIME-ORDER", "/completedAt")},
        ),
    ]
    barrier = threading.Barrier(8)
    failures: list[str] = []

    def worker(offset: int) -> None:
        barrier.wait()
        for round_ in range(200):
            payload, expected = cases[(offset + round_) % len(cases)]
            got = {(f.code, f.instance) for f in pack.validate(payload, FLAGS).findings}
            if got != expected:
                failures.append(f"thread {offset} round {round_}: {got} != {expected}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_deeply_nested_payload_is_a_finding_not_a_crash(
    vendored: hsconform.Pack, make_pack
) -> None:
    deep: Any = "leaf"
    for _ in range(10_000):
        deep = [deep]
    payload = _flags_payload(
        results=[{"appId": 1, "flagName": "x", "portalId": 2, "flagState": "ON", "extra": deep}]
    )
    result = vendored.validate(payload, FLAGS)
    # the schema does not look inside "extra": nothing to report, and no RecursionError
    assert result.ok
    locked = schema("Deep", type="array", items={"$ref": "#"})
    # a schema that recurses with the payload reaches Python's limit: reported as a finding
    pack = hsconform.load_pack(make_pack(schemas={"test-api-deep": locked}))
    result = pack.validate(deep, "Deep")
    (finding,) = result.findings
    assert finding.code == "HSC-P-TOO-DEEP"
    assert "10000 levels" in finding.message


def test_unknown_or_missing_variant_is_refused(vendored: hsconform.Pack, make_pack) -> None:
    with pytest.raises(hsconform.UnsupportedVariant, match="unknown variant"):
        vendored.validate({}, FLAGS, variant="xml")
    pack = hsconform.load_pack(make_pack(schemas={"x-api-only": schema("Only", type="string")}))
    with pytest.raises(hsconform.UnsupportedVariant, match="has no json-structure document"):
        pack.validate("x", "Only", variant="json-structure")


def test_unknown_type_raises(vendored: hsconform.Pack) -> None:
    with pytest.raises(hsconform.UnknownType):
        vendored.validate({}, "NoSuchType")


def test_findings_order_by_index_and_name_whatever_digits_a_name_holds() -> None:
    findings = [
        Finding(code="C", severity=Severity.ERROR, message="m", instance=pointer)
        for pointer in ("/a/¹", "/a/10", "/a/2", "/a/b")
    ]
    ordered = [f.instance for f in sort_findings(findings)]
    assert ordered == ["/a/2", "/a/10", "/a/b", "/a/¹"]
