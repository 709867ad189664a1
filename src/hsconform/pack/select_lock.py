"""The lock of a selected pack, written into the folder being built before it is renamed in.

The files are the selected ones; the provenance is the source's (the publisher's commit and
remote when the source is a git checkout), since that is where the schemas came from.
"""

from __future__ import annotations

from pathlib import Path

from hsconform.atomic import write_text
from hsconform.pack._core import load_pack
from hsconform.pack.lock import Lock, build_lock, lock_path
from hsconform.pack.provenance import source_of

__all__ = ["lock_selected"]


def lock_selected(folder: Path, source: Path, *, name: str, profile: str) -> Lock:
    """Write ``folder``'s lock: its files hashed now, ``source``'s provenance."""
    pack = load_pack(folder, profile=profile)
    counts = pack.counts()
    lock = build_lock(
        folder,
        name=name,
        profile=pack.profile,
        dialects={d.file: str(d.dialect) for d in pack.documents},
        counts={
            "documents": sum(counts.documents.values()),
            "types": counts.types,
            "twins": counts.twins,
            "references": counts.refs_resolved,
            "routes": len(pack.routes.table),
        },
        source=source_of(source),
    )
    write_text(lock_path(folder), lock.to_json())
    return lock
