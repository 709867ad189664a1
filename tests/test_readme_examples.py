"""The README's "Use in your tests" examples, run as they are written."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT


def _examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use in your tests", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_section_has_both_examples() -> None:
    examples = _examples()
    assert len(examples) == 2
    assert all(len(example.strip().splitlines()) <= 20 for example in examples)


@pytest.mark.parametrize("index", [0, 1], ids=["plugin", "strategies"])
def test_readme_example_runs(pytester: pytest.Pytester, index: int) -> None:
    pytester.makepyfile(**{f"test_readme_{index}": _examples()[index]})
    result = pytester.runpytest("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2)
