"""Choosing what a project needs from a pack: types, everything they reference, their routes.

A selection names types, families and routes (``METHOD PATH``, a concrete path or a template).
:func:`plan_selection` turns it into the files to copy and the routes to keep, using only what
the loaded pack already knows:

- every reference is followed through :attr:`Pack.resolutions`, the registry's own answers,
  so a ``#/components/schemas/X`` pointer lands where loading sent it (same family, else the
  other generation) and a type brings both of its dialects;
- a document whose family came from a longer-named sibling's prefix keeps that family: a
  document whose title names the family comes along (it anchors the name, and with it every
  redirect that depends on it);
- a route is kept as a whole operation (every status), when the selection names it, when one
  of its success responses lands on a selected type, or when it has no typed success response
  and all its responses land on selected types; the types of its other statuses come along,
  so a checked response is never an undeclared status only because of the selection;
- an operation of the source whose template wins over a kept one for some URL (a literal
  segment where the kept one has a parameter) is kept too, so every URL is routed as the
  source routes it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hsconform.errors import HsconformError, UnknownType
from hsconform.pack import naming
from hsconform.pack._core import Pack, PackType
from hsconform.pack.route_table import METHODS, Route, RouteTable, template_shape

__all__ = ["Plan", "SelectError", "Selection", "plan_selection"]

_SUCCESS = ("1", "2", "3")


class SelectError(HsconformError, ValueError):
    """A selection the source pack cannot satisfy: an unknown type, family or route."""


@dataclass(frozen=True)
class Selection:
    """What to select, as the user asked for it (kept so that an update can ask again)."""

    routes: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    families: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.routes or self.types or self.families)


@dataclass(frozen=True)
class Plan:
    """The files a selection copies and the routes it keeps, all relative to the source."""

    types: tuple[PackType, ...]
    documents: tuple[str, ...]
    examples: tuple[str, ...]
    routes: tuple[Route, ...]

    @property
    def files(self) -> tuple[str, ...]:
        """Every file copied from the source, sorted (``routes.json`` is written, not copied)."""
        return tuple(sorted((*self.documents, *self.examples)))


def plan_selection(pack: Pack, selection: Selection) -> Plan:
    """The types, files and routes ``selection`` needs from ``pack``.

    Raises:
        SelectError: an empty selection, a type or family the pack does not have (with close
            names), or a route that matches no route of the pack.

    """
    if not selection:
        raise SelectError("nothing to select: name at least one --route, --type or --family")
    table = pack.routes.table
    roots = [_named_type(pack, name) for name in selection.types]
    roots.extend(t for family in selection.families for t in _family_types(pack, family))
    asked = [r for text in selection.routes for r in _matching_routes(table, text)]
    roots.extend(t for route in asked if (t := _type_of(pack, route)) is not None)

    graph = _Graph(pack)
    chosen = graph.closure(roots)
    kept = _operations(pack, table, chosen, asked)
    routed = [t for r in kept if (t := _type_of(pack, r)) is not None]
    chosen = graph.closure([*chosen.values(), *routed])
    while anchors := [t for t in graph.anchors(chosen.values()) if t.stem not in chosen]:
        chosen = graph.closure([*chosen.values(), *anchors])

    ordered = tuple(chosen[stem] for stem in sorted(chosen))
    documents = sorted(d.file for t in ordered for d in t.documents.values())
    examples = pack.examples()
    example_files = sorted(
        examples[t.stem].relative_to(pack.root).as_posix() for t in ordered if t.stem in examples
    )
    return Plan(ordered, tuple(documents), tuple(example_files), tuple(kept))


def _named_type(pack: Pack, name: str) -> PackType:
    try:
        return pack.type(name)
    except UnknownType as error:
        raise SelectError(f"--type: {error}") from error


def _family_types(pack: Pack, family: str) -> list[PackType]:
    """The types of a family (``hubspot-authors``), or of both generations of an API."""
    found = [t for t in pack.types() if t.family == family]
    found = found or [t for t in pack.types() if t.api == family]
    if found:
        return found
    names = sorted({t.family for t in pack.types()} | {t.api for t in pack.types()})
    close = difflib.get_close_matches(family, names, n=5, cutoff=0.6)
    hint = f"; closest names: {', '.join(close)}" if close else ""
    raise SelectError(f"--family: no family or API {family!r} in the pack{hint}")


def _matching_routes(table: RouteTable, text: str) -> list[Route]:
    """Every route (any status) of the operation ``METHOD PATH`` names, path or template."""
    method, _, path = text.strip().partition(" ")
    method, path = method.upper(), path.strip()
    if method.lower() not in METHODS or not path.startswith("/"):
        raise SelectError(
            f"--route {text!r}: write the method and a path or template, "
            "e.g. 'GET /crm/v3/objects/contacts/{contactId}'"
        )
    shape = template_shape(path)
    same = [r for r in table if r.method == method and template_shape(r.template) == shape]
    found = same or list(table.operation(method, path))
    if found:
        return found
    operations = sorted({f"{r.method} {r.template}" for r in table})
    close = difflib.get_close_matches(f"{method} {path}", operations, n=5, cutoff=0.6)
    hint = f"; closest routes: {', '.join(close)}" if close else ""
    raise SelectError(f"--route {text!r} matches no route of the pack{hint}")


def _type_of(pack: Pack, route: Route) -> PackType | None:
    """The type a route names, or ``None`` when the source itself cannot use the route."""
    try:
        return pack.type(route.type_name)
    except UnknownType:
        return None


def _operations(
    pack: Pack, table: RouteTable, chosen: Mapping[str, PackType], asked: Sequence[Route]
) -> tuple[Route, ...]:
    """The routes of every kept operation, in table order (rules in the module docstring)."""
    stems = set(chosen)
    by_operation: dict[tuple[str, str], list[Route]] = {}
    for route in table:
        by_operation.setdefault((route.method, template_shape(route.template)), []).append(route)
    kept = {(r.method, template_shape(r.template)) for r in asked}
    for key, routes in by_operation.items():
        if _lands_on(pack, routes, stems):
            kept.add(key)
    kept = _with_shadowing(kept, by_operation)
    return tuple(r for key, routes in by_operation.items() if key in kept for r in routes)


def _lands_on(pack: Pack, routes: Sequence[Route], stems: set[str]) -> bool:
    """Whether a success response lands on a selected type, or (none typed) every response."""
    landed = [(r.status.startswith(_SUCCESS), _type_of(pack, r)) for r in routes]
    success = [t for ok, t in landed if ok and t is not None]
    if success:
        return any(t.stem in stems for t in success)
    return all(t is not None and t.stem in stems for _, t in landed)


def _with_shadowing(
    kept: set[tuple[str, str]], operations: Mapping[tuple[str, str], Sequence[Route]]
) -> set[tuple[str, str]]:
    """``kept`` plus every operation that wins over a kept one for some URL, to a fixpoint."""
    result = set(kept)
    pending = list(kept)
    while pending:
        method, shape = pending.pop()
        for other in operations:
            if other in result or other[0] != method:
                continue
            if _wins_over(other[1], shape):
                result.add(other)
                pending.append(other)
    return result


def _segments(shape: str) -> list[str]:
    return shape.split("/")[1:]


def _wins_over(challenger: str, kept: str) -> bool:
    """Whether some URL matches both templates and the router prefers ``challenger``.

    Mixed segments (``{id}.json``) are treated as matching anything: an operation may be kept
    that no URL reaches through the kept one, never one left out that would be reached.
    """
    ours, theirs = _segments(kept), _segments(challenger)
    if len(ours) != len(theirs):
        return False
    for mine, other in zip(ours, theirs, strict=True):
        if "{}" not in mine and "{}" not in other and mine != other:
            return False
    return [_rank(s) for s in theirs] < [_rank(s) for s in ours]


def _rank(segment: str) -> int:
    if segment == "{}":
        return 2
    return 1 if "{}" in segment else 0


class _Graph:
    """The pack's types and the references between their documents, as loading resolved them."""

    def __init__(self, pack: Pack) -> None:
        self._pack = pack
        self._type_of_file = {d.file: t for t in pack.types() for d in t.documents.values()}
        self._targets: dict[str, set[str]] = {}
        for resolution in pack.resolutions:
            self._targets.setdefault(resolution.file, set()).add(resolution.target_file)

    def closure(self, roots: Iterable[PackType]) -> dict[str, PackType]:
        """The types reachable from ``roots`` through any reference of either dialect."""
        seen: dict[str, PackType] = {}
        pending = list(roots)
        while pending:
            pack_type = pending.pop()
            if pack_type.stem in seen:
                continue
            seen[pack_type.stem] = pack_type
            for document in pack_type.documents.values():
                for target in self._targets.get(document.file, ()):
                    reached = self._type_of_file.get(target)
                    if reached is not None and reached.stem not in seen:
                        pending.append(reached)
        return seen

    def anchors(self, chosen: Iterable[PackType]) -> list[PackType]:
        """A type whose title names the family of each chosen document named by prefix."""
        chosen = list(chosen)
        named = {
            naming.family_from_title(d.stem, d.title) for t in chosen for d in t.documents.values()
        }
        wanted = {
            d.family
            for t in chosen
            for d in t.documents.values()
            if naming.family_from_title(d.stem, d.title) != d.family and d.family not in named
        }
        found: list[PackType] = []
        for pack_type in self._pack.types():
            if not wanted:
                break
            for document in pack_type.documents.values():
                family = naming.family_from_title(document.stem, document.title)
                if family in wanted:
                    wanted.discard(family)
                    found.append(pack_type)
        return found
