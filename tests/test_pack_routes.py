"""A pack carries its routes: its own ``openapi/`` and ``routes.json``, typed by content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import hsconform
from hsconform.cli.run import main
from hsconform.pack.routes import routes_of

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _schema(folder: Path, stem: str, title: str, properties: list[str], required=()) -> None:
    document = {
        "$schema": _DRAFT,
        "title": title,
        "type": "object",
        "properties": {name: {"type": "string"} for name in properties},
    }
    if required:
        document["required"] = list(required)
    (folder / "json-schema" / f"{stem}-schema.json").write_text(json.dumps(document))


def _openapi(paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "paths": paths, "components": {"schemas": schemas}}


def _get(status: str, component: str) -> dict[str, Any]:
    body = {"schema": {"$ref": f"#/components/schemas/{component}"}}
    return {"get": {"responses": {status: {"content": {"application/json": body}}}}}


def _component(properties: list[str], required=()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": {p: {} for p in properties}}
    if required:
        schema["required"] = list(required)
    return schema


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """Two generations of ``widgets`` with an equal Widget; Gadget differs in shape."""
    root = tmp_path / "pack"
    (root / "json-schema").mkdir(parents=True)
    (root / "openapi").mkdir()
    _schema(root, "widgets-api-widget", "Widget", ["id", "name"], ["id"])
    _schema(root, "hubspot-widgets-widget", "Widget", ["id", "name"], ["id"])
    _schema(root, "widgets-api-gadget", "Gadget", ["id"])
    _schema(root, "hubspot-widgets-gadget", "Gadget", ["id", "size"])
    _schema(root, "hubspot-widgets-error", "Error", ["message"])
    _schema(root, "hubspot-tools-error", "Error", ["message"])
    _schema(root, "hubspot-tools-tool", "Tool", ["id"])
    return root


def _write(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document) if path.suffix != ".json" else json.dumps(document))
    return path


def _table(pack: hsconform.Pack) -> dict[tuple[str, str, str], str]:
    return {(r.method, r.template, r.status): r.type_name for r in pack.routes.table}


def test_components_land_on_the_type_with_equal_content(pack_dir: Path) -> None:
    paths = {"/gadgets": _get("200", "Gadget"), "/widgets": _get("200", "Widget")}
    paths["/widgets"]["get"]["responses"]["default"] = {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    }
    schemas = {
        "Gadget": _component(["id", "size"]),
        "Widget": _component(["id", "name"], ["id"]),
        "Error": _component(["message"]),
    }
    _write(pack_dir / "openapi" / "deep" / "topic-openapi.yml", _openapi(paths, schemas))
    pack = hsconform.load_pack(pack_dir)
    assert _table(pack) == {
        # only the hubspot generation's Gadget has `size`
        ("GET", "/gadgets", "200"): "hubspot-widgets/Gadget",
        # equal in both generations: the *-api one
        ("GET", "/widgets", "200"): "widgets-api/Widget",
        # equal in two APIs: the API of the path's other types
        ("GET", "/widgets", "default"): "hubspot-widgets/Error",
    }
    rules = {(c.template, c.status): (c.rule, c.others) for c in pack.routes.choices}
    assert rules == {
        ("/widgets", "200"): ("the *-api generation", ("hubspot-widgets/Widget",)),
        ("/widgets", "default"): ("API of the path's other types", ("hubspot-tools/Error",)),
    }
    source = pack.routes.table.routes[0].source
    assert source == "openapi/deep/topic-openapi.yml#/paths/~1gadgets/get/responses/200"


def test_a_component_no_type_matches_is_a_counted_note(pack_dir: Path) -> None:
    paths = {"/a": _get("200", "Widget"), "/b": _get("200", "Nothing")}
    schemas = {"Widget": _component(["id"]), "Nothing": _component([])}
    _write(pack_dir / "openapi" / "a.yml", _openapi(paths, schemas))
    routes = hsconform.load_pack(pack_dir).routes
    assert len(routes.table) == 0
    assert routes.unmatched == 2
    messages = sorted(n.message for n in routes.notes if n.code == "HSC-ROUTE-NO-TYPE")
    assert "none with the component's properties and required" in messages[0]
    assert "no pack type is titled Nothing" in messages[1]
    assert {n.pointer for n in routes.notes} == {
        "/paths/~1a/get/responses/200",
        "/paths/~1b/get/responses/200",
    }


def test_a_bundler_suffix_or_an_own_title_names_the_type(pack_dir: Path) -> None:
    paths = {"/a": _get("200", "Tool_2"), "/b": _get("200", "Thing")}
    schemas = {"Tool_2": _component(["id"]), "Thing": {**_component(["id"]), "title": "Tool"}}
    _write(pack_dir / "openapi" / "a.yml", _openapi(paths, schemas))
    assert set(_table(hsconform.load_pack(pack_dir)).values()) == {"hubspot-tools/Tool"}


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("swagger.yml", "swagger: '2.0'\npaths: {}\n", "not an OpenAPI 3 document"),
        ("broken.yml", "openapi: 3.0.0\npaths: [\n", "invalid YAML"),
        ("broken.json", '{"openapi": ', "invalid JSON"),
        ("list.yml", "- 1\n", "not an OpenAPI 3 document"),
    ],
)
def test_a_bad_document_is_a_located_note_and_the_others_still_route(
    pack_dir: Path, name: str, text: str, words: str
) -> None:
    (pack_dir / "openapi" / name).write_text(text)
    _write(
        pack_dir / "openapi" / "good.yml",
        _openapi(_get("200", "Tool"), {})
        | {
            "paths": {"/tools": _get("200", "Tool")},
            "components": {"schemas": {"Tool": _component(["id"])}},
        },
    )
    routes = hsconform.load_pack(pack_dir).routes
    assert _table_of(routes) == {("GET", "/tools", "200"): "hubspot-tools/Tool"}
    (note,) = routes.notes
    assert note.code == "HSC-ROUTE-NOT-OPENAPI"
    assert note.file == f"openapi/{name}"
    assert words in note.message


def _table_of(routes: Any) -> dict[tuple[str, str, str], str]:
    return {(r.method, r.template, r.status): r.type_name for r in routes.table}


def test_a_dangling_ref_and_an_untyped_response_are_notes(pack_dir: Path) -> None:
    paths = {"/a": _get("200", "Missing"), "/b": _get("201", "Tool")}
    paths["/b"]["get"]["responses"]["201"]["content"]["application/json"]["schema"] = {
        "type": "object"
    }
    _write(pack_dir / "openapi" / "a.yml", _openapi(paths, {}))
    notes = hsconform.load_pack(pack_dir).routes.notes
    assert [(n.code, n.pointer) for n in notes] == [
        ("HSC-ROUTE-UNTYPED", "/paths/~1b/get/responses/201"),
        ("HSC-ROUTE-DANGLING-REF", "/paths/~1a/get/responses/200"),
    ]
    assert "#/components/schemas/Missing goes nowhere" in notes[1].message


def test_two_documents_with_different_types_make_a_note_naming_both(pack_dir: Path) -> None:
    _write(
        pack_dir / "openapi" / "a.yml",
        _openapi({"/x": _get("200", "Tool")}, {"Tool": _component(["id"])}),
    )
    _write(
        pack_dir / "openapi" / "b.yml",
        _openapi({"/x": _get("200", "Gadget")}, {"Gadget": _component(["id"])}),
    )
    _write(
        pack_dir / "openapi" / "c.yml",
        _openapi({"/x": _get("200", "Tool")}, {"Tool": _component(["id"])}),
    )
    routes = hsconform.load_pack(pack_dir).routes
    assert _table_of(routes) == {("GET", "/x", "200"): "hubspot-tools/Tool"}
    (note,) = routes.notes
    assert note.code == "HSC-ROUTE-CONFLICT"
    assert note.file == "openapi/b.yml"
    assert "widgets-api/Gadget here, hubspot-tools/Tool at openapi/a.yml#" in note.message


def test_routes_json_of_the_pack_wins_and_given_sources_win_over_the_pack(
    pack_dir: Path, tmp_path: Path
) -> None:
    _write(
        pack_dir / "openapi" / "a.yml",
        _openapi({"/x": _get("200", "Tool")}, {"Tool": _component(["id"])}),
    )
    own = {"routes": [{"method": "GET", "path": "/x", "responses": {"200": "Gadget-x"}}]}
    (pack_dir / "routes.json").write_text(json.dumps(own))
    given = {"routes": [{"method": "GET", "path": "/x", "responses": {"200": "given"}}]}
    (tmp_path / "given.json").write_text(json.dumps(given))
    pack = hsconform.load_pack(pack_dir)
    assert _table(pack) == {("GET", "/x", "200"): "Gadget-x"}
    assert [n.code for n in pack.routes.notes] == ["HSC-ROUTE-CONFLICT"]
    with_given = routes_of(pack, [tmp_path / "given.json"])
    assert _table_of(with_given) == {("GET", "/x", "200"): "given"}


def test_openapi_accepts_folders_and_globs(pack_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "specs"
    _write(
        elsewhere / "one" / "a.yaml",
        _openapi({"/a": _get("200", "Tool")}, {"Tool": _component(["id"])}),
    )
    _write(
        elsewhere / "b.json", _openapi({"/b": _get("200", "Tool")}, {"Tool": _component(["id"])})
    )
    pack = hsconform.load_pack(pack_dir)
    folder = _table_of(routes_of(pack, openapi=[elsewhere]))
    glob = _table_of(routes_of(pack, openapi=[elsewhere / "**" / "*.yaml"]))
    assert set(folder) == {("GET", "/a", "200"), ("GET", "/b", "200")}
    assert set(glob) == {("GET", "/a", "200")}


def test_the_routes_command(capsys: pytest.CaptureFixture[str], pack_dir: Path) -> None:
    _write(
        pack_dir / "openapi" / "a.yml",
        _openapi({"/x/{id}": _get("200", "Tool")}, {"Tool": _component(["id"])}),
    )
    (pack_dir / "openapi" / "bad.yml").write_text("openapi: [")
    code = main(["routes", "--schemas", str(pack_dir), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert json.loads(out) == [
        {
            "method": "GET",
            "path": "/x/{id}",
            "status": "200",
            "type": "hubspot-tools/Tool",
            "source": "openapi/a.yml#/paths/~1x~1{id}/get/responses/200",
        }
    ]
    assert "hsconform: note: openapi/bad.yml:2:1: [HSC-ROUTE-NOT-OPENAPI] invalid YAML" in err
    assert "Traceback" not in err
    code = main(["routes", "--schemas", str(pack_dir)])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith("routes: 1 from 2 OpenAPI document(s)")
    assert "GET     /x/{id}  200     hubspot-tools/Tool" in out
    assert "note: openapi/bad.yml:2:1: [HSC-ROUTE-NOT-OPENAPI]" in out
    code = main(["routes", "--schemas", str(pack_dir), "--openapi", str(pack_dir / "nope")])
    _, err = capsys.readouterr()
    assert code == 2
    assert "no such OpenAPI document or folder" in err


def test_the_vendored_pack_carries_its_routes_json(vendored: hsconform.Pack) -> None:
    routes = vendored.routes
    assert len(routes.table) > 10
    assert routes.notes == ()
    for route in routes.table:
        vendored.type(route.type_name)


def test_check_says_when_the_route_table_it_uses_has_notes(
    capsys: pytest.CaptureFixture[str], pack_dir: Path, tmp_path: Path
) -> None:
    (pack_dir / "openapi" / "bad.yml").write_text("openapi: [")
    cassette = tmp_path / "tools.yaml"
    body = {"string": '{"id": "1"}'}
    response = {"status": {"code": 200}, "headers": {}, "body": body}
    request = {"method": "GET", "uri": "https://api.hubapi.com/tools", "headers": {}}
    cassette.write_text(
        yaml.safe_dump({"interactions": [{"request": request, "response": response}]})
    )
    main(["check", "--schemas", str(pack_dir), str(cassette)])
    _, err = capsys.readouterr()
    assert "hsconform: note: 1 note(s) on the route table (`hsconform routes` lists them)" in err
    # with --type no route is consulted: no word about them
    main(["check", "--schemas", str(pack_dir), "--type", "Tool", str(cassette)])
    _, err = capsys.readouterr()
    assert "route table" not in err
