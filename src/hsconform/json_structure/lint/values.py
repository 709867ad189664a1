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
from hsconform.json_structure.lint.context import WARNING, Kind, LintRun, keyword_value, show
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
    message = "enum must be an array, not {kind}"
    values = keyword_value(lint, node, pointer, "enum", list, "HSC-S-ENUM-NOT-ARRAY", message)
    if values is None:
        return
    at = f"{pointer}/enum"
    if not values:
        lint.emit("HSC-S-ENUM-EMPTY", at, "enum must list at least one value", keyword="enum")
        return
    if kind.union:
        lint.emit("HSC-S-ENUM-UNION", at, "enum must not be used with a type union", keyword="enum")
    else:
        _on_compound(lint, kind, "enum", "HSC-S-ENUM-TYPE", at)
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
        _of_kind(lint, kind, "enum", "HSC-S-ENUM-TYPE", f"{at}/{index}", value, "enum value")


def const(lint: LintRun, node: Mapping[str, Any], pointer: str, kind: Kind) -> None:
    """const: a value of the schema's primitive type."""
    if "const" not in node:
        return
    at = f"{pointer}/const"
    if not _on_compound(lint, kind, "const", "HSC-S-CONST-TYPE", at):
        _of_kind(lint, kind, "const", "HSC-S-CONST-TYPE", at, node["const"], "const")


def _on_compound(lint: LintRun, kind: Kind, key: str, code: str, at: str) -> bool:
    """Whether ``key`` (enum, const) stands on a compound type, which it cannot constrain."""
    if kind.name not in kw.COMPOUND_TYPES:
        return False
    lint.emit(code, at, f"{key} needs a primitive type, not {kind.name}", keyword=key)
    return True


def _of_kind(
    lint: LintRun, kind: Kind, key: str, code: str, at: str, value: Any, what: str
) -> None:
    """A value that ``key`` gives must be a value of the schema's primitive type."""
    if kind.name in kw.PRIMITIVE_TYPES and not _fits(kind.name, value):
        lint.emit(code, at, f"{what} {show(value)} is not a {kind.name}", keyword=key)


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
