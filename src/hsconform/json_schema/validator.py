"""JSON Schema validation through ``jsonschema``, with every error turned into a finding.

Format checking is always on. The string formats hsconform promises are checked by
:mod:`hsconform.formats`, as on JSON Structure and as strictly as jsonschema-rs, so both
engines agree (``jsonschema`` alone would skip a format whose checker package is missing);
``int32``/``int64`` get range checks of their own.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry

from hsconform import messages
from hsconform.findings import Finding, Hop, Resolution, SchemaLocation, Severity
from hsconform.formats import STRING_FORMATS
from hsconform.json_schema.explain import keyword_message
from hsconform.json_schema.formats import INT_RANGES
from hsconform.json_structure.patterns import compile_pattern
from hsconform.jsontext import escape_pointer_token, resolve_pointer
from hsconform.vocabulary import Dialect

VARIANT = Dialect.JSON_SCHEMA


def _int_range_check(low: int, high: int) -> Any:
    def check(instance: object) -> bool:
        if isinstance(instance, bool) or not isinstance(instance, int | float):
            return True
        if isinstance(instance, float) and not instance.is_integer():
            return True  # not an integer at all: the `type` keyword reports it
        return low <= instance <= high

    return check


def _string_check(check: Callable[[str], bool]) -> Callable[[object], bool]:
    """A shared string format as a ``jsonschema`` checker: other values are not its concern."""
    return lambda instance: not isinstance(instance, str) or check(instance)


def build_format_checker() -> FormatChecker:
    """Draft 2020-12's format checker, the shared strict string formats, int32/int64 ranges."""
    base = Draft202012Validator.FORMAT_CHECKER
    checker = FormatChecker(formats=())
    checker.checkers = dict(base.checkers)
    for name, check in STRING_FORMATS.items():
        checker.checks(name)(_string_check(check))
    for name, (low, high) in INT_RANGES.items():
        checker.checks(name)(_int_range_check(low, high))
    return checker


FORMAT_CHECKER = build_format_checker()


def build_validator(schema_uri: str, registry: Registry[Any], *, needs_base: bool) -> Validator:
    """A validator for the document registered under ``schema_uri``.

    The registry's copy of the document is the root, so redirected
    ``#/components/...`` references are followed. A document without
    ``$id`` that makes relative file references is entered through a
    one-keyword wrapper (``{"$ref": uri}``) instead, so those resolve
    against its file, as they were checked at load; the wrapper costs a
    lookup per validation, so it is used only then.
    """
    contents = registry.get_or_retrieve(schema_uri).value.contents
    root: Any = contents
    if needs_base:
        root = {"$ref": schema_uri}
        if isinstance(contents, Mapping) and "$schema" in contents:
            root["$schema"] = contents["$schema"]
    cls = _linear_time(validator_for(root, default=Draft202012Validator))
    validator: Validator = cls(root, registry=registry, format_checker=FORMAT_CHECKER)
    return validator


@functools.cache
def _linear_time(cls: type[Validator]) -> type[Validator]:
    r"""``cls`` with ``pattern`` and ``patternProperties`` on RE2 (ECMA-262, linear time).

    python-jsonschema runs patterns on Python's backtracking ``re``: ``^(a+)+$`` against a few
    dozen characters would never finish, and ``\d`` would match non-ASCII digits.
    """
    extended: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
        cls, {"pattern": _pattern, "patternProperties": _pattern_properties}
    )
    return extended


def _pattern(validator: Validator, source: Any, instance: Any, schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "string") or not isinstance(source, str):
        return
    pattern = compile_pattern(source)
    if pattern.error is not None:
        yield ValidationError(messages.unusable_pattern(source, pattern.error))
    elif not pattern.search(instance):
        yield ValidationError(messages.no_match(instance, source))


def _pattern_properties(validator: Any, patterns: Any, instance: Any, schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "object") or not isinstance(patterns, Mapping):
        return
    for source, subschema in patterns.items():
        pattern = compile_pattern(source)
        if pattern.error is not None:
            yield ValidationError(messages.unusable_pattern(source, pattern.error))
            continue
        for name, value in instance.items():
            if pattern.search(name):
                yield from validator.descend(value, subschema, path=name, schema_path=source)


def instance_pointer(path: Iterable[str | int]) -> str:
    """JSON Pointer of an instance path."""
    return "".join(f"/{escape_pointer_token(str(part))}" for part in path)


class LocationWalker:
    """Finds where in the pack an error arose, and the ``$ref`` hops that led there.

    ``jsonschema`` leaves ``$ref`` out of schema paths, so a path alone is
    ambiguous. The walker follows the path from the root document, trying both
    "stay here" and "follow the reference" at every node that has one, until it
    reaches the very schema object the error names.
    """

    #: References followed in a row without consuming a path segment (guards cycles).
    MAX_CHAINED_REFS = 16

    def __init__(self, resolutions: Iterable[Resolution], contents: Mapping[str, Any]) -> None:
        self._refs: dict[tuple[str, str], list[Resolution]] = {}
        for resolution in resolutions:
            if resolution.keyword in ("$ref", "$dynamicRef"):
                self._refs.setdefault((resolution.file, resolution.pointer), []).append(resolution)
        self._contents = contents

    def locate(self, root_file: str, path: Sequence[str | int], schema: Any) -> SchemaLocation:
        """Where ``schema`` (the object holding the failing keyword) is, reached by ``path``."""
        root = self._contents.get(root_file)
        found = self._search(root, root_file, "", list(path), 0, (), schema, 0)
        if found is not None:
            return found
        pointer = "".join(f"/{escape_pointer_token(str(s))}" for s in path)
        return SchemaLocation(root_file, pointer)

    def _search(
        self,
        node: Any,
        file: str,
        pointer: str,
        path: list[str | int],
        index: int,
        hops: tuple[Hop, ...],
        schema: Any,
        chained: int,
    ) -> SchemaLocation | None:
        if node is schema and index >= len(path) - 1:
            tail = "".join(f"/{escape_pointer_token(str(s))}" for s in path[index:])
            return SchemaLocation(file, pointer + tail, hops)
        if index < len(path):
            child = _child(node, path[index])
            if child is not _MISSING:
                token = escape_pointer_token(str(path[index]))
                found = self._search(
                    child, file, f"{pointer}/{token}", path, index + 1, hops, schema, 0
                )
                if found is not None:
                    return found
        if chained >= self.MAX_CHAINED_REFS or not isinstance(node, dict):
            return None
        for resolution in self._refs.get((file, pointer), ()):
            document = self._contents.get(resolution.target_file)
            exists, target = resolve_pointer(document, resolution.target_pointer)
            if document is None or not exists:
                continue
            hop = Hop(file, f"{pointer}/{resolution.keyword}", resolution.ref)
            found = self._search(
                target,
                resolution.target_file,
                resolution.target_pointer,
                path,
                index,
                (*hops, hop),
                schema,
                chained + 1,
            )
            if found is not None:
                return found
        return None


_MISSING = object()


def _child(node: Any, segment: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(str(segment), _MISSING)
    if isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
        return node[segment]
    return _MISSING


def iter_findings(
    validator: Validator, payload: Any, root_file: str, walker: LocationWalker
) -> Iterator[Finding]:
    """Every schema violation of ``payload`` as a finding (not just the first)."""
    for error in validator.iter_errors(payload):
        yield to_finding(error, root_file, walker)


def to_finding(error: ValidationError, root_file: str, walker: LocationWalker) -> Finding:
    """Translate one ``jsonschema`` error into the finding record."""
    keyword = error.validator if isinstance(error.validator, str) else None
    code, message = describe(error, keyword)
    return Finding(
        code=code,
        severity=Severity.ERROR,
        message=message,
        instance=instance_pointer(error.absolute_path),
        schema=walker.locate(root_file, list(error.absolute_schema_path), error.schema),
        keyword=keyword,
        variant=VARIANT,
    )


_CODE_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def code_for(keyword: str | None) -> str:
    """Stable finding code of a JSON Schema keyword (``additionalProperties`` -> ``HSC-V-ADDITIONAL-PROPERTIES``)."""  # noqa: E501
    if keyword is None:
        return "HSC-V-FALSE-SCHEMA"
    return "HSC-V-" + _CODE_WORD.sub("-", keyword.lstrip("$")).upper()


def describe(error: ValidationError, keyword: str | None) -> tuple[str, str]:
    """Code and message of an error, worded as the fast engine words it (:mod:`.explain`)."""
    value = error.validator_value
    instance = error.instance
    if keyword == "format" and value in INT_RANGES:
        low, high = INT_RANGES[value]
        return "HSC-V-INT-RANGE", messages.out_of_range(instance, value, low, high)
    code = code_for(keyword)
    if keyword == "required":
        return code, messages.missing_property(_required_name(error.message))
    if keyword == "additionalProperties" and isinstance(instance, dict):
        return code, messages.not_allowed(_unexpected(instance, error.schema))
    if keyword in _OWN_WORDS:  # made by this module's pattern checks, or needing their details
        message = error.message
        return code, message if len(message) <= 300 else message[:299] + "…"
    return code, keyword_message(keyword, value, instance)


#: Keywords whose message is the error's own: what it says needs the error's details.
_OWN_WORDS = frozenset(
    {"pattern", "patternProperties", "unevaluatedProperties", "unevaluatedItems"}
)


def _unexpected(instance: Mapping[str, Any], schema: Any) -> list[str]:
    """The members of ``instance`` that neither ``properties`` nor ``patternProperties`` allow."""
    schema = schema if isinstance(schema, Mapping) else {}
    declared = schema.get("properties")
    declared = declared if isinstance(declared, Mapping) else {}
    patterns = schema.get("patternProperties")
    compiled = [compile_pattern(p) for p in patterns] if isinstance(patterns, Mapping) else []
    return [
        name
        for name in instance
        if name not in declared and not any(p.error is None and p.search(name) for p in compiled)
    ]


def _required_name(message: str) -> str:
    head = message.rsplit(" is a required property", 1)[0]
    try:
        name = ast.literal_eval(head)
    except (ValueError, SyntaxError):
        return head
    return name if isinstance(name, str) else head
