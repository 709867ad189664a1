"""``pack diff`` on small packs: each kind of change classified, proven and located."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import PackFactory
from helpers import run_cli, schema, structure

import hsconform
from hsconform.evolution import Change, diff_packs

STEM = "things-api-thing"
NAME = "things-api/Thing"
Documents = tuple[dict[str, Any], dict[str, Any]]


def _base() -> Documents:
    properties = {
        "id": {"type": "string"},
        "state": {"type": "string", "enum": ["ON", "OFF"]},
        "note": {"type": "string", "description": "a note"},
    }
    js = schema(
        "Thing",
        type="object",
        properties={**properties, "count": {"type": "integer", "maximum": 10}},
        required=["id"],
    )
    st = structure(
        "Thing",
        type="object",
        properties={**properties, "count": {"type": "int32", "maximum": 10}},
        required=["id"],
    )
    return js, st


def _packs(
    make_pack: PackFactory, edit: Callable[[dict[str, Any], str], None]
) -> tuple[hsconform.Pack, hsconform.Pack]:
    js, st = _base()
    old = make_pack({STEM: js}, {STEM: st}, name="old")
    new_js, new_st = copy.deepcopy(js), copy.deepcopy(st)
    edit(new_js, "json-schema")
    edit(new_st, "json-structure")
    new = make_pack({STEM: new_js}, {STEM: new_st}, name="new")
    return hsconform.load_pack(old), hsconform.load_pack(new)


def _closed(document: dict[str, Any], dialect: str) -> None:
    document["additionalProperties"] = False


def _set(pointer: str, value: Any) -> Callable[[dict[str, Any], str], None]:
    def edit(document: dict[str, Any], dialect: str) -> None:
        *parents, last = pointer.split("/")[1:]
        node = document
        for token in parents:
            node = node[token]
        node[last] = value

    return edit


def _drop(pointer: str) -> Callable[[dict[str, Any], str], None]:
    def edit(document: dict[str, Any], dialect: str) -> None:
        *parents, last = pointer.split("/")[1:]
        node = document
        for token in parents:
            node = node[token]
        del node[last]

    return edit


CASES = {
    "property became required": (_set("/required", ["id", "note"]), "breaking", "HSC-PD-REQUIRED"),
    "property no longer required": (_set("/required", []), "widening", "HSC-PD-REQUIRED"),
    "type narrowed": (_set("/properties/note/type", "boolean"), "breaking", "HSC-PD-TYPE"),
    "enum value removed": (_set("/properties/state/enum", ["ON"]), "breaking", "HSC-PD-ENUM"),
    "enum value added": (
        _set("/properties/state/enum", ["ON", "OFF", "ABSENT"]),
        "widening",
        "HSC-PD-ENUM",
    ),
    "bound tightened": (_set("/properties/count/maximum", 5), "breaking", "HSC-PD-INT-RANGE"),
    "bound loosened": (_set("/properties/count/maximum", 50), "widening", "HSC-PD-INT-RANGE"),
    "length bound added": (_set("/properties/note/maxLength", 1), "breaking", "HSC-PD-MAX-LENGTH"),
    "object closed": (_closed, "breaking", "HSC-PD-ADDITIONAL"),
    "property removed from an open object": (
        _drop("/properties/note"),
        "widening",
        "HSC-PD-PROPERTY",
    ),
    "null now accepted": (
        _set("/properties/note/type", ["string", "null"]),
        "widening",
        "HSC-PD-NULLABLE",
    ),
    "description changed": (
        _set("/properties/note/description", "another note"),
        "annotation",
        "HSC-PD-ANNOTATION",
    ),
    "examples added": (
        _set("/properties/note/examples", ["hello"]),
        "annotation",
        "HSC-PD-ANNOTATION",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_change_is_classified_in_both_dialects(make_pack: PackFactory, case: str) -> None:
    edit, change_class, code = CASES[case]
    old, new = _packs(make_pack, edit)
    changes = diff_packs(old, new)
    assert {(c.type, c.dialect, c.change_class.value, c.code) for c in changes} == {
        (NAME, "json-schema", change_class, code),
        (NAME, "json-structure", change_class, code),
    }
    for change in changes:
        _assert_proven(old, new, change)


def _assert_proven(old: hsconform.Pack, new: hsconform.Pack, change: Change) -> None:
    assert change.old is not None and change.new is not None
    if change.change_class.value not in ("breaking", "widening"):
        assert change.witness is None
        return
    assert change.dialect is not None
    verdicts = (
        old.validate(change.witness, change.type, variant=change.dialect).ok,
        new.validate(change.witness, change.type, variant=change.dialect).ok,
    )
    assert verdicts == ((True, False) if change.change_class.value == "breaking" else (False, True))


def test_a_property_removed_under_a_closed_object_is_breaking(make_pack: PackFactory) -> None:
    js, st = _base()
    for document in (js, st):
        _closed(document, "")
    old = make_pack({STEM: js}, {STEM: st}, name="old")
    for document in (js, st):
        del document["properties"]["note"]
        document["properties"]["added"] = {"type": "string"}
    new = make_pack({STEM: js}, {STEM: st}, name="new")
    old_pack, new_pack = hsconform.load_pack(old), hsconform.load_pack(new)
    changes = diff_packs(old_pack, new_pack)
    found = {(c.message, c.change_class.value) for c in changes if c.dialect == "json-schema"}
    assert found == {
        ("property 'note' was removed", "breaking"),
        ("property 'added' was added", "widening"),
    }
    for change in changes:
        _assert_proven(old_pack, new_pack, change)
    removed = next(c for c in changes if "'note'" in c.message)
    assert removed.old is not None and removed.old.pointer == "/properties/note"
    assert removed.new is not None and removed.new.pointer == ""


def test_a_new_property_of_an_open_object_is_breaking_the_value_it_held_is_now_judged(
    make_pack: PackFactory,
) -> None:
    old, new = _packs(make_pack, _set("/properties/added", {"type": "string"}))
    changes = diff_packs(old, new)
    assert {c.change_class.value for c in changes} == {"breaking"}
    for change in changes:
        assert isinstance(change.witness, dict) and change.witness["added"] != "x"
        _assert_proven(old, new, change)


def test_reordered_keys_and_whitespace_report_nothing(make_pack: PackFactory) -> None:
    js, st = _base()
    old = make_pack({STEM: js}, {STEM: st}, name="old")
    new = make_pack(
        {STEM: json.dumps(dict(reversed(js.items())), indent=7)},
        {STEM: json.dumps(dict(reversed(st.items())), separators=(",", ":"))},
        name="new",
    )
    assert diff_packs(hsconform.load_pack(old), hsconform.load_pack(new)) == ()


def test_types_added_and_removed_and_matched_by_title(make_pack: PackFactory) -> None:
    js, st = _base()
    other = schema("Other", type="object", properties={"a": {"type": "string"}})
    old = make_pack({STEM: js, "things-api-other": other}, {STEM: st}, name="old")
    added = schema("Added", type="object")
    # the file of Thing moved to another family: still matched, by its title
    new = make_pack(
        {"things-v2-thing": js, "things-api-added": added}, {"things-v2-thing": st}, name="new"
    )
    changes = diff_packs(hsconform.load_pack(old), hsconform.load_pack(new))
    assert [(c.type, c.change_class.value, c.code) for c in changes] == [
        ("things-api/Added", "added", "HSC-PD-TYPE-ADDED"),
        ("things-api/Other", "removed", "HSC-PD-TYPE-REMOVED"),
    ]
    assert changes[0].old is None and changes[0].new is not None
    assert changes[1].new is None and changes[1].old is not None


def test_a_change_in_a_referenced_type_is_reported_through_the_reference(
    make_pack: PackFactory,
) -> None:
    item = schema(
        "Item", type="object", properties={"state": {"type": "string", "enum": ["A", "B"]}}
    )
    holder = schema(
        "Holder",
        type="object",
        properties={"item": {"$ref": "things-api-item-schema.json"}},
        required=["item"],
    )
    old = make_pack({"things-api-item": item, "things-api-holder": holder}, name="old")
    item["properties"]["state"]["enum"] = ["A"]
    new = make_pack({"things-api-item": item, "things-api-holder": holder}, name="new")
    changes = diff_packs(hsconform.load_pack(old), hsconform.load_pack(new))
    by_type = {c.type: c for c in changes}
    assert set(by_type) == {"things-api/Item", "things-api/Holder"}
    through = by_type["things-api/Holder"]
    assert through.change_class.value == "breaking"
    assert through.instance == "/item/state"
    assert "through a reference" in through.message
    assert through.new is not None and through.new.file == "json-schema/things-api-item-schema.json"
    assert through.witness == {"item": {"state": "B"}}


def _cli_packs(
    make_pack: PackFactory, edit: Callable[[dict[str, Any], str], None]
) -> tuple[str, str]:
    old, new = _packs(make_pack, edit)
    return str(old.root), str(new.root)


def test_the_command_exits_1_on_a_breaking_change_and_lists_it_as_json(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _cli_packs(make_pack, _set("/properties/state/enum", ["ON"]))
    code, out, _ = run_cli(capsys, "pack", "diff", old, new, "--format", "json")
    assert code == 1
    listed = json.loads(out)
    assert [(c["type"], c["class"], c["dialect"]) for c in listed] == [
        (NAME, "breaking", "json-schema"),
        (NAME, "breaking", "json-structure"),
    ]
    first = listed[0]
    assert first["old"] == "json-schema/things-api-thing-schema.json#/properties/state"
    assert first["new"] == first["old"]
    assert first["witness"] == {"id": "x", "state": "OFF"}
    assert first["message"] == "enum values removed ['OFF']"


def test_widening_fails_the_command_only_when_asked(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _cli_packs(make_pack, _set("/properties/state/enum", ["ON", "OFF", "ABSENT"]))
    assert run_cli(capsys, "pack", "diff", old, new)[0] == 0
    assert run_cli(capsys, "pack", "diff", old, new, "--fail-on", "widening")[0] == 1


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif"])
def test_every_report_format_shows_the_change_and_its_witness(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    old, new = _cli_packs(make_pack, _set("/required", ["id", "note"]))
    code, out, _ = run_cli(capsys, "pack", "diff", old, new, "--format", fmt)
    assert code == 1
    assert "HSC-PD-REQUIRED" in out
    assert "property 'note' became required" in out
    assert '"id": "x"' in out or '"id":"x"' in out


def test_no_change_exits_0(make_pack: PackFactory, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _cli_packs(make_pack, lambda document, dialect: None)
    code, out, _ = run_cli(capsys, "pack", "diff", old, new, "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_a_folder_that_is_not_a_pack_is_an_input_error(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old, _ = _cli_packs(make_pack, lambda document, dialect: None)
    (tmp_path / "empty").mkdir()
    code, out, err = run_cli(capsys, "pack", "diff", old, str(tmp_path / "empty"))
    assert (code, out) == (2, "")
    assert f"NEW {tmp_path / 'empty'}" in err and "not a schema pack" in err
    code, _, err = run_cli(capsys, "pack", "diff", str(tmp_path / "missing"), old)
    assert code == 2 and f"OLD {tmp_path / 'missing'}: does not exist" in err


def test_an_annotation_change_says_where_in_the_payload_it_applies(make_pack: PackFactory) -> None:
    old, new = _packs(make_pack, _set("/properties/note/description", "another"))
    changes = diff_packs(old, new)
    assert {(c.instance, c.message) for c in changes} == {("/note", "description changed")}
    assert all(
        c.new is not None and c.new.pointer == "/properties/note/description" for c in changes
    )


def _routes(root: Path, routes: list[dict[str, Any]]) -> None:
    (root / "routes.json").write_text(json.dumps({"routes": routes}), encoding="utf-8")


def test_route_changes_statuses_removed_and_response_types_changed(make_pack: PackFactory) -> None:
    js, st = _base()
    error = schema("Error", type="object", properties={"message": {"type": "string"}})
    error["required"] = ["message"]
    old = make_pack({STEM: js, "things-api-error": error}, {STEM: st}, name="old")
    new = make_pack({STEM: js, "things-api-error": error}, {STEM: st}, name="new")
    thing, failure = NAME, "things-api/Error"
    _routes(
        old,
        [{"method": "GET", "path": "/things/{id}", "responses": {"200": thing, "404": failure}}],
    )
    _routes(
        new,
        [
            {"method": "GET", "path": "/things/{thingId}", "responses": {"200": failure}},
            {"method": "POST", "path": "/things", "responses": {"201": thing}},
        ],
    )
    old_pack, new_pack = hsconform.load_pack(old), hsconform.load_pack(new)
    changes = diff_packs(old_pack, new_pack)
    found = {(c.code, c.change_class.value, c.dialect) for c in changes}
    assert found == {
        ("HSC-PD-STATUS-REMOVED", "breaking", None),
        ("HSC-PD-ROUTE-TYPE", "breaking", "json-schema"),
        ("HSC-PD-ROUTE-ADDED", "added", None),
    }
    removed = next(c for c in changes if c.code == "HSC-PD-STATUS-REMOVED")
    assert removed.witness["status"] == 404 and removed.accepted_by == "old"
    assert old_pack.validate(removed.witness["body"], failure).ok
    assert new_pack.routes.table.match("GET", removed.witness["path"], 404) is None
    retyped = next(c for c in changes if c.code == "HSC-PD-ROUTE-TYPE")
    assert "GET /things/{id} 200" in retyped.message
    assert old_pack.validate(retyped.witness, thing).ok
    assert not new_pack.validate(retyped.witness, failure).ok


def test_a_variant_added_to_a_type_is_reported_for_that_dialect(make_pack: PackFactory) -> None:
    js, st = _base()
    old = make_pack({STEM: js}, name="old")
    new = make_pack({STEM: js}, {STEM: st}, name="new")
    changes = diff_packs(hsconform.load_pack(old), hsconform.load_pack(new))
    assert [(c.type, c.change_class.value, c.dialect, c.code) for c in changes] == [
        (NAME, "added", "json-structure", "HSC-PD-TYPE-ADDED")
    ]


def test_the_report_names_both_versions(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _cli_packs(make_pack, _set("/required", ["id", "note"]))
    _, out, _ = run_cli(capsys, "pack", "diff", old, new)
    first, *_, note, _, summary = out.splitlines()
    assert first.startswith("hsconform pack diff (profile: published, pack: new sha256:")
    assert note.startswith("note: compared with the old version: old sha256:")
    assert summary.startswith("1 changed type(s): 0 ok, 1 failed")
