"""Turning a recorded response body into JSON text, whatever the recorder did to it.

Recorders disagree about compression: some keep the compressed bytes (VCR.py over
``http.client``), some keep the decoded text but also the ``Content-Encoding`` header
(VCR.py over urllib3 2, browsers' HAR exports). The header therefore cannot be trusted;
the bytes are sniffed instead: gzip and zlib announce themselves, text that already
looks like JSON is taken as it is, and brotli and raw deflate (which have no magic
number) are tried last, accepted only when they yield JSON-looking text.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from hsconform.codes import INSTALL_COMMANDS
from hsconform.errors import PayloadError
from hsconform.jsontext import ParsedJSON, parse_json_text
from hsconform.limits import TOO_LARGE, current, describe

_JSON_START = frozenset('{["-0123456789tfn')
_SPACE = " \t\r\n\ufeff"


def _load_brotli() -> ModuleType | None:
    try:
        return importlib.import_module("brotli")
    except ImportError:
        return None


_BROTLI = _load_brotli()


@dataclass(frozen=True, slots=True)
class BodySkip:
    """Why a body is not a JSON payload (becomes a ``Skipped``)."""

    code: str
    reason: str
    #: The recording lacks the body altogether (a cut-off cassette looks like this).
    missing: bool = False
    #: A limit was hit (size, digits, depth): the response is unreadable, not merely skipped.
    limit: bool = False


@dataclass(frozen=True, slots=True)
class Headers:
    """The few response headers the readers need, names folded to lower case."""

    content_type: str | None = None
    content_encoding: tuple[str, ...] = ()

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Headers:
        """Collect ``Content-Type`` and ``Content-Encoding`` from (name, value) pairs."""
        content_type: str | None = None
        codings: list[str] = []
        for name, value in pairs:
            folded = name.strip().lower()
            if folded == "content-type" and content_type is None:
                content_type = value.strip()
            elif folded == "content-encoding":
                codings.extend(c.strip().lower() for c in value.split(",") if c.strip())
        return cls(content_type, tuple(codings))


def media_type(content_type: str | None) -> str:
    """``application/json`` of ``application/json; charset=utf-8``, lower case."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json_media_type(media: str) -> bool:
    """JSON by RFC 8259 or a structured ``+json`` suffix (RFC 6839)."""
    return media in ("application/json", "text/json") or media.endswith("+json")


def charset_of(content_type: str | None) -> str:
    """The ``charset`` parameter, UTF-8 when absent (RFC 8259 requires UTF-8 anyway)."""
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"'):
            return value.strip().strip('"')
    return "utf-8"


def body_from_bytes(data: bytes, headers: Headers, file: str) -> ParsedJSON | BodySkip:
    """Parse a body recorded as bytes: skip non-JSON, decompress by sniffing, decode, parse."""
    early = _precheck(data.strip(b" \t\r\n"), headers)
    if early is not None:
        return early
    charset = charset_of(headers.content_type)
    try:
        b" ".decode(charset)  # also refuses codecs that are not text encodings (base64, zlib)
    except (LookupError, ValueError):
        return BodySkip("HSC-R-CHARSET", f"unknown charset {charset!r} in the content type")
    text = _decoded_text(data, headers.content_encoding, charset)
    if isinstance(text, BodySkip):
        return text
    return body_from_text(text, headers, file)


def body_from_text(text: str, headers: Headers, file: str) -> ParsedJSON | BodySkip:
    """Parse a body recorded as text (already decoded by the recorder)."""
    early = _precheck(text.strip(_SPACE), headers)
    if early is not None:
        return early
    declared = media_type(headers.content_type)
    try:
        return parse_json_text(text, file)
    except PayloadError as error:
        if error.code is not None:
            where = f" at {error.line}:{error.column} of the body" if error.line is not None else ""
            return BodySkip(error.code, f"{error.reason}{where}", limit=True)
        if declared and not is_json_media_type(declared):
            # an HTML page, a text error: not a payload at all
            return BodySkip("HSC-R-NOT-JSON-CONTENT-TYPE", f"content type {declared} is not JSON")
        said = f"declared {declared} but " if declared else ""
        where = f" at {error.line}:{error.column} of the body" if error.line is not None else ""
        return BodySkip("HSC-R-NOT-JSON", f"{said}the body is not JSON: {error.reason}{where}")


def _precheck(stripped: bytes | str, headers: Headers) -> BodySkip | None:
    # A body labelled with another content type is still parsed: JSON sent as text/plain is a
    # payload with an HTTP problem (reported by the checker), an HTML page is skipped.
    if not stripped:
        return BodySkip("HSC-R-EMPTY-BODY", "empty body")
    limit = current().body_size
    if len(stripped) > limit:
        return BodySkip(
            TOO_LARGE, f"body is larger than {describe('body_size', limit)}", limit=True
        )
    return None


def _looks_like_json(text: str) -> bool:
    return text.lstrip(_SPACE)[:1] in _JSON_START


Decoder = Callable[[bytes], "bytes | BodySkip"]


@dataclass(frozen=True, slots=True)
class _Attempt:
    """One way to read the body; ``trusted`` when the bytes or the header vouch for it."""

    name: str
    decode: Decoder
    trusted: bool


def _decoded_text(data: bytes, codings: tuple[str, ...], charset: str) -> str | BodySkip:
    """The body as text, preferring the first decoding that yields JSON-looking text."""
    failures: list[BodySkip] = []
    fallback: str | None = None
    for attempt in _attempts(data, codings):
        raw = attempt.decode(data)
        if isinstance(raw, BodySkip) and raw.limit:
            return raw  # stopped at the limit: no other reading may inflate it again
        if isinstance(raw, BodySkip):
            if attempt.trusted:
                failures.append(raw)
            continue
        try:
            text = raw.decode(charset)
        except (LookupError, ValueError) as error:
            if attempt.trusted:
                failures.append(_charset_skip(attempt.name, charset, error))
            continue
        if _looks_like_json(text):
            return text
        if attempt.trusted and fallback is None:
            fallback = text  # text, just not JSON: the parser will say where
    if fallback is not None:
        return fallback
    return failures[0] if failures else BodySkip("HSC-R-BINARY-BODY", "binary body")


def _attempts(data: bytes, codings: tuple[str, ...]) -> list[_Attempt]:
    """Decoders in order: self-identifying formats, what the header says, as is, guesses."""
    attempts = []
    if data[:2] == b"\x1f\x8b":
        attempts.append(_Attempt("gzip", _gunzip, trusted=True))
    if _has_zlib_header(data):
        attempts.append(_Attempt("deflate", _inflate_zlib, trusted=True))
    guesses = [("br", _unbrotli), ("deflate", _inflate_raw)]
    attempts.extend(_Attempt(n, d, trusted=True) for n, d in guesses if n in codings)
    attempts.append(_Attempt("identity", _identity, trusted=True))
    attempts.extend(_Attempt(n, d, trusted=False) for n, d in guesses if n not in codings)
    return attempts


def _charset_skip(name: str, charset: str, error: Exception) -> BodySkip:
    where = f" (byte {error.start})" if isinstance(error, UnicodeDecodeError) else ""
    if name != "identity":
        return BodySkip("HSC-R-CHARSET", f"{name} body is not {charset} text{where}")
    hint = "" if _BROTLI is not None else f" (if it is brotli: {INSTALL_COMMANDS['brotli']})"
    return BodySkip(
        "HSC-R-BINARY-BODY",
        f"binary body: not {charset} text{where}, nor gzip, deflate or brotli data{hint}",
    )


def _identity(data: bytes) -> bytes:
    return data


def _has_zlib_header(data: bytes) -> bool:
    """RFC 1950: deflate method, window at most 32K, header checksum divisible by 31."""
    if len(data) < 2:
        return False
    cmf, flg = data[0], data[1]
    return cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf * 256 + flg) % 31 == 0


def _too_large(name: str, limit: int) -> BodySkip:
    """A body that inflates past the body-size limit: decompression stopped there."""
    reason = f"{name} body inflates past {describe('body_size', limit)}"
    return BodySkip(TOO_LARGE, reason, limit=True)


def _inflate(data: bytes, wbits: int, name: str) -> bytes | BodySkip:
    """Decompress a zlib-family stream completely, refusing bombs and trailing garbage.

    Decompression stops one byte past the body-size limit, so a bomb costs no more than it.
    """
    max_body = current().body_size
    out: list[bytes] = []
    size = 0
    while data:
        engine = zlib.decompressobj(wbits)
        try:
            chunk = engine.decompress(data, max_body - size + 1)
        except zlib.error as error:
            return BodySkip("HSC-R-BAD-COMPRESSION", f"{name} body cannot be decompressed: {error}")
        size += len(chunk)
        out.append(chunk)
        if size > max_body:
            return _too_large(name, max_body)
        if not engine.eof:
            return BodySkip("HSC-R-BAD-COMPRESSION", f"{name} body is truncated")
        data = engine.unused_data
        if name != "gzip" or data[:2] != b"\x1f\x8b":  # gzip may hold several members
            if data.strip(b"\0"):
                return BodySkip("HSC-R-BAD-COMPRESSION", f"{name} body has trailing bytes")
            break
    return b"".join(out)


def _gunzip(data: bytes) -> bytes | BodySkip:
    return _inflate(data, zlib.MAX_WBITS | 16, "gzip")


def _inflate_zlib(data: bytes) -> bytes | BodySkip:
    return _inflate(data, zlib.MAX_WBITS, "deflate")


def _inflate_raw(data: bytes) -> bytes | BodySkip:
    return _inflate(data, -zlib.MAX_WBITS, "deflate")


def _unbrotli(data: bytes) -> bytes | BodySkip:
    if _BROTLI is None:
        return BodySkip(
            "HSC-R-BROTLI-MISSING",
            f"brotli-compressed body: {INSTALL_COMMANDS['brotli']} to read it",
        )
    brotli: Any = _BROTLI
    max_body = current().body_size
    engine = brotli.Decompressor()
    try:
        try:
            out: bytes = engine.process(data, output_buffer_limit=max_body + 1)
        except TypeError:  # brotli < 1.2 has no output limit
            out = engine.process(data)
    except brotli.error as error:
        return BodySkip("HSC-R-BAD-COMPRESSION", f"br body cannot be decompressed: {error}")
    if len(out) > max_body:
        return _too_large("br", max_body)
    if not engine.is_finished():
        return BodySkip("HSC-R-BAD-COMPRESSION", "br body is truncated")
    return out
