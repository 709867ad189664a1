"""Writing a large JSON document piece by piece, laid out as ``json.dump(indent=2)`` would.

The JSON and SARIF reports hold an array entry per outcome or finding; building them as one
value costs memory in proportion to the run. Here an array may be given as :class:`Items`,
an iterable read once while writing, so only one entry at a time is in memory, and the text
is the same as the whole value dumped at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO


@dataclass(frozen=True)
class Items:
    """An array written entry by entry as its iterable yields them."""

    entries: Iterable[Any]


def write_document(stream: TextIO, value: Any) -> None:
    """``value`` (which may hold :class:`Items`) as indented JSON, then a newline."""
    _write(stream, value, 0)
    stream.write("\n")


def _write(stream: TextIO, value: Any, level: int) -> None:
    if isinstance(value, Items):
        _write_items(stream, value.entries, level)
    elif isinstance(value, Mapping) and _streams(value):
        _write_object(stream, value, level)
    elif isinstance(value, list) and _streams(value):
        _write_items(stream, value, level)
    else:
        stream.write(_dumped(value, level))


def _write_object(stream: TextIO, members: Mapping[str, Any], level: int) -> None:
    inner = "\n" + "  " * (level + 1)
    stream.write("{")
    for position, (key, value) in enumerate(members.items()):
        stream.write(("," if position else "") + inner + json.dumps(key) + ": ")
        _write(stream, value, level + 1)
    stream.write(("\n" + "  " * level + "}") if members else "}")


def _write_items(stream: TextIO, entries: Iterable[Any], level: int) -> None:
    inner = "\n" + "  " * (level + 1)
    stream.write("[")
    empty = True
    for entry in entries:
        stream.write(("" if empty else ",") + inner)
        _write(stream, entry, level + 1)
        empty = False
    stream.write("]" if empty else "\n" + "  " * level + "]")


def _streams(value: Any) -> bool:
    """Whether ``value`` holds :class:`Items` anywhere (and so must be written piece by piece)."""
    if isinstance(value, Items):
        return True
    if isinstance(value, Mapping):
        return any(_streams(each) for each in value.values())
    if isinstance(value, list):
        return any(_streams(each) for each in value)
    return False


def _dumped(value: Any, level: int) -> str:
    """``value`` as ``json.dump(indent=2)`` writes it at nesting ``level``."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
