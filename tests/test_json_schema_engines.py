"""jsonschema-rs (the engine) and python-jsonschema (the reference) give the same findings.

Findings are compared by code, instance pointer and schema location (file, pointer and every
``$ref`` hop) on small schemas with generated values, on every bundled fixture payload, on
generated payloads for every vendored type, on the reference corpus's examples and on generated
payloads (valid, near misses and one-constraint breaks) of every corpus type. String
formats are compared too: both engines check the promised ones through ``hsconform.formats``.
The deliberate differences are listed in ``docs/json-schema-engine.md``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hsconform
from hsconform.findings import Finding
from hsconform.testing.strategies import invalid_payloads, payloads

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PAYLOADS = ROOT / "fixtures" / "payloads"


def _key(findings: Iterable[Finding]) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.instance, str(f.schema)) for f in findings)


def _engines(root: Path | None = None) -> tuple[hsconform.Pack, hsconform.Pack]:
    return hsconform.load_pack(root), hsconform.load_pack(root, engine="reference")


def _agree(packs: tuple[hsconform.Pack, hsconform.Pack], payload: Any, type_name: str) -> None:
    fast, reference = (pack.validate(payload, type_name) for pack in packs)
    if any(f.code == "HSC-V-FALSE-SCHEMA" for f in fast.findings):
        # placed at the refused value, not at the parent keyword: only the verdict compares
        assert bool(reference.findings), (type_name, payload)
        return
    assert _key(fast.findings) == _key(reference.findings), (type_name, payload)


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
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | EDGES,
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


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_engines_agree_on_generated_values(name: str, make_pack: Any) -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "T"}
    schema.update(SCHEMAS[name])
    packs = _engines(make_pack(schemas={"test-api-t": schema}))

    @settings(max_examples=150, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(JSON | OBJECTS)
    def agrees(payload: Any) -> None:
        _agree(packs, payload, "T")

    agrees()


def test_every_finding_of_an_invalid_value_is_reported_by_both(make_pack: Any) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "T",
        "type": "object",
        "properties": {"n": {"type": "integer", "format": "int32"}, "s": {"maxLength": 2}},
        "required": ["a", "b"],
    }
    packs = _engines(make_pack(schemas={"test-api-t": schema}))
    payload = {"n": 2**31, "s": "abc"}
    fast, reference = (pack.validate(payload, "T") for pack in packs)
    assert [f.code for f in fast.findings] == [
        "HSC-V-REQUIRED",
        "HSC-V-REQUIRED",
        "HSC-V-INT-RANGE",
        "HSC-V-MAX-LENGTH",
    ]
    assert _key(fast.findings) == _key(reference.findings)
    assert not fast.ok
    assert [f.message for f in fast.findings][:3] == [
        'missing required property "a"',
        'missing required property "b"',
        "2147483648 is outside the int32 range [-2147483648, 2147483647]",
    ]
    assert fast.findings[2].schema is not None
    assert fast.findings[2].schema.pointer == "/properties/n/format"


def test_errors_at_many_items_of_one_schema_each_name_their_own_value(make_pack: Any) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "T",
        "type": "array",
        "items": {"$ref": "#/$defs/small"},
        "$defs": {"small": {"type": "integer", "maximum": 5}},
    }
    packs = _engines(make_pack(schemas={"test-api-t": schema}))
    payload = [1, 7, "x", 9, 2, "y"]
    fast, reference = (pack.validate(payload, "T") for pack in packs)
    assert [(f.instance, f.message) for f in fast.findings] == [
        ("/1", "7 is more than the maximum 5"),
        ("/2", 'expected integer, got "x" (string)'),
        ("/3", "9 is more than the maximum 5"),
        ("/5", 'expected integer, got "y" (string)'),
    ]
    assert {f.schema.pointer for f in fast.findings if f.schema} == {
        "/$defs/small/maximum",
        "/$defs/small/type",
    }
    assert _key(fast.findings) == _key(reference.findings)
    assert packs[0].validate(payload, "T").findings == fast.findings  # placed again, alike


@pytest.mark.parametrize("engine", ["jsonschema-rs", "reference"])
def test_a_payload_too_deep_gets_one_finding(make_pack: Any, engine: str) -> None:
    tree = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Tree",
        "type": "object",
        "properties": {"child": {"$ref": "#"}},
    }
    pack = hsconform.load_pack(make_pack(schemas={"test-api-tree": tree}), engine=engine)
    deep: Any = {}
    for _ in range(1_000_000):
        deep = {"child": deep}
    result = pack.validate(deep, "Tree")
    assert [f.code for f in result.findings] == ["HSC-P-TOO-DEEP"]


def test_an_empty_property_name_is_located_by_the_reference_engine(make_pack: Any) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "T",
        "additionalProperties": {"type": "integer"},
    }
    pack = hsconform.load_pack(make_pack(schemas={"test-api-t": schema}))
    result = pack.validate({"": None}, "T")
    assert [(f.code, f.instance) for f in result.findings] == [("HSC-V-TYPE", "/")]


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'fast'"):
        hsconform.load_pack(engine="fast")


def _fixture_payloads() -> list[tuple[str, Path]]:
    return [
        (folder.name, path)
        for folder in sorted(FIXTURE_PAYLOADS.iterdir())
        if folder.is_dir()
        for path in sorted(folder.glob("*.json"))
    ]


def test_the_engines_agree_on_every_fixture_payload() -> None:
    packs = _engines()
    cases = _fixture_payloads()
    assert cases
    for stem, path in cases:
        _agree(packs, json.loads(path.read_text(encoding="utf-8")), stem)


@pytest.mark.parametrize("type_name", [t.name for t in hsconform.vendored_pack().types()])
def test_the_engines_agree_on_generated_payloads_of_both_variants(type_name: str) -> None:
    packs = _engines()
    variants = packs[0].type(type_name).variants
    if "json-schema" not in variants:
        pytest.skip(f"{type_name} has no JSON Schema document")

    # JSON Structure payloads (int64 as strings, ...) are near misses for the JSON Schema
    @settings(max_examples=60, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(*(payloads(type_name, variant=v) for v in variants)))
    def agrees(payload: Any) -> None:
        _agree(packs, payload, type_name)

    agrees()


@pytest.mark.corpus
def test_the_engines_agree_on_every_corpus_example(hubspot_corpus: Path) -> None:
    packs = _engines(hubspot_corpus)
    examples = packs[0].examples()
    assert examples
    for stem, path in examples.items():
        if "json-schema" in packs[0].type(stem).variants:
            _agree(packs, json.loads(path.read_text(encoding="utf-8")), stem)


def test_a_numeric_property_name_is_located(make_pack: Any) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "T",
        "additionalProperties": {"type": "integer"},
    }
    pack = hsconform.load_pack(make_pack(schemas={"test-api-t": schema}))
    result = pack.validate({"0": True}, "T")
    assert [(f.code, f.instance, f.message) for f in result.findings] == [
        ("HSC-V-TYPE", "/0", "expected integer, got true (boolean)")
    ]


@pytest.mark.corpus
def test_the_engines_agree_on_generated_payloads_of_every_corpus_type(
    hubspot_corpus: Path,
) -> None:
    packs = _engines(hubspot_corpus)
    names = [t.name for t in packs[0].types() if "json-schema" in t.variants]
    assert len(names) > 100
    unshaped = []
    for name in names:
        variants = packs[0].type(name).variants
        try:
            strategy = st.one_of(*(payloads(name, variant=v, pack=packs[0]) for v in variants))
        except ValueError:  # a type drift cannot shape (it reports so itself)
            unshaped.append(name)
            continue
        with contextlib.suppress(ValueError):  # no single constraint to break at its root
            broken = invalid_payloads(name, pack=packs[0]).map(lambda case: case[0])
            strategy = strategy | broken

        # a few per type: every corpus type, both variants' payloads (near misses included)
        @settings(
            max_examples=6,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.tuples(st.just(name), strategy))
        def agrees(case: tuple[str, Any]) -> None:
            _agree(packs, case[1], case[0])

        agrees()
    assert len(unshaped) < len(names) / 10, unshaped
