"""JSON Lines output: one finding (or one outcome) per line, written as results arrive."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def write_rows(rows: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """Each row as one line of JSON; returns how many were written."""
    written = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False))
        stream.write("\n")
        written += 1
    return written
