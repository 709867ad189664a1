"""Drift claims no equivalence it has not tested, and lowers each side as its validator enforces.

Each twin here is a pair the shape model once called equivalent, or a keyword one validator
does not enforce; every wire finding's witness is judged again by both real validators.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers import ROOT, schema, structure
from test_drift import STEM, assert_proven, twins, wire

import hsconform
from hsconform.findings import Finding

VALIDATION = {"$uses": ["JSONStructureValidation"]}


def one(findings: list[Finding], code: str, instance: str = "/p") -> Finding:
    found = [f for f in findings if f.code == code and f.instance == instance]
    assert len(found) == 1, findings
    return found[0]


def pair(make_pack, js: dict[str, Any], st: dict[str, Any], **options: Any) -> hsconform.Pack:
    """Twins with one required property ``p`` of the given schemas."""
    st_extra = options.pop("structure", {})
    return twins(
        make_pack,
        {"properties": {"p": js}, "required": ["p"]},
        {"properties": {"p": st}, "required": ["p"], **st_extra},
        **options,
    )


# -- integer with a decimal point ------------------------------------------------------------


@pytest.mark.parametrize("st_type", ["int32", "integer"])
@pytest.mark.parametrize("profile", ["strict", "published"])
def test_an_integer_written_with_a_decimal_point_is_named_as_the_cause(
    make_pack, st_type: str, profile: str
) -> None:
    pack = pair(
        make_pack, {"type": "integer", "format": "int32"}, {"type": st_type}, profile=profile
    )
    finding = one(wire(pack), "HSC-D-INT-DECIMAL")
    assert finding.accepted_by == "json-schema"
    assert isinstance(finding.witness["p"], float)
    assert "decimal point" in finding.message
    assert_proven(pack, finding)


# -- each side as its validator enforces it ----------------------------------------------------


def test_max_items_json_structure_does_not_enforce_is_drift(make_pack) -> None:
    items = {"type": "array", "items": {"type": "string"}, "maxItems": 100}
    pack = pair(make_pack, dict(items), dict(items))
    finding = one(wire(pack), "HSC-D-ITEMS-COUNT")
    assert finding.accepted_by == "json-structure"
    assert len(finding.witness["p"]) == 101
    assert_proven(pack, finding)


@pytest.mark.parametrize(
    ("profile", "structure_extra"), [("strict", VALIDATION), ("published", {})]
)
def test_max_items_both_enforce_is_not_drift(
    make_pack, profile: str, structure_extra: dict[str, Any]
) -> None:
    items = {"type": "array", "items": {"type": "string"}, "maxItems": 100}
    pack = pair(make_pack, dict(items), dict(items), profile=profile, structure=structure_extra)
    assert wire(pack) == []


def test_a_maximum_json_structure_does_not_enforce_is_not_printed_as_its_range(
    make_pack,
) -> None:
    pack = pair(make_pack, {"type": "integer", "maximum": 10}, {"type": "int32", "maximum": 10})
    finding = one(wire(pack), "HSC-D-INT-RANGE")
    assert "JSON Schema [-inf, 10]" in finding.message
    assert "JSON Structure [-2147483648, 2147483647]" in finding.message
    assert_proven(pack, finding)
    assert pack.validate({"p": 11}, STEM, variant="json-structure").ok


def test_unique_items_where_json_structure_enforces_them_is_a_set(make_pack) -> None:
    unique = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
    enforced = pair(make_pack, dict(unique), dict(unique), structure=VALIDATION)
    assert wire(enforced) == []


def test_a_variant_that_accepts_nothing_is_reported_as_such(make_pack) -> None:
    member = {"type": "object", "properties": {"e": {"type": "string", "format": "email"}}}
    plain = {"type": "object", "properties": {"e": {"type": "string"}}}
    root = make_pack(
        schemas={STEM: schema("Thing", allOf=[member])},
        structures={
            STEM: structure("Thing", allOf=[plain], **{"$id": f"https://example.com/{STEM}"})
        },
    )
    pack = hsconform.load_pack(root, profile="strict")
    findings = wire(pack)
    assert [f.code for f in findings] == ["HSC-D-ACCEPTS-NOTHING"]
    (finding,) = findings
    assert finding.accepted_by == "json-schema"
    assert "accepts no payload" in finding.message
    assert_proven(pack, finding)


def test_composition_json_structure_enforces_is_compared(make_pack) -> None:
    member = {"type": "object", "properties": {"e": {"type": "string", "format": "email"}}}
    plain = {"type": "object", "properties": {"e": {"type": "string"}}}
    root = make_pack(
        schemas={STEM: schema("Thing", allOf=[member])},
        structures={
            STEM: structure("Thing", allOf=[plain], **{"$id": f"https://example.com/{STEM}"})
        },
    )
    pack = hsconform.load_pack(root, profile="published")
    finding = one(wire(pack), "HSC-D-FORMAT", "/e")
    assert finding.accepted_by == "json-structure"
    assert_proven(pack, finding)


# -- no equivalence taken on trust -------------------------------------------------------------


@pytest.mark.parametrize(
    ("js", "st", "code", "accepted_by"),
    [
        ({"type": "string", "format": "uri"}, {"type": "uri"}, "HSC-D-FORMAT", "json-structure"),
        ({"type": "number"}, {"type": "float"}, "HSC-D-RANGE", "json-schema"),
        ({"type": "number"}, {"type": "double"}, "HSC-D-RANGE", "json-schema"),
    ],
)
def test_pairs_once_called_equivalent_are_drift(
    make_pack, js: dict[str, Any], st: dict[str, Any], code: str, accepted_by: str
) -> None:
    pack = pair(make_pack, js, st)
    finding = one(wire(pack), code)
    assert finding.accepted_by == accepted_by
    assert_proven(pack, finding)


def test_a_probe_finds_what_the_shapes_call_equal(make_pack) -> None:
    # both shapes are `string (time)`; under published JSON Structure also takes no offset
    pack = pair(
        make_pack, {"type": "string", "format": "time"}, {"type": "time"}, profile="published"
    )
    finding = one(wire(pack), "HSC-D-FORMAT")
    assert finding.accepted_by == "json-structure"
    assert finding.witness == {"p": "10:00:00"}
    assert "where the two are taken to agree" in finding.message
    assert_proven(pack, finding)


def test_an_unpaired_surrogate_is_judged_by_both_validators(make_pack) -> None:
    pack = pair(make_pack, {"type": "string", "maxLength": 2}, {"type": "string", "maxLength": 2})
    for variant in ("json-schema", "json-structure"):
        assert pack.validate({"p": "a\ud800"}, STEM, variant=variant).ok
        rejected = pack.validate({"p": "a\ud800b"}, STEM, variant=variant)
        assert [f.instance for f in rejected.errors] == ["/p"]
    assert wire(pack) == []


#: Every row of the equivalence table of docs/drift.md, as a twin pair.
EQUIVALENT = [
    ({"type": "string", "format": "date-time"}, {"type": "datetime"}, {}),
    ({"type": "string", "format": "date"}, {"type": "date"}, {}),
    ({"type": "string", "format": "time"}, {"type": "time"}, {}),
    ({"type": "string", "format": "uuid"}, {"type": "uuid"}, {}),
    ({"type": "string", "format": "uri-reference"}, {"type": "uri"}, {}),
    (
        {"type": "string", "format": "email"},
        {"type": "string", "format": "email"},
        VALIDATION,
    ),
    ({"type": "string", "format": "binary"}, {"type": "string"}, {}),
    ({"type": "number"}, {"type": "number"}, {}),
    (
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"type": "map", "values": {"type": "string"}},
        {},
    ),
    (
        {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        {"type": "set", "items": {"type": "string"}},
        {},
    ),
    ({"type": ["string", "null"]}, {"type": ["string", "null"]}, {}),
    (
        {"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}}]},
        {"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}}]},
        {"$uses": ["JSONStructureConditionalComposition"]},
    ),
]


def test_the_equivalence_table_lists_exactly_the_pairs_tested() -> None:
    text = (ROOT / "docs" / "drift.md").read_text(encoding="utf-8")
    section = text.split("## Equivalences")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if re.match(r"\| `", line)]
    assert len(rows) == len(EQUIVALENT)


@pytest.mark.parametrize(("js", "st", "extra"), EQUIVALENT)
def test_every_equivalent_pair_survives_the_probes_under_strict(
    make_pack, js: dict[str, Any], st: dict[str, Any], extra: dict[str, Any]
) -> None:
    pack = pair(make_pack, js, st, structure=extra)
    unexpected = [f for f in wire(pack) if not _time_without_offset(f)]
    assert unexpected == []


def _time_without_offset(finding: Finding) -> bool:
    """JSON Structure's time takes no offset until its validator follows RFC 3339 full-time."""
    return finding.witness == {"p": "10:00:00"}


# -- witnesses under published ------------------------------------------------------------------


def test_int64_witnesses_under_published_hold_under_strict_or_say_why(make_pack, tmp_path) -> None:
    int64 = ({"type": "integer", "format": "int64"}, {"type": "int64"})
    pack = twins(
        make_pack,
        {"properties": {"a": int64[0], "b": int64[0]}, "required": ["a", "b"]},
        {"properties": {"a": int64[1], "b": int64[1]}, "required": ["a", "b"]},
        profile="published",
    )
    strict = hsconform.load_pack(pack.root, profile="strict")
    findings = [f for f in wire(pack) if f.code == "HSC-D-INT-WIRE"]
    assert {f.instance for f in findings} == {"/a", "/b"}
    for finding in findings:
        assert_proven(pack, finding)
        claimed = finding.accepted_by == "json-structure"
        verdict = strict.validate(finding.witness, STEM, variant="json-structure").ok
        assert verdict == claimed or "relies on a published acceptance" in finding.message
        assert verdict == claimed  # here a payload that needs no published acceptance exists
