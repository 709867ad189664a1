"""One string format module: the suite's verdicts in both dialects and both JSON Schema engines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hsconform import formats
from hsconform.findings import Severity
from hsconform.json_schema.engine import build_validator
from hsconform.json_schema.validator import FORMAT_CHECKER
from hsconform.json_structure.validator import validator_for_document

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "json-schema-test-suite"
FORMAT_CASES = SUITE / "tests" / "draft2020-12" / "optional" / "format"
CORE = "https://json-structure.org/meta/core/v0/#"
EXTENDED = "https://json-structure.org/meta/extended/v0/#"

#: JSON Structure types that are string formats, with the JSON Schema format they share.
STRUCTURE_TYPES = {"uuid": "uuid", "uri": "uri-reference", "datetime": "date-time", "date": "date"}


def _cases(name: str) -> list[tuple[str, bool]]:
    """The suite's string cases of one format: (value, valid)."""
    if not FORMAT_CASES.is_dir():
        pytest.skip(f"JSON-Schema-Test-Suite not present at {SUITE} (development workspace only)")
    groups = json.loads((FORMAT_CASES / f"{name}.json").read_text(encoding="utf-8"))
    cases = [
        (test["data"], test["valid"])
        for group in groups
        for test in group["tests"]
        if isinstance(test["data"], str)
    ]
    assert cases
    return cases


def _structure_errors(root: dict[str, Any], value: Any, **options: Any) -> list[str]:
    document = {"$id": "https://example.com/t", "name": "T", **root}
    validator = validator_for_document(document, **options)
    return [f.code for f in validator.findings(value) if f.severity is Severity.ERROR]


def _wrong(name: str, verdict: Any) -> list[tuple[str, bool]]:
    return [(value, valid) for value, valid in _cases(name) if verdict(value) is not valid]


@pytest.mark.parametrize("name", sorted(formats.STRING_FORMATS))
def test_the_shared_check_gives_the_suites_verdict(name: str) -> None:
    assert _wrong(name, formats.STRING_FORMATS[name]) == []


@pytest.mark.parametrize("name", sorted(formats.STRING_FORMATS))
def test_both_json_schema_engines_give_the_suites_verdict(name: str) -> None:
    schema = {"format": name}
    reference = Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    default = build_validator("https://example.com/format.json", schema, None)
    assert _wrong(name, reference.is_valid) == []
    assert _wrong(name, default.is_valid) == []


@pytest.mark.parametrize("name", sorted(formats.STRING_FORMATS))
def test_json_structure_format_keyword_gives_the_suites_verdict(name: str) -> None:
    root = {"$schema": EXTENDED, "$uses": ["JSONStructureValidation"]}
    root |= {"type": "string", "format": name}
    assert _wrong(name, lambda value: _structure_errors(root, value) == []) == []


@pytest.mark.parametrize(("type_name", "name"), sorted(STRUCTURE_TYPES.items()))
def test_json_structure_types_give_the_suites_verdict(type_name: str, name: str) -> None:
    root = {"$schema": CORE, "type": type_name}
    assert _wrong(name, lambda value: _structure_errors(root, value) == []) == []


def test_json_structure_email_under_published_gives_the_suites_verdict() -> None:
    root = {"$schema": CORE, "type": "email"}
    verdict = lambda value: _structure_errors(root, value, profile="published") == []  # noqa: E731
    assert _wrong("email", verdict) == []


def test_json_structure_time_gives_the_suites_verdict_and_published_takes_no_offset() -> None:
    root = {"$schema": CORE, "type": "time"}
    assert _wrong("time", lambda value: _structure_errors(root, value) == []) == []
    differ = _wrong("time", lambda value: _structure_errors(root, value, profile="published") == [])
    without_offset = [
        (value, valid)
        for value, valid in _cases("time")
        if formats.time_problem(value, offset_required=False) is None and not formats.is_time(value)
    ]
    assert without_offset  # the suite has such cases: published takes them, with a warning
    assert differ == without_offset


def test_digits_of_other_scripts_are_no_date() -> None:
    bengali = "\u09e7\u09ef\u09ee\u09eb"  # ASCII 1985 in Bengali digits
    assert not formats.is_date(f"{bengali}-04-12")
    for type_name, value in [
        ("date", f"{bengali}-04-12"),
        ("datetime", f"{bengali}-04-12T23:20:50Z"),
        ("time", "\u09e7\u09e8:00:00"),
    ]:
        assert _structure_errors({"$schema": CORE, "type": type_name}, value) == ["HSC-V-FORMAT"]
