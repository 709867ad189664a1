"""The JUnit XML reporter: one test case per recorded response, readable by any CI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from hsconform.findings import Severity
from hsconform.outcomes import Outcome, Report, Status
from hsconform.report.sanitise import cleaned, xml_text
from hsconform.report.text import finding_line


def write_junit(report: Report, stream: TextIO) -> None:
    """``<testsuites>`` with one ``<testsuite>`` and a ``<testcase>`` per outcome.

    The counts come from the report's tally, so the suite's opening tag is written first and
    each test case as its outcome is read: memory does not grow with the outcomes.
    """
    stream = cleaned(stream, xml_text)
    suites = ET.Element("testsuites", name="hsconform")
    suite = ET.SubElement(suites, "testsuite", name=f"hsconform {report.kind}")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="profile", value=report.profile or "")
    if report.pack is not None:
        for key, fact in report.pack.to_dict().items():
            shown = str(fact).lower() if isinstance(fact, bool) else fact or ""
            ET.SubElement(properties, "property", name=f"pack.{key}", value=shown)
    if report.nothing_checked is not None:
        ET.SubElement(properties, "property", name="nothing_checked", value=report.nothing_checked)
    tally = report.tally
    counts = {
        "tests": tally.outcomes,
        "failures": tally.count(Status.FAILED),
        "errors": tally.count(Status.UNREADABLE),
        "skipped": tally.count(Status.SKIPPED),
    }
    for element in (suites, suite):
        for key, value in counts.items():
            element.set(key, str(value))
    ET.indent(suites)
    shell = ET.tostring(suites, encoding="unicode")
    head, closing = shell[: -len(_CLOSING)], shell[-len(_CLOSING) :]
    stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
    stream.write(head)
    for outcome in report.outcomes:
        case = _testcase(outcome)
        ET.indent(case, level=2)
        stream.write("\n    " + ET.tostring(case, encoding="unicode"))
    stream.write(closing + "\n")


#: How the shell of the report ends: the test cases go before it.
_CLOSING = "\n  </testsuite>\n</testsuites>"


def _testcase(outcome: Outcome) -> ET.Element:
    """The test case of one outcome: a failure, an error, a skip, or output for its notes."""
    case = ET.Element("testcase", classname=_classname(outcome), name=_name(outcome))
    if outcome.status is Status.FAILED:
        errors = [f for f in outcome.findings if f.severity is Severity.ERROR]
        message = f"{len(errors)} error(s)"
        failure = ET.SubElement(case, "failure", message=message, type=errors[0].code)
        failure.text = "\n".join(finding_line(f) for f in outcome.findings)
    elif outcome.status is Status.UNREADABLE:
        error = ET.SubElement(case, "error", message=outcome.reason or "unreadable")
        error.text = "\n".join(finding_line(f) for f in outcome.findings)
    elif outcome.status is Status.SKIPPED:
        ET.SubElement(case, "skipped", message=outcome.why)
    elif outcome.findings:
        output = ET.SubElement(case, "system-out")
        output.text = "\n".join(finding_line(f) for f in outcome.findings)
    return case


def _classname(outcome: Outcome) -> str:
    """The file an outcome belongs to: test cases are grouped by it."""
    return outcome.source_file or outcome.file


def _name(outcome: Outcome) -> str:
    what = f" [{outcome.type}]" if outcome.type else ""
    return f"{outcome.file}{what}"
