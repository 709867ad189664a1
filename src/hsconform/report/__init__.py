"""Reporters: render a report (check, lint or drift) onto a stream, in the format asked for.

Reporters take the stream they write to, so the command line, the pytest
plugin and library users can each point them where they want. Every reporter
works for every kind of report, because all of them carry the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TextIO

from hsconform.outcomes import Report
from hsconform.report.github import write_github
from hsconform.report.json_report import write_json
from hsconform.report.junit import write_junit
from hsconform.report.markdown import write_markdown
from hsconform.report.sarif import write_sarif
from hsconform.report.text import summary, write_text

#: Reporter by ``--format`` name.
REPORTERS: Mapping[str, Callable[[Report, TextIO], None]] = {
    "text": write_text,
    "json": write_json,
    "markdown": write_markdown,
    "sarif": write_sarif,
    "junit": write_junit,
    "github": write_github,
}

__all__ = [
    "REPORTERS",
    "summary",
    "write_github",
    "write_json",
    "write_junit",
    "write_markdown",
    "write_sarif",
    "write_text",
]
