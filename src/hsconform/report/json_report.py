"""The JSON reporter: ``summary``, ``files`` and a flat ``findings`` list for machines."""

from __future__ import annotations

import json
from typing import Any, TextIO

from hsconform.outcomes import Report
from hsconform.report.coverage import coverage_json
from hsconform.report.sanitise import cleaned, json_text
from hsconform.report.text import summary


def write_json(report: Report, stream: TextIO) -> None:
    """A machine-readable report: ``summary``, ``files`` and a flat ``findings`` list."""
    stream = cleaned(stream, json_text)
    document: dict[str, Any] = {
        "kind": report.kind,
        "summary": summary(report),
        "files": [
            {
                "file": outcome.file,
                "status": outcome.status.value,
                "type": outcome.type,
                "variant": outcome.variant,
                "findings": len(outcome.findings),
                "reason": outcome.reason,
                "code": outcome.code,
                "line": outcome.location.line if outcome.location else None,
            }
            for outcome in report.outcomes
        ],
        "findings": [
            {**finding.to_dict(), "type": outcome.type}
            for outcome in report.outcomes
            for finding in outcome.findings
        ],
        "problems": list(report.problems),
        "notes": list(report.notes),
    }
    if report.coverage is not None:
        document["coverage"] = coverage_json(report.coverage)
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
