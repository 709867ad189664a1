"""Document lint: one small hand-written document per rule, both profiles, robustness.

Every code of the lint has a case below that produces it at a given JSON Pointer; the
case fails if the rule that reports it is removed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

import pytest
from helpers import JSON_STRUCTURE_V0, ROOT, resolves

from hsconform.findings import Finding, Severity
from hsconform.json_schema.lint import CODES as JSON_SCHEMA_CODES
from hsconform.json_schema.lint import lint_json_schema
from hsconform.json_structure.lint import CODES, lint_document
from hsconform.json_structure.validator import validator_for_document

VALIDATION_META = "https://json-structure.org/meta/validation/v0/#"
DRAFT_2020_12_STRUCTURE = "https://json-structure.org/draft/2020-12/schema"
DROP: Any = object()

#: Codes that are warnings; every other code is an error (asserted independently here).
WARNINGS = {
    "HSC-S-USES-UNKNOWN",
    "HSC-S-FORMAT-UNKNOWN",
    "HSC-S-EXTENSION-NOT-ENABLED",
    "HSC-PUB-BARE-REF",
    "HSC-PUB-EXAMPLE-KEYWORD",
    "HSC-PUB-MISSING-ID",
    "HSC-PUB-SCHEMA-URI",
    "HSC-PUB-OPEN-OBJECT",
    "HSC-PUB-EMAIL-TYPE",
    "HSC-PUB-IDENTIFIER",
}

STRING: dict[str, Any] = {"type": "string"}
ONE_PROPERTY: dict[str, Any] = {"b": {"type": "string"}}
BASE: dict[str, Any] = {"abstract": True, "type": "object", "properties": ONE_PROPERTY}


def doc(**members: Any) -> dict[str, Any]:
    """A conformant core document (an object with one string property ``a``), amended."""
    document: dict[str, Any] = {
        "$schema": JSON_STRUCTURE_V0,
        "$id": "https://example.com/t",
        "name": "T",
        "type": "object",
        "properties": {"a": STRING},
    }
    document.update(members)
    return {key: value for key, value in document.items() if value is not DROP}


def prop(schema: Any, **members: Any) -> dict[str, Any]:
    """A document whose property ``a`` has ``schema``."""
    return doc(properties={"a": schema}, **members)


def checked(schema: Any) -> dict[str, Any]:
    """Like :func:`prop`, in a document that enables both extensions."""
    return prop(schema, **{"$schema": VALIDATION_META})


def library(root: Any = "#/definitions/X", **definitions: Any) -> dict[str, Any]:
    """A document with ``$root`` and ``definitions`` instead of a root type."""
    return doc(type=DROP, properties=DROP, definitions=definitions, **{"$root": root})


def choice_with(selector: Any, choices: dict[str, Any], **others: Any) -> dict[str, Any]:
    """An inline union ``C`` over the abstract ``Base``."""
    union: dict[str, Any] = {"type": "choice", "$extends": "#/definitions/Base", "choices": choices}
    if selector is not DROP:
        union["selector"] = selector
    return library("#/definitions/C", Base=BASE, C=union, **others)


def extending(name: str = "Base", **schema: Any) -> dict[str, Any]:
    """An object type extending ``#/definitions/<name>``."""
    return {"type": "object", "$extends": f"#/definitions/{name}", **schema}


@dataclass(frozen=True)
class Case:
    code: str
    document: Any
    pointer: str
    profile: str = "strict"


CASES = [
    Case("HSC-S-ROOT-NOT-OBJECT", ["not", "an", "object"], ""),
    Case("HSC-S-SCHEMA-URI", doc(**{"$schema": "https://example.com/meta"}), "/$schema"),
    Case("HSC-S-MISSING-ID", doc(**{"$id": DROP}), ""),
    Case("HSC-S-ID-INVALID", doc(**{"$id": "relative/t"}), "/$id"),
    Case("HSC-S-MISSING-NAME", doc(name=DROP), ""),
    Case("HSC-S-USES-INVALID", doc(**{"$uses": "JSONStructureValidation"}), "/$uses"),
    Case("HSC-S-USES-UNKNOWN", doc(**{"$uses": ["JSONStructureTimeTravel"]}), "/$uses/0"),
    Case("HSC-S-OFFERS-INVALID", doc(**{"$offers": ["#/definitions/X"]}), "/$offers"),
    Case(
        "HSC-S-ROOT-KEYWORD",
        prop({"type": "string", "$id": "https://example.com/a"}),
        "/properties/a/$id",
    ),
    Case("HSC-S-ROOT-INVALID", library(5, X=STRING), "/$root"),
    Case("HSC-S-ROOT-UNRESOLVED", library("#/definitions/Nope", X=STRING), "/$root"),
    Case(
        "HSC-S-ROOT-AND-TYPE",
        doc(definitions={"X": STRING}, **{"$root": "#/definitions/X"}),
        "/$root",
    ),
    Case(
        "HSC-S-ROOT-REF",
        doc(type={"$ref": "#/definitions/X"}, properties=DROP, definitions={"X": STRING}),
        "/type",
    ),
    Case("HSC-S-ROOT-UNION", doc(type=["string", "null"], properties=DROP), "/type"),
    Case("HSC-S-NO-ROOT-TYPE", doc(type=DROP, properties=DROP, definitions={"X": STRING}), ""),
    Case(
        "HSC-PUB-IDENTIFIER",
        doc(properties={"first-name": STRING}),
        "/properties/first-name",
        "published",
    ),
    Case("HSC-S-DEFINITIONS-NOT-OBJECT", doc(definitions=[]), "/definitions"),
    Case("HSC-S-SCHEMA-NOT-OBJECT", prop("string"), "/properties/a"),
    Case("HSC-S-MISSING-TYPE", prop({"description": "no type"}), "/properties/a"),
    Case("HSC-S-UNKNOWN-TYPE", prop({"type": "strng"}), "/properties/a/type"),
    Case("HSC-S-TYPE-INVALID", prop({"type": 5}), "/properties/a/type"),
    Case(
        "HSC-S-UNION-INLINE-COMPOUND",
        prop({"type": ["null", {"type": "object", "properties": ONE_PROPERTY}]}),
        "/properties/a/type/1",
    ),
    Case(
        "HSC-S-REF-OUTSIDE-TYPE",
        prop({"$ref": "#/definitions/X"}, definitions={"X": STRING}),
        "/properties/a",
    ),
    Case(
        "HSC-S-REF-UNRESOLVED",
        prop({"type": {"$ref": "#/definitions/Nope"}}),
        "/properties/a/type/$ref",
    ),
    Case(
        "HSC-S-REF-NOT-TYPE",
        doc(properties={"a": {"type": {"$ref": "#/properties/b"}}, "b": STRING}),
        "/properties/a/type/$ref",
    ),
    Case(
        "HSC-S-REF-CIRCULAR",
        doc(
            definitions={
                "A": {"type": {"$ref": "#/definitions/B"}},
                "B": {"type": {"$ref": "#/definitions/A"}},
            }
        ),
        "/definitions/A/type",
    ),
    Case(
        "HSC-S-ABSTRACT-INVALID",
        doc(definitions={"X": {"type": "object", "abstract": "yes", "properties": ONE_PROPERTY}}),
        "/definitions/X/abstract",
    ),
    Case(
        "HSC-S-ABSTRACT-TYPE",
        doc(definitions={"X": {"type": "string", "abstract": True}}),
        "/definitions/X/abstract",
    ),
    Case("HSC-S-ABSTRACT-INLINE", prop(BASE), "/properties/a/abstract"),
    Case(
        "HSC-S-ABSTRACT-REF",
        prop({"type": {"$ref": "#/definitions/Base"}}, definitions={"Base": BASE}),
        "/properties/a/type/$ref",
    ),
    Case(
        "HSC-S-ABSTRACT-ADDITIONAL-PROPERTIES",
        doc(definitions={"Base": {**BASE, "additionalProperties": False}}),
        "/definitions/Base/additionalProperties",
    ),
    Case(
        "HSC-S-EXTENDS-INVALID",
        doc(definitions={"X": {"type": "object", "$extends": 5, "properties": ONE_PROPERTY}}),
        "/definitions/X/$extends",
    ),
    Case(
        "HSC-S-EXTENDS-TYPE",
        doc(definitions={"Base": BASE, "X": {"type": "string", "$extends": "#/definitions/Base"}}),
        "/definitions/X/$extends",
    ),
    Case(
        "HSC-S-EXTENDS-NOT-ABSTRACT",
        doc(
            definitions={
                "Y": {"type": "object", "properties": ONE_PROPERTY},
                "X": extending("Y", properties={"c": STRING}),
            }
        ),
        "/definitions/X/$extends",
    ),
    Case(
        "HSC-S-EXTENDS-REDEFINES",
        doc(definitions={"Base": BASE, "X": extending(properties={"b": STRING})}),
        "/definitions/X/properties/b",
    ),
    Case("HSC-S-CHOICE-CHOICES", prop({"type": "choice"}), "/properties/a"),
    Case(
        "HSC-S-CHOICE-SELECTOR",
        choice_with(
            DROP,
            {"s": {"type": {"$ref": "#/definitions/S"}}},
            S=extending(properties={"c": STRING}),
        ),
        "/definitions/C",
    ),
    Case(
        "HSC-S-CHOICE-BASE",
        choice_with(
            "kind",
            {"o": {"type": {"$ref": "#/definitions/Other"}}},
            Other={"type": "object", "properties": ONE_PROPERTY},
        ),
        "/definitions/C/choices/o",
    ),
    Case("HSC-S-KEYWORD-TYPE", prop({"type": "string", "items": STRING}), "/properties/a/items"),
    Case("HSC-S-PROPERTIES-NOT-OBJECT", doc(properties="a"), "/properties"),
    Case("HSC-S-OBJECT-WITHOUT-PROPERTIES", prop({"type": "object"}), "/properties/a"),
    Case("HSC-S-IDENTIFIER", doc(properties={"first-name": STRING}), "/properties/first-name"),
    Case("HSC-S-REQUIRED-NOT-ARRAY", doc(required="a"), "/required"),
    Case("HSC-S-REQUIRED-UNDECLARED", doc(required=["a", "b"]), "/required/1"),
    Case("HSC-S-ADDITIONAL-PROPERTIES", doc(additionalProperties="no"), "/additionalProperties"),
    Case("HSC-S-ARRAY-ITEMS", prop({"type": "array"}), "/properties/a"),
    Case("HSC-S-MAP-VALUES", prop({"type": "map"}), "/properties/a"),
    Case("HSC-S-TUPLE-PROPERTIES", prop({"type": "tuple", "tuple": []}), "/properties/a"),
    Case(
        "HSC-S-TUPLE-ORDER",
        prop({"type": "tuple", "properties": {"x": {"type": "int32"}}}),
        "/properties/a",
    ),
    Case("HSC-S-ENUM-NOT-ARRAY", prop({"type": "string", "enum": "x"}), "/properties/a/enum"),
    Case("HSC-S-ENUM-EMPTY", prop({"type": "string", "enum": []}), "/properties/a/enum"),
    Case(
        "HSC-S-ENUM-DUPLICATE",
        prop({"type": "string", "enum": ["x", "y", "x"]}),
        "/properties/a/enum/2",
    ),
    Case("HSC-S-ENUM-TYPE", prop({"type": "int32", "enum": [1, "2"]}), "/properties/a/enum/1"),
    Case(
        "HSC-S-ENUM-UNION",
        prop({"type": ["string", "null"], "enum": ["x"]}),
        "/properties/a/enum",
    ),
    Case("HSC-S-CONST-TYPE", prop({"type": "boolean", "const": "true"}), "/properties/a/const"),
    Case(
        "HSC-S-CONSTRAINT-TYPE",
        checked({"type": "string", "minimum": 1}),
        "/properties/a/minimum",
    ),
    Case(
        "HSC-S-CONSTRAINT-VALUE",
        checked({"type": "int64", "minimum": 0}),
        "/properties/a/minimum",
    ),
    Case(
        "HSC-S-NEGATIVE-COUNT",
        prop({"type": "string", "maxLength": -1}),
        "/properties/a/maxLength",
    ),
    Case(
        "HSC-S-MIN-GT-MAX",
        checked({"type": "string", "minLength": 5, "maxLength": 2}),
        "/properties/a/minLength",
    ),
    Case(
        "HSC-S-MULTIPLE-OF",
        checked({"type": "number", "multipleOf": 0}),
        "/properties/a/multipleOf",
    ),
    Case("HSC-S-PATTERN", checked({"type": "string", "pattern": "[a-"}), "/properties/a/pattern"),
    Case(
        "HSC-S-PATTERN-UNSUPPORTED",
        checked({"type": "string", "pattern": "^(?!admin).*$"}),
        "/properties/a/pattern",
    ),
    Case(
        "HSC-S-FORMAT-UNKNOWN",
        checked({"type": "string", "format": "colour"}),
        "/properties/a/format",
    ),
    Case(
        "HSC-S-COMPOSITION-NOT-ARRAY",
        checked({"type": "string", "anyOf": STRING}),
        "/properties/a/anyOf",
    ),
    Case(
        "HSC-S-COMPOSITION-EMPTY",
        checked({"type": "string", "allOf": []}),
        "/properties/a/allOf",
    ),
    Case(
        "HSC-S-EXTENSION-NOT-ENABLED",
        prop({"type": "string", "minLength": 1}),
        "/properties/a/minLength",
    ),
    Case(
        "HSC-PUB-BARE-REF",
        prop({"$ref": "#/definitions/X"}, definitions={"X": STRING}),
        "/properties/a",
        "published",
    ),
    Case(
        "HSC-PUB-EXAMPLE-KEYWORD",
        prop({"type": "string", "example": "x"}),
        "/properties/a/example",
    ),
    Case("HSC-PUB-MISSING-ID", doc(**{"$id": DROP}), "", "published"),
    Case(
        "HSC-PUB-SCHEMA-URI", doc(**{"$schema": DRAFT_2020_12_STRUCTURE}), "/$schema", "published"
    ),
    Case("HSC-PUB-OPEN-OBJECT", prop({"type": "object"}), "/properties/a", "published"),
    Case("HSC-PUB-EMAIL-TYPE", prop({"type": "email"}), "/properties/a/type", "published"),
]


def _assert_well_placed(document: Any, findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.schema is not None
        assert finding.schema.file == "t.struct.json"
        assert resolves(document, finding.schema.pointer), finding
        assert finding.variant == "json-structure"
        assert finding.instance == ""
        assert finding.source is None
        assert finding.message
        assert finding.code in CODES
        expected = Severity.WARNING if finding.code in WARNINGS else Severity.ERROR
        assert finding.severity is expected, finding


def _lint(document: Any, profile: str = "strict", **options: Any) -> list[Finding]:
    findings = lint_document(document, file="t.struct.json", profile=profile, **options)
    _assert_well_placed(document, findings)
    return findings


def _at(findings: list[Finding], pointer: str) -> list[tuple[str, Severity]]:
    return [(f.code, f.severity) for f in findings if f.schema and f.schema.pointer == pointer]


def test_every_code_has_a_case() -> None:
    assert {case.code for case in CASES} == set(CODES)


@pytest.mark.parametrize("case", CASES, ids=[case.code for case in CASES])
def test_each_rule_reports_its_code_where_the_problem_is(case: Case) -> None:
    findings = _lint(case.document, case.profile)
    severity = Severity.WARNING if case.code in WARNINGS else Severity.ERROR
    assert (case.code, severity) in _at(findings, case.pointer), findings


# -- conformant documents ------------------------------------------------------------------

RICH: dict[str, Any] = {
    "$schema": VALIDATION_META,
    "$id": "https://example.com/rich",
    "name": "Rich",
    "$root": "#/definitions/Shop/Order",
    "definitions": {
        "Shop": {
            "Base": {
                "abstract": True,
                "type": "object",
                "properties": {"id": {"type": "uuid"}, "kind": {"type": "string"}},
                "required": ["id"],
            },
            "Order": {
                "type": "object",
                "$extends": "#/definitions/Shop/Base",
                "description": "an order",
                "properties": {
                    "lines": {
                        "type": "array",
                        "items": {"type": {"$ref": "#/definitions/Shop/Line"}},
                        "minItems": 1,
                    },
                    "tags": {"type": "set", "items": {"type": "string", "maxLength": 20}},
                    "notes": {"type": "map", "values": {"type": ["string", "null"]}},
                    "point": {"type": {"$ref": "#/definitions/Point"}},
                    "payment": {"type": {"$ref": "#/definitions/Shop/Payment"}},
                    "status": {"type": "string", "enum": ["open", "paid"], "default": "open"},
                    "version": {"type": "int32", "const": 2},
                    "total": {"type": "decimal", "minimum": "0", "precision": 10, "scale": 2},
                    "count": {"type": "int64", "maximum": "100", "examples": ["7"]},
                    "extra": {
                        "type": "object",
                        "properties": {"x": {"type": "double", "exclusiveMinimum": 0}},
                        "additionalProperties": {"type": "string"},
                        "patternProperties": {"^x_": {"type": "string", "pattern": "^[a-z]+$"}},
                        "allOf": [{"type": "object", "properties": {"x": {"type": "number"}}}],
                    },
                },
                "required": [["id", "lines"], ["id", "payment"]],
            },
            "Line": {
                "type": "object",
                "properties": {"sku": {"type": "string"}, "qty": {"type": "uint16"}},
                "required": ["sku"],
            },
            "Payment": {
                "type": "choice",
                "$extends": "#/definitions/Shop/Base",
                "selector": "method",
                "choices": {
                    "card": {"type": {"$ref": "#/definitions/Shop/Card"}},
                    "cash": {"type": {"$ref": "#/definitions/Shop/Cash"}},
                },
            },
            "Card": extending("Shop/Base", properties={"number": {"type": "string"}}),
            "Cash": extending("Shop/Base", properties={"amount": {"type": "decimal"}}),
        },
        "Point": {
            "type": "tuple",
            "properties": {"x": {"type": "float"}, "y": {"type": "float"}},
            "tuple": ["x", "y"],
        },
        "Tree": {
            "type": "object",
            "properties": {
                "children": {"type": "array", "items": {"type": {"$ref": "#/definitions/Tree"}}},
                "either": {"type": ["string", {"$ref": "#/definitions/Tree"}]},
            },
        },
    },
}

CONFORMANT = {
    "object": doc(),
    "rich": RICH,
    "tagged-choice": prop(
        {"type": "choice", "choices": {"text": STRING, "number": {"type": "int32"}}}
    ),
    "validation-by-uses": prop(
        {"type": "string", "minLength": 1},
        **{
            "$schema": "https://json-structure.org/meta/extended/v0/#",
            "$uses": ["JSONStructureValidation"],
        },
    ),
    "binary-content-is-core": prop(
        {"type": "binary", "contentEncoding": "base64", "contentMediaType": "image/png"}
    ),
    "empty-fragment-schema-uri": doc(**{"$schema": "https://json-structure.org/meta/core/v0/"}),
    "recursive-root": prop({"type": "array", "items": {"type": {"$ref": "#"}}}),
    "add-in": doc(
        definitions={
            "Address": {"type": "object", "properties": ONE_PROPERTY},
            "Note": {
                "abstract": True,
                "type": "object",
                "$extends": "#/definitions/Address",
                "properties": {"note": STRING},
            },
        },
        **{"$offers": {"Note": "#/definitions/Note"}},
    ),
}


@pytest.mark.parametrize("name", sorted(CONFORMANT))
@pytest.mark.parametrize("profile", ["strict", "published"])
def test_conformant_documents_lint_clean(name: str, profile: str) -> None:
    assert _lint(CONFORMANT[name], profile) == []


# -- the published profile -----------------------------------------------------------------

ACCEPTANCES = {
    "bare-ref": (
        prop({"$ref": "#/definitions/X"}, definitions={"X": STRING}),
        "/properties/a",
        "HSC-S-REF-OUTSIDE-TYPE",
        "HSC-PUB-BARE-REF",
    ),
    "example": (
        prop({"type": "string", "example": "x"}),
        "/properties/a/example",
        "HSC-PUB-EXAMPLE-KEYWORD",
        "HSC-PUB-EXAMPLE-KEYWORD",
    ),
    "missing-id": (doc(**{"$id": DROP}), "", "HSC-S-MISSING-ID", "HSC-PUB-MISSING-ID"),
    "schema-uri": (
        doc(**{"$schema": DRAFT_2020_12_STRUCTURE}),
        "/$schema",
        "HSC-S-SCHEMA-URI",
        "HSC-PUB-SCHEMA-URI",
    ),
    "open-object": (
        prop({"type": "object"}),
        "/properties/a",
        "HSC-S-OBJECT-WITHOUT-PROPERTIES",
        "HSC-PUB-OPEN-OBJECT",
    ),
    "email": (
        prop({"type": "email"}),
        "/properties/a/type",
        "HSC-S-UNKNOWN-TYPE",
        "HSC-PUB-EMAIL-TYPE",
    ),
    "identifier": (
        doc(properties={"first-name": STRING}),
        "/properties/first-name",
        "HSC-S-IDENTIFIER",
        "HSC-PUB-IDENTIFIER",
    ),
}


@pytest.mark.parametrize("name", sorted(ACCEPTANCES))
def test_each_published_acceptance_is_a_strict_finding_and_a_published_warning(
    name: str,
) -> None:
    document, pointer, strict_code, published_code = ACCEPTANCES[name]
    strict = _lint(document, "strict")
    published = _lint(document, "published")
    strict_severity = Severity.WARNING if strict_code in WARNINGS else Severity.ERROR
    assert _at(strict, pointer) == [(strict_code, strict_severity)]
    assert _at(published, pointer) == [(published_code, Severity.WARNING)]
    assert all(f.severity is Severity.WARNING for f in published)


def test_the_example_keyword_is_a_warning_in_strict_too() -> None:
    findings = _lint(prop({"type": "string", "example": "x"}), "strict")
    assert [(f.code, f.severity) for f in findings] == [
        ("HSC-PUB-EXAMPLE-KEYWORD", Severity.WARNING)
    ]


@pytest.mark.parametrize("profile", ["strict", "published"])
def test_a_bare_ref_to_nowhere_stays_an_error(profile: str) -> None:
    findings = _lint(prop({"$ref": "#/definitions/Nope"}), profile)
    assert ("HSC-S-REF-UNRESOLVED", Severity.ERROR) in _at(findings, "/properties/a/$ref")
    assert all(f.code != "HSC-PUB-BARE-REF" for f in findings)


def test_references_resolved_elsewhere_are_not_to_nowhere() -> None:
    bare = prop({"$ref": "#/components/schemas/X"})
    elsewhere = {"/properties/a"}
    published = _lint(bare, "published", resolved_elsewhere=elsewhere)
    assert [(f.code, f.schema and f.schema.pointer) for f in published] == [
        ("HSC-PUB-BARE-REF", "/properties/a")
    ]
    strict = _lint(bare, "strict", resolved_elsewhere=elsewhere)
    assert [f.code for f in strict] == ["HSC-S-REF-OUTSIDE-TYPE"]
    typed = prop({"type": {"$ref": "#/components/schemas/X"}})
    assert _lint(typed, resolved_elsewhere={"/properties/a/type"}) == []
    assert [f.code for f in _lint(typed)] == ["HSC-S-REF-UNRESOLVED"]


def test_a_bare_ref_outside_the_accepted_slots_stays_an_error_when_published() -> None:
    document = doc(definitions={"X": STRING, "Y": {"$ref": "#/definitions/X"}})
    findings = _lint(document, "published")
    assert _at(findings, "/definitions/Y") == [("HSC-S-REF-OUTSIDE-TYPE", Severity.ERROR)]


@pytest.mark.parametrize("slot", ["items", "values", "additionalProperties"])
def test_bare_refs_are_accepted_in_each_published_slot(slot: str) -> None:
    kinds = {"items": "array", "values": "map", "additionalProperties": "object"}
    schema: dict[str, Any] = {"type": kinds[slot], slot: {"$ref": "#/definitions/X"}}
    if slot == "additionalProperties":
        schema["properties"] = ONE_PROPERTY
    findings = _lint(prop(schema, definitions={"X": STRING}), "published")
    assert [(f.code, f.schema and f.schema.pointer) for f in findings] == [
        ("HSC-PUB-BARE-REF", f"/properties/a/{slot}")
    ]


def test_other_unknown_types_stay_errors_when_published() -> None:
    findings = _lint(prop({"type": "phone"}), "published")
    assert _at(findings, "/properties/a/type") == [("HSC-S-UNKNOWN-TYPE", Severity.ERROR)]


def test_email_reads_as_a_string_when_published() -> None:
    document = prop({"type": "email", "maxLength": 80, "enum": ["a@example.com"]})
    assert [f.code for f in _lint(document, "published")] == ["HSC-PUB-EMAIL-TYPE"]


def test_an_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="profile"):
        lint_document(doc(), file="t.struct.json", profile="lenient")


# -- extensions ----------------------------------------------------------------------------


def test_extension_keywords_warn_once_per_occurrence_and_say_how_to_enable() -> None:
    document = doc(
        properties={
            "a": {"type": "string", "minLength": 1, "pattern": "^a"},
            "b": {"type": "array", "items": STRING, "maxItems": 3},
        }
    )
    findings = _lint(document)
    assert [(f.keyword, f.schema and f.schema.pointer) for f in findings] == [
        ("minLength", "/properties/a/minLength"),
        ("pattern", "/properties/a/pattern"),
        ("maxItems", "/properties/b/maxItems"),
    ]
    for finding in findings:
        assert finding.code == "HSC-S-EXTENSION-NOT-ENABLED"
        assert finding.keyword is not None and finding.keyword in finding.message
        assert finding.hint is not None and '"$uses": ["JSONStructureValidation"]' in finding.hint


def test_composition_keywords_need_the_composition_extension() -> None:
    document = prop({"type": "string", "anyOf": [STRING, {"type": "string", "maxLength": 2}]})
    findings = _lint(document)
    assert [(f.code, f.keyword) for f in findings] == [("HSC-S-EXTENSION-NOT-ENABLED", "anyOf")]
    assert findings[0].hint is not None
    assert "JSONStructureConditionalComposition" in findings[0].hint
    enabled = {"$uses": ["JSONStructureConditionalComposition"]}
    assert _lint(prop(document["properties"]["a"], **enabled)) == []


def test_typeless_composition_members_are_allowed() -> None:
    document = checked(
        {
            "type": "object",
            "properties": {"a": STRING, "b": {"type": "number"}},
            "if": {"properties": {"a": {"type": "string", "const": "x"}}, "required": ["a"]},
            "then": {"required": ["b"]},
        }
    )
    assert _lint(document) == []


# -- references and cycles -----------------------------------------------------------------


def test_a_self_referencing_type_is_circular_not_a_recursion_error() -> None:
    document = doc(definitions={"A": {"type": {"$ref": "#/definitions/A"}}})
    assert _at(_lint(document), "/definitions/A/type") == [("HSC-S-REF-CIRCULAR", Severity.ERROR)]


def test_a_self_referencing_bare_ref_is_circular_in_both_profiles() -> None:
    document = doc(definitions={"A": {"$ref": "#/definitions/A"}})
    for profile in ("strict", "published"):
        codes = [code for code, _ in _at(_lint(document, profile), "/definitions/A")]
        assert codes == ["HSC-S-REF-OUTSIDE-TYPE", "HSC-S-REF-CIRCULAR"]


def test_every_member_of_an_indirect_cycle_is_reported() -> None:
    names = ["A", "B", "C"]
    definitions = {
        name: {"type": {"$ref": f"#/definitions/{names[(i + 1) % 3]}"}}
        for i, name in enumerate(names)
    }
    definitions["D"] = {"type": {"$ref": "#/definitions/A"}}  # leads into the cycle
    findings = _lint(doc(definitions=definitions))
    assert sorted(f.schema.pointer for f in findings if f.schema) == [
        f"/definitions/{name}/type" for name in names
    ]


def test_a_union_that_offers_a_concrete_type_is_not_circular() -> None:
    document = doc(
        definitions={
            "A": {"type": ["null", {"$ref": "#/definitions/B"}]},
            "B": {"type": [{"$ref": "#/definitions/A"}]},
        }
    )
    assert _lint(document) == []


def test_a_union_of_references_only_can_be_circular() -> None:
    document = doc(
        definitions={
            "A": {"type": [{"$ref": "#/definitions/B"}]},
            "B": {"type": [{"$ref": "#/definitions/A"}]},
        }
    )
    assert {f.code for f in _lint(document)} == {"HSC-S-REF-CIRCULAR"}


def test_an_extends_cycle_is_circular() -> None:
    document = doc(
        definitions={
            "A": {**BASE, "$extends": "#/definitions/B"},
            "B": {**BASE, "properties": {"c": STRING}, "$extends": "#/definitions/A"},
        }
    )
    findings = _lint(document)
    circular = [f.schema.pointer for f in findings if f.code == "HSC-S-REF-CIRCULAR" and f.schema]
    assert circular == ["/definitions/A/$extends", "/definitions/B/$extends"]


def test_a_long_reference_chain_is_linear() -> None:
    count = 5_000
    definitions: dict[str, Any] = {
        f"T{i}": {"type": {"$ref": f"#/definitions/T{i + 1}"}} for i in range(count)
    }
    definitions[f"T{count}"] = {"type": "string", "maxLength": 5}
    document = prop({"type": {"$ref": "#/definitions/T0"}, "maxLength": 3}, definitions=definitions)
    assert _lint(document) == []


def test_required_and_tuple_names_include_inherited_properties() -> None:
    document = library(
        "#/definitions/P",
        Base=BASE,
        P={
            "type": "tuple",
            "$extends": "#/definitions/Base",
            "properties": {"c": STRING},
            "tuple": ["b", "c"],
        },
        O=extending(properties={"c": STRING}, required=["b", "c"]),
    )
    assert _lint(document) == []


def test_a_tuple_order_names_exactly_its_properties() -> None:
    document = prop(
        {"type": "tuple", "properties": {"x": STRING, "y": STRING}, "tuple": ["x", "z", "x"]}
    )
    findings = _lint(document)
    assert [(f.code, f.schema and f.schema.pointer) for f in findings] == [
        ("HSC-S-TUPLE-ORDER", "/properties/a/tuple/1"),
        ("HSC-S-TUPLE-ORDER", "/properties/a/tuple/2"),
        ("HSC-S-TUPLE-ORDER", "/properties/a/tuple"),
    ]


# -- robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["strict", "published"])
def test_the_document_is_not_mutated(profile: str) -> None:
    documents = [RICH, *(case.document for case in CASES)]
    before = copy.deepcopy(documents)
    for document in documents:
        lint_document(document, file="t.struct.json", profile=profile)
    assert documents == before


def _nested(depth: int, leaf: dict[str, Any], key: str) -> dict[str, Any]:
    node = leaf
    for _ in range(depth):
        node = {"type": "object", "properties": {key: node}}
    return node


def test_a_10000_level_document_gives_findings_not_a_recursion_error() -> None:
    depth = 10_000
    document = prop(_nested(depth - 1, {"type": "strng"}, "a"))
    findings = _lint(document)
    assert [(f.code, f.schema and f.schema.pointer) for f in findings] == [
        ("HSC-S-UNKNOWN-TYPE", "/properties/a" * depth + "/type")
    ]


def test_deep_arrays_namespaces_and_compositions_do_not_recurse() -> None:
    depth = 10_000
    items: dict[str, Any] = {"type": "strng"}
    namespace: dict[str, Any] = {"X": {"type": "strng"}}
    composed: dict[str, Any] = {"type": "strng"}
    for _ in range(depth):
        items = {"type": "array", "items": items}
        namespace = {"N": namespace}
        composed = {"not": composed}
    document = checked(items)
    document["definitions"] = namespace
    document["properties"]["b"] = composed
    findings = _lint(document)
    assert [f.code for f in findings] == ["HSC-S-UNKNOWN-TYPE"] * 3


ODD_VALUES: list[Any] = [
    None,
    True,
    -1,
    1.5,
    10**5000,
    float("nan"),
    "x",
    [],
    {},
    [None],
    {"type": None},
    {"$ref": 5},
]


def _pointers(document: Any) -> list[str]:
    found: list[str] = []
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        node, pointer = stack.pop()
        found.append(pointer)
        if isinstance(node, dict):
            stack.extend(
                (v, f"{pointer}/{k.replace('~', '~0').replace('/', '~1')}") for k, v in node.items()
            )
        elif isinstance(node, list):
            stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))
    return found


def _replaced(document: Any, pointer: str, value: Any) -> Any:
    if not pointer:
        return value
    copied = copy.deepcopy(document)
    *parents, last = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    node = copied
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    node[int(last) if isinstance(node, list) else last] = value
    return copied


def test_odd_json_anywhere_never_raises() -> None:
    """Every node of a rich document replaced, in turn, by odd JSON values."""
    runs = 0
    for pointer in _pointers(RICH):
        for value in ODD_VALUES:
            document = _replaced(RICH, pointer, value)
            for profile in ("strict", "published"):
                _lint(document, profile)
                runs += 1
    assert runs > 2000


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"type": None},
        {"definitions": {"$import": "https://example.com/x", "A": 5}},
        {"$root": "#/definitions", "definitions": {}},
        {"$extends": ["#/a", 5], "type": "object"},
        {"type": "object", "properties": {"": {"type": "string"}, "~/": {"type": "string"}}},
        {"type": "string", "enum": [[[[[[]]]]], [[[[[[]]]]]]]},
        {"type": "int64", "enum": ["1" * 5000], "minimum": "1" * 5000},
        {"type": {"$ref": "#/%zz"}},
        {"type": {"$ref": "http://[bad"}},
        {"$id": "http://[bad", "type": "string"},
    ],
)
def test_malformed_documents_never_raise(document: Any) -> None:
    for profile in ("strict", "published"):
        assert _lint(document, profile)


# -- the codes table -----------------------------------------------------------------------


def test_every_code_is_documented() -> None:
    text = (ROOT / "docs" / "lint-codes.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(HSC-(?:S|PUB|JS)-[A-Z0-9-]+)`", text))
    assert documented == set(CODES) | set(JSON_SCHEMA_CODES)


# -- JSON Schema ---------------------------------------------------------------------------

JSON_SCHEMA_2020 = "https://json-schema.org/draft/2020-12/schema"


def test_a_conformant_json_schema_lints_clean() -> None:
    document = {
        "$schema": JSON_SCHEMA_2020,
        "type": "object",
        "properties": {
            "pattern": {"type": "string", "pattern": "^[a-z]+$"},
            "tags": {"type": "array", "items": {"enum": [{"pattern": "("}]}},
        },
        "patternProperties": {"^x-": {"type": "string"}},
    }
    assert lint_json_schema(document, file="s.json") == []


def test_json_schema_metaschema_violations_point_at_the_offending_node() -> None:
    document = {"$schema": JSON_SCHEMA_2020, "properties": {"a": {"minLength": -1}}}
    findings = lint_json_schema(document, file="s.json")
    assert [(f.code, f.schema and f.schema.pointer, f.keyword) for f in findings] == [
        ("HSC-JS-METASCHEMA", "/properties/a/minLength", "minimum")
    ]
    assert findings[0].variant == "json-schema"
    assert findings[0].severity is Severity.ERROR


def test_json_schema_is_checked_against_its_own_dialect() -> None:
    draft7 = {"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}]}
    assert lint_json_schema(draft7, file="s.json") == []
    as_2020 = {**draft7, "$schema": JSON_SCHEMA_2020}
    findings = lint_json_schema(as_2020, file="s.json")
    assert [(f.code, f.keyword, f.schema and f.schema.pointer) for f in findings] == [
        ("HSC-JS-METASCHEMA", "type", "/items")
    ]


def test_json_schema_patterns_python_cannot_compile() -> None:
    document = {
        "properties": {"a": {"pattern": "(unclosed"}},
        "patternProperties": {"[": {}},
        "items": {"anyOf": [{"pattern": "*"}]},
    }
    findings = lint_json_schema(document, file="s.json")
    assert sorted((f.code, f.keyword, f.schema and f.schema.pointer) for f in findings) == [
        ("HSC-JS-PATTERN", "pattern", "/items/anyOf/0/pattern"),
        ("HSC-JS-PATTERN", "pattern", "/properties/a/pattern"),
        ("HSC-JS-PATTERN", "patternProperties", "/patternProperties/["),
    ]


def test_json_schema_lint_survives_odd_and_deep_documents() -> None:
    assert [f.schema and f.schema.pointer for f in lint_json_schema({"$schema": 5}, file="s")] == [
        "/$schema"
    ]
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(10_000):
        node["not"] = {}
        node = node["not"]
    assert [f.code for f in lint_json_schema(deep, file="s")] == ["HSC-JS-TOO-DEEP"]


# -- lint sees what validation rejects -----------------------------------------------------

ACCEPTS_NOTHING = {
    "library-without-root": (doc(type=DROP, properties=DROP, definitions={"X": STRING}), True),
    "composition-not-enabled": (
        doc(type=DROP, properties=DROP, oneOf=[STRING, {"type": "int32"}]),
        False,  # published enforces composition without $uses: there it accepts strings
    ),
    "bare-ref-to-nowhere": (
        doc(type=DROP, properties=DROP, definitions={"X": STRING}, **{"$ref": "#/definitions/Y"}),
        True,
    ),
    "bare-ref-to-a-namespace": (
        doc(
            type=DROP,
            properties=DROP,
            definitions={"N": {"X": STRING}},
            **{"$ref": "#/definitions/N"},
        ),
        True,
    ),
}


@pytest.mark.parametrize("name", sorted(ACCEPTS_NOTHING))
@pytest.mark.parametrize("profile", ["strict", "published"])
def test_a_document_whose_validator_accepts_nothing_is_a_lint_error(
    name: str, profile: str
) -> None:
    document, in_published = ACCEPTS_NOTHING[name]
    validator = validator_for_document(document, profile=profile)
    rejected = [f.code for f in validator.findings("x") if f.code.startswith("HSC-V-SCHEMA")]
    expected = profile == "strict" or in_published
    assert bool(rejected) is expected
    codes = [(f.code, f.severity) for f in _lint(document, profile) if not f.schema.pointer]
    assert (("HSC-S-NO-ROOT-TYPE", Severity.ERROR) in codes) is expected, codes
    # a root $ref to a type is a type: the validator judges by it
    typed = doc(
        type=DROP, properties=DROP, definitions={"X": STRING}, **{"$ref": "#/definitions/X"}
    )
    assert validator_for_document(typed, profile=profile).findings("x") == []
    assert all(f.code != "HSC-S-NO-ROOT-TYPE" for f in _lint(typed, profile))


def test_format_without_the_extension_is_reported_as_maximum_is() -> None:
    unknown = prop({"type": "string", "format": "colour"})
    bounded = prop({"type": "int32", "maximum": 5})
    for document, key in ((unknown, "format"), (bounded, "maximum")):
        at = f"/properties/a/{key}"
        # strict: an annotation without the extension; the warning says so, and nothing else
        assert _at(_lint(document), at) == [("HSC-S-EXTENSION-NOT-ENABLED", Severity.WARNING)]
    # published enforces format without $uses: the not-enabled warning first, then the name
    assert _at(_lint(unknown, "published"), "/properties/a/format") == [
        ("HSC-S-EXTENSION-NOT-ENABLED", Severity.WARNING),
        ("HSC-S-FORMAT-UNKNOWN", Severity.WARNING),
    ]
    assert _at(_lint(checked({"type": "string", "format": "colour"})), "/properties/a/format") == [
        ("HSC-S-FORMAT-UNKNOWN", Severity.WARNING)
    ]
