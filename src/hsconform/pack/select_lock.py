"""The lock of a selected pack, written into the folder being built before it is renamed in.

The files are the selected ones; the provenance is the source's (the publisher's commit and
remote when the source is a git checkout), since that is where the schemas came from.
"""

from __future__ import annotations

from pathlib import Path

from hsconform.pack._core import load_pack
from hsconform.pack.lock import Lock
from hsconform.pack.locking import write_lock
from hsconform.pack.provenance import source_of

__all__ = ["lock_selected"]


def lock_selected(folder: Path, source: Path, *, name: str, profile: str) -> Lock:
    """Write ``folder``'s lock: its files hashed now, ``source``'s provenance."""
    return write_lock(load_pack(folder, profile=profile), name=name, source=source_of(source))
