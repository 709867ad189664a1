"""JSON Structure verdicts to the drafts' letter: non-schemas, add-ins, time, $extends, const."""

from __future__ import annotations

from typing import Any

import pytest

from hsconform.findings import Severity
from hsconform.json_structure.lint import lint_document
from hsconform.json_structure.validator import validator_for_document

CORE = "https://json-structure.org/meta/core/v0/#"
EXTENDED = "https://json-structure.org/meta/extended/v0/#"
COMPOSITION = "JSONStructureConditionalComposition"
VALIDATION = "JSONStructureValidation"


def document(root: dict[str, Any], *uses: str) -> dict[str, Any]:
    head = {"$schema": EXTENDED, "$uses": list(uses)} if uses else {"$schema": CORE}
    return {**head, "$id": "https://example.com/t", "name": "T", **root}


def errors(doc: Any, value: Any, profile: str = "strict") -> list[str]:
    findings = validator_for_document(doc, profile=profile).findings(value)
    return [f.code for f in findings if f.severity is Severity.ERROR]


# -- typeless composition members ------------------------------------------------------------


def test_the_drafts_if_then_else_example_gives_the_drafts_verdicts() -> None:
    doc = document(
        {
            "if": {"properties": {"a": {"type": "string"}}, "required": ["a"]},
            "then": {"properties": {"b": {"type": "number"}}, "required": ["b"]},
            "else": {"properties": {"c": {"type": "boolean"}}, "required": ["c"]},
        },
        COMPOSITION,
    )
    for valid in ({"a": "string", "b": 42}, {"c": True}, {"a": 42, "c": False}):
        assert errors(doc, valid) == [], valid
    assert errors(doc, {"a": "string"}) == ["HSC-V-REQUIRED"]  # then: b is required
    assert errors(doc, {"a": "string", "b": "x"}) == ["HSC-V-TYPE"]
    assert errors(doc, {"a": 42}) == ["HSC-V-REQUIRED"]  # else: c is required
    assert lint_document(doc, file="t") == []  # the lint accepts it too


@pytest.mark.parametrize("profile", ["strict", "published"])
def test_not_and_all_of_members_constrain_without_a_type(profile: str) -> None:
    forbidden = document({"type": "string", "not": {"enum": ["forbidden"]}}, COMPOSITION)
    assert errors(forbidden, "forbidden", profile) == ["HSC-V-NOT"]
    assert errors(forbidden, "allowed", profile) == []
    only_a = document({"type": "string", "allOf": [{"enum": ["a"]}]}, COMPOSITION)
    assert errors(only_a, "a", profile) == []
    assert errors(only_a, "b", profile) == ["HSC-V-ENUM"]


def test_a_typeless_member_applies_each_keyword_to_values_of_its_kind() -> None:
    doc = document(
        {"type": ["string", "int32"], "anyOf": [{"maxLength": 2}, {"minimum": 10}]},
        COMPOSITION,
        VALIDATION,
    )
    assert errors(doc, "ab") == []  # a string: maxLength holds; minimum speaks of numbers only
    assert errors(doc, 5) == []  # a number: maxLength speaks of strings only
    bounded = document(
        {"type": ["string", "int32"], "allOf": [{"maxLength": 2}, {"minimum": 10}]},
        COMPOSITION,
        VALIDATION,
    )
    assert errors(bounded, "abc") == ["HSC-V-MAX-LENGTH"]
    assert errors(bounded, 5) == ["HSC-V-MINIMUM"]
    assert errors(bounded, 12) == []


def test_published_reads_a_typeless_contains_or_property_names_as_a_non_schema() -> None:
    doc = document(
        {
            "type": "object",
            "properties": {"tags": {"type": "array", "items": {"type": "string"}}},
            "propertyNames": {"maxLength": 4},
        }
    )
    doc["properties"]["tags"]["contains"] = {"enum": ["x"]}
    assert errors(doc, {"tags": ["x"]}, "published") == []
    assert errors(doc, {"tags": ["y"]}, "published") == ["HSC-V-CONTAINS"]
    assert errors(doc, {"long_name": 1}, "published") == ["HSC-V-PROPERTY-NAMES"]
    # the lint takes them as validation does: no "a schema must declare a type" under published
    published = [f.code for f in lint_document(doc, file="t.json", profile="published")]
    assert "HSC-S-MISSING-TYPE" not in published
    strict = [f.code for f in lint_document(doc, file="t.json", profile="strict")]
    assert strict.count("HSC-S-MISSING-TYPE") == 2


# -- add-ins ---------------------------------------------------------------------------------

ADDRESSES = {
    "$schema": CORE,
    "$id": "https://schemas.example.com/Addresses",
    "name": "Addresses",
    "$root": "#/definitions/StreetAddress",
    "$offers": {"DeliveryInstructions": "#/definitions/DeliveryInstructions"},
    "definitions": {
        "StreetAddress": {
            "type": "object",
            "properties": {"street": {"type": "string"}, "city": {"type": "string"}},
            "additionalProperties": False,
        },
        "DeliveryInstructions": {
            "abstract": True,
            "type": "object",
            "$extends": "#/definitions/StreetAddress",
            "properties": {"instructions": {"type": "string"}},
            "required": ["instructions"],
        },
    },
}


@pytest.mark.parametrize("profile", ["strict", "published"])
def test_an_instance_that_uses_an_offered_addin_is_validated_with_it(profile: str) -> None:
    plain = {"street": "1 Main St", "city": "Anytown"}
    assert errors(ADDRESSES, plain, profile) == []
    with_addin = {**plain, "$uses": ["DeliveryInstructions"], "instructions": "back door"}
    assert errors(ADDRESSES, with_addin, profile) == []
    # without $uses the add-in's member is not part of the type
    assert errors(ADDRESSES, {**plain, "instructions": "back door"}, profile) == [
        "HSC-V-ADDITIONAL-PROPERTIES"
    ]
    # with it, the add-in's own declarations hold
    used = {**plain, "$uses": ["DeliveryInstructions"]}
    assert errors(ADDRESSES, {**used, "instructions": 5}, profile) == ["HSC-V-TYPE"]
    assert errors(ADDRESSES, used, profile) == ["HSC-V-REQUIRED"]


def test_an_instance_that_uses_an_addin_the_schema_does_not_offer_is_an_error() -> None:
    validator = validator_for_document(ADDRESSES)
    (finding,) = validator.findings({"street": "x", "$uses": ["GiftWrap"]})
    assert (finding.code, finding.instance) == ("HSC-V-USES", "/$uses/0")
    assert "GiftWrap" in finding.message and "DeliveryInstructions" in finding.message
    assert errors(ADDRESSES, {"street": "x", "$uses": "DeliveryInstructions"}) == ["HSC-V-USES"]
    plain = document({"type": "object", "properties": {"a": {"type": "string"}}})
    assert errors(plain, {"a": "x", "$uses": ["Anything"]}) == ["HSC-V-USES"]


# -- a document that is not an object --------------------------------------------------------


@pytest.mark.parametrize("schema", [True, False, 3, "string", ["a"], None])
def test_a_document_that_is_not_an_object_gives_the_lints_located_problem(schema: Any) -> None:
    (lint,) = lint_document(schema, file="t.struct.json")
    validator = validator_for_document(schema, file="t.struct.json")
    for instance in ({}, [], "x", 1, None):
        (finding,) = validator.findings(instance)
        assert (finding.code, finding.severity) == ("HSC-S-ROOT-NOT-OBJECT", Severity.ERROR)
        assert finding.schema is not None and lint.schema is not None
        assert (finding.schema.file, finding.schema.pointer) == (lint.schema.file, "")
        assert finding.message == lint.message


# -- time ------------------------------------------------------------------------------------


def test_time_is_rfc3339_full_time_and_published_accepts_no_offset_with_a_warning() -> None:
    doc = document({"type": "time"})
    assert errors(doc, "10:00:00") == ["HSC-V-FORMAT"]
    assert errors(doc, "10:00:00Z") == []
    assert errors(doc, "10:00:00+02:00") == []
    (warning,) = validator_for_document(doc, profile="published").findings("10:00:00")
    assert (warning.code, warning.severity) == ("HSC-PUB-TIME-WITHOUT-OFFSET", Severity.WARNING)
    assert errors(doc, "25:00:00", "published") == ["HSC-V-FORMAT"]  # not a time at all
    assert errors(doc, "10:00:00+2", "published") == ["HSC-V-FORMAT"]  # a broken offset


# -- $extends and const ----------------------------------------------------------------------


def test_an_unresolved_extends_is_a_finding_as_an_unresolved_ref_is() -> None:
    doc = document(
        {
            "type": "object",
            "$extends": "#/definitions/Nowhere",
            "properties": {"a": {"type": "string"}},
        }
    )
    findings = validator_for_document(doc).findings({"a": "x"})
    assert [(f.code, f.keyword) for f in findings] == [("HSC-V-SCHEMA-REF", "$extends")]
    ref = document({"type": "object", "properties": {"a": {"type": {"$ref": "#/nowhere"}}}})
    assert errors(ref, {"a": "x"}) == ["HSC-V-SCHEMA-REF"]


def test_const_holds_wherever_the_lint_accepts_it() -> None:
    doc = {
        "$schema": CORE,
        "$id": "https://example.com/c",
        "name": "C",
        "$root": "#/definitions/Holder",
        "definitions": {
            "Point": {"type": "object", "properties": {"x": {"type": "int32"}}},
            "Holder": {
                "type": "object",
                "properties": {
                    "p": {"type": [{"$ref": "#/definitions/Point"}, "null"], "const": {"x": 1}},
                },
            },
        },
    }
    assert not [f for f in lint_document(doc, file="c") if f.code == "HSC-S-CONST-TYPE"]
    assert errors(doc, {"p": {"x": 1}}) == []
    assert errors(doc, {"p": {"x": 2}}) == ["HSC-V-CONST"]
    assert errors(doc, {"p": None}) == ["HSC-V-CONST"]
    member = document(
        {"type": "object", "properties": {"a": {"type": "int32"}}, "allOf": [{"const": {"a": 1}}]},
        COMPOSITION,
    )
    assert errors(member, {"a": 1}) == []
    assert errors(member, {"a": 2}) == ["HSC-V-CONST"]
    arrays = document(
        {"type": "array", "items": {"type": "int32"}, "not": {"const": [1, 2]}}, COMPOSITION
    )
    assert errors(arrays, [1, 2]) == ["HSC-V-NOT"]
    assert errors(arrays, [2, 1]) == []
