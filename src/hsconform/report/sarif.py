"""The SARIF 2.1.0 reporter: findings as results with file/line regions and a rule per code."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TextIO
from urllib.parse import quote

from hsconform._version import __version__
from hsconform.codes import describe_code
from hsconform.findings import Finding, Severity
from hsconform.outcomes import Outcome, Report, Status
from hsconform.report.json_stream import Items, write_document
from hsconform.report.sanitise import cleaned, json_text, uri_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The rule of a skip that has no code of its own.
SKIPPED = "HSC-R-SKIPPED"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write_sarif(report: Report, stream: TextIO) -> None:
    """One run of the tool ``hsconform``; each finding a result located in its file."""
    write_document(cleaned(stream, json_text), sarif_document(report))


def sarif_document(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON value whose ``results`` are read as they are written.

    The rules come from the report's tally, so they precede the results without holding them.
    """
    tally = report.tally
    codes = sorted({*tally.finding_codes, *(code or SKIPPED for code in tally.skip_codes)})
    index = {code: position for position, code in enumerate(codes)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hsconform",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/hsconform/",
                        "rules": [_rule(code) for code in codes],
                        **_driver_properties(report),
                    }
                },
                "automationDetails": {"id": f"hsconform/{report.kind}/"},
                "results": Items(_results(report, index)),
                "properties": _run_properties(report),
            }
        ],
    }


def _results(report: Report, index: Mapping[str, int]) -> Iterator[dict[str, Any]]:
    for outcome in report.outcomes:
        if outcome.status is Status.SKIPPED:
            yield _skip_result(outcome, index[outcome.code or SKIPPED], report.strict)
        for finding in outcome.findings:
            yield _result(finding, outcome.file, index[finding.code])


def _run_properties(report: Report) -> dict[str, Any]:
    """What the run was: the profile the pack was read with, and why nothing was checked."""
    properties: dict[str, Any] = {"profile": report.profile}
    if report.pack is not None:
        properties["pack"] = report.pack.to_dict()
    if report.nothing_checked is not None:
        properties["nothingChecked"] = report.nothing_checked
    return properties


def _driver_properties(report: Report) -> dict[str, Any]:
    """The pack the tool read, as the driver's property bag (none when unknown)."""
    return {"properties": {"pack": report.pack.to_dict()}} if report.pack is not None else {}


def _skip_result(outcome: Outcome, rule_index: int, strict: bool) -> dict[str, Any]:
    """A response that was not checked: ``notApplicable``, or a failure under ``--strict``."""
    where = outcome.location
    location: dict[str, Any] = {
        "artifactLocation": {"uri": _uri(where.file if where else outcome.source_file or "")}
    }
    if where is not None and where.line is not None:
        location["region"] = {"startLine": where.line}
    return {
        "ruleId": outcome.code or SKIPPED,
        "ruleIndex": rule_index,
        "kind": "fail" if strict else "notApplicable",
        "level": "error" if strict else "none",
        "message": {"text": f"skipped {outcome.file}: {outcome.reason}"},
        "locations": [{"physicalLocation": location}],
    }


def _uri(path: str) -> str:
    return quote(uri_path(path.replace("\\", "/")))


def _rule(code: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": "".join(part.capitalize() for part in code.split("-")),
        "shortDescription": {"text": describe_code(code)},
    }


def _result(finding: Finding, file: str, rule_index: int) -> dict[str, Any]:
    source = finding.source
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(source.file if source else file)}}
    if source is not None and source.line is not None:
        location["region"] = {"startLine": source.line, "startColumn": source.column or 1}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
        "properties": {
            key: value
            for key, value in {
                "instance": finding.instance or None,
                "schema": str(finding.schema) if finding.schema else None,
                "variant": finding.variant,
                "category": finding.category,
                "type": finding.type_name,
                "witness": finding.witness,
                "acceptedBy": finding.accepted_by,
            }.items()
            if value is not None
        },
    }
    if finding.instance:
        result["locations"][0]["logicalLocations"] = [
            {"fullyQualifiedName": finding.instance, "kind": "member"}
        ]
    return result
