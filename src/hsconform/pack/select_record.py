"""``hsconform-select.json``: what a selected pack was selected from, and which files are its own.

``hsconform pack select`` writes it into the pack it makes, ``hsconform pack update`` reads it
to ask the same question of a newer source, and both refuse a folder that holds anything it
does not list (a folder they did not make, or files someone put beside the pack)::

    {
      "$comment": "...",
      "version": 1,
      "source": "../hubspot-schemas",
      "selection": {"routes": ["GET /crm/v3/objects/contacts"], "types": [], "families": []},
      "files": ["examples/...", "json-schema/...", "json-structure/...", "routes.json"]
    }
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hsconform.errors import PayloadError
from hsconform.jsontext import ParsedJSON, read_json_file
from hsconform.pack.lock import LOCK_FILE
from hsconform.pack.select import SelectError, Selection

__all__ = ["RECORD_NAME", "SelectRecord", "guard_target", "read_record"]

RECORD_NAME = "hsconform-select.json"
VERSION = 1
_COMMENT = (
    "Written by `hsconform pack select`; `hsconform pack update SRC` selects the same again. "
    "Files not listed here make the folder refuse to be replaced."
)
_KEYS = ("routes", "types", "families")


@dataclass(frozen=True)
class SelectRecord:
    """The selection of a pack, where it came from, and the files it wrote."""

    source: str
    selection: Selection
    files: tuple[str, ...]

    def to_json(self) -> str:
        """The record's text, stable for a diff."""
        value = {
            "$comment": _COMMENT,
            "version": VERSION,
            "source": self.source,
            "selection": {key: list(getattr(self.selection, key)) for key in _KEYS},
            "files": sorted(self.files),
        }
        return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def read_record(folder: Path) -> SelectRecord:
    """The record of a selected pack.

    Raises:
        SelectError: no record, or one that cannot be read (located).

    """
    path = folder / RECORD_NAME
    shown = path.as_posix()
    if not path.is_file():
        raise SelectError(
            f"{folder.as_posix()}: not a pack made by `hsconform pack select` (no {RECORD_NAME})"
        )
    try:
        parsed = read_json_file(path, display=shown)
    except PayloadError as error:
        raise SelectError(str(error)) from error
    value = parsed.value
    if not isinstance(value, dict):
        raise _bad(parsed, "", "the record must be a JSON object")
    if value.get("version") != VERSION:
        raise _bad(parsed, "/version", f"unknown version {value.get('version')!r}; expected 1")
    source = value.get("source")
    if not isinstance(source, str):
        raise _bad(parsed, "/source", "source must be a string")
    selection = value.get("selection")
    if not isinstance(selection, dict):
        raise _bad(parsed, "/selection", "selection must be an object")
    lists = {key: _strings(parsed, f"/selection/{key}", selection.get(key, [])) for key in _KEYS}
    files = _strings(parsed, "/files", value.get("files", []))
    return SelectRecord(source, Selection(**lists), files)


def _strings(parsed: ParsedJSON, pointer: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _bad(parsed, pointer, "must be a list of strings")
    return tuple(value)


def _bad(parsed: ParsedJSON, pointer: str, message: str) -> SelectError:
    position = parsed.locate(pointer)
    where = f"{parsed.file}:{position[0]}:{position[1]}" if position else parsed.file
    return SelectError(f"{where}: {pointer or '/'}: {message}")


def guard_target(folder: Path) -> SelectRecord | None:
    """The record of the pack at ``folder`` if select may replace it; ``None`` if it is free.

    Raises:
        SelectError: ``folder`` is a file, or a folder select did not make, or one holding
            files its record does not list (they would be lost).

    """
    if not folder.exists():
        return None
    shown = folder.as_posix()
    if not folder.is_dir():
        raise SelectError(f"{shown}: exists and is not a folder; refusing to replace it")
    present = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    if not present:
        return None
    if not (folder / RECORD_NAME).is_file():
        raise SelectError(
            f"{shown}: exists and is not a pack made by `hsconform pack select` "
            f"(no {RECORD_NAME}); refusing to overwrite it"
        )
    record = read_record(folder)
    foreign = _foreign(present, record.files)
    if foreign:
        listed = ", ".join(foreign[:10]) + (
            f" and {len(foreign) - 10} more" if foreign[10:] else ""
        )
        raise SelectError(
            f"{shown}: holds files that are not the selected pack's ({listed}); "
            "refusing to overwrite them: move them out of the folder first"
        )
    return record


def _foreign(present: Sequence[str], listed: Sequence[str]) -> list[str]:
    own = {*listed, RECORD_NAME, LOCK_FILE}
    return [file for file in present if file not in own]
