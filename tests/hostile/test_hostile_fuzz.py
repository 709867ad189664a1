"""Every reader, fuzzed with what default strategies rarely draw: huge integers, lone
surrogates, odd URLs and deep nesting. A reader returns items or raises its own located error.

The default Hypothesis profile keeps this quick; ``--hypothesis-profile=thorough`` runs longer.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from hostile_support import FORMATS, assert_well_formed
from hypothesis import given
from hypothesis import strategies as st

from hsconform.check.checker import FileTarget, Selection, check_file_safely
from hsconform.config import load_config
from hsconform.errors import ConfigError, PackError, PayloadError
from hsconform.jsontext import parse_json_text
from hsconform.outcomes import Report
from hsconform.pack import load_pack
from hsconform.recordings import Item, read_recordings
from hsconform.report import REPORTERS

LIMIT = sys.get_int_max_str_digits()
E = TypeVar("E", bound=BaseException)


def raised(call: Callable[[], object], expected: type[E]) -> E | None:
    """The ``expected`` error ``call`` raised, or ``None``; any other error fails the test."""
    try:
        call()
    except expected as error:
        return error
    return None


huge_integers = st.integers(LIMIT - 2, LIMIT + 50).map(lambda n: int("9" * n) if n <= LIMIT else n)
surrogates = st.integers(0xD800, 0xDFFF).map(chr)
hostile_text = st.text(
    st.one_of(st.characters(), surrogates, st.sampled_from("\x1b\x07\x85\u2028\r\n\x00")),
    max_size=20,
)
odd_urls = st.one_of(
    st.sampled_from(
        [
            "http://[::1",
            "http://[::1]x/",
            "http://h:99999999/",
            "//",
            "http://\x00/",
            "\udfff",
            "https://api.hubapi.com/crm/v3/objects/contacts/batch/read?\x1b[2J",
            "",
        ]
    ),
    st.text(max_size=30).map(lambda tail: "http://" + tail),
)


def _json_value(leaf: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaf,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3)
        ),
        max_leaves=10,
    )


leaves = st.one_of(st.none(), st.booleans(), st.integers(), huge_integers, hostile_text, odd_urls)
values = _json_value(leaves)


def _json_text(value: Any) -> str:
    """JSON text of ``value``, huge integers written out however long they are."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 10**LIMIT:
        return "9" * (value if value < 10**6 else LIMIT + 1)
    if isinstance(value, list):
        return "[" + ",".join(map(_json_text, value)) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_json_text(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


deep_text = st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth)
json_texts = st.one_of(values.map(_json_text), deep_text, st.text(max_size=40))


@given(json_texts)
def test_json_text_parses_or_is_a_located_payload_error(text: str) -> None:
    error = raised(lambda: parse_json_text(text, "f.json"), PayloadError)
    assert error is None or (error.file == "f.json" and error.reason)


def read_file(name: str, content: str | bytes) -> list[Item]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        path.write_bytes(data)
        return list(read_recordings(path))


@given(st.lists(json_texts, max_size=4))
def test_json_lines_are_read_record_by_record(lines: list[str]) -> None:
    items = read_file("r.jsonl", "\n".join(line.replace("\n", " ") for line in lines))
    assert all(item is not None for item in items)


def interactions(draw_value: Any, url: str, code: Any, body: Any) -> dict[str, Any]:
    return {
        "version": 1,
        "interactions": [
            {
                "request": {"method": "POST", "uri": url},
                "response": {
                    "status": {"code": code},
                    "headers": draw_value,
                    "body": {"string": body},
                },
            }
        ],
    }


statuses = st.one_of(st.integers(), huge_integers, st.sampled_from(["²⁰⁷", "200", " 207 ", "2OO"]))


@given(values, odd_urls, statuses, st.one_of(json_texts, values))
def test_cassettes_json_and_yaml_are_read_whatever_they_hold(
    headers: Any, url: str, code: Any, body: Any
) -> None:
    document = interactions(headers, url, code, body)
    as_json = _json_text(document)
    read_file("c.json", as_json)
    read_file("c.yaml", as_json)  # YAML is a superset: the YAML reader reads the same text
    try:
        as_yaml = yaml.safe_dump(document, allow_unicode=True)
    except (yaml.YAMLError, ValueError):  # PyYAML cannot write lone surrogates
        return
    read_file("c.yaml", as_yaml)


@given(odd_urls, statuses, st.one_of(json_texts, values), values)
def test_har_files_are_read_whatever_they_hold(
    url: str, status: Any, text: Any, extra: Any
) -> None:
    entry = {
        "request": {"method": "GET", "url": url},
        "response": {"status": status, "content": {"text": text, "mimeType": extra}},
    }
    read_file("a.har", _json_text({"log": {"entries": [entry, extra]}}))


toml_values = st.one_of(
    st.text(max_size=10).map(json.dumps),
    huge_integers.map(lambda n: str(n) if n < 10**LIMIT else "9" * (LIMIT + 1)),
    st.sampled_from(["true", "[1, 2", "{a = 1}", '"\\udfff"', "'**/' * 3"]),
)


@given(
    st.sampled_from(["schemas", "paths", "exclude", "strict", "limits", "types", "bogus"]),
    toml_values,
    st.binary(max_size=8),
)
def test_configuration_loads_or_is_a_config_error(key: str, value: str, noise: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hsconform.toml"
        path.write_bytes(f"{key} = {value}\n".encode() + noise)
        error = raised(lambda: load_config(path), ConfigError)
        assert error is None or str(path) in str(error)


schema_documents = st.fixed_dictionaries(
    {"$schema": st.just("https://json-schema.org/draft/2020-12/schema"), "title": st.just("A")},
    optional={
        "$id": odd_urls,
        "$ref": st.one_of(odd_urls, st.integers()),
        "type": values,
        "properties": st.dictionaries(hostile_text, values, max_size=2),
        "maximum": huge_integers,
    },
)


@given(schema_documents, values)
def test_pack_documents_load_or_are_located_problems_and_check_never_raises(
    document: dict[str, Any], payload: Any
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "json-schema").mkdir()
        (root / "json-schema" / "a-api-a-schema.json").write_text(
            _json_text(document), encoding="utf-8", errors="surrogatepass"
        )
        error = raised(lambda: load_pack(root), PackError)
        if error is not None:
            assert error.problems and all(p.file for p in error.problems)
            return
        pack = load_pack(root)
        data = root / "p.json"
        data.write_text(_json_text(payload), encoding="utf-8", errors="surrogatepass")
        result = check_file_safely(
            pack, FileTarget(data, named=True), Selection(explicit="A"), variant="json-schema"
        )
        report = Report(outcomes=result.outcomes)
        for format_name in FORMATS:
            stream = io.StringIO()
            REPORTERS[format_name](report, stream)
            assert_well_formed(format_name, stream.getvalue())
