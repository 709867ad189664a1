"""JSON values as Python holds them: type names, equality, and short display, written once.

Where the two dialects name a value differently, the functions have different names:
:func:`json_type` speaks JSON's own vocabulary (``1`` is a ``number``), :func:`json_schema_type`
JSON Schema's (``1`` is an ``integer``).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

#: Deeper values are compared by identity: equality must not recurse without bound.
MAX_EQUALITY_DEPTH = 64


def json_type(value: Any) -> str:
    """JSON's type of a Python value (``null``, ``boolean``, ``number``, ``string``, ...)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "number"
    return _common_type(value)


def json_schema_type(value: Any) -> str:
    """JSON Schema's type name of a Python value: an ``int`` is an ``integer``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return "integer"
    if isinstance(value, float):
        return "number"
    return _common_type(value)


def _common_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


# One encoder per key order, built once: ``json.dumps`` with options builds one per call, a cost
# every finding's message paid.
_ENCODERS = {
    sort_keys: json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys, default=repr)
    for sort_keys in (False, True)
}
_SCALARS = {None: "null", True: "true", False: "false"}


def short(value: Any, limit: int = 80, *, sort_keys: bool = False, ellipsis: str = "…") -> str:
    """A value as JSON for a message, cut to ``limit`` characters (``ellipsis`` included)."""
    try:
        if value is None or value is True or value is False:
            text = _SCALARS[value]
        else:
            text = _ENCODERS[sort_keys].encode(value)
    except (RecursionError, TypeError, ValueError):
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - len(ellipsis)] + ellipsis


def exact_number(value: int | float) -> Decimal | None:
    """The number a JSON text wrote, exactly: a float by its shortest repr; None if not finite."""
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value)) if math.isfinite(value) else None


def canonical(value: Any, depth: int = 0) -> Any:
    """A hashable form of a JSON value: equal JSON values (``1`` and ``1.0``) are equal.

    ``true`` is not ``1``, and object members compare regardless of order.
    """
    if depth > MAX_EQUALITY_DEPTH:
        return ("deep", id(value))
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        number = exact_number(value)
        return ("number", number.normalize() if number is not None else value)
    if isinstance(value, list | tuple):
        return ("array", tuple(canonical(item, depth + 1) for item in value))
    if isinstance(value, dict):
        members = frozenset((key, canonical(item, depth + 1)) for key, item in value.items())
        return ("object", members)
    return ("other", repr(value))


def json_equal(left: Any, right: Any) -> bool:
    """Equality of JSON values, as ``enum``, ``const`` and uniqueness judge it."""
    return bool(canonical(left) == canonical(right))
