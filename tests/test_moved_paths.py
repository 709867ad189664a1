"""Import paths of 0.1 keep working for one release, each with a DeprecationWarning."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from hsconform._moved import MOVED

MODULES = sorted((old, new) for old, new in MOVED.items() if old != "hsconform.structure")


@pytest.mark.parametrize(("old", "new"), MODULES)
def test_an_old_path_warns_and_gives_the_new_name(old: str, new: str) -> None:
    names = [name for name in vars(importlib.import_module(new)) if not name.startswith("_")]
    assert names, new
    module = importlib.import_module(old)
    with pytest.warns(DeprecationWarning, match=f"{old} moved to {new}"):
        value = getattr(module, names[0])
    assert value is getattr(importlib.import_module(new), names[0])


def test_from_import_of_an_old_path_works_in_a_fresh_process() -> None:
    code = (
        "import warnings\n"
        "warnings.simplefilter('error')\n"
        "try:\n"
        "    from hsconform.checker import CheckReport\n"
        "except DeprecationWarning as warning:\n"
        "    print(warning)\n"
        "warnings.simplefilter('ignore')\n"
        "from hsconform.structure.lint import lint_document\n"
        "from hsconform.check.checker import CheckReport as new\n"
        "from hsconform.checker import CheckReport as old\n"
        "assert old is new and callable(lint_document)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "hsconform.checker moved to hsconform.check.checker" in done.stdout


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    module = importlib.import_module("hsconform.checker")
    with (
        pytest.warns(DeprecationWarning, match="hsconform.checker moved"),
        pytest.raises(AttributeError),
    ):
        module.no_such_name  # noqa: B018


def test_an_old_package_path_keeps_its_submodules() -> None:
    package = importlib.import_module("hsconform.structure")
    assert package.__path__ == []
    validator = importlib.import_module("hsconform.structure.validator")
    with pytest.warns(DeprecationWarning, match="moved to hsconform.json_structure.validator"):
        assert validator.validator_for_document is not None
