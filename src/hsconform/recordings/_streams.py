"""JSON Lines files as byte streams: plain, gzip or Zstandard, decompressed as they are read.

Archives of recorded traffic are kept compressed; reading them as a stream keeps memory flat
whatever their size. ``.zst`` needs a Zstandard decompressor: Python 3.14's
``compression.zstd`` or the ``zstandard`` package.
"""

from __future__ import annotations

import gzip
import importlib
from pathlib import Path
from typing import IO, Any, cast

#: File name endings read as JSON Lines.
JSONL_ENDINGS = (
    ".jsonl",
    ".ndjson",
    ".jsonl.gz",
    ".ndjson.gz",
    ".jsonl.zst",
    ".ndjson.zst",
)


class StreamError(Exception):
    """A compressed stream that cannot be opened or read; the message says why."""


def is_jsonl(name: str) -> bool:
    """Whether a file name ends like a JSON Lines file (compressed or not)."""
    return name.lower().endswith(JSONL_ENDINGS)


def open_lines(path: Path) -> IO[bytes]:
    """``path`` opened for reading its decompressed bytes line by line."""
    lower = path.name.lower()
    if lower.endswith(".gz"):
        return cast("IO[bytes]", gzip.open(path, "rb"))
    if lower.endswith(".zst"):
        return _zstd_reader(path)
    return path.open("rb")


def _zstd_reader(path: Path) -> IO[bytes]:
    try:
        module: Any = importlib.import_module("compression.zstd")
    except ImportError:
        module = None
    if module is not None:
        opened: IO[bytes] = module.open(path, "rb")
        return opened
    try:
        zstandard: Any = importlib.import_module("zstandard")
    except ImportError as error:
        raise StreamError(
            "reading .zst needs a Zstandard decompressor: Python 3.14, or the zstandard package"
        ) from error
    reader: IO[bytes] = zstandard.open(path, "rb")
    return reader


#: What reading a damaged compressed stream raises, besides OSError.
READ_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, StreamError)
