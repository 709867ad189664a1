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
    Profile,
    ReportKind,
    ResolutionRule,
    Severity,
)

SETS = (Dialect, Profile, Severity, Category, ReportKind, ResolutionRule)


@pytest.mark.parametrize("closed_set", SETS)
def test_a_member_is_its_word(closed_set) -> None:
    for member in closed_set:
        assert member == member.value and hash(member) == hash(member.value)
        assert str(member) == f"{member}" == "%s" % member == member.value  # noqa: UP031
        assert f"{member:>20}" == f"{member.value:>20}"
        assert json.dumps({member: member}) == json.dumps({member.value: member.value})
        assert closed_set(member.value) is member


def test_parse_names_the_choices() -> None:
    assert Profile.parse("strict", "profile") is Profile.STRICT
    with pytest.raises(
        ValueError, match="unknown profile 'lenient': choose one of strict, published"
    ):
        Profile.parse("lenient", "profile")


def test_the_variants() -> None:
    assert DIALECTS == ("json-schema", "json-structure")
    assert VARIANT_CHOICES == ("json-schema", "json-structure", BOTH)


def test_severity_is_one_type_wherever_it_is_imported_from() -> None:
    assert SeverityOfFindings is Severity
