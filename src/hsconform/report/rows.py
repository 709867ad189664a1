"""Findings as flat rows: the one table JSON Lines and Parquet outputs (and data frames) share.

A report of millions of responses is read by tools, not people: one row per finding (or per
response, for every outcome) with the same columns everywhere, so a Dask, Spark or pandas
user can filter and group without knowing hsconform's model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from hsconform.findings import Finding
from hsconform.outcomes import Outcome

#: The columns of a findings row, in order.
COLUMNS = (
    "file",
    "line",
    "record",
    "method",
    "url",
    "status",
    "type",
    "variant",
    "outcome",
    "code",
    "severity",
    "instance",
    "schema_location",
    "message",
)


def rows_of(outcomes: Iterable[Outcome], *, every: bool = False) -> Iterator[dict[str, Any]]:
    """One row per finding; with ``every``, also one row per outcome that has none."""
    for outcome in outcomes:
        if outcome.findings:
            for finding in outcome.findings:
                yield _row(outcome, finding)
        elif every:
            yield _row(outcome, None)


def _row(outcome: Outcome, finding: Finding | None) -> dict[str, Any]:
    source = finding.source if finding is not None else None
    line = source.line if source is not None and source.line is not None else outcome.line
    if outcome.location is not None and line is None:
        line = outcome.location.line
    return {
        "file": (source.file if source else None) or outcome.source_file or outcome.file,
        "line": line,
        "record": outcome.record,
        "method": outcome.method,
        "url": outcome.url,
        "status": outcome.http_status,
        "type": outcome.type,
        "variant": (finding.variant if finding else None) or outcome.variant,
        "outcome": outcome.status.value,
        "code": finding.code if finding else outcome.code,
        "severity": finding.severity.value if finding else None,
        "instance": finding.instance if finding else None,
        "schema_location": str(finding.schema) if finding and finding.schema else None,
        "message": finding.message if finding else outcome.reason,
    }
