"""The files of a pack folder, and never a file outside it, whatever links the folder holds.

A pack copied from elsewhere may hold symbolic links. A link whose target lies inside the pack
is followed (a file is read under the link's name, a folder is walked), so a pack can share a
file between places. A link whose target lies outside the pack is never followed: it is a load
problem, ``HSC-PACK-ESCAPING-LINK``, so a pack that would read something from outside itself
does not load at all rather than load a different pack than the folder shows. References are
held to the same bound in :mod:`hsconform.pack.registry` (``HSC-PACK-ESCAPING-REF``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hsconform.errors import LoadProblem

#: A link in the pack whose target lies outside the pack folder: not followed.
ESCAPING_LINK = "HSC-PACK-ESCAPING-LINK"


@dataclass(frozen=True)
class Walked:
    """The files found under one path of a pack, and the links that lead out of it."""

    files: tuple[Path, ...]
    escapes: tuple[LoadProblem, ...]


def resolved(path: Path) -> Path | None:
    """``path`` with every link on its way followed; ``None`` for a loop of links."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a loop: RuntimeError before Python 3.13, OSError since
        return None


def walk(root: Path, place: str, keep: Callable[[str], bool], *, recursive: bool = True) -> Walked:
    """The files at ``root/place`` (a folder, or one file) whose name ``keep`` accepts.

    Sorted by path; each file is named by where it sits in the pack (a link by its own name).
    A sub-folder is walked when ``recursive``; a linked folder is not walked when it overlaps a
    folder walked already (a loop, or a second name for the same files).
    """
    top = root.resolve()
    start = root / place
    escapes: list[LoadProblem] = []
    files: list[Path] = []
    if start.is_symlink() and not _inside(top, start, escapes, root):
        return Walked((), tuple(escapes))
    if start.is_file():
        return Walked((start,) if keep(start.name) else (), ())
    if not start.is_dir():
        return Walked((), ())
    base = start.resolve()
    seen = {base}
    pending = [start]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:  # an unreadable folder: its files are not found, as a glob finds none
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                wanted = (recursive and path.is_dir()) or keep(entry.name)
                if not wanted or not _inside(top, path, escapes, root):
                    continue
                if path.is_dir():
                    target = path.resolve()
                    if any(target.is_relative_to(s) or s.is_relative_to(target) for s in seen):
                        continue  # its files are walked already, or it is a loop
                    seen.add(target)
                    pending.append(path)
                elif path.is_file():
                    files.append(path)
            elif entry.is_dir(follow_symlinks=False):
                if recursive:
                    pending.append(path)
            elif entry.is_file(follow_symlinks=False) and keep(entry.name):
                files.append(path)
    return Walked(tuple(sorted(files)), tuple(escapes))


def _inside(top: Path, link: Path, escapes: list[LoadProblem], root: Path) -> bool:
    """Whether the link's target is inside the pack; an escape is recorded when it is not.

    A loop of links leads nowhere: it is not followed, and reads nothing.
    """
    target = resolved(link)
    if target is None:
        return False
    if target.is_relative_to(top):
        return True
    escapes.append(
        LoadProblem(
            ESCAPING_LINK,
            link.relative_to(root).as_posix(),
            "",
            "a link to a place outside the pack folder: not read (copy the file into the "
            "pack, or link to a place inside it)",
            target=str(target),
        )
    )
    return False
