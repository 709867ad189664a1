"""Witnesses: the payloads that prove a wire difference, judged by both real validators.

A witness is the whole envelope of a type: the smallest value both variants accept, with
one leaf of a :class:`~hsconform.drift.compare.Difference` applied where it lies. A wire
difference is reported as an error only once a witness is accepted by exactly one variant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hsconform.drift.compare import (
    DELETE,
    JOINT,
    JSON_SCHEMA,
    JSON_STRUCTURE,
    SET,
    WIRE,
    Difference,
)
from hsconform.drift.paths import Path, Step, pattern
from hsconform.drift.shape import Shape
from hsconform.drift.values import accepts, encode_integer, joint
from hsconform.findings import Finding, SchemaLocation, Severity
from hsconform.rules import batch

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType

_DELETE = object()


def _child(shape: Shape | None, step: Step) -> Shape | None:
    if shape is None:
        return None
    if step.kind == "prop":
        return shape.properties.get(str(step.key))
    if step.kind in ("items", "values"):
        if shape.kind == "object" and isinstance(shape.additional, Shape):
            return shape.additional
        return shape.items
    if step.kind == "tuple" and isinstance(step.key, int) and step.key < len(shape.members):
        return shape.members[step.key]
    return None


def build_witness(
    js: Shape | None, st: Shape | None, path: Path, leaf: tuple[str, Any], profile: str
) -> Any:
    """The whole envelope: both variants' smallest common value, ``leaf`` applied at ``path``."""
    if not path:
        operation, argument = leaf
        if operation == SET:
            return argument
        if operation == DELETE:
            return _DELETE
        if operation == JOINT:
            return joint(js, st, profile)
        base = joint(js, st, profile)
        return {**base, argument: "x"} if isinstance(base, dict) else base
    step, rest = path[0], path[1:]
    base = joint(js, st, profile)
    inner = build_witness(_child(js, step), _child(st, step), rest, leaf, profile)
    if step.kind == "prop":
        container = dict(base) if isinstance(base, dict) else {}
        if inner is _DELETE:
            container.pop(str(step.key), None)
        else:
            container[str(step.key)] = inner
        return container
    if step.kind == "values":
        return {"key": inner} if inner is not _DELETE else {}
    if step.kind == "tuple":
        items = list(base) if isinstance(base, list) else []
        if isinstance(step.key, int) and step.key < len(items):
            items[step.key] = inner
        return items
    return [inner] if inner is not _DELETE else []


def envelope(js: Shape, st: Shape, path: Path, leaf: tuple[str, Any], profile: str) -> Any:
    """A witness for a whole type: :func:`build_witness`, kept clear of the batch rules."""
    payload = build_witness(js, st, path, leaf, profile)
    if not isinstance(payload, dict) or not batch.is_batch_envelope(js.properties.keys()):
        return payload
    touched = {step.key for step in path[:1]}
    status, count = js.properties.get("status"), js.properties.get("numErrors")
    if "status" in payload and "status" not in touched and status is not None:
        for candidate in batch.STATUSES:
            if accepts(status, candidate, profile) and accepts(
                st.properties.get("status", status), candidate, profile
            ):
                payload["status"] = candidate
                break
    errors = payload.get("errors")
    if (
        "numErrors" in payload
        and "numErrors" not in touched
        and isinstance(errors, list)
        and count is not None
    ):
        payload["numErrors"] = encode_integer(count, len(errors))
    return payload


def prove(pack: Pack, pack_type: PackType, d: Difference, js: Shape, st: Shape) -> Finding:
    """The finding of a difference: a wire one is an error only with a witness that proves it."""
    origin = (d.js or d.st or js).origin
    other = (d.st or d.js or st).origin
    common: dict[str, Any] = {
        "code": d.code,
        "message": d.message,
        "instance": pattern(d.path),
        "schema": SchemaLocation(origin.file, origin.pointer),
        "keyword": d.keyword,
        "category": d.category,
        "type_name": pack_type.name,
        "hint": f"JSON Structure: {other}" if other != origin else None,
    }
    if d.category != WIRE:
        return Finding(severity=Severity.INFO, **common)
    for leaf in d.leaves:
        payload = envelope(js, st, d.path, leaf, pack.profile)
        accepted_by = decisive(pack, pack_type, payload)
        if accepted_by is not None:
            return Finding(
                severity=Severity.ERROR, witness=payload, accepted_by=accepted_by, **common
            )
    return Finding(
        severity=Severity.WARNING,
        **{
            **common,
            "code": "HSC-D-UNPROVEN",
            "message": f"{d.message}; no payload found that one variant accepts and the other "
            f"rejects (the difference was {d.code})",
        },
    )


def decisive(pack: Pack, pack_type: PackType, payload: Any) -> str | None:
    """The variant that alone accepts the payload, judged by both real validators."""
    schema_ok = pack.validate(payload, pack_type, variant=JSON_SCHEMA).ok
    structure_ok = pack.validate(payload, pack_type, variant=JSON_STRUCTURE).ok
    if schema_ok == structure_ok:
        return None
    return JSON_SCHEMA if schema_ok else JSON_STRUCTURE
