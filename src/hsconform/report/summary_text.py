"""The figures of a run at scale as text: counts by status, code, route and type, and samples."""

from __future__ import annotations

from typing import TextIO

from hsconform.outcomes import Status
from hsconform.summary import Summary


def write_summary(summary: Summary, stream: TextIO) -> None:
    """The summary every output mode prints: what a million-record run found, in a screenful."""
    statuses = ", ".join(f"{summary.count(status)} {status.value}" for status in Status)
    stream.write(f"summary: {summary.responses} response(s): {statuses}\n")
    for title, counts in (
        ("by code", summary.by_code),
        ("by route", summary.by_route),
        ("by type", summary.by_type),
    ):
        if counts:
            stream.write(f"{title}:\n")
            width = max(len(key) for key, _ in counts)
            for key, count in counts:
                stream.write(f"  {key.ljust(width)}  {count}\n")
    if summary.samples:
        stream.write(f"samples ({summary.sample or 0} per code):\n")
        for sample in summary.samples:
            where = f"{sample.file}:{sample.line}" if sample.line else sample.file
            at = sample.instance or "(root)"
            stream.write(f"  [{sample.code}] {where} {at}: {sample.message}\n")
