"""A pack's route table, from every source at once, with a note for everything it left out.

Sources, in the order they take precedence (the first source to map a method + path template +
status to a type wins):

1. route files given by the caller (``--routes``, then the configuration's ``routes``);
2. OpenAPI documents given by the caller (``--openapi`` files, folders and globs, then the
   configuration's ``openapi``);
3. the pack's own ``routes.json``;
4. every OpenAPI 3 document under the pack's ``openapi/`` folder (any depth, ``*.yml``,
   ``*.yaml``, ``*.json``), in path order.

Two sources mapping one response to the same type merge silently; to different types, the later
one is dropped with an ``HSC-ROUTE-CONFLICT`` note naming both. A document that cannot be read,
is not OpenAPI 3 or refers to a component it does not define is a located note; the other
documents still give their routes. Nothing here raises for a document's content.
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hsconform.config import display
from hsconform.errors import LoadProblem
from hsconform.jsontext import escape_pointer_token
from hsconform.pack.containment import walk
from hsconform.pack.openapi import derive_routes, load_openapi
from hsconform.pack.route_files import load_routes
from hsconform.pack.route_table import Route, RoutesError, RouteTable, template_shape
from hsconform.pack.route_types import (
    Candidate,
    TypeChoice,
    TypeIndex,
    TypeLike,
    choose,
    component_shape,
)

__all__ = ["OPENAPI_SUFFIXES", "PackRoutes", "collect_routes", "expand_openapi"]

OPENAPI_SUFFIXES = (".yml", ".yaml", ".json")
_GLOB = frozenset("*?[")


@dataclass(frozen=True)
class PackRoutes:
    """The route table of a pack and how it was made."""

    table: RouteTable
    notes: tuple[LoadProblem, ...] = ()
    choices: tuple[TypeChoice, ...] = ()
    #: OpenAPI responses whose component matches no pack type.
    unmatched: int = 0
    documents: int = 0
    sources: tuple[str, ...] = field(default=())


@dataclass
class _Pending:
    """An OpenAPI route whose type is still to be chosen among its candidates."""

    route: Route
    component: str
    schema: Any
    candidates: tuple[Candidate, ...]


def expand_openapi(paths: Iterable[Path]) -> list[Path]:
    """Files, folders (every OpenAPI suffix, any depth) and globs as a list of files.

    Raises:
        RoutesError: a path that does not exist, or a glob that matches nothing.

    """
    files: list[Path] = []
    for path in paths:
        text = str(path)
        if path.is_dir():
            files.extend(_documents_under(path))
        elif path.is_file():
            files.append(path)
        elif _GLOB & set(text):
            matched = sorted(glob.glob(text, recursive=True))
            if not matched:
                raise RoutesError(text, "the glob matches no OpenAPI document")
            for each in map(Path, matched):
                files.extend(_documents_under(each) if each.is_dir() else [each])
        else:
            raise RoutesError(display(path), "no such OpenAPI document or folder")
    return list(dict.fromkeys(files))


def is_openapi_name(name: str) -> bool:
    """Whether a file name has the suffix of an OpenAPI document."""
    return Path(name).suffix.lower() in OPENAPI_SUFFIXES


def _documents_under(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in OPENAPI_SUFFIXES and p.is_file()
    )


def collect_routes(
    root: Path | None,
    types: Iterable[TypeLike],
    route_files: Sequence[Path] = (),
    openapi_files: Sequence[Path] = (),
) -> PackRoutes:
    """Every route of a pack and its sources (precedence in the module docstring).

    ``root`` is the pack folder whose ``routes.json`` and ``openapi/`` are read (``None``:
    none). Raises RoutesError (or OSError) only for a route file given by the caller that
    cannot be used, or an OpenAPI path that does not exist.
    """
    ordered: list[Route] = []
    notes: list[LoadProblem] = []
    for path in route_files:
        ordered.extend(load_routes(path, display(path)))
    documents: list[tuple[Path, str]] = [(p, display(p)) for p in expand_openapi(openapi_files)]
    if root is not None:
        # only what lies inside the pack: a link out of it is not followed
        for own in walk(root, "routes.json", lambda name: True).files:
            try:
                ordered.extend(load_routes(own, "routes.json"))
            except RoutesError as error:
                notes.append(LoadProblem("HSC-ROUTE-FILE", "routes.json", "", error.reason))
        inside = walk(root, "openapi", is_openapi_name).files
        documents.extend((p, p.relative_to(root).as_posix()) for p in inside)
    pending: list[_Pending] = []
    index = TypeIndex(types) if documents else None
    unmatched = 0
    for path, shown in documents:
        found, missed = _document_routes(path, shown, index, notes) if index else ([], 0)
        pending.extend(found)
        unmatched += missed
    chosen, choices = _choose_types(pending)
    table, conflicts = _merge([*ordered, *chosen])
    return PackRoutes(
        table,
        tuple(notes + conflicts),
        tuple(choices),
        unmatched,
        len(documents),
        tuple(shown for _, shown in documents),
    )


def _document_routes(
    path: Path, shown: str, index: TypeIndex, notes: list[LoadProblem]
) -> tuple[list[_Pending], int]:
    """The routes of one document with their candidate types; notes for what gave none."""
    try:
        document = load_openapi(path, shown)
        derived = derive_routes(document, shown)
    except RoutesError as error:
        notes.append(
            LoadProblem(
                "HSC-ROUTE-NOT-OPENAPI", shown, "", error.reason, None, error.line, error.column
            )
        )
        return [], 0
    for note in derived.notes:
        notes.append(
            LoadProblem(
                "HSC-ROUTE-UNTYPED",
                shown,
                note.pointer,
                f"{note.method} {note.template} {note.status}: {note.message}",
            )
        )
    components = _components(document)
    found: list[_Pending] = []
    missed = 0
    for route in derived.table:
        pointer = (route.source or "").rpartition("#")[2]
        name = route.type_name
        if name not in components:
            ref = "#/components/schemas/" + escape_pointer_token(name)
            notes.append(
                LoadProblem("HSC-ROUTE-DANGLING-REF", shown, pointer, f"{ref} goes nowhere")
            )
            continue
        candidates, why = index.matching(name, components[name])
        if not candidates:
            missed += 1
            notes.append(
                LoadProblem(
                    "HSC-ROUTE-NO-TYPE",
                    shown,
                    pointer,
                    f"{route.method} {route.template} {route.status}: component {name} "
                    f"matches no pack type ({why})",
                )
            )
            continue
        found.append(_Pending(route, name, components[name], candidates))
    return found, missed


def _components(document: Any) -> dict[str, Any]:
    components = document.get("components") if isinstance(document, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return {str(k): v for k, v in schemas.items()} if isinstance(schemas, dict) else {}


def _choose_types(pending: Sequence[_Pending]) -> tuple[list[Route], list[TypeChoice]]:
    """Each pending route with its type chosen, pooled by path template across documents."""
    family_votes: dict[str, Counter[str]] = {}
    api_votes: dict[str, Counter[str]] = {}
    for each in pending:
        shape = template_shape(each.route.template)
        family_votes.setdefault(shape, Counter()).update({c.family for c in each.candidates})
        api_votes.setdefault(shape, Counter()).update({c.api for c in each.candidates})
    routes: list[Route] = []
    choices: list[TypeChoice] = []
    for each in pending:
        shape = template_shape(each.route.template)
        best, rule = choose(
            each.candidates,
            component_shape(each.schema),
            family_votes[shape],
            api_votes[shape],
        )
        route = replace(each.route, type_name=best.name)
        routes.append(route)
        if rule:
            others = tuple(sorted(c.name for c in each.candidates if c is not best))
            choices.append(
                TypeChoice(
                    route.method,
                    route.template,
                    route.status,
                    each.component,
                    best.name,
                    others,
                    rule,
                    route.source or "",
                )
            )
    return routes, choices


def _merge(routes: Iterable[Route]) -> tuple[RouteTable, list[LoadProblem]]:
    """The routes in precedence order; a note for each later route that disagrees."""
    first: dict[tuple[str, str, str], Route] = {}
    notes: list[LoadProblem] = []
    reported: set[tuple[tuple[str, str, str], str]] = set()
    for route in routes:
        key = (route.method, template_shape(route.template), route.status)
        kept = first.setdefault(key, route)
        if kept is route or kept.type_name == route.type_name:
            continue
        if (key, route.type_name) in reported:
            continue
        reported.add((key, route.type_name))
        file, _, pointer = (route.source or "").rpartition("#")
        notes.append(
            LoadProblem(
                "HSC-ROUTE-CONFLICT",
                file or (route.source or ""),
                pointer if file else "",
                f"{route.method} {route.template} {route.status}: {route.type_name} here, "
                f"{kept.type_name} at {kept.source}; the earlier source wins",
            )
        )
    return RouteTable(first.values()), notes
