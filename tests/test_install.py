"""Install instructions that work: the README's lines and every message's install command."""

from __future__ import annotations

import re
import sys

from helpers import ROOT

from hsconform.codes import INSTALL_COMMANDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

EXTRAS = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
    "optional-dependencies"
]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0] for requirement in requirements}


def test_each_install_command_installs_what_its_extra_adds() -> None:
    for extra, command in INSTALL_COMMANDS.items():
        assert command.startswith("pip install ")
        words = command.removeprefix("pip install ").replace("'", "").split()
        assert _names(words) == _names(EXTRAS[extra])


def test_no_message_asks_for_hsconform_from_an_index() -> None:
    # hsconform is on no package index: `pip install 'hsconform[x]'` fails for every user
    for path in sorted((ROOT / "src").rglob("*.py")):
        assert not re.search(r"pip install '?hsconform\[", path.read_text("utf-8")), path


def test_the_readme_names_only_extras_that_exist() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    named = {
        extra.strip()
        for group in re.findall(r"(?:hsconform|\.)\[([a-z0-9, -]+)\]", readme)
        for extra in group.split(",")
    }
    assert named and named <= set(EXTRAS), named - set(EXTRAS)
    install = readme.split("## Install\n", 1)[1].split("\n## ", 1)[0]
    assert "pip install 'hsconform[brotli] @ git+REPO'" in install
    assert "pip install '.[brotli]'" in install
    for command in INSTALL_COMMANDS.values():
        assert f"`{command}`" in install
