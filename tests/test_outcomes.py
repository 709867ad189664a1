"""The report model every reporter reads: its judgement of findings, its old import path."""

from __future__ import annotations

import hsconform.check.checker as checker
from hsconform.findings import Finding, Severity
from hsconform.outcomes import Outcome, Report, Status


def _finding(severity: Severity) -> Finding:
    return Finding(code="HSC-X", severity=severity, message="m")


def test_only_an_error_fails_a_subject() -> None:
    assert Status.of([]) is Status.OK
    assert Status.of([_finding(Severity.WARNING), _finding(Severity.INFO)]) is Status.OK
    assert Status.of([_finding(Severity.INFO), _finding(Severity.ERROR)]) is Status.FAILED


def test_the_check_module_still_names_the_model() -> None:
    assert checker.CheckReport is Report
    assert checker.FileOutcome is Outcome
    assert checker.Status is Status
