"""Every change between two versions of a pack, in a stable order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hsconform.evolution.annotations import (
    annotation_pointers,
    first_other_difference,
    instance_of,
)
from hsconform.evolution.changes import Change, ChangeClass
from hsconform.evolution.matching import match_types
from hsconform.evolution.routes import route_changes
from hsconform.evolution.types import wire_changes
from hsconform.evolution.versions import Versions
from hsconform.findings import SchemaLocation
from hsconform.vocabulary import DIALECTS

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


def diff_packs(old: Pack, new: Pack) -> tuple[Change, ...]:
    """What changed from ``old`` to ``new`` for a consumer of responses (see the package)."""
    versions = Versions(old, new)
    matching = match_types(old, new)
    changes: list[Change] = []
    for before, after in matching.pairs:
        for dialect in DIALECTS:
            changes.extend(_type_changes(versions, before, after, dialect))
    changes.extend(_one_side(t, ChangeClass.REMOVED) for t in matching.removed)
    changes.extend(_one_side(t, ChangeClass.ADDED) for t in matching.added)
    changes.extend(route_changes(versions, matching.renamed()))
    return tuple(sorted(changes, key=Change.sort_key))


def _type_changes(
    versions: Versions, before: PackType, after: PackType, dialect: str
) -> Iterator[Change]:
    old_document, new_document = before.documents.get(dialect), after.documents.get(dialect)
    if old_document is None or new_document is None:
        if old_document is not None:
            yield _variant(before, after, dialect, ChangeClass.REMOVED)
        elif new_document is not None:
            yield _variant(before, after, dialect, ChangeClass.ADDED)
        return
    if versions.unchanged(old_document.file, new_document.file):
        return
    wire = list(wire_changes(versions, before, after, dialect, name=after.name))
    yield from wire
    old_contents, new_contents = old_document.keywords, new_document.keywords
    for pointer in annotation_pointers(old_contents, new_contents):
        yield Change(
            type=after.name,
            change_class=ChangeClass.ANNOTATION,
            code="HSC-PD-ANNOTATION",
            message=f"{pointer.rsplit('/', 1)[-1]} changed",
            dialect=dialect,
            old=SchemaLocation(old_document.file, pointer),
            new=SchemaLocation(new_document.file, pointer),
            instance=instance_of(pointer.rsplit("/", 1)[0]),
        )
    own = {old_document.file, new_document.file}
    located = any(c.new is not None and c.new.file in own for c in wire)
    other = None if located else first_other_difference(old_contents, new_contents)
    if other is not None:
        yield Change(
            type=after.name,
            change_class=ChangeClass.ANNOTATION,
            code="HSC-PD-NO-WIRE-CHANGE",
            message="the schema changed without changing what it accepts",
            dialect=dialect,
            old=SchemaLocation(old_document.file, other),
            new=SchemaLocation(new_document.file, other),
            instance=instance_of(other),
        )


def _variant(before: PackType, after: PackType, dialect: str, change_class: ChangeClass) -> Change:
    document = (before if change_class is ChangeClass.REMOVED else after).documents[dialect]
    where = SchemaLocation(document.file, "")
    return Change(
        type=after.name,
        change_class=change_class,
        code=f"HSC-PD-TYPE-{change_class.value.upper()}",
        message=f"the {dialect} variant was {change_class.value}",
        dialect=dialect,
        old=where if change_class is ChangeClass.REMOVED else None,
        new=where if change_class is ChangeClass.ADDED else None,
    )


def _one_side(pack_type: PackType, change_class: ChangeClass) -> Change:
    """A type in one version only: one change, naming the variants it has."""
    return Change(
        type=pack_type.name,
        change_class=change_class,
        code=f"HSC-PD-TYPE-{change_class.value.upper()}",
        message=f"type {pack_type.name} was {change_class.value} ({', '.join(pack_type.variants)})",
        old=_document_at(pack_type) if change_class is ChangeClass.REMOVED else None,
        new=_document_at(pack_type) if change_class is ChangeClass.ADDED else None,
    )


def _document_at(pack_type: PackType) -> SchemaLocation:
    return SchemaLocation(pack_type.documents[pack_type.variants[0]].file, "")
