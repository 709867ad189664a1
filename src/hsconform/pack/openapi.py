"""Routes from OpenAPI 3 documents: paths -> operations -> responses -> component names.

A response whose JSON content is ``$ref: #/components/schemas/X`` (directly or via
``#/components/responses/...``) gives a route to ``X``; which pack type ``X`` is, is
decided by :mod:`.route_types` from the component's content.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from hsconform.jsontext import escape_pointer_token
from hsconform.pack.route_table import METHODS, Route, RoutesError, RouteTable

#: Every scalar read as a string: nothing routes need is typed, and it is the fastest loader.
_YAML_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

__all__ = [
    "DerivedRoutes",
    "OpenAPINote",
    "derive_routes",
    "load_openapi",
    "openapi_families",
    "routes_from_openapi",
]


@dataclass(frozen=True, slots=True)
class OpenAPINote:
    """A response of an OpenAPI document that gave no route, and why.

    ``pointer`` is the JSON Pointer of the response in the document.
    """

    pointer: str
    method: str
    template: str
    status: str
    message: str

    def __str__(self) -> str:
        return f"{self.method} {self.template} {self.status}: {self.message} (#{self.pointer})"


@dataclass(frozen=True)
class DerivedRoutes:
    """What an OpenAPI document yielded: routes, and notes on responses that gave none."""

    table: RouteTable
    notes: tuple[OpenAPINote, ...]
    operations: int
    bodiless: int  # responses without content (204 and the like): nothing to validate


def openapi_families(path: Path) -> tuple[str, ...]:
    """The pack families an OpenAPI file's types were cut into, by HubSpot's two namings.

    ``hubspot-crm-feature-flags-api-openapi.yml`` -> ``("crm-feature-flags-api",
    "hubspot-crm-feature-flags")``: the first generation keeps ``-api`` and drops
    ``hubspot-``, the second does the reverse.
    """
    bare = path.name.split(".")[0].removesuffix("-openapi").removeprefix("hubspot-")
    return bare, "hubspot-" + bare.removesuffix("-api")


def routes_from_openapi(path: Path, family: str | None = None) -> DerivedRoutes:
    """Routes from an OpenAPI 3 document's paths -> operations -> responses.

    A response whose JSON content is ``$ref: #/components/schemas/X`` (directly or via
    ``#/components/responses/...``) routes to type ``X``, or ``family/X`` when a
    family is given. Inline schemas, non-JSON content and other references are
    reported in ``notes``; nothing in the document's shape makes this raise except a
    file that is not an OpenAPI 3 document at all (RoutesError).
    """
    document = load_openapi(path)
    return derive_routes(document, path.as_posix(), family)


def derive_routes(document: Any, file: str, family: str | None = None) -> DerivedRoutes:
    """The work of :func:`routes_from_openapi` on an already loaded document."""
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3"):
        raise RoutesError(file, "not an OpenAPI 3 document (no 'openapi: 3.x')")
    if not isinstance(document.get("paths"), dict):
        raise RoutesError(file, "the OpenAPI document has no 'paths' object")
    routes: list[Route] = []
    notes: list[OpenAPINote] = []
    operations = bodiless = 0
    for base, method, template, operation in _operations(document):
        operations += 1
        responses = operation.get("responses")
        if not isinstance(responses, dict):
            notes.append(OpenAPINote(base, method, template, "", "no responses object"))
            continue
        for status, response in responses.items():
            pointer = f"{base}/responses/{escape_pointer_token(str(status))}"
            outcome = _response_route(document, response, method, template, str(status), family)
            if isinstance(outcome, Route):
                routes.append(replace(outcome, source=f"{file}#{pointer}"))
            elif outcome is None:
                bodiless += 1
            else:
                notes.append(OpenAPINote(pointer, method, template, str(status), outcome))
    return DerivedRoutes(RouteTable(routes), tuple(notes), operations, bodiless)


def _operations(document: Mapping[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(pointer, METHOD, template with the server's path prefix, operation) of each operation."""
    prefix = _server_prefix(document.get("servers"))
    for raw_template, item in document["paths"].items():
        if not isinstance(item, dict):
            continue
        template = _server_prefix(item.get("servers"), prefix) + str(raw_template)
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                base = f"/paths/{escape_pointer_token(str(raw_template))}/{method}"
                yield base, method.upper(), template, operation


def load_openapi(path: Path, shown: str | None = None) -> Any:
    """An OpenAPI document (YAML or JSON) as plain data; raise RoutesError, located.

    YAML is read by libyaml when PyYAML has it: the published documents are megabytes.
    """
    name = shown or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RoutesError(
            name, f"cannot read OpenAPI document: {error.strerror or error}"
        ) from error
    if path.suffix.lower() == ".json":
        try:
            return json.loads(data)
        except (ValueError, RecursionError) as error:
            raise RoutesError(name, f"invalid JSON: {error}") from error
    try:
        return yaml.load(data, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise RoutesError(name, f"invalid YAML: {problem}", line, column) from error
    except RecursionError as error:
        raise RoutesError(name, "invalid YAML: nested too deeply") from error


def _server_prefix(servers: Any, default: str = "") -> str:
    """The path part of the first server URL (``https://x/api/v1`` -> ``/api/v1``)."""
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return default
    url = servers[0].get("url")
    if not isinstance(url, str) or "{" in url:
        return default
    return urlsplit(url).path.rstrip("/") if "//" in url else url.rstrip("/")


def _response_route(
    document: Mapping[str, Any],
    response: Any,
    method: str,
    template: str,
    status: str,
    family: str | None,
) -> Route | str | None:
    """The route of one response; a note (str) when it gives none; None when bodiless."""
    response = _follow_response(document, response)
    if isinstance(response, str):
        return response
    content = response.get("content")
    if not content:
        return None
    if not isinstance(content, dict):
        return "content is not an object"
    media = _json_media(content)
    if media is None:
        return "no JSON content (" + ", ".join(sorted(str(k) for k in content)) + ")"
    schema = content[media].get("schema") if isinstance(content[media], dict) else None
    name = _schema_name(schema)
    if name is None:
        return f"{media} schema is inline, not a $ref to #/components/schemas/..."
    try:
        return Route(method, template, status, f"{family}/{name}" if family else name)
    except ValueError as error:
        return str(error)


def _follow_response(document: Mapping[str, Any], response: Any) -> dict[str, Any] | str:
    """A response object, through ``#/components/responses/...`` references."""
    for _ in range(16):
        if not isinstance(response, dict):
            return "response is not an object"
        ref = response.get("$ref")
        if ref is None:
            return response
        if not isinstance(ref, str) or not ref.startswith("#/components/responses/"):
            return f"unsupported response reference {ref!r}"
        name = _unescape(ref.removeprefix("#/components/responses/"))
        components = document.get("components")
        table = components.get("responses") if isinstance(components, dict) else None
        if not isinstance(table, dict) or name not in table:
            return f"dangling response reference {ref}"
        response = table[name]
    return "response references loop"


def _json_media(content: dict[str, Any]) -> str | None:
    """The JSON media type to use: application/json first, then +json, then */*."""
    keys = {str(k).split(";")[0].strip().lower(): k for k in content}
    for wanted in ("application/json", "text/json"):
        if wanted in keys:
            return str(keys[wanted])
    for folded, key in keys.items():
        if folded.endswith("+json"):
            return str(key)
    return str(keys["*/*"]) if "*/*" in keys else None


def _schema_name(schema: Any) -> str | None:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if not isinstance(ref, str) or not ref.startswith("#/components/schemas/"):
        return None
    name = _unescape(ref.removeprefix("#/components/schemas/"))
    return name if name and "/" not in name else None


def _unescape(token: str) -> str:
    return unquote(token).replace("~1", "/").replace("~0", "~")
