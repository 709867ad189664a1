"""Route tables: matching rules, the vendored routes, routes derived from OpenAPI documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import hsconform
from hsconform.pack.routes import (
    Route,
    RoutesError,
    RouteTable,
    derive_routes,
    load_openapi,
    load_routes,
    openapi_families,
    routes_from_openapi,
    vendored_routes,
)

HUBAPI = "https://api.hubapi.com"
UPDATE = "/crm/v3/objects/{objectType}/batch/update"


def table(*routes: tuple[str, str, str, str]) -> RouteTable:
    return RouteTable(Route(*route) for route in routes)


def matched(routes: RouteTable, method: str, url: str, status: int | str | None) -> str | None:
    route = routes.match(method, url, status)
    return route.type_name if route else None


# --------------------------------------------------------------------------- matching


def test_a_parameter_matches_exactly_one_non_empty_segment() -> None:
    routes = table(("POST", UPDATE, "200", "Ok"))
    assert matched(routes, "POST", f"{HUBAPI}/crm/v3/objects/contacts/batch/update", 200) == "Ok"
    assert matched(routes, "POST", f"{HUBAPI}/crm/v3/objects/a/b/batch/update", 200) is None
    assert matched(routes, "POST", f"{HUBAPI}/crm/v3/objects//batch/update", 200) is None
    assert matched(routes, "POST", f"{HUBAPI}/crm/v3/objects/contacts/batch", 200) is None


def test_scheme_host_query_fragment_and_trailing_slash_are_ignored() -> None:
    routes = table(("POST", UPDATE, "200", "Ok"))
    for url in (
        "http://localhost:8080/crm/v3/objects/p_my%20object/batch/update?archived=false#x",
        "/crm/v3/objects/contacts/batch/update/",
        "/crm/v3/objects/contacts/batch/update?hapikey=x",
    ):
        assert matched(routes, "post", url, 200) == "Ok", url


def test_literal_segments_win_over_parameters() -> None:
    routes = table(
        ("GET", "/crm/v3/objects/{objectType}/{objectId}", "200", "Object"),
        ("GET", "/crm/v3/objects/{objectType}/search", "200", "Search"),
        ("GET", "/crm/v3/objects/notes/{noteId}", "200", "Note"),
    )
    assert matched(routes, "GET", "/crm/v3/objects/deals/search", 200) == "Search"
    assert matched(routes, "GET", "/crm/v3/objects/notes/search", 200) == "Note"  # earlier literal
    assert matched(routes, "GET", "/crm/v3/objects/deals/42", 200) == "Object"


def test_mixed_segments_and_percent_encoded_literals() -> None:
    routes = table(
        ("GET", "/files/{name}.json", "200", "JsonFile"),
        ("GET", "/files/{name}", "200", "File"),
        ("GET", "/a b/{x}", "200", "Space"),
    )
    assert matched(routes, "GET", "/files/report.json", 200) == "JsonFile"
    assert matched(routes, "GET", "/files/report.csv", 200) == "File"
    assert matched(routes, "GET", "/a%20b/1", 200) == "Space"


def test_status_exact_then_class_then_default_within_the_best_template() -> None:
    routes = table(
        ("POST", UPDATE, "207", "Partial"),
        ("POST", UPDATE, "2xx", "Success"),
        ("POST", UPDATE, "DEFAULT", "Error"),
        ("POST", "/crm/v3/objects/contacts/batch/update", "201", "Literal"),
    )
    contacts = "/crm/v3/objects/contacts/batch/update"
    assert matched(routes, "POST", contacts, 201) == "Literal"
    assert matched(routes, "POST", contacts, 207) is None  # the literal template has no 207
    assert matched(routes, "POST", "/crm/v3/objects/deals/batch/update", 207) == "Partial"
    assert matched(routes, "POST", "/crm/v3/objects/deals/batch/update", "200") == "Success"
    assert matched(routes, "POST", "/crm/v3/objects/deals/batch/update", 404) == "Error"
    assert matched(routes, "POST", "/crm/v3/objects/deals/batch/update", None) is None
    assert matched(routes, "GET", "/crm/v3/objects/deals/batch/update", 200) is None


def test_routes_normalise_and_validate() -> None:
    route = Route("post", UPDATE, "2xx", "T")
    assert (route.method, route.status) == ("POST", "2XX")
    assert str(route) == f"POST {UPDATE} 2XX -> T"
    with pytest.raises(ValueError, match="not a code"):
        Route("GET", "/a", "20", "T")
    with pytest.raises(ValueError, match="start with /"):
        Route("GET", "a", "200", "T")


def test_tables_are_immutable_and_the_first_route_wins() -> None:
    first = table(("POST", "/a/{x}", "200", "First"))
    second = table(("POST", "/a/{y}", "200", "Second"), ("POST", "/b", "200", "B"))
    combined = first + second
    assert len(combined) == 2 and matched(combined, "POST", "/a/1", 200) == "First"
    assert matched(second + first, "POST", "/a/1", 200) == "Second"
    assert combined.type_names() == ("B", "First")
    with pytest.raises(AttributeError):
        combined.routes = ()  # type: ignore[misc]


# --------------------------------------------------------------------------- route files


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, indent=2), "utf-8")
    return path


def test_a_route_file_loads(tmp_path) -> None:
    path = write(
        tmp_path / "routes.json",
        {"routes": [{"method": "post", "path": UPDATE, "responses": {"200": "A", "207": "B"}}]},
    )
    routes = load_routes(path)
    assert [str(r) for r in routes] == [f"POST {UPDATE} 200 -> A", f"POST {UPDATE} 207 -> B"]
    assert routes.routes[0].source == f"{path.as_posix()}#/routes/0"


@pytest.mark.parametrize(
    ("document", "words", "line"),
    [
        (
            {"routes": [{"method": "POST", "path": "/a", "responses": {"200": "A"}, "typo": 1}]},
            "unknown member 'typo'",
            9,
        ),
        ({"routes": [{"method": "FETCH", "path": "/a", "responses": {"200": "A"}}]}, "method", 4),
        ({"routes": [{"method": "GET", "path": "a", "responses": {"200": "A"}}]}, "path", 5),
        (
            {"routes": [{"method": "GET", "path": "/a", "responses": {"2000": "A"}}]},
            "not a code",
            7,
        ),
        ({"routes": [{"method": "GET", "path": "/a", "responses": {"200": ""}}]}, "type name", 7),
        (
            {
                "routes": [
                    {"method": "GET", "path": "/a/{x}", "responses": {"200": "A"}},
                    {"method": "GET", "path": "/a/{y}", "responses": {"200": "B"}},
                ]
            },
            "listed twice",
            10,
        ),
        ({"paths": {}}, "a route file is", 1),
    ],
    ids=["unknown-member", "method", "path", "status", "type", "duplicate", "shape"],
)
def test_route_file_errors_are_located(tmp_path, document, words, line) -> None:
    with pytest.raises(RoutesError, match=words) as caught:
        load_routes(write(tmp_path / "routes.json", document))
    assert caught.value.line == line


def test_a_route_file_that_is_not_json(tmp_path) -> None:
    path = tmp_path / "routes.json"
    path.write_text('{"routes": [\n  {,\n]}', "utf-8")
    with pytest.raises(RoutesError) as caught:
        load_routes(path)
    assert (caught.value.line, caught.value.column) == (2, 4)


# --------------------------------------------------------------------------- vendored routes


def test_the_vendored_routes_resolve_to_vendored_types(vendored: hsconform.Pack) -> None:
    routes = vendored_routes()
    for route in routes:
        assert vendored.type(route.type_name).name == route.type_name, route
    assert matched(
        routes, "POST", f"{HUBAPI}/crm/v3/objects/p_partner_clients/batch/update", 200
    ) == ("hubspot-crm-objects/BatchResponseSimplePublicObject")
    assert matched(routes, "POST", f"{HUBAPI}/crm/v3/objects/contacts/batch/update", 207) == (
        "hubspot-crm-objects/BatchResponseSimplePublicObjectWithErrors"
    )


def test_every_vendored_batch_type_but_the_second_flags_generation_has_a_route(vendored) -> None:
    batch_types = {t.name for t in vendored.types() if "/Batch" in t.name}
    unrouted = batch_types - set(vendored_routes().type_names())
    # both flag generations answer the same endpoint; the route takes the OpenAPI-faithful one
    assert unrouted == {"hubspot-crm-feature-flags/BatchPortalFlagStateResponseWithErrors"}


# --------------------------------------------------------------------------- OpenAPI

#: file -> (operations, routes, notes, bodiless responses) derived from it
CORPUS_COUNTS = {
    "hubspot-analytics-events-api-openapi.yml": (2, 7, 0, 0),
    "hubspot-authors-api-openapi.yml": (13, 24, 0, 5),
    "hubspot-cms-pages-api-openapi.yml": (10, 27, 0, 2),
    "hubspot-commerce-subscriptions-api-openapi.yml": (10, 29, 0, 1),
    "hubspot-crm-associations-api-openapi.yml": (11, 18, 0, 4),
    "hubspot-crm-companies-api-openapi.yml": (13, 36, 0, 3),
    "hubspot-crm-contacts-api-openapi.yml": (13, 36, 0, 3),
    "hubspot-crm-deals-api-openapi.yml": (13, 36, 0, 3),
    "hubspot-crm-feature-flags-api-openapi.yml": (9, 41, 0, 0),
    "hubspot-crm-lists-api-openapi.yml": (7, 21, 0, 1),
    "hubspot-crm-search-api-openapi.yml": (1, 3, 0, 0),
    "hubspot-domains-api-openapi.yml": (2, 4, 0, 0),
    "hubspot-engagement-emails-api-openapi.yml": (12, 34, 0, 2),
    "hubspot-engagement-meetings-api-openapi.yml": (12, 34, 0, 2),
    "hubspot-engagement-notes-openapi.yml": (11, 22, 0, 3),
    "hubspot-engagement-tasks-api-openapi.yml": (12, 34, 0, 2),
    "hubspot-marketing-emal-api-openapi.yml": (6, 11, 0, 1),
    "hubspot-source-code-api-openapi.yml": (8, 14, 1, 1),
}


@pytest.fixture(scope="module")
def corpus_openapi(hubspot_corpus: Path) -> dict[Path, Any]:
    """Each corpus OpenAPI document, loaded once."""
    return {
        file: load_openapi(file)
        for file in sorted((hubspot_corpus / "openapi" / "_original").glob("*.yml"))
    }


@pytest.mark.corpus
def test_routes_derive_from_every_corpus_openapi_document(hubspot_corpus: Path) -> None:
    files = sorted((hubspot_corpus / "openapi" / "_original").glob("*.yml"))
    assert {f.name for f in files} == set(CORPUS_COUNTS)
    for file in files:
        derived = routes_from_openapi(file)
        counts = (derived.operations, len(derived.table), len(derived.notes), derived.bodiless)
        assert counts == CORPUS_COUNTS[file.name], file.name
    source_code = routes_from_openapi(
        hubspot_corpus / "openapi/_original/hubspot-source-code-api-openapi.yml"
    )
    (note,) = source_code.notes
    assert note.status == "200" and "no JSON content (application/javascript" in note.message


@pytest.mark.corpus
def test_derived_types_exist_in_the_corpus_pack(corpus_openapi, corpus_pack) -> None:
    """The hubspot-* generation holds every type; the first generation has no Error type."""
    known = {pack_type.name for pack_type in corpus_pack.types()}
    missing_by_generation: list[set[str]] = [set(), set()]
    for file, document in corpus_openapi.items():
        for generation, family in enumerate(openapi_families(file)):
            names = {route.type_name for route in derive_routes(document, file.name, family).table}
            missing_by_generation[generation] |= names - known
    assert missing_by_generation[1] == set()
    assert {name.split("/")[1] for name in missing_by_generation[0]} == {"Error"}


@pytest.mark.corpus
def test_the_vendored_routes_agree_with_the_corpus_openapi(corpus_openapi) -> None:
    derived = RouteTable()
    for file, document in corpus_openapi.items():
        derived = derived + derive_routes(document, file.name, openapi_families(file)[0]).table
    checked = 0
    for route in vendored_routes():
        if not (route.source or "").startswith("corpus"):
            continue  # CRM objects: not in the corpus
        concrete = route.template.replace("{", "x").replace("}", "")
        assert matched(derived, route.method, concrete, route.status) == route.type_name, route
        checked += 1
    assert checked == 7


def openapi(paths: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths, **extra}


def test_openapi_derivation_rules() -> None:
    json_ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Batch"}}}}
    document = openapi(
        {
            "/things/{id}": {
                "parameters": [],
                "get": {
                    "responses": {
                        200: json_ref,  # YAML reads an unquoted status as an integer
                        "4XX": {"$ref": "#/components/responses/Problem"},
                        "204": {"description": "no content"},
                    }
                },
                "put": {
                    "responses": {
                        "200": {"content": {"application/json": {"schema": {"type": "object"}}}}
                    }
                },
                "post": {"responses": {"200": {"$ref": "#/components/responses/Missing"}}},
                "patch": {
                    "responses": {
                        "200": {
                            "content": {
                                "application/problem+json": {
                                    "schema": {"$ref": "#/components/schemas/P"}
                                }
                            }
                        }
                    }
                },
                "delete": {},
            },
        },
        servers=[{"url": "https://api.example.com/v2/"}],
        components={
            "responses": {
                "Problem": {"content": {"*/*": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        },
    )
    derived = derive_routes(document, "api.yml", family="fam")
    assert [str(r) for r in derived.table] == [
        "GET /v2/things/{id} 200 -> fam/Batch",
        "GET /v2/things/{id} 4XX -> fam/Error",
        "PATCH /v2/things/{id} 200 -> fam/P",
    ]
    assert derived.table.routes[0].source == "api.yml#/paths/~1things~1{id}/get/responses/200"
    assert derived.operations == 5 and derived.bodiless == 1
    messages = sorted(f"{n.method} {n.status}: {n.message}" for n in derived.notes)
    assert messages == [
        "DELETE : no responses object",
        "POST 200: dangling response reference #/components/responses/Missing",
        "PUT 200: application/json schema is inline, not a $ref to #/components/schemas/...",
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("swagger: '2.0'\npaths: {}\n", "not an OpenAPI 3"),
        ("openapi: 3.1.0\n", "no 'paths'"),
        ("openapi: 3.1.0\npaths: {a: [\n", "invalid YAML"),
    ],
)
def test_documents_that_are_not_openapi_3_raise_routes_error(tmp_path, text, words) -> None:
    path = tmp_path / "api.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(RoutesError, match=words):
        routes_from_openapi(path)


def test_a_json_openapi_document(tmp_path) -> None:
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/X"}}}}
    path = write(tmp_path / "api.json", openapi({"/x": {"get": {"responses": {"200": ref}}}}))
    assert [r.type_name for r in routes_from_openapi(path).table] == ["X"]
    yaml_path = tmp_path / "api.yaml"
    yaml_path.write_text(yaml.safe_dump(json.loads(path.read_text())), "utf-8")
    assert routes_from_openapi(yaml_path).table == routes_from_openapi(path).table


def test_openapi_families_follow_hubspots_two_namings() -> None:
    assert openapi_families(Path("hubspot-crm-feature-flags-api-openapi.yml")) == (
        "crm-feature-flags-api",
        "hubspot-crm-feature-flags",
    )
    assert openapi_families(Path("hubspot-engagement-notes-openapi.yml")) == (
        "engagement-notes",
        "hubspot-engagement-notes",
    )
