"""Recording readers: JSON, JSON Lines, VCR.py cassettes (YAML and JSON), HAR 1.2."""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsconform import limits
from hsconform.jsontext import ParsedJSON
from hsconform.pack.routes import vendored_routes
from hsconform.recordings import (
    Origin,
    Recording,
    Skipped,
    Unreadable,
    _body,
    _yaml,
    find_recording_files,
    read_recordings,
)

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

try:
    import brotli as BROTLI  # noqa: N812 - the optional module, None when absent
except ImportError:
    BROTLI = None

RECORDINGS = ROOT / "fixtures" / "recordings"
URL = "https://api.hubapi.com/crm/v3/objects/contacts/batch/update"
PAYLOAD = {"status": "COMPLETE", "results": [{"id": "512", "name": "Zoë"}]}
TEXT = json.dumps(PAYLOAD)
JSON_HEADERS = {"Content-Type": ["application/json;charset=utf-8"]}


def raw_deflate(data: bytes) -> bytes:
    """Deflate without the zlib wrapper, as some servers send it (3.10 has no compress wbits)."""
    engine = zlib.compressobj(wbits=-15)
    return engine.compress(data) + engine.flush()


def interaction(
    body: Any,
    *,
    status: int = 200,
    headers: dict[str, list[str]] | None = None,
    method: str = "POST",
    uri: str = URL,
) -> dict[str, Any]:
    return {
        "request": {"body": '{"inputs": []}', "headers": {}, "method": method, "uri": uri},
        "response": {
            "body": {"string": body},
            "headers": JSON_HEADERS if headers is None else headers,
            "status": {"code": status, "message": "OK"},
        },
    }


def write_cassette(path: Path, *interactions: dict[str, Any]) -> Path:
    """A cassette as vcrpy's YAML serialiser writes it (bytes become !!binary)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"interactions": list(interactions), "version": 1}), "utf-8")
    return path


def read(path: Path) -> list[Recording | Skipped | Unreadable]:
    return list(read_recordings(path, path.name))


def only(path: Path) -> Recording | Skipped | Unreadable:
    items = read(path)
    assert len(items) == 1, items
    return items[0]


def recording(path: Path) -> Recording:
    item = only(path)
    assert isinstance(item, Recording), item
    return item


def skipped(path: Path) -> Skipped:
    item = only(path)
    assert isinstance(item, Skipped), item
    return item


def unreadable(path: Path) -> Unreadable:
    item = only(path)
    assert isinstance(item, Unreadable), item
    return item


# --------------------------------------------------------------------------- cassette bodies


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", lambda b: gzip.compress(b, mtime=0)),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),  # raw deflate, as some servers send
        ("br", lambda b: pytest.importorskip("brotli").compress(b)),
    ],
    ids=["gzip", "zlib", "raw-deflate", "brotli"],
)
def test_compressed_binary_bodies_are_decompressed(tmp_path, encoding, compress) -> None:
    headers = {**JSON_HEADERS, "Content-Encoding": [encoding]}
    path = write_cassette(
        tmp_path / "c.yaml", interaction(compress(TEXT.encode()), headers=headers)
    )
    assert "!!binary" in path.read_text("utf-8")
    assert recording(path).payload.value == PAYLOAD


def test_compression_is_sniffed_not_taken_from_the_header(tmp_path) -> None:
    """gzip bytes without Content-Encoding, and brotli under a wrong header, still read."""
    brotli = pytest.importorskip("brotli")
    plain = write_cassette(
        tmp_path / "a.yaml", interaction(gzip.compress(TEXT.encode()), headers=JSON_HEADERS)
    )
    wrong = {**JSON_HEADERS, "Content-Encoding": ["gzip"]}
    mislabelled = write_cassette(
        tmp_path / "b.yaml", interaction(brotli.compress(TEXT.encode()), headers=wrong)
    )
    assert recording(plain).payload.value == PAYLOAD
    assert recording(mislabelled).payload.value == PAYLOAD


def test_a_decoded_body_with_a_stale_content_encoding_is_read_as_is(tmp_path) -> None:
    for coding in ("gzip", "deflate", "br"):
        headers = {**JSON_HEADERS, "Content-Encoding": [coding]}
        path = write_cassette(tmp_path / f"{coding}.yaml", interaction(TEXT, headers=headers))
        assert recording(path).payload.value == PAYLOAD


def test_binary_text_bodies_are_decoded_with_the_declared_charset(tmp_path) -> None:
    headers = {"Content-Type": ["application/json; charset=ISO-8859-1"]}
    path = write_cassette(tmp_path / "c.yaml", interaction(TEXT.encode("latin-1"), headers=headers))
    assert recording(path).payload.value == PAYLOAD


def test_a_brotli_body_without_brotli_installed_names_the_package(tmp_path, monkeypatch) -> None:
    brotli = pytest.importorskip("brotli")
    monkeypatch.setattr(_body, "_BROTLI", None)
    headers = {**JSON_HEADERS, "Content-Encoding": ["br"]}
    path = write_cassette(
        tmp_path / "c.yaml", interaction(brotli.compress(TEXT.encode()), headers=headers)
    )
    item = skipped(path)
    assert item.code == "HSC-R-BROTLI-MISSING" and "pip install brotli to read it" in item.reason


@pytest.mark.parametrize(
    ("body", "headers", "code", "words"),
    [
        (b"\x1f\x8b\x08\x00garbage", {}, "HSC-R-BAD-COMPRESSION", "gzip"),
        (gzip.compress(TEXT.encode())[:-12], {}, "HSC-R-BAD-COMPRESSION", "truncated"),
        ("", {}, "HSC-R-EMPTY-BODY", "empty"),
        (None, {}, "HSC-R-EMPTY-BODY", "empty"),
        (
            "<html></html>",
            {"Content-Type": ["text/html"]},
            "HSC-R-NOT-JSON-CONTENT-TYPE",
            "text/html",
        ),
        ("<html></html>", {}, "HSC-R-NOT-JSON", "not JSON"),
        ("{}", {"Content-Type": ["application/json; charset=klingon"]}, "HSC-R-CHARSET", "klingon"),
        (bytes(range(128, 256)), {}, "HSC-R-BINARY-BODY", "binary"),
    ],
    ids=[
        "corrupt-gzip",
        "truncated-gzip",
        "empty",
        "none",
        "html",
        "html-no-type",
        "charset",
        "binary",
    ],
)
def test_bodies_that_are_not_json_payloads_are_skipped_with_a_reason(
    tmp_path, body, headers, code, words
) -> None:
    item = skipped(write_cassette(tmp_path / "c.yaml", interaction(body, headers=headers)))
    assert item.code == code and words in item.reason
    assert item.origin.status == 200 and item.origin.url == URL


def test_declared_json_that_is_not_json_says_where(tmp_path) -> None:
    item = skipped(write_cassette(tmp_path / "c.yaml", interaction('{"status": ')))
    assert item.code == "HSC-R-NOT-JSON"
    assert "declared application/json" in item.reason and "1:12" in item.reason


def test_a_decompression_bomb_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "_CURRENT", [limits.Limits(body_size=1000)])
    bomb = gzip.compress(b" " * 5000 + TEXT.encode())
    [item] = read(write_cassette(tmp_path / "c.yaml", interaction(bomb)))
    assert isinstance(item, Unreadable)
    assert (
        item.code == "HSC-R-TOO-LARGE" and "1000 (raise it with --limit body-size=N)" in item.reason
    )


def test_the_json_serialisation_and_base64_string_bodies(tmp_path) -> None:
    document = {
        "version": 1,
        "interactions": [
            interaction(TEXT),
            {
                **interaction(None),
                "response": {
                    **interaction(None)["response"],
                    "body": {
                        "base64_string": base64.b64encode(gzip.compress(TEXT.encode())).decode()
                    },
                },
            },
        ],
    }
    path = tmp_path / "c.json"
    path.write_text(json.dumps(document, indent=4), "utf-8")
    items = read(path)
    assert [type(i) for i in items] == [Recording, Recording]
    assert all(isinstance(i, Recording) and i.payload.value == PAYLOAD for i in items)
    assert [i.origin.line for i in items] == [4, 26]
    assert items[0].origin.kind == "cassette"


def test_old_httpx_cassettes_with_status_code_and_content(tmp_path) -> None:
    old = {
        "request": {"method": "post", "uri": URL},
        "response": {"status_code": 207, "headers": JSON_HEADERS, "content": TEXT},
    }
    item = recording(write_cassette(tmp_path / "c.yaml", old))
    assert item.origin.status == 207 and item.origin.method == "POST"


# --------------------------------------------------------------------------- origins and lines


def test_origins_are_complete_and_lines_point_at_interactions(tmp_path) -> None:
    path = write_cassette(
        tmp_path / "cassettes" / "test_x" / "test_y.yaml",
        interaction(TEXT),
        interaction(TEXT, status=207, method="post"),
    )
    first, second = read_recordings(path, "cassettes/test_x/test_y.yaml")
    assert isinstance(second, Recording)
    assert second.origin == Origin(
        "cassettes/test_x/test_y.yaml",
        "cassette",
        1,
        second.origin.line,
        "POST",
        URL,
        207,
        "application/json;charset=utf-8",
    )
    lines = path.read_text("utf-8").splitlines()
    assert lines[second.origin.line - 1].startswith("- request:")
    assert "string:" in lines[second.body_line - 1]
    assert str(second.origin) == (
        f"cassettes/test_x/test_y.yaml:{second.origin.line} interaction 1 POST {URL} -> 207"
    )
    assert second.source("/results/0").line == second.body_line
    assert isinstance(first, Recording) and first.origin.index == 0


def test_a_plain_json_file_is_one_payload_located_in_the_file(tmp_path) -> None:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(PAYLOAD, indent=2), "utf-8")
    item = recording(path)
    assert item.origin == Origin("payload.json", "json")
    assert str(item.origin) == "payload.json"
    source = item.source("/results/0/id")
    assert (source.line, source.column) == (5, 13)


# --------------------------------------------------------------------------- broken cassettes


def test_a_truncated_cassette_is_unreadable_at_the_cut(tmp_path) -> None:
    text = write_cassette(tmp_path / "full.yaml", interaction(TEXT), interaction(TEXT)).read_text()
    cut = tmp_path / "cut.yaml"
    cut.write_text(text[: text.rindex("string: ") + 20], "utf-8")
    item = unreadable(cut)
    assert item.line == cut.read_text().count("\n") + 1 and "invalid YAML" in item.message


def test_a_cassette_cut_at_a_line_boundary_reports_the_incomplete_interaction(tmp_path) -> None:
    text = write_cassette(tmp_path / "full.yaml", interaction(TEXT), interaction(TEXT)).read_text()
    cut = tmp_path / "cut.yaml"
    cut.write_text(text[: text.rindex("    status:")], "utf-8")
    good, bad = read(cut)
    assert isinstance(good, Recording)
    assert isinstance(bad, Unreadable) and "no status code" in bad.message and bad.line


def test_an_unreadable_interaction_says_which_one_in_fields(tmp_path) -> None:
    broken = {"request": interaction(TEXT)["request"], "response": "gone"}
    path = write_cassette(tmp_path / "c.yaml", interaction(TEXT), broken, interaction(TEXT))
    good, bad, last = read(path)
    assert isinstance(good, Recording) and isinstance(last, Recording)
    assert isinstance(bad, Unreadable)
    assert (bad.part, bad.index, bad.where) == ("interaction", 1, "interaction 1")
    assert bad.message == "interaction 1: no response mapping"  # not the last: no truncation hint
    path = write_cassette(tmp_path / "cut.yaml", interaction(TEXT), broken)
    cut = read(path)[1]
    assert isinstance(cut, Unreadable) and cut.incomplete
    assert cut.message == "interaction 1: no response mapping (is the cassette truncated?)"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("record_mode: once\nmatch_on: [method, uri]\n", "found keys: match_on, record_mode"),
        ("- one\n- two\n", "found list"),
        ("", "empty YAML document"),
        ("a: 1\n---\nb: 2\n", "a second YAML document: a cassette is a single document"),
        ("- request: {}\n  response: {}\n", "pre-1.0 format"),
        ("interactions:\n- 42\n", "no response"),
        ("interactions: [{response: !custom {}}]\n", "invalid YAML"),
    ],
    ids=["settings", "list", "empty", "two-documents", "pre-1.0", "bad-interaction", "unknown-tag"],
)
def test_yaml_that_is_not_a_cassette_is_unreadable(tmp_path, text, words) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, "utf-8")
    item = unreadable(path)
    assert words in item.message and item.file == "c.yaml"


def test_python_tags_are_never_constructed(tmp_path) -> None:
    marker = tmp_path / "pwned"
    path_object = f"!!python/object/apply:pathlib.Path ['{marker}']"
    path = tmp_path / "legacy.yaml"
    path.write_text(
        "interactions:\n"
        "- request:\n"
        "    body: !!python/object/new:_io.BytesIO {state: !!python/tuple [!!binary e30=, 0]}\n"
        "    method: !!python/unicode POST\n"
        f"    uri: !!python/str {URL}\n"
        "  response:\n"
        f"    body: {{string: !!python/unicode '{TEXT}'}}\n"
        "    headers: {}\n"
        "    status: {code: 200}\n"
        "- response:\n"
        "    body:\n"
        f"      string: !!python/object/apply:pathlib.Path.touch [{path_object}]\n"
        "    status: {code: 200}\n",
        "utf-8",
    )
    good, refused = read(path)
    assert isinstance(good, Recording) and good.origin.method == "POST"
    assert isinstance(refused, Unreadable)
    assert "refusing to construct !!python/object/apply:pathlib.Path.touch" in refused.message
    assert (refused.line, refused.column) == (12, 15)
    assert not marker.exists()


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
def test_deeply_nested_yaml_is_unreadable_not_a_crash(tmp_path, monkeypatch, fast) -> None:
    if not fast:
        monkeypatch.setattr(_yaml, "_FAST_LOADER", None)
    elif _yaml._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000, "utf-8")
    problem = unreadable(path)
    assert problem.message == f"YAML nested more than {_yaml.MAX_DEPTH} levels deep: not a cassette"
    assert (problem.line, problem.column) == (1, _yaml.MAX_DEPTH + 1)


# --------------------------------------------------------------------------- HAR


def har_entry(content: dict[str, Any], *, status: int = 200, headers: Any = None) -> dict:
    return {
        "startedDateTime": "2023-11-07T05:31:56.000Z",
        "time": 1,
        "request": {"method": "POST", "url": URL, "headers": []},
        "response": {
            "status": status,
            "headers": headers
            if headers is not None
            else [
                {"name": "Content-Type", "value": "application/json"},
                {"name": "Content-Encoding", "value": "gzip"},
            ],
            "content": content,
        },
    }


def write_har(path: Path, *entries: dict[str, Any]) -> Path:
    document = {
        "log": {
            "version": "1.2",
            "creator": {"name": "t", "version": "1"},
            "entries": list(entries),
        }
    }
    path.write_text(json.dumps(document, indent=2), "utf-8")
    return path


def test_har_text_and_base64_entries_are_decoded(tmp_path) -> None:
    encoded = base64.b64encode(TEXT.encode()).decode()
    path = write_har(
        tmp_path / "s.har",
        har_entry({"size": 1, "mimeType": "application/json", "text": TEXT}),
        har_entry(
            {"size": 1, "mimeType": "application/json", "text": encoded, "encoding": "base64"}
        ),
    )
    text, b64 = read(path)
    assert isinstance(text, Recording) and isinstance(b64, Recording)
    assert text.payload.value == b64.payload.value == PAYLOAD
    assert b64.origin.kind == "har" and b64.origin.index == 1 and b64.origin.status == 200
    assert str(b64.origin).startswith(f"s.har:{b64.origin.line} entry 1 POST {URL}")
    assert '"text"' in path.read_text().splitlines()[b64.body_line - 1]


def test_har_entries_that_are_not_json_payloads(tmp_path) -> None:
    html = {"size": 5, "mimeType": "text/html", "text": "<html></html>"}
    path = write_har(
        tmp_path / "s.har",
        har_entry(html, status=502, headers=[]),
        har_entry({"size": 0, "mimeType": "x-unknown"}, status=204),
        har_entry({"size": 3, "mimeType": "application/json", "text": "!!!", "encoding": "base64"}),
        har_entry({"size": 3, "mimeType": "application/json", "text": TEXT, "encoding": "rot13"}),
    )
    html_item, empty, bad_base64, unknown = read(path)
    assert isinstance(html_item, Skipped) and html_item.code == "HSC-R-NOT-JSON-CONTENT-TYPE"
    assert html_item.origin.content_type == "text/html" and html_item.origin.status == 502
    assert isinstance(empty, Skipped) and empty.code == "HSC-R-EMPTY-BODY"
    assert isinstance(bad_base64, Unreadable) and "base64" in bad_base64.message
    assert bad_base64.line is not None
    assert isinstance(unknown, Skipped) and "rot13" in unknown.reason


def test_a_har_file_that_is_not_a_har_is_unreadable(tmp_path) -> None:
    path = tmp_path / "x.har"
    path.write_text('{"log": {"version": "1.2"}}', "utf-8")
    assert "not a HAR file" in unreadable(path).message
    path.write_text('{"log": ', "utf-8")
    assert unreadable(path).line == 1


def test_json_files_are_routed_by_their_shape(tmp_path) -> None:
    har = write_har(
        tmp_path / "export.json", har_entry({"mimeType": "application/json", "text": TEXT})
    )
    cassette = tmp_path / "cassette.json"
    cassette.write_text(json.dumps({"interactions": [interaction(TEXT)], "version": 1}), "utf-8")
    assert recording(har).origin.kind == "har"
    assert recording(cassette).origin.kind == "cassette"


# --------------------------------------------------------------------------- JSON Lines and files


def test_json_lines_keep_line_numbers_and_survive_a_bad_line(tmp_path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + TEXT.encode()
        + b"\r\n\n"
        + b'{"status": \n'
        + b"\xff\xfe\n"
        + json.dumps({"status": "PENDING", "results": []}).encode()
        + b"\n"
    )
    first, bad, not_utf8, last = read(path)
    assert isinstance(first, Recording) and first.origin == Origin("log.jsonl", "jsonl", line=1)
    assert isinstance(bad, Unreadable) and (bad.line, bad.column) == (3, 12)
    assert bad.message.startswith("record 3: invalid JSON")
    assert isinstance(not_utf8, Unreadable) and not_utf8.line == 4
    assert isinstance(last, Recording) and last.origin.line == 5
    assert str(last.origin) == "log.jsonl:5"
    assert last.source("/results").line == 5


def test_invalid_json_and_missing_files_are_unreadable(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{\n  "a": NaN\n}', "utf-8")
    item = unreadable(path)
    assert (item.line, item.column) == (2, 8) and "NaN" in item.message
    missing = unreadable(tmp_path / "nope.yaml")
    assert "cannot read file" in missing.message


def test_the_pytest_recording_layout_is_discovered_from_a_folder(tmp_path) -> None:
    root = tmp_path / "tests" / "cassettes"
    write_cassette(root / "test_b" / "test_two.yaml", interaction(TEXT))
    write_cassette(root / "test_a" / "test_one.yaml", interaction(TEXT), interaction(TEXT))
    (root / "test_a" / "notes.txt").write_text("not a recording", "utf-8")
    assert [p.relative_to(root).as_posix() for p in find_recording_files(root)] == [
        "test_a/test_one.yaml",
        "test_b/test_two.yaml",
    ]
    items = list(read_recordings(root, "cassettes"))
    assert [(i.origin.file, i.origin.index) for i in items if isinstance(i, Recording)] == [
        ("cassettes/test_a/test_one.yaml", 0),
        ("cassettes/test_a/test_one.yaml", 1),
        ("cassettes/test_b/test_two.yaml", 0),
    ]


# --------------------------------------------------------------------------- robustness


READERS = (".json", ".jsonl", ".yaml", ".har", ".ndjson", ".yml", ".log", "")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from(READERS))
def test_arbitrary_bytes_never_raise(tmp_path, data, suffix) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    for item in read_recordings(path):
        assert isinstance(item, (Recording, Skipped, Unreadable))
        str(item.origin if not isinstance(item, Unreadable) else item)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.binary(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "status": JSON_VALUES | st.fixed_dictionaries({"code": JSON_VALUES}),
        "headers": JSON_VALUES
        | st.dictionaries(st.sampled_from(["Content-Type", "Content-Encoding"]), JSON_VALUES),
        "body": JSON_VALUES | st.fixed_dictionaries({"string": JSON_VALUES}),
    },
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(request=JSON_VALUES, response=FIELDS | JSON_VALUES)
def test_arbitrary_cassette_shapes_never_raise(tmp_path, request, response) -> None:
    path = tmp_path / "shapes.yaml"
    path.write_text(yaml.safe_dump({"interactions": [{"request": request, "response": response}]}))
    for item in read_recordings(path):
        assert isinstance(item, (Recording, Skipped, Unreadable))


COMPRESSORS = {
    "identity": lambda data: data,
    "gzip": lambda data: gzip.compress(data, mtime=0),
    "deflate": zlib.compress,
    "raw-deflate": raw_deflate,
}
if BROTLI is not None:
    COMPRESSORS["br"] = BROTLI.compress
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/json",
        "application/vnd.api+json; charset=UTF-8",
        "text/html",
        'application/json; charset="utf-16"',
        "application/json; charset=base64",
        "application/json; charset=punycode",
        "application/json; charset=undefined",
        "application/json; charset=utf-7",
        "application/json; charset",
    ]
)
CODINGS = st.lists(st.sampled_from(["gzip", "br", "deflate", "identity", "x-gzip", ""]), max_size=2)
PLAIN_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=200),
    compression=st.sampled_from(sorted(COMPRESSORS)),
    content_type=CONTENT_TYPES,
    codings=CODINGS,
)
def test_any_body_is_parsed_or_skipped(data, compression, content_type, codings) -> None:
    body = COMPRESSORS[compression](data)
    result = _body.body_from_bytes(body, _body.Headers(content_type, tuple(codings)), "b")
    assert isinstance(result, (_body.BodySkip, ParsedJSON))


@settings(max_examples=200, deadline=None)
@given(value=PLAIN_JSON, compression=st.sampled_from(sorted(COMPRESSORS)), stale=st.booleans())
def test_json_bodies_read_back_whatever_the_compression(value, compression, stale) -> None:
    """Declared codings are trusted; gzip and zlib are found without a header; text as is."""
    body = COMPRESSORS[compression](json.dumps(value).encode())
    declared = {"raw-deflate": "deflate"}.get(compression, compression)
    if compression == "identity" and stale:
        declared = "gzip"  # decoded text under a stale header
    elif stale and compression in ("gzip", "deflate"):
        declared = ""  # no header: sniffed
    result = _body.body_from_bytes(body, _body.Headers("application/json", (declared,)), "b")
    assert isinstance(result, ParsedJSON) and result.value == value


@pytest.mark.parametrize("charset", ["base64", "zlib", "rot13", "no-such-charset"])
def test_charsets_that_are_not_text_encodings_are_refused(tmp_path, charset) -> None:
    headers = {"Content-Type": [f"application/json; charset={charset}"]}
    item = skipped(write_cassette(tmp_path / "c.yaml", interaction(TEXT.encode(), headers=headers)))
    assert item.code == "HSC-R-CHARSET" and charset in item.reason


# --------------------------------------------------------------------------- the bundled fixtures


def _expected() -> dict[str, list[dict[str, Any]]]:
    return tomllib.loads((RECORDINGS / "expected.toml").read_text("utf-8"))


def _label(item: Recording | Skipped | Unreadable) -> str:
    if isinstance(item, Unreadable):
        index = next((w for w in item.message.split(":")[0].split() if w.isdigit()), None)
        if item.message.startswith("record "):
            return f"line {item.line}"
        return f"interaction {index}" if item.message.startswith("interaction") else "file"
    origin = item.origin
    if origin.kind == "jsonl":
        return f"line {origin.line}"
    return f"{'entry' if origin.kind == 'har' else 'interaction'} {origin.index}"


@pytest.mark.parametrize("name", sorted(_expected()))
def test_bundled_recordings_report_what_expected_toml_says(name, vendored) -> None:
    routes = vendored_routes()
    items = list(read_recordings(RECORDINGS / name, name))
    expected = _expected()[name]
    assert [_label(i) for i in items] == [e["at"] for e in expected]
    for item, want in zip(items, expected, strict=True):
        if want["outcome"] == "unreadable":
            assert isinstance(item, Unreadable) and item.line == want["line"]
            assert want["reason"] in item.message
        elif BROTLI is None and isinstance(item, Skipped) and item.code == "HSC-R-BROTLI-MISSING":
            continue  # the brotli cassette needs the optional brotli package
        elif want.get("reason", "").startswith("HSC-R-") and want["reason"] != "HSC-R-NO-ROUTE":
            assert isinstance(item, Skipped) and item.code == want["reason"]
        else:
            assert isinstance(item, Recording)
            route = routes.match(
                item.origin.method or "", item.origin.url or "", item.origin.status
            )
            if want.get("reason") == "HSC-R-NO-ROUTE":
                assert route is None
                continue
            type_name = route.type_name if route else want["type"]  # JSON Lines: --type
            assert type_name == want["type"]
            result = vendored.validate(item.payload.value, type_name)
            found = sorted([f.code, f.instance] for f in result.findings)
            # the HTTP-level rules are the checker's (tests/test_check_recordings.py)
            schema_level = sorted(f for f in want["findings"] if not f[0].startswith("HSC-H-"))
            assert found == schema_level
            assert result.ok == (not schema_level)


def test_the_bundled_gzip_binary_and_base64_recordings_are_the_real_thing() -> None:
    gzip_cassette = (
        RECORDINGS / "cassettes/test_crm_objects/test_batch_update_gzip.yaml"
    ).read_text()
    assert "string: !!binary" in gzip_cassette and "- gzip" in gzip_cassette
    stale = (
        RECORDINGS / "cassettes/test_crm_objects/test_batch_update_stale_encoding.yaml"
    ).read_text()
    assert "!!binary" not in stale and "- gzip" in stale
    har = json.loads((RECORDINGS / "har/hubspot-batch-session.har").read_text())
    assert any(e["response"]["content"].get("encoding") == "base64" for e in har["log"]["entries"])
