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
import sys
from collections.abc import Collection, Mapping
from typing import Any

from hsconform.findings import Finding, Severity
from hsconform.jsontext import escape_pointer_token

#: The batch statuses HubSpot documents (its prose spells one "CANCELLED"; the enum says CANCELED).
STATUSES = ("PENDING", "PROCESSING", "CANCELED", "COMPLETE")

#: Timestamps of a batch, in the order they must not go backwards.
TIMESTAMPS = ("requestedAt", "startedAt", "completedAt")


def top_level_properties(schema: Mapping[str, Any]) -> set[str]:
    """Names a schema declares for its top level, including through ``allOf`` members."""
    names: set[str] = set()
    for part in [schema, *(schema.get("allOf") or [])]:
        if isinstance(part, Mapping) and isinstance(part.get("properties"), Mapping):
            names.update(part["properties"])
    return names


def is_batch_envelope(properties: Collection[str]) -> bool:
    """Whether a type with these top-level properties is a batch response envelope."""
    return "status" in properties and "results" in properties


def check(
    payload: Any, *, variant: str | None, already_reported: Collection[str] = ()
) -> list[Finding]:
    """Every batch-rule violation of an envelope.

    ``already_reported`` holds instance pointers the schema has judged: the
    status rule stays quiet where the schema already reported ``/status``.
    """
    if not isinstance(payload, Mapping):
        return []
    findings: list[Finding] = []
    _status(payload, variant, already_reported, findings)
    _time_order(payload, variant, findings)
    _num_errors(payload, variant, findings)
    _unique_ids(payload, variant, findings)
    return findings


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
    payload: Mapping[str, Any],
    variant: str | None,
    already_reported: Collection[str],
    out: list[Finding],
) -> None:
    status = payload.get("status")
    if isinstance(status, str) and status not in STATUSES and "/status" not in already_reported:
        out.append(
            _finding(
                "HSC-B-STATUS",
                f"batch status {json.dumps(status)} is not one of " + ", ".join(STATUSES),
                "/status",
                variant,
            )
        )


_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))"
)


#: Python 3.11+ parses every RFC 3339 form in ``fromisoformat`` (3.10 refuses some fractions).
_FAST_ISO = sys.version_info >= (3, 11)


def parse_timestamp(value: Any) -> dt.datetime | None:
    """An RFC 3339 date-time as an aware datetime; ``None`` if the value is not one.

    Parsed by hand because ``datetime.fromisoformat`` on Python 3.10 refuses
    fractions that are not 3 or 6 digits long. Digits beyond microseconds are
    dropped; a leap second counts as the last microsecond of its minute.
    """
    if not isinstance(value, str):
        return None
    if _FAST_ISO and len(value) >= 20 and value[10] in "Tt":
        try:  # C speed for the usual forms; leap seconds and odd ones take the path below
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo is not None else None
    match = _RFC3339.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, zulu, sign, offset_hours, offset_minutes = match.groups()[6:]
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    if second == 60:
        second, micro = 59, 999_999
    try:  # an offset of 24 hours or more is not a time zone
        if zulu:
            zone = dt.timezone.utc
        else:
            delta = dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes))
            zone = dt.timezone(-delta if sign == "-" else delta)
        return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError:
        return None


def _time_order(payload: Mapping[str, Any], variant: str | None, out: list[Finding]) -> None:
    previous: tuple[str, dt.datetime] | None = None
    for name in TIMESTAMPS:
        moment = parse_timestamp(payload.get(name))
        if moment is None:
            continue
        if previous is not None and moment < previous[1]:
            out.append(
                _finding(
                    "HSC-B-TIME-ORDER",
                    f"{name} ({payload[name]}) is earlier than "
                    f"{previous[0]} ({payload[previous[0]]})",
                    f"/{name}",
                    variant,
                )
            )
        previous = (name, moment)


def _num_errors(payload: Mapping[str, Any], variant: str | None, out: list[Finding]) -> None:
    count = payload.get("numErrors")
    errors = payload.get("errors")
    if isinstance(count, bool) or not isinstance(count, int) or not isinstance(errors, list):
        return
    if count != len(errors):
        out.append(
            _finding(
                "HSC-B-NUM-ERRORS",
                f"numErrors is {count} but errors has {len(errors)} item(s)",
                "/numErrors",
                variant,
            )
        )


def _unique_ids(payload: Mapping[str, Any], variant: str | None, out: list[Finding]) -> None:
    results = payload.get("results")
    if not isinstance(results, list) or _all_ids_distinct(results):
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
            out.append(
                _finding(
                    "HSC-B-DUPLICATE-ID",
                    f"id {json.dumps(identifier)} already appears at /results/{first_seen[key]}/id",
                    f"/results/{index}/{escape_pointer_token('id')}",
                    variant,
                )
            )
        else:
            first_seen[key] = index


def _all_ids_distinct(results: list[Any]) -> bool:
    """Whether every result is a plain object with an ``id``, all different: nothing to report.

    Different values make different (type, id) keys, so the usual batch is settled in one
    pass at C speed; anything else (a missing id, an unhashable one, equal values) takes the
    exact walk.
    """
    try:
        ids = [item["id"] for item in results if type(item) is dict]
        return len(ids) == len(results) and len(set(ids)) == len(ids)
    except (KeyError, TypeError):
        return False


# --- HTTP-level rules, for recorded responses ----------------------------------------------

#: Statuses a batch reports when its work is not finished: only an HTTP 202 may say them.
UNFINISHED = ("PENDING", "PROCESSING")


def http_check(
    payload: Any, *, http_status: int | None, content_type: str | None, envelope: bool
) -> list[Finding]:
    """Rules that tie a recorded body to its HTTP response.

    - the content type is JSON (``application/json`` or ``+json``);
    - for batch envelopes: 207 Multi-Status carries at least one error, 200 none; and
      the ``status`` field agrees with the code: 202 Accepted says PENDING or PROCESSING,
      a final answer (200, 201, 207) does not.
    """
    findings: list[Finding] = []
    if http_status is None:
        return findings  # not an HTTP recording (a plain JSON file, a JSON Lines log)
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if not media:
        findings.append(
            _http(
                "HSC-H-CONTENT-TYPE",
                "the response has no content type; a JSON body needs application/json",
                "",
                Severity.WARNING,
            )
        )
    elif media != "application/json" and not media.endswith("+json"):
        findings.append(
            _http(
                "HSC-H-CONTENT-TYPE",
                f"a JSON body sent as {media}; it must be application/json",
                "",
                Severity.ERROR,
            )
        )
    if not envelope or not isinstance(payload, Mapping):
        return findings
    errors = payload.get("errors")
    count = len(errors) if isinstance(errors, list) else 0
    if http_status == 207 and count == 0:
        findings.append(
            _http(
                "HSC-H-207-WITHOUT-ERRORS",
                "HTTP 207 Multi-Status but the batch reports no errors",
                "/errors" if "errors" in payload else "",
            )
        )
    if http_status == 200 and count > 0:
        findings.append(
            _http(
                "HSC-H-200-WITH-ERRORS",
                f"HTTP 200 but the batch reports {count} error(s); partial failures are HTTP 207",
                "/errors",
            )
        )
    status = payload.get("status")
    if isinstance(status, str) and status in STATUSES:
        if http_status == 202 and status not in UNFINISHED:
            findings.append(
                _http(
                    "HSC-H-STATUS-FIELD",
                    f"HTTP 202 Accepted but the batch says "
                    f"{status}; accepted work is PENDING or PROCESSING",
                    "/status",
                )
            )
        elif http_status in (200, 201, 207) and status in UNFINISHED:
            findings.append(
                _http(
                    "HSC-H-STATUS-FIELD",
                    f"HTTP {http_status} is a final answer but the batch says {status}",
                    "/status",
                )
            )
    return findings


def _http(code: str, message: str, instance: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(code=code, severity=severity, message=message, instance=instance)
