"""Route coverage of recorded traffic, and why a run validated nothing.

A green run means little unless it shows what it saw: how many responses each route of the
pack got, which routes no recording reached, and which requests no route covers (grouped by
method and path shape, so the user sees what the pack is missing). A run that validated
nothing says why, since its exit code fails the job.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from hsconform.outcomes import Coverage, Exercise, Outcome, Status

if TYPE_CHECKING:
    from hsconform.pack.routes import Route, RouteTable
    from hsconform.recordings import Origin

#: A path segment that is an identifier rather than a name: digits, a UUID or hex digest, or a
#: long token with digits in it. Such segments become ``{}`` in a request's path shape.
_IDENTIFIER = re.compile(r"\d+|[0-9a-fA-F-]{32,36}|(?=[^/]*\d)[A-Za-z0-9_.:@+-]{12,}")
#: The code of a skip that has none of its own.
_SKIPPED = "HSC-R-SKIPPED"
_NO_ROUTE = "HSC-R-NO-ROUTE"


def route_key(method: str, template: str, status: str) -> str:
    """How coverage names a route: ``POST /crm/v3/objects/{objectType}/batch/update 207``."""
    return f"{method} {template} {status}"


def path_shape(url: str) -> str:
    """A URL's path with identifier segments as ``{}``: requests to one endpoint group together."""
    path = urlsplit(url).path if not url.startswith("/") else url.split("?", 1)[0]
    parts = [unquote(part) for part in path.split("/")[1:]]
    shaped = ["{}" if _IDENTIFIER.fullmatch(part) else part for part in parts]
    return "/" + "/".join(shaped)


def coverage_keys(
    origin: Origin, route: Route | None, operation: Sequence[Route] = ()
) -> tuple[str | None, str | None]:
    """Where a recorded response counts in the coverage: ``(route, None)`` or ``(None, request)``.

    ``operation`` holds the routes of the operation a response with an undeclared status
    matched: it is grouped under that operation's template rather than a guessed shape.
    """
    if not origin.method or not origin.url:
        return None, None
    if route is not None:
        return route_key(route.method, route.template, route.status), None
    template = operation[0].template if operation else path_shape(origin.url)
    return None, f"{origin.method.upper()} {template}"


def coverage_of(
    outcomes: Collection[Outcome], routes: RouteTable | None, *, listed: bool = False
) -> Coverage | None:
    """The coverage of the recorded responses among ``outcomes``; None when there are none."""
    if not any(outcome.route or outcome.request for outcome in outcomes):
        return None
    table = [route_key(r.method, r.template, r.status) for r in routes or ()]
    by_route = _exercises(o for o in outcomes if o.route)
    by_request = _exercises(o for o in outcomes if not o.route and o.request)
    order = {key: position for position, key in enumerate(table)}
    exercised = sorted(by_route.values(), key=lambda e: (order.get(e.key, len(order)), e.key))
    return Coverage(
        routes=tuple(exercised),
        unexercised=tuple(key for key in table if key not in by_route),
        unrouted=tuple(sorted(by_request.values(), key=lambda e: e.key)),
        total=len(table),
        listed=listed,
    )


def _exercises(outcomes: Iterable[Outcome]) -> dict[str, Exercise]:
    seen: Counter[str] = Counter()
    checked: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    skipped: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        key = outcome.route or outcome.request or ""
        seen[key] += 1
        if outcome.status in (Status.OK, Status.FAILED):
            checked[key] += 1
        if outcome.status is Status.FAILED:
            failed[key] += 1
        if outcome.status is Status.SKIPPED:
            skipped.setdefault(key, Counter())[outcome.code or _SKIPPED] += 1
    return {
        key: Exercise(
            key,
            seen=count,
            checked=checked[key],
            failed=failed[key],
            skipped=tuple(sorted(skipped.get(key, Counter()).items())),
        )
        for key, count in seen.items()
    }


def why_nothing_checked(
    outcomes: Collection[Outcome], routes: RouteTable | None, files: int
) -> str | None:
    """Why no response or payload was validated; None when something was."""
    if any(outcome.status in (Status.OK, Status.FAILED) for outcome in outcomes):
        return None
    if files == 0:
        return "no files to check: every file found was excluded, or none was found"
    if not outcomes:
        return f"the {files} file(s) hold no recorded response or payload"
    skips = Counter(o.code or _SKIPPED for o in outcomes if o.status is Status.SKIPPED)
    if not skips:
        return "no response or payload could be read"
    counts = ", ".join(f"{count} {code}" for code, count in sorted(skips.items()))
    skipped = f"every one of the {sum(skips.values())} response(s) was skipped ({counts})"
    if _NO_ROUTE in skips and (routes is None or not len(routes)):
        return (
            "the pack has no routes, so no recorded response has a type (give the pack "
            f"routes.json or OpenAPI documents, or pass --routes, --openapi or --type); {skipped}"
        )
    return skipped
