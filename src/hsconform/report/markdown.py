"""The Markdown reporter: a pull-request comment that says what failed, what was skipped, and why.

A comment holds at most 65,536 characters, so the report keeps under :data:`LIMIT`: the
heading, the counts and the table of codes always fit; the details (findings per subject,
skipped and unreadable subjects) are added while they fit, and a closing note says how much
was left out and where the whole report is. Each section is one pass over the outcomes, so
memory does not grow with the run.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import TextIO

from hsconform.findings import Finding
from hsconform.outcomes import Outcome, Report, Status
from hsconform.report.coverage import write_coverage_markdown
from hsconform.report.sanitise import terminal_text
from hsconform.report.text import NOUNS, heading, outcome_about, verdict
from hsconform.vocabulary import BOTH

#: The most characters a Markdown report holds (a GitHub comment takes 65,536).
LIMIT = 60_000
#: Room kept for the closing tags and the note on what was cut.
_RESERVE = 1_000
#: About how long the line of one skipped subject is: room kept for the skipped list.
_SKIP_LINE = 160
#: The most of the budget the coverage, notes and problems may take.
_TAIL_SHARE = 3


def write_markdown(report: Report, stream: TextIO) -> None:
    """Heading and counts, a table per code, then details per status, under :data:`LIMIT`."""
    page = _Page(stream)
    tally = report.tally
    counts = tally.severities()
    findings = sum(counts.values())
    page.put(
        f"### {heading(report)}: {findings} finding(s) — {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['info']} info\n\n"
    )
    noun = NOUNS.get(report.kind, "outcome(s)")
    page.put(
        f"**{tally.outcomes} {noun}**: {tally.count(Status.OK)} ok, "
        f"{tally.count(Status.FAILED)} failed, {tally.count(Status.SKIPPED)} skipped, "
        f"{tally.count(Status.UNREADABLE)} unreadable — {verdict(report)}\n\n"
    )
    if tally.codes:
        page.put("| class | code | severity | count |\n|---|---|---|---:|\n")
        for (category, code, severity), count in tally.codes:
            page.put(f"| {category} | `{code}` | {severity} | {count} |\n")
        page.put("\n")
    tail = _tail(report, budget=(LIMIT - page.used) // _TAIL_SHARE)
    page.budget = LIMIT - _RESERVE - len(tail)
    _write_listed(page, report, Status.UNREADABLE, noun)
    skipped = tally.count(Status.SKIPPED)
    # the skipped list keeps a share of what is left, so many findings cannot hide it
    kept_for_skips = min(skipped * _SKIP_LINE, (page.budget - page.used) // 4)
    with_findings = tally.with_findings
    if with_findings:
        page.budget -= kept_for_skips
        page.section(f"Findings: {with_findings} {noun} with findings")
        for outcome in _with_findings(report):
            page.item(_findings_block(outcome), findings=len(outcome.findings))
        page.end_section()
        page.budget += kept_for_skips
    _write_listed(page, report, Status.SKIPPED, noun)
    page.put(tail)
    page.note_cuts(noun)


def _write_listed(page: _Page, report: Report, status: Status, noun: str) -> None:
    """The subjects that were skipped, or could not be read: a line each, as they fit."""
    total = report.tally.count(status)
    if not total:
        return
    page.section(f"{status.value.capitalize()}: {total} {noun}")
    if status is Status.SKIPPED:
        page.put(_skip_table(report))
    for outcome in report.outcomes:
        if outcome.status is status:
            page.item(_listed(outcome), findings=len(outcome.findings))
    page.end_section()


class _Page:
    """The report being written: what it has used, and what it had to leave out."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.used = 0
        self.budget = LIMIT - _RESERVE
        self.cut_subjects = 0
        self.cut_findings = 0

    def put(self, text: str) -> None:
        """Write ``text`` whatever the budget (headings, tables, closing tags)."""
        text = terminal_text(text)
        self._stream.write(text)
        self.used += len(text)

    def item(self, text: str, *, findings: int) -> None:
        """Write one subject's block if it fits, else count it as cut."""
        text = terminal_text(text)
        if self.used + len(text) > self.budget:
            self.cut_subjects += 1
            self.cut_findings += findings
            return
        self._stream.write(text)
        self.used += len(text)

    def section(self, summary: str) -> None:
        self.put(f"<details><summary>{_escape(summary)}</summary>\n\n")

    def end_section(self) -> None:
        self.put("</details>\n\n")

    def note_cuts(self, noun: str) -> None:
        if self.cut_subjects:
            self.put(
                f"\n> **Cut to fit {LIMIT:,} characters:** {self.cut_subjects} {noun} with "
                f"{self.cut_findings} finding(s) are not listed here; the JSON, SARIF and "
                "JUnit reports (`--report json:FILE`) hold every one.\n"
            )


def _with_findings(report: Report) -> Iterator[Outcome]:
    return (
        o
        for o in report.outcomes
        if o.findings and o.status not in (Status.SKIPPED, Status.UNREADABLE)
    )


def _findings_block(outcome: Outcome) -> str:
    about = outcome_about(outcome)
    what = f" ({_escape(about)})" if about else ""
    text = f"#### `{_code(outcome.file)}`{what}\n\n"
    for finding in outcome.findings:
        text += _item(finding, labelled=outcome.variant == BOTH)
    return text + "\n"


def _skip_table(report: Report) -> str:
    """Skipped subjects per code: the reasons at a glance before the list."""
    rows = "".join(f"| `{code or '-'}` | {count} |\n" for code, count in report.tally.skips)
    return "| code | count |\n|---|---:|\n" + rows + "\n"


def _listed(outcome: Outcome) -> str:
    """A skipped or unreadable subject on one line, its findings (if any) under it."""
    code = f"**{outcome.code}** " if outcome.code else ""
    text = f"- `{_code(outcome.file)}`: {code}{_escape(outcome.reason or outcome.status.value)}\n"
    for finding in outcome.findings:
        text += "  " + _item(finding)
    return text


def _tail(report: Report, *, budget: int) -> str:
    """Coverage, notes and problems, cut at a line when longer than ``budget``."""
    buffer = io.StringIO()
    if report.coverage is not None:
        write_coverage_markdown(report.coverage, buffer)
    if report.nothing_checked is not None:
        buffer.write(f"\n> **nothing was checked:** {_escape(report.nothing_checked)}\n")
    for note in report.notes:
        buffer.write(f"\n> {_escape(note)}\n")
    for problem in report.problems:
        buffer.write(f"\n> **problem:** {_escape(problem)}\n")
    text = terminal_text(buffer.getvalue())
    if len(text) <= budget:
        return text
    kept = text[:budget].rsplit("\n", 1)[0]
    left = text.count("\n") - kept.count("\n")
    return f"{kept}\n\n> … {left} more line(s) of coverage, notes and problems cut.\n"


def _item(finding: Finding, *, labelled: bool = False) -> str:
    where = f"`{_code(finding.instance)}` " if finding.instance else ""
    variant = f"{finding.variant}: " if labelled and finding.variant else ""
    line = (
        f"- **{finding.code}** ({finding.severity.value}) {where}{variant}"
        f"{_escape(finding.message)}\n"
    )
    if finding.schema is not None:
        line += f"  <br>schema: `{_code(str(finding.schema))}`\n"
    if finding.witness is not None:
        witness = json.dumps(finding.witness, ensure_ascii=False)
        line += f"  <br>witness, accepted by {finding.accepted_by} only: `{_code(witness)}`\n"
    return line


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def _code(text: str) -> str:
    """Text for a code span: a backtick would end it, a newline would break the list."""
    return text.replace("`", "'").replace("\n", " ")
