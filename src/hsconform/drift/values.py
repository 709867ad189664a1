"""Concrete JSON values from shapes: the smallest valid value, and what a shape accepts.

Drift builds its witnesses from these, and generated test data starts here.
``accepts`` is a shape-level judgement used to *choose* values; every witness
is then confirmed by the real validators.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from hsconform import formats
from hsconform.drift.shape import Shape
from hsconform.json_structure import primitives
from hsconform.json_structure.keywords import PUBLISHED
from hsconform.json_structure.nodes import canonical

#: A valid value of each string format the shape model knows.
FORMAT_SAMPLES: Mapping[str, str] = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00Z",
    "duration": "PT1H",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "uri": "https://example.com/",
    "uri-reference": "https://example.com/",
    "email": "user@example.com",
    "json-pointer": "/a",
    "base64": "AA==",
    "decimal": "1.5",
}
#: A string that no checked format accepts (spaces and "!" are valid in none of them).
NOT_A_FORMAT = "not valid!"

_STRING_CHECKS = {
    "date-time": primitives.check_datetime,
    "date": primitives.check_date,
    "time": primitives.check_time,
    "duration": primitives.check_duration,
    "uuid": primitives.check_uuid,
    "uri-reference": primitives.check_uri,
    "json-pointer": primitives.check_json_pointer,
    "base64": primitives.check_binary,
    "decimal": primitives.check_decimal,
}


def format_accepts(fmt: str | None, value: str) -> bool:
    """Whether a string is valid for a format as hsconform checks it."""
    if fmt is None:
        return True
    check = _STRING_CHECKS.get(fmt)
    if check is not None:
        return check(value) is None
    if fmt == "uri":
        return formats.is_uri(value)
    if fmt == "email":
        return formats.is_email(value)
    return True  # a format nothing checks is an annotation


def minimal(shape: Shape) -> Any:
    """The smallest value the shape accepts (best effort for unions and recursion)."""
    if shape.const:
        return shape.const[0]
    if shape.enum:
        return shape.enum[0]
    kind = shape.kind
    if kind == "string":
        sample = FORMAT_SAMPLES.get(shape.format or "", "x")
        return sample[: shape.max_length] if shape.max_length else sample
    if kind == "integer":
        return encode_integer(shape, _in_range(shape, Decimal(1)))
    if kind == "number":
        return "1.5" if shape.wire == "string" else 1
    if kind == "boolean":
        return False
    if kind in ("null", "invalid") or (kind == "recursive" and shape.nullable):
        return None
    if kind == "object":
        return {
            name: minimal(shape.properties[name])
            for name in sorted(shape.required)
            if name in shape.properties
        }
    if kind in ("map", "recursive"):
        return {}
    if kind in ("array", "set"):
        return [] if not shape.min_items or shape.items is None else [minimal(shape.items)]
    if kind == "tuple":
        return [minimal(member) for member in shape.members]
    if kind == "union":
        return minimal(shape.members[0]) if shape.members else None
    if kind == "choice":
        name = next(iter(shape.properties), None)
        return {name: minimal(shape.properties[name])} if name else {}
    return "x"


def _in_range(shape: Shape, preferred: Decimal) -> int:
    value = preferred
    if shape.minimum is not None and value < shape.minimum:
        value = shape.minimum
    if shape.maximum is not None and value > shape.maximum:
        value = shape.maximum
    return int(value)


def encode_integer(shape: Shape, value: int) -> Any:
    """An integer in the shape's wire form: a JSON number, or a string for int64 and wider."""
    return str(value) if shape.wire == "string" else value


def accepts(shape: Shape, value: Any, profile: str) -> bool:
    """Whether the shape accepts the value (a judgement for choosing values, not a verdict)."""
    if value is None and shape.nullable:
        return True
    if shape.const and value != shape.const[0]:
        return False
    if shape.enum is not None and value not in shape.enum:
        return False
    check: Callable[[Shape, Any, str], bool] | None = _ACCEPTS.get(shape.kind)
    return check(shape, value, profile) if check is not None else True


def _integer(shape: Shape, value: Any, profile: str) -> bool:
    number: int | None = None
    if shape.wire == "string":
        if isinstance(value, str) and primitives.check_string_integer("int128", value) is None:
            number = int(value)
        elif profile == PUBLISHED and type(value) is int:
            number = value
    elif type(value) is int:
        number = value
    if number is None:
        return False
    return (shape.minimum is None or number >= shape.minimum) and (
        shape.maximum is None or number <= shape.maximum
    )


def _number(shape: Shape, value: Any, profile: str) -> bool:
    if shape.wire == "string":
        return isinstance(value, str) and primitives.check_decimal(value) is None
    return primitives.is_number(value)


def _string(shape: Shape, value: Any, profile: str) -> bool:
    if not isinstance(value, str):
        return False
    if shape.max_length is not None and len(value) > shape.max_length:
        return False
    return format_accepts(shape.format, value)


def _object(shape: Shape, value: Any, profile: str) -> bool:
    if not isinstance(value, dict) or not shape.required <= value.keys():
        return False
    for name, item in value.items():
        member = shape.properties.get(name)
        if member is not None:
            if not accepts(member, item, profile):
                return False
        elif shape.additional is False or (
            isinstance(shape.additional, Shape) and not accepts(shape.additional, item, profile)
        ):
            return False
    return True


def _collection(shape: Shape, value: Any, profile: str) -> bool:
    if not isinstance(value, list):
        return False
    if shape.items is not None and not all(accepts(shape.items, v, profile) for v in value):
        return False
    if shape.kind == "set":
        keys = [canonical(v) for v in value]
        return len(keys) == len(set(keys))
    return True


_ACCEPTS: Mapping[str, Callable[[Shape, Any, str], bool]] = {
    "integer": _integer,
    "number": _number,
    "string": _string,
    "boolean": lambda s, v, p: isinstance(v, bool),
    "null": lambda s, v, p: v is None,
    "object": _object,
    "map": lambda s, v, p: (
        isinstance(v, dict) and (s.items is None or all(accepts(s.items, x, p) for x in v.values()))
    ),
    "array": _collection,
    "set": _collection,
    "tuple": lambda s, v, p: (
        isinstance(v, list)
        and len(v) == len(s.members)
        and all(accepts(m, x, p) for m, x in zip(s.members, v, strict=True))
    ),
    "union": lambda s, v, p: any(accepts(m, v, p) for m in s.members),
    "choice": lambda s, v, p: isinstance(v, dict),
}


def joint(first: Shape | None, second: Shape | None, profile: str) -> Any:
    """A small value both shapes accept, when there is one (else the first's)."""
    if first is None or second is None:
        present = first or second
        return minimal(present) if present is not None else None
    for candidate in (minimal(first), minimal(second)):
        if accepts(first, candidate, profile) and accepts(second, candidate, profile):
            return candidate
    if first.kind == second.kind == "object":
        names = sorted(first.required | second.required)
        value = {}
        for name in names:
            value[name] = joint(first.properties.get(name), second.properties.get(name), profile)
        return value
    return minimal(first)
