"""Writing a pack's lock: load the folder, count it, hash its files, record where it came from.

Kept apart from :mod:`.lock` (the format) because it loads the pack, which in turn reads
the lock.
"""

from __future__ import annotations

from pathlib import Path

from hsconform.atomic import write_text
from hsconform.pack._core import load_pack
from hsconform.pack.files import PACK_PATHS
from hsconform.pack.lock import Lock, build_lock, lock_path, read_lock
from hsconform.pack.provenance import source_of


def lock_folder(
    folder: Path,
    *,
    name: str | None = None,
    profile: str | None = None,
    default_profile: str | None = None,
) -> Lock:
    """Write the lock of the pack in ``folder`` and return it.

    ``name`` defaults to the present lock's, else the folder's name; ``profile`` to the
    present lock's, else ``default_profile``, else ``published``. The pack is loaded without
    checking the present lock.

    Raises:
        LockError: the present lock cannot be read (it is left as it is).
        PackError: the folder is not a pack that loads.

    """
    existing = read_lock(folder)
    chosen = profile or (existing.profile if existing else None) or default_profile
    pack = load_pack(folder, profile=chosen, check_lock=False)
    counts = pack.counts()
    lock = build_lock(
        folder,
        name=name or (existing.name if existing else None) or folder.resolve().name or "pack",
        profile=pack.profile,
        dialects={d.file: str(d.dialect) for d in pack.documents},
        counts={
            "documents": sum(counts.documents.values()),
            "types": counts.types,
            "twins": counts.twins,
            "references": counts.refs_resolved,
            "routes": len(pack.routes.table),
        },
        source=source_of(folder, PACK_PATHS),
    )
    write_text(lock_path(folder), lock.to_json())
    return lock
