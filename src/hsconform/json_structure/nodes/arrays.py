"""Types whose values are JSON arrays: ``array``, ``set`` and ``tuple``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hsconform.json_structure.nodes.base import (
    MAX_DEPTH,
    Compound,
    Extra,
    Hops,
    Loc,
    Node,
    Path,
    Run,
    TooDeep,
    descend,
    repeats,
    short,
)


@dataclass(frozen=True, eq=False)
class ArrayNode(Compound):
    """``array`` and ``set`` (a set's items are unique)."""

    wire = list
    loc: Loc
    items: Node
    unique: bool = False
    type_name: str = "array"
    extras: tuple[Extra, ...] = ()

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
        """Check every item; for a set, every item must differ from the others."""
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
            for index, item, first in repeats(value):
                message = (
                    f"{short(item)} already appears at index {first}; a set's items are unique"
                )
                run.report("HSC-V-SET-DUPLICATE", message, (path, index), self.loc, "type", hops)

    def describe(self) -> str:
        """Array or set."""
        return self.type_name


@dataclass(frozen=True, eq=False)
class TupleNode(Compound):
    """``tuple``: a JSON array with one item per declared property, in ``tuple`` order."""

    wire = list
    loc: Loc
    order: tuple[str, ...]
    elements: tuple[Node, ...]
    abstract: bool = False
    extras: tuple[Extra, ...] = ()

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
        """Exactly as many items as declared properties, each of its type."""
        if len(value) != len(self.order):
            run.report(
                "HSC-V-TUPLE-LENGTH",
                f"tuple has {len(value)} item(s); {len(self.order)} declared "
                f"({', '.join(short(name) for name in self.order)})",
                path,
                self.loc,
                "tuple",
                hops,
            )
        for index, (item, node) in enumerate(zip(value, self.elements, strict=False)):
            descend(node, item, path, index, run, hops, depth)

    def describe(self) -> str:
        """Tuple."""
        return "tuple"
