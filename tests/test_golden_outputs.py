"""Every report format of check, lint, drift and types stays byte-identical to its stored output."""

from __future__ import annotations

import json

import pytest
from golden_outputs import (
    CORPUS_DIGESTS,
    OUTPUTS,
    comparable,
    corpus_cases,
    digest,
    fixture_cases,
    render,
)

FIXTURE_CASES = fixture_cases()


def test_every_stored_output_has_a_case() -> None:
    stored = {path.name.removesuffix(".out") for path in OUTPUTS.glob("*.out")}
    assert stored == set(FIXTURE_CASES)


@pytest.mark.parametrize("name", sorted(FIXTURE_CASES))
def test_fixture_output_is_unchanged(name: str) -> None:
    expected = (OUTPUTS / f"{name}.out").read_text("utf-8")
    assert comparable(render(FIXTURE_CASES[name])).decode("utf-8") == expected


@pytest.mark.corpus
def test_corpus_outputs_are_unchanged(hubspot_corpus) -> None:
    stored = json.loads(CORPUS_DIGESTS.read_text("utf-8"))
    cases = corpus_cases()
    assert set(stored) == set(cases)
    changed = [
        name for name, argv in cases.items() if digest(comparable(render(argv))) != stored[name]
    ]
    assert changed == [], "regenerate with `python tests/golden_outputs.py` and review the diff"
