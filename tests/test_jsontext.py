"""Reading JSON text: strictness, duplicate members, positions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsconform.errors import PayloadError
from hsconform.jsontext import escape_pointer_token, parse_json_text, read_json_file, scan

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet='ab/~"\\ 1é', max_size=3), inner, max_size=4)
    ),
    max_leaves=15,
)


def _pointers(value: Any, pointer: str = "") -> list[str]:
    found = [pointer, f"{pointer}/missing", f"{pointer}/0"]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _pointers(child, f"{pointer}/{escape_pointer_token(key)}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _pointers(child, f"{pointer}/{index}")
    return found


@given(VALUES, st.sampled_from([None, 0, 2]), st.sampled_from(["", " \n", "\t\r\n "]))
def test_a_value_is_located_alike_with_or_without_the_position_map(
    value: Any, indent: int | None, margin: str
) -> None:
    text = margin + json.dumps(value, indent=indent, ensure_ascii=False) + margin
    for pointer in _pointers(value):
        walked = parse_json_text(text, "x.json").locate(pointer)
        assert walked == scan(text).locate(pointer), pointer


def test_positions_of_values_by_pointer() -> None:
    text = '{\n  "a": [1, {"b/c": "x"}],\n  "d~": null\n}'
    parsed = parse_json_text(text, "t.json")
    assert parsed.locate("") == (1, 1)
    assert parsed.locate("/a") == (2, 8)
    assert parsed.locate("/a/1/b~1c") == (2, 20)
    assert parsed.locate("/d~0") == (3, 9)
    # an absent member is placed at its nearest ancestor
    assert parsed.locate("/a/1/missing") == (2, 12)


def test_duplicate_members_are_flagged_with_their_pointers() -> None:
    parsed = parse_json_text('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}', "t.json")
    assert parsed.value == {"a": 3, "b": {"c": 2}}
    assert sorted(parsed.duplicates) == ["/a", "/b/c"]
    assert parse_json_text('{"a": 1}', "t.json").duplicates == ()


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "a": 1,\n}', 3, 1),
        ('{"a": NaN}', 1, 7),
        ("[1, 2, Infinity]", 1, 8),
        ("", 1, 1),
    ],
)
def test_malformed_json_is_located(text: str, line: int, column: int) -> None:
    with pytest.raises(PayloadError) as caught:
        parse_json_text(text, "bad.json")
    assert (caught.value.file, caught.value.line, caught.value.column) == ("bad.json", line, column)
    assert str(caught.value).startswith(f"bad.json:{line}:{column}: ")


def test_nesting_too_deep_for_the_parser_is_a_located_error() -> None:
    text = "[" * 100_000 + "]" * 100_000
    with pytest.raises(PayloadError, match="nested 100000 levels deep") as caught:
        parse_json_text(text, "deep.json")
    assert caught.value.line == 1


def test_big_integers_stay_exact() -> None:
    assert parse_json_text("[123456789012345678901234567890]", "t").value == [
        123456789012345678901234567890
    ]


def test_file_errors_name_the_file(tmp_path) -> None:
    with pytest.raises(PayloadError, match="cannot read file") as missing:
        read_json_file(tmp_path / "missing.json")
    assert isinstance(missing.value.__cause__, FileNotFoundError)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"name": "Jos\xe9"}')
    with pytest.raises(PayloadError, match="not UTF-8") as caught:
        read_json_file(latin)
    assert (caught.value.line, caught.value.column) == (1, 14)
    assert isinstance(caught.value.__cause__, UnicodeDecodeError)  # the foreign error is kept
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert read_json_file(bom).value == {"a": 1}


def test_scan_stops_where_the_text_stops_being_json() -> None:
    text_map = scan('{"a": [1, 2}')
    assert text_map.stop_offset == 11
