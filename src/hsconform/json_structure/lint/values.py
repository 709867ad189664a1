"""Values in a schema: enum, const, and the singular ``example`` annotation.

An enum or a const only makes sense on a primitive type, and its values must be
values of that type; enum values are distinct under JSON equality (1 == 1.0).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from hsconform.json_structure import keywords as kw
from hsconform.json_structure.lint.context import WARNING, Kind, LintRun, kind_of, show
from hsconform.jsonvalue import canonical

#: The text of a string-encoded integer, and of a decimal.
INTEGER_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)")
DECIMAL_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def example_keyword(lint: LintRun, node: Mapping[str, Any], pointer: str) -> None:
    """The singular ``example``: a custom annotation HubSpot writes, not a keyword."""
    if "example" in node:
        lint.emit(
            "HSC-PUB-EXAMPLE-KEYWORD",
            f"{pointer}/example",
            "the singular 'example' is no keyword of the drafts (a custom annotation); "
            "the drafts' keyword is 'examples', an array",
            keyword="example",
            severity=WARNING,
        )


def enum(lint: LintRun, node: Mapping[str, Any], pointer: str, kind: Kind) -> None:
    """enum: a non-empty array of distinct values of the schema's primitive type."""
    if "enum" not in node:
        return
    values = node["enum"]
    at = f"{pointer}/enum"
    if not isinstance(values, list):
        lint.emit(
            "HSC-S-ENUM-NOT-ARRAY",
            at,
            f"enum must be an array, not {kind_of(values)}",
            keyword="enum",
        )
        return
    if not values:
        lint.emit("HSC-S-ENUM-EMPTY", at, "enum must list at least one value", keyword="enum")
        return
    if kind.union:
        lint.emit("HSC-S-ENUM-UNION", at, "enum must not be used with a type union", keyword="enum")
    elif kind.name in kw.COMPOUND_TYPES:
        lint.emit(
            "HSC-S-ENUM-TYPE",
            at,
            f"enum needs a primitive type, not {kind.name}",
            keyword="enum",
        )
    seen: set[Any] = set()
    for index, value in enumerate(values):
        key = canonical(value)
        if key in seen:
            lint.emit(
                "HSC-S-ENUM-DUPLICATE",
                f"{at}/{index}",
                f"enum lists {show(value)} more than once",
                keyword="enum",
            )
        seen.add(key)
        if kind.name in kw.PRIMITIVE_TYPES and not _fits(kind.name, value):
            lint.emit(
                "HSC-S-ENUM-TYPE",
                f"{at}/{index}",
                f"enum value {show(value)} is not a {kind.name}",
                keyword="enum",
            )


def const(lint: LintRun, node: Mapping[str, Any], pointer: str, kind: Kind) -> None:
    """const: a value of the schema's primitive type."""
    if "const" not in node:
        return
    value = node["const"]
    at = f"{pointer}/const"
    if kind.name in kw.COMPOUND_TYPES:
        lint.emit(
            "HSC-S-CONST-TYPE",
            at,
            f"const needs a primitive type, not {kind.name}",
            keyword="const",
        )
    elif kind.name in kw.PRIMITIVE_TYPES and not _fits(kind.name, value):
        lint.emit(
            "HSC-S-CONST-TYPE",
            at,
            f"const {show(value)} is not a {kind.name}",
            keyword="const",
        )


def _fits(type_name: str, value: Any) -> bool:
    """Whether a JSON value is a value of a primitive type (for enum and const)."""
    if type_name == "null":
        return value is None
    if type_name == "boolean":
        return isinstance(value, bool)
    if type_name in kw.NUMBER_TYPES:
        return _fits_number(type_name, value)
    if not isinstance(value, str):
        return False
    if type_name in kw.STRING_INTEGER_TYPES:
        low, high = kw.INTEGER_RANGES[type_name]
        # a length check first: int() refuses texts of thousands of digits
        text_ok = len(value) <= 41 and bool(INTEGER_TEXT.fullmatch(value))
        return text_ok and low <= int(value) <= high
    if type_name == "decimal":
        return bool(DECIMAL_TEXT.fullmatch(value))
    return True


def _fits_number(type_name: str, value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    limits = kw.INTEGER_RANGES.get(type_name)
    if limits is not None:
        return isinstance(value, int) and limits[0] <= value <= limits[1]
    if isinstance(value, float) and not math.isfinite(value):
        return False
    limit = kw.FLOAT_LIMITS.get(type_name)
    return limit is None or abs(value) <= limit
