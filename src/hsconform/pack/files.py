"""The files a pack reads, each with its kind: what a lock hashes and a digest covers.

Only these files count, so a pack inside a larger folder (a checkout with READMEs, build
files, the lock itself) keeps its identity when the rest of the folder changes, and
checking a lock costs one read of the files loading reads anyway.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from hsconform.errors import LoadProblem
from hsconform.pack.containment import walk
from hsconform.pack.documents import is_json
from hsconform.pack.route_sources import is_openapi_name
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
    """Every file the pack at ``root`` reads, sorted by path (links out of the pack left out)."""
    return walk_pack(root)[0]


def walk_pack(
    root: Path, kinds: Collection[str] | None = None
) -> tuple[list[PackFile], list[LoadProblem]]:
    """Every file the pack at ``root`` reads, and each link that would lead out of the pack.

    ``kinds`` limits the walk to files of those kinds (a dialect, ``routes``, ...).
    """
    found: list[PackFile] = []
    escapes: list[LoadProblem] = []
    for place, kind, keep, recursive in _PLACES:
        if kinds is not None and kind not in kinds:
            continue
        walked = walk(root, place, keep, recursive=recursive)
        found.extend(PackFile(path.relative_to(root).as_posix(), kind) for path in walked.files)
        escapes.extend(walked.escapes)
    return sorted(found), escapes


#: Where a pack's files are, their kind, which names count, and whether sub-folders do.
_PLACES: tuple[tuple[str, str, Callable[[str], bool], bool], ...] = (
    *((dialect, dialect, is_json, True) for dialect in DIALECTS),
    ("routes.json", ROUTES, lambda name: True, False),
    ("openapi", OPENAPI, is_openapi_name, True),
    ("examples", EXAMPLE, is_json, False),
)


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes exactly as stored."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_digest(hashes: Iterable[tuple[str, str]]) -> str:
    """The digest of a pack: sha256 over its ``(path, sha256)`` pairs, in path order.

    Content only: the same files give the same digest on every machine, in any order.
    """
    lines = "".join(f"{path}\t{digest}\n" for path, digest in sorted(hashes))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()
