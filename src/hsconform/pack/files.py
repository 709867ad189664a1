"""The files a pack reads, each with its kind: what a lock hashes and a digest covers.

Only these files count, so a pack inside a larger folder (a checkout with READMEs, build
files, the lock itself) keeps its identity when the rest of the folder changes, and
checking a lock costs one read of the files loading reads anyway.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from hsconform.pack.route_sources import OPENAPI_SUFFIXES
from hsconform.vocabulary import DIALECTS

#: The kind of a file that is not a schema document.
ROUTES = "routes"
OPENAPI = "openapi"
EXAMPLE = "example"


@dataclass(frozen=True, order=True)
class PackFile:
    """One file of a pack: its path relative to the pack (``/`` separated) and its kind.

    The kind is the folder's dialect for a schema document, else ``routes``, ``openapi`` or
    ``example``.
    """

    path: str
    kind: str


#: Where the files a pack reads live, relative to its root.
PACK_PATHS = (*DIALECTS, "routes.json", "openapi", "examples")


def pack_files(root: Path) -> list[PackFile]:
    """Every file the pack at ``root`` reads, sorted by path."""
    found: list[PackFile] = []
    for dialect in DIALECTS:
        found.extend(PackFile(p, dialect) for p in _under(root, dialect, "**/*.json"))
    if (root / "routes.json").is_file():
        found.append(PackFile("routes.json", ROUTES))
    openapi = (p for p in _under(root, "openapi", "**/*") if _is_openapi(p))
    found.extend(PackFile(p, OPENAPI) for p in openapi)
    found.extend(PackFile(p, EXAMPLE) for p in _under(root, "examples", "*.json"))
    return sorted(found)


def _is_openapi(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in OPENAPI_SUFFIXES


def _under(root: Path, folder: str, pattern: str) -> Iterator[str]:
    """The files under ``root/folder`` matching ``pattern``, relative to ``root``."""
    base = root / folder
    if not base.is_dir():
        return
    for path in base.glob(pattern):
        if path.is_file():
            yield path.relative_to(root).as_posix()


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes exactly as stored."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_digest(hashes: Iterable[tuple[str, str]]) -> str:
    """The digest of a pack: sha256 over its ``(path, sha256)`` pairs, in path order.

    Content only: the same files give the same digest on every machine, in any order.
    """
    lines = "".join(f"{path}\t{digest}\n" for path, digest in sorted(hashes))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()
