"""The compiled JSON Schema verdict agrees with ``jsonschema`` on every payload it accepts.

A payload the verdict accepts is reported valid without asking ``jsonschema``, so a
wrong "valid" would hide findings. Each test here compares the two on many values.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

import hsconform
from hsconform.json_schema.validator import FORMAT_CHECKER
from hsconform.json_schema.verdict import (
    COMPILED_KEYWORDS,
    DECLINED_KEYWORDS,
    compile_verdict,
    jsonschema_equal,
)
from hsconform.testing.strategies import payloads

URI = "https://example.test/schema.json"
OTHER = "https://example.test/other.json"


def _registry(schema: Any, other: Any = None) -> Registry[Any]:
    registry: Registry[Any] = Registry().with_resource(URI, DRAFT202012.create_resource(schema))
    if other is not None:
        registry = registry.with_resource(OTHER, DRAFT202012.create_resource(other))
    return registry


def _both(schema: Any, other: Any = None) -> tuple[Any, Draft202012Validator]:
    registry = _registry(schema, other)
    verdict = compile_verdict(URI, registry, FORMAT_CHECKER)
    assert verdict is not None, schema
    return verdict, Draft202012Validator(schema, registry=registry, format_checker=FORMAT_CHECKER)


#: Values near the edges the keywords below care about, mixed into the generated ones.
EDGES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        1.0,
        1.5,
        -1,
        2**31,
        2**63,
        "",
        "a",
        "ab",
        "ON",
        "2025-03-15T14:30:00Z",
        "2025-02-30T14:30:00Z",
        "https://example.com/x",
        "not a uri",
        "ada@example.com",
        "0b1c7a3e-2f6d-4c1e-9a7b-5d3e8f2a1c4b",
        [],
        [1],
        [1, True],
        {},
        {"a": 1},
        {"a": 1.0, "b": "x"},
        {"x-1": None},
    ]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | EDGES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=12,
)
OBJECTS = st.dictionaries(st.sampled_from(["a", "b", "x-1", "x-2", "c"]), JSON, max_size=4)

#: One small schema per compiled keyword, and a few that combine them.
SCHEMAS: dict[str, Any] = {
    "type": {"type": "integer"},
    "type-list": {"type": ["string", "null"]},
    "number": {"type": "number", "minimum": 0, "exclusiveMaximum": 10},
    "bounds": {"maximum": 1, "exclusiveMinimum": -1},
    "enum": {"enum": ["ON", "OFF", 1, None, [1], {"a": 1}]},
    "string-enum": {"enum": ["ON", "OFF"]},
    "const-true": {"const": True},
    "const-object": {"const": {"a": 1}},
    "formats": {
        "properties": {
            "when": {"format": "date-time"},
            "uri": {"format": "uri"},
            "mail": {"format": "email"},
            "id": {"format": "uuid"},
            "n": {"format": "int32"},
            "m": {"format": "int64"},
            "other": {"format": "no-such-format"},
        }
    },
    "strings": {"minLength": 1, "maxLength": 2, "pattern": "^[a-z]"},
    "arrays": {"minItems": 1, "maxItems": 2, "items": {"type": "integer"}},
    "items-false": {"items": False},
    "object": {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
        "required": ["a"],
        "additionalProperties": False,
    },
    "patterns": {
        "properties": {"a": True},
        "patternProperties": {"^x-": {"type": "null"}},
        "additionalProperties": {"type": "integer"},
    },
    "counts": {"minProperties": 1, "maxProperties": 2, "dependentRequired": {"a": ["b"]}},
    "all-any-one-not": {
        "allOf": [{"not": {"type": "string"}}],
        "anyOf": [{"type": "integer"}, {"type": "array"}],
        "oneOf": [{"type": "number"}, {"minimum": 0}],
    },
    "conditional": {
        "if": {"properties": {"a": {"const": 1}}, "required": ["a"]},
        "then": {"required": ["b"]},
        "else": {"maxProperties": 1},
    },
    "ref-with-siblings": {
        "$ref": "#/$defs/small",
        "type": "integer",
        "$defs": {"small": {"maximum": 5}},
    },
    "recursive": {
        "type": "object",
        "properties": {"a": {"$ref": "#"}, "b": {"type": "array", "items": {"$ref": "#"}}},
    },
    "booleans": {"properties": {"a": False, "b": True}},
}


def test_every_jsonschema_keyword_is_compiled_or_declined() -> None:
    # a keyword jsonschema learns later must not be ignored by the verdict silently
    assert set(Draft202012Validator.VALIDATORS) <= COMPILED_KEYWORDS | DECLINED_KEYWORDS


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_verdict_agrees_with_jsonschema(name: str) -> None:
    verdict, validator = _both(SCHEMAS[name])

    @settings(database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(JSON | OBJECTS | EDGES)
    def agrees(instance: Any) -> None:
        assert verdict(instance) == validator.is_valid(instance), instance

    agrees()


def test_references_across_documents_agree() -> None:
    schema = {
        "$id": URI,
        "type": "object",
        "properties": {"flag": {"$ref": "other.json#/$defs/state"}},
    }
    other = {"$defs": {"state": {"enum": ["ON", "OFF"]}}}
    verdict, validator = _both(schema, other)
    for instance in ({"flag": "ON"}, {"flag": "on"}, {"flag": None}, {}):
        assert verdict(instance) == validator.is_valid(instance)


@pytest.mark.parametrize(
    "schema",
    [
        {"uniqueItems": True},
        {"multipleOf": 0.1},
        {"prefixItems": [{"type": "integer"}]},
        {"unevaluatedProperties": False},
        {"properties": {"a": {"$dynamicRef": "#meta"}}},
        {"properties": {"a": {"$id": "https://example.test/embedded", "type": "string"}}},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"},
        {"properties": {"a": {"$ref": "other.json"}}},  # into draft-07, below
        {"type": "no-such-type"},
        {"$ref": "#/$defs/missing"},
    ],
)
def test_schemas_it_does_not_reproduce_get_no_verdict(schema: dict[str, Any]) -> None:
    other = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}
    assert compile_verdict(URI, _registry(schema, other), FORMAT_CHECKER) is None


def test_jsonschema_equal_is_jsonschemas_equality() -> None:
    assert jsonschema_equal(1, 1.0) and jsonschema_equal([1, {"a": 2}], [1.0, {"a": 2.0}])
    assert not jsonschema_equal(True, 1) and not jsonschema_equal([False], [0])
    assert not jsonschema_equal("1", 1)
    assert not jsonschema_equal({"a": 1}, {"a": 1, "b": 2})


def test_a_payload_too_deep_for_the_verdict_still_gets_its_finding(make_pack: Any) -> None:
    tree = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Tree",
        "type": "object",
        "properties": {"child": {"$ref": "#"}},
    }
    pack = hsconform.load_pack(make_pack(schemas={"test-api-tree": tree}))
    deep: Any = {}
    for _ in range(10_000):
        deep = {"child": deep}
    verdict, _ = _verdict_and_validator(pack, "Tree")
    with pytest.raises(RecursionError):
        verdict(deep)
    result = pack.validate(deep, "Tree")
    assert [f.code for f in result.findings] == ["HSC-P-TOO-DEEP"]


def _verdict_and_validator(pack: hsconform.Pack, type_name: str) -> tuple[Any, Any]:
    document = pack.type(type_name).documents["json-schema"]
    return pack._verdict(document), pack._validator(document)


@pytest.mark.parametrize("type_name", [t.name for t in hsconform.vendored_pack().types()])
def test_vendored_types_agree_on_generated_payloads_of_both_variants(type_name: str) -> None:
    pack = hsconform.vendored_pack()
    verdict, validator = _verdict_and_validator(pack, type_name)
    assert verdict is not None
    variants = pack.type(type_name).variants

    # JSON Structure payloads (int64 as strings, ...) are near misses for the JSON Schema
    @settings(max_examples=100, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(*(payloads(type_name, variant=v) for v in variants)))
    def agrees(payload: Any) -> None:
        assert verdict(payload) == validator.is_valid(payload), payload

    agrees()


@pytest.mark.corpus
def test_corpus_types_get_a_verdict_that_agrees(corpus_pack: hsconform.Pack) -> None:
    twins = [t for t in corpus_pack.types() if {"json-schema", "json-structure"} <= set(t.variants)]
    compiled = 0
    for pack_type in corpus_pack.types():
        if "json-schema" not in pack_type.variants:
            continue
        verdict, _ = _verdict_and_validator(corpus_pack, pack_type.name)
        compiled += verdict is not None
    assert compiled == sum(1 for t in corpus_pack.types() if "json-schema" in t.variants)
    for pack_type in twins[::10]:  # every tenth twin: generation is the slow part
        _agree_on_structure_payloads(corpus_pack, pack_type.name)


def _agree_on_structure_payloads(pack: hsconform.Pack, type_name: str) -> None:
    verdict, validator = _verdict_and_validator(pack, type_name)

    @settings(max_examples=10, database=None, suppress_health_check=list(HealthCheck))
    @given(payloads(type_name, variant="json-structure", pack=pack))
    def agrees(payload: Any) -> None:
        assert verdict(payload) == validator.is_valid(payload), (type_name, payload)

    agrees()
