"""What a run found: an outcome per subject, gathered in one report that every reporter reads.

``check`` judges recorded responses, ``lint`` schema documents and ``drift`` types, but all
three end the same way: a subject, its status and the findings placed in it. Keeping that record
free of the stages that produce it lets every report format serve every kind of run, and lets
the reporters depend on nothing but findings.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.vocabulary import ReportKind


class Status(str, enum.Enum):
    """What became of one subject: a recorded response, a schema document or a type."""

    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNREADABLE = "unreadable"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Status:
        """FAILED when any finding is an error: warnings and info never fail a subject."""
        failed = any(finding.severity is Severity.ERROR for finding in findings)
        return cls.FAILED if failed else cls.OK


@dataclass(frozen=True)
class Outcome:
    """The verdict on one subject, with every finding placed in it."""

    #: The subject as shown: a file, a response inside a file, or a type name.
    file: str
    status: Status
    type: str | None = None
    variant: str | None = None
    findings: tuple[Finding, ...] = ()
    reason: str | None = None
    #: The file the outcome comes from, when ``file`` names a response inside it.
    source_file: str | None = None
    #: Why a response was skipped, as a stable code (``HSC-R-...``).
    code: str | None = None
    #: Where the response starts in its file (file, line), for skipped responses.
    location: SourceLocation | None = None

    @property
    def why(self) -> str:
        """The reason, led by its code: ``[HSC-R-EMPTY-BODY] empty body``."""
        reason = self.reason or self.status.value
        return f"[{self.code}] {reason}" if self.code else reason


@dataclass(frozen=True)
class Report:
    """Everything one run found, in a deterministic order."""

    outcomes: tuple[Outcome, ...]
    problems: tuple[str, ...] = field(default=())
    #: What the outcomes are about: responses (check), schema documents (lint) or types (drift).
    kind: ReportKind = ReportKind.CHECK
    #: Things to tell the reader that are not findings (e.g. baseline entries that no longer occur).
    notes: tuple[str, ...] = field(default=())
    #: Whether a skipped response fails the run (``--strict``).
    strict: bool = False

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings of all outcomes, in order."""
        return tuple(f for outcome in self.outcomes for f in outcome.findings)

    def count(self, status: Status) -> int:
        """How many outcomes ended with ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    def severities(self) -> dict[str, int]:
        """Number of findings per severity."""
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """0 conformant, 1 violations found (or skips under ``strict``), 2 an input problem."""
        if self.problems or self.count(Status.UNREADABLE):
            return 2
        if self.count(Status.FAILED) or (self.strict and self.count(Status.SKIPPED)):
            return 1
        return 0
