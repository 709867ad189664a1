"""A fast yes/no answer to "is this payload valid?" for plain draft 2020-12 schemas.

``jsonschema`` builds a validator object for every subschema it enters, which
dominates the cost of checking many small payloads. Most payloads are valid, and
a valid payload has no findings to report, so :func:`compile_verdict` turns a
schema into plain closures that only answer the question. A payload they accept
needs nothing more; any other payload is validated by ``jsonschema`` as before,
which yields the findings (and has the last word: a payload the closures reject
but ``jsonschema`` accepts is valid).

Only keywords whose ``jsonschema`` semantics are reproduced here exactly are
compiled; a schema that reaches any other assertion or applicator (``$dynamicRef``,
``unevaluatedProperties``, ``uniqueItems``, ``multipleOf``, an embedded ``$id``,
another dialect, ...) gets no verdict, and every payload goes to ``jsonschema``.
Formats are checked by the same checker ``jsonschema`` is given.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jsonschema import FormatChecker
from referencing import Registry
from referencing.exceptions import Unresolvable

if TYPE_CHECKING:
    from referencing._core import Resolver

#: Answers whether a payload is valid; never raises except RecursionError.
Verdict = Callable[[Any], bool]

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

#: Keywords compiled here, with ``jsonschema``'s semantics.
COMPILED_KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "const",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "items",
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "dependentRequired",
        "minProperties",
        "maxProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
    }
)

#: Keywords that assert or apply subschemas but are not compiled: such a schema gets no verdict.
DECLINED_KEYWORDS = frozenset(
    {
        "$dynamicRef",
        "$recursiveRef",
        "prefixItems",
        "contains",
        "minContains",
        "maxContains",
        "uniqueItems",
        "multipleOf",
        "dependentSchemas",
        "dependencies",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "additionalItems",
        "contentSchema",
    }
)


class _NotCompiledError(Exception):
    """The schema uses something :func:`compile_verdict` does not reproduce."""


def compile_verdict(
    schema_uri: str, registry: Registry[Any], formats: FormatChecker
) -> Verdict | None:
    """The verdict function of the document at ``schema_uri``, or None if it cannot be compiled."""
    try:
        resolved = registry.resolver().lookup(schema_uri)
        contents = resolved.contents
        if _dialect(contents) != DRAFT_2020_12:
            return None
        return _Compiler(formats).node(contents, resolved.resolver, root=True)
    except (_NotCompiledError, Unresolvable, re.error):
        return None


def _dialect(schema: Any) -> Any:
    """The ``$schema`` of a resource; without one, the dialect it is read in (2020-12)."""
    return schema.get("$schema", DRAFT_2020_12) if isinstance(schema, Mapping) else DRAFT_2020_12


def _accept(instance: Any) -> bool:
    return True


def _reject(instance: Any) -> bool:
    return False


def _is_integer(instance: Any) -> bool:
    if isinstance(instance, bool):
        return False
    if isinstance(instance, float):
        return instance.is_integer()
    return isinstance(instance, int)


def _is_number(instance: Any) -> bool:
    return not isinstance(instance, bool) and isinstance(instance, numbers.Number)


_TYPES: dict[str, Callable[[Any], bool]] = {
    "array": lambda instance: isinstance(instance, list),
    "boolean": lambda instance: isinstance(instance, bool),
    "integer": _is_integer,
    "null": lambda instance: instance is None,
    "number": _is_number,
    "object": lambda instance: isinstance(instance, dict),
    "string": lambda instance: isinstance(instance, str),
}


def jsonschema_equal(one: Any, two: Any) -> bool:
    """Equality as ``enum`` and ``const`` judge it: ``1 == 1.0``, but ``true != 1``."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(map(jsonschema_equal, one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(
            key in two and jsonschema_equal(value, two[key]) for key, value in one.items()
        )
    if isinstance(one, bool) or isinstance(two, bool):
        return False  # `one is two` already matched equal booleans
    return bool(one == two)


class _Compiler:
    """Compiles subschemas once each; references are followed lazily, so cycles work."""

    def __init__(self, formats: FormatChecker) -> None:
        self._formats = formats
        self._compiled: dict[int, Verdict] = {}
        self._keep: list[Any] = []  # compiled schemas stay alive while their ids are keys

    def node(self, schema: Any, resolver: Resolver[Any], *, root: bool = False) -> Verdict:
        if schema is True:
            return _accept
        if schema is False:
            return _reject
        if not isinstance(schema, Mapping):
            raise _NotCompiledError("a schema is neither an object nor a boolean")
        key = id(schema)
        known = self._compiled.get(key)
        if known is not None:
            return known
        if not root and ("$id" in schema or "$schema" in schema):
            raise _NotCompiledError("an embedded resource")
        cell: list[Verdict] = []
        self._compiled[key] = lambda instance: cell[0](instance)  # reached again inside
        self._keep.append(schema)
        checks = self._checks(schema, resolver)
        verdict = _all(checks)
        cell.append(verdict)
        self._compiled[key] = verdict
        return verdict

    def _checks(self, schema: Mapping[str, Any], resolver: Resolver[Any]) -> list[Verdict]:
        if DECLINED_KEYWORDS.intersection(schema):
            raise _NotCompiledError(", ".join(sorted(DECLINED_KEYWORDS.intersection(schema))))
        checks: list[Verdict] = []
        if "$ref" in schema:
            checks.append(self._reference(schema["$ref"], resolver))
        if "type" in schema:
            checks.append(_type(schema["type"]))
        if "enum" in schema:
            checks.append(_enum(schema["enum"]))
        if "const" in schema:
            constant = schema["const"]
            checks.append(lambda instance: jsonschema_equal(instance, constant))
        if "format" in schema:
            check = self._format(schema["format"])
            if check is not None:
                checks.append(check)
        checks.extend(_bounds(schema))
        object_check = self._object(schema, resolver)
        if object_check is not None:
            checks.append(object_check)
        if "items" in schema:
            checks.append(_items(self.node(schema["items"], resolver)))
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in schema:
                members = schema[keyword]
                if not isinstance(members, list) or not members:
                    raise _NotCompiledError(f"{keyword} is not a non-empty list")
                checks.append(_combined(keyword, [self.node(m, resolver) for m in members]))
        if "not" in schema:
            negated = self.node(schema["not"], resolver)
            checks.append(lambda instance: not negated(instance))
        if "if" in schema:
            checks.append(self._conditional(schema, resolver))
        return checks

    def _reference(self, ref: Any, resolver: Resolver[Any]) -> Verdict:
        if not isinstance(ref, str):
            raise _NotCompiledError("$ref is not a string")
        resolved = resolver.lookup(ref)
        target = resolved.contents
        if _dialect(target) != DRAFT_2020_12:
            raise _NotCompiledError("a reference into another dialect")
        return self.node(target, resolved.resolver, root=True)

    def _format(self, name: Any) -> Verdict | None:
        entry = self._formats.checkers.get(name) if isinstance(name, str) else None
        if entry is None:
            return None  # jsonschema ignores a format it has no checker for
        function, raises = entry

        def conforms(instance: Any) -> bool:
            try:
                return bool(function(instance))
            except raises:
                return False

        return conforms

    def _object(self, schema: Mapping[str, Any], resolver: Resolver[Any]) -> Verdict | None:
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        required = schema.get("required", [])
        dependent = schema.get("dependentRequired", {})
        counts = (schema.get("minProperties"), schema.get("maxProperties"))
        if not isinstance(properties, Mapping) or not isinstance(patterns, Mapping):
            raise _NotCompiledError("properties or patternProperties is not an object")
        if not isinstance(required, list) or not isinstance(dependent, Mapping):
            raise _NotCompiledError("required or dependentRequired is malformed")
        named = [(name, self.node(sub, resolver)) for name, sub in properties.items()]
        matched = [(re.compile(p), self.node(sub, resolver)) for p, sub in patterns.items()]
        any_pattern = re.compile("|".join(patterns)) if patterns else None
        additional: Verdict | None = None
        if "additionalProperties" in schema:
            additional = self.node(schema["additionalProperties"], resolver)
        needed = list(required)
        needs = [(name, list(names)) for name, names in dependent.items()]
        low, high = counts
        if not (named or matched or additional or needed or needs) and low is None and high is None:
            return None
        declared = frozenset(properties)

        def check(instance: Any) -> bool:
            if not isinstance(instance, dict):
                return True
            for name, verdict in named:
                if name in instance and not verdict(instance[name]):
                    return False
            for name in needed:
                if name not in instance:
                    return False
            for name, names in needs:
                if name in instance and any(each not in instance for each in names):
                    return False
            if low is not None and len(instance) < low:
                return False
            if high is not None and len(instance) > high:
                return False
            for pattern, verdict in matched:
                for key, value in instance.items():
                    if pattern.search(key) and not verdict(value):
                        return False
            if additional is not None:
                for key, value in instance.items():
                    if key in declared:
                        continue
                    if any_pattern is not None and any_pattern.search(key):
                        continue
                    if not additional(value):
                        return False
            return True

        return check

    def _conditional(self, schema: Mapping[str, Any], resolver: Resolver[Any]) -> Verdict:
        condition = self.node(schema["if"], resolver)
        then = self.node(schema.get("then", True), resolver)
        otherwise = self.node(schema.get("else", True), resolver)
        return lambda instance: then(instance) if condition(instance) else otherwise(instance)


def _all(checks: list[Verdict]) -> Verdict:
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda instance: first(instance) and second(instance)

    def every(instance: Any) -> bool:
        for check in checks:  # noqa: SIM110 - faster than all() over a generator
            if not check(instance):
                return False
        return True

    return every


def _type(expected: Any) -> Verdict:
    names = expected if isinstance(expected, list) else [expected]
    if not names or any(not isinstance(n, str) or n not in _TYPES for n in names):
        raise _NotCompiledError(f"type {expected!r}")
    tests = [_TYPES[n] for n in names]
    if len(tests) == 1:
        return tests[0]
    return lambda instance: any(test(instance) for test in tests)


def _enum(values: Any) -> Verdict:
    if not isinstance(values, list):
        raise _NotCompiledError("enum is not a list")
    if all(isinstance(v, str) for v in values):
        strings = frozenset(values)
        return lambda instance: isinstance(instance, str) and instance in strings
    return lambda instance: any(jsonschema_equal(value, instance) for value in values)


def _number(value: Any, keyword: str) -> Any:
    if not _is_number(value):
        raise _NotCompiledError(f"{keyword} is not a number")
    return value


def _count(value: Any, keyword: str) -> int:
    if not _is_integer(value):
        raise _NotCompiledError(f"{keyword} is not an integer")
    return int(value)


def _bounds(schema: Mapping[str, Any]) -> list[Verdict]:
    """Numeric, string-length, pattern and array-length keywords."""
    checks: list[Verdict] = []
    if "minimum" in schema:
        low = _number(schema["minimum"], "minimum")
        checks.append(lambda instance: not _is_number(instance) or instance >= low)
    if "maximum" in schema:
        high = _number(schema["maximum"], "maximum")
        checks.append(lambda instance: not _is_number(instance) or instance <= high)
    if "exclusiveMinimum" in schema:
        above = _number(schema["exclusiveMinimum"], "exclusiveMinimum")
        checks.append(lambda instance: not _is_number(instance) or instance > above)
    if "exclusiveMaximum" in schema:
        below = _number(schema["exclusiveMaximum"], "exclusiveMaximum")
        checks.append(lambda instance: not _is_number(instance) or instance < below)
    if "minLength" in schema:
        shortest = _count(schema["minLength"], "minLength")
        checks.append(lambda instance: not isinstance(instance, str) or len(instance) >= shortest)
    if "maxLength" in schema:
        longest = _count(schema["maxLength"], "maxLength")
        checks.append(lambda instance: not isinstance(instance, str) or len(instance) <= longest)
    if "pattern" in schema:
        if not isinstance(schema["pattern"], str):
            raise _NotCompiledError("pattern is not a string")
        search = re.compile(schema["pattern"]).search
        checks.append(lambda instance: not isinstance(instance, str) or bool(search(instance)))
    if "minItems" in schema:
        fewest = _count(schema["minItems"], "minItems")
        checks.append(lambda instance: not isinstance(instance, list) or len(instance) >= fewest)
    if "maxItems" in schema:
        most = _count(schema["maxItems"], "maxItems")
        checks.append(lambda instance: not isinstance(instance, list) or len(instance) <= most)
    return checks


def _items(each: Verdict) -> Verdict:
    if each is _accept:
        return _accept

    def check(instance: Any) -> bool:
        if not isinstance(instance, list):
            return True
        return all(map(each, instance))

    return check


def _combined(keyword: str, members: list[Verdict]) -> Verdict:
    if keyword == "allOf":
        return _all(members)
    if keyword == "anyOf":
        return lambda instance: any(member(instance) for member in members)
    return lambda instance: sum(1 for member in members if member(instance)) == 1
