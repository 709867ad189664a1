"""``hsconform pack select`` and ``pack update`` over a small pack written by the tests.

The pack has two generations of ``shop`` (``shop-api``, ``hubspot-shop``) and a ``tools`` API:
an Order refers to its Lines in the same family and to a Customer only the other generation
has; a Memo is named by its family's prefix only; a route file maps operations to types, one
template shadowing another.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli, schema, structure

import hsconform
from hsconform.pack.select import SelectError, Selection, plan_selection
from hsconform.pack.select_folder import select_pack

COMPONENT = "#/components/schemas/"


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        body["required"] = required
    return body


def _write(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")


SCHEMAS: dict[str, dict[str, Any]] = {
    "shop-api-order": schema(
        "Order",
        **_object(
            {
                "id": {"type": "string"},
                "lines": {"type": "array", "items": {"$ref": COMPONENT + "Line"}},
                "customer": {"$ref": COMPONENT + "Customer"},
            },
            ["id"],
        ),
    ),
    "shop-api-line": schema(
        "Line", **_object({"sku": {"type": "string"}, "qty": {"type": "integer"}}, ["sku"])
    ),
    "shop-api-order-page": schema(
        "OrderPage",
        **_object({"results": {"type": "array", "items": {"$ref": COMPONENT + "Order"}}}),
    ),
    "shop-api-error": schema("Error", **_object({"message": {"type": "string"}}, ["message"])),
    "hubspot-shop-customer": schema("Customer", **_object({"name": {"type": "string"}})),
    "hubspot-shop-odd-note": schema("Memo", **_object({"line": {"$ref": COMPONENT + "Line"}})),
    "tools-api-tool": schema("Tool", **_object({"id": {"type": "string"}}, ["id"])),
    "tools-api-error": schema("Error", **_object({"message": {"type": "string"}})),
}

STRUCTURES: dict[str, dict[str, Any]] = {
    "shop-api-order": structure(
        "Order",
        **_object(
            {
                "id": {"type": "string"},
                "lines": {"type": "array", "items": {"type": {"$ref": COMPONENT + "Line"}}},
                "customer": {"type": {"$ref": COMPONENT + "Customer"}},
            },
            ["id"],
        ),
    ),
    "shop-api-line": structure(
        "Line", **_object({"sku": {"type": "string"}, "qty": {"type": "int32"}}, ["sku"])
    ),
    "hubspot-shop-customer": structure("Customer", **_object({"name": {"type": "string"}})),
    "tools-api-tool": structure("Tool", **_object({"id": {"type": "string"}}, ["id"])),
}

EXAMPLES = {
    "shop-api-order": {"id": "o1", "lines": [{"sku": "a", "qty": 2}], "customer": {"name": "x"}},
    "shop-api-line": {"sku": "a", "qty": "two"},
    "tools-api-tool": {"id": "t1"},
}

ROUTES = [
    {
        "method": "GET",
        "path": "/shop/orders/{orderId}",
        "responses": {"200": "shop-api/Order", "404": "shop-api/Error"},
    },
    {"method": "GET", "path": "/shop/orders/recent", "responses": {"200": "shop-api/OrderPage"}},
    {"method": "GET", "path": "/shop/orders", "responses": {"200": "shop-api/OrderPage"}},
    {"method": "DELETE", "path": "/shop/orders/{orderId}", "responses": {"404": "shop-api/Error"}},
    {
        "method": "GET",
        "path": "/tools/{toolId}",
        "responses": {"200": "tools-api/Tool", "404": "tools-api/Error"},
    },
]


def write_shop(root: Path) -> Path:
    """The pack described in the module docstring, at ``root``."""
    for stem, document in SCHEMAS.items():
        _write(root / "json-schema" / f"{stem}-schema.json", document)
    for stem, document in STRUCTURES.items():
        _write(root / "json-structure" / f"{stem}-structure.json", document)
    for stem, payload in EXAMPLES.items():
        _write(root / "examples" / f"{stem}-example.json", payload)
    _write(root / "routes.json", {"routes": ROUTES})
    return root


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return write_shop(tmp_path / "publisher")


def _stems(pack: hsconform.Pack) -> set[str]:
    return {t.stem for t in pack.types()}


def _routes(pack: hsconform.Pack) -> set[tuple[str, str, str, str]]:
    return {
        (r.method, r.template, r.status, pack.type(r.type_name).stem) for r in pack.routes.table
    }


def test_a_route_brings_its_types_what_they_reference_and_the_routes_that_land_on_them(
    shop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(routes=("GET /shop/orders/o-17",)), out)
    selected = hsconform.load_pack(out)
    # Line in the same family, Customer from the other generation, Error from the 404,
    # OrderPage because GET /shop/orders/recent wins over /shop/orders/{orderId}
    assert _stems(selected) == {
        "shop-api-order",
        "shop-api-line",
        "hubspot-shop-customer",
        "shop-api-error",
        "shop-api-order-page",
    }
    assert {d.file for d in selected.documents} >= {
        "json-structure/shop-api-order-structure.json",
        "json-structure/hubspot-shop-customer-structure.json",
    }
    assert _routes(selected) == {
        ("GET", "/shop/orders/{orderId}", "200", "shop-api-order"),
        ("GET", "/shop/orders/{orderId}", "404", "shop-api-error"),
        ("GET", "/shop/orders/recent", "200", "shop-api-order-page"),
        ("DELETE", "/shop/orders/{orderId}", "404", "shop-api-error"),
    }
    assert sorted(p.name for p in (out / "examples").iterdir()) == [
        "shop-api-line-example.json",
        "shop-api-order-example.json",
    ]


def test_the_selected_pack_validates_every_payload_as_its_source(
    shop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("Order",)), out)
    source, selected = hsconform.load_pack(shop), hsconform.load_pack(out)
    payloads = [
        *EXAMPLES.values(),
        {"id": 1, "lines": [{"qty": 1.5}], "customer": {"name": 3}},
        {"lines": "none"},
        [],
    ]
    compared = 0
    for pack_type in selected.types():
        for variant in pack_type.variants:
            for payload in payloads:
                want = source.validate(payload, pack_type.stem, variant=variant)
                assert selected.validate(payload, pack_type.stem, variant=variant) == want
                compared += 1
    assert compared >= 20
    assert {r.file for r in selected.resolutions} <= {d.file for d in selected.documents}


def test_a_template_and_a_concrete_path_select_the_same(shop: Path) -> None:
    source = hsconform.load_pack(shop)
    by_template = plan_selection(source, Selection(routes=("get /shop/orders/{id}",)))
    by_path = plan_selection(source, Selection(routes=("GET /shop/orders/o-17",)))
    assert by_template == by_path
    assert {r.status for r in by_path.routes if r.method == "GET"} >= {"200", "404"}


def test_a_document_named_by_its_family_prefix_keeps_its_family(shop: Path, tmp_path: Path) -> None:
    """Memo's family comes from Customer's title: without it, Memo's Line would not resolve."""
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("hubspot-shop-odd-note",)), out)
    selected = hsconform.load_pack(out)
    assert selected.type("hubspot-shop-odd-note").family == "hubspot-shop"
    assert "hubspot-shop-customer" in _stems(selected)
    assert "shop-api-line" in _stems(selected)


def test_a_family_or_an_api_selects_all_its_types(shop: Path) -> None:
    source = hsconform.load_pack(shop)
    tools = plan_selection(source, Selection(families=("tools-api",)))
    assert {t.stem for t in tools.types} == {"tools-api-tool", "tools-api-error"}
    assert {(r.method, r.template) for r in tools.routes} == {("GET", "/tools/{toolId}")}
    shop_api = plan_selection(source, Selection(families=("shop",)))
    assert {t.family for t in shop_api.types} == {"shop-api", "hubspot-shop"}
    assert len(shop_api.routes) == 5


def test_the_selection_is_recorded_for_update(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    code, printed, _ = run_cli(
        capsys,
        "pack",
        "select",
        str(shop),
        "--out",
        str(out),
        "--type",
        "Tool",
        "--family",
        "shop-api",
    )
    assert code == 0
    assert "selected" in printed
    record = json.loads((out / "hsconform-select.json").read_text(encoding="utf-8"))
    assert record["selection"] == {"routes": [], "types": ["Tool"], "families": ["shop-api"]}
    assert record["source"] == shop.as_posix()
    listed = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(record["files"]) == listed - {"hsconform-select.json"}


# -- the command line and its bad input ----------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--route", "GET /shop/nowhere"], "matches no route of the pack"),
        (["--route", "/shop/orders"], "write the method and a path"),
        (["--type", "Ordr"], "closest names: shop-api/Order"),
        (["--family", "shopp-api"], "closest names: shop-api"),
        ([], "nothing to select"),
    ],
)
def test_a_name_the_source_does_not_have_exits_2(
    shop: Path,
    tmp_path: Path,
    arguments: list[str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "mine"
    code, printed, err = run_cli(capsys, "pack", "select", str(shop), "--out", str(out), *arguments)
    assert code == 2
    assert expected in err
    assert printed == ""
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["publisher"]  # no staging folder left


def test_a_source_that_is_not_a_pack_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("hello", encoding="utf-8")
    for source in (tmp_path / "notes", tmp_path / "missing"):
        code, _, err = run_cli(
            capsys, "pack", "select", str(source), "--out", str(tmp_path / "o"), "--type", "X"
        )
        assert code == 2
        assert source.as_posix() in err


def test_a_folder_inside_the_source_is_refused(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for out in (shop / "json-schema" / "mine", shop.parent):
        code, _, err = run_cli(
            capsys, "pack", "select", str(shop), "--out", str(out), "--type", "Tool"
        )
        assert code == 2
        assert "DIR must lie outside SRC" in err
    assert not (shop / "json-schema" / "mine").exists()


def test_a_folder_that_is_not_a_selected_pack_is_never_overwritten(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "src"
    (foreign / "app").mkdir(parents=True)
    (foreign / "app" / "main.py").write_text("print('hi')\n", encoding="utf-8")
    code, _, err = run_cli(
        capsys, "pack", "select", str(shop), "--out", str(foreign), "--type", "Tool"
    )
    assert code == 2
    assert "not a pack made by `hsconform pack select`" in err
    assert _snapshot(foreign) == {"app/main.py": b"print('hi')\n"}


def test_a_selected_pack_holding_other_files_is_never_overwritten(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("Tool",)), out)
    (out / "notes.md").write_text("keep me\n", encoding="utf-8")
    before = _snapshot(out)
    code, _, err = run_cli(
        capsys, "pack", "select", str(shop), "--out", str(out), "--type", "Order"
    )
    assert code == 2
    assert "notes.md" in err
    assert _snapshot(out) == before


def test_selecting_again_replaces_the_pack_it_made(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("Order",)), out)
    code, _, _ = run_cli(capsys, "pack", "select", str(shop), "--out", str(out), "--type", "Tool")
    assert code == 0
    assert _stems(hsconform.load_pack(out)) == {"tools-api-tool", "tools-api-error"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "publisher"]


# -- update --------------------------------------------------------------------------------


def _newer(shop: Path, tmp_path: Path) -> Path:
    """The publisher's next version: Line gains a field, Order refers to a new Discount."""
    newer = tmp_path / "publisher-2"
    shutil.copytree(shop, newer)
    line = SCHEMAS["shop-api-line"]
    line = {**line, "properties": {**line["properties"], "note": {"type": "string"}}}
    _write(newer / "json-schema" / "shop-api-line-schema.json", line)
    order = SCHEMAS["shop-api-order"]
    discount = {"$ref": COMPONENT + "Discount"}
    order = {**order, "properties": {**order["properties"], "discount": discount}}
    _write(newer / "json-schema" / "shop-api-order-schema.json", order)
    _write(
        newer / "json-schema" / "shop-api-discount-schema.json",
        schema("Discount", **_object({"percent": {"type": "number"}})),
    )
    return newer


def test_update_dry_run_prints_the_changes_and_writes_nothing(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(routes=("GET /shop/orders/{orderId}",)), out)
    newer = _newer(shop, tmp_path)
    before = _snapshot(out)
    code, printed, err = run_cli(
        capsys, "pack", "update", str(newer), "--pack", str(out), "--dry-run"
    )
    assert (code, err) == (0, "")
    assert "hsconform pack diff" in printed  # what the change means, type by type
    assert "type shop-api/Discount was added" in printed
    assert "property 'note' was added" in printed
    assert "files added (1):\n  json-schema/shop-api-discount-schema.json\n" in printed
    assert "files changed (2):\n" in printed
    assert "unchanged" in printed
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "publisher", "publisher-2"]


def test_update_of_a_pack_that_no_longer_loads_compares_its_files(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("Line",)), out)
    (out / "json-schema" / "shop-api-line-schema.json").write_text("{", encoding="utf-8")
    code, printed, err = run_cli(capsys, "pack", "update", str(shop), "--pack", str(out))
    assert code == 0
    assert "does not load, so only its files are compared" in err
    assert "types changed (1):\n  shop-api-line\n" in printed
    assert hsconform.load_pack(out).type("Line").stem == "shop-api-line"


def test_update_selects_the_same_again_from_the_newer_source(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(routes=("GET /shop/orders/{orderId}",)), out)
    newer = _newer(shop, tmp_path)
    code, printed, _ = run_cli(capsys, "pack", "update", str(newer), "--pack", str(out))
    assert code == 0
    assert "updated" in printed
    selected = hsconform.load_pack(out)
    assert "shop-api-discount" in _stems(selected)
    record = json.loads((out / "hsconform-select.json").read_text(encoding="utf-8"))
    assert record["source"] == newer.as_posix()
    assert record["selection"]["routes"] == ["GET /shop/orders/{orderId}"]
    code, printed, _ = run_cli(capsys, "pack", "update", str(newer), "--pack", str(out))
    assert (code, printed.splitlines()[0]) == (0, "no change")


def test_update_of_a_folder_select_did_not_make_exits_2(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "their-pack"
    shutil.copytree(shop, other)
    code, _, err = run_cli(capsys, "pack", "update", str(shop), "--pack", str(other))
    assert code == 2
    assert "hsconform-select.json" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli(capsys, "pack", "update", str(shop), "--pack", str(empty))
    assert code == 2
    assert "no selected pack here" in err


def test_update_from_a_source_that_lost_a_selected_type_exits_2(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("Tool",)), out)
    before = _snapshot(out)
    older = tmp_path / "older"
    shutil.copytree(shop, older)
    (older / "json-schema" / "tools-api-tool-schema.json").unlink()
    (older / "json-structure" / "tools-api-tool-structure.json").unlink()
    code, _, err = run_cli(capsys, "pack", "update", str(older), "--pack", str(out))
    assert code == 2
    assert "'Tool'" in err
    assert _snapshot(out) == before


def test_a_record_that_cannot_be_read_is_located(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("Tool",)), out)
    record = out / "hsconform-select.json"
    value = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**value, "version": 7}, indent=2), encoding="utf-8")
    with pytest.raises(SelectError, match=r"hsconform-select.json:\d+:\d+: /version: unknown"):
        select_pack(shop, Selection(types=("Tool",)), out)


# -- the lock ------------------------------------------------------------------------------


def test_select_lock_writes_a_lock_naming_the_source(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    code, printed, _ = run_cli(
        capsys, "pack", "select", str(shop), "--out", str(out), "--type", "Order", "--lock"
    )
    assert code == 0
    assert "locked mine sha256:" in printed
    lock = json.loads((out / "hsconform-pack.json").read_text(encoding="utf-8"))
    assert lock["source"]["folder"] == str(shop.resolve())
    assert {f["path"] for f in lock["files"]} == set(
        json.loads((out / "hsconform-select.json").read_text(encoding="utf-8"))["files"]
    )
    assert run_cli(capsys, "pack", "lock", "--check", str(out))[0] == 0


def test_update_relocks_a_locked_pack(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(routes=("GET /shop/orders/{orderId}",)), out, lock=True)
    before = json.loads((out / "hsconform-pack.json").read_text(encoding="utf-8"))
    newer = _newer(shop, tmp_path)
    code, printed, _ = run_cli(capsys, "pack", "update", str(newer), "--pack", str(out))
    assert code == 0
    assert "locked mine sha256:" in printed
    after = json.loads((out / "hsconform-pack.json").read_text(encoding="utf-8"))
    assert after["digest"] != before["digest"]
    assert after["source"]["folder"] == str(newer.resolve())
    assert run_cli(capsys, "pack", "lock", "--check", str(out))[0] == 0


def test_update_defaults_to_the_configured_pack(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    select_pack(shop, Selection(types=("Tool",)), project / "schemas")
    monkeypatch.chdir(project)
    code, _, err = run_cli(capsys, "pack", "update", str(shop), "--dry-run")
    assert code == 2
    assert "name the pack to update with --pack DIR" in err
    (project / "hsconform.toml").write_text('schemas = "schemas"\n', encoding="utf-8")
    code, printed, _ = run_cli(capsys, "pack", "update", str(shop), "--dry-run")
    assert (code, printed.splitlines()[0]) == (0, "no change")


def test_a_pack_whose_lock_cannot_be_read_is_not_updated(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    select_pack(shop, Selection(types=("Tool",)), out, lock=True)
    (out / "hsconform-pack.json").write_text("{", encoding="utf-8")
    before = _snapshot(out)
    code, _, err = run_cli(capsys, "pack", "update", str(shop), "--pack", str(out))
    assert code == 2
    assert "hsconform-pack.json" in err
    assert _snapshot(out) == before
