"""Writing a selection as a pack folder, checked to resolve and route exactly as its source.

The selected pack is built in a fresh folder (a staging folder beside the target, or a
temporary one for a dry run), loaded back and compared with the source: every document keeps
its family, every reference resolves to the same place by the same rule, every kept route
names the same type. Only then is it renamed into place, so the target is always the old pack
or the complete new one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hsconform.atomic import replace_folder, staging_folder, write_text
from hsconform.errors import PackError
from hsconform.findings import Resolution
from hsconform.pack._core import Pack, load_pack
from hsconform.pack.lock import Lock, LockError, read_lock
from hsconform.pack.route_table import Route
from hsconform.pack.select import Plan, SelectError, Selection, plan_selection
from hsconform.pack.select_lock import lock_selected
from hsconform.pack.select_record import RECORD_NAME, SelectRecord, guard_target

__all__ = ["SelectedPack", "StagedPack", "load_source", "select_pack", "staged_selection"]

ROUTES_NAME = "routes.json"


@dataclass(frozen=True)
class SelectedPack:
    """A selection written as a pack: what it holds and how big it is beside its source."""

    plan: Plan
    record: SelectRecord
    bytes: int
    source_bytes: int
    lock: Lock | None = None

    @property
    def fraction(self) -> float:
        """The selected pack's size as a fraction of the source's schema, example, route files."""
        return self.bytes / self.source_bytes if self.source_bytes else 0.0


@dataclass(frozen=True)
class StagedPack:
    """A selected pack built in ``folder``, waiting to replace ``target`` (or to be dropped)."""

    selected: SelectedPack
    folder: Path
    target: Path
    previous: SelectRecord | None
    dry_run: bool

    def replace(self) -> None:
        """Put the built pack in place of the target; refused for a dry run."""
        if self.dry_run:
            raise SelectError("a dry run writes nothing")
        replace_folder(self.folder, self.target)


def load_source(source: Path) -> Pack:
    """The source pack, or a SelectError saying why it is not one."""
    if not source.is_dir():
        reason = "does not exist" if not source.exists() else "is not a folder"
        raise SelectError(f"{source.as_posix()}: {reason}; SRC must be a schema pack folder")
    try:
        return load_pack(source)
    except PackError as error:
        raise SelectError(f"{source.as_posix()}: not a usable schema pack: {error}") from error


@contextlib.contextmanager
def staged_selection(
    source: Path,
    selection: Selection | None,
    target: Path,
    *,
    dry_run: bool = False,
    lock: bool = False,
) -> Iterator[StagedPack]:
    """Build the selection from ``source`` for ``target``; removed on exit unless replaced.

    ``selection`` ``None`` asks again what the pack at ``target`` was selected with (an update).
    The built pack gets a lock when ``lock`` asks for one or the pack at ``target`` has one
    (keeping its name and profile).

    Raises:
        SelectError: ``target`` is not free nor a selected pack, ``source`` is not a pack,
            or the selection names what the source does not have.

    """
    _apart(source, target)
    previous = guard_target(target)
    if selection is None:
        if previous is None:
            raise SelectError(
                f"{target.as_posix()}: no selected pack here; make one with `hsconform pack select`"
            )
        selection = previous.selection
    try:
        previous_lock = read_lock(target) if previous is not None else None
    except LockError as error:
        raise SelectError(str(error)) from error
    pack = load_source(source)
    plan = plan_selection(pack, selection)
    builder = _temporary() if dry_run else staging_folder(target)
    with builder as folder:
        record = SelectRecord(source.as_posix(), selection, _own_files(plan))
        selected = build_selected(pack, plan, record, folder)
        if lock or previous_lock is not None:
            name = previous_lock.name if previous_lock else (target.resolve().name or "pack")
            profile = previous_lock.profile if previous_lock else pack.profile
            written = lock_selected(folder, source, name=name, profile=profile)
            selected = dataclasses.replace(selected, lock=written)
        yield StagedPack(selected, folder, target, previous, dry_run)


def _apart(source: Path, target: Path) -> None:
    """Refuse a target inside the source or around it: one would be written into the other."""
    inner, outer = target.resolve(), source.resolve()
    if inner.is_relative_to(outer) or outer.is_relative_to(inner):
        raise SelectError(
            f"{target.as_posix()}: DIR must lie outside SRC {source.as_posix()} and not contain it"
        )


@contextlib.contextmanager
def _temporary() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="hsconform-select-") as folder:
        yield Path(folder)


def select_pack(
    source: Path, selection: Selection, target: Path, *, lock: bool = False
) -> SelectedPack:
    """``hsconform pack select``: the selection written to ``target`` in one rename."""
    with staged_selection(source, selection, target, lock=lock) as staged:
        staged.replace()
        return staged.selected


def _own_files(plan: Plan) -> tuple[str, ...]:
    return (*plan.files, ROUTES_NAME) if plan.routes else plan.files


def build_selected(source: Pack, plan: Plan, record: SelectRecord, folder: Path) -> SelectedPack:
    """Write the plan into the empty ``folder`` and check it against the source.

    Raises:
        SelectError: the written pack does not load, resolve or route as the source does.

    """
    for file in plan.files:
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.root / file, folder / file)
    if plan.routes:
        write_text(folder / ROUTES_NAME, routes_json(source, plan.routes))
    write_text(folder / RECORD_NAME, record.to_json())
    _check_against(source, plan, folder)
    written = sum((folder / file).stat().st_size for file in record.files)
    return SelectedPack(plan, record, written, _source_bytes(source))


def routes_json(source: Pack, routes: Iterable[Route]) -> str:
    """The routes as a route file: one entry per operation and source, types by their name.

    An OpenAPI route's source names its response (``...#/paths/~1a/get/responses/200``); the
    entry names the operation, so an operation read from one document stays one entry.
    """
    entries: dict[tuple[str, str, str | None], dict[str, str]] = {}
    for route in routes:
        origin = route.source
        status_suffix = f"/responses/{route.status}"
        if origin is not None and origin.endswith(status_suffix):
            origin = origin.removesuffix(status_suffix)  # one entry per operation
        responses = entries.setdefault((route.method, route.template, origin), {})
        responses[route.status] = _name_for(source, route.type_name)
    listed = []
    for (method, template, origin), responses in entries.items():
        entry: dict[str, object] = {"method": method, "path": template, "responses": responses}
        if origin:
            entry["source"] = origin
        listed.append(entry)
    return json.dumps({"routes": listed}, indent=2, ensure_ascii=False) + "\n"


def _name_for(source: Pack, name: str) -> str:
    """The qualified ``family/Title`` when it names the type alone, else its stem."""
    pack_type = source.type(name)
    qualified = pack_type.name
    try:
        return qualified if source.type(qualified) is pack_type else pack_type.stem
    except LookupError:
        return pack_type.stem


def _check_against(source: Pack, plan: Plan, folder: Path) -> None:
    try:
        selected = load_pack(folder, profile=source.profile, engine=source.engine)
    except PackError as error:
        raise SelectError(f"the selected pack does not load on its own: {error}") from error
    problems = list(_family_changes(source, selected))
    problems.extend(_resolution_changes(source, selected))
    problems.extend(_route_changes(source, plan, selected))
    if problems:
        shown = "\n".join(f"  {problem}" for problem in problems[:20])
        raise SelectError(
            f"the selected pack would not validate as its source does ({len(problems)} "
            f"difference(s)):\n{shown}"
        )


def _family_changes(source: Pack, selected: Pack) -> Iterator[str]:
    families = {d.file: d.family for d in source.documents}
    for document in selected.documents:
        if families.get(document.file) != document.family:
            yield (
                f"{document.file}: family {document.family!r} instead of "
                f"{families.get(document.file)!r}"
            )


def _resolution_changes(source: Pack, selected: Pack) -> Iterator[str]:
    files = {d.file for d in selected.documents}
    before = {_site(r): _answer(r) for r in source.resolutions if r.file in files}
    after = {_site(r): _answer(r) for r in selected.resolutions}
    for where in sorted(before.keys() | after.keys()):
        if before.get(where) != after.get(where):
            yield f"{where[0]}#{where[1]} {where[2]} {where[3]!r}: resolves differently"


def _site(resolution: Resolution) -> tuple[str, str, str, str]:
    """Where a reference is written."""
    return (resolution.file, resolution.pointer, resolution.keyword, resolution.ref)


def _answer(resolution: Resolution) -> tuple[str, str, str]:
    """Where it goes and by which rule (the note may name the folder, so it is left out)."""
    return (resolution.target_file, resolution.target_pointer, str(resolution.rule))


def _route_changes(source: Pack, plan: Plan, selected: Pack) -> Iterator[str]:
    table = selected.routes
    for note in table.notes:
        yield f"routes: {note}"
    kept = {(r.method, r.template, r.status): r for r in table.table}
    for route in plan.routes:
        mine = kept.get((route.method, route.template, route.status))
        want = source.type(route.type_name).stem
        got = _stem_or_none(selected, mine.type_name) if mine else None
        if got != want:
            yield f"{route.method} {route.template} {route.status}: {got} instead of {want}"


def _stem_or_none(pack: Pack, name: str) -> str | None:
    try:
        return pack.type(name).stem
    except LookupError:
        return None


def _source_bytes(source: Pack) -> int:
    """The bytes of the source's documents, examples, route file and OpenAPI documents."""
    root = source.root
    files = [root / d.file for d in source.documents]
    files.extend(source.examples().values())
    files.extend(root / f for f in (ROUTES_NAME,) if (root / f).is_file())
    files.extend(root / shown for shown in source.routes.sources)
    return sum(path.stat().st_size for path in files if path.is_file())
