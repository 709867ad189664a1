"""Route changes: routes added and removed, statuses removed, response types changed.

Routes are matched by method, path template (parameter names aside) and status. For a
consumer of responses, a status an operation no longer declares is breaking (a response
with it now fails ``check`` as undeclared), and so is a response type that rejects a body
the old one accepted; both are proven like every breaking change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hsconform.drift import shape_of
from hsconform.drift.values import minimal
from hsconform.errors import HsconformError
from hsconform.evolution.changes import OLD, Change, ChangeClass
from hsconform.evolution.types import wire_changes
from hsconform.evolution.versions import Versions
from hsconform.findings import SchemaLocation
from hsconform.pack.route_table import Route, template_shape
from hsconform.vocabulary import DIALECTS

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType

_PARAMETER = re.compile(r"\{[^{}/]*\}")
_Key = tuple[str, str, str]


def route_changes(versions: Versions, renamed: Mapping[str, str]) -> Iterator[Change]:
    """Every route change between the versions; ``renamed`` maps OLD type names to NEW ones."""
    old, new = _table(versions.old), _table(versions.new)
    operations = {(method, shape) for method, shape, _ in new}
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None:
            if renamed.get(before.type_name) != after.type_name:
                yield from _type_changed(versions, before, after)
        elif before is not None:
            if (key[0], key[1]) in operations:
                yield from _status_removed(versions, before, renamed)
            else:
                yield _one_side(before, ChangeClass.REMOVED, "removed")
        elif after is not None:
            yield _one_side(after, ChangeClass.ADDED, "added")


def _table(pack: Pack) -> dict[_Key, Route]:
    return {(r.method, template_shape(r.template), r.status): r for r in pack.routes.table}


def _where(route: Route) -> SchemaLocation | None:
    if not route.source:
        return None
    file, _, pointer = route.source.partition("#")
    return SchemaLocation(file, pointer)


def _one_side(route: Route, change_class: ChangeClass, verb: str) -> Change:
    where = _where(route)
    return Change(
        type=route.type_name,
        change_class=change_class,
        code=f"HSC-PD-ROUTE-{verb.upper()}",
        message=f"route {route.method} {route.template} {route.status} was {verb}",
        old=where if change_class is ChangeClass.REMOVED else None,
        new=where if change_class is ChangeClass.ADDED else None,
    )


def _concrete(template: str) -> str:
    return _PARAMETER.sub("1", template)


def _status_removed(
    versions: Versions, route: Route, renamed: Mapping[str, str]
) -> Iterator[Change]:
    """A status the operation no longer declares: proven by a response OLD routes, NEW not.

    The witness body is one OLD's type accepts. When NEW covers the status by a class
    (``4XX``) or ``default``, only a change of type matters.
    """
    path = _concrete(route.template)
    status = route.status if route.status.isdecimal() else _example_status(route.status)
    change = Change(
        type=route.type_name,
        change_class=ChangeClass.BREAKING,
        code="HSC-PD-STATUS-REMOVED",
        message=f"route {route.method} {route.template} {route.status}: the operation no longer "
        f"declares status {route.status}",
        old=_where(route),
        new=None,
        accepted_by=OLD,
    )
    old_route = versions.old.routes.table.match(route.method, path, status)
    new_route = versions.new.routes.table.match(route.method, path, status)
    if new_route is not None:
        if renamed.get(route.type_name) != new_route.type_name:
            yield from _type_changed(versions, route, new_route)
        return
    if old_route is None:  # another template of OLD answers this path first: not provable
        yield replace(change, change_class=ChangeClass.ANNOTATION, accepted_by=None)
        return
    body = _accepted_body(versions.old, route.type_name)
    yield replace(
        change, witness={"method": route.method, "path": path, "status": int(status), "body": body}
    )


def _example_status(status: str) -> str:
    return "500" if status == "default" else status[0] + "00"


def _accepted_body(pack: Pack, type_name: str) -> Any:
    """The smallest body of a type its own validators accept (in both dialects), or None."""
    try:
        pack_type = pack.type(type_name)
    except HsconformError:
        return None
    for dialect in pack_type.variants:
        body = minimal(shape_of(pack, pack_type, variant=dialect))
        if all(pack.validate(body, pack_type, variant=d).ok for d in pack_type.variants):
            return body
    return None


def _type_changed(versions: Versions, before: Route, after: Route) -> Iterator[Change]:
    """The route's response type changed: one change per dialect, the strongest proof."""
    route = f"{before.method} {before.template} {before.status}"
    old_type, new_type = _type(versions.old, before), _type(versions.new, after)
    if old_type is None or new_type is None:
        return
    for dialect in DIALECTS:
        if dialect not in old_type.documents or dialect not in new_type.documents:
            continue
        proven = list(wire_changes(versions, old_type, new_type, dialect, name=new_type.name))
        strongest = _strongest(proven)
        change_class = strongest.change_class if strongest else ChangeClass.ANNOTATION
        yield Change(
            type=new_type.name,
            change_class=change_class,
            code="HSC-PD-ROUTE-TYPE",
            message=f"route {route}: response type changed from {old_type.name} to "
            f"{new_type.name}"
            + (f" ({strongest.message})" if strongest else "; no payload tells them apart"),
            dialect=dialect,
            old=_where(before),
            new=_where(after),
            instance=strongest.instance if strongest else "",
            witness=strongest.witness if strongest else None,
            accepted_by=strongest.accepted_by if strongest else None,
        )


def _strongest(changes: list[Change]) -> Change | None:
    for wanted in (ChangeClass.BREAKING, ChangeClass.WIDENING):
        for change in changes:
            if change.change_class is wanted:
                return change
    return None


def _type(pack: Pack, route: Route) -> PackType | None:
    try:
        return pack.type(route.type_name)
    except HsconformError:
        return None
