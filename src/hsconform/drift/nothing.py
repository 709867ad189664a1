"""A variant whose validator accepts no payload at all: reported once, as such.

When one variant's schema cannot accept anything (a typeless root under ``strict`` with a
composition the document does not enable, a root that is a reference to nothing, a required
member of either kind), every local difference would be "proven" by whatever payload the
other accepts. Drift reports that one fact instead, with the schema problem the validator
names, and compares nothing else of the twin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hsconform.drift.compare import JSON_SCHEMA, JSON_STRUCTURE, SPEC, WIRE
from hsconform.drift.shape import Shape
from hsconform.drift.values import minimal
from hsconform.drift.witness import schema_problems, verdicts
from hsconform.findings import Finding, SchemaLocation, Severity

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


def accepts_nothing(shape: Shape, depth: int = 0) -> bool:
    """Whether no value fits the shape: invalid, or invalid where every value must have a part."""
    if shape.nullable or depth > 32:
        return False
    if shape.kind == "invalid":
        return True
    if shape.kind == "object":
        return any(
            accepts_nothing(shape.properties[name], depth + 1)
            for name in shape.required
            if name in shape.properties
        )
    if shape.kind in ("array", "set") and shape.min_items and shape.items is not None:
        return accepts_nothing(shape.items, depth + 1)
    return False


def nothing_accepted(pack: Pack, pack_type: PackType, js: Shape, st: Shape) -> Finding | None:
    """``HSC-D-ACCEPTS-NOTHING`` when a variant's validator accepts no payload, else ``None``.

    The shape says where to look; the validator must confirm it, rejecting the smallest
    payload of the other variant because of its own schema.
    """
    for empty, other, variant, other_variant in (
        (st, js, JSON_STRUCTURE, JSON_SCHEMA),
        (js, st, JSON_SCHEMA, JSON_STRUCTURE),
    ):
        if not accepts_nothing(empty):
            continue
        payload = minimal(other)
        results = verdicts(pack, pack_type, payload)
        problems = schema_problems(results[variant])
        if not problems:
            continue
        first = problems[0]
        proven = results[other_variant].ok
        document = pack.document(pack_type, variant=variant)
        return Finding(
            code="HSC-D-ACCEPTS-NOTHING",
            severity=Severity.ERROR,
            category=WIRE if proven else SPEC,
            message=f"the {variant} variant accepts no payload under {pack.profile}: "
            f"{first.message} [{first.code}]",
            instance="",
            schema=first.schema or SchemaLocation(document.file, ""),
            keyword=first.keyword,
            type_name=pack_type.name,
            variant=variant,
            witness=payload if proven else None,
            accepted_by=other_variant if proven else None,
        )
    return None
