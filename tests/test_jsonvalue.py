"""The one module of JSON-value helpers: type names per dialect, equality, short display."""

from __future__ import annotations

import pytest

from hsconform.jsonvalue import canonical, json_equal, json_schema_type, json_type, short


@pytest.mark.parametrize(
    ("value", "json", "json_schema"),
    [
        (None, "null", "null"),
        (True, "boolean", "boolean"),
        (1, "number", "integer"),
        (1.5, "number", "number"),
        ("x", "string", "string"),
        ([1], "array", "array"),
        ({"a": 1}, "object", "object"),
        ((1,), "tuple", "tuple"),
    ],
)
def test_type_names_differ_only_where_the_dialects_do(value, json, json_schema) -> None:
    assert json_type(value) == json
    assert json_schema_type(value) == json_schema


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        (1, 1.0, True),
        (True, 1, False),
        (False, 0, False),
        (None, False, False),
        ({"a": 1, "b": [2.0]}, {"b": [2], "a": 1.0}, True),
        ([1, 2], [2, 1], False),
        ("1", 1, False),
        (10**23, 1e23, True),  # the number the JSON text wrote, not the float's binary value
        (0.1, 0.1000000000000000055511151231257827, True),
    ],
)
def test_json_equality(left, right, equal) -> None:
    assert json_equal(left, right) is equal
    assert (canonical(left) == canonical(right)) is equal


def test_equality_of_deep_values_does_not_recurse_without_bound() -> None:
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    assert json_equal(deep, deep)


def test_short_shows_json_and_cuts_long_values() -> None:
    assert short({"b": 1, "a": "é"}) == '{"b": 1, "a": "é"}'
    assert short({"b": 1, "a": 2}, sort_keys=True) == '{"a": 2, "b": 1}'
    cut = short("x" * 200, 20)
    assert len(cut) == 20 and cut.endswith("…")
    assert short({1, 2}) == '"{1, 2}"'  # not JSON: shown by its repr, never an exception
    circular: list = []
    circular.append(circular)
    assert short(circular) == "<list>"
