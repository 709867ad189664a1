"""The drift report: one outcome per twin compared, each finding placed in its schema document.

Drift is about types, not files, so each outcome is named by its type; a finding that points
into a schema document also gets that document's line and column, so reports can show where
the two variants part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from hsconform.config import display
from hsconform.findings import Finding, SourceLocation
from hsconform.outcomes import Outcome, Report, Status
from hsconform.vocabulary import ReportKind

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


def drift_report(
    pack: Pack,
    findings: Iterable[Finding],
    compared: Iterable[PackType],
    *,
    notes: Sequence[str] = (),
) -> Report:
    """The drift findings of the ``compared`` types as a report; twins without drift show ok."""
    twins = [t.name for t in compared if t.is_twin]
    return Report(
        outcomes=drift_outcomes(pack, findings, twins),
        kind=ReportKind.DRIFT,
        notes=tuple(notes),
        profile=pack.profile,
        pack=pack.identity,
    )


def drift_outcomes(
    pack: Pack, findings: Iterable[Finding], twins: Iterable[str]
) -> tuple[Outcome, ...]:
    """One outcome per twin and per other type a finding names, sorted by type name."""
    documents = {d.file: d for d in pack.documents}
    by_type: dict[str, list[Finding]] = {name: [] for name in twins}
    for finding in findings:
        by_type.setdefault(finding.type_name or "", []).append(finding)
    outcomes = []
    for name in sorted(by_type):
        placed = []
        for finding in by_type[name]:
            file = finding.schema.file if finding.schema else ""
            document = documents.get(file)
            if document is not None and finding.schema is not None:
                position = document.locate(finding.schema.pointer)
                line, column = position if position else (None, None)
                source = SourceLocation(display(pack.root / file), line, column)
                finding = finding.with_source(source)
            placed.append(finding)
        outcomes.append(Outcome(name, Status.of(placed), type=name, findings=tuple(placed)))
    return tuple(outcomes)
