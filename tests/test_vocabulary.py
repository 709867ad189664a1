"""The closed sets read, print and serialise exactly as the words they replaced."""

from __future__ import annotations

import json

import pytest

from hsconform.findings import Severity as SeverityOfFindings
from hsconform.vocabulary import (
    BOTH,
    DIALECTS,
    VARIANT_CHOICES,
    Category,
    Dialect,
    Engine,
    Profile,
    ReportKind,
    ResolutionRule,
    Severity,
    dialects_of_variant,
    engine_named,
    profile_named,
)

SETS = (Dialect, Engine, Profile, Severity, Category, ReportKind, ResolutionRule)


@pytest.mark.parametrize("closed_set", SETS)
def test_a_member_is_its_word(closed_set) -> None:
    for member in closed_set:
        assert member == member.value and hash(member) == hash(member.value)
        assert str(member) == f"{member}" == "%s" % member == member.value  # noqa: UP031
        assert f"{member:>20}" == f"{member.value:>20}"
        assert json.dumps({member: member}) == json.dumps({member.value: member.value})
        assert closed_set(member.value) is member
        assert repr(member) != member.value  # a member is told apart where it matters


def test_a_named_profile_or_an_error_listing_them() -> None:
    assert profile_named("strict") is Profile.STRICT
    with pytest.raises(
        ValueError, match="unknown profile 'lenient'; use one of: strict, published"
    ):
        profile_named("lenient")


def test_a_named_engine_or_an_error_listing_them() -> None:
    assert engine_named("reference") is Engine.REFERENCE
    with pytest.raises(
        ValueError, match="unknown engine 'ajv'; use one of: jsonschema-rs, reference"
    ):
        engine_named("ajv")


def test_a_variant_names_one_dialect_or_both() -> None:
    assert dialects_of_variant("json-structure") == (Dialect.JSON_STRUCTURE,)
    assert dialects_of_variant("both") == DIALECTS
    with pytest.raises(ValueError, match="use one of: json-schema, json-structure, both"):
        dialects_of_variant("xml")


def test_the_variants() -> None:
    assert DIALECTS == ("json-schema", "json-structure")
    assert VARIANT_CHOICES == ("json-schema", "json-structure", BOTH)


def test_severity_is_one_type_wherever_it_is_imported_from() -> None:
    assert SeverityOfFindings is Severity
