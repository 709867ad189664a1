"""Reading recorded HubSpot traffic: JSON, JSON Lines, VCR.py cassettes and HAR archives.

:func:`read_recordings` turns a file (or a folder of them) into a stream of
:class:`Recording` (a JSON body to validate, with its :class:`Origin`), :class:`Skipped`
(a response that is not a JSON payload, with the reason) and :class:`Unreadable` (a
broken file or record, located). It never raises on bad input: a team's CI must get a
report, not a traceback, whatever a recorder wrote.

The reader is picked by extension, then by content:

- ``.jsonl`` / ``.ndjson``: one payload per line; a bad line is ``Unreadable`` on its own;
- ``.har``: HAR 1.2; ``.json`` holding ``{"log": {"entries": [...]}}`` too;
- ``.yaml`` / ``.yml``: VCR.py cassettes (also the pytest-recording layout
  ``cassettes/<module>/<test>.yaml``); ``.json`` holding ``interactions`` too;
- any other ``.json``: one plain payload;
- anything else: JSON when it starts like JSON, else a YAML cassette.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from hsconform.errors import PayloadError
from hsconform.jsontext import parse_json_text
from hsconform.limits import (
    TOO_LARGE,
    LimitError,
    current,
    describe,
    read_file,
    refuse_irregular,
)
from hsconform.recordings._cassette import read_cassette
from hsconform.recordings._har import is_har, read_har
from hsconform.recordings._model import Item, Kind, Origin, Recording, Skipped, Unreadable
from hsconform.recordings._streams import JSONL_ENDINGS, READ_ERRORS, is_jsonl, open_lines
from hsconform.recordings._yaml import YAMLProblem, load_yaml

__all__ = [
    "JSONL_ENDINGS",
    "RECORDING_SUFFIXES",
    "Item",
    "Kind",
    "Origin",
    "Recording",
    "Skipped",
    "Unreadable",
    "find_recording_files",
    "is_jsonl",
    "jsonl_lines",
    "jsonl_record",
    "open_lines",
    "read_recordings",
]

#: File name endings :func:`find_recording_files` collects from a folder.
RECORDING_SUFFIXES = (".json", ".jsonl", ".ndjson", ".har", ".yaml", ".yml")

_YAML = (".yaml", ".yml")


def find_recording_files(folder: Path) -> list[Path]:
    """Every recording file under ``folder``, recursively, in a stable (sorted) order."""
    found = (
        p for p in folder.rglob("*") if p.suffix.lower() in RECORDING_SUFFIXES or is_jsonl(p.name)
    )
    return sorted(p for p in found if p.is_file())


def read_recordings(path: Path, display: str | None = None) -> Iterator[Item]:
    """Every recorded response in ``path`` (a file, or a folder searched recursively).

    ``display`` is how the file is named in origins and messages (default: the path).
    Files are read one at a time; JSON Lines are streamed line by line.
    """
    name = display if display is not None else path.as_posix()
    if path.is_dir():
        for file in find_recording_files(path):
            yield from read_recordings(
                file, f"{name.rstrip('/')}/{file.relative_to(path).as_posix()}"
            )
        return
    suffix = path.suffix.lower()
    if is_jsonl(path.name):
        yield from _read_jsonl(path, name)
        return
    try:
        data = read_file(path)
    except OSError as error:
        yield Unreadable(name, f"cannot read file: {error.strerror or error}")
        return
    except LimitError as error:
        yield Unreadable(name, error.message, code=error.code)
        return
    if suffix in _YAML or (suffix not in (".json", ".har") and not _starts_like_json(data)):
        yield from _read_yaml(data, name)
    else:
        yield from _read_json(data, name, har_only=suffix == ".har")


def _starts_like_json(data: bytes) -> bool:
    return data.lstrip(b" \t\r\n").removeprefix(b"\xef\xbb\xbf")[:1] in (b"{", b"[")


def _read_yaml(data: bytes, name: str) -> Iterator[Item]:
    try:
        document, locate = load_yaml(data)
    except YAMLProblem as problem:
        code = problem.code or "HSC-R-UNREADABLE"
        yield Unreadable(name, problem.message, problem.line, problem.column, code)
        return
    yield from read_cassette(document, locate, name)


def _read_json(data: bytes, name: str, *, har_only: bool) -> Iterator[Item]:
    text = _utf8(data, name)
    if isinstance(text, Unreadable):
        yield text
        return
    try:
        parsed = parse_json_text(text, name)
    except PayloadError as error:
        code = error.code or "HSC-P-INVALID-JSON"
        yield Unreadable(name, error.reason, error.line, error.column, code)
        return
    value = parsed.value
    if har_only or is_har(value):
        yield from read_har(parsed, name)
    elif isinstance(value, dict) and isinstance(value.get("interactions"), list):
        yield from read_cassette(value, parsed.locate, name)
    else:
        yield Recording(Origin(name, "json"), parsed)


def _read_jsonl(path: Path, name: str) -> Iterator[Item]:
    """Each record in turn; a record longer than the body-size limit is cut, not held."""
    for number, raw in jsonl_lines(path, name):
        item = raw if isinstance(raw, Unreadable) else jsonl_record(raw, number, name)
        if item is not None:
            yield item


def jsonl_lines(path: Path, name: str) -> Iterator[tuple[int, bytes | Unreadable]]:
    """The raw lines of a JSON Lines file with their numbers, decompressed as they are read.

    A record longer than the body-size limit is an ``Unreadable`` (read and dropped a chunk
    at a time, never held); a file that cannot be read (or stops being readable) ends with one.
    """
    limit = current().body_size
    number = 0
    try:
        refuse_irregular(path)
        with open_lines(path) as stream:
            while raw := stream.readline(limit + 1):
                number += 1
                if len(raw) > limit and not raw.endswith(b"\n"):
                    while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # the rest of the record, read and dropped a chunk at a time
                    message = f"record is longer than {describe('body_size', limit)}"
                    yield number, Unreadable(name, message, number, 1, TOO_LARGE, "record", number)
                    continue
                yield number, raw
    except READ_ERRORS as error:
        reason = getattr(error, "strerror", None) or error
        yield number + 1, Unreadable(name, f"cannot read file: {reason}")
    except LimitError as error:
        yield number + 1, Unreadable(name, error.message, code=error.code)


def jsonl_record(raw: bytes, number: int, name: str) -> Item | None:
    """Line ``number`` of a JSON Lines file; ``None`` for a blank line (allowed, skipped)."""
    line = raw.rstrip(b"\r\n")
    if number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")
    if not line.strip(b" \t"):
        return None
    text = _utf8(line, name, first_line=number)
    if isinstance(text, Unreadable):
        return text
    try:
        parsed = parse_json_text(text, name)
    except PayloadError as error:
        code = error.code or "HSC-P-INVALID-JSON"
        return Unreadable(name, error.reason, number, error.column, code, "record", number)
    return Recording(Origin(name, "jsonl", line=number), parsed)


def _utf8(data: bytes, name: str, first_line: int = 1) -> str | Unreadable:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = first_line + before.count(b"\n")
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return Unreadable(name, "file is not UTF-8 text", line, column)
