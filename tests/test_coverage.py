"""What a check saw: route coverage, undeclared statuses, runs that checked nothing, the profile."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import ROOT, schema
from helpers import run_cli as run

import hsconform
from hsconform.check.coverage import path_shape

RECORDINGS = "fixtures/recordings"
OBJECTS_UPDATE = "https://api.hubapi.com/crm/v3/objects/contacts/batch/update"
ERROR_BODY = {"status": "error", "message": "slow down", "category": "RATE_LIMITS"}


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def cassette(path: Path, *exchanges: tuple[str, str, int, object]) -> Path:
    """A JSON cassette of (method, url, status, body) exchanges."""
    interactions = [
        {
            "request": {"method": method, "uri": url, "body": None, "headers": {}},
            "response": {
                "status": {"code": status, "message": ""},
                "headers": {"Content-Type": ["application/json"]},
                "body": {"string": json.dumps(body)},
            },
        }
        for method, url, status, body in exchanges
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "interactions": interactions}))
    return path


# --------------------------------------------------------------------------- coverage


def test_json_report_counts_every_route_and_what_matched_none(capsys) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", RECORDINGS)
    assert code == 1
    coverage = json.loads(out)["coverage"]
    exercised = {entry["key"]: entry for entry in coverage["exercised"]}
    update_200 = exercised["POST /crm/v3/objects/{objectType}/batch/update 200"]
    assert (update_200["seen"], update_200["checked"], update_200["failed"]) == (4, 4, 1)
    read = exercised["POST /crm/v3/objects/{objectType}/batch/read 200"]
    assert read["checked"] == 0
    assert read["skipped"] == {"HSC-R-NOT-JSON": 1, "HSC-R-NOT-JSON-CONTENT-TYPE": 1}
    # every route of the table is exercised or listed as never exercised
    assert coverage["routes"] == len(_vendored_routes())
    assert len(exercised) + len(coverage["unexercised"]) == coverage["routes"]
    assert not set(exercised) & set(coverage["unexercised"])
    unrouted = {entry["key"]: entry for entry in coverage["unrouted"]}
    assert unrouted["GET /crm/v4/associations/definitions"]["skipped"] == {"HSC-R-NO-ROUTE": 1}


def _vendored_routes() -> list[object]:
    from hsconform.pack.routes import vendored_routes

    return list(vendored_routes())


def test_text_counts_unexercised_routes_and_lists_them_with_coverage(capsys) -> None:
    _, out, _ = run(capsys, "check", RECORDINGS)
    unexercised = json.loads(run(capsys, "check", "--format", "json", RECORDINGS)[1])["coverage"][
        "unexercised"
    ]
    assert unexercised, "the fixtures leave some vendored routes unexercised"
    assert f"{len(unexercised)} of" in out and "(list them with --coverage)" in out
    assert unexercised[0] not in out
    _, listed, _ = run(capsys, "check", "--coverage", RECORDINGS)
    assert "never exercised:\n" in listed
    assert all(f"  {key}\n" in listed for key in unexercised)
    assert "(list them with --coverage)" not in listed


def test_markdown_shows_coverage_as_a_table(capsys) -> None:
    _, out, _ = run(capsys, "check", "--format", "markdown", "--coverage", RECORDINGS)
    assert "| route | seen | checked | failed | skipped |" in out
    assert "| `POST /crm/v3/objects/{objectType}/batch/update 200` | 4 | 4 | 1 | 0 |" in out
    assert "| `GET /crm/v4/associations/definitions` (no route) | 1 | 0 | 0 |" in out
    assert "Never exercised:" in out


def test_payload_files_without_requests_have_no_coverage(capsys) -> None:
    _, out, _ = run(capsys, "check", "--format", "json", "fixtures/payloads")
    assert "coverage" not in json.loads(out)


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("https://api.hubapi.com/crm/v3/objects/contacts/90311", "/crm/v3/objects/contacts/{}"),
        ("/feature-flags/v3/12345678/flags/beta?x=1", "/feature-flags/v3/{}/flags/beta"),
        (
            "https://x/files/v3/b1e9a0c4-5f2d-4e8b-9c3a-7d6f0e2b8a15/meta",
            "/files/v3/{}/meta",
        ),
        ("https://x/crm/v4/associations/definitions", "/crm/v4/associations/definitions"),
    ],
)
def test_request_shapes_group_identifiers(url: str, shape: str) -> None:
    assert path_shape(url) == shape


# --------------------------------------------------------------------------- undeclared status


def test_a_status_the_operation_does_not_declare_is_an_error(tmp_path, capsys) -> None:
    recorded = cassette(
        tmp_path / "rate.json",
        ("POST", OBJECTS_UPDATE, 429, ERROR_BODY),
        ("GET", "https://api.hubapi.com/crm/v3/objects/contacts/1", 429, ERROR_BODY),
    )
    code, out, _ = run(capsys, "check", "--format", "json", str(recorded))
    assert code == 1
    report = json.loads(out)
    (finding,) = report["findings"]
    assert finding["code"] == "HSC-H-UNDECLARED-STATUS"
    assert finding["severity"] == "error"
    assert finding["message"] == (
        "HTTP 429 is not a status POST /crm/v3/objects/{objectType}/batch/update declares "
        "(declared: 200, 207; no default)"
    )
    assert finding["source"]["file"] == str(recorded)
    statuses = [entry["status"] for entry in report["files"]]
    assert statuses == ["failed", "skipped"]  # an undocumented operation stays a skip
    unrouted = [entry["key"] for entry in report["coverage"]["unrouted"]]
    assert unrouted == [
        "GET /crm/v3/objects/contacts/{}",
        "POST /crm/v3/objects/{objectType}/batch/update",
    ]


def test_a_class_or_default_route_declares_every_status_it_covers(tmp_path, capsys) -> None:
    routes = tmp_path / "routes.json"
    routes.write_text(
        json.dumps(
            {
                "routes": [
                    {
                        "method": "POST",
                        "path": "/crm/v3/objects/{objectType}/batch/update",
                        "responses": {"4XX": "hubspot-crm-objects/StandardError"},
                    }
                ]
            }
        )
    )
    recorded = cassette(tmp_path / "rate.json", ("POST", OBJECTS_UPDATE, 429, ERROR_BODY))
    _, out, _ = run(capsys, "check", "--format", "json", "--routes", str(routes), str(recorded))
    codes = [finding["code"] for finding in json.loads(out)["findings"]]
    assert "HSC-H-UNDECLARED-STATUS" not in codes


# --------------------------------------------------------------------------- nothing checked


def empty_routes_pack(root: Path) -> Path:
    """A pack with one type and no routes at all."""
    folder = root / "pack" / "json-schema"
    folder.mkdir(parents=True)
    thing = schema("Thing", type="object")
    (folder / "x-api-thing-schema.json").write_text(json.dumps(thing))
    return root / "pack"


def test_a_pack_without_routes_checks_nothing_and_says_so(tmp_path, capsys) -> None:
    pack = empty_routes_pack(tmp_path)
    code, out, err = run(capsys, "check", "--schemas", str(pack), f"{RECORDINGS}/cassettes")
    assert code == 3
    why = "the pack has no routes, so no recorded response has a type"
    assert f"nothing was checked: {why}" in out
    assert err.startswith(f"hsconform: error: nothing was checked: {why}")
    assert "0 ok, 0 failed" in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "markdown"])
def test_every_format_says_why_nothing_was_checked(tmp_path, capsys, fmt: str) -> None:
    pack = empty_routes_pack(tmp_path)
    argv = ["check", "--schemas", str(pack), "--format", fmt, f"{RECORDINGS}/cassettes"]
    code, out, _ = run(capsys, *argv)
    assert code == 3
    assert "the pack has no routes" in out
    if fmt == "json":
        summary = json.loads(out)["summary"]
        assert summary["exit_code"] == 3
        assert summary["nothing_checked"].startswith("the pack has no routes")


def test_excluding_every_file_checks_nothing(capsys) -> None:
    code, out, _ = run(capsys, "check", RECORDINGS, "--exclude", "**")
    assert code == 3
    assert "nothing was checked: no files to check" in out


def test_an_input_problem_still_wins_over_nothing_checked(capsys, tmp_path) -> None:
    code, _, _ = run(capsys, "check", str(tmp_path / "missing"))
    assert code == 2


# --------------------------------------------------------------------------- profile


def test_every_pack_is_read_as_published_unless_strict_is_asked(tmp_path) -> None:
    pack = empty_routes_pack(tmp_path)
    assert hsconform.load_pack(pack).profile == "published"
    assert hsconform.load_pack(pack, profile="strict").profile == "strict"
    assert hsconform.load_pack().profile == "published"


@pytest.mark.parametrize("profile", ["published", "strict"])
def test_every_report_names_its_profile(capsys, profile: str) -> None:
    path = "fixtures/recordings/cassettes/test_crm_objects/test_batch_update_partial.yaml"
    base = ["check", "--profile", profile, path]
    first = run(capsys, *base)[1].splitlines()[0]
    assert first.startswith(f"hsconform check (profile: {profile}, pack: ")
    summary = json.loads(run(capsys, *base, "--format", "json")[1])["summary"]
    assert summary["profile"] == profile
    sarif = json.loads(run(capsys, *base, "--format", "sarif")[1])
    assert sarif["runs"][0]["properties"]["profile"] == profile
    junit = ET.fromstring(run(capsys, *base, "--format", "junit")[1])
    (prop,) = junit.findall("./testsuite/properties/property[@name='profile']")
    assert prop.get("value") == profile
    lint = run(capsys, "lint", "--profile", profile, "--format", "markdown")[1]
    assert lint.startswith(f"### hsconform lint (profile: {profile}, pack: ")


def test_a_configured_profile_is_the_one_reported(tmp_path, capsys) -> None:
    config = tmp_path / "hsconform.toml"
    config.write_text('profile = "strict"\n')
    path = "fixtures/recordings/cassettes/test_crm_objects/test_batch_update_partial.yaml"
    _, out, _ = run(capsys, "check", "--config", str(config), "--format", "json", path)
    assert json.loads(out)["summary"]["profile"] == "strict"
