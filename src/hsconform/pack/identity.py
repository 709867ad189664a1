"""A pack's identity, and its lock verified at load.

A pack with a lock is named by it, once its files are checked against it; a pack without one
gets an identity computed from its files (the folder's name and the content digest), so
every report names the exact bytes it read either way.
"""

from __future__ import annotations

from pathlib import Path

from hsconform.errors import LoadProblem
from hsconform.outcomes import PackIdentity
from hsconform.pack.files import content_digest
from hsconform.pack.lock import LOCK_FILE, Lock, LockError, compare, hash_files, read_lock
from hsconform.pack.provenance import describe

#: A lock that cannot be read (not JSON, unknown version, a field of the wrong kind).
LOCK_UNREADABLE = "HSC-PACK-LOCK"
#: A file edited, added or missing since the pack was locked.
LOCK_MISMATCH = "HSC-PACK-LOCK-MISMATCH"

_CHANGES = {
    "edited": "edited since the pack was locked",
    "added": "not in the pack's lock",
    "missing": "listed in the pack's lock but missing",
}


def verify_lock(root: Path) -> tuple[PackIdentity | None, list[LoadProblem]]:
    """The identity the lock of ``root`` gives, or the load problems that refute it.

    ``(None, [])`` when the pack has no lock. Hashes only the files the pack reads.
    """
    try:
        lock = read_lock(root, LOCK_FILE)
    except LockError as error:
        problem = LoadProblem(
            LOCK_UNREADABLE, LOCK_FILE, "", error.reason, line=error.line, column=error.column
        )
        return None, [problem]
    if lock is None:
        return None, []
    current = {path: digest for path, (digest, _) in hash_files(root).items()}
    difference = compare(lock, current)
    relock = f"; relock with `hsconform pack lock {root}` if the change is meant"
    problems = [
        LoadProblem(LOCK_MISMATCH, path, "", _CHANGES[change] + relock)
        for change, paths in (
            ("edited", difference.edited),
            ("added", difference.added),
            ("missing", difference.missing),
        )
        for path in paths
    ]
    return (None, problems) if problems else (identity_of_lock(lock), [])


def identity_of_lock(lock: Lock) -> PackIdentity:
    """The identity a lock records."""
    return PackIdentity(
        name=lock.name,
        digest=f"sha256:{lock.digest}",
        commit=describe(lock.source),
        locked=True,
    )


def computed_identity(root: Path) -> PackIdentity:
    """The identity of a pack without a lock: its folder's name and its content digest."""
    hashes = ((path, digest) for path, (digest, _) in hash_files(root).items())
    return PackIdentity(
        name=root.resolve().name or "pack", digest=f"sha256:{content_digest(hashes)}"
    )
