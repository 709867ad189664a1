"""The JUnit XML reporter: one test case per recorded response, readable by any CI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from hsconform.findings import Severity
from hsconform.outcomes import Outcome, Report, Status
from hsconform.report.sanitise import cleaned, xml_text
from hsconform.report.text import finding_line


def write_junit(report: Report, stream: TextIO) -> None:
    """``<testsuites>`` with one ``<testsuite>`` and a ``<testcase>`` per outcome."""
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
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for outcome in report.outcomes:
        counts["tests"] += 1
        case = ET.SubElement(suite, "testcase", classname=_classname(outcome), name=_name(outcome))
        if outcome.status is Status.FAILED:
            counts["failures"] += 1
            errors = [f for f in outcome.findings if f.severity is Severity.ERROR]
            failure = ET.SubElement(
                case, "failure", message=f"{len(errors)} error(s)", type=errors[0].code
            )
            failure.text = "\n".join(finding_line(f) for f in outcome.findings)
        elif outcome.status is Status.UNREADABLE:
            counts["errors"] += 1
            error = ET.SubElement(case, "error", message=outcome.reason or "unreadable")
            error.text = "\n".join(finding_line(f) for f in outcome.findings)
        elif outcome.status is Status.SKIPPED:
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=outcome.why)
        elif outcome.findings:
            output = ET.SubElement(case, "system-out")
            output.text = "\n".join(finding_line(f) for f in outcome.findings)
    for element in (suites, suite):
        for key, value in counts.items():
            element.set(key, str(value))
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")


def _classname(outcome: Outcome) -> str:
    """The file an outcome belongs to: test cases are grouped by it."""
    return outcome.source_file or outcome.file


def _name(outcome: Outcome) -> str:
    what = f" [{outcome.type}]" if outcome.type else ""
    return f"{outcome.file}{what}"
