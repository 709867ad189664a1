"""A route table: method + path template + status -> the type a response must conform to.

A route table answers :meth:`RouteTable.match` for a recorded ``(method, url, status)``:

- the URL's scheme, host, query and fragment are ignored; a trailing ``/`` too;
- ``{param}`` in a template matches exactly one non-empty path segment (a segment may
  also mix text and parameters, ``{name}.json``); other segments match literally,
  after percent-decoding the URL's;
- of several matching templates, the one whose first differing segment is literal wins
  (``/a/batch/read`` beats ``/a/{id}/read``), as OpenAPI prescribes;
- within the winning template the status is looked up as the exact code, then its class
  (``2XX``), then ``default``; the method is case-insensitive.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from hsconform.errors import LocatedError

__all__ = ["METHODS", "Route", "RouteTable", "RoutesError", "template_shape"]

_STATUS = re.compile(r"[1-5][0-9][0-9]|[1-5]XX|default")
_PARAM = re.compile(r"\{[^{}/]*\}")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


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
    @functools.lru_cache(maxsize=4096)
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
        responses = self._responses(method, url)
        if responses is None:
            return None
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
        responses = self._responses(method, url)
        return () if responses is None else tuple(responses.values())

    def _responses(self, method: str, url: str) -> Mapping[str, Route] | None:
        """The routes by status of the most specific template the request matches."""
        parts = [unquote(part) for part in _split(_path_of(url))]
        candidates = [
            (template, responses)
            for template, responses in self._index.get(method.strip().upper(), ())
            if template.matches(parts)
        ]
        if not candidates:
            return None
        _, responses = min(candidates, key=lambda candidate: candidate[0].rank)
        return responses


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


def template_shape(template: str) -> str:
    """The template with its parameter names erased (``/a/{id}`` -> ``/a/{}``): its identity."""
    return _Template.compile(template).shape
