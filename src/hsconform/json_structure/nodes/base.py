"""What every compiled node shares: the run, the location, the base classes, depth and equality.

Instance paths are linked tuples, turned into JSON Pointers only when a finding is
made. The nodes of ``any`` and of an unusable schema sit here too: neither looks at
the shape of a value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from hsconform import messages
from hsconform.findings import Finding, Hop, SchemaLocation, Severity
from hsconform.json_structure.primitives import Problem
from hsconform.jsontext import escape_pointer_token
from hsconform.jsonvalue import canonical as canonical
from hsconform.jsonvalue import json_equal as json_equal

VARIANT = "json-structure"

#: Instance nesting beyond which validation stops with a finding (keeps clear of Python's stack).
MAX_DEPTH = 160
#: Schema steps taken on one value without descending (breaks ``$ref`` and union cycles).
MAX_STEPS = 64

#: A linked instance path: ``None`` at the root, else ``(parent, token)``.
Path = tuple[Any, str | int] | None
Hops = tuple[Hop, ...]
NO_ALLOW: frozenset[str] = frozenset()


def pointer_of(path: Path) -> str:
    """The JSON Pointer of a linked path."""
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append(escape_pointer_token(str(token)))
    return "".join(f"/{t}" for t in reversed(tokens))


def short(value: Any, limit: int = messages.VALUE_LIMIT) -> str:
    """A value or name as JSON in a message, as JSON Schema's messages show it."""
    return messages.shown(value, limit)


class Run:
    """The state of one validation: findings so far and the profile in force."""

    __slots__ = ("findings", "profile")

    def __init__(self, profile: str) -> None:
        self.findings: list[Finding] = []
        self.profile = profile

    def fork(self) -> Run:
        """A scratch run for trying an alternative (unions, choices, composition)."""
        return Run(self.profile)

    @property
    def failed(self) -> bool:
        """Whether any error was found."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def report(
        self,
        code: str,
        message: str,
        path: Path,
        where: Loc,
        keyword: str | None,
        hops: Hops,
        *,
        severity: Severity = Severity.ERROR,
        hint: str | None = None,
    ) -> None:
        """Record a finding about the value at ``path``, made by ``keyword`` of ``where``."""
        pointer = where.pointer + (f"/{keyword}" if keyword else "")
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=message,
                instance=pointer_of(path),
                schema=SchemaLocation(where.file, pointer, hops),
                keyword=keyword,
                variant=VARIANT,
                hint=hint,
            )
        )


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a schema sits: pack file and JSON Pointer."""

    file: str
    pointer: str


class Node:
    """A compiled schema."""

    loc: Loc
    #: For a primitive with nothing to check but its type: the type check itself, so loops
    #: over members and items can skip a call when the value conforms (the common case).
    fast_check: Callable[[Any], Problem | None] | None = None

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
        """Append to ``run`` every finding about ``value``."""
        raise NotImplementedError

    def describe(self) -> str:
        """How a message names this schema's type."""
        return type(self).__name__

    def wrong_type(self, expected: str, value: Any, path: Path, run: Run, hops: Hops) -> None:
        """Report a value that is not the JSON type this schema needs."""
        message = messages.expected(expected, value)
        run.report("HSC-V-TYPE", message, path, self.loc, "type", hops)

    def refuse_abstract(self, path: Path, run: Run, hops: Hops) -> None:
        """Report a value described by an abstract type, which no value may be."""
        message = "an abstract type cannot describe a value"
        run.report("HSC-V-ABSTRACT", message, path, self.loc, "abstract", hops)

    def report_loop(self, what: str, keyword: str | None, path: Path, run: Run, hops: Hops) -> None:
        """Report a chain of :data:`MAX_STEPS` steps that never reached a type (a cycle)."""
        message = f"{what} loops without reaching a type"
        run.report("HSC-V-SCHEMA-CIRCULAR", message, path, self.loc, keyword, hops)


class TooDeep(Exception):  # noqa: N818 - a signal, caught by the validator
    """Validation reached :data:`MAX_DEPTH`; raised so no union or trial can swallow it."""

    def __init__(self, path: Path, loc: Loc, hops: Hops) -> None:
        super().__init__(pointer_of(path))
        self.path = path
        self.loc = loc
        self.hops = hops


def descend(
    node: Node, value: Any, path: Path, token: str | int, run: Run, hops: Hops, depth: int
) -> None:
    """Check a child value; nesting deeper than :data:`MAX_DEPTH` stops the validation."""
    child = (path, token)
    if depth >= MAX_DEPTH:
        raise TooDeep(child, node.loc, hops)
    node.check(value, child, run, hops, depth + 1, 0)


#: A check a compound node runs on its whole value once its members are checked.
Extra = Callable[[Any, Path, Run, Hops, int], None]


class Compound(Node):
    """A type whose values are JSON arrays or objects.

    The JSON type, the refusal of an abstract type and the whole-value extras are the
    same for every compound type; a subclass only says which JSON type it takes and
    checks the members.
    """

    #: The Python type of the values it takes: ``list`` or ``dict``.
    wire: ClassVar[type[Any]]
    abstract: bool = False
    extras: tuple[Extra, ...] = ()

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
        """Members and extras are only checked on a value of the right JSON type."""
        if not isinstance(value, self.wire):
            self.wrong_type(self.expected(), value, path, run, hops)
            return
        if self.abstract:
            self.refuse_abstract(path, run, hops)
            return
        self.check_members(value, path, run, hops, depth, steps, allow)
        for extra in self.extras:
            extra(value, path, run, hops, depth)

    def check_members(
        self,
        value: Any,
        path: Path,
        run: Run,
        hops: Hops,
        depth: int,
        steps: int,
        allow: frozenset[str],
    ) -> None:
        """Append to ``run`` every finding about the members of a value of the right type."""
        raise NotImplementedError

    def expected(self) -> str:
        """How a type error names what this schema takes."""
        noun = "array" if self.wire is list else "object"
        name = self.describe()
        return name if name == noun else f"{name} (a JSON {noun})"


def repeats(items: list[Any]) -> Iterator[tuple[int, Any, int]]:
    """Each item equal (as JSON) to an earlier one: its index, the item, the earlier index."""
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        first = seen.setdefault(canonical(item), index)
        if first != index:
            yield index, item, first


@dataclass(frozen=True, eq=False)
class InvalidNode(Node):
    """A schema that cannot judge anything (unknown type, unresolved reference, ...)."""

    loc: Loc
    code: str
    message: str
    keyword: str | None = None

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
        """Every value fails: the schema is not usable."""
        run.report(self.code, self.message, path, self.loc, self.keyword, hops)

    def describe(self) -> str:
        """Invalid schema."""
        return "invalid schema"


@dataclass(frozen=True, eq=False)
class AnyNode(Node):
    """``any``: every JSON value."""

    loc: Loc

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
        """Nothing to check."""

    def describe(self) -> str:
        """Any."""
        return "any"
