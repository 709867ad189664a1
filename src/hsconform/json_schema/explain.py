"""jsonschema-rs errors as findings: our codes, locations through every ``$ref`` hop, our words.

An error's evaluation path names each ``$ref`` it went through; the pack
recorded at load where each reference leads (and the published pointer of a
redirected one), so the path is replayed from the root document, one hop per
reference, to the file and pointer of the failing keyword. Messages are
written here from the error's kind and the pack's own schema values, never
taken from the library's wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from hsconform import messages
from hsconform.findings import Finding, Hop, Resolution, SchemaLocation, Severity
from hsconform.json_schema.engine import int_range_format
from hsconform.json_schema.formats import INT_RANGES
from hsconform.jsontext import escape_pointer_token, resolve_pointer
from hsconform.vocabulary import Dialect

VARIANT = Dialect.JSON_SCHEMA

_REF_KEYWORDS = frozenset({"$ref", "$dynamicRef"})
_CODE_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def code_for(keyword: str | None) -> str:
    """Stable finding code of a keyword (``additionalProperties`` -> ``HSC-V-ADDITIONAL-PROPERTIES``)."""  # noqa: E501
    if keyword is None:
        return "HSC-V-FALSE-SCHEMA"
    code = _CODES.get(keyword)
    if code is None:
        code = _CODES[keyword] = "HSC-V-" + _CODE_WORD.sub("-", keyword.lstrip("$")).upper()
    return code


#: Codes already spelled, by keyword (a pack has a few dozen keywords; each error needs one).
_CODES: dict[str, str] = {}


#: Placements kept per pack before the cache starts over (evaluation paths grow with recursion).
_MAX_PLACEMENTS = 4096


@dataclass(frozen=True)
class _Placement:
    """Where an evaluation path leads: location, keyword, its schema value, and if it exists."""

    location: SchemaLocation
    keyword: str | None
    value: Any
    exists: bool


class Explainer:
    """Turns the errors of one pack's validators into findings."""

    def __init__(self, resolutions: Iterable[Resolution], contents: Mapping[str, Any]) -> None:
        self._refs = {(r.file, r.pointer, r.keyword): r for r in resolutions}
        self._contents = contents
        # The schema side of an error depends only on its evaluation path: errors at many
        # instances of one schema (every item of a long array) are placed once.
        self._placements: dict[tuple[str, tuple[str | int, ...], bool], _Placement] = {}

    def findings(
        self, errors: Iterable[jsonschema_rs.ValidationError], payload: Any, root_file: str
    ) -> list[Finding] | None:
        """One finding per error, in the engine's order; None when a path cannot be trusted.

        jsonschema-rs leaves empty property names out of its paths, so an error whose instance
        path passes an object with a ``""`` member, or whose schema location does not exist,
        is not placed here: the caller asks the reference engine instead.
        """
        found = []
        for error in errors:
            instance_path = error.instance_path
            exact, instance = _exact_value(payload, instance_path)
            if not exact:
                return None
            kind = error.kind
            placement = self._placement(root_file, error.evaluation_path, kind)
            if not placement.exists:
                return None
            found.append(_finding(placement, instance, instance_path, kind))
        return found

    def finding(
        self, error: jsonschema_rs.ValidationError, payload: Any, root_file: str
    ) -> Finding:
        """The finding of one error."""
        kind = error.kind
        placement = self._placement(root_file, error.evaluation_path, kind)
        instance = _value_at(payload, error.instance_path)
        return _finding(placement, instance, error.instance_path, kind)

    def _placement(self, root_file: str, path: Sequence[str | int], kind: Any) -> _Placement:
        false_schema = isinstance(kind, jsonschema_rs.ValidationErrorKind.FalseSchema)
        key = (root_file, tuple(path), false_schema)
        placement = self._placements.get(key)
        if placement is None:
            placement = self._place(root_file, path, false_schema)
            if len(self._placements) >= _MAX_PLACEMENTS:
                self._placements.clear()
            self._placements[key] = placement
        return placement

    def _place(self, root_file: str, path: Sequence[str | int], false_schema: bool) -> _Placement:
        location = self.locate(root_file, path)
        keyword = None if false_schema else location.pointer.rsplit("/", 1)[-1]
        if keyword in ("minimum", "maximum"):
            ranged = int_range_format(self._contents.get(location.file), location.pointer)
            if ranged is not None:
                keyword = "format"
                location = SchemaLocation(location.file, ranged, location.hops)
        exists, value = resolve_pointer(self._contents.get(location.file), location.pointer)
        return _Placement(location, keyword, value if keyword is not None else None, exists)

    def locate(self, root_file: str, path: Sequence[str | int]) -> SchemaLocation:
        """Replay an evaluation path from ``root_file``: the file, pointer and hops it reaches."""
        file, pointer = root_file, ""
        hops: tuple[Hop, ...] = ()
        for segment in path:
            if isinstance(segment, str) and segment in _REF_KEYWORDS:
                resolution = self._refs.get((file, pointer, segment))
                if resolution is not None:
                    hops = (*hops, Hop(file, f"{pointer}/{segment}", resolution.ref))
                    file, pointer = resolution.target_file, resolution.target_pointer
                    continue
            pointer += "/" + escape_pointer_token(str(segment))
        return SchemaLocation(file, pointer, hops)


def _finding(
    placement: _Placement, instance: Any, instance_path: Sequence[str | int], kind: Any
) -> Finding:
    code, message = describe(placement.keyword, placement.value, instance, kind)
    return Finding(
        code=code,
        severity=Severity.ERROR,
        message=message,
        instance=instance_pointer(instance_path),
        schema=placement.location,
        keyword=placement.keyword,
        variant=VARIANT,
    )


def instance_pointer(path: Iterable[str | int]) -> str:
    """JSON Pointer of an instance path."""
    return "".join(
        [
            f"/{part}" if type(part) is int else f"/{escape_pointer_token(str(part))}"
            for part in path
        ]
    )


def _exact_value(payload: Any, path: Sequence[str | int]) -> tuple[bool, Any]:
    """``(True, value)`` when ``path`` leads into ``payload`` past no object with a ``""`` member.

    The value is the payload's own (exact Python types, unlike the engine's copy); the engine
    gives a numeric property name as an integer, so objects are indexed by text.
    """
    node = payload
    for segment in path:
        if isinstance(node, dict):
            if "" in node:
                return False, None
            name = str(segment)
            if name not in node:
                return False, None
            node = node[name]
        elif isinstance(node, list):
            if not isinstance(segment, int) or not 0 <= segment < len(node):
                return False, None
            node = node[segment]
        else:
            return True, _value_at(payload, path)
    if isinstance(node, dict) and "" in node:
        return False, None
    return True, node


def _value_at(payload: Any, path: Sequence[str | int]) -> Any:
    """The payload's own value at ``path``; objects indexed by text (see :func:`_exact_value`)."""
    node = payload
    for segment in path:
        node = node[str(segment)] if isinstance(node, dict) else node[int(segment)]
    return node


def describe(keyword: str | None, value: Any, instance: Any, kind: Any) -> tuple[str, str]:
    """Code and message of an error, in the words both dialects use (:mod:`hsconform.messages`)."""
    if keyword == "format" and value in INT_RANGES:
        low, high = INT_RANGES[value]
        return "HSC-V-INT-RANGE", messages.out_of_range(instance, value, low, high)
    code = code_for(keyword)
    return code, _message(keyword, value, instance, kind)


def _message(keyword: str | None, value: Any, instance: Any, kind: Any) -> str:
    kinds = jsonschema_rs.ValidationErrorKind
    if isinstance(kind, kinds.Required):
        return messages.missing_property(kind.property)
    if isinstance(kind, kinds.AdditionalProperties | kinds.UnevaluatedProperties):
        return messages.not_allowed(kind.unexpected)
    if isinstance(kind, kinds.UnevaluatedItems):
        return f"items not allowed here at {', '.join(str(i) for i in kind.unexpected)}"
    return keyword_message(keyword, value, instance)


def keyword_message(keyword: str | None, value: Any, instance: Any) -> str:
    """The message of a keyword that ``instance`` fails, from the schema's ``value`` alone.

    Both JSON Schema engines use it, so they word every such finding alike.
    """
    if keyword is None:
        return f"no value is allowed here, got {messages.got(instance)}"
    if keyword == "type":
        names = value if isinstance(value, list) else [value]
        return messages.expected(messages.either(str(name) for name in names), instance)
    if keyword == "enum" and isinstance(value, list):
        return messages.not_one_of(instance, value)
    if keyword == "const":
        return messages.not_constant(instance, value)
    if keyword == "format":
        return messages.invalid(instance, str(value))
    if keyword == "pattern" and isinstance(value, str):
        return messages.no_match(instance, value)
    if keyword in messages.BOUNDS:
        return messages.beyond(keyword, instance, value)
    shown = messages.shown(instance)
    if keyword == "contains":
        return f"{shown} has no item matching {messages.shown(value, 60)}"
    if keyword in _COMBINATIONS:
        return f"{shown} {_COMBINATIONS[keyword]}"
    return f"{shown} fails the {keyword} keyword"


_COMBINATIONS = {
    "anyOf": "matches none of the anyOf alternatives",
    "oneOf": "matches none or several of the oneOf alternatives",
    "not": "matches the schema it must not match",
    "uniqueItems": "has duplicate items",
    "dependentRequired": "lacks a property its other properties require",
    "additionalItems": "has items not allowed here",
}
