"""Route files: JSON that maps method + path template + status to a type name.

``schemas/routes.json`` is the vendored one; a pack's own ``routes.json`` is read the same way::

    {
      "$comment": "anything",
      "routes": [
        {
          "method": "POST",
          "path": "/crm/v3/objects/{objectType}/batch/update",
          "responses": {
            "200": "hubspot-crm-objects/BatchResponseSimplePublicObject",
            "207": "hubspot-crm-objects/BatchResponseSimplePublicObjectWithErrors"
          },
          "source": "where the route comes from (optional, shown in reports)"
        }
      ]
    }

``responses`` keys are a status code, a class (``2XX``) or ``default``; values are type
names as ``hsconform check --type`` takes them. Unknown members are errors, so a typo
does not silently drop a route.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hsconform.errors import PayloadError
from hsconform.jsontext import ParsedJSON, escape_pointer_token, parse_json_text
from hsconform.pack.route_table import METHODS, Route, RoutesError, RouteTable, template_shape

__all__ = ["load_routes"]

_FILE_KEYS = frozenset({"$comment", "$schema", "routes"})
_ROUTE_KEYS = frozenset({"$comment", "method", "path", "responses", "source"})


def load_routes(path: Path, display: str | None = None) -> RouteTable:
    """Read a route file (format in the module docstring); raise RoutesError, located."""
    name = display or path.as_posix()
    parsed = _parse_route_file(path, name)
    document = parsed.value
    if not isinstance(document, dict) or not isinstance(document.get("routes"), list):
        raise _located(parsed, "", 'a route file is {"routes": [...]}')
    _no_unknown_keys(parsed, "", document, _FILE_KEYS)
    routes: list[Route] = []
    seen: set[tuple[str, str, str]] = set()
    for index, entry in enumerate(document["routes"]):
        for route in _routes_of(parsed, f"/routes/{index}", entry):
            key = (route.method, template_shape(route.template), route.status)
            if key in seen:
                raise _located(
                    parsed,
                    f"/routes/{index}",
                    f"{route.method} {route.template} {route.status} is listed twice",
                )
            seen.add(key)
            routes.append(route)
    return RouteTable(routes)


def _parse_route_file(path: Path, name: str) -> ParsedJSON:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RoutesError(name, f"cannot read route file: {error}") from error
    try:
        return parse_json_text(text, name)
    except PayloadError as error:
        raise RoutesError(name, error.reason, error.line, error.column) from error


def _routes_of(parsed: ParsedJSON, pointer: str, entry: Any) -> list[Route]:
    if not isinstance(entry, dict):
        raise _located(parsed, pointer, "a route is an object with method, path and responses")
    _no_unknown_keys(parsed, pointer, entry, _ROUTE_KEYS)
    method, template, responses = entry.get("method"), entry.get("path"), entry.get("responses")
    source = entry.get("source")
    if not isinstance(method, str) or method.lower() not in METHODS:
        raise _located(parsed, f"{pointer}/method", f"method must be one of {', '.join(METHODS)}")
    if not isinstance(template, str) or not template.startswith("/"):
        raise _located(parsed, f"{pointer}/path", "path must be a template starting with /")
    if not isinstance(responses, dict) or not responses:
        raise _located(parsed, f"{pointer}/responses", "responses must map statuses to types")
    origin = source if isinstance(source, str) else f"{parsed.file}#{pointer}"
    where = f"{pointer}/responses"
    return [_route(parsed, where, method, template, s, t, origin) for s, t in responses.items()]


def _route(
    parsed: ParsedJSON,
    where: str,
    method: str,
    template: str,
    status: str,
    type_name: Any,
    source: str,
) -> Route:
    """One ``responses`` member as a route, or a RoutesError at that member."""
    where = f"{where}/{escape_pointer_token(status)}"
    if not isinstance(type_name, str) or not type_name.strip():
        raise _located(parsed, where, "a response's type must be a type name")
    try:
        return Route(method, template, status, type_name.strip(), source)
    except ValueError as error:
        raise _located(parsed, where, str(error)) from error


def _no_unknown_keys(
    parsed: ParsedJSON, pointer: str, value: dict[str, Any], known: frozenset[str]
) -> None:
    for key in value:
        if key not in known:
            where = f"{pointer}/{escape_pointer_token(key)}"
            raise _located(
                parsed, where, f"unknown member {key!r}; known: {', '.join(sorted(known))}"
            )


def _located(parsed: ParsedJSON, pointer: str, message: str) -> RoutesError:
    line, column = parsed.locate(pointer) or (None, None)
    return RoutesError(parsed.file, message, line, column)
