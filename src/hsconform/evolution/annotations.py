"""Annotation changes: descriptions, examples, titles; and edits no validator can tell apart.

The two versions of a type's own document are walked side by side. An annotation keyword
whose value differs is one ``annotation`` change at its JSON Pointer. Object members compare
in any order and numbers by value, so reordered keys and reformatted whitespace are no change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hsconform.jsontext import escape_pointer_token
from hsconform.jsonvalue import json_equal

#: Keywords that say something about a value without constraining it.
ANNOTATIONS = frozenset(
    {"description", "title", "examples", "example", "$comment", "deprecated", "name", "default"}
)
#: Keywords whose members are named by the schema author (a property called ``title``).
NAMED_MEMBERS = frozenset(
    {"properties", "definitions", "$defs", "patternProperties", "choices", "dependentSchemas"}
)
#: Keywords whose value is data, not schema: compared whole, never walked.
DATA = frozenset({"enum", "const", "required", "examples", "example", "default"})

_MISSING = object()


def annotation_pointers(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    """The pointer of every annotation keyword whose value differs, in document order."""
    yield from _walk(old, new, "", named=False, annotations=True)


#: Schema keywords whose subschema describes any item of an array or value of a map.
_ANY_ITEM = frozenset({"items", "additionalProperties", "values"})


def instance_of(pointer: str) -> str:
    """Where in a payload the schema node at ``pointer`` applies: ``/paging``, ``/results/*``.

    Property names are kept, any item or map value is ``*``; other keywords (``allOf/0``,
    ``$defs/X``) do not show in a payload.
    """
    tokens = pointer.split("/")[1:]
    steps: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "properties" and index + 1 < len(tokens):
            steps.append(tokens[index + 1])
            index += 2
            continue
        if token in _ANY_ITEM:
            steps.append("*")
        index += 1
    return "".join(f"/{step}" for step in steps)


def first_other_difference(old: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
    """The first pointer where the documents differ in anything but annotations, or None."""
    return next(_walk(old, new, "", named=False, annotations=False), None)


def _walk(old: Any, new: Any, pointer: str, *, named: bool, annotations: bool) -> Iterator[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            here = f"{pointer}/{escape_pointer_token(key)}"
            left, right = old.get(key, _MISSING), new.get(key, _MISSING)
            is_annotation = not named and key in ANNOTATIONS
            if (
                is_annotation
                or (not named and key in DATA)
                or left is _MISSING
                or (right is _MISSING)
            ):
                if is_annotation == annotations and not _same(left, right):
                    yield here
                continue
            yield from _walk(
                left, right, here, named=not named and key in NAMED_MEMBERS, annotations=annotations
            )
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (left, right) in enumerate(zip(old, new, strict=True)):
            yield from _walk(
                left, right, f"{pointer}/{index}", named=False, annotations=annotations
            )
    elif not annotations and not _same(old, new):
        yield pointer


def _same(left: Any, right: Any) -> bool:
    if left is _MISSING or right is _MISSING:
        return left is right
    return json_equal(left, right)
