"""The lock of a pack: ``hsconform-pack.json``, what the pack is and exactly which bytes it holds.

A lock names the pack, the profile it is meant for, every file the pack reads with its sha256
and dialect (or kind), the pack's counts, a content digest over the files' paths and hashes,
and where the files came from. ``pack lock`` writes it; :func:`compare` tells a folder that no
longer matches its lock (a file edited, added or missing), which ``load_pack`` reports.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hsconform.errors import LocatedError
from hsconform.jsontext import ParsedJSON, parse_json_text
from hsconform.pack.files import content_digest, pack_files, sha256_of
from hsconform.pack.provenance import SourceValue
from hsconform.vocabulary import PROFILES

#: The lock's file name, at the pack's root.
LOCK_FILE = "hsconform-pack.json"
#: The version of the lock format this hsconform reads and writes.
LOCK_VERSION = 1
#: Length of the digest prefix shown in reports.
SHORT_DIGEST = 12


class LockError(LocatedError):
    """A lock that cannot be read: not JSON, an unknown version, a field of the wrong kind."""


#: Makes the error of a lock's node: ``(JSON Pointer, message) -> LockError``.
_Fail = Callable[[str, str], LockError]


@dataclass(frozen=True)
class LockedFile:
    """One file a lock lists: path relative to the pack, sha256 of its bytes, its dialect."""

    path: str
    sha256: str
    dialect: str


@dataclass(frozen=True)
class Lock:
    """The content of ``hsconform-pack.json``."""

    name: str
    profile: str
    files: tuple[LockedFile, ...]
    counts: Mapping[str, int] = field(default_factory=dict)
    source: Mapping[str, SourceValue] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """The content digest of the files listed (see :func:`~.files.content_digest`)."""
        return content_digest((f.path, f.sha256) for f in self.files)

    def to_json(self) -> str:
        """The lock as written: stable key order, files sorted by path, a final newline."""
        data: dict[str, Any] = {
            "version": LOCK_VERSION,
            "name": self.name,
            "profile": self.profile,
            "digest": f"sha256:{self.digest}",
            "counts": dict(self.counts),
            "source": dict(self.source),
            "files": [
                {"path": f.path, "sha256": f.sha256, "dialect": f.dialect}
                for f in sorted(self.files, key=lambda f: f.path)
            ],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class LockDifference:
    """How a folder differs from its lock: files edited, added (not listed) and missing."""

    edited: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.edited or self.added or self.missing)

    def lines(self) -> list[str]:
        """One ``<change>: <path>`` line per file that differs, by path."""
        changes = [
            *((path, "edited") for path in self.edited),
            *((path, "added") for path in self.added),
            *((path, "missing") for path in self.missing),
        ]
        return [f"{change}: {path}" for path, change in sorted(changes)]


def hash_files(root: Path) -> dict[str, tuple[str, str]]:
    """``path -> (sha256, kind)`` of every file the pack at ``root`` reads."""
    return {f.path: (sha256_of(root / f.path), f.kind) for f in pack_files(root)}


def compare(lock: Lock, current: Mapping[str, str]) -> LockDifference:
    """How the files ``current`` (``path -> sha256``) differ from those ``lock`` lists."""
    locked = {f.path: f.sha256 for f in lock.files}
    return LockDifference(
        edited=tuple(sorted(p for p in locked.keys() & current.keys() if locked[p] != current[p])),
        added=tuple(sorted(current.keys() - locked.keys())),
        missing=tuple(sorted(locked.keys() - current.keys())),
    )


def check_folder(root: Path, lock: Lock) -> LockDifference:
    """How the pack folder ``root`` differs from ``lock`` (hashing the files it reads)."""
    return compare(lock, {path: digest for path, (digest, _) in hash_files(root).items()})


def lock_path(root: Path) -> Path:
    """Where the lock of the pack at ``root`` lives."""
    return root / LOCK_FILE


def read_lock(root: Path, display: str | None = None) -> Lock | None:
    """The lock of the pack at ``root``; ``None`` when it has none.

    Raises:
        LockError: the lock is not UTF-8 JSON, has an unknown ``version`` or a field of the
            wrong kind; located by line and column (``display`` names the file).

    """
    path = lock_path(root)
    if not path.is_file():
        return None
    name = display or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise LockError(name, f"cannot read the lock: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise LockError(name, "the lock is not UTF-8 text") from error
    try:
        parsed = parse_json_text(text, name)
    except LocatedError as error:
        message = f"the lock is not JSON: {error.reason}"
        raise LockError(name, message, error.line, error.column) from error
    return _lock_of(parsed.value, lambda pointer, message: _located(parsed, name, pointer, message))


def _located(parsed: ParsedJSON, name: str, pointer: str, message: str) -> LockError:
    position = parsed.locate(pointer)
    where = f" (at {pointer})" if pointer else ""
    if position is None:
        return LockError(name, message + where)
    return LockError(name, message + where, position[0], position[1])


def _lock_of(data: Any, fail: _Fail) -> Lock:
    """The lock of a parsed ``hsconform-pack.json``; ``fail(pointer, message)`` makes the error."""
    if not isinstance(data, dict):
        raise fail("", "the lock is not a JSON object")
    version = data.get("version")
    if version != LOCK_VERSION:
        raise fail(
            "/version" if "version" in data else "",
            f"unknown lock version {json.dumps(version)}; this hsconform reads version "
            f"{LOCK_VERSION} (relock with `hsconform pack lock`)",
        )
    name = _string(data, "name", fail)
    profile = _string(data, "profile", fail)
    if profile not in PROFILES:
        known = ", ".join(PROFILES)
        raise fail("/profile", f"unknown profile {profile!r}; use one of: {known}")
    files = data.get("files")
    if not isinstance(files, list):
        raise fail("/files" if "files" in data else "", "`files` must be a list")
    locked = []
    for index, entry in enumerate(files):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), str) for key in ("path", "sha256", "dialect")
        ):
            raise fail(f"/files/{index}", "a file needs the strings `path`, `sha256`, `dialect`")
        locked.append(LockedFile(entry["path"], entry["sha256"], entry["dialect"]))
    counts = data.get("counts", {})
    if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
        raise fail("/counts", "`counts` must be an object of numbers")
    source = data.get("source", {})
    if not isinstance(source, dict) or not all(isinstance(v, str | bool) for v in source.values()):
        raise fail("/source", "`source` must be an object of strings")
    lock = Lock(name, profile, tuple(locked), counts, source)
    recorded = data.get("digest")
    if recorded is not None and recorded != f"sha256:{lock.digest}":
        raise fail("/digest", "`digest` does not match the files the lock lists")
    return lock


def _string(data: Mapping[str, Any], key: str, fail: _Fail) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise fail(f"/{key}" if key in data else "", f"`{key}` must be a string")
    return value


def build_lock(
    root: Path,
    *,
    name: str,
    profile: str,
    dialects: Mapping[str, str],
    counts: Mapping[str, int],
    source: Mapping[str, SourceValue],
) -> Lock:
    """The lock of the pack at ``root``, its files hashed now.

    ``dialects`` gives the dialect of each schema document as the pack loaded it
    (``path -> dialect``); other files keep their kind.
    """
    files = tuple(
        LockedFile(path, digest, dialects.get(path, kind))
        for path, (digest, kind) in sorted(hash_files(root).items())
    )
    return Lock(name, profile, files, counts, source)


def short_digest(digest: str) -> str:
    """The prefix of a digest shown in reports."""
    return digest.removeprefix("sha256:")[:SHORT_DIGEST]


__all__ = [
    "LOCK_FILE",
    "LOCK_VERSION",
    "Lock",
    "LockDifference",
    "LockError",
    "LockedFile",
    "build_lock",
    "check_folder",
    "compare",
    "hash_files",
    "lock_path",
    "read_lock",
    "short_digest",
]
