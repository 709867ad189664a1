"""Reporters: render a check report as text or JSON onto a stream.

Reporters take the stream they write to, so the command line, the pytest
plugin and library users can each point them where they want.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from hsconform.checker import CheckReport, FileOutcome, Status
from hsconform.findings import Finding, Severity

_LABELS = {
    Status.OK: "ok",
    Status.FAILED: "FAIL",
    Status.SKIPPED: "SKIP",
    Status.UNREADABLE: "ERROR",
}


def summary(report: CheckReport) -> dict[str, Any]:
    """The figures every report format shows."""
    return {
        "files": len(report.outcomes),
        "ok": report.count(Status.OK),
        "failed": report.count(Status.FAILED),
        "skipped": report.count(Status.SKIPPED),
        "unreadable": report.count(Status.UNREADABLE),
        "findings": report.severities(),
        "exit_code": report.exit_code,
    }


def write_text(report: CheckReport, stream: TextIO) -> None:
    """A readable report: one block per file, findings under the file they are in."""
    for outcome in report.outcomes:
        stream.write(_outcome_header(outcome))
        for finding in outcome.findings:
            stream.write(_finding_text(finding, about_payload=report.kind == "check"))
    if report.problems:
        stream.write("\nproblems:\n")
        for problem in report.problems:
            stream.write(f"  {problem}\n")
    figures = summary(report)
    counts = figures["findings"]
    stream.write(
        f"\n{figures['files']} file(s): {figures['ok']} ok, {figures['failed']} failed, "
        f"{figures['skipped']} skipped, {figures['unreadable']} unreadable; "
        f"findings: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info\n"
    )


def _outcome_header(outcome: FileOutcome) -> str:
    label = _LABELS[outcome.status].ljust(5)
    if outcome.status is Status.SKIPPED:
        return f"{label} {outcome.file}: {outcome.reason}\n"
    what = f" ({outcome.type}, {outcome.variant})" if outcome.type else ""
    return f"{label} {outcome.file}{what}\n"


def _finding_text(finding: Finding, *, about_payload: bool) -> str:
    parts = []
    if finding.source is not None and finding.source.line is not None:
        parts.append(f"{finding.source.line}:{finding.source.column}")
    # a pointer into the payload; unparsable text and schema documents have none to show
    if about_payload and finding.code != "HSC-P-INVALID-JSON":
        parts.append(finding.instance or "(root)")
    if finding.severity is not Severity.ERROR:
        parts.append(f"{finding.severity.value}:")
    parts.extend((f"[{finding.code}]", finding.message))
    text = "      " + " ".join(parts) + "\n"
    if finding.schema is not None:
        text += f"          schema: {finding.schema}\n"
    if finding.hint:
        text += f"          hint: {finding.hint}\n"
    return text


def write_json(report: CheckReport, stream: TextIO) -> None:
    """A machine-readable report: ``summary``, ``files`` and a flat ``findings`` list."""
    document = {
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
            }
            for outcome in report.outcomes
        ],
        "findings": [
            {**finding.to_dict(), "type": outcome.type}
            for outcome in report.outcomes
            for finding in outcome.findings
        ],
        "problems": list(report.problems),
    }
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


#: Reporter by ``--format`` name.
REPORTERS: Mapping[str, Callable[[CheckReport, TextIO], None]] = {
    "text": write_text,
    "json": write_json,
}
