"""The README's "Use in your tests" examples, run as they are written."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT

RECORDED = ROOT / "fixtures" / "recordings" / "cassettes" / "test_crm_objects"


def _examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use in your tests", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_section_has_its_three_examples() -> None:
    examples = _examples()
    assert len(examples) == 3
    assert all(len(example.strip().splitlines()) <= 20 for example in examples)


@pytest.mark.parametrize(
    ("index", "tests"), [(0, 2), (1, 1), (2, 2)], ids=["plugin", "cassettes", "strategies"]
)
def test_readme_example_runs(pytester: pytest.Pytester, index: int, tests: int) -> None:
    # the cassette is there, so the cassette example replays it: no request leaves the machine
    cassette = pytester.path / "cassettes" / "update_contacts.yaml"
    cassette.parent.mkdir()
    cassette.write_text((RECORDED / "test_batch_update_partial.yaml").read_text())
    pytester.makepyfile(**{f"test_readme_{index}": _examples()[index]})
    result = pytester.runpytest("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=tests)
    if index == 1:  # the same request answered by a broken response fails the test
        cassette.write_text((RECORDED / "test_batch_update_207_invalid.yaml").read_text())
        pytester.runpytest("-p", "no:cacheprovider", "-q").assert_outcomes(failed=1)
