"""Reading JSON text: strict parsing, duplicate members, and where each value sits.

Parsing goes through the standard library (fast, exact big integers). The
position map (JSON Pointer -> line and column) comes from a separate iterative
scan that runs only when a location is needed, so valid files pay nothing for
it and no nesting depth can exhaust the Python stack.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hsconform.errors import PayloadError
from hsconform.limits import INTEGER_TOO_LONG, TOO_DEEP, LimitError, read_file
from hsconform.limits import describe as describe_limit

_TOKEN = re.compile(
    r"""[ \t\n\r]*(?:
        ("[^"\\]*(?:\\.[^"\\]*)*")                              # 1 string
      | (-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?) # 2 number
      | (true|false|null)                                     # 3 literal
      | ([{}\[\]:,])                                          # 4 punctuation
    )""",
    re.VERBOSE | re.DOTALL,
)
_SPACE = re.compile(r"[ \t\n\r]*")


def escape_pointer_token(token: str) -> str:
    """Escape one reference token for a JSON Pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    """The member name one JSON Pointer reference token stands for (RFC 6901)."""
    return token.replace("~1", "/").replace("~0", "~")


def resolve_pointer(document: Any, pointer: str) -> tuple[bool, Any]:
    """``(True, value)`` for the value a JSON Pointer designates, ``(False, None)`` if none."""
    node = document
    for token in pointer.split("/")[1:]:
        token = unescape_pointer_token(token)
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


@dataclass(frozen=True)
class TextMap:
    """Where each value of a JSON text starts, and what the scan noticed on the way."""

    offsets: dict[str, int]
    duplicates: tuple[str, ...]
    depth: int
    deepest_offset: int
    stop_offset: int | None
    line_starts: tuple[int, ...]

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """Line and column of the value at ``pointer``, or of its nearest ancestor."""
        while True:
            offset = self.offsets.get(pointer)
            if offset is not None:
                return self.line_column(offset)
            if not pointer:
                return None
            pointer = pointer.rpartition("/")[0]


#: Below this depth values are not mapped (their pointers would cost quadratic time);
#: they are located at their ancestor at this depth.
MAP_DEPTH = 1000


def scan(text: str) -> TextMap:
    """Map every value of a JSON text to its offset, iteratively.

    Stops quietly at the first token that is not JSON (``stop_offset``), so it
    can also be used to locate the problem in a text the parser refused.
    """
    offsets: dict[str, int] = {}
    duplicates: list[str] = []
    # frame: [is_object, pointer (None below MAP_DEPTH), index, key, seen keys]
    stack: list[list[Any]] = []
    state = "value"
    pos = 0
    depth = 0
    deepest_offset = 0
    stop_offset: int | None = None
    length = len(text)

    def child_pointer() -> str:
        if not stack:
            return ""
        frame = stack[-1]
        if frame[0]:
            return f"{frame[1]}/{escape_pointer_token(frame[3])}"
        return f"{frame[1]}/{frame[2]}"

    while True:
        if state == "after" and not stack:
            end = _SPACE.match(text, pos)
            pos = end.end() if end else pos
            if pos < length:
                stop_offset = pos
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            end = _SPACE.match(text, pos)
            stop_offset = end.end() if end else pos
            break
        start = match.start(match.lastindex or 0)
        pos = match.end()
        string, _number, _literal, punct = match.groups()
        if state in ("key", "key_or_end"):
            if punct == "}" and state == "key_or_end":
                stack.pop()
                state = "after"
                continue
            if string is None:
                stop_offset = start
                break
            frame = stack[-1]
            if frame[1] is not None:  # a mapped object: track its members
                key = json.loads(string)
                if key in frame[4]:
                    duplicates.append(f"{frame[1]}/{escape_pointer_token(key)}")
                frame[4].add(key)
                frame[3] = key
            state = "colon"
        elif state == "colon":
            if punct != ":":
                stop_offset = start
                break
            state = "value"
        elif state == "after":
            frame = stack[-1]
            if punct == ",":
                if frame[0]:
                    state = "key"
                else:
                    frame[2] += 1
                    state = "value"
            elif (punct == "}" and frame[0]) or (punct == "]" and not frame[0]):
                stack.pop()
                state = "after"
            else:
                stop_offset = start
                break
        else:  # "value" or "value_or_end"
            if punct == "]" and state == "value_or_end":
                stack.pop()
                state = "after"
                continue
            if punct not in (None, "{", "["):
                stop_offset = start
                break
            pointer = child_pointer() if len(stack) < MAP_DEPTH else None
            if pointer is not None:
                offsets[pointer] = start
            if punct is None:
                state = "after"
            else:
                stack.append([punct == "{", pointer, 0, "", set()])
                if len(stack) > depth:
                    depth, deepest_offset = len(stack), start
                state = "key_or_end" if punct == "{" else "value_or_end"
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    return TextMap(
        offsets=offsets,
        duplicates=tuple(duplicates),
        depth=depth,
        deepest_offset=deepest_offset,
        stop_offset=stop_offset,
        line_starts=tuple(line_starts),
    )


@dataclass(frozen=True)
class ParsedJSON:
    """A JSON value together with the text it came from, for locating findings."""

    value: Any
    text: str
    file: str
    has_duplicates: bool = False
    _map: list[TextMap] = field(default_factory=list, repr=False, compare=False)

    @property
    def text_map(self) -> TextMap:
        """The position map, computed on first use."""
        if not self._map:
            self._map.append(scan(self.text))
        return self._map[0]

    @property
    def duplicates(self) -> tuple[str, ...]:
        """JSON Pointers of members that appear more than once in their object."""
        return self.text_map.duplicates if self.has_duplicates else ()

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """Line and column of the value at ``pointer`` (or its nearest ancestor)."""
        if not self._map and not self.has_duplicates:
            offset = _value_offset(self.text, pointer)
            if offset is not None:
                return _line_column(self.text, offset)
        return self.text_map.locate(pointer)


#: Reads one JSON value at an offset, at C speed: ``(value, end)``.
_SCAN_ONCE: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _value_offset(text: str, pointer: str) -> int | None:
    """Where the value at ``pointer`` (or its nearest ancestor) starts, found without a map.

    Walks down the pointer, stepping over sibling values with the standard library's scanner,
    so one finding in a long text costs a few skips, not a scan of every token. Agrees with
    the position map for a text without duplicate members (the map's last-one-wins choice
    below a duplicate is the map's to make); ``None`` if the text cannot be walked.
    """
    try:
        found = pos = _skip_space(text, 0)
        for token in pointer.split("/")[1:MAP_DEPTH]:
            child = _child_offset(text, pos, token)
            if child is None:
                break
            found = pos = child
    except (IndexError, ValueError, RecursionError, StopIteration):
        return None
    return found


def _child_offset(text: str, pos: int, token: str) -> int | None:
    """Offset of the member or item ``token`` names in the container starting at ``pos``."""
    opener = text[pos]
    if opener not in "{[":
        return None
    closer = "}" if opener == "{" else "]"
    pos = _skip_space(text, pos + 1)
    index = 0
    while text[pos] != closer:
        if opener == "{":
            key, pos = _SCAN_ONCE(text, pos)
            pos = _skip_space(text, _skip_space(text, pos) + 1)  # past the colon
            name = escape_pointer_token(key)
        else:
            name = str(index)
        if name == token:
            return pos
        pos = _skip_space(text, _SCAN_ONCE(text, pos)[1])
        if text[pos] == ",":
            pos = _skip_space(text, pos + 1)
        index += 1
    return None


def _skip_space(text: str, pos: int) -> int:
    space = _SPACE.match(text, pos)
    return space.end() if space else pos


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (as :meth:`TextMap.line_column`)."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _ConstantError(ValueError):
    """A non-JSON constant (NaN, Infinity) met by the parser."""


def _refuse_constant(name: str) -> Any:
    raise _ConstantError(name)


def parse_json_text(text: str, file: str) -> ParsedJSON:
    """Parse JSON text strictly; raise :class:`PayloadError` with line and column if it is not JSON.

    Refuses ``NaN``/``Infinity`` and nesting too deep for the parser;
    duplicate members are kept (last one wins, as everywhere) and flagged.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    saw_duplicates: list[bool] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            saw_duplicates.append(True)
        return result

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise PayloadError(file, f"invalid JSON: {error.msg}", error.lineno, error.colno) from error
    except _ConstantError as constant:
        text_map = scan(text)
        line, column = _stop_position(text_map, text)
        raise PayloadError(
            file, f"invalid JSON: {constant} is not a JSON value", line, column
        ) from constant
    except RecursionError:
        text_map = scan(text)
        line, column = text_map.line_column(text_map.deepest_offset)
        raise PayloadError(
            file,
            f"JSON nested {text_map.depth} levels deep is more than the parser supports",
            line,
            column,
            code=TOO_DEEP,
        ) from None
    except ValueError as error:  # CPython refuses integers longer than its digit limit
        raise _long_integer(text, file) from error
    return ParsedJSON(value=value, text=text, file=file, has_duplicates=bool(saw_duplicates))


def _long_integer(text: str, file: str) -> PayloadError:
    """The first integer longer than the interpreter converts, located (its digits counted)."""
    limit = sys.get_int_max_str_digits()
    pos = 0
    while limit:
        match = _TOKEN.match(text, pos)
        if match is None:
            break
        pos = match.end()
        number = match.group(2)
        digits = len(number.lstrip("-")) if number is not None else 0
        if number is not None and number.lstrip("-").isdigit() and digits > limit:
            line, column = _line_column(text, match.start(2))
            message = f"an integer of {digits} digits is longer than {describe_digits(limit)}"
            return PayloadError(file, message, line, column, code=INTEGER_TOO_LONG)
    return PayloadError(file, "invalid JSON: a number the parser refuses", code=INTEGER_TOO_LONG)


def describe_digits(limit: int) -> str:
    """``the limit of 4300 digits (raise it with ...)``."""
    return f"the limit of {describe_limit('integer_digits', limit)}".replace(" (", " digits (", 1)


def _stop_position(text_map: TextMap, text: str) -> tuple[int, int]:
    offset = text_map.stop_offset if text_map.stop_offset is not None else len(text)
    return text_map.line_column(offset)


def read_json_file(path: Path, display: str | None = None) -> ParsedJSON:
    """Read and parse a JSON file; every failure is a :class:`PayloadError` naming the file."""
    name = display or str(path)
    try:
        data = read_file(path)
    except OSError as error:
        raise PayloadError(
            name, f"cannot read file: {error.strerror or error}", None, None
        ) from error
    except LimitError as error:
        raise PayloadError(name, error.message, code=error.code) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise PayloadError(name, "file is not UTF-8 text", line, column) from error
    return parse_json_text(text, name)
