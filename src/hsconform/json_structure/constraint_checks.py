"""Checks made from the Validation extension's constraints: the extras a node runs.

The compiler reads a constraint once and turns it into a closure over its value; the
node runs it on every value that has the node's type. Checks that need a sub-schema
(``propertyNames``, ``has``, ``contains``, ...) take it already compiled.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeGuard

from jsonschema import Draft202012Validator, FormatChecker

from hsconform import formats, messages
from hsconform.findings import Severity
from hsconform.json_structure import primitives
from hsconform.json_structure.keywords import NUMERIC_TYPES
from hsconform.json_structure.nodes import (
    Extra,
    Hops,
    Loc,
    Node,
    Path,
    Run,
    bound_check,
    code_for,
    descend,
    multiple_check,
    pattern_check,
    repeats,
    short,
    string_check,
)
from hsconform.json_structure.patterns import compile_pattern

#: A check of a primitive value: (value, path, run, hops).
PrimitiveCheck = Callable[[Any, Path, Run, Hops], None]

_BOUNDS: tuple[tuple[str, Callable[[Decimal, Decimal], bool]], ...] = (
    ("minimum", operator.ge),
    ("maximum", operator.le),
    ("exclusiveMinimum", operator.gt),
    ("exclusiveMaximum", operator.lt),
)


def primitive_checks(name: str, schema: Mapping[str, Any], loc: Loc) -> Iterable[PrimitiveCheck]:
    """Bounds and ``multipleOf`` of a numeric type; length, pattern and format of a string."""
    if name in NUMERIC_TYPES:
        for keyword, accept in _BOUNDS:
            limit = _decimal(schema.get(keyword))
            if limit is not None:
                yield bound_check(loc, keyword, limit, accept)
        divisor = _decimal(schema.get("multipleOf"))
        if divisor is not None and divisor > 0:
            yield multiple_check(loc, divisor)
    if name == "string":
        minimum = schema.get("minLength")
        if is_count(minimum):
            yield _min_length(loc, minimum)
        pattern = schema.get("pattern")
        if isinstance(pattern, str):
            yield pattern_check(loc, "pattern", compile_pattern(pattern))
        fmt = schema.get("format")
        if isinstance(fmt, str):
            yield format_check(loc, fmt)


def count_checks(schema: Mapping[str, Any], loc: Loc, low: str, high: str) -> Iterable[Extra]:
    """The lower and upper count of a container's members (``minItems``, ``maxEntries``, ...)."""
    for keyword, compare in ((low, operator.ge), (high, operator.le)):
        limit = schema.get(keyword)
        if is_count(limit):
            yield _count_check(loc, keyword, limit, compare)


def key_names_check(node: Node, loc: Loc, keyword: str) -> Extra:
    """``propertyNames``/``keyNames``: every member name conforms to a string schema."""

    def check(value: Any, path: Path, run: Run, hops: Hops, depth: int) -> None:
        for key in value:
            trial = run.fork()
            node.check(key, (path, key), trial, hops, depth + 1, 0)
            if trial.failed:
                reason = next(f.message for f in trial.findings if f.severity is Severity.ERROR)
                run.report(
                    code_for(keyword),
                    f"name {short(key)} is not allowed: {reason}",
                    (path, key),
                    loc,
                    keyword,
                    hops,
                )

    return check


def dependent_required_checks(schema: Mapping[str, Any], loc: Loc) -> Iterable[Extra]:
    """``dependentRequired``: a present member requires others."""
    rules = schema.get("dependentRequired")
    if not isinstance(rules, dict):
        return

    def check(value: Any, path: Path, run: Run, hops: Hops, depth: int) -> None:
        for name, needs in rules.items():
            if name in value and isinstance(needs, list):
                for need in needs:
                    if need not in value:
                        run.report(
                            "HSC-V-DEPENDENT-REQUIRED",
                            f"{short(name)} is present, so {short(need)} is required",
                            path,
                            loc,
                            "dependentRequired",
                            hops,
                        )

    yield check


def has_check(node: Node, loc: Loc) -> Extra:
    """``has``: at least one member value conforms to a schema."""

    def check(value: Any, path: Path, run: Run, hops: Hops, depth: int) -> None:
        for key, item in value.items():
            trial = run.fork()
            descend(node, item, path, key, trial, hops, depth)
            if not trial.failed:
                return
        run.report("HSC-V-HAS", "no value matches the `has` schema", path, loc, "has", hops)

    return check


def contains_check(node: Node, schema: Mapping[str, Any], loc: Loc) -> Extra:
    """``contains`` with ``minContains``/``maxContains``: how many items conform to a schema."""
    least = schema.get("minContains", 1)
    most = schema.get("maxContains")

    def check(value: Any, path: Path, run: Run, hops: Hops, depth: int) -> None:
        count = 0
        for index, item in enumerate(value):
            trial = run.fork()
            descend(node, item, path, index, trial, hops, depth)
            count += not trial.failed
        if is_count(least) and count < least:
            keyword = "minContains" if "minContains" in schema else "contains"
            run.report(
                code_for(keyword),
                f"{count} item(s) match `contains`; at least {least} must",
                path,
                loc,
                keyword,
                hops,
            )
        if is_count(most) and count > most:
            run.report(
                "HSC-V-MAX-CONTAINS",
                f"{count} item(s) match `contains`; at most {most} may",
                path,
                loc,
                "maxContains",
                hops,
            )

    return check


def unique_items_check(loc: Loc) -> Extra:
    """``uniqueItems`` on an array: no item equals an earlier one (JSON equality)."""

    def check(value: Any, path: Path, run: Run, hops: Hops, depth: int) -> None:
        for index, item, first in repeats(value):
            message = f"{short(item)} already appears at index {first}"
            run.report("HSC-V-UNIQUE-ITEMS", message, (path, index), loc, "uniqueItems", hops)

    return check


def format_check(loc: Loc, fmt: str, keyword: str = "format") -> PrimitiveCheck:
    """``format``: checked where a checker exists; otherwise a warning says it was not."""
    own = _OWN_FORMATS.get(fmt)
    if own is not None:
        test = own
    elif fmt in _JSONSCHEMA_FORMATS.checkers:
        test = lambda v: _JSONSCHEMA_FORMATS.conforms(v, fmt)  # noqa: E731
    else:
        return string_check(
            loc,
            keyword,
            lambda v: False,
            lambda v: f"format {short(fmt)} is not checked by hsconform",
            code="HSC-V-FORMAT-UNCHECKED",
            severity=Severity.WARNING,
        )
    return string_check(loc, keyword, test, lambda v: messages.invalid(v, fmt), code="HSC-V-FORMAT")


def is_count(value: Any) -> TypeGuard[int]:
    """A length or count as the drafts allow it: a non-negative integer."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


_JSONSCHEMA_FORMATS: FormatChecker = Draft202012Validator.FORMAT_CHECKER
_OWN_FORMATS: Mapping[str, Callable[[str], bool]] = {
    **formats.STRING_FORMATS,
    "hostname": lambda v: primitives.is_hostname(v),
    "relative-json-pointer": lambda v: primitives.is_relative_json_pointer(v),
    "regex": lambda v: compile_pattern(v).error is None,
}


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return primitives.decimal_value(value)


def _count_check(loc: Loc, keyword: str, limit: int, compare: Callable[[int, int], bool]) -> Extra:
    def check(value: Any, path: Path, run: Run, hops: Hops, depth: int) -> None:
        if not compare(len(value), limit):
            message = messages.beyond(keyword, value, limit)
            run.report(code_for(keyword), message, path, loc, keyword, hops)

    return check


def _min_length(loc: Loc, minimum: int) -> PrimitiveCheck:
    return string_check(
        loc,
        "minLength",
        lambda v: len(v) >= minimum,
        lambda v: messages.beyond("minLength", v, minimum),
    )
