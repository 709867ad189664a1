"""Hypothesis strategies: generated payloads validate; broken ones fail with exactly their code."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import hsconform
from hsconform.testing.strategies import invalid_payloads, payloads, register_type_strategies

VENDORED = [(t.name, v) for t in hsconform.vendored_pack().types() for v in t.variants]


@pytest.mark.parametrize(("type_name", "variant"), VENDORED)
def test_generated_payloads_validate(type_name: str, variant: str) -> None:
    pack = hsconform.vendored_pack()

    @given(payloads(type_name, variant=variant))
    def conforms(payload: Any) -> None:
        result = pack.validate(payload, type_name, variant=variant)
        assert result.ok, [(f.code, f.instance, f.message) for f in result.errors]

    conforms()


@pytest.mark.parametrize(("type_name", "variant"), VENDORED)
def test_invalid_payloads_fail_with_exactly_their_code(type_name: str, variant: str) -> None:
    pack = hsconform.vendored_pack()
    seen: set[str] = set()

    @given(invalid_payloads(type_name, variant=variant))
    def rejected(pair: tuple[Any, str]) -> None:
        payload, code = pair
        result = pack.validate(payload, type_name, variant=variant)
        assert {f.code for f in result.errors} == {code}, (payload, result.errors)
        seen.add(code)

    rejected()
    assert seen  # at least one kind of break was drawn


def test_generation_covers_formats_ranges_and_int64_strings() -> None:
    flags = "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors"
    example = find(
        payloads(flags, variant="json-structure"),
        lambda p: bool(p["results"]) and "startedAt" in p,
        settings=settings(max_examples=2000, database=None),
    )
    item = example["results"][0]
    assert isinstance(item["appId"], str) and item["appId"].lstrip("-").isdigit()  # int64 string
    assert item["flagState"] in ("ON", "OFF", "ABSENT")
    schema_side = find(
        payloads(flags),
        lambda p: bool(p["results"]),
        settings=settings(max_examples=2000, database=None),
    )
    assert isinstance(schema_side["results"][0]["appId"], int)  # a JSON number in JSON Schema


def test_failures_shrink_to_small_examples() -> None:
    example = find(
        payloads("hubspot-crm-objects/SimplePublicObject"),
        lambda p: len(p["properties"]) >= 1,
        settings=settings(max_examples=2000, database=None),
    )
    # only the required members survive shrinking, and the one property needed
    assert set(example) == {"archived", "createdAt", "id", "properties", "updatedAt"}
    assert len(example["properties"]) == 1


def test_batch_rules_hold_for_generated_envelopes() -> None:
    pack = hsconform.vendored_pack()

    @given(payloads("crm-associations-api/BatchAssociationResponse", variant="json-structure"))
    def keeps_rules(payload: Any) -> None:
        findings = pack.validate(
            payload, "crm-associations-api/BatchAssociationResponse", variant="json-structure"
        ).findings
        assert not [f for f in findings if f.code.startswith("HSC-B-")]

    keeps_rules()


def test_from_type_draws_pack_types() -> None:
    register_type_strategies()

    @given(st.from_type(hsconform.PackType))
    def is_vendored(pack_type: hsconform.PackType) -> None:
        assert hsconform.vendored_pack().type(pack_type) is pack_type

    is_vendored()


def test_types_without_a_constraint_to_break_are_refused(make_pack) -> None:
    from helpers import schema

    pack = hsconform.load_pack(make_pack(schemas={"x-api-any": schema("Anything")}))
    with pytest.raises(ValueError, match="no single constraint to break"):
        invalid_payloads("Anything", pack=pack)


@pytest.mark.corpus
def test_every_corpus_type_generates_valid_payloads(corpus_pack: hsconform.Pack) -> None:
    pack = hsconform.load_pack(corpus_pack.root, profile="published")
    checked = 0
    for pack_type in pack.types():
        for variant in pack_type.variants:
            _conforms(pack, pack_type, variant)()
            checked += 1
    assert checked == 1000


def _conforms(pack: hsconform.Pack, pack_type: hsconform.PackType, variant: str) -> Any:
    @settings(max_examples=5, database=None)
    @given(payloads(pack_type, variant=variant, pack=pack))
    def conforms(payload: Any) -> None:
        result = pack.validate(payload, pack_type, variant=variant)
        assert result.ok, (pack_type.name, variant, [(f.code, f.instance) for f in result.errors])

    return conforms
