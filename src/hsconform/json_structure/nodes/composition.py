"""Nodes that hand the value on to other nodes: references, unions, composition.

Each counts its steps: a chain of them that never descends into the value
(a ``$ref`` or union cycle) ends with a finding instead of exhausting the stack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hsconform import messages
from hsconform.findings import Finding, Hop, Severity
from hsconform.json_structure.nodes.base import (
    MAX_STEPS,
    NO_ALLOW,
    Hops,
    Loc,
    Node,
    Path,
    Run,
    short,
)


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
            self.report_loop(f"reference {short(self.ref)}", None, path, run, hops)
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
            self.report_loop("type union", "type", path, run, hops)
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
        expected = messages.either(m.describe() for m in self.members)
        run.report(
            "HSC-V-TYPE",
            messages.expected(expected, value),
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
            self.report_loop("composition", None, path, run, hops)
            return
        step = steps + 1

        def passes(node: Node) -> bool:
            """Whether the value conforms to ``node``, tried on a scratch run."""
            trial = run.fork()
            node.check(value, path, trial, hops, depth, step, allow)
            return not trial.failed

        if self.base is not None:
            self.base.check(value, path, run, hops, depth, step, allow)
        for node in self.all_of:
            node.check(value, path, run, hops, depth, step, allow)
        # every member is tried (no short cut): each may stop the run by nesting too deep
        if self.any_of and sum(passes(node) for node in self.any_of) == 0:
            run.report(
                "HSC-V-ANY-OF", "matches none of the anyOf schemas", path, self.loc, "anyOf", hops
            )
        if self.one_of:
            count = sum(passes(node) for node in self.one_of)
            if count != 1:
                run.report(
                    "HSC-V-ONE-OF",
                    f"matches {count} of the oneOf schemas; exactly one must match",
                    path,
                    self.loc,
                    "oneOf",
                    hops,
                )
        if self.not_ is not None and passes(self.not_):
            run.report("HSC-V-NOT", "matches the schema under not", path, self.loc, "not", hops)
        if self.if_ is not None:
            branch = self.then if passes(self.if_) else self.else_
            if branch is not None:
                branch.check(value, path, run, hops, depth, step, allow)

    def describe(self) -> str:
        """The base type, if any."""
        return self.base.describe() if self.base is not None else "composition"
