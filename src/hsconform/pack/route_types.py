"""Which pack type an OpenAPI component is: matched by content, never by file name.

An OpenAPI response ``$ref: '#/components/schemas/X'`` lands on a pack type when

1. the type's title (JSON Schema ``title`` or JSON Structure ``name``) is the component's own
   ``title``, else ``X``, else ``X`` less a ``_2``-style suffix, and
2. its top-level ``properties`` names and ``required`` list equal the component's.

Several families publish equal components (``Error``, ``Paging``, both generations of one
API). Among the types that pass 1 and 2, the choice is made by, in this order:

- **nested references**: more properties whose ``$ref`` names the same component as the
  component's own property does (``paging: $ref: '#/components/schemas/Paging'``);
- **the path's API**: the API (both generations of it) that can host the most of the routes
  of the same path template (every method and status, every document read together, so a
  split document and the per-API document it came from choose alike);
- **the** ``*-api`` **generation** over the ``hubspot-*`` one;
- **the path's family**: the same count, per family;
- the type name, alphabetically.

Every choice among several types is recorded (:class:`TypeChoice`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from hsconform.pack.documents import JSON_SCHEMA, Document

__all__ = ["Candidate", "TypeChoice", "TypeIndex", "TypeLike", "choose", "component_shape"]

_COMPONENT = "#/components/schemas/"
_BUNDLER_SUFFIX = re.compile(r"_[0-9]+$")


class TypeLike(Protocol):
    """What the matcher reads of a pack type."""

    @property
    def stem(self) -> str:
        """The file stem naming the type."""

    @property
    def family(self) -> str:
        """The API generation it belongs to."""

    @property
    def title(self) -> str:
        """Its title."""

    @property
    def name(self) -> str:
        """Its qualified name."""

    @property
    def api(self) -> str:
        """The API both generations share."""

    @property
    def documents(self) -> Mapping[str, Document]:
        """Its document per dialect."""


@dataclass(frozen=True, slots=True)
class Shape:
    """The top-level content two schemas must share to be the same type."""

    properties: frozenset[str]
    required: frozenset[str]
    refs: Mapping[str, str]  # property -> the component its schema (or items) refers to


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pack type that could be a component: its name and what ranks it."""

    name: str
    family: str
    api: str
    shape: Shape


@dataclass(frozen=True, slots=True)
class TypeChoice:
    """One type chosen among several equal ones for a route, and the rule that decided."""

    method: str
    template: str
    status: str
    component: str
    chosen: str
    others: tuple[str, ...]
    rule: str
    source: str

    def __str__(self) -> str:
        return (
            f"{self.method} {self.template} {self.status}: {self.component} -> {self.chosen} "
            f"({self.rule}; also equal: {', '.join(self.others)})"
        )


def component_shape(schema: Any) -> Shape:
    """The shape of a schema object (an OpenAPI component or a pack document's root)."""
    if not isinstance(schema, dict):
        return Shape(frozenset(), frozenset(), {})
    properties = schema.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    required = schema.get("required")
    names = frozenset(str(key) for key in properties)
    wanted = frozenset(str(r) for r in required) if isinstance(required, list) else frozenset()
    refs = {}
    for key, value in properties.items():
        target = _ref_name(value)
        if target is None and isinstance(value, dict):
            target = _ref_name(value.get("items"))
        if target is not None:
            refs[str(key)] = target
    return Shape(names, wanted, refs)


def _ref_name(schema: Any) -> str | None:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str) and ref.startswith(_COMPONENT):
        return ref.removeprefix(_COMPONENT)
    return None


class TypeIndex:
    """The pack's types by title, each with its shape; built once per route derivation."""

    def __init__(self, types: Iterable[TypeLike]) -> None:
        listed = list(types)
        qualified = Counter(t.name for t in listed)
        self._by_title: dict[str, list[Candidate]] = {}
        for pack_type in listed:
            document = pack_type.documents.get(JSON_SCHEMA) or next(
                iter(pack_type.documents.values())
            )
            name = pack_type.name if qualified[pack_type.name] == 1 else pack_type.stem
            candidate = Candidate(
                name, pack_type.family, pack_type.api, component_shape(document.contents)
            )
            titles = {pack_type.title, *(d.title for d in pack_type.documents.values())}
            for title in titles:
                if title:
                    self._by_title.setdefault(title, []).append(candidate)

    def titled(self, title: str) -> Sequence[Candidate]:
        """Every type whose title is ``title``."""
        return self._by_title.get(title, ())

    def matching(self, title: str, schema: Any) -> tuple[tuple[Candidate, ...], str | None]:
        """The types equal to a component, best nested-reference agreement first; or why none."""
        titled: Sequence[Candidate] = ()
        for name in _titles(title, schema):
            titled = self.titled(name)
            if titled:
                break
        if not titled:
            return (), f"no pack type is titled {title}"
        shape = component_shape(schema)
        equal = [
            c
            for c in titled
            if c.shape.properties == shape.properties and c.shape.required == shape.required
        ]
        if not equal:
            return (), (
                f"{len(titled)} pack type(s) titled {title}, none with the component's "
                "properties and required"
            )
        scored = sorted(equal, key=lambda c: -_agreement(c.shape, shape))
        return tuple(scored), None


def _titles(name: str, schema: Any) -> list[str]:
    """The titles a component may go by: its own ``title``, its name, its name less a suffix.

    Bundlers append ``_2`` when two components share a name.
    """
    own = schema.get("title") if isinstance(schema, dict) else None
    titles = [own] if isinstance(own, str) and own else []
    titles.append(name)
    base = _BUNDLER_SUFFIX.sub("", name)
    if base and base != name:
        titles.append(base)
    return titles


def _agreement(ours: Shape, theirs: Shape) -> int:
    return sum(1 for key, target in theirs.refs.items() if ours.refs.get(key) == target)


_RULES = (
    "nested $ref agreement",
    "API of the path's other types",
    "the *-api generation",
    "family of the path's other types",
    "name order",
)


def choose(
    candidates: Sequence[Candidate],
    component: Shape,
    family_votes: Mapping[str, int],
    api_votes: Mapping[str, int],
) -> tuple[Candidate, str]:
    """The candidate the module's rules pick, and the rule that decided (of several)."""

    def rank(c: Candidate) -> tuple[int, int, int, int, str]:
        return (
            -_agreement(c.shape, component),
            -api_votes.get(c.api, 0),
            0 if c.family.endswith("-api") else 1,
            -family_votes.get(c.family, 0),
            c.name,
        )

    ranked = sorted(candidates, key=rank)
    best = ranked[0]
    if len(ranked) == 1:
        return best, ""
    first, second = rank(best), rank(ranked[1])
    decided = next(i for i in range(len(first)) if first[i] != second[i])
    return best, _RULES[decided]
