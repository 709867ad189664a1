"""The pytest plugin: a ``hsconform`` fixture, and cassette checks after tests that record.

Registered through the ``pytest11`` entry point when hsconform is installed. It
imports hsconform only when a test asks for it, so it costs nothing otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


class Conformance:
    """What the ``hsconform`` fixture gives a test: the configured pack and its assertions."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    def assert_conforms(
        self, payload: Any, type: str | PackType, *, variant: str = "json-schema"
    ) -> None:
        """Fail with every finding unless the payload conforms (see :func:`assert_conforms`)."""
        from hsconform.assertions import assert_conforms

        __tracebackhide__ = True
        assert_conforms(payload, type, variant=variant, pack=self.pack)

    def validate(self, payload: Any, type: str | PackType, *, variant: str = "json-schema") -> Any:
        """The result of validating against the configured pack."""
        return self.pack.validate(payload, type, variant=variant)


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--hsconform-cassettes``: check what every recording test wrote to its cassettes."""
    group = parser.getgroup("hsconform")
    group.addoption(
        "--hsconform-cassettes",
        action="store_true",
        default=False,
        help="after each test that used VCR.py/pytest-recording cassettes, validate the "
        "recorded responses by the route table and fail the test on findings",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker that asks for cassette checks on single tests."""
    config.addinivalue_line(
        "markers",
        "hsconform_cassettes: validate the responses this test's cassettes recorded "
        "(as --hsconform-cassettes does for every test)",
    )


@pytest.fixture(scope="session")
def hsconform(pytestconfig: pytest.Config) -> Conformance:
    """The pack the project's ``hsconform.toml`` / ``[tool.hsconform]`` names (schemas, profile)."""
    from hsconform.config import find_config
    from hsconform.pack import load_pack

    config = find_config(Path(pytestconfig.rootpath))
    return Conformance(load_pack(config.schemas, profile=config.profile))
