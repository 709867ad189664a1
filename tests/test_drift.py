"""Drift between the variants: one small hand-written twin pair per code, witnesses proven."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, schema, structure

import hsconform
from hsconform.drift.baseline import apply_baseline, key_of, load_baseline, write_baseline
from hsconform.findings import Finding, Severity

STEM = "x-api-thing"


def twins(
    make_pack,
    js: dict[str, Any],
    st: dict[str, Any],
    *,
    profile: str = "strict",
    examples: Any = None,
) -> hsconform.Pack:
    root = make_pack(
        schemas={STEM: schema("Thing", type="object", properties=js.pop("properties", {}), **js)},
        structures={
            STEM: structure(
                "Thing",
                type="object",
                properties=st.pop("properties", {}),
                **{"$id": f"https://example.com/{STEM}"},
                **st,
            )
        },
    )
    if examples is not None:
        (root / "examples").mkdir()
        (root / "examples" / f"{STEM}-example.json").write_text(json.dumps(examples))
    return hsconform.load_pack(root, profile=profile)


def wire(pack: hsconform.Pack) -> list[Finding]:
    return [f for f in pack.drift() if f.category == "wire"]


def assert_proven(pack: hsconform.Pack, finding: Finding) -> None:
    """The witness is accepted by exactly the variant the finding names."""
    assert finding.witness is not None, finding
    verdicts = {
        v: pack.validate(finding.witness, finding.type_name or "", variant=v).ok
        for v in ("json-schema", "json-structure")
    }
    assert verdicts[finding.accepted_by or ""] is True
    assert list(verdicts.values()).count(True) == 1, (finding, verdicts)


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.code, f.instance) for f in findings)


@pytest.mark.parametrize(
    ("js_prop", "st_prop", "code"),
    [
        ({"type": "string"}, {"type": "int32"}, "HSC-D-TYPE"),
        ({"type": ["string", "null"]}, {"type": "string"}, "HSC-D-NULLABLE"),
        ({"type": "integer", "format": "int64"}, {"type": "int64"}, "HSC-D-INT-WIRE"),
        ({"type": "number"}, {"type": "decimal"}, "HSC-D-NUMBER-WIRE"),
        ({"type": "integer", "format": "int64"}, {"type": "integer"}, "HSC-D-INT-RANGE"),
        ({"type": "integer"}, {"type": "int32"}, "HSC-D-INT-RANGE"),
        ({"type": "number", "maximum": 10}, {"type": "double"}, "HSC-D-RANGE"),
        ({"type": "string", "format": "email"}, {"type": "string"}, "HSC-D-FORMAT"),
        ({"type": "string"}, {"type": "datetime"}, "HSC-D-FORMAT"),
        ({"type": "string", "maxLength": 3}, {"type": "string"}, "HSC-D-MAX-LENGTH"),
        ({"type": "string", "enum": ["A", "B"]}, {"type": "string", "enum": ["A"]}, "HSC-D-ENUM"),
        ({"type": "string", "enum": ["A"]}, {"type": "string"}, "HSC-D-ENUM"),
        ({"type": "string", "const": "A"}, {"type": "string"}, "HSC-D-CONST"),
        (
            {"type": "array", "items": {"type": "string"}, "maxItems": 2},
            {"type": "array", "items": {"type": "string"}},
            "HSC-D-ITEMS-COUNT",
        ),
        (
            {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            {"type": "array", "items": {"type": "string"}},
            "HSC-D-TYPE",
        ),
    ],
)
def test_each_wire_code_is_found_and_proven(
    make_pack, js_prop: dict[str, Any], st_prop: dict[str, Any], code: str
) -> None:
    pack = twins(make_pack, {"properties": {"p": js_prop}}, {"properties": {"p": st_prop}})
    (finding,) = [f for f in wire(pack) if f.code == code]
    assert finding.instance == "/p"
    assert finding.severity is Severity.ERROR
    for each in wire(pack):
        assert_proven(pack, each)


def test_members_required_and_additional(make_pack) -> None:
    pack = twins(
        make_pack,
        {
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
            "required": ["a"],
            "additionalProperties": False,
        },
        {"properties": {"a": {"type": "string"}, "c": {"type": "string"}}, "required": ["a", "c"]},
    )
    found = wire(pack)
    assert codes(found) == [
        ("HSC-D-ADDITIONAL", ""),
        ("HSC-D-PROPERTY", "/b"),
        ("HSC-D-PROPERTY", "/c"),
        ("HSC-D-REQUIRED", "/c"),
    ]
    for finding in found:
        assert_proven(pack, finding)


def test_nested_drift_has_a_location_pattern_and_a_whole_envelope(make_pack) -> None:
    item = {
        "type": "object",
        "properties": {"id": {"type": "integer", "format": "int64"}},
        "required": ["id"],
    }
    st_item = {"type": "object", "properties": {"id": {"type": "int64"}}, "required": ["id"]}
    pack = twins(
        make_pack,
        {
            "properties": {
                "status": {"type": "string"},
                "results": {"type": "array", "items": item},
            },
            "required": ["status", "results"],
        },
        {
            "properties": {
                "status": {"type": "string"},
                "results": {"type": "array", "items": st_item},
            },
            "required": ["status", "results"],
        },
    )
    (finding,) = wire(pack)
    assert (finding.code, finding.instance) == ("HSC-D-INT-WIRE", "/results/*/id")
    # the smallest envelope, kept clear of the batch rules (a documented status)
    assert finding.witness == {"status": "PENDING", "results": [{"id": 1}]}
    assert_proven(pack, finding)


def test_agreeing_twins_produce_nothing(make_pack) -> None:
    properties = {
        "when": (
            {"type": "string", "format": "date-time", "description": "d"},
            {"type": "datetime", "description": "d"},
        ),
        "day": (
            {"type": "string", "format": "date", "description": "d"},
            {"type": "date", "description": "d"},
        ),
        "key": (
            {"type": "string", "format": "uuid", "description": "d"},
            {"type": "uuid", "description": "d"},
        ),
        "link": (
            {"type": "string", "format": "uri-reference", "description": "d"},
            {"type": "uri", "description": "d"},
        ),
        "amount": (
            {"type": "number", "description": "d"},
            {"type": "number", "description": "d"},
        ),
        "flags": (
            {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            {"type": "set", "items": {"type": "string"}},
        ),
        "tags": (
            {"type": "array", "items": {"type": "string"}, "description": "d"},
            {"type": "array", "items": {"type": "string"}, "description": "d"},
        ),
        "state": (
            {"type": "string", "enum": ["ON", "OFF"], "description": "d"},
            {"type": "string", "enum": ["ON", "OFF"], "description": "d"},
        ),
        "labels": (
            {"type": "object", "additionalProperties": {"type": "string"}, "description": "d"},
            {"type": "map", "values": {"type": "string"}, "description": "d"},
        ),
    }
    pack = twins(
        make_pack,
        {"properties": {k: v[0] for k, v in properties.items()}, "required": ["when"]},
        {"properties": {k: v[1] for k, v in properties.items()}, "required": ["when"]},
    )
    assert pack.drift() == ()


def test_lossy_differences_are_information(make_pack) -> None:
    pack = twins(
        make_pack,
        {
            "properties": {
                "a": {"type": "string", "description": "kept", "example": "x"},
                "f": {"type": "string", "format": "binary"},
            }
        },
        {"properties": {"a": {"type": "string"}, "f": {"type": "string"}}},
    )
    found = pack.drift()
    assert codes(list(found)) == [
        ("HSC-D-BINARY-DROPPED", "/f"),
        ("HSC-D-DESCRIPTION-DROPPED", "/a"),
        ("HSC-D-EXAMPLES-DROPPED", "/a"),
    ]
    assert {(f.category, f.severity) for f in found} == {("lossy", Severity.INFO)}
    assert all(f.witness is None for f in found)


def test_title_and_name_differ(make_pack) -> None:
    root = make_pack(
        schemas={STEM: schema("Thing", type="object", properties={"a": {"type": "string"}})},
        structures={
            STEM: structure(
                "ThingV2",
                type="object",
                properties={"a": {"type": "string"}},
                **{"$id": "https://example.com/x"},
            )
        },
    )
    found = hsconform.load_pack(root).drift()
    assert [f.code for f in found] == ["HSC-D-NAME"]


def test_examples_valid_under_one_variant_only(make_pack) -> None:
    js = {"properties": {"id": {"type": "integer", "format": "int64", "example": 42}}}
    st = {"properties": {"id": {"type": "int64", "example": "42"}}}
    pack = twins(make_pack, js, st, examples={"id": 7})
    found = [f for f in pack.drift() if f.code.startswith("HSC-D-EXAMPLE")]
    summary = sorted((f.code, f.instance, f.variant or "", f.accepted_by or "") for f in found)
    assert summary == [
        ("HSC-D-EXAMPLE", "", "", "json-schema"),  # examples/x-api-thing-example.json
        ("HSC-D-EXAMPLE", "/id", "", "json-schema"),  # the JSON Schema's example 42
        ("HSC-D-EXAMPLE", "/id", "", "json-structure"),  # the JSON Structure's example "42"
        ("HSC-D-EXAMPLE-INVALID", "", "json-structure", ""),  # the file fails JSON Structure
    ]
    for finding in found:
        if finding.category == "wire":
            assert_proven(pack, finding)


def test_an_example_file_that_is_not_json_is_a_located_warning(make_pack) -> None:
    js = {"properties": {"id": {"type": "string"}}}
    st = {"properties": {"id": {"type": "string"}}}
    pack = twins(make_pack, js, st, examples={"id": "x"})
    (pack.root / "examples" / f"{STEM}-example.json").write_text('{"id": "x",\n  oops}')
    found = [f for f in pack.drift() if f.code == "HSC-D-EXAMPLE-UNREADABLE"]
    (finding,) = found
    assert finding.severity is Severity.WARNING and finding.category == "spec"
    assert finding.source is not None and finding.source.line == 2
    assert finding.message.startswith(f"example examples/{STEM}-example.json cannot be read")


def test_examples_its_own_schema_rejects(make_pack) -> None:
    js = {"properties": {"state": {"type": "string", "enum": ["ON"], "example": {}}}}
    st = {"properties": {"state": {"type": "string", "enum": ["ON"]}}}
    found = [f for f in twins(make_pack, js, st).drift() if f.code == "HSC-D-EXAMPLE-INVALID"]
    (finding,) = found
    assert (finding.instance, finding.variant, finding.category) == (
        "/state",
        "json-schema",
        "spec",
    )


def test_spec_findings_come_from_the_lint(make_pack) -> None:
    pack = twins(
        make_pack,
        {"properties": {"m": {"type": "string", "format": "email"}}},
        {"properties": {"m": {"type": "email"}}},
        profile="published",
    )
    spec = [f for f in pack.drift() if f.category == "spec"]
    assert [(f.code, f.severity) for f in spec] == [("HSC-PUB-EMAIL-TYPE", Severity.WARNING)]
    assert not wire(pack)  # a string with email format on both sides, as published
    strict = twins(
        make_pack,
        {"properties": {"m": {"type": "string", "format": "email"}}},
        {"properties": {"m": {"type": "email"}}},
    )
    assert [f.code for f in strict.drift() if f.category == "spec"] == ["HSC-S-UNKNOWN-TYPE"]


def test_drift_of_one_type_and_of_lone_types(make_pack) -> None:
    root = make_pack(schemas={"x-api-alone": schema("Alone", type="string")})
    pack = hsconform.load_pack(root)
    assert pack.drift() == ()
    assert pack.drift("Alone") == ()


def test_baseline_accepts_known_drift_and_lists_stale_entries(make_pack, tmp_path: Path) -> None:
    pack = twins(
        make_pack,
        {"properties": {"p": {"type": "string", "maxLength": 2}, "q": {"type": "boolean"}}},
        {"properties": {"p": {"type": "string"}, "q": {"type": "string"}}},
    )
    findings = pack.drift()
    assert len(findings) == 2
    path = tmp_path / "baseline.json"
    assert write_baseline(path, findings[:1]) == 1
    entries = load_baseline(path)
    applied = apply_baseline(findings, entries)
    assert [key_of(f) for f in applied.new] == [key_of(findings[1])]
    assert applied.accepted == 1 and applied.stale == ()
    later = apply_baseline(findings[1:], entries)
    assert later.stale == entries


def test_vendored_drift_is_fixed_or_baselined_with_reasons(vendored: hsconform.Pack) -> None:
    entries = load_baseline(ROOT / "schemas" / "drift-baseline.json")
    assert entries and all(entry.reason.strip() for entry in entries)
    applied = apply_baseline(vendored.drift(), entries)
    assert applied.new == ()
    assert applied.stale == ()
    for finding in vendored.drift():
        if finding.category == "wire":
            assert_proven(vendored, finding)
