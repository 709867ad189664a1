"""Writing a pack's lock: load the folder, count it, hash its files, record where it came from.

Kept apart from :mod:`.lock` (the format) because it loads the pack, which in turn reads
the lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from hsconform.atomic import write_text
from hsconform.pack._core import Pack, load_pack
from hsconform.pack.files import PACK_PATHS
from hsconform.pack.lock import Lock, build_lock, lock_path, read_lock
from hsconform.pack.provenance import SourceValue, source_of


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
    chosen_name = name or (existing.name if existing else None) or folder.resolve().name or "pack"
    return write_lock(pack, name=chosen_name, source=source_of(folder, PACK_PATHS))


def write_lock(pack: Pack, *, name: str, source: Mapping[str, SourceValue]) -> Lock:
    """Count and hash the loaded ``pack``, write its lock into its folder and return it."""
    counts = pack.counts()
    lock = build_lock(
        pack.root,
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
        source=source,
    )
    write_text(lock_path(pack.root), lock.to_json())
    return lock
