"""Compound types: the structure each one needs, and no structure of another type.

An object declares properties, a tuple orders them, an array or set has items,
a map has values, a choice has choices (and, as an inline union, a selector).
Sub-schemas are queued for the walker, never recursed into.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hsconform.json_structure.lint.context import (
    WARNING,
    Kind,
    LintRun,
    Visit,
    keyword_value,
    kind_of,
    misplaced,
)
from hsconform.json_structure.lint.document import check_identifier
from hsconform.json_structure.lint.inheritance import ancestors, declared_properties
from hsconform.json_structure.lint.references import resolve
from hsconform.jsontext import escape_pointer_token

#: Structural keywords of the core draft and the types they belong to.
_STRUCTURAL: Mapping[str, frozenset[str]] = {
    "properties": frozenset({"object", "tuple"}),
    "required": frozenset({"object"}),
    "additionalProperties": frozenset({"object"}),
    "items": frozenset({"array", "set"}),
    "values": frozenset({"map"}),
    "choices": frozenset({"choice"}),
    "selector": frozenset({"choice"}),
    "tuple": frozenset({"tuple"}),
}


def structure(lint: LintRun, node: Mapping[str, Any], visit: Visit, kind: Kind) -> None:
    """The structural keywords of the declared type, and none of the others."""
    name = kind.name
    if kind.reference:
        _reference_structure(lint, node, visit.pointer)
        return
    if name == "object":
        _object_type(lint, node, visit)
    elif name == "tuple":
        _tuple_type(lint, node, visit)
    elif name in ("array", "set"):
        _collection_type(lint, node, visit, "items", "HSC-S-ARRAY-ITEMS")
    elif name == "map":
        _collection_type(lint, node, visit, "values", "HSC-S-MAP-VALUES")
    elif name == "choice":
        _choice_type(lint, node, visit)
    elif not kind.declared:
        # a typeless composition member: its required may name the enclosing
        # schema's properties, so they are only checked against its own, if any
        _properties(lint, node, visit.pointer)
        _required(lint, node, visit.pointer, own_only="properties" not in node)
    if name is None and not kind.union:
        return
    for key, types in _STRUCTURAL.items():
        if key in node and (kind.union or name not in types):
            lint.emit(
                "HSC-S-KEYWORD-TYPE",
                f"{visit.pointer}/{key}",
                f"{key} belongs to {' and '.join(sorted(types))} types, not to {name or 'a union'}",
                keyword=key,
            )


def _reference_structure(lint: LintRun, node: Mapping[str, Any], pointer: str) -> None:
    """A type reference uses the referenced declaration as it is: no structure of its own."""
    why = (
        "does not belong beside a type reference: declare it in the referenced type "
        "(or extend an abstract type with $extends)"
    )
    misplaced(lint, node, pointer, _STRUCTURAL, "HSC-S-KEYWORD-TYPE", why)


def _object_type(lint: LintRun, node: Mapping[str, Any], visit: Visit) -> None:
    """An object declares at least one property (or inherits some)."""
    pointer = visit.pointer
    properties = node.get("properties")
    empty = "properties" not in node or (isinstance(properties, Mapping) and not properties)
    if empty and "$extends" not in node:
        _open_object(lint, pointer)
    _properties(lint, node, pointer)
    _required(lint, node, pointer)
    message = "additionalProperties must be a boolean or a schema, not {kind}"
    code = "HSC-S-ADDITIONAL-PROPERTIES"
    expected = (bool, Mapping)
    extra = keyword_value(lint, node, pointer, "additionalProperties", expected, code, message)
    if isinstance(extra, Mapping):
        lint.push([Visit(extra, f"{pointer}/additionalProperties", "additionalProperties")])


def _open_object(lint: LintRun, pointer: str) -> None:
    """An object without properties: an error of the drafts, a published habit."""
    if lint.published:
        lint.emit(
            "HSC-PUB-OPEN-OBJECT",
            pointer,
            "object without properties; accepted as an open object (any members)",
            keyword="properties",
            severity=WARNING,
            hint='the drafts model dynamic members with "type": "map"',
        )
    else:
        lint.emit(
            "HSC-S-OBJECT-WITHOUT-PROPERTIES",
            pointer,
            "an object must declare at least one property",
            keyword="properties",
            hint='use "type": "map" with "values" for dynamic members',
        )


def _properties(lint: LintRun, node: Mapping[str, Any], pointer: str) -> None:
    """Queue each property schema; property names are identifiers."""
    message = "properties must map names to schemas, not be {kind}"
    code = "HSC-S-PROPERTIES-NOT-OBJECT"
    properties = keyword_value(lint, node, pointer, "properties", Mapping, code, message)
    if properties is None:
        return
    at = f"{pointer}/properties"
    visits = []
    for name, schema in properties.items():
        where = f"{at}/{escape_pointer_token(name)}"
        check_identifier(lint, name, where, "property name")
        visits.append(Visit(schema, where, "property"))
    lint.push(visits)


def _required(
    lint: LintRun, node: Mapping[str, Any], pointer: str, *, own_only: bool = False
) -> None:
    """``required``: names (or sets of names) of declared properties.

    ``own_only`` skips the declared-name check (nothing here declares the names).
    """
    message = "required must be an array of property names, not {kind}"
    code = "HSC-S-REQUIRED-NOT-ARRAY"
    value = keyword_value(lint, node, pointer, "required", list, code, message)
    if value is None:
        return
    at = f"{pointer}/required"
    malformed = "properties" in node and not isinstance(node["properties"], Mapping)
    names = None if malformed or own_only else declared_properties(lint, node, pointer)
    nested = [isinstance(entry, list) for entry in value]
    if any(nested) and not all(nested):
        lint.emit(
            "HSC-S-REQUIRED-NOT-ARRAY",
            at,
            "required is either an array of names or an array of arrays of names",
            keyword="required",
        )
        return
    for index, entry in enumerate(value):
        where = f"{at}/{index}"
        if isinstance(entry, list):
            for inner, item in enumerate(entry):
                _required_name(lint, item, f"{where}/{inner}", names)
        else:
            _required_name(lint, entry, where, names)


def _required_name(lint: LintRun, name: Any, where: str, names: set[str] | None) -> None:
    """One required name: a string that names a declared property."""
    if not isinstance(name, str):
        lint.emit(
            "HSC-S-REQUIRED-NOT-ARRAY",
            where,
            f"a required entry must be a property name, not {kind_of(name)}",
            keyword="required",
        )
    elif names is not None and name not in names:
        lint.emit(
            "HSC-S-REQUIRED-UNDECLARED",
            where,
            f"required property {name!r} is not declared in properties",
            keyword="required",
        )


def _tuple_type(lint: LintRun, node: Mapping[str, Any], visit: Visit) -> None:
    """A tuple: named properties and the ``tuple`` array that orders all of them."""
    pointer = visit.pointer
    if "properties" not in node and "$extends" not in node:
        lint.emit(
            "HSC-S-TUPLE-PROPERTIES",
            pointer,
            "a tuple must declare its elements in properties",
            keyword="properties",
        )
    _properties(lint, node, pointer)
    if "tuple" not in node:
        lint.emit(
            "HSC-S-TUPLE-ORDER",
            pointer,
            "a tuple must give the order of its properties in the tuple keyword",
            keyword="tuple",
        )
        return
    order = node["tuple"]
    at = f"{pointer}/tuple"
    if not (isinstance(order, list) and all(isinstance(n, str) for n in order)):
        lint.emit(
            "HSC-S-TUPLE-ORDER", at, "tuple must be an array of property names", keyword="tuple"
        )
        return
    malformed = "properties" in node and not isinstance(node["properties"], Mapping)
    names = None if malformed else declared_properties(lint, node, pointer)
    if names is None:
        return
    for index, name in enumerate(order):
        if name not in names or name in order[:index]:
            problem = "is listed twice" if name in names else "is not a declared property"
            lint.emit("HSC-S-TUPLE-ORDER", f"{at}/{index}", f"{name!r} {problem}", keyword="tuple")
    missing = sorted(names - set(order))
    if missing:
        lint.emit(
            "HSC-S-TUPLE-ORDER",
            at,
            f"tuple must list every property; missing {', '.join(missing)}",
            keyword="tuple",
        )


def _collection_type(
    lint: LintRun, node: Mapping[str, Any], visit: Visit, key: str, code: str
) -> None:
    """``items`` of an array/set, ``values`` of a map: a schema is required."""
    if key not in node:
        lint.emit(
            code,
            visit.pointer,
            f"a {node.get('type')} must declare its {key} schema",
            keyword=key,
        )
        return
    message = key + " must be a schema, not {kind}"
    value = keyword_value(lint, node, visit.pointer, key, Mapping, code, message)
    if value is not None:
        lint.push([Visit(value, f"{visit.pointer}/{key}", key)])


def _choice_type(lint: LintRun, node: Mapping[str, Any], visit: Visit) -> None:
    """A choice: a non-empty choices map; an inline union also a selector and a base."""
    pointer = visit.pointer
    choices = node.get("choices")
    if not (isinstance(choices, Mapping) and choices):
        where = f"{pointer}/choices" if "choices" in node else pointer
        lint.emit(
            "HSC-S-CHOICE-CHOICES",
            where,
            "a choice must map at least one choice name to a schema",
            keyword="choices",
        )
        choices = {}
    visits = []
    for name, schema in choices.items():
        where = f"{pointer}/choices/{escape_pointer_token(name)}"
        check_identifier(lint, name, where, "choice name")
        visits.append(Visit(schema, where, "choice"))
    lint.push(visits)
    selector = node.get("selector")
    if ("selector" in node or "$extends" in node) and not isinstance(selector, str):
        where = f"{pointer}/selector" if "selector" in node else pointer
        lint.emit(
            "HSC-S-CHOICE-SELECTOR",
            where,
            "an inline union names its selector property with a string selector",
            keyword="selector",
        )
    bases = lint.extends.get(pointer)
    if bases:
        _choice_bases(lint, choices, pointer, bases)


def _choice_bases(
    lint: LintRun, choices: Mapping[str, Any], pointer: str, bases: list[str]
) -> None:
    """Each choice of an inline union is a type that extends the union's base."""
    for name, schema in choices.items():
        where = f"{pointer}/choices/{escape_pointer_token(name)}"
        declared = schema.get("type") if isinstance(schema, Mapping) else None
        ref = declared.get("$ref") if isinstance(declared, Mapping) else None
        found = resolve(lint.document, ref) if isinstance(ref, str) else None
        if found is None:
            if ref is None:
                lint.emit(
                    "HSC-S-CHOICE-BASE",
                    where,
                    "a choice of an inline union must reference a type extending the union's base",
                    keyword="choices",
                )
            continue
        if not set(bases) <= ancestors(lint, found[1]):
            lint.emit(
                "HSC-S-CHOICE-BASE",
                where,
                f"{ref!r} does not extend the inline union's base type",
                keyword="choices",
            )
