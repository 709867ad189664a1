"""Checking payload files: find them, pick each one's type, validate, place findings in the text.

The command line is a thin layer over :func:`check_paths`; reporters only
read the :class:`CheckReport` it returns.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hsconform.errors import PayloadError, UnknownType
from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.jsontext import ParsedJSON, read_json_file
from hsconform.pack import Pack

#: Picks the type of a file: a type name, or ``None`` when nothing maps it.
TypeSelector = Callable[[Path], "str | None"]


class Status(str, enum.Enum):
    """What became of one file."""

    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNREADABLE = "unreadable"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class FileOutcome:
    """The verdict on one file, with every finding placed in it."""

    file: str
    status: Status
    type: str | None = None
    variant: str | None = None
    findings: tuple[Finding, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class CheckReport:
    """Everything one ``check`` run found, in a deterministic order."""

    outcomes: tuple[FileOutcome, ...]
    problems: tuple[str, ...] = field(default=())
    #: ``check`` (findings about payloads), ``lint`` (about schema documents) or ``drift``.
    kind: str = "check"
    #: Things to tell the reader that are not findings (e.g. baseline entries that no longer occur).
    notes: tuple[str, ...] = field(default=())

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings of all files, file by file."""
        return tuple(f for outcome in self.outcomes for f in outcome.findings)

    def count(self, status: Status) -> int:
        """How many files ended with ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    def severities(self) -> dict[str, int]:
        """Number of findings per severity."""
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """0 conformant, 1 violations found, 2 an input or usage problem."""
        if self.problems or self.count(Status.UNREADABLE):
            return 2
        return 1 if self.count(Status.FAILED) else 0


@dataclass(frozen=True)
class FileTarget:
    """A file to check and whether the user named it (rather than a folder holding it)."""

    path: Path
    named: bool


def collect_files(paths: Sequence[Path]) -> tuple[list[FileTarget], list[str]]:
    """The JSON files named or found (recursively, sorted) under the given paths."""
    targets: list[FileTarget] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                problems.append(f"{display(path)}: no .json files in this folder")
            new = [FileTarget(p, named=False) for p in found if p.resolve() not in seen]
        elif path.is_file():
            new = [FileTarget(path, named=True)] if path.resolve() not in seen else []
        else:
            problems.append(f"{display(path)}: no such file or folder")
            continue
        seen.update(t.path.resolve() for t in new)
        targets.extend(new)
    return targets, problems


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


def check_paths(
    pack: Pack,
    paths: Sequence[Path],
    select: TypeSelector,
    *,
    variant: str = "json-schema",
) -> CheckReport:
    """Validate every JSON file under ``paths`` with the type ``select`` picks for it."""
    targets, problems = collect_files(paths)
    outcomes = []
    for target in targets:
        outcome = check_file(pack, target, select, variant=variant)
        # a file the user named, or a type name that exists nowhere, is a usage problem
        if outcome.status is Status.SKIPPED and (target.named or outcome.type is not None):
            problems.append(f"{outcome.file}: {outcome.reason}")
        outcomes.append(outcome)
    return CheckReport(outcomes=tuple(outcomes), problems=tuple(problems))


def check_file(
    pack: Pack, target: FileTarget, select: TypeSelector, *, variant: str
) -> FileOutcome:
    """Validate one file; an unreadable file or unmapped type is an outcome, not an exception."""
    name = display(target.path)
    type_name = select(target.path)
    if type_name is None:
        return FileOutcome(
            name,
            Status.SKIPPED,
            reason="no type for this file: pass --type or map it in [types] of hsconform.toml",
        )
    try:
        pack_type = pack.type(type_name)
    except UnknownType as error:
        return FileOutcome(name, Status.SKIPPED, type=type_name, reason=str(error))
    try:
        parsed = read_json_file(target.path, display=name)
    except PayloadError as error:
        finding = Finding(
            code="HSC-P-INVALID-JSON",
            severity=Severity.ERROR,
            message=error.reason,
            source=SourceLocation(name, error.line, error.column),
        )
        return FileOutcome(
            name, Status.UNREADABLE, pack_type.name, variant, (finding,), reason=error.reason
        )
    result = pack.validate(parsed.value, pack_type, variant=variant)
    findings = list(duplicate_key_findings(parsed, variant))
    findings.extend(result.findings)
    placed = tuple(sorted(place(parsed, findings), key=_reading_order))
    failed = any(f.severity is Severity.ERROR for f in placed)
    return FileOutcome(
        name, Status.FAILED if failed else Status.OK, pack_type.name, variant, placed
    )


def duplicate_key_findings(parsed: ParsedJSON, variant: str | None) -> Iterator[Finding]:
    """A finding per member that appears twice in one object: the payload is ambiguous."""
    for pointer in parsed.duplicates:
        yield Finding(
            code="HSC-P-DUPLICATE-KEY",
            severity=Severity.ERROR,
            message="member appears more than once in its object; readers disagree on its value",
            instance=pointer,
            variant=variant,
        )


def _reading_order(finding: Finding) -> tuple[int, int]:
    source = finding.source
    if source is None or source.line is None:
        return (0, 0)
    return (source.line, source.column or 0)


def place(parsed: ParsedJSON, findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings with the file, line and column of the value each one is about."""
    for finding in findings:
        position = parsed.locate(finding.instance)
        line, column = position if position else (None, None)
        yield finding.with_source(SourceLocation(parsed.file, line, column))
