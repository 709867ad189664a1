"""Types whose values are JSON objects: ``object``, ``map`` and ``choice``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hsconform import messages
from hsconform.json_structure.keywords import INSTANCE_RESERVED
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
    short,
)
from hsconform.json_structure.patterns import Pattern


@dataclass(frozen=True, eq=False)
class ObjectNode(Compound):
    """``object``: declared properties, required sets, additional properties."""

    wire = dict
    loc: Loc
    properties: Mapping[str, Node]
    required: tuple[tuple[str, ...], ...] = ()
    alternatives: bool = False
    additional: bool | Node = True
    abstract: bool = False
    patterns: tuple[tuple[Pattern, Node], ...] = ()
    extras: tuple[Extra, ...] = ()
    type_name: str = "object"

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
        """Required properties, then each member by its declaration, pattern or neither."""
        if self.alternatives:
            self._alternative_required(value, path, run, hops)
        else:
            for name in self.required[0] if self.required else ():
                if name not in value:
                    run.report(
                        "HSC-V-REQUIRED",
                        messages.missing_property(name),
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
                    messages.not_allowed([key]),
                    (path, key),
                    self.loc,
                    "additionalProperties",
                    hops,
                )
            elif isinstance(self.additional, Node):
                descend(self.additional, item, path, key, run, hops, depth)

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
                + ", ".join(short(n) for n in missing)
            )
        else:
            message = "matches more than one alternative required set: " + "; ".join(
                ", ".join(group) for group in satisfied
            )
        run.report("HSC-V-REQUIRED", message, path, self.loc, "required", hops)

    def expected(self) -> str:
        """An object is named as such: the JSON type and the schema type agree."""
        return self.type_name

    def describe(self) -> str:
        """Object."""
        return self.type_name


@dataclass(frozen=True, eq=False)
class MapNode(Compound):
    """``map``: any keys, every value of one type."""

    wire = dict
    loc: Loc
    values: Node
    patterns: tuple[tuple[Pattern, Node], ...] = ()
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
        """Check every value (and, with patternKeys, the values of matching keys)."""
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

    def describe(self) -> str:
        """Map."""
        return "map"


@dataclass(frozen=True, eq=False)
class ChoiceNode(Compound):
    """``choice``: a tagged union (one member named by its key) or an inline one (a selector)."""

    wire = dict
    loc: Loc
    choices: Mapping[str, Node]
    selector: str | None = None

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
        """Find the selected choice and check the value against it."""
        names = ", ".join(short(name) for name in self.choices)
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
                f"selector {short(self.selector)} is {what}; it must name one of: {names}",
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
