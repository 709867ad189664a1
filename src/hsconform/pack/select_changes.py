"""What an update changes in a selected pack: files added, removed, changed, and their types.

A file is changed when its bytes differ. A type is named by its stem (the file name without the
dialect suffix, or ``-example`` for an example): added when none of its files was there before,
removed when none is there after, changed when any of its files was added, removed or changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from hsconform.pack import naming
from hsconform.vocabulary import DIALECTS

__all__ = ["FileChanges", "folder_changes"]

_EXAMPLE_SUFFIX = "-example"


@dataclass(frozen=True)
class FileChanges:
    """The files and types an update adds, removes and changes, each sorted."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    types_added: tuple[str, ...] = ()
    types_removed: tuple[str, ...] = ()
    types_changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def folder_changes(
    old: Path, old_files: Iterable[str], new: Path, new_files: Iterable[str]
) -> FileChanges:
    """Compare the listed files of two pack folders, byte for byte."""
    before, after = set(old_files), set(new_files)
    added = sorted(after - before)
    removed = sorted(before - after)
    changed = sorted(f for f in before & after if _bytes(old / f) != _bytes(new / f))
    old_types = {_type_of(f) for f in before} - {None}
    new_types = {_type_of(f) for f in after} - {None}
    touched = {_type_of(f) for f in (*added, *removed, *changed)} - {None}
    return FileChanges(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        types_added=tuple(sorted(t for t in new_types - old_types if t)),
        types_removed=tuple(sorted(t for t in old_types - new_types if t)),
        types_changed=tuple(sorted(t for t in touched & old_types & new_types if t)),
    )


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _type_of(file: str) -> str | None:
    """The stem of the type a pack file belongs to; ``None`` for a file of no type."""
    path = PurePosixPath(file)
    folder = path.parts[0] if len(path.parts) > 1 else ""
    for dialect in DIALECTS:
        if folder == dialect:
            return naming.stem_of(path.name, dialect)
    if folder == "examples" and path.suffix == ".json":
        return path.stem.removesuffix(_EXAMPLE_SUFFIX)
    return None
