"""VCR.py cassettes (YAML or JSON serialisation) -> one item per interaction.

The format is what vcrpy writes: ``{"version": 1, "interactions": [{"request": {"method",
"uri", "body", "headers"}, "response": {"status": {"code", "message"}, "headers": {name:
[values]}, "body": {"string": text | bytes}}}]}``. Bytes appear as ``!!binary`` in YAML;
the JSON serialiser cannot hold them at all. Cassettes of vcrpy's old httpx stubs
(``status_code``/``content``) and ``base64_string`` bodies are read too.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Mapping
from dataclasses import replace
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
from hsconform.recordings._yaml import Locate, Refused

NOT_A_CASSETTE = (
    "not a VCR cassette: expected a mapping with an 'interactions' list (vcrpy's format, version 1)"
)


def read_cassette(document: Any, locate: Locate, file: str) -> Iterator[Item]:
    """Each interaction of a loaded cassette document, as a Recording, Skipped or Unreadable."""
    interactions = document.get("interactions") if isinstance(document, dict) else None
    if not isinstance(interactions, list):
        yield _not_a_cassette(document, locate, file)
        return
    for index, interaction in enumerate(interactions):
        item = _interaction(interaction, index, locate, file)
        if isinstance(item, Unreadable) and index == len(interactions) - 1:
            item = _truncation_hint(item)
        yield item


def _truncation_hint(item: Unreadable) -> Unreadable:
    """A last interaction missing a part most likely means the file was cut."""
    if not item.incomplete:
        return item
    return replace(item, reason=f"{item.reason} (is the cassette truncated?)")


def _not_a_cassette(document: Any, locate: Locate, file: str) -> Unreadable:
    line, column = locate("") or (None, None)
    if _looks_like_old_cassette(document):
        message = (
            "cassette in vcrpy's pre-1.0 format (a bare list of interactions):"
            " re-record it, or migrate it with python -m vcr.migration"
        )
        return Unreadable(file, message, line, column)
    if isinstance(document, dict):
        line, column = locate("/interactions") or (line, column)
        keys = ", ".join(sorted(str(k) for k in document)[:6])
        return Unreadable(file, f"{NOT_A_CASSETTE}; found keys: {keys or 'none'}", line, column)
    found = type(document).__name__ if document is not None else "nothing"
    return Unreadable(file, f"{NOT_A_CASSETTE}; found {found}", line, column)


def _unreadable(
    file: str,
    index: int,
    reason: str,
    line: int | None,
    column: int | None,
    *,
    incomplete: bool = False,
) -> Unreadable:
    """One interaction that cannot be read; the rest of the cassette still is."""
    return Unreadable(
        file, reason, line, column, part="interaction", index=index, incomplete=incomplete
    )


def _looks_like_old_cassette(document: Any) -> bool:
    first = document[0] if isinstance(document, list) and document else None
    return isinstance(first, dict) and "request" in first and "response" in first


def _interaction(interaction: Any, index: int, locate: Locate, file: str) -> Item:
    base = f"/interactions/{index}"
    line = _line(locate, base)
    response = interaction.get("response") if isinstance(interaction, dict) else None
    if not isinstance(response, dict):
        return _unreadable(file, index, "no response mapping", *line, incomplete=True)
    request = interaction.get("request")
    refused = _refused_in(request, response)
    if refused is not None:
        reason = (
            f"refusing to construct {refused.tag} (an old cassette's Python object; re-record it)"
        )
        return _unreadable(file, index, reason, refused.line, refused.column)
    status = _status(response)
    if status is None:
        return _unreadable(file, index, "response has no status code", *line, incomplete=True)
    headers = _headers(response.get("headers"))
    method, url = _request(request)
    bad_url = url_problem(url)
    if bad_url is not None:
        return _unreadable(file, index, bad_url, *_line(locate, f"{base}/request/uri"))
    origin = Origin(file, "cassette", index, line[0], method, url, status, headers.content_type)
    body = _body(response)
    body_line = _line(locate, f"{base}/response/body/string")[0]
    return _item(origin, body, headers, body_line, index, file)


def _item(
    origin: Origin,
    body: str | bytes | BodySkip | None,
    headers: Headers,
    body_line: int | None,
    index: int,
    file: str,
) -> Item:
    if isinstance(body, BodySkip):
        return _unreadable(file, index, body.reason, body_line, None, incomplete=body.missing)
    if body is None:
        return Skipped(origin, "empty body (no body recorded)", "HSC-R-EMPTY-BODY")
    parsed = _parse(body, headers, file)
    if isinstance(parsed, BodySkip) and parsed.limit:
        return replace(_unreadable(file, index, parsed.reason, body_line, None), code=parsed.code)
    if isinstance(parsed, BodySkip):
        return Skipped(origin, parsed.reason, parsed.code)
    return Recording(origin, parsed, body_line)


def _parse(body: str | bytes, headers: Headers, file: str) -> ParsedJSON | BodySkip:
    """Sniff the bytes back: vcrpy stores bytes as text whenever they are valid UTF-8."""
    if isinstance(body, bytes):
        return body_from_bytes(body, headers, file)
    try:
        data = body.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: only a hand-written cassette has them
        return body_from_text(body, headers, file)
    return body_from_bytes(data, headers, file)


def _line(locate: Locate, pointer: str) -> tuple[int | None, int | None]:
    position = locate(pointer)
    return position if position is not None else (None, None)


def _refused_in(request: Any, response: dict[str, Any]) -> Refused | None:
    """A refused Python object where the reader needs data (never in request bodies)."""
    values: list[Any] = [response.get("status"), response.get("body")]
    if isinstance(request, dict):
        values += [request.get("method"), request.get("uri")]
    headers = response.get("headers")
    values += list(headers.values()) if isinstance(headers, dict) else [headers]
    for value in values:
        found = _first_refused(value)
        if found is not None:
            return found
    return None


def _first_refused(value: Any) -> Refused | None:
    """A refused node within two levels (status.code, body.string, header value lists)."""
    if isinstance(value, Refused):
        return value
    children: list[Any] = []
    if isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, (list, tuple)):
        children = list(value)
    for child in children:
        if isinstance(child, Refused):
            return child
        if isinstance(child, (list, tuple)):
            inner = next((v for v in child if isinstance(v, Refused)), None)
            if inner is not None:
                return inner
    return None


def _status(response: Mapping[str, Any]) -> int | None:
    status = response.get("status")
    code = status.get("code") if isinstance(status, dict) else response.get("status_code")
    if isinstance(code, str) and code.strip().isascii() and code.strip().isdigit():
        code = int(code)
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _headers(headers: Any) -> Headers:
    pairs: list[tuple[str, str]] = []
    if isinstance(headers, dict):
        for name, values in headers.items():
            for value in values if isinstance(values, (list, tuple)) else [values]:
                if isinstance(value, (str, int)) and not isinstance(value, bool):
                    pairs.append((str(name), str(value)))
    return Headers.from_pairs(pairs)


def _request(request: Any) -> tuple[str | None, str | None]:
    if not isinstance(request, dict):
        return None, None
    method, uri = request.get("method"), request.get("uri")
    return (
        method.upper() if isinstance(method, str) else None,
        uri if isinstance(uri, str) else None,
    )


def _body(response: Mapping[str, Any]) -> str | bytes | BodySkip | None:
    """The recorded body: text or bytes, None when absent; BodySkip when malformed."""
    if "body" not in response and "content" not in response:
        return BodySkip("HSC-R-NO-BODY", "response has no body", missing=True)
    body = response["body"] if "body" in response else response["content"]
    if isinstance(body, dict):
        if "base64_string" in body and body["base64_string"] is not None:
            return _base64(body["base64_string"])
        if "string" not in body:
            return BodySkip("HSC-R-NO-BODY", "response body has no 'string'", missing=True)
        body = body["string"]
    if body is None or isinstance(body, (str, bytes)):
        return body
    return BodySkip("HSC-R-NO-BODY", f"response body is a {type(body).__name__}, not text")


def _base64(value: Any) -> bytes | BodySkip:
    try:
        if isinstance(value, str):
            return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        pass
    return BodySkip("HSC-R-NO-BODY", "response body base64_string is not valid base64")
