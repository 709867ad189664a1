"""The ``type`` keyword: a type name, a type reference, or a union of them.

What ``type`` declares decides which other rules apply to the schema:
:func:`declared_kind` checks it and says what it found, as a :class:`~.context.Kind`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hsconform.json_structure import keywords as kw
from hsconform.json_structure.lint.composition import SCHEMA_ARRAYS, SCHEMA_SINGLES
from hsconform.json_structure.lint.context import WARNING, Kind, LintRun, Visit, kind_of, show
from hsconform.json_structure.lint.references import concrete, reference

_NAMED_COMPOUNDS = frozenset({"object", "tuple", "choice"})
#: Slots whose schema may be a non-schema (no type): composition members.
_NON_SCHEMA_SLOTS = frozenset({"member"})
#: Slots that also may under ``published``, as validation takes them there.
_PUBLISHED_NON_SCHEMA_SLOTS = frozenset({"contains", "propertyNames", "keyNames"})


def declared_kind(lint: LintRun, node: Mapping[str, Any], visit: Visit) -> Kind:
    """Check ``type`` and say what it declares."""
    if "type" not in node:
        typeless_ok = (
            visit.slot in _NON_SCHEMA_SLOTS
            or visit.slot == "root-non-schema"
            or (lint.published and visit.slot in _PUBLISHED_NON_SCHEMA_SLOTS)
        )
        composed = any(key in node for key in (*SCHEMA_ARRAYS, *SCHEMA_SINGLES))
        if "$ref" not in node and not typeless_ok and not composed:
            lint.emit(
                "HSC-S-MISSING-TYPE",
                visit.pointer,
                "a schema must declare a type",
                keyword="type",
            )
        return Kind()
    declared = node["type"]
    at = f"{visit.pointer}/type"
    if isinstance(declared, str):
        return Kind(name=_type_name(lint, declared, at), declared=True)
    if isinstance(declared, Mapping):
        name = _type_ref(lint, declared, at, visit.pointer)
        return Kind(name=name, declared=True, reference=True)
    if isinstance(declared, list) and declared:
        _union(lint, declared, at, visit.pointer)
        return Kind(union=True, declared=True)
    lint.emit(
        "HSC-S-TYPE-INVALID",
        at,
        'type must be a type name, {"$ref": ...} or a non-empty array of them, '
        f"not {kind_of(declared)}",
        keyword="type",
    )
    return Kind(declared=True)


def _type_name(lint: LintRun, name: str, at: str) -> str | None:
    """A type name of the core draft, or ``None`` after reporting it."""
    if name in kw.ALL_TYPES:
        return name
    if name == "email" and lint.published:
        lint.emit(
            "HSC-PUB-EMAIL-TYPE",
            at,
            "'email' is no type of the drafts; read as a string with format email",
            keyword="type",
            severity=WARNING,
        )
        return "string"
    hint = 'write "type": "string" with "format": "email"' if name == "email" else None
    lint.emit(
        "HSC-S-UNKNOWN-TYPE",
        at,
        f"unknown type {name!r}",
        keyword="type",
        hint=hint,
    )
    return None


def _type_ref(lint: LintRun, declared: Mapping[str, Any], at: str, holder: str) -> str | None:
    """``type: {"$ref": ...}``: resolve it and say which concrete type it leads to."""
    if "$ref" not in declared or set(declared) - {"$ref", "description"}:
        lint.emit(
            "HSC-S-TYPE-INVALID",
            at,
            'a type reference is an object with the single member "$ref"',
            keyword="type",
        )
        return None
    target = reference(lint, declared["$ref"], "$ref", at=f"{at}/$ref", holder=at)
    if target.status != "local":
        lint.aliases[holder] = ([], True)
        return None
    lint.aliases[holder] = ([target.pointer], False)
    return concrete(lint, target.pointer)


def _union(lint: LintRun, members: list[Any], at: str, holder: str) -> None:
    """A union holds primitive names and type references, never inline named compounds."""
    targets: list[str] = []
    grounded = False
    visits: list[Visit] = []
    for index, member in enumerate(members):
        where = f"{at}/{index}"
        if isinstance(member, str):
            grounded = True
            name = _type_name(lint, member, where)
            if name in kw.COMPOUND_TYPES and name != "any":
                _inline_compound(lint, where, name)
        elif isinstance(member, Mapping) and "type" in member:
            grounded = True
            inline = member["type"]
            if not isinstance(inline, str) or inline in _NAMED_COMPOUNDS:
                _inline_compound(lint, where, inline)
            else:
                visits.append(Visit(member, where, "union"))
        elif isinstance(member, Mapping) and "$ref" in member:
            target = reference(lint, member["$ref"], "$ref", at=f"{where}/$ref", holder=where)
            if target.status == "local":
                targets.append(target.pointer)
            else:
                grounded = True
        else:
            grounded = True
            lint.emit(
                "HSC-S-TYPE-INVALID",
                where,
                f'a union member must be a type name or {{"$ref": ...}}, not {kind_of(member)}',
                keyword="type",
            )
    lint.aliases[holder] = (targets, grounded)
    lint.push(visits)


def _inline_compound(lint: LintRun, where: str, name: Any) -> None:
    """Report a compound type declared inside a union."""
    lint.emit(
        "HSC-S-UNION-INLINE-COMPOUND",
        where,
        f"a type union must not declare the compound type {show(name)} inline: "
        "declare it in definitions and reference it",
        keyword="type",
    )
