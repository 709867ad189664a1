"""Compiled JSON Structure schemas: one immutable node per schema, checking instances.

A node checks a value and appends findings to a :class:`Run`. Nodes never change
after compilation, so one compiled schema is safe to share between threads; all
per-validation state lives in the ``Run``. Instance paths are linked tuples,
turned into JSON Pointers only when a finding is made.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hsconform.findings import Finding, Hop, SchemaLocation, Severity
from hsconform.json_structure.keywords import INSTANCE_RESERVED, PUBLISHED
from hsconform.json_structure.patterns import Pattern
from hsconform.json_structure.primitives import Problem, decimal_value, json_type
from hsconform.jsontext import escape_pointer_token

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


def short(value: Any, limit: int = 60) -> str:
    """A value as (shortened) JSON for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):
        text = f"<{json_type(value)}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        message = f"expected {expected}, got {json_type(value)} {short(value)}"
        run.report("HSC-V-TYPE", message, path, self.loc, "type", hops)

    def refuse_abstract(self, path: Path, run: Run, hops: Hops) -> None:
        """Report a value described by an abstract type, which no value may be."""
        message = "an abstract type cannot describe a value"
        run.report("HSC-V-ABSTRACT", message, path, self.loc, "abstract", hops)


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


def json_equal(left: Any, right: Any) -> bool:
    """JSON equality: ``true`` is not ``1``, ``1`` is ``1.0``, objects ignore member order."""
    return bool(canonical(left) == canonical(right))


def canonical(value: Any) -> Any:
    """A hashable form of a JSON value under JSON equality."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        number = decimal_value(value)
        return ("number", number.normalize() if number is not None else value)
    if isinstance(value, list):
        return ("array", tuple(canonical(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, canonical(item)) for key, item in value.items()))
    return ("other", repr(value))


# --- primitives ----------------------------------------------------------------------------


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
    lenient_number: bool = False
    plain: bool = field(init=False, default=False, repr=False)
    allowed: frozenset[Any] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        """Precompute: whether the type is all there is to check, and the enum's values."""
        plain = not (
            self.const or self.enum is not None or self.max_length is not None or self.extras
        )
        object.__setattr__(self, "plain", plain)
        if plain and not self.lenient_number:
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
        elif not self._accepted_as_number(value, run, path, hops):
            run.report(problem.code, problem.message, path, self.loc, "type", hops)
            return
        if self.const and not json_equal(value, self.const[0]):
            run.report(
                "HSC-V-CONST",
                f"{short(value)} is not {short(self.const[0])}",
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
            listed = ", ".join(short(item, 30) for item in (self.enum or ())[:12])
            run.report(
                "HSC-V-ENUM",
                f"{short(value)} is not one of {listed}",
                path,
                self.loc,
                "enum",
                hops,
            )
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            run.report(
                "HSC-V-MAX-LENGTH",
                f"string of {len(value)} characters is longer than {self.max_length}",
                path,
                self.loc,
                "maxLength",
                hops,
            )
        for extra in self.extras:
            extra(value, path, run, hops)

    def _accepted_as_number(self, value: Any, run: Run, path: Path, hops: Hops) -> bool:
        """``published``: an int64-family value sent as a JSON number within range."""
        if not self.lenient_number or run.profile != PUBLISHED:
            return False
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        if self.checker(str(value)) is not None:
            return False
        run.report(
            "HSC-PUB-INT-AS-NUMBER",
            f"{self.type_name} sent as the JSON number {value}; JSON Structure encodes it as "
            f'the string "{value}" (accepted by the published profile)',
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
    loc: Loc, keyword: str, limit: Decimal, accept: Callable[[Decimal, Decimal], bool], text: str
) -> Callable[[Any, Path, Run, Hops], None]:
    """A numeric bound (minimum, maximum, exclusive ones) compared exactly."""

    def check(value: Any, path: Path, run: Run, hops: Hops) -> None:
        number = decimal_value(value)
        if number is not None and not accept(number, limit):
            run.report(
                f"HSC-V-{_upper(keyword)}",
                f"{short(value)} is {text} {limit}",
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
                f"{short(value)} is not a multiple of {divisor}",
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
                f"pattern {pattern.source!r} not evaluated: {pattern.error}",
                path,
                loc,
                keyword,
                hops,
            )
        elif not pattern.search(value):
            run.report(
                "HSC-V-PATTERN",
                f"{short(value)} does not match {pattern.source!r}",
                path,
                loc,
                keyword,
                hops,
            )

    return check


# --- compounds -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RefNode(Node):
    """A reference, followed through the compiled table (so recursive types work)."""

    loc: Loc
    keyword_pointer: str
    ref: str
    target: tuple[str, str]
    table: Mapping[tuple[str, str], Node] = field(repr=False)

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
        """Follow the reference, recording the hop."""
        if steps >= MAX_STEPS:
            run.report(
                "HSC-V-SCHEMA-CIRCULAR",
                f"reference {self.ref!r} loops without reaching a type",
                path,
                self.loc,
                None,
                hops,
            )
            return
        node = self.table[self.target]
        hop = Hop(self.loc.file, self.keyword_pointer, self.ref)
        node.check(value, path, run, (*hops, hop), depth, steps + 1, allow)

    def resolve(self) -> Node:
        """The node the reference designates (following chains of references)."""
        node: Node = self
        for _ in range(MAX_STEPS):
            if not isinstance(node, RefNode):
                return node
            node = node.table[node.target]
        return node

    def describe(self) -> str:
        """The reference."""
        return self.ref


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


Extra = Callable[[Any, Path, Run, Hops, int], None]


@dataclass(frozen=True, eq=False)
class ObjectNode(Node):
    """``object``: declared properties, required sets, additional properties."""

    loc: Loc
    properties: Mapping[str, Node]
    required: tuple[tuple[str, ...], ...] = ()
    alternatives: bool = False
    additional: bool | Node = True
    abstract: bool = False
    patterns: tuple[tuple[Pattern, Node], ...] = ()
    extras: tuple[Extra, ...] = ()
    type_name: str = "object"

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
        """Check members; an abstract type cannot be used for a value at all."""
        if not isinstance(value, dict):
            self.wrong_type("object", value, path, run, hops)
            return
        if self.abstract:
            self.refuse_abstract(path, run, hops)
            return
        if self.alternatives:
            self._alternative_required(value, path, run, hops)
        else:
            for name in self.required[0] if self.required else ():
                if name not in value:
                    run.report(
                        "HSC-V-REQUIRED",
                        f"missing required property {name!r}",
                        path,
                        self.loc,
                        "required",
                        hops,
                    )
        at_root = path is None
        properties = self.properties
        deeper = depth + 1
        for key, item in value.items():
            node = properties.get(key)
            if node is not None:
                fast = node.fast_check
                if fast is not None and fast(item) is None:
                    continue
                if deeper > MAX_DEPTH:
                    raise TooDeep((path, key), node.loc, hops)
                node.check(item, (path, key), run, hops, deeper, 0)
                continue
            if key in allow or (at_root and key in INSTANCE_RESERVED):
                continue
            matched = False
            for pattern, pattern_node in self.patterns:
                if pattern.error is None and pattern.search(key):
                    matched = True
                    descend(pattern_node, item, path, key, run, hops, depth)
            if matched:
                continue
            if self.additional is False:
                run.report(
                    "HSC-V-ADDITIONAL-PROPERTIES",
                    f"property {key!r} is not declared and additional properties are not allowed",
                    (path, key),
                    self.loc,
                    "additionalProperties",
                    hops,
                )
            elif isinstance(self.additional, Node):
                descend(self.additional, item, path, key, run, hops, depth)
        if self.extras:
            for extra in self.extras:
                extra(value, path, run, hops, depth)

    def _alternative_required(
        self, value: Mapping[str, Any], path: Path, run: Run, hops: Hops
    ) -> None:
        """Exactly one of the alternative required sets must be present."""
        satisfied = [group for group in self.required if all(n in value for n in group)]
        if len(satisfied) == 1:
            return
        if not satisfied:
            closest = min(self.required, key=lambda g: sum(n not in value for n in g))
            missing = [n for n in closest if n not in value]
            message = (
                "matches none of the alternative required sets; closest is missing "
                + ", ".join(repr(n) for n in missing)
            )
        else:
            message = "matches more than one alternative required set: " + "; ".join(
                ", ".join(group) for group in satisfied
            )
        run.report("HSC-V-REQUIRED", message, path, self.loc, "required", hops)

    def describe(self) -> str:
        """Object."""
        return self.type_name


@dataclass(frozen=True, eq=False)
class ArrayNode(Node):
    """``array`` and ``set`` (a set's items are unique)."""

    loc: Loc
    items: Node
    unique: bool = False
    type_name: str = "array"
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
        """Check every item; for a set, every item must differ from the others."""
        if not isinstance(value, list):
            self.wrong_type(f"{self.type_name} (a JSON array)", value, path, run, hops)
            return
        items = self.items
        deeper = depth + 1
        if value and deeper > MAX_DEPTH:
            raise TooDeep((path, 0), items.loc, hops)
        fast = items.fast_check
        for index, item in enumerate(value):
            if fast is not None and fast(item) is None:
                continue
            items.check(item, (path, index), run, hops, deeper, 0)
        if self.unique:
            seen: dict[Any, int] = {}
            for index, item in enumerate(value):
                key = canonical(item)
                if key in seen:
                    run.report(
                        "HSC-V-SET-DUPLICATE",
                        f"{short(item)} already appears at index {seen[key]}; a set's "
                        "items are unique",
                        (path, index),
                        self.loc,
                        "type",
                        hops,
                    )
                else:
                    seen[key] = index
        for extra in self.extras:
            extra(value, path, run, hops, depth)

    def describe(self) -> str:
        """Array or set."""
        return self.type_name


@dataclass(frozen=True, eq=False)
class MapNode(Node):
    """``map``: any keys, every value of one type."""

    loc: Loc
    values: Node
    patterns: tuple[tuple[Pattern, Node], ...] = ()
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
        """Check every value (and, with patternKeys, the values of matching keys)."""
        if not isinstance(value, dict):
            self.wrong_type("map (a JSON object)", value, path, run, hops)
            return
        at_root = path is None
        values = self.values
        fast = values.fast_check
        for key, item in value.items():
            if at_root and key in INSTANCE_RESERVED:
                continue
            if fast is None or fast(item) is not None:
                descend(values, item, path, key, run, hops, depth)
            for pattern, node in self.patterns:
                if pattern.error is None and pattern.search(key):
                    descend(node, item, path, key, run, hops, depth)
        for extra in self.extras:
            extra(value, path, run, hops, depth)

    def describe(self) -> str:
        """Map."""
        return "map"


@dataclass(frozen=True, eq=False)
class TupleNode(Node):
    """``tuple``: a JSON array with one item per declared property, in ``tuple`` order."""

    loc: Loc
    order: tuple[str, ...]
    elements: tuple[Node, ...]
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
        """Exactly as many items as declared properties, each of its type."""
        if not isinstance(value, list):
            self.wrong_type("tuple (a JSON array)", value, path, run, hops)
            return
        if self.abstract:
            self.refuse_abstract(path, run, hops)
            return
        if len(value) != len(self.order):
            run.report(
                "HSC-V-TUPLE-LENGTH",
                f"tuple has {len(value)} item(s); {len(self.order)} declared "
                f"({', '.join(self.order)})",
                path,
                self.loc,
                "tuple",
                hops,
            )
        for index, (item, node) in enumerate(zip(value, self.elements, strict=False)):
            descend(node, item, path, index, run, hops, depth)
        for extra in self.extras:
            extra(value, path, run, hops, depth)

    def describe(self) -> str:
        """Tuple."""
        return "tuple"


@dataclass(frozen=True, eq=False)
class ChoiceNode(Node):
    """``choice``: a tagged union (one member named by its key) or an inline one (a selector)."""

    loc: Loc
    choices: Mapping[str, Node]
    selector: str | None = None

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
        """Find the selected choice and check the value against it."""
        if not isinstance(value, dict):
            self.wrong_type("choice (a JSON object)", value, path, run, hops)
            return
        names = ", ".join(self.choices)
        if self.selector is None:
            keys = [k for k in value if not (path is None and k in INSTANCE_RESERVED)]
            if len(keys) != 1 or keys[0] not in self.choices:
                run.report(
                    "HSC-V-CHOICE",
                    f"a tagged choice is an object with exactly one member named after "
                    f"the choice ({names}); got {short(sorted(keys))}",
                    path,
                    self.loc,
                    "choices",
                    hops,
                )
                return
            descend(self.choices[keys[0]], value[keys[0]], path, keys[0], run, hops, depth)
            return
        selected = value.get(self.selector)
        if not isinstance(selected, str) or selected not in self.choices:
            what = "missing" if self.selector not in value else f"{short(selected)}"
            run.report(
                "HSC-V-CHOICE",
                f"selector {self.selector!r} is {what}; it must name one of: {names}",
                path,
                self.loc,
                "selector",
                hops,
            )
            return
        self.choices[selected].check(
            value, path, run, hops, depth, steps + 1, allow | {self.selector}
        )

    def describe(self) -> str:
        """Choice."""
        return "choice"


@dataclass(frozen=True, eq=False)
class UnionNode(Node):
    """A type union: the value is of the first member type it conforms to."""

    loc: Loc
    members: tuple[Node, ...]

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
        """Try each member in order; keep the first that fits."""
        if steps >= MAX_STEPS:
            run.report(
                "HSC-V-SCHEMA-CIRCULAR",
                "type union loops without reaching a type",
                path,
                self.loc,
                "type",
                hops,
            )
            return
        first_failure: Finding | None = None
        for member in self.members:
            trial = run.fork()
            member.check(value, path, trial, hops, depth, steps + 1, allow)
            if not trial.failed:
                run.findings.extend(trial.findings)
                return
            if first_failure is None:
                first_failure = next(f for f in trial.findings if f.severity is Severity.ERROR)
        expected = " | ".join(m.describe() for m in self.members)
        run.report(
            "HSC-V-TYPE",
            f"{short(value)} is none of the union's types: {expected}",
            path,
            self.loc,
            "type",
            hops,
            hint=f"first member: {first_failure.message}" if first_failure else None,
        )

    def describe(self) -> str:
        """The members."""
        return " | ".join(m.describe() for m in self.members)


@dataclass(frozen=True, eq=False)
class CompositionNode(Node):
    """Conditional composition (allOf, anyOf, oneOf, not, if/then/else) around a schema."""

    loc: Loc
    base: Node | None
    all_of: tuple[Node, ...] = ()
    any_of: tuple[Node, ...] = ()
    one_of: tuple[Node, ...] = ()
    not_: Node | None = None
    if_: Node | None = None
    then: Node | None = None
    else_: Node | None = None

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
        """The base schema, then each composition keyword on the same value."""
        if steps >= MAX_STEPS:
            run.report(
                "HSC-V-SCHEMA-CIRCULAR",
                "composition loops without reaching a type",
                path,
                self.loc,
                None,
                hops,
            )
            return
        step = steps + 1
        if self.base is not None:
            self.base.check(value, path, run, hops, depth, step, allow)
        for node in self.all_of:
            node.check(value, path, run, hops, depth, step, allow)
        if self.any_of:
            passing = self._passing(self.any_of, value, path, run, hops, depth, step, allow)
            if not passing:
                run.report(
                    "HSC-V-ANY-OF",
                    "matches none of the anyOf schemas",
                    path,
                    self.loc,
                    "anyOf",
                    hops,
                )
        if self.one_of:
            passing = self._passing(self.one_of, value, path, run, hops, depth, step, allow)
            if len(passing) != 1:
                run.report(
                    "HSC-V-ONE-OF",
                    f"matches {len(passing)} of the oneOf schemas; exactly one must match",
                    path,
                    self.loc,
                    "oneOf",
                    hops,
                )
        if self.not_ is not None and self._passing(
            (self.not_,), value, path, run, hops, depth, step, allow
        ):
            run.report("HSC-V-NOT", "matches the schema under not", path, self.loc, "not", hops)
        if self.if_ is not None:
            matched = bool(self._passing((self.if_,), value, path, run, hops, depth, step, allow))
            branch = self.then if matched else self.else_
            if branch is not None:
                branch.check(value, path, run, hops, depth, step, allow)

    @staticmethod
    def _passing(
        nodes: Sequence[Node],
        value: Any,
        path: Path,
        run: Run,
        hops: Hops,
        depth: int,
        steps: int,
        allow: frozenset[str],
    ) -> list[Node]:
        passing = []
        for node in nodes:
            trial = run.fork()
            node.check(value, path, trial, hops, depth, steps, allow)
            if not trial.failed:
                passing.append(node)
        return passing

    def describe(self) -> str:
        """The base type, if any."""
        return self.base.describe() if self.base is not None else "composition"
