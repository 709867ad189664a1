"""What the recording readers yield: a payload to validate, a skipped response, or a broken file.

Each value carries enough of its origin (file, interaction, request, status) that a
report can point the user at the exact recorded exchange without reopening the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from hsconform.findings import SourceLocation
from hsconform.jsontext import ParsedJSON

Kind = Literal["json", "jsonl", "cassette", "har"]

_ITEM_WORD = {"cassette": "interaction", "har": "entry"}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a recorded response comes from.

    ``index`` is the position in ``interactions`` (cassette) or ``log.entries`` (HAR),
    counted from 0 as in a JSON Pointer; ``line`` is the 1-based line where that
    interaction, entry or JSON Lines record starts in the file.
    """

    file: str
    kind: Kind
    index: int | None = None
    line: int | None = None
    method: str | None = None
    url: str | None = None
    status: int | None = None
    content_type: str | None = None

    def __str__(self) -> str:
        parts = [self.file if self.line is None else f"{self.file}:{self.line}"]
        if self.index is not None:
            parts.append(f"{_ITEM_WORD.get(self.kind, 'record')} {self.index}")
        if self.method:
            parts.append(self.method)
        if self.url:
            parts.append(self.url)
        if self.status is not None:
            parts.append(f"-> {self.status}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Recording:
    """A JSON response body to validate.

    ``payload`` positions (``payload.locate``) are inside the body text. For a plain
    JSON file that is the file itself; for JSON Lines it is one line; for cassettes
    and HAR the body is an escaped string inside the file, so :meth:`source` maps a
    finding to the line where that string starts (``body_line``).
    """

    origin: Origin
    payload: ParsedJSON
    body_line: int | None = None

    def source(self, pointer: str) -> SourceLocation:
        """Where the value at ``pointer`` (JSON Pointer into the payload) sits in the file."""
        position = self.payload.locate(pointer)
        kind = self.origin.kind
        if kind == "json" and position is not None:
            return SourceLocation(self.origin.file, position[0], position[1])
        if kind == "jsonl":
            column = position[1] if position is not None else None
            return SourceLocation(self.origin.file, self.origin.line, column)
        return SourceLocation(self.origin.file, self.body_line or self.origin.line, None)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A recorded response that is not a JSON payload, with the reason.

    ``code`` is stable (``HSC-R-...``) so a caller can decide which skips matter:
    ``HSC-R-NOT-JSON`` with a JSON content type, for instance, means the server
    declared JSON and sent something else.
    """

    origin: Origin
    reason: str
    code: str = "HSC-R-NOT-JSON"

    def __str__(self) -> str:
        return f"{self.origin}: skipped [{self.code}] {self.reason}"


Part = Literal["interaction", "entry", "record"]


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file (or one record or interaction of it) that cannot be read at all, located.

    When one response of a file is unreadable, ``part`` says what it is (a cassette's
    ``interaction``, a HAR ``entry``, a JSON Lines ``record``) and ``index`` which one, so a
    report can point at it while the rest of the file is still checked.
    """

    file: str
    reason: str
    line: int | None = None
    column: int | None = None
    #: ``HSC-P-INVALID-JSON`` for text that is not JSON, ``HSC-R-UNREADABLE`` for the rest.
    code: str = "HSC-R-UNREADABLE"
    part: Part | None = None
    index: int | None = None
    #: A required part of the response is missing (a sign of a file cut short).
    incomplete: bool = False

    @property
    def where(self) -> str | None:
        """``interaction 3``, ``entry 0``, ``record 12``: the part that is unreadable, if one."""
        return None if self.part is None else f"{self.part} {self.index}"

    @property
    def message(self) -> str:
        """The reason, prefixed with the part of the file it concerns."""
        where = self.where
        return self.reason if where is None else f"{where}: {self.reason}"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


Item = Recording | Skipped | Unreadable


def url_problem(url: str | None) -> str | None:
    """Why a recorded request URL is no URL (``http://[::1``), or ``None`` when it is one.

    Routes and coverage split every URL; one that cannot be split is refused where it is read.
    """
    if url is None:
        return None
    try:
        urlsplit(url)
    except ValueError as error:
        shown = url if len(url) <= 80 else url[:80] + "..."
        return f"the request URL {shown!r} is not a URL ({error})"
    return None
