"""The official JSON-Schema-Test-Suite (draft 2020-12) through hsconform's JSON Schema engine.

Every case of ``tests/draft2020-12/*.json``, of its ``optional/*.json`` (ECMA-262 patterns, big
numbers, ...) and of ``optional/format/`` (every format, the promised ones among them) gives the
suite's verdict, with the suite's ``remotes/`` served through ``retrieve``
(the opt-in to remote documents) and nothing else fetched. Cases that cannot pass are in
``SKIPPED``, each with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hsconform.json_schema.engine import build_validator

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "json-schema-test-suite"
DRAFT = SUITE / "tests" / "draft2020-12"
REMOTE_BASE = "http://localhost:1234/"

#: The formats the README promises: each must have its file in ``optional/format/``.
PROMISED_FORMATS = ("date-time", "date", "time", "email", "uuid", "uri", "uri-reference")

#: (file, group description, test description) -> why the case is not run.
SKIPPED: dict[tuple[str, str, str], str] = {}

#: The required ``format.json`` expects formats to be annotations only; hsconform asserts every
#: format (README), as ``optional/format/`` checks. Its cases saying so are not run.
ANNOTATION_ONLY = "only an annotation by default"


def _files() -> list[Path]:
    if not DRAFT.is_dir():
        return []
    files = sorted(DRAFT.glob("*.json"))
    files += sorted((DRAFT / "optional").glob("*.json"))
    return files + sorted((DRAFT / "optional" / "format").glob("*.json"))


def _retrieve(uri: str) -> Any:
    if not uri.startswith(REMOTE_BASE):
        raise LookupError(f"{uri} is not one of the suite's remotes")
    path = SUITE / "remotes" / uri.removeprefix(REMOTE_BASE)
    return json.loads(path.read_text(encoding="utf-8"))


def _cases(path: Path) -> Iterator[tuple[str, str, Any, Any, bool]]:
    for group in json.loads(path.read_text(encoding="utf-8")):
        for case in group["tests"]:
            yield (
                group["description"],
                case["description"],
                group["schema"],
                case["data"],
                case["valid"],
            )


def _name(path: Path) -> str:
    return str(path.relative_to(DRAFT))


@pytest.mark.parametrize("path", _files(), ids=_name)
def test_every_case_gives_the_suites_verdict(path: Path) -> None:
    wrong = []
    ran = 0
    for group, description, schema, data, valid in _cases(path):
        if (_name(path), group, description) in SKIPPED or ANNOTATION_ONLY in description:
            continue
        validator = build_validator(
            "http://hsconform.test/schema.json", schema, None, retrieve=_retrieve
        )
        ran += 1
        if validator.is_valid(data) is not valid:
            wrong.append((group, description, data, valid))
    assert ran
    assert not wrong


def test_the_suite_is_present() -> None:
    if not DRAFT.is_dir():
        pytest.skip(f"JSON-Schema-Test-Suite not present at {SUITE} (development workspace only)")
    names = {_name(path) for path in _files()}
    assert len(names) > 75
    assert {f"optional/format/{name}.json" for name in PROMISED_FORMATS} <= names


def test_every_skipped_case_exists() -> None:
    if not DRAFT.is_dir():
        pytest.skip(f"JSON-Schema-Test-Suite not present at {SUITE} (development workspace only)")
    known = {
        (_name(path), group, description)
        for path in _files()
        for group, description, *_ in _cases(path)
    }
    assert set(SKIPPED) <= known
