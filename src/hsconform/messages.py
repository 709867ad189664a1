"""The words of a validation message, written once for both dialects.

A finding's message reads the same whichever dialect made it: values and names are shown as
JSON (``"id"``, ``null``, ``[1]``), cut to one length; the actual value is always shown, with
its JSON type (JSON's own words: ``1`` and ``1.5`` are both a ``number``); a type mismatch is
``expected X, got <value> (<type>)``; a bound is ``<value> is less than the minimum N``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from hsconform.jsonvalue import json_type, short

#: Characters a value takes in a message before it is cut (the ellipsis included).
VALUE_LIMIT = 80
#: Characters of each allowed value listed by an ``enum`` message.
LISTED_LIMIT = 40
#: Allowed values listed by an ``enum`` message before the rest is elided.
LISTED_COUNT = 12


def shown(value: Any, limit: int = VALUE_LIMIT) -> str:
    """A value (or a name) as JSON in a message (``"id"``, ``null``, ``[1]``), cut to ``limit``."""
    return short(value, limit)


def got(value: Any) -> str:
    """The actual value and its JSON type: ``12 (number)``; ``null`` alone, its own type's name."""
    text = shown(value)
    kind = json_type(value)
    return text if text == kind else f"{text} ({kind})"


def expected(what: str, value: Any) -> str:
    """A value of the wrong type: ``expected string, got 12 (number)``."""
    return f"expected {what}, got {got(value)}"


def either(names: Iterable[str]) -> str:
    """Alternatives a value could have been: ``string or null``."""
    return " or ".join(names)


def missing_property(name: Any) -> str:
    """A required member that is absent."""
    return f"missing required property {shown(name)}"


def not_allowed(names: Sequence[Any]) -> str:
    """Members no declaration allows: ``property not allowed here: "x"``."""
    noun = "property" if len(names) == 1 else "properties"
    return f"{noun} not allowed here: " + ", ".join(shown(name, LISTED_LIMIT) for name in names)


def not_one_of(value: Any, allowed: Sequence[Any]) -> str:
    """A value outside an ``enum``; the first allowed values are listed."""
    listed = ", ".join(shown(item, LISTED_LIMIT) for item in allowed[:LISTED_COUNT])
    more = ", …" if len(allowed) > LISTED_COUNT else ""
    return f"{shown(value)} is not one of {listed}{more}"


def not_constant(value: Any, constant: Any) -> str:
    """A value other than the ``const``."""
    return f"{shown(value)} is not the constant {shown(constant)}"


def invalid(value: Any, what: str, why: str | None = None) -> str:
    """A string not in its format or encoding: ``"x" is not a valid date-time``, then why."""
    return f"{shown(value)} is not a valid {what}" + (f": {why}" if why else "")


def out_of_range(value: Any, type_name: str, low: Any, high: Any) -> str:
    """A number outside the range of its type (``int32``, ``uint64``, ``float``, ...)."""
    return f"{shown(value)} is outside the {type_name} range [{low}, {high}]"


def no_match(value: Any, pattern: str) -> str:
    """A string that a ``pattern`` does not match."""
    return f"{shown(value)} does not match the pattern {shown(pattern)}"


def unusable_pattern(pattern: str, reason: str) -> str:
    """A ``pattern`` that cannot be run, so nothing was checked against it."""
    return f"the pattern {shown(pattern)} cannot run: {reason}"


_LIMITS = {
    "minLength": "is shorter than {} characters",
    "maxLength": "is longer than {} characters",
    "minItems": "has fewer than {} items",
    "maxItems": "has more than {} items",
    "minEntries": "has fewer than {} entries",
    "maxEntries": "has more than {} entries",
    "minProperties": "has fewer than {} properties",
    "maxProperties": "has more than {} properties",
    "minimum": "is less than the minimum {}",
    "maximum": "is more than the maximum {}",
    "exclusiveMinimum": "is not more than the exclusive minimum {}",
    "exclusiveMaximum": "is not less than the exclusive maximum {}",
    "multipleOf": "is not a multiple of {}",
}


#: The keywords :func:`beyond` words.
BOUNDS = frozenset(_LIMITS)


def beyond(keyword: str, value: Any, limit: Any) -> str:
    """A value past a bound or count of one of :data:`BOUNDS` (``minLength``, ``maximum``, ...)."""
    text = _LIMITS[keyword]
    bound = str(limit) if isinstance(limit, Decimal) else shown(limit, 60)
    return f"{shown(value)} {text.format(bound)}"
