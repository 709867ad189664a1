"""What a run found: an outcome per subject, gathered in one report that every reporter reads.

``check`` judges recorded responses, ``lint`` schema documents and ``drift`` types, but all
three end the same way: a subject, its status and the findings placed in it. Keeping that record
free of the stages that produce it lets every report format serve every kind of run, and lets
the reporters depend on nothing but findings.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, runtime_checkable

from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.vocabulary import ReportKind

#: Exit codes of a run: conformant, violations found, usage or input error, nothing checked.
EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_NOTHING_CHECKED = 3


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
    #: The route a recorded response matched: ``METHOD template status``.
    route: str | None = None
    #: A recorded request no route covers, as ``METHOD /path/shape`` (ids as ``{}``).
    request: str | None = None
    #: The recorded exchange, for tabular outputs: its request, HTTP status, and position
    #: (interaction or entry index, JSON Lines line); not part of an outcome's identity.
    method: str | None = field(default=None, compare=False)
    url: str | None = field(default=None, compare=False)
    http_status: int | None = field(default=None, compare=False)
    record: int | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def why(self) -> str:
        """The reason, led by its code: ``[HSC-R-EMPTY-BODY] empty body``."""
        reason = self.reason or self.status.value
        return f"[{self.code}] {reason}" if self.code else reason


@dataclass(frozen=True)
class Exercise:
    """What became of the responses of one route (or of one unrouted request shape)."""

    #: ``METHOD template status`` for a route, ``METHOD /path/shape`` for unrouted requests.
    key: str
    seen: int = 0
    checked: int = 0
    failed: int = 0
    #: Skipped responses per skip code, sorted by code.
    skipped: tuple[tuple[str, int], ...] = ()

    @property
    def skipped_total(self) -> int:
        """How many of the responses were skipped, whatever the reason."""
        return sum(count for _, count in self.skipped)


@dataclass(frozen=True)
class Coverage:
    """How far recorded traffic exercised the route table: so a green run shows what it saw."""

    #: Every route at least one response matched, in route-table order.
    routes: tuple[Exercise, ...]
    #: The routes of the table no response matched, as ``METHOD template status``.
    unexercised: tuple[str, ...]
    #: Responses that matched no route, grouped by method and path shape.
    unrouted: tuple[Exercise, ...]
    #: How many routes the table holds.
    total: int
    #: Whether text and Markdown list the unexercised routes (``--coverage``), or count them.
    listed: bool = False


@dataclass(frozen=True)
class PackIdentity:
    """Which pack a run read: its name, the digest of its content and the commit it came from.

    From the pack's lock when it has one, else computed on load (the folder's name and the
    digest of its files), so two reports over the same bytes name the same pack anywhere.
    """

    name: str
    #: ``sha256:`` and the hex digest over the pack's file paths and hashes.
    digest: str
    #: The source commit (12 hex digits, ``+`` when the checkout had changes), when known.
    commit: str | None = None
    #: Whether the identity comes from a lock the pack was checked against.
    locked: bool = False

    @property
    def short_digest(self) -> str:
        """The digest as reports show it: ``sha256:`` and its first 12 hex digits."""
        return self.digest[: len("sha256:") + 12]

    def __str__(self) -> str:
        commit = f" commit {self.commit}" if self.commit else ""
        return f"{self.name} {self.short_digest}{commit}"

    def to_dict(self) -> dict[str, str | bool | None]:
        """The identity as JSON reports carry it."""
        return {
            "name": self.name,
            "digest": self.digest,
            "commit": self.commit,
            "locked": self.locked,
        }


@dataclass(frozen=True)
class Tally:
    """The figures of a report's outcomes, gathered in one pass: what reporters need up front.

    A report too large for memory keeps its outcomes on disk and its tally in memory, so every
    reporter can write its heading (counts, the rules it will cite) before the first outcome.
    """

    #: How many outcomes there are.
    outcomes: int = 0
    #: Outcomes per status.
    statuses: tuple[tuple[Status, int], ...] = ()
    #: Findings per ``(category, code, severity)``, sorted.
    codes: tuple[tuple[tuple[str, str, str], int], ...] = ()
    #: Skipped outcomes per skip code (``None`` for a skip without one), sorted by code.
    skips: tuple[tuple[str | None, int], ...] = ()
    #: Outcomes judged (ok or failed) that carry findings.
    with_findings: int = 0

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Tally:
        """The tally of ``outcomes``, read once."""
        tallying = Tallying()
        for outcome in outcomes:
            tallying.add(outcome)
        return tallying.tally()

    def count(self, status: Status) -> int:
        """How many outcomes ended with ``status``."""
        return dict(self.statuses).get(status, 0)

    def severities(self) -> dict[str, int]:
        """Number of findings per severity, every severity present."""
        counts = {severity.value: 0 for severity in Severity}
        for (_, _, severity), count in self.codes:
            counts[severity] += count
        return counts

    @property
    def skip_codes(self) -> tuple[str | None, ...]:
        """The codes of skipped outcomes, sorted."""
        return tuple(code for code, _ in self.skips)

    @property
    def finding_codes(self) -> tuple[str, ...]:
        """The distinct codes of the findings, sorted."""
        return tuple(sorted({code for (_, code, _), _ in self.codes}))


class Tallying:
    """A tally being gathered outcome by outcome."""

    def __init__(self) -> None:
        self._outcomes = 0
        self._statuses: Counter[Status] = Counter()
        self._codes: Counter[tuple[str, str, str]] = Counter()
        self._skips: Counter[str | None] = Counter()
        self._with_findings = 0

    def add(self, outcome: Outcome) -> None:
        """Count one more outcome and its findings."""
        self._outcomes += 1
        self._statuses[outcome.status] += 1
        if outcome.status is Status.SKIPPED:
            self._skips[outcome.code] += 1
        elif outcome.findings and outcome.status is not Status.UNREADABLE:
            self._with_findings += 1
        for finding in outcome.findings:
            self._codes[(finding.category or "-", finding.code, finding.severity.value)] += 1

    def tally(self) -> Tally:
        """The figures so far, as a value."""
        return Tally(
            outcomes=self._outcomes,
            statuses=tuple(sorted(self._statuses.items(), key=lambda item: item[0].value)),
            codes=tuple(sorted(self._codes.items())),
            skips=tuple(sorted(self._skips.items(), key=lambda item: item[0] or "")),
            with_findings=self._with_findings,
        )


@runtime_checkable
class Tallied(Protocol):
    """Outcomes that keep their own tally as they are gathered (a spool on disk)."""

    @property
    def tally(self) -> Tally:
        """The figures of every outcome held."""


@dataclass(frozen=True)
class Report:
    """Everything one run found, in a deterministic order.

    ``outcomes`` is a tuple, or for a run too large for memory a collection kept on disk
    (:class:`~hsconform.spool.OutcomeSpool`): iterate it, do not index it.
    """

    outcomes: Collection[Outcome]
    problems: tuple[str, ...] = field(default=())
    #: What the outcomes are about: responses (check), schema documents (lint) or types (drift).
    kind: ReportKind = ReportKind.CHECK
    #: Things to tell the reader that are not findings (e.g. baseline entries that no longer occur).
    notes: tuple[str, ...] = field(default=())
    #: Whether a skipped response fails the run (``--strict``).
    strict: bool = False
    #: The JSON Structure profile the pack was read with.
    profile: str | None = None
    #: The pack the run read.
    pack: PackIdentity | None = None
    #: Routes exercised by the recorded traffic (check runs over HTTP recordings).
    coverage: Coverage | None = None
    #: Why a check validated nothing (no files, no routes, every response skipped).
    unchecked_reason: str | None = None
    #: How many files the outcomes were read from, when the run read files (check).
    files: int | None = None

    @cached_property
    def tally(self) -> Tally:
        """The figures of the outcomes: kept by a spool, else counted once on first use."""
        if isinstance(self.outcomes, Tallied):
            return self.outcomes.tally
        return Tally.of(self.outcomes)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings of all outcomes, in order (held in memory: reporters iterate instead)."""
        return tuple(f for outcome in self.outcomes for f in outcome.findings)

    def count(self, status: Status) -> int:
        """How many outcomes ended with ``status``."""
        return self.tally.count(status)

    def severities(self) -> dict[str, int]:
        """Number of findings per severity."""
        return self.tally.severities()

    @property
    def checked(self) -> int:
        """How many subjects were validated (ok or failed), as opposed to skipped or unreadable."""
        return self.count(Status.OK) + self.count(Status.FAILED)

    @property
    def nothing_checked(self) -> str | None:
        """Why a check run validated nothing; ``None`` when it validated something."""
        if self.kind is not ReportKind.CHECK or self.checked:
            return None
        return self.unchecked_reason or "no response or payload was validated"

    @property
    def exit_code(self) -> int:
        """0 ok, 1 violations (or skips under ``strict``), 2 input problem, 3 nothing checked.

        An input problem wins over everything; a check that validated nothing is not green
        even when nothing failed, so a CI job cannot pass having checked no response.
        """
        if self.problems or self.count(Status.UNREADABLE):
            return EXIT_USAGE
        if self.nothing_checked is not None:
            return EXIT_NOTHING_CHECKED
        if self.count(Status.FAILED) or (self.strict and self.count(Status.SKIPPED)):
            return EXIT_VIOLATIONS
        return EXIT_OK
