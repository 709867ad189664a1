"""Every report names the pack it read: name, short digest and source commit."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from hsconform.pack import load_pack
from hsconform.pack.lock import LOCK_FILE, read_lock
from hsconform.pack.provenance import describe

SCHEMAS = ROOT / "schemas"
PAYLOADS = str(ROOT / "fixtures" / "payloads")


def shipped() -> dict[str, object]:
    """The identity the vendored pack's lock gives, as JSON reports carry it."""
    lock = read_lock(SCHEMAS)
    assert lock is not None
    return {
        "name": lock.name,
        "digest": f"sha256:{lock.digest}",
        "commit": describe(lock.source),
        "locked": True,
    }


def header_part(identity: dict[str, object]) -> str:
    commit = f" commit {identity['commit']}" if identity["commit"] else ""
    return f"pack: {identity['name']} {str(identity['digest'])[:19]}{commit}"


def report(capsys: pytest.CaptureFixture[str], fmt: str, *extra: str) -> str:
    _, out, _ = run_cli(capsys, "check", "--format", fmt, *extra, PAYLOADS)
    return out


def test_the_text_report_names_the_pack_in_its_first_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = report(capsys, "text").splitlines()[0]
    assert first.startswith("hsconform check (profile: published, ")
    assert first.endswith(f"{header_part(shipped())})")


def test_json_summary_carries_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(report(capsys, "json"))["summary"]["pack"] == shipped()


def test_sarif_run_and_driver_carry_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    (run,) = json.loads(report(capsys, "sarif"))["runs"]
    assert run["properties"]["pack"] == shipped()
    assert run["tool"]["driver"]["properties"]["pack"] == shipped()


def test_junit_properties_carry_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    suite = ET.fromstring(report(capsys, "junit")).find("testsuite")
    assert suite is not None
    found = {p.get("name"): p.get("value") for p in suite.iter("property")}
    identity = shipped()
    assert found["pack.name"] == identity["name"]
    assert found["pack.digest"] == identity["digest"]
    assert found["pack.commit"] == (identity["commit"] or "")
    assert found["pack.locked"] == "true"


def test_markdown_and_github_headers_name_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    part = header_part(shipped())
    assert part in report(capsys, "markdown").splitlines()[0]
    notice = report(capsys, "github").splitlines()[-1]
    assert notice.startswith("::notice title=")
    assert part.replace(":", "%3A") in notice


@pytest.mark.parametrize("command", ["lint", "drift"])
def test_lint_and_drift_name_the_pack_too(capsys: pytest.CaptureFixture[str], command: str) -> None:
    _, out, _ = run_cli(capsys, command, "--format", "json")
    assert json.loads(out)["summary"]["pack"] == shipped()


def test_a_pack_without_a_lock_is_named_by_its_folder_and_content(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "my-pack"
    shutil.copytree(SCHEMAS, folder)
    (folder / LOCK_FILE).unlink()
    out = report(capsys, "json", "--schemas", str(folder))
    assert json.loads(out)["summary"]["pack"] == {
        **shipped(),
        "name": "my-pack",
        "commit": None,
        "locked": False,
    }
    assert load_pack(folder).identity.short_digest == str(shipped()["digest"])[:19]


def test_the_pytest_header_names_the_pack(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing():\n    pass\n")
    with_checks = pytester.runpytest("-p", "no:cacheprovider", "--hsconform-cassettes")
    with_checks.stdout.fnmatch_lines([f"hsconform: {header_part(shipped())} (profile: published)"])
    without = pytester.runpytest("-p", "no:cacheprovider")
    assert "hsconform: pack" not in without.stdout.str()
