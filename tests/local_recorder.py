"""Record real vcrpy cassettes of a loopback server, as scripts/record_fixtures.py does.

Tests that need cassettes of many routes record them at test time instead of writing
cassette YAML by hand, so the files have vcrpy's real format. Only 127.0.0.1 is contacted;
the server is shut down when recording ends.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

HOST = "https://api.hubapi.com"
#: Names the exchange the server answers with; filtered out of the cassette.
EXCHANGE_HEADER = "X-Exchange"


@dataclass(frozen=True)
class Exchange:
    """One request sent to the local server and the answer it gives."""

    method: str
    path: str
    status: int
    body: Any


class _Handler(BaseHTTPRequestHandler):
    """Answers each request with the exchange its X-Exchange header names."""

    exchanges: ClassVar[list[Exchange]] = []
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        exchange = self.exchanges[int(self.headers[EXCHANGE_HEADER])]
        body = json.dumps(exchange.body).encode()
        self.send_response(exchange.status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def do_PATCH(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def do_OPTIONS(self) -> None:
        self._answer()


def _sort_headers(response: dict[str, Any]) -> dict[str, Any]:
    """urllib3 hands headers over in no fixed order."""
    response["headers"] = dict(sorted(response["headers"].items()))
    return response


def record(
    vcr: ModuleType, requests: ModuleType, cassette: Path, exchanges: list[Exchange]
) -> None:
    """Record one cassette holding every exchange, URLs rewritten to ``HOST``."""
    handler = type("Handler", (_Handler,), {"exchanges": exchanges})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"

    def rewrite(request: Any) -> Any:
        request.uri = request.uri.replace(base, HOST)
        return request

    recorder = vcr.VCR(
        serializer="yaml",
        record_mode="all",
        filter_headers=[EXCHANGE_HEADER, ("Host", "api.hubapi.com")],
        before_record_request=rewrite,
        before_record_response=_sort_headers,
    )
    try:
        with recorder.use_cassette(str(cassette)), requests.Session() as session:
            for index, exchange in enumerate(exchanges):
                session.request(
                    exchange.method,
                    base + exchange.path,
                    headers={"Accept": "application/json", EXCHANGE_HEADER: str(index)},
                    timeout=10,
                )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
