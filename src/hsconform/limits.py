"""How much of one input hsconform reads before it stops: file size, body size, integer digits.

Recordings come from traffic nobody reviewed, so every reader stops at a limit while reading
(never after building the whole value) and reports what it cut with a code and a location.
The limits are settings of the process: the command line applies the configuration's
``[limits]`` and ``--limit NAME=VALUE`` once, and hands them to its worker processes.
"""

from __future__ import annotations

import re
import stat
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

#: Finding codes of the limits (also in :mod:`hsconform.codes`).
TOO_LARGE = "HSC-R-TOO-LARGE"
INTEGER_TOO_LONG = "HSC-P-INTEGER-TOO-LONG"
TOO_DEEP = "HSC-P-TOO-DEEP"

_UNITS = {
    "": 1,
    "k": 1 << 10,
    "kb": 1 << 10,
    "m": 1 << 20,
    "mb": 1 << 20,
    "g": 1 << 30,
    "gb": 1 << 30,
}
_SIZE = re.compile(r"([0-9]{1,15})\s*([a-z]{0,2})")


@dataclass(frozen=True)
class Limits:
    """The limits in force; each can be raised (or lowered) by name."""

    #: Bytes of one recording, schema, baseline or configuration file.
    file_size: int = 512 << 20
    #: Bytes of one response body after decompression (also one JSON Lines record).
    body_size: int = 64 << 20
    #: Decimal digits of one integer (CPython's own limit for converting text to int).
    integer_digits: int = 4300

    def with_setting(self, setting: str) -> Limits:
        """These limits with ``name=value`` applied (``body-size=128MB``); raise ValueError."""
        name, equals, value = setting.partition("=")
        key = name.strip().replace("-", "_")
        if not equals or key not in NAMES.values():
            raise ValueError(
                f"unknown limit {name.strip()!r}: use NAME=VALUE with NAME one of "
                + ", ".join(NAMES)
            )
        return replace(self, **{key: parse_amount(value, sized=key != "integer_digits")})


#: The names a user writes (``--limit body-size=...``, ``[limits]``) and the fields they set.
NAMES = {field.name.replace("_", "-"): field.name for field in fields(Limits)}

#: The smallest digit limit CPython accepts (0 means none, which is not offered).
_MIN_DIGITS = 640


def parse_amount(value: object, *, sized: bool) -> int:
    """A positive integer, sizes with an optional ``K``/``M``/``G`` suffix (powers of 1024)."""
    if isinstance(value, int) and not isinstance(value, bool):
        amount = value
    else:
        match = _SIZE.fullmatch(str(value).strip().lower())
        if match is None or (match.group(2) and not sized) or match.group(2) not in _UNITS:
            unit = " (a suffix K, M or G is allowed)" if sized else ""
            raise ValueError(f"{value!r} is not a positive whole number{unit}")
        amount = int(match.group(1)) * _UNITS[match.group(2)]
    if amount <= 0:
        raise ValueError(f"{value!r} is not a positive whole number")
    if not sized and amount < _MIN_DIGITS:
        raise ValueError(f"integer-digits must be at least {_MIN_DIGITS}")
    return amount


_CURRENT: list[Limits] = [Limits()]


def current() -> Limits:
    """The limits in force in this process."""
    return _CURRENT[0]


def apply(limits: Limits) -> None:
    """Put ``limits`` in force in this process (the digit limit is the interpreter's own)."""
    _CURRENT[0] = limits
    sys.set_int_max_str_digits(limits.integer_digits)


def describe(name: str, amount: int) -> str:
    """``64 MiB (raise it with --limit body-size=N)``: for messages about a limit that was hit."""
    flag = name.replace("_", "-")
    shown = f"{amount >> 20} MiB" if amount >= 1 << 20 and amount % (1 << 20) == 0 else str(amount)
    return f"{shown} (raise it with --limit {flag}=N)"


class LimitError(ValueError):
    """An input larger than a limit allows, or a file that is not a regular file."""

    def __init__(self, message: str, code: str = TOO_LARGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def refuse_irregular(path: Path) -> None:
    """Raise :class:`LimitError` for a device, pipe, socket or folder: it may never end."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
        raise LimitError(f"not a regular file ({what})", code="HSC-R-UNREADABLE")


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default: the file-size limit).

    A device, a pipe or a folder is refused before it is opened (``/dev/zero`` never ends),
    and the read stops one byte past the limit, so a file growing meanwhile cannot exceed it.
    Raises OSError when the file cannot be read, :class:`LimitError` when it is refused.
    """
    size = current().file_size if limit is None else limit
    refuse_irregular(path)
    with path.open("rb") as stream:
        data = stream.read(size + 1)
    if len(data) > size:
        raise LimitError(f"file is larger than {describe('file_size', size)}")
    return data
