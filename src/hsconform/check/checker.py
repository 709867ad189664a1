"""Checking recorded responses: find the files, read every response, pick its type, validate.

A file may hold one payload (JSON), many (JSON Lines) or recorded HTTP traffic
(VCR.py / pytest-recording cassettes, HAR). Each recorded response becomes one
:class:`~hsconform.outcomes.Outcome`; unreadable input and responses without a type are
outcomes too, never exceptions. The command line is a thin layer over :func:`check_paths`;
reporters only read the :class:`~hsconform.outcomes.Report` it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hsconform.check.coverage import coverage_keys, coverage_of, why_nothing_checked
from hsconform.config import display, glob_to_regex
from hsconform.errors import UnknownType
from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.jsontext import ParsedJSON
from hsconform.outcomes import Outcome, PackIdentity, Report
from hsconform.outcomes import Status as Status  # importable from here, as it always was
from hsconform.pack import Pack, PackType
from hsconform.pack.routes import Route, RouteTable
from hsconform.recordings import (
    RECORDING_SUFFIXES,
    Item,
    Origin,
    Recording,
    Skipped,
    Unreadable,
    find_recording_files,
    read_recordings,
)
from hsconform.rules import batch
from hsconform.rules.status import undeclared_status
from hsconform.spool import OutcomeSpool
from hsconform.vocabulary import dialects_of_variant

#: The report model's names from before it had a module of its own: they keep working.
CheckReport = Report
FileOutcome = Outcome

#: Skip codes of responses that were read but have no type to check them against.
NO_ROUTE = "HSC-R-NO-ROUTE"
NO_TYPE = "HSC-R-NO-TYPE"


@dataclass(frozen=True)
class FileTarget:
    """A file to check and whether the user named it (rather than a folder holding it)."""

    path: Path
    named: bool


@dataclass(frozen=True)
class Routing:
    """What the route table says about one recorded request: its route, or its operation's."""

    #: The route the (method, path, status) matched.
    route: Route | None
    #: Every route of the operation the method and path matched (any status); ``()`` for none.
    operation: tuple[Route, ...]

    @property
    def undeclared(self) -> bool:
        """The method and path match a documented operation, the status none of its routes."""
        return self.route is None and bool(self.operation)


#: Where files are mapped to types when no configuration file is in use.
TYPES_TABLE = "[types] of hsconform.toml (or [tool.hsconform.types] of pyproject.toml)"


def types_table(config_file: Path | None) -> str:
    """The table a user maps files to types in, as a hint names it: in their own file."""
    if config_file is None:
        return TYPES_TABLE
    if config_file.name == "pyproject.toml":
        return f"[tool.hsconform.types] of {display(config_file)}"
    return f"[types] of {display(config_file)}"


@dataclass(frozen=True)
class Selection:
    """How a recorded response gets its type: ``--type``, then ``[types]`` globs, then routes."""

    explicit: str | None = None
    globs: Callable[[Path], str | None] | None = None
    routes: RouteTable | None = None
    #: Where the user maps files to types, as the hint for a file without one names it.
    types_table: str = TYPES_TABLE
    #: Each type name looked up once: a name no type has costs its suggestions once, not
    #: once per response.
    _looked_up: dict[str, PackType | UnknownType] = field(
        default_factory=dict, compare=False, repr=False
    )

    def pack_type(self, pack: Pack, name: str) -> PackType:
        """The pack's type called ``name``; raises UnknownType (the same one each time)."""
        found = self._looked_up.get(name)
        if found is None:
            try:
                found = pack.type(name)
            except UnknownType as error:
                found = error
            self._looked_up[name] = found
        if isinstance(found, UnknownType):
            raise found
        return found

    def routing(self, origin: Origin) -> Routing | None:
        """The route table's answer for a recorded request; ``None`` without request or table."""
        if not (origin.method and origin.url and self.routes is not None):
            return None
        route = self.routes.match(origin.method, origin.url, origin.status)
        operation = self.routes.operation(origin.method, origin.url) if route is None else ()
        return Routing(route, operation)

    def type_for(
        self, path: Path, recording: Recording, routing: Routing | None = None
    ) -> tuple[str | None, str, str]:
        """The type name, or ``None`` with the skip code and the reason there is none."""
        if self.explicit is not None:
            return self.explicit, "", ""
        if self.globs is not None:
            chosen = self.globs(path)
            if chosen is not None:
                return chosen, "", ""
        origin = recording.origin
        if routing is None:
            routing = self.routing(origin)
        if routing is not None:
            if routing.route is not None:
                return routing.route.type_name, "", ""
            why = f"no route for {origin.method} {origin.url} -> {origin.status}"
            return None, NO_ROUTE, why
        if origin.kind in ("json", "jsonl"):
            why = f"no type for this file: pass --type or map it in {self.types_table}"
            return None, NO_TYPE, why
        return (
            None,
            NO_TYPE,
            "the recording names no request, and no --type or [types] glob applies",
        )


def collect_files(
    paths: Sequence[Path], excludes: Sequence[str] = ()
) -> tuple[list[FileTarget], list[str]]:
    """Recording files named or found under the given paths (sorted), less the excluded ones."""
    patterns = [glob_to_regex(pattern) for pattern in excludes]
    targets: list[FileTarget] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = [FileTarget(p, named=False) for p in find_recording_files(path)]
            if not found:
                suffixes = ", ".join(RECORDING_SUFFIXES)
                problems.append(f"{display(path)}: no recording files ({suffixes}) in this folder")
        elif path.exists():  # a device or pipe named on purpose is refused by its reader
            found = [FileTarget(path, named=True)]
        else:
            problems.append(f"{display(path)}: no such file or folder")
            continue
        for target in found:
            key = target.path.resolve()
            if key in seen or any(p.fullmatch(display(target.path)) for p in patterns):
                continue
            seen.add(key)
            targets.append(target)
    return targets, problems


def check_paths(
    pack: Pack,
    paths: Sequence[Path],
    selection: Selection,
    *,
    variant: str = "json-schema",
    excludes: Sequence[str] = (),
    strict: bool = False,
    list_unexercised: bool = False,
    run: Runner | None = None,
    track: Callable[[int, Iterable[CheckedFile]], Iterable[CheckedFile]] | None = None,
) -> Report:
    """Validate every recorded response under ``paths``.

    ``run`` may spread the files over processes (:mod:`hsconform.check.runner`); ``track``
    sees the results go by (a progress display). The report carries the route coverage of
    the recorded traffic (``list_unexercised``: text and Markdown list the routes no response
    reached) and, when nothing was validated, why.
    """
    targets, problems = collect_files(paths, excludes)
    checked = (run or check_files)(pack, targets, selection, variant)
    if track is not None:
        checked = track(len(targets), checked)
    return report_of(
        checked,
        problems,
        len(targets),
        selection,
        strict=strict,
        profile=pack.profile,
        list_unexercised=list_unexercised,
        identity=pack.identity,
    )


def report_of(
    checked: Iterable[CheckedFile],
    problems: Iterable[str],
    files: int,
    selection: Selection,
    *,
    strict: bool = False,
    profile: str | None = None,
    list_unexercised: bool = False,
    identity: PackIdentity | None = None,
) -> Report:
    """The report of ``files`` files' results, in order, after the usage ``problems``.

    Outcomes past :data:`~hsconform.spool.SPILL_AT` wait on disk for the reporters, so memory
    does not grow with the number of responses.
    """
    spool = OutcomeSpool()
    found = list(problems)
    for result in checked:
        spool.extend(result.outcomes)
        found.extend(result.problems)
    outcomes = spool.settled()
    return Report(
        outcomes=outcomes,
        files=files,
        problems=tuple(found),
        strict=strict,
        profile=profile,
        pack=identity,
        coverage=coverage_of(outcomes, selection.routes, listed=list_unexercised),
        unchecked_reason=why_nothing_checked(outcomes, selection.routes, files),
    )


@dataclass(frozen=True)
class CheckedFile:
    """The outcomes of one file, and the usage problems it revealed."""

    outcomes: tuple[Outcome, ...]
    problems: tuple[str, ...] = ()
    #: More results of the same file follow (a large file checked in chunks).
    more: bool = False


#: Checks files and yields their results in order (in this process or in several).
Runner = Callable[[Pack, Sequence["FileTarget"], "Selection", str], Iterable["CheckedFile"]]


def check_files(
    pack: Pack, targets: Sequence[FileTarget], selection: Selection, variant: str
) -> Iterator[CheckedFile]:
    """Check files one after the other, in order."""
    for target in targets:
        yield check_file_safely(pack, target, selection, variant=variant)


#: The code of a file whose check failed inside hsconform rather than on its content.
CHECK_FAILED = "HSC-R-CHECK-FAILED"


def check_file_safely(
    pack: Pack, target: FileTarget, selection: Selection, *, variant: str
) -> CheckedFile:
    """:func:`check_file`, with any failure of the check an unreadable outcome of this file.

    One file must never cost the report of the others: whatever escapes the readers and
    validators (a bug, a schema the engine refuses, memory) is reported against the file.
    """
    try:
        return check_file(pack, target, selection, variant=variant)
    except (Exception, RecursionError) as error:
        return failed_file(target, f"checking this file failed: {type(error).__name__}: {error}")


def failed_file(target: FileTarget, reason: str) -> CheckedFile:
    """The outcome of a file that could not be checked at all, with the reason."""
    shown = display(target.path)
    return CheckedFile((unreadable_outcome(Unreadable(shown, reason, code=CHECK_FAILED), shown),))


def check_file(
    pack: Pack, target: FileTarget, selection: Selection, *, variant: str, shown: str | None = None
) -> CheckedFile:
    """Every recorded response of one file, validated; ``shown`` names it in the report."""
    outcomes = []
    problems = []
    shown = display(target.path) if shown is None else shown
    for item in read_recordings(target.path, display=shown):
        outcome = check_item(pack, target.path, item, selection, variant=variant, source_file=shown)
        problem = usage_problem(outcome, item, named=target.named)
        if problem is not None:
            problems.append(problem)
        outcomes.append(outcome)
    return CheckedFile(tuple(outcomes), tuple(problems))


def usage_problem(outcome: Outcome, item: Item, *, named: bool) -> str | None:
    """The usage problem an outcome reveals, if any.

    A plain file the user named without a type, or a type that exists nowhere, is a usage
    problem; an unrouted response inside a recording is a counted skip.
    """
    skipped_json = (
        outcome.status is Status.SKIPPED
        and isinstance(item, Recording)
        and item.origin.kind == "json"
    )
    if (skipped_json and named) or (outcome.status is Status.SKIPPED and outcome.type is not None):
        return f"{outcome.file}: {outcome.reason}"
    return None


def check_item(
    pack: Pack,
    path: Path,
    item: Item,
    selection: Selection,
    *,
    variant: str,
    source_file: str | None = None,
) -> Outcome:
    """One recorded response: unreadable, skipped, or validated against its type.

    ``source_file`` is the file as shown, when the outcome names a response inside it.
    """
    if isinstance(item, Unreadable):
        return unreadable_outcome(item, source_file)
    routing = selection.routing(item.origin)
    if routing is None:
        route, request = coverage_keys(item.origin, None)
    else:
        route, request = coverage_keys(item.origin, routing.route, routing.operation)
    origin = item.origin
    outcome = partial(
        Outcome,
        route=route,
        request=request,
        source_file=source_file,
        method=origin.method,
        url=origin.url,
        http_status=origin.status,
        record=origin.index,
        line=origin.line,
    )
    return _judge(pack, path, item, selection, routing, variant, outcome)


def unreadable_outcome(item: Unreadable, source_file: str | None) -> Outcome:
    """A file, or one response of it, that could not be read: an error located in the file."""
    finding = Finding(
        code=item.code,
        severity=Severity.ERROR,
        message=item.message,
        source=SourceLocation(item.file, item.line, item.column),
    )
    where = item.file if item.line is None else f"{item.file}:{item.line}"
    if item.where is not None:
        where += f" {item.where}"  # one response of the file, not the whole file
    return Outcome(
        where,
        Status.UNREADABLE,
        findings=(finding,),
        reason=item.message,
        source_file=source_file,
        record=item.index,
        line=item.line,
    )


def _judge(
    pack: Pack,
    path: Path,
    item: Recording | Skipped,
    selection: Selection,
    routing: Routing | None,
    variant: str,
    outcome: partial[Outcome],
) -> Outcome:
    """A readable response: skipped, failed for its status, or validated against its type.

    ``outcome`` builds the verdict with the response's route and file already filled in.
    """
    origin = item.origin
    start = SourceLocation(origin.file, origin.line, None)
    name = str(origin)
    if isinstance(item, Skipped):
        return outcome(name, Status.SKIPPED, reason=item.reason, code=item.code, location=start)
    findings = list(duplicate_key_findings(item.payload, None))
    undeclared = routing is not None and routing.undeclared
    if routing is not None and undeclared:
        findings.append(_undeclared(origin, routing))
    type_name, code, why_not = selection.type_for(path, item, routing)
    if type_name is None and undeclared:
        placed = tuple(place(item, findings))
        return outcome(name, Status.of(placed), findings=placed)
    if type_name is None:
        return outcome(name, Status.SKIPPED, reason=why_not, code=code, location=start)
    try:
        pack_type = selection.pack_type(pack, type_name)
    except UnknownType as error:
        return outcome(
            name,
            Status.SKIPPED,
            type=type_name,
            reason=str(error),
            code=NO_TYPE,
            location=start,
        )
    variants = dialects_of_variant(variant)
    # the batch rules read the payload alone, whatever the dialect: once per response
    once = len(variants) > 1
    envelope = False
    judged: set[str] = set()
    for each in variants:
        if each not in pack_type.variants:
            findings.append(_missing_variant(pack_type.name, each))
            continue
        result = pack.validate(item.payload.value, pack_type, variant=each, batch_rules=not once)
        findings.extend(result.findings)
        judged.update(finding.instance for finding in result.findings)
        envelope = envelope or pack.is_batch_envelope(pack_type, each)
    if once and envelope:
        findings.extend(batch.check(item.payload.value, variant=None, already_reported=judged))
    findings.extend(
        batch.http_check(
            item.payload.value,
            http_status=item.origin.status,
            content_type=item.origin.content_type,
            envelope=envelope,
        )
    )
    placed = tuple(sorted(place(item, findings), key=_reading_order))
    return outcome(name, Status.of(placed), pack_type.name, variant, placed)


def _undeclared(origin: Origin, routing: Routing) -> Finding:
    template = routing.operation[0].template
    declared = (route.status for route in routing.operation)
    return undeclared_status(str(origin.method).upper(), template, str(origin.status), declared)


def _missing_variant(type_name: str, variant: str) -> Finding:
    return Finding(
        code="HSC-P-NO-VARIANT",
        severity=Severity.ERROR,
        message=f"{type_name} has no {variant} document",
        variant=variant,
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


def _reading_order(finding: Finding) -> tuple[int, int, str]:
    source = finding.source
    if source is None or source.line is None:
        return (0, 0, finding.instance)
    return (source.line, source.column or 0, finding.instance)


def place(recording: Recording, findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings with the file, line and column of the value each one is about."""
    for finding in findings:
        yield finding.with_source(recording.source(finding.instance))
