"""Lint of a pack's schema documents, and the lint report: one outcome per document.

Each dialect brings its own lint (:mod:`hsconform.json_structure.lint` against the JSON
Structure drafts, :mod:`hsconform.json_schema.lint` against the 2020-12 metaschema); this
module runs the right one on every document of a pack and places each finding on the line and
column of the node it is about, so reports can point into the published files.
"""

from __future__ import annotations

from collections.abc import Iterable

from hsconform.config import display
from hsconform.errors import LoadProblem
from hsconform.findings import Finding, SchemaLocation, Severity, SourceLocation
from hsconform.json_schema.lint import lint_json_schema
from hsconform.json_structure.lint import lint_document
from hsconform.outcomes import Outcome, Report, Status
from hsconform.pack import Pack
from hsconform.pack.documents import JSON_STRUCTURE
from hsconform.vocabulary import ReportKind, profile_named


def lint_pack(pack: Pack, *, profile: str | None = None) -> tuple[Finding, ...]:
    """Every problem of every document: JSON Structure conformance, JSON Schema metaschema.

    ``profile`` defaults to the pack's. Findings carry the document's pack-relative
    file and the line and column of the offending node; notes from loading (a
    document without ``$schema``, ...) come as warnings.
    """
    chosen = profile_named(profile or pack.profile)
    elsewhere: dict[str, set[str]] = {}
    for resolution in pack.resolutions:
        if resolution.target_file != resolution.file:
            elsewhere.setdefault(resolution.file, set()).add(resolution.pointer)
    findings: list[Finding] = [_note_finding(note) for note in pack.notes]
    for document in pack.documents:
        if document.dialect == JSON_STRUCTURE:
            found = lint_document(
                document.keywords,
                file=document.file,
                profile=chosen,
                resolved_elsewhere=elsewhere.get(document.file, set()),
            )
        else:
            found = lint_json_schema(document.contents, file=document.file)
        for finding in found:
            pointer = finding.schema.pointer if finding.schema else ""
            position = document.locate(pointer)
            line, column = position if position else (None, None)
            findings.append(finding.with_source(SourceLocation(document.file, line, column)))
    return tuple(findings)


def lint_report(pack: Pack, findings: Iterable[Finding]) -> Report:
    """Lint findings as a report: an outcome per document, in file order, clean ones included.

    Each finding is shown under its document's path as the user would type it, rather than
    the pack-relative file the lint gives it.
    """
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        file = finding.source.file if finding.source else ""
        by_file.setdefault(file, []).append(finding)
    outcomes = []
    for document in pack.documents:
        shown = display(pack.root / document.file)
        found = tuple(
            f.with_source(
                SourceLocation(
                    shown,
                    f.source.line if f.source else None,
                    f.source.column if f.source else None,
                )
            )
            for f in by_file.get(document.file, [])
        )
        outcomes.append(
            Outcome(
                shown,
                Status.of(found),
                type=f"{document.family}/{document.title or document.stem}",
                variant=document.dialect,
                findings=found,
                source_file=shown,
            )
        )
    return Report(
        outcomes=tuple(outcomes), kind=ReportKind.LINT, profile=pack.profile, pack=pack.identity
    )


def _note_finding(note: LoadProblem) -> Finding:
    """A load note as a lint warning, so every reporter shows it."""
    return Finding(
        code=note.code,
        severity=Severity.WARNING,
        message=note.message,
        schema=SchemaLocation(note.file, note.pointer),
        source=SourceLocation(note.file, note.line, note.column),
    )
