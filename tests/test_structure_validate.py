"""JSON Structure instance validation: the core types to the letter, extensions, safety."""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hsconform.findings import Severity
from hsconform.json_structure import primitives
from hsconform.json_structure.validator import StructureValidator, validator_for_document

CORE = "https://json-structure.org/meta/core/v0/#"
EXTENDED = "https://json-structure.org/meta/extended/v0/#"


def document(root: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"$schema": CORE, "$id": "https://example.com/t", "name": "T", **root, **extra}


def codes(schema: dict[str, Any], value: Any, *, profile: str = "strict") -> list[str]:
    validator = validator_for_document(document(schema), profile=profile)
    return [f.code for f in validator.findings(value) if f.severity is Severity.ERROR]


def ok(schema: dict[str, Any], value: Any, **kwargs: Any) -> bool:
    return codes(schema, value, **kwargs) == []


@pytest.mark.parametrize("type_name", ["number", "integer", "int8", "uint32", "double", "float"])
def test_booleans_are_never_numbers(type_name: str) -> None:
    assert codes({"type": type_name}, True) == ["HSC-V-TYPE"]
    assert codes({"type": "boolean"}, 1) == ["HSC-V-TYPE"]


@pytest.mark.parametrize(
    ("type_name", "inside", "outside"),
    [
        ("int8", [-128, 127], [-129, 128]),
        ("uint8", [0, 255], [-1, 256]),
        ("int16", [-32768, 32767], [32768]),
        ("uint16", [65535], [65536]),
        ("int32", [-(2**31), 2**31 - 1], [2**31]),
        ("integer", [2**31 - 1], [2**31]),
        ("uint32", [2**32 - 1], [2**32, -1]),
    ],
)
def test_json_integers_and_their_ranges(
    type_name: str, inside: list[int], outside: list[int]
) -> None:
    for value in inside:
        assert ok({"type": type_name}, value), value
    for value in outside:
        assert codes({"type": type_name}, value) == ["HSC-V-INT-RANGE"], value
    assert codes({"type": type_name}, 1.0) == ["HSC-V-TYPE"]  # no decimal point allowed
    assert codes({"type": type_name}, "1") == ["HSC-V-TYPE"]  # no quotes allowed


@pytest.mark.parametrize(
    ("type_name", "good", "bad_format", "bad_range"),
    [
        (
            "int64",
            ["0", "-0", "-9223372036854775808", "9223372036854775807"],
            ["+1", " 12", "12 ", "01", "1.0", "1e5", "", "0x10", "١٢"],
            ["9223372036854775808", "-9223372036854775809"],
        ),
        ("uint64", ["0", "18446744073709551615"], ["-0", "-1", "+1"], ["18446744073709551616"]),
        ("int128", [str(2**127 - 1), str(-(2**127))], ["1_000"], [str(2**127)]),
        ("uint128", [str(2**128 - 1)], ["-5"], [str(2**128)]),
    ],
)
def test_string_encoded_integers_follow_rfc8259_grammar_and_range(
    type_name: str, good: list[str], bad_format: list[str], bad_range: list[str]
) -> None:
    for value in good:
        assert ok({"type": type_name}, value), value
    for value in bad_format:
        assert codes({"type": type_name}, value) == ["HSC-V-FORMAT"], value
    for value in bad_range:
        assert codes({"type": type_name}, value) == ["HSC-V-INT-RANGE"], value
    assert codes({"type": type_name}, 12) == ["HSC-V-TYPE"]


def test_int64_as_json_number_is_a_warning_only_in_the_published_profile() -> None:
    assert codes({"type": "int64"}, 12) == ["HSC-V-TYPE"]
    validator = validator_for_document(document({"type": "int64"}), profile="published")
    (finding,) = validator.findings(12)
    assert (finding.code, finding.severity) == ("HSC-PUB-INT-AS-NUMBER", Severity.WARNING)
    assert codes({"type": "int64"}, 2**63, profile="published") == ["HSC-V-TYPE"]  # out of range
    assert codes({"type": "int64"}, 1.5, profile="published") == ["HSC-V-TYPE"]
    assert codes({"type": "int64"}, True, profile="published") == ["HSC-V-TYPE"]


def test_decimal_grammar_precision_and_scale() -> None:
    for value in ["0", "-0.50", "100", "123.456"]:
        assert ok({"type": "decimal"}, value), value
    for value in ["NaN", "1e5", "+1.5", ".5", "1.", "1,5", " 1", "Infinity"]:
        assert codes({"type": "decimal"}, value) == ["HSC-V-FORMAT"], value
    assert codes({"type": "decimal"}, 1.5) == ["HSC-V-TYPE"]
    assert codes({"type": "decimal", "scale": 2}, "1.234") == ["HSC-V-SCALE"]
    assert codes({"type": "decimal", "precision": 4}, "123.45") == ["HSC-V-PRECISION"]
    assert ok({"type": "decimal", "precision": 4, "scale": 2}, "12.34")
    assert codes({"type": "decimal"}, "0012.34") == ["HSC-V-FORMAT"]  # RFC 8259: no leading zeros


def test_floating_point_ranges() -> None:
    assert ok({"type": "double"}, 1.7e308)
    assert ok({"type": "double"}, 5)
    assert codes({"type": "float"}, 3.5e38) == ["HSC-V-FLOAT-RANGE"]
    assert codes({"type": "double"}, 10**400) == ["HSC-V-FLOAT-RANGE"]
    assert codes({"type": "double"}, float("inf")) == ["HSC-V-FLOAT-RANGE"]


@pytest.mark.parametrize(
    ("type_name", "good", "bad"),
    [
        (
            "date",
            ["2024-02-29", "2023-12-31"],
            ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "20240101"],
        ),
        (
            "time",
            [
                "14:30:00.123Z",
                "14:30:00+02:00",
                "14:30:00Z",
                "23:59:60Z",
                "00:59:60+01:00",
            ],
            [
                "14:30:00",  # RFC 3339 full-time: the offset is required
                "25:00:00",
                "14:60:00",
                "14:30",
                "9:00 AM",
                "12:00:60Z",
                "14:30:00+24:00",
                "14:30:00+2",
            ],
        ),
        (
            "datetime",
            ["2024-01-01T00:00:00Z", "2024-01-01t00:00:00.5z", "2024-02-29T23:59:59-08:00"],
            [
                "2024-01-01T00:00:00",
                "2024-01-01 00:00:00Z",
                "2024-02-30T00:00:00Z",
                "2024-01-01T24:00:00Z",
                "2024-01-01",
            ],
        ),
        (
            "duration",
            ["P1Y2M3DT4H5M6S", "PT1.5S", "P1W", "PT36H", "P3M", "P1DT2H"],
            ["P", "PT", "1 hour", "P1Y2D", "PT1H30S", "P1.5Y", "-P1D", "P\u0661D"],
        ),
    ],
)
def test_dates_and_times_follow_rfc3339_and_the_calendar(
    type_name: str, good: list[str], bad: list[str]
) -> None:
    for value in good:
        assert ok({"type": type_name}, value), value
    for value in bad:
        assert codes({"type": type_name}, value) == ["HSC-V-FORMAT"], value


@pytest.mark.parametrize(
    ("schema", "good", "bad"),
    [
        (
            {"type": "uuid"},
            [
                "123e4567-e89b-12d3-a456-426614174000",
                "00000000-0000-0000-0000-000000000000",
                "123E4567-E89B-12D3-A456-426614174000",
            ],
            [
                "{123e4567-e89b-12d3-a456-426614174000}",
                "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
                "123e4567e89b12d3a456426614174000",
                "123e4567-e89b-12d3-a456-42661417400g",
            ],
        ),
        (
            {"type": "uri"},
            [
                "https://app.hubspot.com/x?y=1#z",
                "../relative/path",
                "",
                "mailto:a@b.c",
                "//host/path",
            ],
            ["a b", "http://[::1", "%zz"],
        ),
        ({"type": "jsonpointer"}, ["", "/", "/a~1b", "/a/0/~0"], ["a", "/a~2", "#/a", "~1"]),
        (
            {"type": "binary"},
            ["aGVsbG8=", "", "AAAA"],
            ["aGVsbG8", "not base64!", "aGVs bG8=", "a==="],
        ),
        (
            {"type": "binary", "contentEncoding": "base64url"},
            ["aGVsbG8-_w", "aGVsbG8="],
            ["aGVs+G8="],
        ),
        ({"type": "binary", "contentEncoding": "base16"}, ["00ff", "ABCD"], ["abc", "zz"]),
        ({"type": "binary", "contentEncoding": "base32"}, ["NBSWY3DP"], ["NBSWY3D1"]),
    ],
)
def test_identifier_and_encoding_types(
    schema: dict[str, Any], good: list[str], bad: list[str]
) -> None:
    for value in good:
        assert ok(schema, value), value
    for value in bad:
        assert codes(schema, value) == ["HSC-V-FORMAT"], value


def test_object_required_additional_and_reserved_members() -> None:
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "int32"}},
        "required": ["name"],
        "additionalProperties": False,
    }
    assert ok(schema, {"name": "a"})
    assert ok(schema, {"name": "a", "$schema": "https://example.com/t"})  # instance metadata
    assert codes(schema, {"age": 3}) == ["HSC-V-REQUIRED"]
    assert codes(schema, {"name": "a", "extra": 1}) == ["HSC-V-ADDITIONAL-PROPERTIES"]
    typed = {**schema, "additionalProperties": {"type": "int32"}}
    assert ok(typed, {"name": "a", "extra": 1})
    assert codes(typed, {"name": "a", "extra": "1"}) == ["HSC-V-TYPE"]


def test_alternative_required_sets_are_mutually_exclusive() -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "fins": {"type": "int32"},
            "legs": {"type": "int32"},
        },
        "required": [["name", "fins"], ["name", "legs"]],
    }
    assert ok(schema, {"name": "fish", "fins": 2})
    assert ok(schema, {"name": "dog", "legs": 4})
    assert codes(schema, {"name": "odd", "fins": 2, "legs": 4}) == ["HSC-V-REQUIRED"]
    assert codes(schema, {"name": "none"}) == ["HSC-V-REQUIRED"]


def test_collections() -> None:
    assert ok({"type": "array", "items": {"type": "string"}}, ["a", "a"])
    assert codes({"type": "array", "items": {"type": "string"}}, ["a", 1]) == ["HSC-V-TYPE"]
    numbers = {"type": "set", "items": {"type": "number"}}
    assert codes(numbers, [1, 2, 1.0]) == ["HSC-V-SET-DUPLICATE"]  # 1 and 1.0 are equal
    assert ok({"type": "set", "items": {"type": "any"}}, [1, True])  # true is not 1
    assert ok({"type": "map", "values": {"type": "int32"}}, {"any key!": 1})
    assert codes({"type": "map", "values": {"type": "int32"}}, {"a": "1"}) == ["HSC-V-TYPE"]
    pair = {
        "type": "tuple",
        "properties": {"x": {"type": "int32"}, "y": {"type": "string"}},
        "tuple": ["x", "y"],
    }
    assert ok(pair, [1, "a"])
    assert codes(pair, ["a", 1]) == ["HSC-V-TYPE", "HSC-V-TYPE"]
    assert codes(pair, [1]) == ["HSC-V-TUPLE-LENGTH"]
    assert codes(pair, {"x": 1, "y": "a"}) == ["HSC-V-TYPE"]


def test_const_enum_and_max_length() -> None:
    assert codes({"type": "string", "const": "a"}, "b") == ["HSC-V-CONST"]
    assert codes({"type": "int32", "enum": [1, 2]}, 3) == ["HSC-V-ENUM"]
    assert ok({"type": "double", "enum": [1, 2]}, 1.0)
    assert codes({"type": "boolean", "enum": [True]}, False) == ["HSC-V-ENUM"]
    assert codes({"type": "string", "maxLength": 3}, "abcd") == ["HSC-V-MAX-LENGTH"]
    assert ok({"type": "string", "maxLength": 3}, "abc")


def test_unions_take_the_first_matching_type() -> None:
    schema = {"type": ["string", "int32", "null"]}
    for value in ["a", 3, None]:
        assert ok(schema, value)
    validator = validator_for_document(document(schema))
    (finding,) = validator.findings(1.5)
    assert finding.code == "HSC-V-TYPE"
    assert finding.message == "expected string or int32 or null, got 1.5 (number)"
    assert finding.hint


def test_references_namespaces_and_root() -> None:
    doc = {
        "$schema": CORE,
        "$id": "https://example.com/ns",
        "name": "Doc",
        "$root": "#/definitions/Shop/Order",
        "definitions": {
            "Shop": {
                "Order": {
                    "type": "object",
                    "properties": {
                        "total": {"type": {"$ref": "#/definitions/Shop/Money"}},
                        "note": {"type": ["string", {"$ref": "#/definitions/Shop/Money"}]},
                    },
                    "required": ["total"],
                },
                "Money": {"type": "decimal", "scale": 2},
            }
        },
    }
    validator = validator_for_document(doc)
    assert validator.is_valid({"total": "1.50", "note": "1.25"})
    (finding,) = validator.findings({"total": "1.505"})
    assert (finding.code, finding.instance) == ("HSC-V-SCALE", "/total")
    assert finding.schema is not None
    assert finding.schema.pointer == "/definitions/Shop/Money/type"
    assert [h.pointer for h in finding.schema.hops] == [
        "/definitions/Shop/Order/properties/total/type/$ref"
    ]


def test_abstract_and_extends() -> None:
    doc = {
        "$schema": CORE,
        "$id": "https://example.com/x",
        "name": "X",
        "$root": "#/definitions/Car",
        "definitions": {
            "Vehicle": {
                "abstract": True,
                "type": "object",
                "properties": {"vin": {"type": "string"}},
                "required": ["vin"],
            },
            "Car": {
                "type": "object",
                "$extends": "#/definitions/Vehicle",
                "properties": {"doors": {"type": "uint8"}},
                "additionalProperties": False,
            },
            "Garage": {
                "type": "object",
                "properties": {"v": {"type": {"$ref": "#/definitions/Vehicle"}}},
            },
        },
    }
    car = validator_for_document(doc)
    assert car.is_valid({"vin": "1", "doors": 4})
    assert [f.code for f in car.findings({"doors": 4})] == ["HSC-V-REQUIRED"]
    assert [f.code for f in car.findings({"vin": "1", "wings": 2})] == [
        "HSC-V-ADDITIONAL-PROPERTIES"
    ]
    garage = validator_for_document({**doc, "$root": "#/definitions/Garage"})
    assert [f.code for f in garage.findings({"v": {"vin": "1"}})] == ["HSC-V-ABSTRACT"]


def test_tagged_and_inline_choices() -> None:
    tagged = {"type": "choice", "choices": {"text": {"type": "string"}, "count": {"type": "int32"}}}
    assert ok(tagged, {"text": "hi"})
    assert codes(tagged, {"count": "x"}) == ["HSC-V-TYPE"]
    assert codes(tagged, {"text": "a", "count": 1}) == ["HSC-V-CHOICE"]
    assert codes(tagged, {"other": 1}) == ["HSC-V-CHOICE"]
    doc = {
        "$schema": CORE,
        "$id": "https://example.com/c",
        "name": "Address",
        "type": "choice",
        "$extends": "#/definitions/Base",
        "selector": "kind",
        "choices": {"Street": {"type": {"$ref": "#/definitions/Street"}}},
        "definitions": {
            "Base": {
                "abstract": True,
                "type": "object",
                "properties": {"city": {"type": "string"}},
            },
            "Street": {
                "type": "object",
                "$extends": "#/definitions/Base",
                "properties": {"street": {"type": "string"}},
                "additionalProperties": False,
            },
        },
    }
    inline = validator_for_document(doc)
    assert inline.is_valid({"kind": "Street", "street": "Main", "city": "X"})
    assert [f.code for f in inline.findings({"kind": "Moon", "street": "Main"})] == ["HSC-V-CHOICE"]
    assert [f.code for f in inline.findings({"street": "Main"})] == ["HSC-V-CHOICE"]


def test_validation_keywords_apply_only_when_enabled() -> None:
    schema = {"type": "string", "minLength": 3, "pattern": "^[a-z]+$"}
    assert ok(schema, "A")  # not enabled: annotations only (lint warns about them)
    enabled = validator_for_document(
        {**document(schema), "$schema": EXTENDED, "$uses": ["JSONStructureValidation"]}
    )
    assert [f.code for f in enabled.findings("A")] == ["HSC-V-MIN-LENGTH", "HSC-V-PATTERN"]
    assert [f.code for f in enabled.findings("abc\n")] == ["HSC-V-PATTERN"]  # `$` is end of input


def _enabled(schema: dict[str, Any], *uses: str) -> StructureValidator:
    return validator_for_document({**document(schema), "$schema": EXTENDED, "$uses": list(uses)})


def test_validation_extension_keywords() -> None:
    v = _enabled(
        {
            "type": "object",
            "properties": {
                "n": {
                    "type": "int64",
                    "minimum": "10",
                    "exclusiveMaximum": "20",
                    "multipleOf": "5",
                },
                "d": {"type": "decimal", "multipleOf": "0.25"},
                "tags": {
                    "type": "array",
                    "items": {"type": "string"},
                    "minItems": 1,
                    "maxItems": 2,
                    "uniqueItems": True,
                    "contains": {"type": "string", "const": "x"},
                },
                "m": {
                    "type": "map",
                    "values": {"type": "int32"},
                    "maxEntries": 1,
                    "keyNames": {"type": "string", "pattern": "^[a-z]+$"},
                },
            },
            "dependentRequired": {"n": ["d"]},
            "minProperties": 1,
        },
        "JSONStructureValidation",
    )
    assert v.is_valid({"n": "15", "d": "1.75", "tags": ["x"], "m": {"a": 1}})
    found = sorted(
        (f.code, f.instance)
        for f in v.findings({"n": "20", "tags": ["y", "y", "z"], "m": {"A": 1, "b": 2}})
    )
    assert found == [
        ("HSC-V-CONTAINS", "/tags"),
        ("HSC-V-DEPENDENT-REQUIRED", ""),
        ("HSC-V-EXCLUSIVE-MAXIMUM", "/n"),
        ("HSC-V-KEY-NAMES", "/m/A"),
        ("HSC-V-MAX-ENTRIES", "/m"),
        ("HSC-V-MAX-ITEMS", "/tags"),
        ("HSC-V-UNIQUE-ITEMS", "/tags/1"),
    ]
    assert [f.code for f in v.findings({"d": "1.3"})] == ["HSC-V-MULTIPLE-OF"]


def test_conditional_composition_when_enabled() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "int32"}},
        "anyOf": [
            {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
            {"type": "object", "properties": {"b": {"type": "int32"}}, "required": ["b"]},
        ],
        "not": {
            "type": "object",
            "properties": {"a": {"type": "string", "const": "forbidden"}},
            "required": ["a"],
        },
    }
    v = _enabled(schema, "JSONStructureConditionalComposition")
    assert v.is_valid({"a": "x"})
    assert [f.code for f in v.findings({})] == ["HSC-V-ANY-OF"]
    assert [f.code for f in v.findings({"a": "forbidden"})] == ["HSC-V-NOT"]
    one = _enabled(
        {"oneOf": [{"type": "string"}, {"type": "string", "maxLength": 3}]},
        "JSONStructureConditionalComposition",
    )
    assert one.is_valid("long string")
    assert [f.code for f in one.findings("ab")] == ["HSC-V-ONE-OF"]
    cond = _enabled(
        {
            "type": "int32",
            "if": {"type": "int32", "enum": [0]},
            "then": {"type": "int32", "const": 0},
            "else": {"type": "int32", "enum": [1, 2]},
        },
        "JSONStructureConditionalComposition",
    )
    assert cond.is_valid(0) and cond.is_valid(2)
    assert [f.code for f in cond.findings(3)] == ["HSC-V-ENUM"]


def test_catastrophic_pattern_cannot_hang_validation() -> None:
    v = _enabled({"type": "string", "pattern": "^(a+)+$"}, "JSONStructureValidation")
    # exponential on a backtracking engine; RE2 answers in linear time
    assert [f.code for f in v.findings("a" * 50_000 + "!")] == ["HSC-V-PATTERN"]
    assert v.is_valid("a" * 50_000)


def test_pattern_features_outside_the_linear_engine_are_refused_with_a_finding() -> None:
    v = _enabled({"type": "string", "pattern": "(a)\\1"}, "JSONStructureValidation")
    (finding,) = v.findings("aa")
    assert finding.code == "HSC-V-PATTERN-UNSUPPORTED"


def test_unknown_and_email_types_by_profile() -> None:
    assert codes({"type": "email"}, "a@b.c") == ["HSC-V-UNKNOWN-TYPE"]
    assert ok({"type": "email"}, "a@b.c", profile="published")
    assert codes({"type": "email"}, "not-an-email", profile="published") == ["HSC-V-FORMAT"]
    assert codes({"type": "text"}, "x", profile="published") == ["HSC-V-UNKNOWN-TYPE"]


def test_a_deep_instance_is_a_finding_not_a_recursion_error() -> None:
    doc = {
        "$schema": CORE,
        "$id": "https://example.com/d",
        "name": "D",
        "$root": "#/definitions/Tree",
        "definitions": {
            "Tree": {"type": "array", "items": {"type": ["string", {"$ref": "#/definitions/Tree"}]}}
        },
    }
    deep: Any = "leaf"
    for _ in range(10_000):
        deep = [deep]
    findings = validator_for_document(doc).findings(deep)
    assert [f.code for f in findings] == ["HSC-P-TOO-DEEP"]


def test_a_self_referencing_schema_is_a_finding_not_a_recursion_error() -> None:
    doc = {
        "$schema": CORE,
        "$id": "https://example.com/s",
        "name": "S",
        "$root": "#/definitions/A",
        "definitions": {
            "A": {"type": {"$ref": "#/definitions/B"}},
            "B": {"type": {"$ref": "#/definitions/A"}},
        },
    }
    findings = validator_for_document(doc).findings({"x": 1})
    assert [f.code for f in findings] == ["HSC-V-SCHEMA-CIRCULAR"]
    union = {
        "$schema": CORE,
        "$id": "https://example.com/u",
        "name": "U",
        "$root": "#/definitions/U",
        "definitions": {"U": {"type": [{"$ref": "#/definitions/U"}, "string"]}},
    }
    assert [f.code for f in validator_for_document(union).findings(1)] == ["HSC-V-TYPE"]


def test_instances_are_never_mutated() -> None:
    doc = {
        "$schema": CORE,
        "$id": "https://example.com/m",
        "name": "M",
        "type": "object",
        "properties": {
            "s": {"type": "set", "items": {"type": "any"}},
            "m": {"type": "map", "values": {"type": "int64"}},
        },
        "additionalProperties": False,
    }
    value = {"s": [{"a": [1, 2]}, {"a": [1, 2]}], "m": {"x": 5}, "z": None}
    before = copy.deepcopy(value)
    validator_for_document(doc, profile="published").findings(value)
    assert value == before


def test_one_validator_is_shared_safely_by_eight_threads() -> None:
    doc = document(
        {
            "type": "object",
            "properties": {
                "id": {"type": "int64"},
                "when": {"type": "datetime"},
                "tags": {"type": "set", "items": {"type": "string"}},
            },
            "required": ["id"],
        }
    )
    validator = validator_for_document(doc)
    cases = [
        ({"id": "1", "when": "2024-01-01T00:00:00Z", "tags": ["a"]}, []),
        ({"id": 1}, ["HSC-V-TYPE"]),
        ({"when": "2024-02-30T00:00:00Z"}, ["HSC-V-REQUIRED", "HSC-V-FORMAT"]),
        ({"id": "2", "tags": ["a", "a"]}, ["HSC-V-SET-DUPLICATE"]),
    ]
    barrier = threading.Barrier(8)
    failures: list[str] = []

    def worker(offset: int) -> None:
        barrier.wait()
        for round_ in range(300):
            value, expected = cases[(offset + round_) % len(cases)]
            got = [f.code for f in validator.findings(value)]
            if got != expected:
                failures.append(f"{offset}/{round_}: {got} != {expected}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


@pytest.mark.parametrize(
    ("fast", "full", "pattern"),
    [
        (primitives.check_date, primitives.full_date, primitives._PLAIN_DATE_ONLY),
        (primitives.check_time, primitives.full_time, primitives._PLAIN_TIME_ONLY),
        (primitives.check_datetime, primitives.full_datetime, primitives._PLAIN_DATETIME),
        (primitives.check_uri, primitives.full_uri, primitives._PLAIN_URL),
    ],
    ids=["date", "time", "datetime", "uri"],
)
def test_fast_paths_accept_only_what_the_full_grammar_accepts(fast, full, pattern) -> None:
    @given(st.from_regex(pattern, fullmatch=True))
    @settings(max_examples=300, deadline=None)
    def plain_values_are_valid(value: str) -> None:
        assert fast(value) is None
        assert full(value) is None, value

    plain_values_are_valid()
