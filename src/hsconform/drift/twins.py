"""Drift of a pack's twins: compared shapes, judged examples, and the lint's spec findings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from hsconform.drift._per_pack import PerPack
from hsconform.drift.compare import JSON_SCHEMA, JSON_STRUCTURE, SPEC, WIRE, compare_with_sites
from hsconform.drift.examples import declared_examples, pack_examples
from hsconform.drift.lowering import shape_of
from hsconform.drift.nothing import nothing_accepted
from hsconform.drift.probes import probe_findings
from hsconform.drift.witness import prove
from hsconform.findings import Finding, Severity

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType

#: Lint codes that make a twin not valid in its own dialect, as HubSpot publishes it.
SPEC_WARNINGS = frozenset({"HSC-PUB-BARE-REF", "HSC-PUB-OPEN-OBJECT", "HSC-PUB-EMAIL-TYPE"})


def drift_findings(pack: Pack, types: Iterable[PackType]) -> Iterator[Finding]:
    """Every drift finding of the given twins: wire (proven), lossy, spec, examples.

    A variant that accepts nothing is that one finding; otherwise the differences of the
    shapes, then the boundary probes of every pair the shapes call equivalent.
    """
    for pack_type in types:
        if not pack_type.is_twin:
            continue
        js = shape_of(pack, pack_type, variant=JSON_SCHEMA)
        st = shape_of(pack, pack_type, variant=JSON_STRUCTURE)
        nothing = nothing_accepted(pack, pack_type, js, st)
        if nothing is not None:
            yield nothing
        else:
            differences, sites = compare_with_sites(js, st, pack.profile)
            found = [prove(pack, pack_type, difference, js, st) for difference in differences]
            yield from found
            reported = {
                f.instance for f in found if f.severity is Severity.ERROR and f.category == WIRE
            }
            yield from probe_findings(pack, pack_type, js, st, sites, reported)
        yield from pack_examples(pack, pack_type)
        yield from declared_examples(pack, pack_type, js, st)


def _spec_candidates(pack: Pack) -> tuple[Finding, ...]:
    """The lint findings that make a document not valid in its own dialect, in lint order."""
    return tuple(
        finding
        for finding in pack.lint()
        if finding.severity is Severity.ERROR or finding.code in SPEC_WARNINGS
    )


#: The lint reads every document of the pack: once per pack, however many twins are asked about.
_SPEC_CANDIDATES: PerPack[tuple[Finding, ...]] = PerPack(_spec_candidates)


def spec_findings(pack: Pack, types: Iterable[PackType]) -> Iterator[Finding]:
    """The lint's findings about the documents of the given twins, as ``spec`` drift."""
    files = {d.file: t for t in types if t.is_twin for d in t.documents.values()}
    for finding in _SPEC_CANDIDATES(pack):
        owner = files.get(finding.schema.file if finding.schema else "")
        if owner is not None:
            yield replace(finding, category=SPEC, type_name=owner.name)


def drift_of(pack: Pack, type: str | PackType | None = None) -> tuple[Finding, ...]:
    """Drift between the two variants of a type (every twin when ``type`` is ``None``).

    Each finding has a ``category``: ``wire`` (with the ``witness`` payload and the
    variant that alone ``accepted_by`` it, both checked by the real validators),
    ``lossy`` or ``spec``. See :mod:`hsconform.drift`.
    """
    chosen = [pack.type(type)] if type is not None else list(pack.types())
    return (*drift_findings(pack, chosen), *spec_findings(pack, chosen))
