"""Hostile configuration files and packs: a located error or a report, never a hang."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hostile_support import TYPE, assert_well_formed, run_cli

SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def payload(folder: Path, name: str = "p.json", text: str = '{"status": "x"}') -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_backtracking_globs_run_in_linear_time(tmp_path: Path) -> None:
    deep = "/".join(["d"] * 40)
    payload(tmp_path, f"{deep}/{'a' * 60}.json")
    (tmp_path / "hsconform.toml").write_text(
        f'exclude = ["{"*" * 25}b"]\n[types]\n"{"**/" * 30}{"*" * 25}x" = "{TYPE}"\n',
        encoding="utf-8",
    )
    started = time.monotonic()
    run = run_cli("check", "--format", "json", "d", cwd=tmp_path)
    assert time.monotonic() - started < 60
    assert run.code in (1, 3)  # the file is read; no glob gives it a type


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_as_configuration_is_refused(tmp_path: Path) -> None:
    run = run_cli("check", "--config", "/dev/zero", payload(tmp_path))
    assert run.code == 2 and "/dev/zero" in run.err and "regular file" in run.err


def test_a_fifo_among_recordings_is_refused_not_waited_on(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(tmp_path / "pipe.json")
    run = run_cli("check", "--type", TYPE, "--format", "json", tmp_path / "pipe.json")
    assert run.code == 2 and "regular file" in run.out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"strict = true\n# \xff\xfe\n", "2:3: the file is not UTF-8"),
        (b"strict = " + b"9" * 5000 + b"\n", "invalid TOML"),
        (b'[limits]\nbody-size = "lots"\n', "[limits]"),
        (b"[limits]\nspeed = 3\n", "unknown limit"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_the_file(
    tmp_path: Path, content: bytes, words: str
) -> None:
    config = tmp_path / "hsconform.toml"
    config.write_bytes(content)
    run = run_cli("check", "--config", config, payload(tmp_path))
    assert run.code == 2 and str(config) in run.err and words in run.err


def write_pack(root: Path, documents: dict[str, object]) -> Path:
    folder = root / "pack" / "json-schema"
    folder.mkdir(parents=True)
    for name, document in documents.items():
        text = document if isinstance(document, str) else json.dumps(document)
        (folder / name).write_text(text, encoding="utf-8")
    return root / "pack"


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (
            {"$schema": SCHEMA, "title": "A", "properties": {"x": {"$ref": "http://[::1"}}},
            "#/properties/x",
        ),
        ({"$schema": SCHEMA, "$id": "http://[::1", "title": "A"}, "#/$id"),
        (
            {"$schema": SCHEMA, "title": "A", "$defs": {"b": {"$id": "http://[::1"}}},
            "#/$defs/b/$id",
        ),
        ('{"title": "A", "maximum": ' + "9" * 5000 + "}", "HSC-PACK-INVALID-JSON"),
    ],
)
def test_a_malformed_pack_document_is_a_located_load_problem(
    tmp_path: Path, document: object, words: str
) -> None:
    pack = write_pack(tmp_path, {"a-api-a-schema.json": document})
    run = run_cli("check", "--schemas", pack, "--type", "A", payload(tmp_path))
    assert run.code == 2 and "a-api-a-schema.json" in run.err and words in run.err


@pytest.mark.parametrize("keyword", ["type", "$ref", "minimum"])
def test_a_number_where_the_metaschema_wants_a_string_is_reported_not_raised(
    tmp_path: Path, keyword: str
) -> None:
    wrong = {"type": 5, "$ref": 5, "minimum": "five"}[keyword]
    document = {"$schema": SCHEMA, "title": "A", "properties": {"x": {keyword: wrong}}}
    pack = write_pack(tmp_path, {"a-api-a-schema.json": document})
    run = run_cli("check", "--schemas", pack, "--type", "A", "--format", "json", payload(tmp_path))
    assert run.code == 2
    report = assert_well_formed("json", run.out)
    assert report["findings"] and "a-api-a-schema.json" in run.out


def test_a_chain_of_three_hundred_references_validates(tmp_path: Path) -> None:
    documents: dict[str, object] = {}
    for index in range(300):
        document: dict[str, object] = {"$schema": SCHEMA, "title": f"T{index}", "type": "object"}
        if index < 299:
            document["properties"] = {"n": {"$ref": f"c-api-t{index + 1}-schema.json"}}
        documents[f"c-api-t{index}-schema.json"] = document
    pack = write_pack(tmp_path, documents)
    nested = '{"n": ' * 299 + "1" + "}" * 299
    data = payload(tmp_path, text=nested)
    for engine in ("jsonschema-rs", "reference"):
        run = run_cli("check", "--schemas", pack, "--engine", engine, "--type", "T0", data)
        assert run.code == 1  # a finding (the type, or the depth guard), never RecursionError


def test_escape_sequences_in_pack_names_are_shown_not_obeyed(tmp_path: Path) -> None:
    title = "A\x1b]0;owned\x07\x1b[2J"
    pack = write_pack(
        tmp_path,
        {
            "a-api-a-schema.json": {"$schema": SCHEMA, "title": title, "type": "object"},
            "b-api-\x1b[31m-schema.json": "{not json",
        },
    )
    run = run_cli("types", "--schemas", pack)
    assert run.code == 2 and "\\x1b[31m" in run.err and "\x1b" not in run.err
    (pack / "json-schema" / "b-api-\x1b[31m-schema.json").unlink()
    listing = run_cli("types", "--schemas", pack)
    assert listing.code == 0 and "\\x1b" in listing.out and "\x1b" not in listing.out
