"""GitHub Actions workflow commands: each finding an annotation on its file and line."""

from __future__ import annotations

from typing import TextIO

from hsconform.checker import CheckReport, FileOutcome, Status
from hsconform.findings import Finding, Severity
from hsconform.report.text import summary_line

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(report: CheckReport, stream: TextIO) -> None:
    """``::error file=…,line=…,col=…,title=…::message`` lines, then a summary notice."""
    for outcome in report.outcomes:
        for finding in outcome.findings:
            stream.write(_annotation(finding, outcome.file))
        if outcome.status is Status.SKIPPED:
            stream.write(_skip_annotation(outcome, strict=report.strict))
    for problem in report.problems:
        stream.write(f"::error title=hsconform::{_data(problem)}\n")
    stream.write(f"::notice title=hsconform {report.kind}::{_data(summary_line(report))}\n")


def _annotation(finding: Finding, fallback_file: str) -> str:
    properties = []
    source = finding.source
    file = source.file if source is not None else fallback_file.split(" ", 1)[0]
    properties.append(f"file={_property(file)}")
    if source is not None and source.line is not None:
        properties.append(f"line={source.line}")
        if source.column is not None:
            properties.append(f"col={source.column}")
    properties.append(f"title={_property(finding.code)}")
    where = f"{finding.instance}: " if finding.instance else ""
    command = _COMMANDS[finding.severity]
    return f"::{command} {','.join(properties)}::{_data(where + finding.message)}\n"


def _skip_annotation(outcome: FileOutcome, *, strict: bool) -> str:
    """A skipped response: a notice, or an error when ``--strict`` makes skips fail the run."""
    properties = []
    if outcome.location is not None:
        properties.append(f"file={_property(outcome.location.file)}")
        if outcome.location.line is not None:
            properties.append(f"line={outcome.location.line}")
    properties.append(f"title={_property(outcome.code or 'skipped')}")
    command = "error" if strict else "notice"
    message = f"skipped {outcome.file}: {outcome.reason}"
    return f"::{command} {','.join(properties)}::{_data(message)}\n"


def _data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
