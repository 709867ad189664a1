"""Wire changes of one type: drift's comparison core run on OLD beside NEW.

Each difference is proven by a witness payload that the two versions' real validators judge
differently: OLD alone accepts it (breaking) or NEW alone does (widening).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hsconform.drift import WIRE, Difference, compare, shape_of
from hsconform.drift.compare import same_dialect
from hsconform.drift.paths import Path, pattern
from hsconform.drift.shape import Shape
from hsconform.drift.witness import envelope
from hsconform.evolution.changes import NEW, OLD, Change, ChangeClass
from hsconform.evolution.versions import Versions
from hsconform.evolution.wording import describe
from hsconform.findings import SchemaLocation

if TYPE_CHECKING:
    from hsconform.pack import PackType

#: The prefix of a change's code; the rest is drift's (``HSC-D-ENUM`` -> ``HSC-PD-ENUM``).
PREFIX = "HSC-PD-"
UNPROVEN = "HSC-PD-UNPROVEN"


def code_of(difference: Difference) -> str:
    """The change code of a drift difference's code."""
    return PREFIX + difference.code.removeprefix("HSC-D-")


def wire_changes(
    versions: Versions, old_type: PackType, new_type: PackType, dialect: str, *, name: str
) -> Iterator[Change]:
    """Every wire change of one variant of a type, classified by its witness.

    A difference no payload proves (both versions judge every candidate alike) is an
    ``annotation`` change coded ``HSC-PD-UNPROVEN``.
    """
    old = shape_of(versions.old, old_type, variant=dialect)
    new = shape_of(versions.new, new_type, variant=dialect)
    own = {old_type.documents[dialect].file, new_type.documents[dialect].file}
    for difference in compare(old, new, versions.profile, same_dialect(dialect)):
        if difference.category == WIRE:
            yield _proven(
                versions, (old_type, new_type), (old, new), difference, dialect, name, own
            )


def _proven(
    versions: Versions,
    types: tuple[PackType, PackType],
    shapes: tuple[Shape, Shape],
    d: Difference,
    dialect: str,
    name: str,
    own: set[str],
) -> Change:
    old_parent, old_at = _along(shapes[0], d.path)
    new_parent, new_at = _along(shapes[1], d.path)
    message = describe(d, old_parent, new_parent)
    where = new_at or old_at
    if where is not None and where.file not in own:
        message += f" (in {where.file}, through a reference)"
    change = Change(
        type=name,
        change_class=ChangeClass.ANNOTATION,
        code=code_of(d),
        message=message,
        dialect=dialect,
        old=old_at,
        new=new_at,
        instance=pattern(d.path),
    )
    widening: Any = None
    for leaf in d.leaves:
        payload = envelope(shapes[0], shapes[1], d.path, leaf, versions.profile)
        old_ok = versions.old.validate(payload, types[0], variant=dialect).ok
        new_ok = versions.new.validate(payload, types[1], variant=dialect).ok
        if old_ok and not new_ok:
            return _with(change, ChangeClass.BREAKING, payload, OLD)
        if new_ok and not old_ok and widening is None:
            widening = (payload,)
    if widening is not None:
        return _with(change, ChangeClass.WIDENING, widening[0], NEW)
    return replace(
        change,
        code=UNPROVEN,
        message=f"{message}; no payload found that one version accepts and the other rejects "
        f"(the difference was {change.code})",
    )


def _with(change: Change, change_class: ChangeClass, witness: Any, accepted_by: str) -> Change:
    return replace(change, change_class=change_class, witness=witness, accepted_by=accepted_by)


def _along(root: Shape, path: Path) -> tuple[Shape | None, SchemaLocation | None]:
    """The object holding the last step, and the location of the deepest node on the path."""
    shape: Shape | None = root
    parent: Shape | None = None
    location = root.origin
    for step in path:
        parent = shape
        shape = _child(shape, step.kind, step.key)
        if shape is None:
            break
        location = shape.origin
    return parent, SchemaLocation(location.file, location.pointer)


def _child(shape: Shape | None, kind: str, key: str | int | None) -> Shape | None:
    if shape is None:
        return None
    if kind == "prop":
        return shape.properties.get(str(key))
    if kind in ("items", "values"):
        if shape.kind == "object" and isinstance(shape.additional, Shape):
            return shape.additional
        return shape.items
    if kind == "tuple" and isinstance(key, int) and key < len(shape.members):
        return shape.members[key]
    return None
