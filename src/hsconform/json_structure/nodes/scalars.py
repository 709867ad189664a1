"""Primitive types: the type check, then core and Validation-extension constraints.

The constraints a document enables become ``extras``: small checks made here
(bounds, ``multipleOf``, string checks, patterns) that run on a well-typed value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hsconform import messages
from hsconform.findings import Severity
from hsconform.json_structure.keywords import PUBLISHED, STRING_INTEGER_TYPES
from hsconform.json_structure.nodes.base import (
    NO_ALLOW,
    Hops,
    Loc,
    Node,
    Path,
    Run,
    canonical,
    json_equal,
    short,
)
from hsconform.json_structure.patterns import Pattern
from hsconform.json_structure.primitives import Problem, decimal_value, is_time_without_offset


@dataclass(frozen=True)
class Tolerance:
    """A value the ``published`` profile accepts though the drafts do not, and its warning."""

    code: str
    accepts: Callable[[Any], bool]
    message: Callable[[Any], str]


def tolerance_for(name: str, checker: Callable[[Any], Problem | None]) -> Tolerance | None:
    """What ``published`` accepts of a primitive type though the drafts do not."""
    if name in STRING_INTEGER_TYPES:
        return Tolerance(
            "HSC-PUB-INT-AS-NUMBER",
            lambda v: type(v) is int and checker(str(v)) is None,
            lambda v: (
                f"{name} sent as the JSON number {v}; JSON Structure encodes it as "
                f'the string "{v}" (accepted by the published profile)'
            ),
        )
    if name == "time":
        return Tolerance(
            "HSC-PUB-TIME-WITHOUT-OFFSET",
            is_time_without_offset,
            lambda v: (
                f"time {short(v)} has no offset; the core draft's time is an RFC 3339 "
                "full-time, offset required (accepted by the published profile)"
            ),
        )
    return None


@dataclass(frozen=True, eq=False)
class PrimitiveNode(Node):
    """A primitive type with its core constraints and any enabled extension keywords.

    Core: const, enum, maxLength. The Validation extension's keywords come as
    ``extras`` when the document enables them.
    """

    loc: Loc
    type_name: str
    checker: Callable[[Any], Problem | None]
    const: tuple[Any, ...] = ()
    enum: tuple[Any, ...] | None = None
    max_length: int | None = None
    extras: tuple[Callable[[Any, Path, Run, Hops], None], ...] = ()
    tolerance: Tolerance | None = None
    plain: bool = field(init=False, default=False, repr=False)
    allowed: frozenset[Any] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        """Precompute: whether the type is all there is to check, and the enum's values."""
        plain = not (
            self.const or self.enum is not None or self.max_length is not None or self.extras
        )
        object.__setattr__(self, "plain", plain)
        if plain:  # a value the check refuses still goes through check(): the tolerance too
            object.__setattr__(self, "fast_check", self.checker)
        if self.enum is not None:
            object.__setattr__(self, "allowed", frozenset(canonical(v) for v in self.enum))

    def check(
        self,
        value: Any,
        path: Path,
        run: Run,
        hops: Hops,
        depth: int,
        steps: int,
        allow: frozenset[str] = NO_ALLOW,
    ) -> None:
        """Check type and encoding first; constraints only apply to a well-typed value."""
        problem = self.checker(value)
        if problem is None:
            if self.plain:
                return
        elif not self._tolerated(value, run, path, hops):
            run.report(problem.code, problem.message, path, self.loc, "type", hops)
            return
        if self.const and not json_equal(value, self.const[0]):
            run.report(
                "HSC-V-CONST",
                messages.not_constant(value, self.const[0]),
                path,
                self.loc,
                "const",
                hops,
            )
        allowed = self.allowed
        if (
            allowed is not None
            and (type(value) is not str or ("str", value) not in allowed)
            and (canonical(value) not in allowed)
        ):
            run.report(
                "HSC-V-ENUM",
                messages.not_one_of(value, self.enum or ()),
                path,
                self.loc,
                "enum",
                hops,
            )
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            run.report(
                "HSC-V-MAX-LENGTH",
                messages.beyond("maxLength", value, self.max_length),
                path,
                self.loc,
                "maxLength",
                hops,
            )
        for extra in self.extras:
            extra(value, path, run, hops)

    def _tolerated(self, value: Any, run: Run, path: Path, hops: Hops) -> bool:
        """``published``: a value of the :class:`Tolerance`, accepted with its warning."""
        tolerance = self.tolerance
        if tolerance is None or run.profile != PUBLISHED or not tolerance.accepts(value):
            return False
        run.report(
            tolerance.code,
            tolerance.message(value),
            path,
            self.loc,
            "type",
            hops,
            severity=Severity.WARNING,
        )
        return True

    def describe(self) -> str:
        """The type name."""
        return self.type_name


def bound_check(
    loc: Loc, keyword: str, limit: Decimal, accept: Callable[[Decimal, Decimal], bool]
) -> Callable[[Any, Path, Run, Hops], None]:
    """A numeric bound (minimum, maximum, exclusive ones) compared exactly."""

    def check(value: Any, path: Path, run: Run, hops: Hops) -> None:
        number = decimal_value(value)
        if number is not None and not accept(number, limit):
            run.report(
                f"HSC-V-{_upper(keyword)}",
                messages.beyond(keyword, value, limit),
                path,
                loc,
                keyword,
                hops,
            )

    return check


def multiple_check(loc: Loc, divisor: Decimal) -> Callable[[Any, Path, Run, Hops], None]:
    """``multipleOf``, exact for decimals and big integers."""

    def check(value: Any, path: Path, run: Run, hops: Hops) -> None:
        number = decimal_value(value)
        if number is not None and number % divisor != 0:
            run.report(
                "HSC-V-MULTIPLE-OF",
                messages.beyond("multipleOf", value, divisor),
                path,
                loc,
                "multipleOf",
                hops,
            )

    return check


def _upper(keyword: str) -> str:
    out = []
    for char in keyword:
        if char.isupper():
            out.append("-")
        out.append(char.upper())
    return "".join(out)


def code_for(keyword: str) -> str:
    """``minLength`` -> ``HSC-V-MIN-LENGTH``."""
    return f"HSC-V-{_upper(keyword)}"


def string_check(
    loc: Loc,
    keyword: str,
    test: Callable[[str], bool],
    message: Callable[[str], str],
    *,
    code: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Callable[[Any, Path, Run, Hops], None]:
    """A check on string values (minLength, pattern, format)."""

    def check(value: Any, path: Path, run: Run, hops: Hops) -> None:
        if isinstance(value, str) and not test(value):
            run.report(
                code or code_for(keyword),
                message(value),
                path,
                loc,
                keyword,
                hops,
                severity=severity,
            )

    return check


def pattern_check(
    loc: Loc, keyword: str, pattern: Pattern
) -> Callable[[Any, Path, Run, Hops], None]:
    """``pattern``: refused with a finding when the pattern cannot run in linear time."""

    def check(value: Any, path: Path, run: Run, hops: Hops) -> None:
        if not isinstance(value, str):
            return
        if pattern.error is not None:
            run.report(
                "HSC-V-PATTERN-UNSUPPORTED",
                messages.unusable_pattern(pattern.source, pattern.error),
                path,
                loc,
                keyword,
                hops,
            )
        elif not pattern.search(value):
            run.report(
                "HSC-V-PATTERN",
                messages.no_match(value, pattern.source),
                path,
                loc,
                keyword,
                hops,
            )

    return check
