"""Rules of HubSpot batch responses that no schema expresses.

A batch response envelope is an object type with ``status`` and ``results``
among its top-level properties. The rules read the payload only where the
fields are present and well-typed; a missing or mistyped field is the
schema's to report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from hsconform.findings import Finding, Severity
from hsconform.jsontext import escape_pointer_token

#: The batch statuses HubSpot documents (its prose spells one "CANCELLED"; the enum says CANCELED).
STATUSES = ("PENDING", "PROCESSING", "CANCELED", "COMPLETE")

#: Timestamps of a batch, in the order they must not go backwards.
TIMESTAMPS = ("requestedAt", "startedAt", "completedAt")


def is_batch_envelope(properties: Collection[str]) -> bool:
    """Whether a type with these top-level properties is a batch response envelope."""
    return "status" in properties and "results" in properties


def check(
    payload: Any, *, variant: str | None, already_reported: Collection[str] = ()
) -> Iterator[Finding]:
    """Every batch-rule violation of an envelope.

    ``already_reported`` holds instance pointers the schema has judged: the
    status rule stays quiet where the schema already reported ``/status``.
    """
    if not isinstance(payload, Mapping):
        return
    yield from _status(payload, variant, already_reported)
    yield from _time_order(payload, variant)
    yield from _num_errors(payload, variant)
    yield from _unique_ids(payload, variant)


def _finding(code: str, message: str, instance: str, variant: str | None) -> Finding:
    return Finding(
        code=code,
        severity=Severity.ERROR,
        message=message,
        instance=instance,
        keyword=None,
        variant=variant,
    )


def _status(
    payload: Mapping[str, Any], variant: str | None, already_reported: Collection[str]
) -> Iterator[Finding]:
    status = payload.get("status")
    if isinstance(status, str) and status not in STATUSES and "/status" not in already_reported:
        yield _finding(
            "HSC-B-STATUS",
            f"batch status {status!r} is not one of " + ", ".join(STATUSES),
            "/status",
            variant,
        )


_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))"
)


def parse_timestamp(value: Any) -> dt.datetime | None:
    """An RFC 3339 date-time as an aware datetime; ``None`` if the value is not one.

    Parsed by hand because ``datetime.fromisoformat`` on Python 3.10 refuses
    fractions that are not 3 or 6 digits long. Digits beyond microseconds are
    dropped; a leap second counts as the last microsecond of its minute.
    """
    if not isinstance(value, str):
        return None
    match = _RFC3339.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, zulu, sign, offset_hours, offset_minutes = match.groups()[6:]
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    if second == 60:
        second, micro = 59, 999_999
    if zulu:
        zone = dt.timezone.utc
    else:
        delta = dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes))
        zone = dt.timezone(-delta if sign == "-" else delta)
    try:
        return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError:
        return None


def _time_order(payload: Mapping[str, Any], variant: str | None) -> Iterator[Finding]:
    previous: tuple[str, dt.datetime] | None = None
    for name in TIMESTAMPS:
        moment = parse_timestamp(payload.get(name))
        if moment is None:
            continue
        if previous is not None and moment < previous[1]:
            yield _finding(
                "HSC-B-TIME-ORDER",
                f"{name} ({payload[name]}) is earlier than {previous[0]} ({payload[previous[0]]})",
                f"/{name}",
                variant,
            )
        previous = (name, moment)


def _num_errors(payload: Mapping[str, Any], variant: str | None) -> Iterator[Finding]:
    count = payload.get("numErrors")
    errors = payload.get("errors")
    if isinstance(count, bool) or not isinstance(count, int) or not isinstance(errors, list):
        return
    if count != len(errors):
        yield _finding(
            "HSC-B-NUM-ERRORS",
            f"numErrors is {count} but errors has {len(errors)} item(s)",
            "/numErrors",
            variant,
        )


def _unique_ids(payload: Mapping[str, Any], variant: str | None) -> Iterator[Finding]:
    results = payload.get("results")
    if not isinstance(results, list):
        return
    first_seen: dict[tuple[str, Any], int] = {}
    for index, item in enumerate(results):
        if not isinstance(item, Mapping) or "id" not in item:
            continue
        identifier = item["id"]
        if not isinstance(identifier, str | int) or isinstance(identifier, bool):
            continue
        key = (type(identifier).__name__, identifier)
        if key in first_seen:
            yield _finding(
                "HSC-B-DUPLICATE-ID",
                f"id {json.dumps(identifier)} already appears at /results/{first_seen[key]}/id",
                f"/results/{index}/{escape_pointer_token('id')}",
                variant,
            )
        else:
            first_seen[key] = index
