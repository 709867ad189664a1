"""Inheritance: ``abstract`` and ``$extends``.

An abstract type is an object or tuple in definitions, used only as a base; an
extending type names abstract bases and does not redefine what it inherits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hsconform.json_structure.lint.context import Kind, LintRun, Visit, keyword_value
from hsconform.json_structure.lint.references import (
    extends_refs,
    pointer_entries,
    reference,
    resolve,
)
from hsconform.jsontext import escape_pointer_token


def inheritance(lint: LintRun, node: Mapping[str, Any], visit: Visit, kind: Kind) -> None:
    """``abstract`` and ``$extends``."""
    pointer = visit.pointer
    _abstract(lint, node, visit, kind)
    if "$extends" not in node:
        return
    at = f"{pointer}/$extends"
    if kind.union or (kind.name is not None and kind.name not in {"object", "tuple", "choice"}):
        lint.emit(
            "HSC-S-EXTENDS-TYPE",
            at,
            "$extends is only allowed on object, tuple and choice types",
            keyword="$extends",
        )
    entries = pointer_entries(node["$extends"], at)
    if entries is None:
        lint.emit(
            "HSC-S-EXTENDS-INVALID",
            at,
            "$extends must be a JSON Pointer or a non-empty array of JSON Pointers",
            keyword="$extends",
        )
        return
    bases: list[str] = []
    for ref, where in entries:
        target = reference(lint, ref, "$extends", at=where, holder=pointer)
        if target.status != "local":
            continue
        bases.append(target.pointer)
        _base(lint, node, target.pointer, where, kind)
    lint.extends[pointer] = bases
    _redefinitions(lint, node, pointer, bases)


def _abstract(lint: LintRun, node: Mapping[str, Any], visit: Visit, kind: Kind) -> None:
    """Abstract types are objects or tuples declared in definitions."""
    message = "abstract must be true or false"
    code = "HSC-S-ABSTRACT-INVALID"
    if not keyword_value(lint, node, visit.pointer, "abstract", bool, code, message):
        return
    at = f"{visit.pointer}/abstract"
    if kind.union or (kind.name is not None and kind.name not in {"object", "tuple"}):
        lint.emit(
            "HSC-S-ABSTRACT-TYPE",
            at,
            "abstract is only allowed on object and tuple types",
            keyword="abstract",
        )
    if visit.slot != "definition":
        lint.emit(
            "HSC-S-ABSTRACT-INLINE",
            at,
            "an abstract type is only usable from definitions, through $extends",
            keyword="abstract",
        )
    if "additionalProperties" in node:
        lint.emit(
            "HSC-S-ABSTRACT-ADDITIONAL-PROPERTIES",
            f"{visit.pointer}/additionalProperties",
            "additionalProperties must not be used on an abstract type (it is implicitly true)",
            keyword="additionalProperties",
        )


def _base(lint: LintRun, node: Mapping[str, Any], base: str, where: str, kind: Kind) -> None:
    """A base type must be abstract, except for an abstract add-in extending a concrete type."""
    found = resolve(lint.document, "#" + base)
    target = found[0] if found else None
    if not isinstance(target, Mapping) or target.get("abstract") is True:
        return
    if node.get("abstract") is True and kind.name != "choice":
        return  # an add-in type
    lint.emit(
        "HSC-S-EXTENDS-NOT-ABSTRACT",
        where,
        f"$extends names {'#' + base!r}, which is not abstract",
        keyword="$extends",
    )


def _redefinitions(lint: LintRun, node: Mapping[str, Any], pointer: str, bases: list[str]) -> None:
    """An extending type must not redefine an inherited property."""
    own = node.get("properties")
    if not isinstance(own, Mapping) or not bases:
        return
    inherited: set[str] = set()
    for base in bases:
        found = resolve(lint.document, "#" + base)
        names = declared_properties(lint, found[0], base) if found else None
        inherited |= names or set()
    for name in own:
        if name in inherited:
            lint.emit(
                "HSC-S-EXTENDS-REDEFINES",
                f"{pointer}/properties/{escape_pointer_token(name)}",
                f"property {name!r} is inherited through $extends and must not be redefined",
                keyword="properties",
            )


def declared_properties(lint: LintRun, node: Any, pointer: str) -> set[str] | None:
    """Property names of a type and all its bases; ``None`` when a base is unknown."""
    names: set[str] = set()
    todo: list[tuple[Any, str]] = [(node, pointer)]
    seen: set[str] = set()
    while todo:
        current, at = todo.pop()
        if at in seen or not isinstance(current, Mapping):
            continue
        seen.add(at)
        properties = current.get("properties")
        if isinstance(properties, Mapping):
            names.update(properties)
        for ref in extends_refs(current):
            found = resolve(lint.document, ref) if isinstance(ref, str) else None
            if found is None:
                return None
            todo.append(found)
    return names


def ancestors(lint: LintRun, pointer: str) -> set[str]:
    """Every base a type inherits from, directly or not."""
    seen: set[str] = set()
    todo = [pointer]
    while todo:
        found = resolve(lint.document, "#" + todo.pop())
        node = found[0] if found else None
        for ref in extends_refs(node):
            target = resolve(lint.document, ref) if isinstance(ref, str) else None
            if target is not None and target[1] not in seen:
                seen.add(target[1])
                todo.append(target[1])
    return seen
