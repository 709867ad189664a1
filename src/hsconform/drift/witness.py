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
from hsconform.drift.strict import strict_errors
from hsconform.drift.values import accepts, encode_integer, joint, minimal
from hsconform.findings import Finding, Result, SchemaLocation, Severity
from hsconform.json_structure.keywords import PUBLISHED
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


def _base(js: Shape | None, st: Shape | None, profile: str, prefer: str | None) -> Any:
    """The value around the leaf: common to both variants, or the smallest of the one preferred."""
    if prefer == JSON_STRUCTURE and st is not None:
        return minimal(st)
    if prefer == JSON_SCHEMA and js is not None:
        return minimal(js)
    return joint(js, st, profile)


def build_witness(
    js: Shape | None,
    st: Shape | None,
    path: Path,
    leaf: tuple[str, Any],
    profile: str,
    *,
    prefer: str | None = None,
) -> Any:
    """The whole envelope: both variants' smallest common value, ``leaf`` applied at ``path``.

    ``prefer`` names a variant whose smallest values surround the leaf instead (for a payload
    that variant should accept whether or not the other does).
    """
    if not path:
        operation, argument = leaf
        if operation == SET:
            return argument
        if operation == DELETE:
            return _DELETE
        if operation == JOINT:
            return _base(js, st, profile, prefer)
        base = _base(js, st, profile, prefer)
        return {**base, argument: "x"} if isinstance(base, dict) else base
    step, rest = path[0], path[1:]
    base = _base(js, st, profile, prefer)
    inner = build_witness(_child(js, step), _child(st, step), rest, leaf, profile, prefer=prefer)
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


def envelope(
    js: Shape,
    st: Shape,
    path: Path,
    leaf: tuple[str, Any],
    profile: str,
    *,
    prefer: str | None = None,
) -> Any:
    """A witness for a whole type: :func:`build_witness`, kept clear of the batch rules."""
    payload = build_witness(js, st, path, leaf, profile, prefer=prefer)
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
    """The finding of a difference: a wire one is an error only with a witness that proves it.

    Each leaf is tried in the envelope both variants accept, then in the smallest envelope of
    each variant. Under ``published`` a witness whose JSON Structure verdict ``strict`` shares
    is preferred; otherwise the finding says which acceptance the witness relies on.
    """
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
    fallback: tuple[Any, str, str] | None = None
    tried: set[str] = set()
    for leaf in d.leaves:
        for prefer in (None, JSON_STRUCTURE, JSON_SCHEMA):
            payload = envelope(js, st, d.path, leaf, pack.profile, prefer=prefer)
            text = repr(payload)  # 1 and 1.0 are different witnesses
            if text in tried:
                continue
            tried.add(text)
            accepted_by = decisive(pack, pack_type, payload)
            if accepted_by is None:
                continue
            reliance = published_reliance(pack, pack_type, payload, accepted_by)
            if reliance is None:
                return Finding(
                    severity=Severity.ERROR, witness=payload, accepted_by=accepted_by, **common
                )
            fallback = fallback or (payload, accepted_by, reliance)
    if fallback is not None:
        payload, accepted_by, reliance = fallback
        return Finding(
            severity=Severity.ERROR,
            witness=payload,
            accepted_by=accepted_by,
            **{**common, "message": f"{d.message}; {reliance}"},
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


def published_reliance(
    pack: Pack, pack_type: PackType, payload: Any, accepted_by: str
) -> str | None:
    """Under ``published``: what the witness relies on, when ``strict`` judges it otherwise."""
    if pack.profile != PUBLISHED:
        return None
    errors = strict_errors(pack, pack_type, payload)
    if (accepted_by == JSON_STRUCTURE) != bool(errors):
        return None
    if not errors:
        return "the witness relies on the published profile: JSON Structure accepts it under strict"
    first = errors[0]
    return (
        f"the witness relies on a published acceptance: under strict JSON Structure rejects it "
        f"({first.instance or '(root)'}: {first.message} [{first.code}])"
    )


#: Codes of a validator whose schema cannot judge: such a rejection proves nothing about a payload.
SCHEMA_PROBLEMS = ("HSC-V-SCHEMA", "HSC-V-UNKNOWN-TYPE")


def schema_problems(result: Result) -> list[Finding]:
    """The errors of a verdict that come from the schema, not from the payload."""
    return [e for e in result.errors if e.code.startswith(SCHEMA_PROBLEMS)]


def verdicts(pack: Pack, pack_type: PackType, payload: Any) -> dict[str, Result]:
    """Both real validators' verdicts on a payload, by variant."""
    return {v: pack.validate(payload, pack_type, variant=v) for v in (JSON_SCHEMA, JSON_STRUCTURE)}


def decisive(pack: Pack, pack_type: PackType, payload: Any) -> str | None:
    """The variant that alone accepts the payload, judged by both real validators.

    A rejection caused by the rejecting variant's own schema (a reference to nothing, a
    schema without a type) proves nothing about the payload: then neither is decisive.
    """
    results = verdicts(pack, pack_type, payload)
    schema_ok, structure_ok = results[JSON_SCHEMA].ok, results[JSON_STRUCTURE].ok
    if schema_ok == structure_ok:
        return None
    if schema_problems(results[JSON_STRUCTURE if schema_ok else JSON_SCHEMA]):
        return None
    return JSON_SCHEMA if schema_ok else JSON_STRUCTURE
