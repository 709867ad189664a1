"""The listing of a route table (``hsconform routes``): a table for people, or JSON.

JSON is a list of objects with exactly ``method``, ``path``, ``status``, ``type`` and
``source``, in table order, so scripts can diff two packs' tables. The text form adds what the
table was made of and its load notes; JSON leaves those to the command's standard error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from hsconform.pack.routes import PackRoutes, Route
from hsconform.report.sanitise import cleaned, terminal_text

#: The header row of the text table.
_HEADER = ("METHOD", "PATH", "STATUS", "TYPE", "SOURCE")


def route_rows(routes: PackRoutes) -> list[dict[str, str]]:
    """Each route as the five members of the JSON listing."""
    return [_row(route) for route in routes.table]


def _row(route: Route) -> dict[str, str]:
    return {
        "method": route.method,
        "path": route.template,
        "status": route.status,
        "type": route.type_name,
        "source": route.source or "",
    }


def write_routes_text(routes: PackRoutes, stream: TextIO) -> None:
    """A summary line, the table (method, path, status, type, source), then the notes."""
    stream = cleaned(stream, terminal_text)
    stream.write(
        f"routes: {len(routes.table)} from {routes.documents} OpenAPI document(s) and route "
        f"files; {len(routes.choices)} type(s) chosen among equal components; "
        f"{routes.unmatched} response(s) whose component matches no pack type; "
        f"{len(routes.notes)} note(s)\n\n"
    )
    rows = [_HEADER, *(tuple(_row(r).values()) for r in routes.table)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:4])]
        stream.write("  ".join([*cells, row[4]]) + "\n")
    for note in routes.notes:
        stream.write(f"note: {note}\n")


def write_routes_json(routes: PackRoutes, stream: TextIO) -> None:
    """The table as a JSON list of route objects."""
    json.dump(route_rows(routes), stream, indent=2)
    stream.write("\n")


def routes_writer(format: str) -> Callable[[PackRoutes, TextIO], None]:
    """The writer of a route listing in ``format`` (``json``, else the text table)."""
    return write_routes_json if format == "json" else write_routes_text
