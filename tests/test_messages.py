"""Both dialects word a finding alike: values as JSON, the actual value shown, JSON's type names."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

import hsconform
from hsconform import messages
from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.jsontext import resolve_pointer
from hsconform.report.text import finding_line
from tests.helpers import schema

EXTENDED = "https://json-structure.org/meta/extended/v0/#"

ORDER_SCHEMA = schema(
    "Order",
    type="object",
    properties={
        "id": {"type": "string"},
        "count": {"type": "integer", "format": "int32", "maximum": 10},
        "status": {"type": "string", "enum": ["open", "closed"]},
        "kind": {"type": "string", "const": "order"},
        "code": {"type": "string", "pattern": "^[A-Z]+$", "minLength": 2},
        "note": {"type": ["string", "null"]},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
        "createdAt": {"type": "string", "format": "date-time"},
    },
    required=["id", "createdAt"],
    additionalProperties=False,
)
ORDER_STRUCTURE = {
    "$schema": EXTENDED,
    "$uses": ["JSONStructureValidation"],
    "name": "Order",
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "count": {"type": "int32", "maximum": 10},
        "status": {"type": "string", "enum": ["open", "closed"]},
        "kind": {"type": "string", "const": "order"},
        "code": {"type": "string", "pattern": "^[A-Z]+$", "minLength": 2},
        "note": {"type": ["string", "null"]},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
        "createdAt": {"type": "datetime"},
    },
    "required": ["id", "createdAt"],
    "additionalProperties": False,
}
BAD_ORDERS = [
    {
        "id": None,
        "count": 12,
        "status": "lost",
        "kind": "box",
        "code": "a",
        "note": 1,
        "tags": ["a", "b", "c"],
        "createdAt": "yesterday",
        "extra": True,
    },
    {"id": 7, "count": "3", "tags": [1], "note": [], "createdAt": 5},
    {"id": {"a": 1}, "status": False, "code": 1.5, "createdAt": "2024-02-30T00:00:00Z"},
    ["not", "an", "object"],
    {"id": "1", "count": "x" * 500, "createdAt": "y" * 300, "extra": {"z": "w" * 200}},
]

#: Findings whose instance is the object they are about: its value is not what the message shows.
_ABOUT_MEMBERS = {"HSC-V-REQUIRED", "HSC-V-ADDITIONAL-PROPERTIES"}
_REPR_QUOTED = re.compile(r"(?<![A-Za-z])'[^']*'")


def _comparable(result: hsconform.Result) -> dict[tuple[str, str], list[str]]:
    """Messages by place and code, each cut to the part both dialects word the same.

    The dialects name their own types (``int32`` / ``integer``, ``datetime`` / ``date-time``), so a
    type finding is compared from ``got``, a format finding up to ``is not a valid``. An
    undeclared member is reported at the object in one dialect and at the member in the other.
    """
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for finding in result.findings:
        text, place = finding.message, finding.instance
        if finding.code == "HSC-V-TYPE":
            text = text[text.index(", got ") :]
        elif finding.code == "HSC-V-FORMAT":
            text = text[: text.index(" is not a valid ")]
        elif finding.code == "HSC-V-ADDITIONAL-PROPERTIES":
            place = ""
        found[(place, finding.code)].append(text)
    return {key: sorted(texts) for key, texts in found.items()}


def _assert_same_form(payload: Any, findings: list[Finding]) -> None:
    for finding in findings:
        message = finding.message
        assert not _REPR_QUOTED.search(message), message  # names and values quoted as JSON
        if finding.code in _ABOUT_MEMBERS:
            continue
        found, actual = resolve_pointer(payload, finding.instance)
        assert found, finding
        assert messages.shown(actual) in message, message  # the actual value is shown
        if finding.code == "HSC-V-TYPE":
            assert message.startswith("expected "), message
            assert message.endswith(f"got {messages.got(actual)}"), message


def _assert_dialects_agree(pack: hsconform.Pack, type_name: str, payload: Any) -> None:
    structure = pack.validate(payload, type_name, variant="json-structure")
    json_schema = pack.validate(payload, type_name, variant="json-schema")
    assert not structure.ok and not json_schema.ok
    _assert_same_form(payload, list(structure.findings))
    _assert_same_form(payload, list(json_schema.findings))
    one, other = _comparable(json_schema), _comparable(structure)
    shared = one.keys() & other.keys()
    assert shared
    for key in shared:
        assert one[key] == other[key], key


@pytest.mark.parametrize("payload", BAD_ORDERS)
def test_both_variants_of_a_type_word_the_same_problem_alike(make_pack: Any, payload: Any) -> None:
    pack = hsconform.load_pack(
        make_pack(
            schemas={"shop-api-order": ORDER_SCHEMA}, structures={"shop-api-order": ORDER_STRUCTURE}
        )
    )
    _assert_dialects_agree(pack, "Order", payload)


def test_the_messages_of_a_bad_order_read_as_documented(make_pack: Any) -> None:
    pack = hsconform.load_pack(
        make_pack(
            schemas={"shop-api-order": ORDER_SCHEMA}, structures={"shop-api-order": ORDER_STRUCTURE}
        )
    )
    for variant in ("json-schema", "json-structure"):
        result = pack.validate(BAD_ORDERS[0], "Order", variant=variant)
        texts = {(f.instance, f.message) for f in result.findings}
        assert {
            ("/id", "expected string, got null"),
            ("/count", "12 is more than the maximum 10"),
            ("/status", '"lost" is not one of "open", "closed"'),
            ("/kind", '"box" is not the constant "order"'),
            ("/code", '"a" does not match the pattern "^[A-Z]+$"'),
            ("/code", '"a" is shorter than 2 characters'),
            ("/note", "expected string or null, got 1 (number)"),
            ("/tags", '["a", "b", "c"] has more than 2 items'),
        } <= texts, variant
        assert any('property not allowed here: "extra"' in text for _, text in texts), variant


VENDORED_TYPE = "hubspot-crm-objects/SimplePublicObject"
_OBJECT = {
    "archived": False,
    "createdAt": "2024-01-01T00:00:00Z",
    "id": "1",
    "properties": {},
    "updatedAt": "2024-01-01T00:00:00Z",
}


@pytest.mark.parametrize(
    "payload",
    [
        {**_OBJECT, "id": None},
        {**_OBJECT, "id": 12, "archived": "no", "createdAt": 5},
        {**_OBJECT, "updatedAt": "yesterday", "properties": {"a": 1, "b": [True]}},
        {key: value for key, value in _OBJECT.items() if key != "id"},
        {**_OBJECT, "properties": [1]},
        [1],
    ],
)
def test_the_vendored_twins_word_the_same_problem_alike(
    vendored: hsconform.Pack, payload: Any
) -> None:
    _assert_dialects_agree(vendored, VENDORED_TYPE, payload)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (12, "12 (number)"),
        (1.5, "1.5 (number)"),
        (True, "true (boolean)"),
        ("12", '"12" (string)'),
        ([1], "[1] (array)"),
        ({"a": 1}, '{"a": 1} (object)'),
    ],
)
def test_the_actual_value_is_shown_with_its_json_type(value: Any, expected: str) -> None:
    assert messages.got(value) == expected
    assert messages.expected("string", value) == f"expected string, got {expected}"


def test_a_long_value_is_cut_the_same_way_in_every_message() -> None:
    text = messages.got("x" * 500)
    assert text == '"' + "x" * (messages.VALUE_LIMIT - 2) + "… (string)"


def test_a_location_is_written_as_the_text_report_writes_it() -> None:
    assert str(SourceLocation("cassette.yaml", 21)) == "cassette.yaml:21"  # no column invented
    assert str(SourceLocation("payload.json", 3, 7)) == "payload.json:3:7"
    assert str(SourceLocation("payload.json")) == "payload.json"
    finding = Finding(
        code="HSC-V-TYPE",
        severity=Severity.ERROR,
        message=messages.expected("string", 1),
        instance="/id",
        source=SourceLocation("cassette.yaml", 21),
    )
    assert (
        finding_line(finding) == "cassette.yaml:21 /id [HSC-V-TYPE] expected string, got 1 (number)"
    )
