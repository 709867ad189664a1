"""Which type a recorded response must conform to: method + path template + status -> type.

A route table answers :meth:`RouteTable.match` for a recorded ``(method, url, status)``:

- the URL's scheme, host, query and fragment are ignored; a trailing ``/`` too;
- ``{param}`` in a template matches exactly one non-empty path segment (a segment may
  also mix text and parameters, ``{name}.json``); other segments match literally,
  after percent-decoding the URL's;
- of several matching templates, the one whose first differing segment is literal wins
  (``/a/batch/read`` beats ``/a/{id}/read``), as OpenAPI prescribes;
- within the winning template the status is looked up as the exact code, then its class
  (``2XX``), then ``default``; the method is case-insensitive.

Route files (``schemas/routes.json`` is the vendored one) are JSON::

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
does not silently drop a route. :func:`routes_from_openapi` derives the same table from
an OpenAPI 3 document's ``paths``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from hsconform.config import display
from hsconform.errors import LocatedError, PayloadError, UnknownType
from hsconform.jsontext import ParsedJSON, escape_pointer_token, parse_json_text
from hsconform.recordings._yaml import YAMLProblem, load_yaml

if TYPE_CHECKING:
    from hsconform.pack._core import Pack

__all__ = [
    "DerivedRoutes",
    "OpenAPINote",
    "Route",
    "RouteTable",
    "RoutesError",
    "load_openapi",
    "load_routes",
    "openapi_families",
    "openapi_routes",
    "pack_routes",
    "routes_from_openapi",
    "vendored_routes",
]

_STATUS = re.compile(r"[1-5][0-9][0-9]|[1-5]XX|default")
_PARAM = re.compile(r"\{[^{}/]*\}")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class RoutesError(LocatedError, ValueError):
    """A route file or OpenAPI document cannot be read; located when possible."""


@dataclass(frozen=True, slots=True)
class Route:
    """One response of one operation and the type its body must conform to.

    ``method`` is upper case; ``status`` a code (``"207"``), a class (``"2XX"``) or
    ``"default"``; ``source`` says where the route comes from: a route file's ``source``
    text, else the file and JSON Pointer it was read at.
    """

    method: str
    template: str
    status: str
    type_name: str
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", self.method.strip().upper())
        status = str(self.status).strip()
        status = status.lower() if status.lower() == "default" else status.upper()
        if not _STATUS.fullmatch(status):
            raise ValueError(
                f"status {self.status!r} is not a code, a class such as 2XX, or default"
            )
        object.__setattr__(self, "status", status)
        if not self.template.startswith("/"):
            raise ValueError(f"path template {self.template!r} does not start with /")

    def __str__(self) -> str:
        return f"{self.method} {self.template} {self.status} -> {self.type_name}"


@dataclass(frozen=True, slots=True)
class _Template:
    """A path template compiled to per-segment matchers, with its precedence rank."""

    shape: str  # the template with parameter names erased: "/a/{}/b"
    segments: tuple[str | re.Pattern[str] | None, ...]  # literal, mixed pattern, or parameter
    rank: tuple[int, ...]  # per segment: 0 literal, 1 mixed, 2 parameter

    @classmethod
    def compile(cls, template: str) -> _Template:
        parts = _split(template)
        segments: list[str | re.Pattern[str] | None] = []
        for part in parts:
            if not _PARAM.search(part):
                segments.append(unquote(part))
            elif _PARAM.fullmatch(part):
                segments.append(None)
            else:
                pieces = _PARAM.split(part)
                segments.append(re.compile("[^/]+".join(re.escape(unquote(p)) for p in pieces)))
        rank = tuple(0 if isinstance(s, str) else 1 if s is not None else 2 for s in segments)
        shape = "/" + "/".join(_PARAM.sub("{}", part) for part in parts)
        return cls(shape, tuple(segments), rank)

    def matches(self, parts: list[str]) -> bool:
        if len(parts) != len(self.segments):
            return False
        return all(_segment_matches(s, p) for s, p in zip(self.segments, parts, strict=True))


def _segment_matches(segment: str | re.Pattern[str] | None, part: str) -> bool:
    if segment is None:
        return bool(part)
    if isinstance(segment, str):
        return segment == part
    return segment.fullmatch(part) is not None


def _split(path: str) -> list[str]:
    parts = path.split("/")[1:]
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # a trailing slash
    return parts


@dataclass(frozen=True)
class RouteTable:
    """An immutable set of routes; on a repeated (method, template, status) the first wins."""

    routes: tuple[Route, ...] = ()
    _index: Mapping[str, tuple[tuple[_Template, Mapping[str, Route]], ...]] = field(
        init=False, repr=False, compare=False
    )

    def __init__(self, routes: Iterable[Route] = ()) -> None:
        kept: dict[tuple[str, str, str], Route] = {}
        for route in routes:
            kept.setdefault(
                (route.method, _Template.compile(route.template).shape, route.status), route
            )
        object.__setattr__(self, "routes", tuple(kept.values()))
        object.__setattr__(self, "_index", _build_index(self.routes))

    def __len__(self) -> int:
        return len(self.routes)

    def __iter__(self) -> Iterator[Route]:
        return iter(self.routes)

    def __add__(self, other: RouteTable) -> RouteTable:
        """Both tables' routes; this table's win where both define the same response."""
        return RouteTable((*self.routes, *other.routes))

    def type_names(self) -> tuple[str, ...]:
        """The distinct type names routes point to, sorted."""
        return tuple(sorted({route.type_name for route in self.routes}))

    def match(self, method: str, url: str, status: int | str | None) -> Route | None:
        """The route for a recorded response, or None when no route covers it."""
        if status is None:
            return None
        parts = [unquote(part) for part in _split(_path_of(url))]
        candidates = [
            (template, responses)
            for template, responses in self._index.get(method.strip().upper(), ())
            if template.matches(parts)
        ]
        if not candidates:
            return None
        _, responses = min(candidates, key=lambda candidate: candidate[0].rank)
        code = str(status).strip()
        for key in (code, f"{code[:1]}XX", "default"):
            if key in responses:
                return responses[key]
        return None

    def operation(self, method: str, url: str) -> tuple[Route, ...]:
        """Every route (any status) of the template a request matches, or ``()`` for none.

        The template is chosen as :meth:`match` chooses it, so a response whose status none of
        these routes covers is a status the operation does not declare.
        """
        parts = [unquote(part) for part in _split(_path_of(url))]
        candidates = [
            (template, responses)
            for template, responses in self._index.get(method.strip().upper(), ())
            if template.matches(parts)
        ]
        if not candidates:
            return ()
        _, responses = min(candidates, key=lambda candidate: candidate[0].rank)
        return tuple(responses.values())


def _build_index(
    routes: Iterable[Route],
) -> dict[str, tuple[tuple[_Template, Mapping[str, Route]], ...]]:
    """Per method: each distinct template (in first-seen order) with its routes by status."""
    grouped: dict[str, dict[str, tuple[_Template, dict[str, Route]]]] = {}
    for route in routes:
        template = _Template.compile(route.template)
        by_shape = grouped.setdefault(route.method, {})
        _, responses = by_shape.setdefault(template.shape, (template, {}))
        responses.setdefault(route.status, route)
    return {method: tuple(shapes.values()) for method, shapes in grouped.items()}


def _path_of(url: str) -> str:
    """The path of an absolute URL, a path with a query, or a bare path."""
    if url.startswith("/") and not url.startswith("//"):
        return url.split("?", 1)[0].split("#", 1)[0]
    path = urlsplit(url).path
    return path if path.startswith("/") else "/" + path


# --------------------------------------------------------------------------- route files

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
            key = (route.method, _Template.compile(route.template).shape, route.status)
            if key in seen:
                raise _located(
                    parsed,
                    f"/routes/{index}",
                    f"{route.method} {route.template} {route.status} is listed twice",
                )
            seen.add(key)
            routes.append(route)
    return RouteTable(routes)


def vendored_routes() -> RouteTable:
    """The routes shipped with hsconform for the vendored pack's types."""
    from hsconform.pack._core import vendored_pack_path  # deferred: pack pulls in the validators

    return load_routes(vendored_pack_path() / "routes.json", "routes.json")


def pack_routes(
    pack: Pack, route_files: Iterable[Path] = (), openapi_files: Iterable[Path] = ()
) -> RouteTable:
    """Every route for ``pack``, in the order they take precedence.

    Route files first, then OpenAPI documents, then the vendored routes when ``pack``
    is the vendored pack. Raises RoutesError (or OSError) for a file that cannot be used.
    """
    from hsconform.pack._core import vendored_pack_path  # deferred: pack pulls in the validators

    routes = RouteTable()
    for path in route_files:
        routes = routes + load_routes(path, display(path))
    for path in openapi_files:
        routes = routes + openapi_routes(path, pack)
    if pack.root.resolve() == vendored_pack_path().resolve():
        routes = routes + vendored_routes()
    return routes


def openapi_routes(path: Path, pack: Pack) -> RouteTable:
    """Routes derived from an OpenAPI document, each type named as the pack knows it.

    A bare schema name becomes the first of the document's families
    (:func:`openapi_families`) in which the pack has that type.
    """
    if not path.exists():
        raise RoutesError(display(path), "no such OpenAPI document")
    derived = routes_from_openapi(path)
    families = openapi_families(path)
    routes = []
    for route in derived.table:
        for family in families:
            qualified = f"{family}/{route.type_name}"
            try:
                pack.type(qualified)
            except UnknownType:
                continue
            route = replace(route, type_name=qualified)
            break
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
    if not isinstance(method, str) or method.lower() not in _METHODS:
        raise _located(parsed, f"{pointer}/method", f"method must be one of {', '.join(_METHODS)}")
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


# --------------------------------------------------------------------------- OpenAPI


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
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                base = f"/paths/{escape_pointer_token(str(raw_template))}/{method}"
                yield base, method.upper(), template, operation


def load_openapi(path: Path) -> Any:
    """An OpenAPI document (YAML or JSON) as plain data; raise RoutesError, located."""
    name = path.as_posix()
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
        return load_yaml(data)[0]
    except YAMLProblem as problem:
        raise RoutesError(name, problem.message, problem.line, problem.column) from problem


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
