"""HAR 1.2 archives (browser and proxy exports) -> one item per ``log.entries[i]``.

A HAR keeps the decoded response text in ``response.content.text`` (base64 when
``content.encoding`` is ``base64``, for bodies that are not text) while the headers keep
the server's ``Content-Encoding``: the body is sniffed, never decompressed on the
header's word.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from typing import Any

from hsconform.jsontext import ParsedJSON
from hsconform.recordings._body import BodySkip, Headers, body_from_bytes, body_from_text
from hsconform.recordings._model import (
    Item,
    Origin,
    Recording,
    Skipped,
    Unreadable,
    url_problem,
)

NOT_A_HAR = 'not a HAR file: expected {"log": {"entries": [...]}} (HAR 1.2)'


def is_har(value: Any) -> bool:
    """Whether a JSON document has the shape of a HAR archive."""
    log = value.get("log") if isinstance(value, dict) else None
    return isinstance(log, dict) and isinstance(log.get("entries"), list)


def read_har(document: ParsedJSON, file: str) -> Iterator[Item]:
    """Each entry of a parsed HAR document, as a Recording, Skipped or Unreadable."""
    if not is_har(document.value):
        line, column = document.locate("/log") or (None, None)
        yield Unreadable(file, NOT_A_HAR, line, column)
        return
    for index, entry in enumerate(document.value["log"]["entries"]):
        yield _entry(entry, index, document, file)


def _entry(entry: Any, index: int, document: ParsedJSON, file: str) -> Item:
    base = f"/log/entries/{index}"
    line = (document.locate(base) or (None, None))[0]
    response = entry.get("response") if isinstance(entry, dict) else None
    if not isinstance(response, dict):
        return Unreadable(file, "no response object", line, None, part="entry", index=index)
    request = entry.get("request")
    bad_url = url_problem(_request(request)[1])
    if bad_url is not None:
        url_line, column = document.locate(f"{base}/request/url") or (line, None)
        return Unreadable(file, bad_url, url_line, column, part="entry", index=index)
    content = response.get("content")
    headers = _headers(response.get("headers"), content)
    origin = Origin(
        file,
        "har",
        index,
        line,
        *_request(request),
        _status(response.get("status")),
        headers.content_type,
    )
    text_line = (document.locate(f"{base}/response/content/text") or (None, None))[0]
    if not isinstance(content, dict) or content.get("text") is None:
        return Skipped(origin, "no response body in the archive", "HSC-R-EMPTY-BODY")
    parsed = _content(content, headers, file)
    if isinstance(parsed, Unreadable):
        return Unreadable(file, parsed.message, text_line, None, part="entry", index=index)
    if isinstance(parsed, BodySkip) and parsed.limit:
        return Unreadable(file, parsed.reason, text_line, None, parsed.code, "entry", index)
    if isinstance(parsed, BodySkip):
        return Skipped(origin, parsed.reason, parsed.code)
    return Recording(origin, parsed, text_line)


def _content(
    content: dict[str, Any], headers: Headers, file: str
) -> ParsedJSON | BodySkip | Unreadable:
    text = content.get("text")
    encoding = content.get("encoding")
    if not isinstance(text, str):
        return Unreadable(file, "response.content.text is not a string")
    if encoding is None or encoding == "":
        return body_from_text(text, headers, file)
    if not isinstance(encoding, str) or encoding.lower() != "base64":
        return BodySkip("HSC-R-NOT-JSON", f"unknown response.content.encoding {encoding!r}")
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return Unreadable(file, "response.content.text is not valid base64")
    return body_from_bytes(data, headers, file)


def _headers(headers: Any, content: Any) -> Headers:
    pairs: list[tuple[str, str]] = []
    if isinstance(headers, list):
        for header in headers:
            if isinstance(header, dict):
                name, value = header.get("name"), header.get("value")
                if isinstance(name, str) and isinstance(value, str):
                    pairs.append((name, value))
    parsed = Headers.from_pairs(pairs)
    mime = content.get("mimeType") if isinstance(content, dict) else None
    if parsed.content_type is None and isinstance(mime, str) and mime.strip():
        return Headers(mime.strip(), parsed.content_encoding)
    return parsed


def _request(request: Any) -> tuple[str | None, str | None]:
    if not isinstance(request, dict):
        return None, None
    method, url = request.get("method"), request.get("url")
    return (
        method.upper() if isinstance(method, str) else None,
        url if isinstance(url, str) else None,
    )


def _status(status: Any) -> int | None:
    """HAR writes 0 for a request that got no response; that is not a status."""
    if isinstance(status, int) and not isinstance(status, bool) and status > 0:
        return status
    return None
