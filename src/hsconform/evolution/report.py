"""The pack diff as a report every reporter reads: one outcome per type, changes as findings.

A change is placed in the version it is located in (NEW, else OLD), with that document's
line and column, so text, Markdown and SARIF point at the schema that changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from hsconform.config import display
from hsconform.evolution.changes import Change, ChangeClass
from hsconform.findings import Finding, SourceLocation
from hsconform.outcomes import EXIT_OK, EXIT_VIOLATIONS, Outcome, Report, Status
from hsconform.vocabulary import ReportKind

if TYPE_CHECKING:
    from hsconform.pack import Pack
    from hsconform.pack.documents import Document

#: What ``--fail-on`` accepts: the least class that fails the run.
FAIL_ON = ("breaking", "widening")


def exit_code(changes: Iterable[Change], fail_on: str = "breaking") -> int:
    """1 when a breaking change (or, with ``fail_on="widening"``, a widening one) is found."""
    failing = {ChangeClass.BREAKING}
    if fail_on == "widening":
        failing.add(ChangeClass.WIDENING)
    return EXIT_VIOLATIONS if any(c.change_class in failing for c in changes) else EXIT_OK


def diff_report(old: Pack, new: Pack, changes: Iterable[Change]) -> Report:
    """One outcome per type with a change, sorted by type; failed when a change is breaking.

    The report names NEW as its pack, and OLD in a note.
    """
    documents = {pack: {d.file: d for d in pack.documents} for pack in (old, new)}
    by_type: dict[str, list[Finding]] = {}
    for change in changes:
        by_type.setdefault(change.type, []).append(_placed(old, new, change, documents))
    outcomes = tuple(
        Outcome(name, Status.of(findings), type=name, findings=tuple(findings))
        for name, findings in sorted(by_type.items())
    )
    return Report(
        outcomes=outcomes,
        kind=ReportKind.PACK_DIFF,
        profile=new.profile,
        pack=new.identity,
        notes=(f"compared with the old version: {old.identity}",),
    )


def _placed(
    old: Pack, new: Pack, change: Change, documents: Mapping[Pack, Mapping[str, Document]]
) -> Finding:
    finding = change.to_finding()
    pack, location = (new, change.new) if change.new is not None else (old, change.old)
    if location is None:
        return finding
    document = documents[pack].get(location.file)
    position = document.locate(location.pointer) if document is not None else None
    line, column = position if position else (None, None)
    return finding.with_source(SourceLocation(display(pack.root / location.file), line, column))
