r"""What a report may contain, per format: payload values and file names never break a format.

Reports quote recorded payloads, URLs, file names and pack names, none of which anybody
reviewed. A terminal must not obey an ESC sequence from a payload (it could repaint a CI log),
an XML parser must not meet a control character, and a lone surrogate (``"\udfff"`` is legal
JSON text) must not stop a UTF-8 stream halfway through a report. Each reporter writes through
the one sanitiser of its format, so no quoted value needs escaping at the place it is written:

- terminal text (text, Markdown, GitHub commands): control characters other than newline and
  tab, C1 controls, line and paragraph separators and lone surrogates are shown as ``\x1b``,
  ``\u2028``, ``\udfff``;
- XML (JUnit): the same, which also removes every character XML 1.0 forbids;
- JSON (JSON, SARIF): lone surrogates, C1 controls and separators as JSON escapes, so the value
  read back is the value written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TextIO, cast

#: Characters a terminal acts on or UTF-8 cannot encode (newline and tab are kept).
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
#: The same, plus the two non-characters XML 1.0 forbids.
_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
#: What ``json.dumps(..., ensure_ascii=False)`` leaves raw but a UTF-8 stream or a terminal
#: cannot take; it only ever occurs inside JSON strings, where an escape is the same value.
_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_text(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape."""
    return _TERMINAL.sub(_escape, text) if _TERMINAL.search(text) else text


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids (and terminal controls) as an escape."""
    return _XML.sub(_escape, text) if _XML.search(text) else text


def json_text(text: str) -> str:
    r"""JSON text with lone surrogates, C1 controls and separators escaped as ``\uXXXX``."""
    return _JSON.sub(_json_escape, text) if _JSON.search(text) else text


class _Cleaning:
    """A stream that passes everything written through a sanitiser first."""

    def __init__(self, stream: TextIO, clean: Callable[[str], str]) -> None:
        self._stream = stream
        self._clean = clean

    def write(self, text: str) -> int:
        return self._stream.write(self._clean(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def cleaned(stream: TextIO, clean: Callable[[str], str]) -> TextIO:
    """``stream``, with every write passed through ``clean`` (once: wrapping twice is a no-op)."""
    if isinstance(stream, _Cleaning) and stream._clean is clean:
        return cast(TextIO, stream)
    return cast(TextIO, _Cleaning(stream, clean))


def uri_path(path: str) -> bytes:
    """A file name as the bytes a URI percent-encodes: the original bytes of an undecodable name."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")
