"""Schemas that constrain without declaring a type, and values fixed on any type.

A composition member (``allOf``, ``not``, ``if``, ...) may be a non-schema: it
declares no ``type`` and constrains only what its keywords speak of, each on the
values of its JSON kind (``properties`` on objects, ``maxLength`` on strings, ...),
as the Conditional Composition draft's if/then/else example reads. ``const`` and
``enum`` beside a type that is not a primitive (a union, a reference, a typeless
member) hold for the whole value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hsconform import messages
from hsconform.json_structure.nodes.base import (
    NO_ALLOW,
    Hops,
    Loc,
    Node,
    Path,
    Run,
    canonical,
    json_equal,
)


@dataclass(frozen=True, eq=False)
class TypelessNode(Node):
    """A non-schema's constraints, each applied to the values of the JSON kind it speaks of."""

    loc: Loc
    on_object: Node | None = None
    on_array: Node | None = None
    on_string: Node | None = None
    on_number: Node | None = None

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
        """Hand the value to the part for its JSON kind; a value of another kind passes."""
        node: Node | None
        if isinstance(value, dict):
            node = self.on_object
        elif isinstance(value, list):
            node = self.on_array
        elif isinstance(value, str):
            node = self.on_string
        elif isinstance(value, int | float) and not isinstance(value, bool):
            node = self.on_number
        else:
            node = None
        if node is not None:
            node.check(value, path, run, hops, depth, steps, allow)

    def describe(self) -> str:
        """A non-schema names no type."""
        return "non-schema"


@dataclass(frozen=True, eq=False)
class ValueNode(Node):
    """``const``/``enum`` around a schema whose node does not check them itself."""

    loc: Loc
    inner: Node
    const: tuple[Any, ...] = ()
    enum: tuple[Any, ...] | None = None
    allowed: frozenset[Any] = field(init=False, default=frozenset(), repr=False)

    def __post_init__(self) -> None:
        """Precompute the enum's values."""
        object.__setattr__(self, "allowed", frozenset(canonical(v) for v in self.enum or ()))

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
        """The schema first, then the value itself."""
        self.inner.check(value, path, run, hops, depth, steps, allow)
        if self.const and not json_equal(value, self.const[0]):
            message = messages.not_constant(value, self.const[0])
            run.report("HSC-V-CONST", message, path, self.loc, "const", hops)
        if self.enum is not None and canonical(value) not in self.allowed:
            message = messages.not_one_of(value, self.enum)
            run.report("HSC-V-ENUM", message, path, self.loc, "enum", hops)

    def describe(self) -> str:
        """The schema's own description."""
        return self.inner.describe()
