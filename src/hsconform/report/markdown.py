"""The Markdown reporter: a summary table by class and code, then details; fit for a PR comment."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from hsconform.findings import Finding
from hsconform.outcomes import Report
from hsconform.report.coverage import write_coverage_markdown
from hsconform.report.sanitise import cleaned, terminal_text
from hsconform.report.text import heading


def write_markdown(report: Report, stream: TextIO) -> None:
    """Summary table first (class, code, severity, count), then findings grouped per subject."""
    stream = cleaned(stream, terminal_text)
    findings = report.findings
    counts = report.severities()
    stream.write(
        f"### {heading(report)}: {len(findings)} finding(s) — {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['info']} info\n\n"
    )
    if findings:
        table = Counter((f.category or "-", f.code, f.severity.value) for f in findings)
        stream.write("| class | code | severity | count |\n|---|---|---|---:|\n")
        for (category, code, severity), count in sorted(table.items()):
            stream.write(f"| {category} | `{code}` | {severity} | {count} |\n")
        stream.write("\n<details><summary>Details</summary>\n\n")
        for outcome in report.outcomes:
            if not outcome.findings:
                continue
            stream.write(f"#### `{outcome.file}`\n\n")
            for finding in outcome.findings:
                stream.write(_item(finding))
            stream.write("\n")
        stream.write("</details>\n")
    if report.coverage is not None:
        write_coverage_markdown(report.coverage, stream)
    if report.nothing_checked is not None:
        stream.write(f"\n> **nothing was checked:** {_escape(report.nothing_checked)}\n")
    for note in report.notes:
        stream.write(f"\n> {note}\n")
    for problem in report.problems:
        stream.write(f"\n> **problem:** {problem}\n")


def _item(finding: Finding) -> str:
    where = f"`{finding.instance}` " if finding.instance else ""
    line = f"- **{finding.code}** ({finding.severity.value}) {where}{_escape(finding.message)}\n"
    if finding.schema is not None:
        line += f"  <br>schema: `{finding.schema}`\n"
    if finding.witness is not None:
        witness = json.dumps(finding.witness, ensure_ascii=False)
        line += f"  <br>witness, accepted by {finding.accepted_by} only: `{witness}`\n"
    return line


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")
