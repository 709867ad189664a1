"""Types whose values are JSON arrays: ``array``, ``set`` and ``tuple``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hsconform.json_structure.nodes.base import (
    MAX_DEPTH,
    NO_ALLOW,
    Extra,
    Hops,
    Loc,
    Node,
    Path,
    Run,
    TooDeep,
    canonical,
    descend,
    short,
)


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
