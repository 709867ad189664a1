"""GitHub Actions workflow commands: each finding an annotation on its file and line."""

from __future__ import annotations

from typing import TextIO

from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.outcomes import Outcome, Report, Status
from hsconform.report.sanitise import cleaned, terminal_text
from hsconform.report.text import heading, summary_line

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(report: Report, stream: TextIO) -> None:
    """``::error file=…,line=…,col=…,title=…::message`` lines, then a summary notice."""
    stream = cleaned(stream, terminal_text)
    for outcome in report.outcomes:
        for finding in outcome.findings:
            stream.write(_annotation(finding, outcome.file))
        if outcome.status is Status.SKIPPED:
            stream.write(_skip_annotation(outcome, strict=report.strict))
    for problem in report.problems:
        stream.write(f"::error title=hsconform::{_data(problem)}\n")
    if report.nothing_checked is not None:
        why = f"nothing was checked: {report.nothing_checked}"
        stream.write(f"::error title=hsconform::{_data(why)}\n")
    title = _property(heading(report))
    stream.write(f"::notice title={title}::{_data(summary_line(report))}\n")


def _annotation(finding: Finding, fallback_file: str) -> str:
    source = finding.source
    if source is None:
        source = SourceLocation(fallback_file.split(" ", 1)[0])
    where = f"{finding.instance}: " if finding.instance else ""
    return _command(_COMMANDS[finding.severity], source, finding.code, where + finding.message)


def _skip_annotation(outcome: Outcome, *, strict: bool) -> str:
    """A skipped response: a notice, or an error when ``--strict`` makes skips fail the run."""
    return _command(
        "error" if strict else "notice",
        outcome.location,
        outcome.code or "skipped",
        f"skipped {outcome.file}: {outcome.reason}",
    )


def _command(command: str, where: SourceLocation | None, title: str, message: str) -> str:
    """``::command file=…,line=…,col=…,title=…::message`` with every part escaped."""
    properties = []
    if where is not None:
        properties.append(f"file={_property(where.file)}")
        if where.line is not None:
            properties.append(f"line={where.line}")
            if where.column is not None:
                properties.append(f"col={where.column}")
    properties.append(f"title={_property(title)}")
    return f"::{command} {','.join(properties)}::{_data(message)}\n"


def _data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
