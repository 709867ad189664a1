"""The command line: reports, exit codes, and bad input that never ends in a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, schema
from helpers import run_cli as run

import hsconform
from hsconform.cli import main

FLAGS = "crm-feature-flags-api-batch-portal-flag-state-response-with-errors"
FLAGS_DIR = ROOT / "fixtures" / "payloads" / FLAGS


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_check_over_the_bundled_fixtures(capsys) -> None:
    code, out, _ = run(capsys, "check", "fixtures/payloads", "fixtures/recordings")
    assert code == 1
    assert f"ok    fixtures/payloads/{FLAGS}/valid-full.json" in out
    assert f"FAIL  fixtures/payloads/{FLAGS}/invalid-status-not-in-enum.json" in out
    assert "[HSC-V-ENUM]" in out and "schema: json-schema/" in out
    assert "0 unreadable" in out


def test_check_exits_0_when_everything_conforms(capsys) -> None:
    code, out, _ = run(
        capsys, "check", *(str(p) for p in sorted(ROOT.glob("fixtures/payloads/*/valid-*.json")))
    )
    assert code == 0
    assert "FAIL" not in out


def test_check_with_explicit_type_and_json_report(capsys) -> None:
    code, out, _ = run(
        capsys,
        "check",
        "--type",
        "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors",
        "--format",
        "json",
        str(FLAGS_DIR / "invalid-app-id-beyond-int64.json"),
        str(FLAGS_DIR / "valid-minimal.json"),
    )
    assert code == 1
    report = json.loads(out)
    assert report["summary"].pop("pack")["name"] == "hsconform-vendored"
    assert report["summary"] == {
        "files": 2,
        "outcomes": 2,
        "ok": 1,
        "failed": 1,
        "skipped": 0,
        "unreadable": 0,
        "findings": {"error": 1, "warning": 0, "info": 0},
        "profile": "published",
        "nothing_checked": None,
        "exit_code": 1,
    }
    (finding,) = report["findings"]
    assert finding["code"] == "HSC-V-INT-RANGE"
    assert finding["instance"] == "/results/0/appId"
    assert finding["source"]["file"].endswith("invalid-app-id-beyond-int64.json")
    assert finding["source"]["line"] > 0
    assert finding["schema"]["pointer"] == "/properties/results/items/properties/appId/format"


def test_malformed_json_exits_2_with_line_and_column(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "status": "COMPLETE",\n  "results": [\n}\n')
    code, out, _ = run(capsys, "check", "--type", FLAGS, str(bad))
    assert code == 2
    assert f"{bad}" in out or "bad.json" in out
    assert "4:1 [HSC-P-INVALID-JSON]" in out


def test_unknown_type_exits_2_with_the_closest_names(capsys) -> None:
    code, _, err = run(capsys, "check", "--type", "BatchAssociationRespons", str(FLAGS_DIR))
    assert code == 2
    assert "closest names" in err and "BatchAssociationResponse" in err


def test_missing_path_exits_2(capsys) -> None:
    code, _, err = run(capsys, "check", "--type", FLAGS, "no/such/file.json")
    assert code == 2
    assert "no/such/file.json: no such file or folder" in err


def test_no_paths_and_no_mapping_are_usage_errors(capsys, tmp_path: Path, monkeypatch) -> None:
    code, _, err = run(capsys, "check")
    assert code == 2 and "no PATH given and no `paths` configured" in err
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text("{}")
    code, _, err = run(capsys, "check", "a.json")
    assert code == 2 and "a.json: no type for this file" in err


def test_unmapped_files_in_a_folder_are_reported_as_skipped(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hsconform.toml").write_text(f'[types]\n"mapped/*.json" = "{FLAGS}"\n')
    (tmp_path / "mapped").mkdir()
    shutil.copy(FLAGS_DIR / "valid-minimal.json", tmp_path / "mapped" / "ok.json")
    (tmp_path / "notes.json").write_text("{}")
    code, out, _ = run(capsys, "check", ".")
    assert code == 0
    assert "SKIP  notes.json: [HSC-R-NO-TYPE] no type for this file" in out
    assert "1 ok, 0 failed, 1 skipped" in out
    # naming an unmapped file is a usage error
    code, _, err = run(capsys, "check", "notes.json")
    assert code == 2 and "notes.json: no type for this file" in err
    assert "map it in [types] of hsconform.toml" in err


def test_the_no_type_hint_names_the_configuration_in_use(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.hsconform]\nvariant = "json-schema"\n')
    (tmp_path / "notes.json").write_text("{}")
    code, _, err = run(capsys, "check", "notes.json")
    assert code == 2
    assert "map it in [tool.hsconform.types] of pyproject.toml" in err
    assert "hsconform.toml" not in err


def test_duplicate_keys_are_findings(capsys) -> None:
    path = (
        ROOT
        / "fixtures/payloads/hubspot-crm-feature-flags-batch-portal-flag-state-response-with-errors"
        / "invalid-duplicate-key.json"
    )
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "/status [HSC-P-DUPLICATE-KEY]" in out


def test_deeply_nested_input_is_a_clear_error(capsys, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 10_000 + "]" * 10_000)
    code, out, _ = run(capsys, "check", "--type", FLAGS, str(deep))
    assert code == 2
    assert "nested" in out and "HSC-P-TOO-DEEP" in out


def test_broken_pack_exits_2_listing_every_problem(capsys, make_pack) -> None:
    root = make_pack(
        schemas={
            "x-api-a": schema(
                "A",
                properties={
                    "p": {"$ref": "#/components/schemas/Gone"},
                    "q": {"$ref": "#/components/schemas/Lost"},
                },
            )
        }
    )
    code, _, err = run(capsys, "types", "--schemas", str(root))
    assert code == 2
    assert "2 problems" in err and "Gone" in err and "Lost" in err


def test_bad_config_exits_2(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hsconform.toml").write_text("typos = 1\n")
    code, _, err = run(capsys, "types")
    assert code == 2 and "unknown setting" in err


def test_types_lists_types_and_counts(capsys) -> None:
    code, out, _ = run(capsys, "types")
    assert code == 0
    assert "(vendored)" in out
    assert "documents: 16 json-schema, 16 json-structure; types: 16, twins: 16" in out
    assert "0 unresolved" in out
    assert "crm-associations-api/BatchAssociationResponse" in out
    code, out, _ = run(capsys, "types", "--format", "json")
    listing = json.loads(out)
    assert listing["counts"]["refs"]["unresolved"] == 0
    assert listing["counts"]["refs"]["resolved"] == listing["counts"]["refs"]["redirected"] > 0
    names = {t["name"]: t for t in listing["types"]}
    assert names["hubspot-crm-associations/ErrorDetail"]["variants"] == [
        "json-schema",
        "json-structure",
    ]


def test_no_command_prints_help_and_exits_2(capsys) -> None:
    code, _, err = run(capsys)
    assert code == 2 and "usage: hsconform" in err


def test_console_script_is_installed() -> None:
    exe = shutil.which("hsconform", path=str(Path(sys.executable).parent))
    assert exe is not None, "the hsconform console script is installed next to the interpreter"
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("hsconform ")


def test_check_against_the_json_structure_variant_and_profiles(capsys) -> None:
    path = str(FLAGS_DIR / "valid-minimal.json")
    code, out, _ = run(capsys, "check", "--variant", "json-structure", path)
    assert code == 0  # the vendored pack is read with the published profile
    assert "warning: [HSC-PUB-INT-AS-NUMBER]" in out
    assert "json-structure)" in out
    code, out, _ = run(capsys, "check", "--variant", "json-structure", "--profile", "strict", path)
    assert code == 1  # int64 as a JSON number is not JSON Structure
    assert "/results/0/appId [HSC-V-TYPE]" in out


def test_lint_the_vendored_pack_by_profile(capsys) -> None:
    code, out, _ = run(capsys, "lint")
    assert code == 0  # published: HubSpot's conventions are warnings
    assert "warning: [HSC-PUB-BARE-REF]" in out
    assert " 0 error(s)" in out
    code, out, _ = run(capsys, "lint", "--profile", "strict", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["kind"] == "lint"
    codes = {f["code"] for f in report["findings"] if f["severity"] == "error"}
    assert {"HSC-S-REF-OUTSIDE-TYPE", "HSC-S-MISSING-ID", "HSC-S-SCHEMA-URI"} <= codes
    located = [f for f in report["findings"] if f["code"] == "HSC-S-REF-OUTSIDE-TYPE"]
    for finding in located:  # placed in the pack's file, wherever the pack is installed
        assert finding["source"]["line"] > 0
        assert finding["source"]["file"].endswith(finding["schema"]["file"])


def test_lint_reports_a_broken_document_with_its_line(capsys, make_pack) -> None:
    bad = {
        "$schema": "https://json-structure.org/meta/core/v0/#",
        "$id": "https://example.com/x",
        "name": "X",
        "type": "object",
        "properties": {"n": {"type": "int32", "minLength": 2}, "s": {"type": "strin"}},
        "required": ["n", "missing"],
    }
    root = make_pack(structures={"x-api-x": bad})
    code, out, _ = run(capsys, "lint", "--schemas", str(root))
    assert code == 1
    assert "[HSC-S-UNKNOWN-TYPE]" in out and "[HSC-S-REQUIRED-UNDECLARED]" in out
    assert "[HSC-S-CONSTRAINT-TYPE]" in out  # minLength on an int32
    assert "warning: [HSC-S-EXTENSION-NOT-ENABLED]" in out  # and no $uses for it
    assert "x-api-x-structure.json" in out


def test_drift_on_the_vendored_pack_uses_the_shipped_baseline(
    capsys, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a user's project: no configuration, no baseline of its own
    code, out, _ = run(capsys, "drift")
    assert code == 0
    shipped = hsconform.vendored_pack().root / "drift-baseline.json"
    assert f"baseline {shipped}:" in out and "finding(s) accepted" in out
    twins = sum(1 for t in hsconform.vendored_pack().types() if len(t.variants) == 2)
    assert f"{twins} type(s): {twins} ok, 0 failed" in out
    code, out, _ = run(capsys, "drift", "--schemas", str(hsconform.vendored_pack().root))
    assert code == 0 and f"baseline {shipped}:" in out


def test_drift_on_another_pack_applies_no_shipped_baseline(capsys, tmp_path, monkeypatch) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(hsconform.vendored_pack().root, pack)
    (pack / "drift-baseline.json").unlink()
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "drift", "--schemas", str(pack))
    assert code == 1 and "baseline" not in out


def test_write_baseline_exits_0_and_the_file_accepts_every_finding(
    capsys, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    written = tmp_path / "baseline.json"
    code, out, _ = run(capsys, "drift", "--write-baseline", str(written))
    assert code == 0
    entries = json.loads(written.read_text())["entries"]
    assert f"wrote {len(entries)} baseline entries to {written}" in out
    assert f"{len(entries)} baseline entries give no reason" in out
    code, _, _ = run(capsys, "drift", "--baseline", str(written))
    assert code == 0


def test_drift_without_baseline_fails_on_wire_drift_and_shows_witnesses(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": 1, "entries": []}')
    code, out, _ = run(capsys, "drift", "--baseline", str(empty))
    assert code == 1
    assert "/results/*/appId [HSC-D-INT-WIRE]" in out
    assert "witness (accepted by json-structure only):" in out
    code, out, _ = run(capsys, "drift", "--baseline", str(empty), "--format", "json")
    report = json.loads(out)
    wire = [f for f in report["findings"] if f["category"] == "wire"]
    assert wire and all(f["witness"] and f["accepted_by"] for f in wire)


def test_drift_markdown_is_a_summary_table_then_details(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": 1, "entries": []}')
    code, out, _ = run(capsys, "drift", "--baseline", str(empty), "--format", "markdown")
    assert code == 1
    assert out.startswith("### hsconform drift (profile: published, pack: hsconform-vendored ")
    assert "| class | code | severity | count |" in out
    assert "| wire | `HSC-D-INT-WIRE` | error | 4 |" in out
    assert out.index("| class |") < out.index("<details>")


def test_write_baseline_keeps_reasons_and_stale_entries_are_listed(capsys, tmp_path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps(
            {
                "format": 1,
                "entries": [
                    {
                        "type": "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors",
                        "pointer": "/results/*/appId",
                        "code": "HSC-D-INT-WIRE",
                        "reason": "known",
                    },
                    {"type": "gone/Type", "pointer": "/x", "code": "HSC-D-TYPE", "reason": "old"},
                ],
            }
        )
    )
    code, out, _ = run(capsys, "drift", "--baseline", str(baseline))
    assert code == 1  # other drift is new
    assert "baseline entry no longer occurs: gone/Type /x HSC-D-TYPE" in out
    code, _, _ = run(capsys, "drift", "--write-baseline", str(baseline))
    entries = json.loads(baseline.read_text())["entries"]
    kept = [
        e
        for e in entries
        if e["pointer"] == "/results/*/appId" and e["type"].startswith("crm-feature-flags-api")
    ]
    assert kept[0]["reason"] == "known"
    assert not [e for e in entries if e["type"] == "gone/Type"]
    code, _, _ = run(capsys, "drift", "--baseline", str(baseline))
    assert code == 0


def test_drift_bad_baseline_and_unknown_type_exit_2(capsys, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": [{"type": 1}]}')
    code, _, err = run(capsys, "drift", "--baseline", str(bad))
    assert code == 2 and "entry 0 needs" in err
    code, _, err = run(capsys, "drift", "--type", "NoSuchType")
    assert code == 2 and "unknown type" in err


def test_sarif_report_structure(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": 1, "entries": []}')
    run(capsys, "drift", "--baseline", str(empty), "--format", "sarif")
    code, out, _ = run(capsys, "check", "--format", "sarif", str(FLAGS_DIR))
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("fixtures/payloads/")
        assert location["region"]["startLine"] >= 1


@pytest.mark.parametrize(
    ("option", "words"),
    [
        ("--profile", ("strict", "published")),
        ("--variant", ("json-schema", "both")),
        ("--engine", ("jsonschema-rs", "reference")),
    ],
)
def test_an_invalid_choice_lists_the_choices_as_words(capsys, option: str, words) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", option, "xx"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert all(word in err for word in words)
    assert all(f"{name}." not in err for name in ("Profile", "Dialect", "Engine"))


def _false_items_pack(tmp_path: Path) -> tuple[str, str]:
    """A pack whose type the two engines place differently (``items: false``), and a payload."""
    folder = tmp_path / "pack" / "json-schema"
    folder.mkdir(parents=True)
    document = schema("Thing", type="object", properties={"a": {"items": False}})
    (folder / "x-api-thing-schema.json").write_text(json.dumps(document))
    payload = tmp_path / "thing.json"
    payload.write_text('{"a": [1]}')
    return str(tmp_path / "pack"), str(payload)


def _codes(out: str) -> list[str]:
    return [finding["code"] for finding in json.loads(out)["findings"]]


@pytest.mark.parametrize(
    ("engine", "code"), [("jsonschema-rs", "HSC-V-FALSE-SCHEMA"), ("reference", "HSC-V-ITEMS")]
)
def test_engine_option_chooses_the_json_schema_engine(
    capsys, tmp_path: Path, engine: str, code: str
) -> None:
    pack, payload = _false_items_pack(tmp_path)
    argv = ["check", "--schemas", pack, "--type", "Thing", "--format", "json", payload]
    exit_code, out, _ = run(capsys, *argv, "--engine", engine)
    assert exit_code == 1
    assert _codes(out) == [code]


def test_engine_reaches_the_worker_processes(capsys, tmp_path: Path) -> None:
    pack, payload = _false_items_pack(tmp_path)
    second = tmp_path / "again.json"
    second.write_text('{"a": [2]}')
    argv = ["check", "--schemas", pack, "--type", "Thing", "--format", "json", "-j", "2"]
    _, out, _ = run(capsys, *argv, "--engine", "reference", payload, str(second))
    assert _codes(out) == ["HSC-V-ITEMS", "HSC-V-ITEMS"]


def test_configured_engine_applies_and_the_option_overrides_it(capsys, tmp_path: Path) -> None:
    pack, payload = _false_items_pack(tmp_path)
    config = tmp_path / "hsconform.toml"
    config.write_text('engine = "reference"\n')
    argv = ["check", "--config", str(config), "--schemas", pack, "--type", "Thing"]
    argv += ["--format", "json", payload]
    assert _codes(run(capsys, *argv)[1]) == ["HSC-V-ITEMS"]
    assert _codes(run(capsys, *argv, "--engine", "jsonschema-rs")[1]) == ["HSC-V-FALSE-SCHEMA"]


@pytest.mark.parametrize("command", ["check", "lint", "drift", "types"])
def test_every_command_that_loads_a_pack_takes_engine(capsys, command: str) -> None:
    argv = [
        command,
        "--engine",
        "reference",
        *(["fixtures/payloads"] if command == "check" else []),
    ]
    code, _, err = run(capsys, *argv)
    assert code in (0, 1) and "engine" not in err


def test_an_unknown_configured_engine_is_a_located_usage_error(capsys, tmp_path: Path) -> None:
    config = tmp_path / "hsconform.toml"
    config.write_text('engine = "ajv"\n')
    code, _, err = run(capsys, "types", "--config", str(config))
    assert code == 2
    assert str(config) in err
    assert "unknown engine 'ajv'; use one of: jsonschema-rs, reference" in err
