"""JSON Schema patterns: ECMA-262 semantics in linear time; a pattern that cannot compile is a
load problem with its location."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from helpers import schema

import hsconform
from hsconform.cli import main
from hsconform.errors import PackError

CATASTROPHIC = "^(a+)+$"


def _catastrophic_pack(make_pack: Any, engine: str = "jsonschema-rs") -> hsconform.Pack:
    document = schema(
        "T",
        type="object",
        properties={"name": {"type": "string", "pattern": CATASTROPHIC}},
        patternProperties={CATASTROPHIC: {"type": "integer"}},
        propertyNames={"pattern": CATASTROPHIC},
    )
    return hsconform.load_pack(make_pack(schemas={"test-api-t": document}), engine=engine)


@pytest.mark.parametrize("engine", ["jsonschema-rs", "reference"])
def test_a_catastrophic_pattern_is_bounded_in_every_keyword(make_pack: Any, engine: str) -> None:
    pack = _catastrophic_pack(make_pack, engine)
    evil = "a" * 100_000 + "!"
    results: list[hsconform.Result] = []
    worker = threading.Thread(target=lambda: results.append(pack.validate({evil: evil}, "T")))
    worker.start()
    worker.join(timeout=30)  # a backtracking engine would run for ages; linear time is instant
    assert not worker.is_alive()
    assert [(f.code, f.keyword) for f in results[0].findings] == [("HSC-V-PATTERN", "pattern")]


@pytest.mark.parametrize("engine", ["jsonschema-rs", "reference"])
def test_patterns_have_ecma_262_semantics(make_pack: Any, engine: str) -> None:
    document = schema("T", type="string", pattern="^\\d+$")
    pack = hsconform.load_pack(make_pack(schemas={"test-api-t": document}), engine=engine)
    assert pack.validate("123", "T").ok
    assert not pack.validate("\u0661\u0662", "T").ok  # Arabic-Indic digits: not ECMA-262 \d


def test_an_uncompilable_pattern_is_a_located_load_problem(make_pack: Any) -> None:
    document = schema(
        "T",
        properties={"a": {"pattern": "(unclosed"}},
        patternProperties={"[z-a]": True},
        enum=[{"pattern": "(data, not a schema"}],
    )
    with pytest.raises(PackError) as caught:
        hsconform.load_pack(make_pack(schemas={"test-api-t": document}))
    problems = [(p.code, p.pointer) for p in caught.value.problems]
    assert sorted(problems) == [
        ("HSC-PACK-PATTERN", "/patternProperties/[z-a]"),
        ("HSC-PACK-PATTERN", "/properties/a/pattern"),
    ]
    assert "'(unclosed' is not a valid ECMA-262 regular expression" in str(caught.value)


def test_check_exits_2_on_an_uncompilable_pattern(
    make_pack: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack(schemas={"test-api-t": schema("T", pattern="(unclosed")})
    payload = tmp_path / "t.json"
    payload.write_text(json.dumps("x"), encoding="utf-8")
    code = main(["check", "--schemas", str(root), "--type", "T", str(payload)])
    err = capsys.readouterr().err
    assert code == 2
    assert "HSC-PACK-PATTERN" in err and "test-api-t-schema.json" in err and "/pattern" in err
