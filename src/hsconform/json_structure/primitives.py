"""Checks of JSON Structure primitive values, each exactly as the core draft defines it.

Every check takes a JSON value and returns ``None`` when it conforms, or a
:class:`Problem` saying what is wrong. Booleans are never numbers; string
encodings (int64, decimal, dates, ...) follow their RFC grammar and range, and
dates must exist on the calendar.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from hsconform import formats, messages
from hsconform.json_structure.keywords import FLOAT_LIMITS, INTEGER_RANGES, STRING_INTEGER_TYPES

#: Finding codes of primitive checks.
TYPE = "HSC-V-TYPE"
FORMAT = "HSC-V-FORMAT"
INT_RANGE = "HSC-V-INT-RANGE"
FLOAT_RANGE = "HSC-V-FLOAT-RANGE"
PRECISION = "HSC-V-PRECISION"
SCALE = "HSC-V-SCALE"


@dataclass(frozen=True)
class Problem:
    """Why a value does not conform, as a finding code and a message."""

    code: str
    message: str


def is_number(value: Any) -> bool:
    """A JSON number: an int or float that is not a boolean."""
    return isinstance(value, int | float) and not isinstance(value, bool)


#: A check of one value: ``None`` when it conforms.
Check = Callable[[Any], Problem | None]


def _expected(type_name: str, wire: str, value: Any) -> Problem:
    """The type problem of a value that is not the JSON type ``wire`` that ``type_name`` is."""
    what = type_name if type_name == wire else f"{type_name} (a JSON {wire})"
    return Problem(TYPE, messages.expected(what, value))


def _not_string(type_name: str, value: Any) -> Problem:
    """The type problem of a string-encoded type given a value that is no string."""
    return _expected(type_name, "string", value)


def _string_form(type_name: str, matches: Callable[[str], object], form: str) -> Check:
    """The check of a string-encoded type that one grammar (``matches``) decides."""

    def check(value: Any) -> Problem | None:
        if not isinstance(value, str):
            return _not_string(type_name, value)
        if not matches(value):
            return Problem(FORMAT, messages.invalid(value, f"{type_name} ({form})"))
        return None

    return check


def _with_fast_path(plain: re.Pattern[str], full: Check) -> Check:
    """``full``, skipped for a string that ``plain`` matches whole (see the fast paths)."""

    def check(value: Any) -> Problem | None:
        if isinstance(value, str) and plain.fullmatch(value):
            return None
        return full(value)

    return check


# --- numbers -------------------------------------------------------------------------------


def check_json_integer(type_name: str, value: Any) -> Problem | None:
    """int8..uint32 and integer: a JSON number without a decimal point, within range."""
    if not isinstance(value, int) or isinstance(value, bool):
        if isinstance(value, float) and not isinstance(value, bool):
            what = f"{type_name} (a JSON number without a decimal point)"
            return Problem(TYPE, messages.expected(what, value))
        return _expected(type_name, "number", value)
    low, high = INTEGER_RANGES[type_name]
    if not low <= value <= high:
        return Problem(INT_RANGE, messages.out_of_range(value, type_name, low, high))
    return None


def check_float(type_name: str, value: Any) -> Problem | None:
    """float8/float/double: a finite JSON number within the type's magnitude."""
    if not is_number(value):
        return _expected(type_name, "number", value)
    limit = FLOAT_LIMITS[type_name]
    if isinstance(value, float) and not math.isfinite(value):
        return Problem(FLOAT_RANGE, f"{value} is not a finite {type_name}")
    if abs(value) > limit:
        return Problem(
            FLOAT_RANGE, messages.out_of_range(value, type_name, f"-{limit:g}", f"{limit:g}")
        )
    return None


def check_number(value: Any) -> Problem | None:
    """number: any JSON number."""
    return None if is_number(value) else _expected("number", "number", value)


_SIGNED_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_UNSIGNED_INT = re.compile(r"0|[1-9][0-9]*")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def check_string_integer(type_name: str, value: Any) -> Problem | None:
    """int64/uint64/int128/uint128: a string in RFC 8259 integer syntax, within range."""
    if not isinstance(value, str):
        what = f"{type_name} (a JSON string in RFC 8259 integer syntax)"
        return Problem(TYPE, messages.expected(what, value))
    grammar = _UNSIGNED_INT if type_name.startswith("u") else _SIGNED_INT
    if not grammar.fullmatch(value):
        return Problem(FORMAT, messages.invalid(value, f"{type_name} (RFC 8259 integer syntax)"))
    number = int(value)
    low, high = INTEGER_RANGES[type_name]
    if not low <= number <= high:
        return Problem(INT_RANGE, messages.out_of_range(value, type_name, low, high))
    return None


def check_decimal(value: Any, precision: Any = None, scale: Any = None) -> Problem | None:
    """decimal: a string ``[minus] int [frac]`` (no exponent), within declared precision/scale."""
    if not isinstance(value, str):
        return _not_string("decimal", value)
    if not _DECIMAL.fullmatch(value):
        return Problem(FORMAT, messages.invalid(value, "decimal ([minus] int [frac], no exponent)"))
    digits = value.lstrip("-")
    whole, _, fraction = digits.partition(".")
    if isinstance(scale, int) and not isinstance(scale, bool) and len(fraction) > scale:
        shown = messages.shown(value)
        return Problem(SCALE, f"{shown} has {len(fraction)} fractional digits; scale is {scale}")
    significant = (whole + fraction).lstrip("0") or "0"
    if (
        isinstance(precision, int)
        and not isinstance(precision, bool)
        and len(significant) > precision
    ):
        return Problem(
            PRECISION,
            f"{messages.shown(value)} has {len(significant)} significant digits; "
            f"precision is {precision}",
        )
    return None


def decimal_value(value: Any) -> Decimal | None:
    """The exact value of a JSON number or of a numeric string (for bounds and multipleOf)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the grammar rules it out
            return None
    return None


# --- dates and times -----------------------------------------------------------------------

# Fast paths: values that are plainly valid (day 01-28, second 00-59) need one regex match;
# anything else goes through the full analysis, which also explains what is wrong. ASCII
# digits only, as in the full grammar (``\d`` alone would take any script's digits).
_PLAIN_DATE = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])"
_PLAIN_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?"
_PLAIN_OFFSET = r"(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)"
_PLAIN_DATETIME = re.compile(f"{_PLAIN_DATE}[Tt]{_PLAIN_TIME}{_PLAIN_OFFSET}", re.ASCII)
_PLAIN_DATE_ONLY = re.compile(_PLAIN_DATE, re.ASCII)
_PLAIN_TIME_ONLY = re.compile(f"{_PLAIN_TIME}{_PLAIN_OFFSET}", re.ASCII)


def full_date(value: Any) -> Problem | None:
    """Date by the complete grammar and calendar (the reference of the fast path)."""
    if not isinstance(value, str):
        return _not_string("date", value)
    fields = formats.date_fields(value)
    if fields is None:
        return Problem(FORMAT, messages.invalid(value, "date (RFC 3339 full-date, YYYY-MM-DD)"))
    reason = formats.calendar_problem(*fields)
    return Problem(FORMAT, messages.invalid(value, "date", reason)) if reason else None


#: date: RFC 3339 full-date, a day that exists.
check_date = _with_fast_path(_PLAIN_DATE_ONLY, full_date)


def full_time(value: Any) -> Problem | None:
    """Time by the complete grammar, leap seconds included (the reference of the fast path)."""
    if not isinstance(value, str):
        return _not_string("time", value)
    reason = formats.time_problem(value, offset_required=True)
    return Problem(FORMAT, messages.invalid(value, "time", reason)) if reason else None


#: time: RFC 3339 full-time, the offset required (the core draft names that production).
check_time = _with_fast_path(_PLAIN_TIME_ONLY, full_time)


def is_time_without_offset(value: Any) -> bool:
    """A time that lacks only its offset (RFC 3339 partial-time), as the official samples write."""
    return (
        isinstance(value, str)
        and formats.time_problem(value, offset_required=False) is None
        and formats.time_problem(value, offset_required=True) is not None
    )


def full_datetime(value: Any) -> Problem | None:
    """Datetime by the complete grammar and calendar (the reference of the fast path)."""
    if not isinstance(value, str):
        return _not_string("datetime", value)
    date_part, separator, time_part = value[:10], value[10:11], value[11:]
    fields = formats.date_fields(date_part)
    if fields is None or separator not in ("T", "t"):
        what = "datetime (RFC 3339 date-time, YYYY-MM-DDTHH:MM:SSZ)"
        return Problem(FORMAT, messages.invalid(value, what))
    reason = formats.calendar_problem(*fields) or formats.time_problem(
        time_part, offset_required=True
    )
    return Problem(FORMAT, messages.invalid(value, "datetime", reason)) if reason else None


#: datetime: RFC 3339 date-time (``T`` or ``t``, offset required), on the calendar.
check_datetime = _with_fast_path(_PLAIN_DATETIME, full_datetime)

_SECONDS = r"\d+(?:\.\d+)?S"
_DUR_TIME = rf"T(?:\d+H(?:\d+M(?:{_SECONDS})?)?|\d+M(?:{_SECONDS})?|{_SECONDS})"
_DUR_DATE = r"(?:\d+D|\d+M(?:\d+D)?|\d+Y(?:\d+M(?:\d+D)?)?)"
_DURATION = re.compile(rf"P(?:{_DUR_DATE}(?:{_DUR_TIME})?|{_DUR_TIME}|\d+W)", re.ASCII)


#: duration: RFC 3339 Appendix A duration; seconds may carry a fraction (ISO 8601).
check_duration = _string_form(
    "duration", _DURATION.fullmatch, "RFC 3339 duration, e.g. P1Y2M3DT4H5M6S"
)


# --- identifiers and encodings -------------------------------------------------------------

_JSON_POINTER = re.compile(r"(?:/(?:[^~/]|~[01])*)*")


#: uuid: the RFC 9562 string form (8-4-4-4-12 hex digits, any case, nothing around it).
check_uuid = _string_form("uuid", formats.is_uuid, "RFC 9562, 8-4-4-4-12 hex digits")


# A plain http(s) URL without percent-escapes: a strict subset of RFC 3986, one cheap match.
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]*)?(?:/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?"
    r"(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?"
)


#: uri, checked by the complete RFC 3986 grammar (the fast path's reference).
full_uri = _string_form("uri", formats.is_uri_reference, "RFC 3986 URI reference")
#: uri: an RFC 3986 URI-reference, relative or absolute.
check_uri = _with_fast_path(_PLAIN_URL, full_uri)

#: jsonpointer: the RFC 6901 string form (``""`` or ``/``-prefixed tokens, ``~0``/``~1``).
check_json_pointer = _string_form("jsonpointer", _JSON_POINTER.fullmatch, "RFC 6901 JSON Pointer")


_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_BASE64URL = re.compile(r"(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?")
_BASE16 = re.compile(r"(?:[0-9A-Fa-f]{2})*")


def _decodes(decoder: Callable[[str], bytes], value: str) -> bool:
    try:
        decoder(value)
    except (binascii.Error, ValueError):
        return False
    return True


_ENCODINGS: Mapping[str, Callable[[str], bool]] = {
    "base64": lambda v: bool(_BASE64.fullmatch(v)),
    "base64url": lambda v: bool(_BASE64URL.fullmatch(v)),
    "base16": lambda v: bool(_BASE16.fullmatch(v)),
    "base32": lambda v: _decodes(base64.b32decode, v),
    "base32hex": lambda v: _decodes(base64.b32hexdecode, v),
}


def check_binary(value: Any, encoding: Any = None) -> Problem | None:
    """binary: a string in its ``contentEncoding`` (RFC 4648; base64 when none is given)."""
    if not isinstance(value, str):
        return _not_string("binary", value)
    name = encoding if isinstance(encoding, str) and encoding in _ENCODINGS else "base64"
    if not _ENCODINGS[name](value):
        return Problem(FORMAT, messages.invalid(value, f"{name} string (RFC 4648)"))
    return None


_HOSTNAME_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_RELATIVE_POINTER = re.compile(r"(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~[01])*)*)")


def is_hostname(value: str) -> bool:
    """RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens."""
    name = value[:-1] if value.endswith(".") else value
    return 0 < len(name) <= 253 and all(_HOSTNAME_LABEL.fullmatch(p) for p in name.split("."))


def is_relative_json_pointer(value: str) -> bool:
    """A relative JSON Pointer: a non-negative integer, then ``#`` or a JSON Pointer."""
    return bool(_RELATIVE_POINTER.fullmatch(value))


# --- dispatch ------------------------------------------------------------------------------


def checker_for(type_name: str, schema: Mapping[str, Any]) -> Check:
    """The check of a primitive type, bound once to the schema's precision/scale/encoding."""
    if type_name in INTEGER_RANGES and type_name not in STRING_INTEGER_TYPES:
        return lambda value: check_json_integer(type_name, value)
    if type_name in STRING_INTEGER_TYPES:
        return lambda value: check_string_integer(type_name, value)
    if type_name in FLOAT_LIMITS:
        return lambda value: check_float(type_name, value)
    if type_name == "decimal":
        precision, scale = schema.get("precision"), schema.get("scale")
        return lambda value: check_decimal(value, precision, scale)
    if type_name == "binary":
        encoding = schema.get("contentEncoding", schema.get("encoding"))
        return lambda value: check_binary(value, encoding)
    return _SIMPLE[type_name]


def _check_string(value: Any) -> Problem | None:
    return None if isinstance(value, str) else _expected("string", "string", value)


def _check_boolean(value: Any) -> Problem | None:
    return None if isinstance(value, bool) else _expected("boolean", "boolean", value)


def _check_null(value: Any) -> Problem | None:
    return None if value is None else _expected("null", "null", value)


_SIMPLE: Mapping[str, Check] = {
    "string": _check_string,
    "boolean": _check_boolean,
    "null": _check_null,
    "number": check_number,
    "date": check_date,
    "datetime": check_datetime,
    "time": check_time,
    "duration": check_duration,
    "uuid": check_uuid,
    "uri": check_uri,
    "jsonpointer": check_json_pointer,
}
