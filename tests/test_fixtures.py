"""The bundled fixtures report exactly the findings fixtures/expected-findings.toml lists."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from helpers import ROOT

import hsconform
from hsconform.check.checker import FileTarget, Selection, check_file
from hsconform.config import load_config
from hsconform.outcomes import Status

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURES = ROOT / "fixtures" / "payloads"
EXPECTED: dict[str, list[list[str]]] = tomllib.loads(
    (ROOT / "fixtures" / "expected-findings.toml").read_text(encoding="utf-8")
)
FILES = sorted(FIXTURES.rglob("*.json"))


def test_every_fixture_has_expectations_and_every_expectation_a_fixture() -> None:
    on_disk = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_reports_exactly_its_expected_findings(
    path: Path, vendored: hsconform.Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    config = load_config(ROOT / "hsconform.toml")
    (outcome,) = check_file(
        vendored,
        FileTarget(path, named=True),
        Selection(globs=config.type_for),
        variant="json-schema",
    ).outcomes
    got = Counter((f.code, f.instance) for f in outcome.findings)
    key = path.relative_to(ROOT).as_posix()
    assert got == Counter(tuple(item) for item in EXPECTED[key])
    # the name says what to expect
    if path.name.startswith("valid-"):
        assert outcome.status is Status.OK
    if path.name.startswith("invalid-"):
        assert outcome.status is Status.FAILED
    # every finding is placed in the file
    for finding in outcome.findings:
        assert finding.source is not None and finding.source.line is not None


def test_fixture_names_say_what_they_break() -> None:
    for path in FILES:
        assert path.name.startswith(("valid-", "invalid-", "seed-")), path.name
