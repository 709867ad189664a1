"""The shared corpus's own ``openapi/`` folder gives its route table, typed by content."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from local_recorder import HOST, Exchange, record

import hsconform
from hsconform.cli.run import main
from hsconform.pack.routes import routes_of

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_COMPONENT = "#/components/schemas/"


def _declared(document: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(METHOD, path, status) -> component, for each response with a JSON body $ref."""
    components = document.get("components", {})
    declared = {}
    for path, item in document["paths"].items():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                while isinstance(response, dict) and "$ref" in response:
                    name = response["$ref"].rpartition("/")[2]
                    response = components.get("responses", {}).get(name)
                content = (response or {}).get("content") or {}
                ref = (content.get("application/json") or {}).get("schema", {}).get("$ref", "")
                if ref.startswith(_COMPONENT):
                    component = components["schemas"][ref.removeprefix(_COMPONENT)]
                    declared[(method.upper(), path, str(status))] = component
    return declared


def _shape(schema: dict[str, Any]) -> tuple[set[str], set[str]]:
    return set(schema.get("properties", {})), set(schema.get("required", []))


def test_every_original_route_has_the_type_equal_to_its_component(
    capsys: pytest.CaptureFixture[str], hubspot_corpus: Path, corpus_pack: hsconform.Pack
) -> None:
    code = main(["routes", "--schemas", str(hubspot_corpus), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "Traceback" not in err
    listed = json.loads(out)
    assert all(set(row) == {"method", "path", "status", "type", "source"} for row in listed)
    table = {(r["method"], r["path"], r["status"]): r["type"] for r in listed}
    declared: dict[tuple[str, str, str], dict[str, Any]] = {}
    for file in sorted((hubspot_corpus / "openapi" / "_original").glob("*.yml")):
        declared.update(_declared(yaml.safe_load(file.read_text(encoding="utf-8"))))
    assert len(declared) > 400
    wrong = []
    for key, component in declared.items():
        type_name = table.get(key)
        if type_name is None:
            wrong.append(f"{key}: no route")
            continue
        document = corpus_pack.document(type_name).contents
        if _shape(document) != _shape(component):
            wrong.append(f"{key}: {type_name} has another shape")
    assert wrong == []


def test_split_documents_agree_with_the_original_ones(
    hubspot_corpus: Path, corpus_pack: hsconform.Pack
) -> None:
    folder = hubspot_corpus / "openapi"
    split = routes_of(corpus_pack, openapi=[folder / "*.yml"])
    original = routes_of(corpus_pack, openapi=[folder / "_original"])
    both = corpus_pack.routes
    assert not [n for n in both.notes if n.code == "HSC-ROUTE-CONFLICT"]
    merged = {(r.method, r.template, r.status): r.type_name for r in both.table}
    compared = 0
    for table in (split.table, original.table):
        for route in table:
            assert merged[(route.method, route.template, route.status)] == route.type_name
            compared += 1
    assert compared > 800


def test_every_corpus_route_names_a_type_of_the_pack(corpus_pack: hsconform.Pack) -> None:
    routes = corpus_pack.routes
    assert len(routes.table) > 400
    assert routes.unmatched == 0
    for route in routes.table:
        assert corpus_pack.type(route.type_name).name == route.type_name
    # equal components in several families: every choice is recorded with its rule
    assert routes.choices
    assert all(c.rule and c.others for c in routes.choices)


def test_a_response_for_every_documented_route_is_checked_with_no_flag(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    hubspot_corpus: Path,
    corpus_pack: hsconform.Pack,
) -> None:
    vcr = pytest.importorskip("vcr", reason="vcrpy records the cassette (pip install -e '.[test]')")
    requests = pytest.importorskip("requests", reason="vcrpy records requests' traffic")
    examples = corpus_pack.examples()
    exchanges = []
    for file in sorted((hubspot_corpus / "openapi" / "_original").glob("*.yml")):
        for (method, path, status), _ in _declared(yaml.safe_load(file.read_text())).items():
            if not status.isdigit():
                continue
            route = corpus_pack.routes.table.match(method, path, status)
            assert route is not None, (method, path, status)
            example = examples.get(corpus_pack.type(route.type_name).stem)
            body = json.loads(example.read_text()) if example else {}
            concrete = re.sub(r"\{[^{}/]*\}", "123", path)
            exchanges.append(Exchange(method, concrete, int(status), body))
    cassette = tmp_path / "every-route.yaml"
    record(vcr, requests, cassette, exchanges)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    recorded = yaml.load(cassette.read_text(), Loader=loader)["interactions"]
    assert [(i["request"]["method"], i["request"]["uri"]) for i in recorded] == [
        (e.method, HOST + e.path) for e in exchanges
    ]
    main(["check", "--schemas", str(hubspot_corpus), "--format", "json", str(cassette)])
    out, _ = capsys.readouterr()
    statuses = [entry["status"] for entry in json.loads(out)["files"]]
    assert len(statuses) == len(exchanges) > 300
    assert "skipped" not in statuses
