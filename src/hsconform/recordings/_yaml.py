"""Loading YAML cassettes safely, keeping where each node starts.

Only PyYAML's safe constructors run. The ``!!python/str``/``unicode``/``tuple`` tags of old
cassettes are plain data and are read as such; every other ``!!python/...`` tag becomes a
:class:`Refused` marker, so nothing is ever imported or called, and the reader turns a
marker it meets where it needs data into an ``Unreadable``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from hsconform.jsontext import describe_digits, escape_pointer_token
from hsconform.limits import INTEGER_TOO_LONG

#: Deeper YAML is refused before composing: libyaml's composer recurses in C and a very
#: deep document would overflow the stack (a cassette is about six levels deep).
MAX_DEPTH = 200

Locate = Callable[[str], "tuple[int, int] | None"]


@dataclass(frozen=True, slots=True)
class Refused:
    """A ``!!python/...`` node that was not constructed."""

    tag: str
    line: int
    column: int


class YAMLProblem(Exception):  # noqa: N818 - a problem report, raised only internally
    """The text is not YAML hsconform will read; carries a 1-based position when known."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        #: The finding code when a limit was hit rather than YAML broken.
        self.code = code


_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _make_loader(base: Any) -> Any:
    """A safe loader class that reads old cassettes' benign Python tags and refuses the rest."""

    class CassetteLoader(base):  # type: ignore[misc]
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            """A node, or a located problem where the safe constructors raise ValueError.

            An integer past the digit limit, a date that does not exist: never a traceback.
            """
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as error:
                raise _value_problem(node, error) from error

    def plain_string(loader: Any, node: yaml.Node) -> Any:
        return loader.construct_scalar(node)

    def plain_tuple(loader: Any, node: yaml.Node) -> Any:
        return tuple(loader.construct_sequence(node))

    def refuse(loader: Any, suffix: str, node: yaml.Node) -> Refused:
        mark = node.start_mark
        return Refused(f"!!python/{suffix}", mark.line + 1, mark.column + 1)

    for tag in ("str", "unicode"):
        CassetteLoader.add_constructor(f"tag:yaml.org,2002:python/{tag}", plain_string)
    CassetteLoader.add_constructor("tag:yaml.org,2002:python/tuple", plain_tuple)
    CassetteLoader.add_multi_constructor("tag:yaml.org,2002:python/", refuse)
    return CassetteLoader


_PY_LOADER = _make_loader(yaml.SafeLoader)
_FAST_LOADER = _make_loader(_C_LOADER) if _C_LOADER is not None else None


def load_yaml(data: bytes) -> tuple[Any, Locate]:
    """The document and a function from JSON Pointer to its (line, column); raise YAMLProblem."""
    loader_class = _FAST_LOADER or _PY_LOADER
    try:
        _check_depth(data, fast=_FAST_LOADER is not None)
        loader = loader_class(data)
        try:
            node = _single_node(loader)
            value = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        raise _problem(error) from error
    except yaml.reader.ReaderError as error:
        line, column = _byte_position(data, error.position)
        raise YAMLProblem(f"file is not UTF-8 text: {error.reason}", line, column) from error
    except yaml.YAMLError as error:
        raise YAMLProblem(f"invalid YAML: {error}") from error
    except RecursionError:
        raise YAMLProblem("YAML nested too deeply to read") from None
    return value, _locator(node)


def _single_node(loader: Any) -> Any:
    """The one document of the stream; a second document or none is a problem in our words."""
    if not loader.check_node():
        raise YAMLProblem("empty YAML document", 1, 1)
    node = loader.get_node()
    if loader.check_node():
        line, column = _position(loader.peek_event().start_mark)
        raise YAMLProblem("a second YAML document: a cassette is a single document", line, column)
    return node


def _check_depth(data: bytes, *, fast: bool) -> None:
    """Refuse documents nested deeper than MAX_DEPTH, in our words and with a position.

    libyaml refuses deep nesting itself, in words that change between releases, and its
    scanner fails before yielding the events that would show the depth. When it fails, the
    pure-Python parser, which yields events lazily, walks the same text to find out whether
    the nesting was the cause; any other problem is reported by the load that follows.
    """
    if not fast:
        _walk_depth(yaml.parse(data, Loader=yaml.SafeLoader))
        return
    try:
        _walk_depth(yaml.parse(data, Loader=_C_LOADER))
    except yaml.YAMLError:
        with contextlib.suppress(yaml.YAMLError):
            _walk_depth(yaml.parse(data, Loader=yaml.SafeLoader))
        raise


def _walk_depth(events: Any) -> None:
    """Raise YAMLProblem at the first collection nested deeper than MAX_DEPTH."""
    depth = 0
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in events:
        if isinstance(event, starts):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(event.start_mark)
                message = f"YAML nested more than {MAX_DEPTH} levels deep: not a cassette"
                raise YAMLProblem(message, line, column)
        elif isinstance(event, ends):
            depth -= 1


def _value_problem(node: yaml.Node, error: Exception) -> YAMLProblem:
    line, column = _position(node.start_mark)
    value = str(getattr(node, "value", ""))
    digits = value.lstrip("+-").replace("_", "")
    limit = sys.get_int_max_str_digits()
    if node.tag == "tag:yaml.org,2002:int" and len(digits) > limit:
        message = f"an integer of {len(digits)} digits is longer than {describe_digits(limit)}"
        return YAMLProblem(message, line, column, INTEGER_TOO_LONG)
    what = node.tag.rpartition(":")[2]
    return YAMLProblem(f"invalid YAML {what}: {short_text(value)}", line, column)


def short_text(value: str, size: int = 40) -> str:
    """A value shown in a message: quoted, cut to ``size`` characters."""
    return repr(value if len(value) <= size else value[:size] + "...")


def _problem(error: yaml.MarkedYAMLError) -> YAMLProblem:
    mark = error.problem_mark or error.context_mark
    what = " ".join(part for part in (error.context, error.problem) if part)
    message = f"invalid YAML: {what or error}"
    return YAMLProblem(message, *_position(mark))


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _position(mark: Any) -> tuple[int | None, int | None]:
    """1-based line and column of a PyYAML mark (0-based), if there is one."""
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _locator(root: yaml.Node) -> Locate:
    """Where the node at a JSON Pointer starts (or its nearest ancestor that exists)."""

    def locate(pointer: str) -> tuple[int, int] | None:
        node = root
        for token in pointer.split("/")[1:] if pointer else ():
            child = _child(node, token)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    return locate


def _child(node: yaml.Node, token: str) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode):
        if token.isdigit() and int(token) < len(node.value):
            child: yaml.Node = node.value[int(token)]
            return child
        return None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and escape_pointer_token(str(key.value)) == token:
                found: yaml.Node = value
                return found
    return None
