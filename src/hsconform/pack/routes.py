"""Which type a recorded response must conform to: method + path template + status -> type.

The pieces live in their own modules and are all importable from here:
:mod:`.route_table` (routes and how a recorded URL matches them), :mod:`.route_files`
(JSON route files), :mod:`.openapi` (routes from OpenAPI 3 documents), :mod:`.route_types`
(which pack type an OpenAPI component is, by content) and :mod:`.route_sources` (a pack's
table from all of them, with notes). This module answers for a loaded pack.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hsconform.pack._core import Pack, vendored_pack_path
from hsconform.pack.openapi import (
    DerivedRoutes,
    OpenAPINote,
    derive_routes,
    load_openapi,
    openapi_families,
    routes_from_openapi,
)
from hsconform.pack.route_files import load_routes
from hsconform.pack.route_sources import PackRoutes, collect_routes, expand_openapi
from hsconform.pack.route_table import Route, RoutesError, RouteTable
from hsconform.pack.route_types import TypeChoice

__all__ = [
    "DerivedRoutes",
    "OpenAPINote",
    "PackRoutes",
    "Route",
    "RouteTable",
    "RoutesError",
    "TypeChoice",
    "derive_routes",
    "expand_openapi",
    "load_openapi",
    "load_routes",
    "openapi_families",
    "openapi_routes",
    "pack_routes",
    "routes_from_openapi",
    "routes_of",
    "vendored_routes",
]


def vendored_routes() -> RouteTable:
    """The routes shipped with hsconform for the vendored pack's types."""
    return load_routes(vendored_pack_path() / "routes.json", "routes.json")


def routes_of(
    pack: Pack, route_files: Iterable[Path] = (), openapi: Iterable[Path] = ()
) -> PackRoutes:
    """The pack's own routes plus those of the given route files and OpenAPI paths.

    ``openapi`` takes files, folders and globs. Precedence and notes: :mod:`.route_sources`.
    Raises RoutesError (or OSError) for a given file that cannot be used at all.
    """
    files, documents = list(route_files), list(openapi)
    if not files and not documents:
        return pack.routes
    return collect_routes(pack.root, pack.types(), files, documents)


def pack_routes(
    pack: Pack, route_files: Iterable[Path] = (), openapi_files: Iterable[Path] = ()
) -> RouteTable:
    """The route table of :func:`routes_of`."""
    return routes_of(pack, route_files, openapi_files).table


def openapi_routes(path: Path, pack: Pack) -> RouteTable:
    """Routes derived from one OpenAPI document (or folder, or glob), typed by content."""
    return collect_routes(None, pack.types(), (), [path]).table
