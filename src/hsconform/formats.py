"""String formats, decided once for both dialects and both JSON Schema engines.

JSON Schema's ``format`` (on python-jsonschema, the reference engine) and JSON Structure's
``format`` and string-encoded types use these checks, so one string gets one verdict
everywhere. They are strict, with jsonschema-rs's verdicts on the official suite's format
cases: ASCII digits only, nothing around the value, leap seconds only at 23:59:60 UTC.
Imports nothing of hsconform.
"""

from __future__ import annotations

import calendar
import ipaddress
import json
import re
from collections.abc import Callable, Mapping

from rfc3986_validator import validate_rfc3986  # type: ignore[import-untyped]

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?")
_OFFSET = re.compile(r"[Zz]|([+-])([0-9]{2}):([0-9]{2})")
_UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


def date_fields(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of an RFC 3339 full-date's grammar (not yet on the calendar)."""
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(group) for group in match.groups())
    return year, month, day


def calendar_problem(year: int, month: int, day: int) -> str | None:
    """Why a date does not exist on the calendar, or ``None``."""
    if not 1 <= month <= 12:
        return f"month {month:02d} does not exist"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"day {day:02d} does not exist in {year:04d}-{month:02d}"
    return None


def time_problem(text: str, *, offset_required: bool) -> str | None:
    """Why ``text`` is not an RFC 3339 time (with an offset when required), or ``None``."""
    match = _TIME.match(text)
    if match is None:
        return "not an RFC 3339 time (HH:MM:SS[.fraction])"
    hour, minute, second = (int(group) for group in match.groups())
    rest = text[match.end() :]
    if hour > 23 or minute > 59 or second > 60:
        return f"{hour:02d}:{minute:02d}:{second:02d} is not a time of day"
    offset_minutes = 0
    if rest:
        offset = _OFFSET.fullmatch(rest)
        if offset is None:
            return f"{json.dumps(rest, ensure_ascii=False)} is not a time offset (Z or +HH:MM)"
        if offset.group(1):
            off_hour, off_minute = int(offset.group(2)), int(offset.group(3))
            if off_hour > 23 or off_minute > 59:
                return f"offset {rest} does not exist"
            sign = 1 if offset.group(1) == "+" else -1
            offset_minutes = sign * (off_hour * 60 + off_minute)
    elif offset_required:
        return "a time offset (Z or +HH:MM) is required"
    if second == 60:
        utc = (hour * 60 + minute - offset_minutes) % (24 * 60)
        if utc != 23 * 60 + 59:
            return "a leap second (60) can only be 23:59:60 UTC"
    return None


def is_date(text: str) -> bool:
    """``date``: an RFC 3339 full-date that exists."""
    fields = date_fields(text)
    return fields is not None and calendar_problem(*fields) is None


def is_time(text: str) -> bool:
    """``time``: an RFC 3339 full-time, offset required (JSON Schema's reading)."""
    return time_problem(text, offset_required=True) is None


def is_date_time(text: str) -> bool:
    """``date-time``: RFC 3339 (``T``/``t``, offset required), a day that exists."""
    fields = date_fields(text[:10])
    if fields is None or text[10:11] not in ("T", "t") or calendar_problem(*fields):
        return False
    return time_problem(text[11:], offset_required=True) is None


def is_uuid(text: str) -> bool:
    """``uuid``: the RFC 9562 string form, 8-4-4-4-12 hex digits, any case, nothing around it."""
    return _UUID.fullmatch(text) is not None


_HOST = re.compile(r"//(?:[^/?#@]*@)?(\[[^\]]*\])")


def _ip_literal_is_exact(text: str) -> bool:
    """An IPv6 literal is exact (RFC 3986 refuses ``01`` in an embedded IPv4 octet)."""
    match = _HOST.search(text)
    if match is None:
        return True
    literal = match.group(1)[1:-1]
    if literal[:1] in ("v", "V"):
        return True  # IPvFuture: the grammar alone decides
    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return True


def is_uri(text: str) -> bool:
    """``uri``: an absolute RFC 3986 URI (a scheme, ASCII only)."""
    return bool(validate_rfc3986(text, rule="URI")) and _ip_literal_is_exact(text)


def is_uri_reference(text: str) -> bool:
    """``uri-reference``: an RFC 3986 URI or relative reference."""
    return bool(validate_rfc3986(text, rule="URI_reference")) and _ip_literal_is_exact(text)


_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf'{_ATOM}(?:\.{_ATOM})*|"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"')
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def _is_domain(text: str) -> bool:
    labels = text.split(".")
    return len(text) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def _is_address_literal(text: str) -> bool:
    inner = text[1:-1]
    try:
        if inner[:5].lower() == "ipv6:":
            ipaddress.IPv6Address(inner[5:])
        else:
            ipaddress.IPv4Address(inner)
    except ValueError:
        return False
    return True


def is_email(text: str) -> bool:
    """``email``: an RFC 5321 mailbox (dot-atom or quoted local part; domain or address literal)."""
    local, at, domain = text.rpartition("@")
    if not at or not _LOCAL.fullmatch(local) or len(local) > 64:
        return False
    if domain.startswith("[") and domain.endswith("]"):
        return _is_address_literal(domain)
    return _is_domain(domain)


#: The strict check of each string format hsconform shares between dialects and engines.
STRING_FORMATS: Mapping[str, Callable[[str], bool]] = {
    "date-time": is_date_time,
    "date": is_date,
    "time": is_time,
    "email": is_email,
    "uuid": is_uuid,
    "uri": is_uri,
    "uri-reference": is_uri_reference,
}
