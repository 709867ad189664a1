"""Document lint of JSON Schema: the document against its dialect's metaschema.

The metaschema says whether each keyword has the right form; it cannot say
whether a ``pattern`` compiles, so patterns are compiled here too. Every
finding points at the offending node of the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from hsconform.findings import Finding, SchemaLocation, Severity
from hsconform.jsontext import escape_pointer_token
from hsconform.vocabulary import Dialect

VARIANT = Dialect.JSON_SCHEMA

#: Every code this lint can report, with what it means.
CODES: Mapping[str, str] = {
    "HSC-JS-METASCHEMA": "the document violates its dialect's metaschema",
    "HSC-JS-PATTERN": "a pattern or patternProperties key Python cannot compile",
    "HSC-JS-TOO-DEEP": "the document nests too deeply for the metaschema check",
}

# Keywords whose value is one schema, an array of schemas, or a map of names to schemas.
_ONE_SCHEMA = frozenset(
    {
        "additionalProperties",
        "additionalItems",
        "items",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contentSchema",
    }
)
_SCHEMA_ARRAYS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"}
)


def lint_json_schema(document: Mapping[str, Any] | bool, *, file: str) -> list[Finding]:
    """Every metaschema violation of a JSON Schema document, then every bad pattern."""
    findings = list(_metaschema(document, file))
    findings.extend(_patterns(document, file))
    return findings


def _finding(code: str, file: str, pointer: str, message: str, keyword: str | None) -> Finding:
    return Finding(
        code=code,
        severity=Severity.ERROR,
        message=message,
        instance="",
        schema=SchemaLocation(file, pointer),
        keyword=keyword,
        variant=VARIANT,
        source=None,
    )


def _pointer(path: Iterator[Any]) -> str:
    return "".join(f"/{escape_pointer_token(str(token))}" for token in path)


def _metaschema(document: Mapping[str, Any] | bool, file: str) -> Iterator[Finding]:
    """Validate against the metaschema of the dialect ``$schema`` names (2020-12 by default)."""
    dialect = _dialect(document)
    meta = validator_for(dialect.META_SCHEMA, default=dialect)(dialect.META_SCHEMA)
    try:
        errors: list[ValidationError] = list(meta.iter_errors(document))
    except RecursionError:
        yield _finding("HSC-JS-TOO-DEEP", file, "", "the document nests too deeply to check", None)
        return
    # the 2020-12 metaschema reaches some keywords by several $dynamicRef paths and
    # reports one violation once per path: one finding per (node, keyword, message)
    seen: set[tuple[str, str, str]] = set()
    for error in errors:
        pointer = _pointer(iter(error.absolute_path))
        key = (pointer, str(error.validator), error.message)
        if key in seen:
            continue
        seen.add(key)
        yield _finding(
            "HSC-JS-METASCHEMA",
            file,
            pointer,
            f"{error.message} (metaschema keyword {error.validator!r})",
            str(error.validator),
        )


def _dialect(document: Mapping[str, Any] | bool) -> type[Validator]:
    """The validator class ``$schema`` names; 2020-12 when it names none we know."""
    if isinstance(document, bool) or not isinstance(document.get("$schema"), str):
        return Draft202012Validator  # the metaschema then reports a malformed $schema
    try:
        return validator_for(document, default=Draft202012Validator)
    except ValueError:  # a $schema urlsplit refuses
        return Draft202012Validator


def _patterns(document: Any, file: str) -> Iterator[Finding]:
    """Compile every ``pattern`` and ``patternProperties`` key, walking schemas iteratively."""
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        node, pointer = stack.pop()
        if not isinstance(node, Mapping):
            continue
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            yield from _compile(pattern, file, f"{pointer}/pattern", "pattern")
        keyed = node.get("patternProperties")
        if isinstance(keyed, Mapping):
            for source in keyed:
                where = f"{pointer}/patternProperties/{escape_pointer_token(source)}"
                yield from _compile(source, file, where, "patternProperties")
        stack.extend(reversed(list(_subschemas(node, pointer))))


def _compile(source: str, file: str, pointer: str, keyword: str) -> Iterator[Finding]:
    try:
        re.compile(source)
    except re.error as error:
        yield _finding(
            "HSC-JS-PATTERN",
            file,
            pointer,
            f"{keyword} {source!r} is not a regular expression Python can compile: {error}",
            keyword,
        )


def _subschemas(node: Mapping[str, Any], pointer: str) -> Iterator[tuple[Any, str]]:
    """The sub-schemas of a schema, with their pointers (data keywords are skipped)."""
    for key, value in node.items():
        at = f"{pointer}/{escape_pointer_token(key)}"
        if key in _ONE_SCHEMA and isinstance(value, Mapping):
            yield value, at
        elif key in _SCHEMA_ARRAYS and isinstance(value, list):
            yield from ((item, f"{at}/{index}") for index, item in enumerate(value))
        elif key in _SCHEMA_MAPS and isinstance(value, Mapping):
            yield from (
                (item, f"{at}/{escape_pointer_token(name)}") for name, item in value.items()
            )
