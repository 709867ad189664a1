"""The text reporter: one block per file (or type), findings under it, then a summary."""

from __future__ import annotations

import json
from typing import Any, TextIO

from hsconform.findings import Finding, Severity
from hsconform.outcomes import (
    EXIT_NOTHING_CHECKED,
    EXIT_USAGE,
    EXIT_VIOLATIONS,
    Outcome,
    Report,
    Status,
)
from hsconform.report.color import paint
from hsconform.report.coverage import write_coverage_text
from hsconform.report.sanitise import cleaned, terminal_text
from hsconform.vocabulary import BOTH, ReportKind

#: ``-qq``: the summary line alone.
QUIETEST = 2

_LABELS = {
    Status.OK: "ok",
    Status.FAILED: "FAIL",
    Status.SKIPPED: "SKIP",
    Status.UNREADABLE: "ERROR",
}


def summary(report: Report) -> dict[str, Any]:
    """The figures every report format shows.

    ``outcomes`` counts the subjects (responses, documents or types); ``files`` the files they
    were read from (for lint and drift, where each subject is its own, the same figure).
    """
    outcomes = report.tally.outcomes
    return {
        "files": report.files if report.files is not None else outcomes,
        "outcomes": outcomes,
        "ok": report.count(Status.OK),
        "failed": report.count(Status.FAILED),
        "skipped": report.count(Status.SKIPPED),
        "unreadable": report.count(Status.UNREADABLE),
        "findings": report.severities(),
        "profile": report.profile,
        "pack": report.pack.to_dict() if report.pack else None,
        "nothing_checked": report.nothing_checked,
        "exit_code": report.exit_code,
    }


def heading(report: Report) -> str:
    """The first line of a report: what ran, the profile it read the pack as, and which pack."""
    about = [f"profile: {report.profile}"] if report.profile else []
    if report.pack is not None:
        about.append(f"pack: {report.pack}")
    return f"hsconform {report.kind}" + (f" ({', '.join(about)})" if about else "")


def write_text(report: Report, stream: TextIO, *, quiet: int = 0, color: bool = False) -> None:
    """A readable report: one block per file, findings under the file they are in.

    ``quiet`` (as ``-q``) leaves out the subjects that passed or were skipped (the summary
    still counts them); twice (``-qq``), everything but the summary line. ``color`` marks
    statuses and the summary with ANSI colours.
    """
    raw, stream = stream, cleaned(stream, terminal_text)  # colour codes bypass the cleaning
    if quiet >= QUIETEST:
        line = terminal_text(summary_line(report))
        raw.write(paint(line, "red" if report.exit_code else "green", color=color) + "\n")
        return
    stream.write(f"{heading(report)}\n")
    for outcome in report.outcomes:
        if quiet and outcome.status in (Status.OK, Status.SKIPPED):
            continue
        raw.write(paint(_LABELS[outcome.status].ljust(5), _COLORS[outcome.status], color=color))
        stream.write(_outcome_header(outcome))
        for finding in outcome.findings:
            stream.write(
                _finding_text(
                    finding,
                    outcome.file,
                    about_payload=report.kind != ReportKind.LINT,
                    labelled=outcome.variant == BOTH,
                )
            )
    for note in report.notes:
        stream.write(f"note: {note}\n")
    if report.problems:
        stream.write("\nproblems:\n")
        for problem in report.problems:
            stream.write(f"  {problem}\n")
    if report.coverage is not None:
        write_coverage_text(report.coverage, stream)
    if report.nothing_checked is not None:
        stream.write(f"\nnothing was checked: {report.nothing_checked}\n")
    stream.write("\n")
    line = terminal_text(summary_line(report))
    raw.write(paint(line, "red" if report.exit_code else "green", color=color) + "\n")


def summary_line(report: Report) -> str:
    """The summary in one sentence: outcomes by status, findings by severity, the verdict."""
    figures = summary(report)
    counts = figures["findings"]
    return (
        f"{figures['outcomes']} {NOUNS.get(report.kind, 'outcome(s)')}: {figures['ok']} ok, "
        f"{figures['failed']} failed, "
        f"{figures['skipped']} skipped, {figures['unreadable']} unreadable; "
        f"findings: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info; {verdict(report)}"
    )


def verdict(report: Report) -> str:
    """The exit code and why, in words: what a CI log's last line should say."""
    code = report.exit_code
    if code == EXIT_USAGE:
        unreadable = report.count(Status.UNREADABLE)
        why = f"{len(report.problems) + unreadable} input problem(s)"
    elif code == EXIT_NOTHING_CHECKED:
        why = "nothing was checked"
    elif code == EXIT_VIOLATIONS:
        failed, skipped = report.count(Status.FAILED), report.count(Status.SKIPPED)
        parts = [f"{failed} failed"] if failed else []
        if report.strict and skipped:
            parts.append(f"{skipped} skipped under strict")
        why = ", ".join(parts)
    else:
        why = "no errors"
    return f"exit {code}: {why}"


_COLORS = {
    Status.OK: "green",
    Status.FAILED: "red",
    Status.SKIPPED: "yellow",
    Status.UNREADABLE: "red",
}


def _outcome_header(outcome: Outcome) -> str:
    """The rest of an outcome's first line, after its status label."""
    if outcome.status is Status.SKIPPED:
        return f" {outcome.file}: {outcome.why}\n"
    what = outcome_about(outcome)
    return f" {outcome.file}{f' ({what})' if what else ''}\n"


def outcome_about(outcome: Outcome) -> str:
    """What an outcome was checked as, ``type, variant``; empty when that is its name alone."""
    return ", ".join(p for p in (outcome.type, outcome.variant) if p and p != outcome.file)


#: What the outcomes of each kind of report are.
NOUNS = {
    ReportKind.CHECK: "response(s)",
    ReportKind.LINT: "document(s)",
    ReportKind.DRIFT: "type(s)",
    ReportKind.PACK_DIFF: "changed type(s)",
}
#: Findings about input that could not be read: there is no value to point at.
POINTERLESS = frozenset(
    {
        "HSC-P-INVALID-JSON",
        "HSC-R-UNREADABLE",
        "HSC-R-TOO-LARGE",
        "HSC-R-CHECK-FAILED",
        "HSC-P-INTEGER-TOO-LONG",
    }
)


def finding_line(finding: Finding) -> str:
    """One line about a finding, for reports that nest it (JUnit failure text)."""
    where = str(finding.source) + " " if finding.source is not None else ""
    pointer = f"{finding.instance} " if finding.instance else ""
    schema = f" (schema: {finding.schema})" if finding.schema else ""
    return f"{where}{pointer}[{finding.code}] {finding.message}{schema}"


def _finding_text(finding: Finding, file: str, *, about_payload: bool, labelled: bool) -> str:
    parts = []
    source = finding.source
    if source is not None and source.line is not None:
        where = f"{source.line}" + (f":{source.column}" if source.column is not None else "")
        parts.append(where if source.file == file else f"{source.file}:{where}")
    # a pointer into the payload; unreadable input and schema documents have none to show
    if about_payload and finding.code not in POINTERLESS:
        parts.append(finding.instance or "(root)")
    if finding.severity is not Severity.ERROR:
        parts.append(f"{finding.severity.value}:")
    parts.append(f"[{finding.code}]")
    if labelled and finding.variant:
        parts.append(f"{finding.variant}:")
    parts.append(finding.message)
    text = "      " + " ".join(parts) + "\n"
    if finding.schema is not None:
        text += f"          schema: {finding.schema}\n"
    if finding.hint:
        text += f"          hint: {finding.hint}\n"
    if finding.witness is not None:
        witness = json.dumps(finding.witness, ensure_ascii=False)
        text += f"          witness (accepted by {finding.accepted_by} only): {witness}\n"
    return text
