"""Writing files and folders so that a reader sees the old content or the new, never half of one.

Every file hsconform writes (baselines, locks, reports given ``--output``, selected packs) goes
through here: the content is written to a temporary sibling, flushed to disk and renamed over the
target. A failed or interrupted write leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO, cast

__all__ = ["open_text", "replace_folder", "staging_folder", "write_bytes", "write_text"]


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary sibling, fsync, then a rename."""
    with _replacing(path, "wb") as stream:
        stream.write(data)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode(encoding))


@contextlib.contextmanager
def open_text(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` when the block ends without an error.

    For output written piece by piece (a report over millions of responses): the same
    guarantee as :func:`write_text`, without holding the text in memory.
    """
    with _replacing(path, "w", encoding=encoding) as stream:
        yield cast(TextIO, stream)


@contextlib.contextmanager
def _replacing(path: Path, mode: str, encoding: str | None = None) -> Iterator[IO[Any]]:
    """A temporary sibling of ``path`` to write; flushed, synced and renamed over it on success.

    On any failure (an exception, an interrupt) the sibling is removed and ``path`` is as it was.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    newline = "" if encoding is not None else None  # text is written as given: no translation
    try:
        with os.fdopen(handle, mode, encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, _mode_of(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_of(path: Path) -> int:
    """The permissions to give the new file: those of the one it replaces, else the umask's."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def staging_folder(target: Path) -> Iterator[Path]:
    """A fresh temporary folder beside ``target``, removed on exit unless it was renamed away.

    Build the new content in it, then call :func:`replace_folder` before leaving the block.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
    try:
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def replace_folder(staging: Path, target: Path) -> None:
    """Put the folder ``staging`` in the place of ``target`` (which may not exist yet).

    The old folder is first renamed aside, then the new one renamed in, then the old one removed:
    at every moment ``target`` is either the complete old folder or the complete new one, except
    for the instant between the two renames, after which a failure renames the old one back.
    """
    staging, target = Path(staging), Path(target)
    if not target.exists():
        os.replace(staging, target)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    aside.rmdir()
    os.replace(target, aside)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
