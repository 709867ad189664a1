"""Constraints of the Validation extension: enabled, on the right type, with sane values.

A constraint on a type it does not apply to, a count that is negative, a lower
bound above its upper bound, a ``multipleOf`` that is not positive, a pattern
that does not compile: each is a finding. Without the extension enabled, a
constraint is only an annotation, and a warning says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeGuard

from hsconform.json_structure import keywords as kw
from hsconform.json_structure.lint.context import (
    WARNING,
    Kind,
    LintRun,
    Visit,
    kind_of,
    of_type,
    show,
)
from hsconform.json_structure.lint.values import DECIMAL_TEXT, INTEGER_TEXT
from hsconform.json_structure.patterns import compile_pattern
from hsconform.jsontext import escape_pointer_token

#: Constraint keywords and the types they apply to. ``maxLength`` is core; ``uniqueItems``
#: on a set restates what a set already means, so it is accepted there.
_CONSTRAINTS: Mapping[str, frozenset[str]] = {
    **kw.VALIDATION_KEYWORDS,
    "maxLength": frozenset({"string"}),
    "uniqueItems": frozenset({"array", "set"}),
}
#: The content keywords are core annotations on ``binary``: no extension needed there.
_CORE_ON_BINARY = frozenset({"contentEncoding", "contentMediaType", "contentCompression"})
_COUNTS = (
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minContains", "maxContains"),
    ("minProperties", "maxProperties"),
    ("minEntries", "maxEntries"),
)
_COUNT_KEYWORDS = frozenset(name for pair in _COUNTS for name in pair)
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_ENCODINGS = frozenset({"base64", "base64url", "base16", "base32", "base32hex"})
_COMPRESSIONS = frozenset({"gzip", "deflate", "zlib", "brotli"})
_STRING_NUMERIC = kw.STRING_INTEGER_TYPES | frozenset({"decimal"})


def constraints(lint: LintRun, node: Mapping[str, Any], pointer: str, kind: Kind) -> None:
    """Validation keywords: enabled, on a type they apply to, with a sane value."""
    for key in node:
        if key not in _CONSTRAINTS:
            continue
        at = f"{pointer}/{key}"
        _enabled(lint, key, at, kind)
        allowed = _CONSTRAINTS[key]
        if kind.name is not None and kind.name not in allowed:
            lint.emit(
                "HSC-S-CONSTRAINT-TYPE",
                at,
                f"{key} does not apply to {kind.name} (it applies to {_describe(allowed)})",
                keyword=key,
            )
        _constraint_value(lint, key, node[key], at, kind)
    _ranges(lint, node, pointer, kind)


def _enabled(lint: LintRun, key: str, at: str, kind: Kind) -> None:
    """A validation keyword needs the Validation extension (content* on binary is core)."""
    if key == "maxLength" or lint.validation_on:
        return
    if key in _CORE_ON_BINARY and kind.name == "binary":
        return
    extension_warning(lint, key, at, "JSONStructureValidation")


def extension_warning(lint: LintRun, key: str, at: str, extension: str) -> None:
    """One warning per extension keyword the document does not enable."""
    lint.emit(
        "HSC-S-EXTENSION-NOT-ENABLED",
        at,
        f"{key} is a keyword of the {extension} extension, which this document does not "
        "enable; it is an annotation here, not a constraint",
        keyword=key,
        severity=WARNING,
        hint=f'add "$uses": ["{extension}"] to the root (with "$schema": '
        '"https://json-structure.org/meta/extended/v0/#"), or use the validation '
        'meta-schema "https://json-structure.org/meta/validation/v0/#"',
    )


def _constraint_value(lint: LintRun, key: str, value: Any, at: str, kind: Kind) -> None:
    """The value of one constraint keyword has the form the drafts give it."""
    if key in _COUNT_KEYWORDS:
        _count(lint, key, value, at)
    elif key in _BOUNDS:
        _bound(lint, key, value, at, kind)
    elif key == "multipleOf":
        number = _bound(lint, key, value, at, kind)
        if number is not None and number <= 0:
            lint.emit(
                "HSC-S-MULTIPLE-OF",
                at,
                f"multipleOf must be positive, not {show(value)}",
                keyword=key,
            )
    elif key == "pattern":
        _pattern(lint, value, at, key)
    elif key in ("patternProperties", "patternKeys"):
        _pattern_map(lint, key, value, at)
    else:
        _other_value(lint, key, value, at)


def _count(lint: LintRun, key: str, value: Any, at: str) -> None:
    """Lengths, counts and sizes are non-negative integers."""
    if isinstance(value, bool) or not isinstance(value, int):
        lint.emit(
            "HSC-S-CONSTRAINT-VALUE",
            at,
            f"{key} must be a non-negative integer, not {kind_of(value)}",
            keyword=key,
        )
    elif value < 0:
        lint.emit(
            "HSC-S-NEGATIVE-COUNT",
            at,
            f"{key} must not be negative ({show(value)})",
            keyword=key,
        )


def _bound(lint: LintRun, key: str, value: Any, at: str, kind: Kind) -> Decimal | None:
    """A numeric bound, as a string for string-encoded types, within the type's range."""
    number = _numeric(value, kind.name)
    if number is None:
        form = "a numeric string" if kind.name in _STRING_NUMERIC else "a number"
        if kind.name is None or kind.name in kw.NUMERIC_TYPES:
            lint.emit(
                "HSC-S-CONSTRAINT-VALUE",
                at,
                f"{key} must be {form}, not {show(value)}",
                keyword=key,
            )
        return None
    limits = kw.INTEGER_RANGES.get(kind.name or "")
    if limits is not None and number != number.to_integral_value():
        lint.emit(
            "HSC-S-CONSTRAINT-VALUE",
            at,
            f"{key} {show(value)} is not an integer, as {kind.name} values are",
            keyword=key,
        )
    elif limits is not None and not limits[0] <= number <= limits[1]:
        lint.emit(
            "HSC-S-CONSTRAINT-VALUE",
            at,
            f"{key} {show(value)} is outside the range of {kind.name}",
            keyword=key,
        )
    return number


def _pattern(lint: LintRun, value: Any, at: str, key: str) -> None:
    """A regular expression the engine can run."""
    if not isinstance(value, str):
        lint.emit("HSC-S-PATTERN", at, f"{key} must be a string, not {kind_of(value)}", keyword=key)
        return
    compiled = compile_pattern(value)
    if compiled.error is None:
        return
    if compiled.unsupported:
        lint.emit(
            "HSC-S-PATTERN-UNSUPPORTED", at, f"pattern {value!r} {compiled.error}", keyword=key
        )
    else:
        lint.emit(
            "HSC-S-PATTERN",
            at,
            f"pattern {value!r} is not a valid regular expression: {compiled.error}",
            keyword=key,
        )


def _pattern_map(lint: LintRun, key: str, value: Any, at: str) -> None:
    """patternProperties/patternKeys: regular expressions mapped to schemas."""
    message = key + " must map patterns to schemas, not be {kind}"
    if not of_type(lint, value, Mapping, "HSC-S-CONSTRAINT-VALUE", at, message, key):
        return
    visits = []
    for source, schema in value.items():
        where = f"{at}/{escape_pointer_token(source)}"
        _pattern(lint, source, where, key)
        visits.append(Visit(schema, where, "pattern"))
    lint.push(visits)


def _other_value(lint: LintRun, key: str, value: Any, at: str) -> None:
    """The remaining keywords: sub-schemas, flags, names and annotations."""
    if key in ("contains", "has", "propertyNames", "keyNames"):
        if not isinstance(value, Mapping):
            lint.emit("HSC-S-CONSTRAINT-VALUE", at, f"{key} must be a schema", keyword=key)
            return
        if key in ("propertyNames", "keyNames") and value.get("type", "string") != "string":
            lint.emit(
                "HSC-S-CONSTRAINT-VALUE",
                at,
                f"{key} must be a schema of type string",
                keyword=key,
            )
        lint.push([Visit(value, at, key)])
    elif key == "uniqueItems" and not isinstance(value, bool):
        lint.emit("HSC-S-CONSTRAINT-VALUE", at, "uniqueItems must be true or false", keyword=key)
    elif key == "dependentRequired" and not _is_name_lists(value):
        lint.emit(
            "HSC-S-CONSTRAINT-VALUE",
            at,
            "dependentRequired must map property names to arrays of names",
            keyword=key,
        )
    elif key == "format":
        _format_name(lint, value, at)
    elif key in ("contentEncoding", "contentCompression", "contentMediaType"):
        _content(lint, key, value, at)


def _format_name(lint: LintRun, value: Any, at: str) -> None:
    """A format name of the Validation extension, where ``format`` is one.

    Without the extension (under ``strict``) ``format`` is an annotation: the
    not-enabled warning says so, and its name is not judged as a format.
    """
    if not isinstance(value, str):
        lint.emit("HSC-S-CONSTRAINT-VALUE", at, "format must be a string", keyword="format")
    elif not (lint.validation_on or lint.published):
        return
    elif value not in kw.FORMATS:
        lint.emit(
            "HSC-S-FORMAT-UNKNOWN",
            at,
            f"format {value!r} is not a format of the Validation extension "
            f"({', '.join(sorted(kw.FORMATS))}); it is not checked",
            keyword="format",
            severity=WARNING,
        )


def _content(lint: LintRun, key: str, value: Any, at: str) -> None:
    """contentEncoding/contentCompression take the drafts' names; contentMediaType a type."""
    allowed = {"contentEncoding": _ENCODINGS, "contentCompression": _COMPRESSIONS}.get(key)
    if allowed is not None:
        good = isinstance(value, str) and value in allowed
        expected = ", ".join(sorted(allowed))
    else:
        good = isinstance(value, str) and "/" in value
        expected = "a media type such as application/json"
    if not good:
        lint.emit("HSC-S-CONSTRAINT-VALUE", at, f"{key} must be one of {expected}", keyword=key)


def _ranges(lint: LintRun, node: Mapping[str, Any], pointer: str, kind: Kind) -> None:
    """No lower bound above its upper bound."""
    for low, high in _COUNTS:
        a, b = node.get(low), node.get(high)
        if _is_count(a) and _is_count(b) and a > b:
            lint.emit(
                "HSC-S-MIN-GT-MAX",
                f"{pointer}/{low}",
                f"{low} {show(a)} is greater than {high} {show(b)}: nothing can match",
                keyword=low,
            )
    lows = [(k, _numeric(node.get(k), kind.name)) for k in ("minimum", "exclusiveMinimum")]
    highs = [(k, _numeric(node.get(k), kind.name)) for k in ("maximum", "exclusiveMaximum")]
    for low, a in lows:
        for high, b in highs:
            if a is None or b is None:
                continue
            exclusive = low.startswith("exclusive") or high.startswith("exclusive")
            if a > b or (exclusive and a == b):
                lint.emit(
                    "HSC-S-MIN-GT-MAX",
                    f"{pointer}/{low}",
                    f"{low} {show(node[low])} and {high} {show(node[high])} leave no value",
                    keyword=low,
                )


def _describe(types: frozenset[str]) -> str:
    """A short list of type names for messages."""
    if types == kw.NUMERIC_TYPES:
        return "numeric types"
    return ", ".join(sorted(types))


def _numeric(value: Any, type_name: str | None) -> Decimal | None:
    """A bound's value as a number, or ``None`` if it has the wrong form for the type."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        if type_name is not None and type_name not in _STRING_NUMERIC:
            return None
        pattern = INTEGER_TEXT if type_name in kw.STRING_INTEGER_TYPES else DECIMAL_TEXT
        return Decimal(value) if pattern.fullmatch(value) else None
    if type_name in _STRING_NUMERIC or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, ValueError):  # pragma: no cover - finite numbers convert
        return None


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_name_lists(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(names, list) and all(isinstance(n, str) for n in names)
        for names in value.values()
    )
