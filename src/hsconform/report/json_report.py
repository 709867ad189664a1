"""The JSON reporter: ``summary``, ``files`` and a flat ``findings`` list for machines.

The document follows a versioned JSON Schema shipped in the package
(:func:`json_report_schema`; ``docs/json-report.md`` describes it). It is written as the
outcomes are read, one entry at a time, so a report over millions of responses costs the
memory of one of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any, TextIO

from hsconform._version import __version__
from hsconform.outcomes import Outcome, Report
from hsconform.report.coverage import coverage_json
from hsconform.report.json_stream import Items, write_document
from hsconform.report.sanitise import cleaned, json_text
from hsconform.report.text import summary

#: The version of the report's layout: raised when a field changes meaning or goes away.
REPORT_VERSION = 2
#: The JSON Schema of the report, inside the package.
SCHEMA_FILE = "json-report.schema.json"


def write_json(report: Report, stream: TextIO) -> None:
    """A machine-readable report: ``summary``, ``files`` and a flat ``findings`` list."""
    document: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "hsconform": __version__,
        "kind": str(report.kind),
        "summary": summary(report),
        "files": Items(_file_entry(outcome) for outcome in report.outcomes),
        "findings": Items(_findings(report.outcomes)),
        "problems": list(report.problems),
        "notes": list(report.notes),
    }
    if report.coverage is not None:
        document["coverage"] = coverage_json(report.coverage)
    write_document(cleaned(stream, json_text), document)


def json_report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every JSON report of this version conforms to."""
    text = resources.files("hsconform.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _file_entry(outcome: Outcome) -> dict[str, Any]:
    """An outcome: the subject as shown, then each part of where it came from on its own."""
    start = outcome.line
    if start is None and outcome.location is not None:
        start = outcome.location.line
    return {
        "file": outcome.file,
        "path": outcome.source_file,
        "record": outcome.record,
        "line": start,
        "method": outcome.method,
        "url": outcome.url,
        "http_status": outcome.http_status,
        "status": outcome.status.value,
        "type": outcome.type,
        "variant": outcome.variant,
        "findings": len(outcome.findings),
        "reason": outcome.reason,
        "code": outcome.code,
    }


def _findings(outcomes: Iterable[Outcome]) -> Iterator[dict[str, Any]]:
    """Every finding, with the type and the index in ``files`` of the outcome it belongs to."""
    for index, outcome in enumerate(outcomes):
        for finding in outcome.findings:
            yield {**finding.to_dict(), "type": outcome.type, "outcome": index}
