"""Regenerate fixtures/recordings/: real vcrpy cassettes, hand-written HAR 1.2 and JSON Lines.

    pip install -e '.[record]'        # vcrpy, requests, brotli
    python scripts/record_fixtures.py

A local HTTP server on 127.0.0.1 (random port) answers HubSpot-shaped routes with the
payload fixtures of fixtures/payloads/, with the status, content type and compression
each scenario asks for. vcrpy records the exchanges (URLs rewritten to
https://api.hubapi.com, dates and server names fixed, Authorization filtered), so the
cassettes have vcrpy's real format. The broken files (truncated cassette, YAML that is
not a cassette, Python-tagged legacy cassette) are derived or written by hand.

Every expectation comes from fixtures/expected-findings.toml: a payload is always served
at a route whose type is the type its folder names, so its findings are the ones listed
there. The script writes fixtures/recordings/README.md and expected.toml from the same
table; rerunning it gives the same files.
"""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import sys
import threading
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import brotli
import requests
import vcr

import hsconform

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PAYLOADS = ROOT / "fixtures" / "payloads"
OUT = ROOT / "fixtures" / "recordings"
#: Deliberately unreadable recordings live beside the recordings, not among them, so that
#: ``hsconform check fixtures/recordings`` judges responses (exit 1) rather than input (exit 2).
UNREADABLE = "../unreadable"
GENERATED = ("cassettes", "har", "logs", "README.md", "expected.toml", UNREADABLE)
HOST = "https://api.hubapi.com"
DATE = "Tue, 07 Nov 2023 05:31:56 GMT"
STARTED = "2023-11-07T05:31:56.000Z"
USER_AGENT = "hsconform-record-fixtures/1"
CORRELATION = "4b8e2b36-1b9c-4d5e-9f0a-7c3d2e1f0a9b"
JSON_TYPE = "application/json;charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
HTML = (
    "<!DOCTYPE html>\n<html><head><title>HubSpot - Service Unavailable</title></head>\n"
    "<body><h1>We'll be right back</h1><p>HubSpot is down for maintenance.</p></body></html>\n"
)

OBJECTS = "hubspot-crm-objects-batch-response-simple-public-object"
OBJECTS_207 = "hubspot-crm-objects-batch-response-simple-public-object-with-errors"
FLAGS = "crm-feature-flags-api-batch-portal-flag-state-response-with-errors"
ASSOCIATIONS = "crm-associations-api-batch-association-response"
AUTHORS = "authors-api-batch-response"

UPDATE = "/crm/v3/objects/contacts/batch/update"
READ = "/crm/v3/objects/contacts/batch/read"
FLAGS_PATH = "/feature-flags/v3/12345678/flags/new-dashboard-feature/portals/batch"
ASSOC_PATH = "/crm/v4/associations/contacts/companies/batch"

REQUEST_BODIES = {
    UPDATE: {"inputs": [{"id": "512", "properties": {"property_string": "value"}}]},
    READ: {"inputs": [{"id": "512"}], "properties": ["property_string"]},
    f"{FLAGS_PATH}/upsert": {"portalStates": [{"portalId": 98765432, "flagState": "ON"}]},
    f"{FLAGS_PATH}/delete": {"portalIds": [98765432]},
    f"{ASSOC_PATH}/read": {"inputs": [{"id": "512"}]},
    f"{ASSOC_PATH}/archive": {"inputs": [{"from": {"id": "512"}, "to": [{"id": "1024"}]}]},
    "/cms/v3/blogs/authors/batch/read": {"inputs": ["12345"]},
    "/cms/v3/blogs/authors/batch/update": {"inputs": [{"id": "12345", "bio": "Writer"}]},
}


@dataclass(frozen=True)
class Expect:
    """What hsconform must report for one recorded response (or one broken file)."""

    outcome: str  # ok | failed | skipped | unreadable
    type: str | None = None
    findings: tuple[tuple[str, str], ...] = ()
    reason: str | None = None  # skipped: the HSC-R-... code; unreadable: the message
    line: int | None = None  # unreadable: where


@dataclass(frozen=True)
class Exchange:
    """One request the recorder sends and what the local server answers."""

    method: str
    path: str
    status: int
    payload: str | None  # "<folder>/<file>.json" under fixtures/payloads, or None
    encoding: str = "identity"  # identity | gzip | deflate | br
    content_type: str | None = JSON_TYPE
    text: str | None = None  # a literal body instead of a payload
    note: str = ""


@dataclass(frozen=True)
class Cassette:
    """One cassette file: its exchanges and how vcrpy records them."""

    path: str  # relative to fixtures/recordings
    what: str
    exchanges: tuple[Exchange, ...]
    client: str = (
        "http.client"  # http.client keeps raw bytes; requests gets urllib3 2's decoded body
    )
    decode: bool = False  # vcrpy's decode_compressed_response
    serializer: str = "yaml"


def ok_or_failed(payload: str, status: int | None = None) -> Expect:
    """The expectation of a payload served at a route of its own folder's type.

    Its schema and batch findings are those fixtures/expected-findings.toml lists; a
    recorded HTTP status adds the HTTP-level batch rules (200 with errors, 207 without).
    """
    folder = payload.split("/")[0]
    type_name = hsconform.vendored_pack().type(folder).name
    listed = [tuple(item) for item in EXPECTED_FINDINGS[f"fixtures/payloads/{payload}"]]
    body = json.loads((PAYLOADS / payload).read_text("utf-8"))
    errors = body.get("errors") if isinstance(body.get("errors"), list) else []
    if status == 200 and errors:
        listed.append(("HSC-H-200-WITH-ERRORS", "/errors"))
    if status == 207 and not errors:
        listed.append(("HSC-H-207-WITHOUT-ERRORS", "/errors" if "errors" in body else ""))
    findings = tuple(sorted((code, pointer) for code, pointer in listed))
    return Expect("failed" if findings else "ok", type_name, findings)


def expect_for(exchange: Exchange, routed: bool = True) -> Expect:
    if exchange.status == 204 or (exchange.payload is None and not exchange.text):
        return Expect("skipped", reason="HSC-R-EMPTY-BODY")
    if exchange.content_type and "json" not in exchange.content_type:
        return Expect("skipped", reason="HSC-R-NOT-JSON-CONTENT-TYPE")
    if exchange.payload is None and not is_json(exchange.text or ""):
        return Expect("skipped", reason="HSC-R-NOT-JSON")
    if not routed or exchange.payload is None:
        return Expect("skipped", reason="HSC-R-NO-ROUTE")
    return ok_or_failed(exchange.payload, exchange.status)


def is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


EXPECTED_FINDINGS = tomllib.loads((ROOT / "fixtures" / "expected-findings.toml").read_text("utf-8"))

CASSETTES = (
    Cassette(
        "cassettes/test_crm_objects/test_batch_update_gzip.yaml",
        "200 batch update, gzip; recorded over http.client, so vcrpy keeps the compressed bytes "
        "as a `!!binary` body",
        (Exchange("POST", UPDATE, 200, f"{OBJECTS}/valid-full.json", "gzip"),),
    ),
    Cassette(
        "cassettes/test_crm_objects/test_batch_update_partial.yaml",
        "207 batch update, uncompressed: a plain text body",
        (Exchange("POST", UPDATE, 207, f"{OBJECTS_207}/valid-full.json"),),
    ),
    Cassette(
        "cassettes/test_crm_objects/test_batch_update_stale_encoding.yaml",
        "207 batch update served gzip-compressed and recorded over requests: urllib3 2 hands "
        "vcrpy the decoded body, so the cassette has text with a stale `Content-Encoding: gzip`",
        (Exchange("POST", UPDATE, 207, f"{OBJECTS_207}/valid-minimal-error.json", "gzip"),),
        client="requests",
    ),
    Cassette(
        "cassettes/test_crm_objects/test_batch_update_decoded.yaml",
        "200 batch update, gzip, recorded with `decode_compressed_response=True`: vcrpy "
        "decompresses the body and drops `Content-Encoding`",
        (Exchange("POST", UPDATE, 200, f"{OBJECTS}/valid-minimal.json", "gzip"),),
        decode=True,
    ),
    Cassette(
        "cassettes/test_crm_objects/test_batch_update_207_invalid.yaml",
        "207 batch update, deflate (`!!binary`), whose body violates its schema",
        (
            Exchange(
                "POST",
                UPDATE,
                207,
                f"{OBJECTS_207}/invalid-error-detail-context-string.json",
                "deflate",
            ),
        ),
    ),
    Cassette(
        "cassettes/test_crm_objects/test_batch_update_200_with_errors.yaml",
        "200 batch update whose body carries `errors` and a wrong `numErrors` (seed 004's example)",
        (Exchange("POST", UPDATE, 200, f"{OBJECTS}/seed-004-example.json"),),
    ),
    Cassette(
        "cassettes/test_crm_objects/test_batch_read_html.yaml",
        "200 batch read whose body is an HTML maintenance page (`text/html`)",
        (Exchange("POST", READ, 200, None, content_type=HTML_TYPE, text=HTML),),
    ),
    Cassette(
        "cassettes/test_feature_flags/test_portals_batch.yaml",
        "two 207 feature-flag batch responses: upsert brotli-compressed (`!!binary`), delete "
        "gzip-compressed with an invalid flag state",
        (
            Exchange("POST", f"{FLAGS_PATH}/upsert", 207, f"{FLAGS}/valid-full.json", "br"),
            Exchange(
                "POST",
                f"{FLAGS_PATH}/delete",
                207,
                f"{FLAGS}/invalid-flag-state-empty-object.json",
                "gzip",
            ),
        ),
    ),
    Cassette(
        "cassettes/test_associations/test_batch_read.yaml",
        "associations: a 200 batch read (gzip, recorded over requests: stale header), an "
        "association-definitions read that has no route, and a 204 batch archive",
        (
            Exchange(
                "POST", f"{ASSOC_PATH}/read", 200, f"{ASSOCIATIONS}/valid-minimal.json", "gzip"
            ),
            Exchange("GET", "/crm/v4/associations/definitions", 200, None, text='{"results": []}'),
            Exchange("POST", f"{ASSOC_PATH}/archive", 204, None, content_type=None),
        ),
        client="requests",
    ),
    Cassette(
        "cassettes/test_blog_authors/test_batch_read.json",
        "blog authors in vcrpy's JSON serialisation: a conformant batch read and a batch update "
        "whose author website is not a URI",
        (
            Exchange("POST", "/cms/v3/blogs/authors/batch/read", 200, f"{AUTHORS}/valid-full.json"),
            Exchange(
                "POST",
                "/cms/v3/blogs/authors/batch/update",
                200,
                f"{AUTHORS}/invalid-website-not-uri.json",
            ),
        ),
        client="requests",
        serializer="json",
    ),
)

#: Exchanges with a JSON body but no vendored route.
UNROUTED = {"/crm/v4/associations/definitions"}


# --------------------------------------------------------------------------- the server


def body_bytes(exchange: Exchange) -> bytes:
    if exchange.text is not None:
        return exchange.text.encode("utf-8")
    if exchange.payload is None:
        return b""
    return (PAYLOADS / exchange.payload).read_bytes()


def compress(data: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data, mtime=0)
    if encoding == "deflate":
        return zlib.compress(data, 9)
    if encoding == "br":
        return brotli.compress(data)
    return data


class Handler(BaseHTTPRequestHandler):
    """Answers each request with the exchange its X-Fixture header names."""

    exchanges: ClassVar[dict[str, Exchange]] = {}
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "hubspot-fixtures"

    def date_time_string(self, timestamp=None):
        return DATE

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.answer()

    def answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        exchange = self.exchanges[self.headers["X-Fixture"]]
        body = compress(body_bytes(exchange), exchange.encoding)
        self.send_response(exchange.status)
        if exchange.content_type:
            self.send_header("Content-Type", exchange.content_type)
        if exchange.encoding != "identity":
            self.send_header("Content-Encoding", exchange.encoding)
        self.send_header("X-HubSpot-Correlation-Id", CORRELATION)
        if exchange.status != 204:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if exchange.status != 204:
            self.wfile.write(body)


# --------------------------------------------------------------------------- recording


def send(client: str, base: str, key: str, exchange: Exchange) -> None:
    payload = REQUEST_BODIES.get(exchange.path)
    headers = {
        "Authorization": "Bearer pat-na1-00000000-0000-0000-0000-000000000000",
        "User-Agent": USER_AGENT,
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate, br",
        "X-Fixture": key,
    }
    data = None if payload is None or exchange.method == "GET" else json.dumps(payload).encode()
    if data is not None:
        headers["Content-Type"] = "application/json"
    if client == "requests":
        requests.request(
            exchange.method, base + exchange.path, data=data, headers=headers, timeout=10
        )
        return
    request = urllib.request.Request(base + exchange.path, data, headers, method=exchange.method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
    except urllib.error.HTTPError as error:
        error.read()


def sort_headers(response):
    """urllib3 hands headers over in no fixed order; the JSON serialiser keeps that order."""
    response["headers"] = dict(sorted(response["headers"].items()))
    return response


def record(cassette: Cassette, base: str) -> None:
    def rewrite(request):
        request.uri = request.uri.replace(base, HOST)
        return request

    recorder = vcr.VCR(
        serializer=cassette.serializer,
        record_mode="all",
        decode_compressed_response=cassette.decode,
        filter_headers=["authorization", "x-fixture", ("Host", "api.hubapi.com")],
        before_record_request=rewrite,
        before_record_response=sort_headers,
    )
    target = OUT / cassette.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with recorder.use_cassette(str(target)):
        for index, exchange in enumerate(cassette.exchanges):
            key = f"{cassette.path}#{index}"
            Handler.exchanges[key] = exchange
            send(cassette.client, base, key, exchange)


def record_all() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        for cassette in CASSETTES:
            record(cassette, base)
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------- derived and hand-written files


def truncate(source: str, target: str) -> Expect:
    """Cut a recorded cassette inside its first response body string."""
    text = (OUT / source).read_text("utf-8")
    cut = text.index("string: ") + 200
    (OUT / target).parent.mkdir(parents=True, exist_ok=True)
    (OUT / target).write_text(text[:cut], "utf-8")
    line = text[:cut].count("\n") + 1
    return Expect("unreadable", reason="invalid YAML: while scanning a quoted scalar", line=line)


NOT_A_CASSETTE = """\
# pytest-recording settings kept beside the cassettes: YAML, but not a cassette.
record_mode: once
filter_headers:
  - authorization
match_on:
  - method
  - uri
"""

LEGACY = """\
# Written by an old vcrpy under Python 2 with PyYAML's full dumper: Python tags.
interactions:
- request:
    body: !!python/object/new:_io.BytesIO
      state: !!python/tuple [!!binary "e30=", 0, null]
    headers:
      Content-Type: [!!python/unicode 'application/json']
    method: !!python/unicode 'POST'
    uri: !!python/unicode 'https://api.hubapi.com/crm/v3/objects/contacts/batch/update'
  response:
    body: {string: !!python/unicode '%s'}
    headers:
      Content-Type: [!!python/unicode 'application/json']
    status: {code: 200, message: OK}
- request:
    body: null
    headers: {}
    method: POST
    uri: https://api.hubapi.com/crm/v3/objects/contacts/batch/update
  response:
    body: {string: !!python/object/apply:os.system ['echo this is never run']}
    headers: {}
    status: {code: 200, message: OK}
version: 1
"""


def first_data_line(text: str) -> int:
    """Where a YAML document's root node starts: the first line that is not a comment."""
    lines = text.splitlines()
    return next(
        n for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")
    )


def write_legacy() -> list[Expect]:
    minimal = json.dumps(json.loads((PAYLOADS / OBJECTS / "valid-minimal.json").read_text("utf-8")))
    text = LEGACY % minimal.replace("'", "''")
    path = OUT / f"{UNREADABLE}/cassettes/test_legacy/test_python_tags.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    line = (
        text.splitlines().index(
            "    body: {string: !!python/object/apply:os.system ['echo this is never run']}"
        )
        + 1
    )
    refused = "interaction 1: refusing to construct !!python/object/apply:os.system"
    return [
        ok_or_failed(f"{OBJECTS}/valid-minimal.json"),
        Expect("unreadable", reason=refused, line=line),
    ]


def har_headers(pairs: dict[str, str]) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in pairs.items()]


def har_entry(exchange: Exchange, *, base64_body: bool = False, browser: bool = False) -> dict:
    """A HAR 1.2 entry (spec: log.entries[]); every required member is present."""
    version = "HTTP/2.0" if browser else "HTTP/1.1"
    return {
        "startedDateTime": STARTED,
        "time": 182.4,
        "request": har_request(exchange, version),
        "response": har_response(exchange, version, base64_body),
        "cache": {},
        "timings": {"blocked": -1, "dns": -1, "connect": -1, "ssl": -1}
        | {"send": 0.2, "wait": 180.1, "receive": 2.1},
    }


def har_request(exchange: Exchange, version: str) -> dict:
    request: dict = {
        "method": exchange.method,
        "url": HOST + exchange.path,
        "httpVersion": version,
        "cookies": [],
        "headers": har_headers({"accept": "application/json", "content-type": "application/json"}),
        "queryString": [],
        "headersSize": -1,
        "bodySize": 0,
    }
    body = REQUEST_BODIES.get(exchange.path)
    if body is not None:
        text = json.dumps(body)
        request["postData"] = {"mimeType": "application/json", "text": text}
        request["bodySize"] = len(text)
    return request


def har_response(exchange: Exchange, version: str, base64_body: bool) -> dict:
    """Decoded text (base64 when asked), with the server's headers kept as sent."""
    body = body_bytes(exchange)
    wire = compress(body, exchange.encoding)
    headers = {"x-hubspot-correlation-id": CORRELATION}
    content: dict = {"size": len(body), "mimeType": exchange.content_type or "x-unknown"}
    if exchange.content_type:
        headers["content-type"] = exchange.content_type
    if exchange.encoding != "identity":
        headers["content-encoding"] = exchange.encoding
        content["compression"] = len(body) - len(wire)
    if body and base64_body:
        content |= {"text": base64.b64encode(body).decode(), "encoding": "base64"}
    elif body:
        content["text"] = body.decode("utf-8")
    return {
        "status": exchange.status,
        "statusText": STATUS_TEXT[exchange.status],
        "httpVersion": version,
        "cookies": [],
        "headers": har_headers(headers),
        "content": content,
        "redirectURL": "",
        "headersSize": -1,
        "bodySize": len(wire),
    }


STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No Content",
    207: "Multi-Status",
    502: "Bad Gateway",
}


def write_har(path: str, entries: list[dict], creator: str) -> None:
    document = {
        "log": {
            "version": "1.2",
            "creator": {"name": creator, "version": "1.0"},
            "entries": entries,
        }
    }
    target = OUT / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", "utf-8")


@dataclass
class Listing:
    """What README.md and expected.toml say about each generated file."""

    files: list[tuple[str, str, list[tuple[str, Expect]]]] = field(default_factory=list)

    def add(self, path: str, what: str, items: list[tuple[str, Expect]]) -> None:
        self.files.append((path, what, items))


def write_hars(listing: Listing) -> None:
    session = [
        (Exchange("POST", UPDATE, 200, f"{OBJECTS}/valid-full.json", "gzip"), False),
        (
            Exchange("POST", UPDATE, 207, f"{OBJECTS_207}/invalid-num-errors-mismatch.json", "br"),
            True,
        ),
        (Exchange("OPTIONS", UPDATE, 204, None, content_type=None), False),
        (
            Exchange(
                "POST",
                f"{ASSOC_PATH}/read",
                200,
                f"{ASSOCIATIONS}/invalid-association-type-id-string.json",
            ),
            False,
        ),
    ]
    write_har(
        "har/hubspot-batch-session.har",
        [har_entry(e, base64_body=b, browser=True) for e, b in session],
        "WebInspector",
    )
    listing.add(
        "har/hubspot-batch-session.har",
        "a browser export: decoded text with the server's `content-encoding: gzip` kept, a base64 "
        "entry (`content.encoding: base64`), a CORS preflight without body, an invalid association",
        [(f"entry {i}", expect_for(e)) for i, (e, _) in enumerate(session)],
    )
    broken = [
        Exchange("POST", UPDATE, 502, None, content_type=HTML_TYPE, text=HTML),
        Exchange("POST", READ, 200, None, text=HTML, note="declared JSON, body HTML"),
    ]
    write_har("har/non-json-body.har", [har_entry(e) for e in broken], "mitmproxy")
    listing.add(
        "har/non-json-body.har",
        "a proxy export: a 502 HTML error page, and a 200 that declares `application/json` but "
        "holds HTML",
        [(f"entry {i}", expect_for(e)) for i, e in enumerate(broken)],
    )


def write_jsonl(listing: Listing) -> None:
    lines = [
        ("payload", f"{OBJECTS}/valid-minimal.json"),
        ("payload", f"{OBJECTS}/valid-full.json"),
        ("blank", ""),
        ("bad", '{"status": "COMPLETE", "results": [{"id": "512", "properties": {'),
        ("payload", f"{OBJECTS}/invalid-status-not-in-enum.json"),
    ]
    text: list[str] = []
    items: list[tuple[str, Expect]] = []
    for number, (kind, value) in enumerate(lines, start=1):
        if kind == "payload":
            text.append(json.dumps(json.loads((PAYLOADS / value).read_text("utf-8"))))
            items.append((f"line {number}", ok_or_failed(value)))
        elif kind == "bad":
            text.append(value)
            items.append(
                (
                    f"line {number}",
                    Expect("unreadable", reason=f"record {number}: invalid JSON", line=number),
                )
            )
        else:
            text.append(value)
    target = OUT / UNREADABLE / "logs" / "batch-responses.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(text) + "\n", "utf-8")
    listing.add(
        f"{UNREADABLE}/logs/batch-responses.jsonl",
        "a JSON Lines log of 200 batch-update bodies (no request data: check it with "
        "`--type BatchResponseSimplePublicObject`); line 3 is blank, line 4 is cut short",
        items,
    )


# ------------------------------------------------------------------ README and expected.toml


def cassette_items(cassette: Cassette) -> list[tuple[str, Expect]]:
    return [
        (f"interaction {i}", expect_for(e, routed=e.path not in UNROUTED))
        for i, e in enumerate(cassette.exchanges)
    ]


def describe(expect: Expect) -> str:
    if expect.outcome in ("ok", "failed"):
        found = ", ".join(f"`{code}` at `{pointer or '/'}`" for code, pointer in expect.findings)
        return f"**{expect.outcome}** as `{expect.type}`" + (f": {found}" if found else "")
    where = f" (line {expect.line})" if expect.line else ""
    return f"**{expect.outcome}**{where}: {expect.reason}"


README_HEAD = """\
# Recording fixtures

Recorded HubSpot traffic for the recording readers (`hsconform.recordings`) and the route
table (`schemas/routes.json`). **Generated** by `python scripts/record_fixtures.py` (after
`pip install -e '.[record]'`): edit the script, not these files. The cassettes are real
vcrpy {vcr_version} recordings of a local server that serves `fixtures/payloads/` at
HubSpot paths; URLs are rewritten to `https://api.hubapi.com`, dates and server names are
fixed, `Authorization` is filtered out.

`expected.toml` holds the same expectations as the table below, per file and per
recorded response: `outcome` is `ok`, `failed` (with `findings` as in
`fixtures/expected-findings.toml`, JSON Schema variant), `skipped` (with the `reason`:
a reader's `HSC-R-...` code, or `HSC-R-NO-ROUTE` for a JSON body whose method, path and
status no vendored route covers) or `unreadable` (with the `line` and the start of the message).
Each payload is served at a route of its own folder's type, so its findings are exactly
those `fixtures/expected-findings.toml` lists for it.

What vcrpy writes, as observed here: the body is `response.body.string`, text when the
bytes are valid UTF-8 and `!!binary` (base64) otherwise; the JSON serialiser cannot hold
bytes at all ("Does this HTTP interaction contain binary data?"). Over `http.client`
(and `urllib.request`) vcrpy keeps the compressed bytes. Over `requests`, urllib3 2
decodes the body before vcrpy sees it, while `Content-Encoding` stays in the headers:
the body is text and the header is stale. `decode_compressed_response=True` decompresses
and removes the header (and removes a stale one too: the "already decompressed" case).

| file | what it holds | response | hsconform must report |
|---|---|---|---|
"""


def write_readme(listing: Listing) -> None:
    rows = []
    for path, what, items in listing.files:
        for number, (at, expect) in enumerate(items):
            name, text = (f"`{path}`", what) if number == 0 else ("", "")
            rows.append(f"| {name} | {text} | {at} | {describe(expect)} |")
    version = getattr(vcr, "__version__", "?")
    (OUT / "README.md").write_text(
        README_HEAD.format(vcr_version=version) + "\n".join(rows) + "\n", "utf-8"
    )


def toml_item(at: str, expect: Expect) -> str:
    fields = [f"at = {json.dumps(at)}", f"outcome = {json.dumps(expect.outcome)}"]
    if expect.type:
        fields.append(f"type = {json.dumps(expect.type)}")
    if expect.outcome in ("ok", "failed"):
        fields.append(
            "findings = ["
            + ", ".join(f"[{json.dumps(c)}, {json.dumps(p)}]" for c, p in expect.findings)
            + "]"
        )
    if expect.reason:
        fields.append(f"reason = {json.dumps(expect.reason)}")
    if expect.line:
        fields.append(f"line = {expect.line}")
    return "  { " + ", ".join(fields) + " },"


def write_expected(listing: Listing) -> None:
    out = [
        "# Generated by scripts/record_fixtures.py: what hsconform must report per response.",
        "",
    ]
    for path, _, items in sorted(listing.files):
        out.append(f"{json.dumps(path)} = [")
        out.extend(toml_item(at, expect) for at, expect in items)
        out.append("]")
    (OUT / "expected.toml").write_text("\n".join(out) + "\n", "utf-8")


# --------------------------------------------------------------------------- main


def clean() -> None:
    for name in GENERATED:
        target = OUT / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def generated_files() -> Iterator[Path]:
    for name in GENERATED:
        target = OUT / name
        if target.is_dir():
            yield from sorted(p for p in target.rglob("*") if p.is_file())
        elif target.exists():
            yield target


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    clean()
    record_all()
    listing = Listing()
    for cassette in CASSETTES:
        listing.add(cassette.path, cassette.what, cassette_items(cassette))
    truncated = f"{UNREADABLE}/cassettes/test_associations/test_batch_read_truncated.yaml"
    listing.add(
        truncated,
        "`test_batch_read.yaml` beside it, cut inside its first response body",
        [("file", truncate("cassettes/test_associations/test_batch_read.yaml", truncated))],
    )
    settings = OUT / f"{UNREADABLE}/cassettes/test_settings/test_not_a_cassette.yaml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(NOT_A_CASSETTE, "utf-8")
    listing.add(
        f"{UNREADABLE}/cassettes/test_settings/test_not_a_cassette.yaml",
        "YAML settings that are not a cassette",
        [
            (
                "file",
                Expect(
                    "unreadable", reason="not a VCR cassette", line=first_data_line(NOT_A_CASSETTE)
                ),
            )
        ],
    )
    listing.add(
        f"{UNREADABLE}/cassettes/test_legacy/test_python_tags.yaml",
        "a legacy cassette with `!!python/...` tags: benign string tags, then an `os.system` call "
        "that must never run",
        list(zip(("interaction 0", "interaction 1"), write_legacy(), strict=True)),
    )
    write_hars(listing)
    write_jsonl(listing)
    write_readme(listing)
    write_expected(listing)
    for path in generated_files():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
