"""Examples judged against both variants of a twin.

Two sources: the ``example``/``examples`` values the documents declare, each placed in the
smallest envelope both variants accept, and the payloads of the pack's ``examples/`` folder.
An example accepted by one variant only is wire drift; one its own variant rejects is a
``spec`` finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hsconform.drift._per_pack import PerPack
from hsconform.drift.compare import JSON_SCHEMA, JSON_STRUCTURE, SET, SPEC, WIRE
from hsconform.drift.paths import Path, Step, concrete, pattern
from hsconform.drift.shape import Shape
from hsconform.drift.witness import decisive, envelope
from hsconform.errors import PayloadError
from hsconform.findings import Finding, SchemaLocation, Severity, SourceLocation
from hsconform.jsontext import read_json_file

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


def _walk(
    shape: Shape, file: str, path: Path = (), seen: frozenset[Any] = frozenset()
) -> Iterator[tuple[Path, Shape]]:
    """Nodes of a shape declared in ``file`` (referenced types are walked as types of their own)."""
    if shape.origin.file != file or shape.origin in seen or len(path) > 32:
        return
    yield path, shape
    seen = seen | {shape.origin}
    for name, member in shape.properties.items():
        if shape.kind == "object":
            yield from _walk(member, file, (*path, Step("prop", name)), seen)
    children = [("items" if shape.kind in ("array", "set") else "values", shape.items)]
    if isinstance(shape.additional, Shape):
        children.append(("values", shape.additional))
    for kind, child in children:
        if child is not None:
            yield from _walk(child, file, (*path, Step(kind)), seen)
    for index, member in enumerate(shape.members if shape.kind == "tuple" else ()):
        yield from _walk(member, file, (*path, Step("tuple", index)), seen)


def declared_examples(pack: Pack, pack_type: PackType, js: Shape, st: Shape) -> Iterator[Finding]:
    """Every ``example``/``examples`` value of the twins, placed in an envelope, judged by both."""
    judged: set[tuple[str, str]] = set()
    for variant, root in ((JSON_SCHEMA, js), (JSON_STRUCTURE, st)):
        for path, shape in _walk(root, root.origin.file):
            if not shape.examples:
                continue
            where = shape.origin
            for example in shape.examples:
                key = (pattern(path), repr(example))
                if key in judged:
                    continue
                judged.add(key)
                payload = envelope(js, st, path, (SET, example), pack.profile)
                yield from judge_example(pack, pack_type, payload, where, path, declared_in=variant)


#: The pack's example files, listed once per pack rather than once per twin.
_EXAMPLE_FILES: PerPack[dict[str, Any]] = PerPack(lambda pack: pack.examples())


def pack_examples(pack: Pack, pack_type: PackType) -> Iterator[Finding]:
    """Examples of the pack's ``examples/`` file, judged by both variants."""
    path = _EXAMPLE_FILES(pack).get(pack_type.stem)
    if path is None:
        return
    where = f"examples/{path.name}"
    try:
        payload = read_json_file(path).value
    except PayloadError as error:
        yield Finding(
            code="HSC-D-EXAMPLE-UNREADABLE",
            severity=Severity.WARNING,
            category=SPEC,
            message=f"example {where} cannot be read, so it was not judged: {error.reason}",
            instance="",
            schema=SchemaLocation(where, ""),
            type_name=pack_type.name,
            source=SourceLocation(where, error.line, error.column),
        )
        return
    yield from judge_example(pack, pack_type, payload, where, ())


def judge_example(
    pack: Pack,
    pack_type: PackType,
    payload: Any,
    where: SchemaLocation | str,
    path: Path,
    *,
    declared_in: str | None = None,
) -> Iterator[Finding]:
    """An example accepted by one variant only is drift; one its own schema rejects is invalid.

    ``where`` is the schema keyword that declares the example, or the pack's example file.
    ``declared_in`` is the variant whose document gives the example (``None``: both own it).
    """
    verdicts = {
        variant: pack.validate(payload, pack_type, variant=variant)
        for variant in (JSON_SCHEMA, JSON_STRUCTURE)
    }
    under = concrete(path)

    def about_example(result: Any) -> list[Finding]:
        """Errors at or below the example (others come from the envelope around it)."""
        return [
            e for e in result.errors if e.instance == under or e.instance.startswith(under + "/")
        ]

    reasons = {variant: about_example(result) for variant, result in verdicts.items()}
    schema_ok, structure_ok = not reasons[JSON_SCHEMA], not reasons[JSON_STRUCTURE]
    base: dict[str, Any] = {
        "instance": pattern(path),
        "schema": where if isinstance(where, SchemaLocation) else SchemaLocation(where, ""),
        "type_name": pack_type.name,
    }
    if schema_ok != structure_ok and decisive(pack, pack_type, payload) is not None:
        accepted_by = JSON_SCHEMA if schema_ok else JSON_STRUCTURE
        reason = reasons[JSON_STRUCTURE if schema_ok else JSON_SCHEMA][0]
        yield Finding(
            code="HSC-D-EXAMPLE",
            severity=Severity.ERROR,
            category=WIRE,
            message=f"example {where} is valid under {accepted_by} only: "
            f"{reason.instance or '(root)'} {reason.message}",
            witness=payload,
            accepted_by=accepted_by,
            **base,
        )
    for variant, found in reasons.items():
        if declared_in not in (None, variant):
            continue
        if found:
            reason = found[0]
            yield Finding(
                code="HSC-D-EXAMPLE-INVALID",
                severity=Severity.WARNING,
                category=SPEC,
                variant=variant,
                message=f"example {where} fails {variant}: "
                f"{reason.instance or '(root)'} {reason.message}",
                **base,
            )
