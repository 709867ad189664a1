"""The words of a change: what drift's comparison found, said as OLD -> NEW."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hsconform.drift import Difference
from hsconform.drift.shape import Shape


def describe(d: Difference, old_parent: Shape | None, new_parent: Shape | None) -> str:
    """A sentence about one difference; ``*_parent`` are the objects holding a property."""
    old, new = d.js, d.st
    name = str(d.path[-1].key) if d.path else ""
    if d.code == "HSC-D-PROPERTY":
        return f"property {name!r} was {'added' if new is not None else 'removed'}"
    if d.code == "HSC-D-REQUIRED":
        now = new_parent is not None and name in new_parent.required
        return f"property {name!r} {'became required' if now else 'is no longer required'}"
    if old is None or new is None:
        return d.message
    words = _WORDS.get(d.code)
    return words(old, new) if words is not None else d.message


def _show(values: Sequence[Any] | None) -> str:
    if values is None:
        return "any value"
    text = ", ".join(repr(v) for v in list(values)[:8])
    return f"[{text}{', ...' if len(values) > 8 else ''}]"


def _count(value: int | None) -> str:
    return "none" if value is None else str(value)


def _span(shape: Shape) -> str:
    low = "-inf" if shape.minimum is None else str(shape.minimum)
    high = "inf" if shape.maximum is None else str(shape.maximum)
    return f"[{low}, {high}]"


def _enum(old: Shape, new: Shape) -> str:
    if old.enum is None:
        return f"an enum now restricts the value to {_show(new.enum)}"
    if new.enum is None:
        return f"the enum {_show(old.enum)} no longer restricts the value"
    removed = [v for v in old.enum if v not in new.enum]
    added = [v for v in new.enum if v not in old.enum]
    parts = [
        f"removed {_show(removed)}" if removed else "",
        f"added {_show(added)}" if added else "",
    ]
    return "enum values " + "; ".join(p for p in parts if p)


def _additional(old: Shape, new: Shape) -> str:
    if old.additional is False:
        return "undeclared members are now allowed"
    return "undeclared members are now forbidden"


_WORDS: Mapping[str, Callable[[Shape, Shape], str]] = {
    "HSC-D-NULLABLE": lambda o, n: (
        "null is now accepted" if n.nullable else "null is no longer accepted"
    ),
    "HSC-D-TYPE": lambda o, n: f"type changed from {o.describe()} to {n.describe()}",
    "HSC-D-CONST": lambda o, n: f"const changed from {_show(o.const)} to {_show(n.const)}",
    "HSC-D-ENUM": _enum,
    "HSC-D-INT-WIRE": lambda o, n: (
        f"integer wire encoding changed from a JSON {o.wire} "
        f"({o.type_name or 'integer'}) to a JSON {n.wire} ({n.type_name or 'integer'})"
    ),
    "HSC-D-NUMBER-WIRE": lambda o, n: (
        f"number wire encoding changed from a JSON {o.wire} to a JSON {n.wire}"
    ),
    "HSC-D-INT-RANGE": lambda o, n: f"integer range changed from {_span(o)} to {_span(n)}",
    "HSC-D-RANGE": lambda o, n: f"range changed from {_span(o)} to {_span(n)}",
    "HSC-D-FORMAT": lambda o, n: (
        f"format changed from {o.format or 'none'} to {n.format or 'none'}"
    ),
    "HSC-D-MAX-LENGTH": lambda o, n: (
        f"maxLength changed from {_count(o.max_length)} to {_count(n.max_length)}"
    ),
    "HSC-D-ADDITIONAL": _additional,
    "HSC-D-ITEMS-COUNT": lambda o, n: (
        f"item count changed from [{_count(o.min_items)}, {_count(o.max_items)}] to "
        f"[{_count(n.min_items)}, {_count(n.max_items)}]"
    ),
}
