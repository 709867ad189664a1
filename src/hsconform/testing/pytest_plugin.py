"""The pytest plugin: a ``hsconform`` fixture, and cassette checks after tests that record.

Registered through the ``pytest11`` entry point when hsconform is installed. It
imports hsconform only when a test asks for it, so it costs nothing otherwise.

Cassette checks (``--hsconform-cassettes`` for every test that uses VCR.py through
pytest-recording, or ``@pytest.mark.hsconform_cassettes`` on one test) read the
test's cassettes in pytest-recording's layout (``cassettes/<module>/<test>.yaml``
beside the test module, or where its ``vcr_cassette_dir`` fixture says), choose
each response's type by the route table, and fail the test with the findings.
A cassette that exists when the test runs is checked with the test; one the test
records is checked once its fixtures have written it (reported at teardown).

A ``--hsconform-cassettes`` run that validated no recorded response (no test had a
cassette, every response was skipped) ends with exit code 6 and says why, so a CI job
cannot pass having checked nothing (pytest's own codes are 0-5).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from hsconform.check.checker import Selection
    from hsconform.config import Config
    from hsconform.outcomes import Outcome
    from hsconform.pack import Pack, PackType

_CHECKED = pytest.StashKey[set[Path]]()
_PACK = pytest.StashKey["Pack"]()
_SETTINGS = pytest.StashKey["Config"]()
_CASSETTE_SETUP = pytest.StashKey["_CassetteSetup | str"]()
_TALLY = pytest.StashKey["_Tally"]()

#: The exit status of a ``--hsconform-cassettes`` run that validated no recorded response.
EXIT_NOTHING_CHECKED = 6


@dataclass
class _Tally:
    """Every cassette checked in the session and what became of its responses."""

    files: int = 0
    outcomes: list[Outcome] = field(default_factory=list)


class Conformance:
    """What the ``hsconform`` fixture gives a test: the configured pack and its assertions."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    def assert_conforms(
        self, payload: Any, type: str | PackType, *, variant: str = "json-schema"
    ) -> None:
        """Fail with every finding unless the payload conforms (see :func:`assert_conforms`)."""
        from hsconform.testing.assertions import assert_conforms

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
    """The pack ``hsconform.toml`` / ``[tool.hsconform]`` names (schemas, profile, engine)."""
    from hsconform.errors import HsconformError

    try:
        return Conformance(_pack_for(pytestconfig))
    except HsconformError as error:
        pytest.fail(f"hsconform: {error}", pytrace=False)


def _wants_cassette_check(item: pytest.Item) -> bool:
    if item.get_closest_marker("hsconform_cassettes") is not None:
        return True
    if not item.config.getoption("--hsconform-cassettes"):
        return False
    names = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("vcr") is not None or bool(
        names & {"vcr", "vcr_cassette", "vcr_cassette_dir"}
    )


def cassettes_of(item: pytest.Item) -> list[Path]:
    """The cassette files of a test, in pytest-recording's layout."""
    funcargs = getattr(item, "funcargs", {})
    folder = funcargs.get("vcr_cassette_dir")
    module = Path(str(item.path))
    base = Path(folder) if folder else module.parent / "cassettes" / module.stem
    name = funcargs.get("default_cassette_name") or item.name
    names = [name]
    marker = item.get_closest_marker("vcr")
    if marker is not None:
        names.extend(str(arg) for arg in marker.args)
    found = []
    for each in names:
        for suffix in ("", ".yaml", ".yml", ".json"):
            candidate = base / f"{each}{suffix}"
            if candidate.is_file() and candidate not in found:
                found.append(candidate)
    return found


class CassetteSkipWarning(pytest.PytestWarning):
    """A recorded response the cassette check could not validate (no route, not JSON)."""


def _settings_for(config: pytest.Config) -> Config:
    """The project's configuration, read once per session."""
    settings = config.stash.get(_SETTINGS, None)
    if settings is None:
        from hsconform.config import find_config

        settings = config.stash[_SETTINGS] = find_config(Path(config.rootpath))
    return settings


def _pack_for(config: pytest.Config) -> Pack:
    """The configured pack, loaded once per session."""
    pack = config.stash.get(_PACK, None)
    if pack is None:
        from hsconform.pack import load_pack
        from hsconform.vocabulary import ENGINES

        settings = _settings_for(config)
        pack = config.stash[_PACK] = load_pack(
            settings.schemas, profile=settings.profile, engine=settings.engine or ENGINES[0]
        )
    return pack


@dataclass(frozen=True)
class _CassetteSetup:
    """What every cassette check needs, built once per session."""

    settings: Config
    pack: Pack
    selection: Selection


def _cassette_setup(config: pytest.Config) -> _CassetteSetup | str:
    """Configuration, pack and routes for cassette checks, or why they cannot be had."""
    setup = config.stash.get(_CASSETTE_SETUP, None)
    if setup is None:
        from hsconform.check.checker import Selection
        from hsconform.errors import HsconformError
        from hsconform.pack.routes import pack_routes

        try:
            settings = _settings_for(config)
            pack = _pack_for(config)
            routes = pack_routes(pack, settings.routes, settings.openapi)
            setup = _CassetteSetup(settings, pack, Selection(routes=routes))
        except (HsconformError, OSError) as error:
            setup = f"hsconform cannot check the recorded responses: {error}"
        config.stash[_CASSETTE_SETUP] = setup
    return setup


def _cassette_failures(item: pytest.Item) -> str | None:
    """The findings of the test's not yet checked cassettes, as a report; None when clean.

    A response that cannot be checked (no route, not JSON) is a warning on the test
    (a failure where warnings are errors), or a failure when the configuration says
    ``strict = true``; a configuration, pack or route file that cannot be used fails
    the test with its error.
    """
    from hsconform.check.checker import FileTarget, check_file
    from hsconform.outcomes import Status
    from hsconform.report.text import finding_line

    checked = item.stash.setdefault(_CHECKED, set())
    paths = [p for p in cassettes_of(item) if p not in checked]
    if not paths:
        return None
    checked.update(paths)
    setup = _cassette_setup(item.config)
    if isinstance(setup, str):
        return setup
    settings = setup.settings
    variant = settings.variant or "json-schema"
    lines: list[str] = []
    tally = _tally_of(item.config)
    for path in paths:
        target = FileTarget(path, named=True)
        result = check_file(setup.pack, target, setup.selection, variant=variant)
        tally.files += 1
        tally.outcomes.extend(result.outcomes)
        lines.extend(result.problems)
        for outcome in result.outcomes:
            if outcome.status in (Status.FAILED, Status.UNREADABLE):
                lines.append(f"{outcome.file} ({outcome.type or outcome.status.value})")
                lines.extend(f"  {finding_line(f)}" for f in outcome.findings)
            elif outcome.status is Status.SKIPPED and settings.strict:
                lines.append(f"{outcome.file}: not checked (strict): {outcome.why}")
            elif outcome.status is Status.SKIPPED:
                message = f"not checked: {outcome.file}: {outcome.why}"
                try:
                    item.warn(CassetteSkipWarning(message))
                except CassetteSkipWarning:  # warnings are errors here (-W error)
                    lines.append(f"{message} (CassetteSkipWarning raised as an error)")
    if not lines:
        return None
    return "recorded responses do not conform:\n" + "\n".join(lines)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """Fail a test whose cassettes hold non-conforming responses."""
    outcome = yield
    if call.when not in ("call", "teardown") or not _wants_cassette_check(item):
        return
    report: pytest.TestReport = outcome.get_result()
    if not report.passed:
        return
    failures = _cassette_failures(item)
    if failures is not None:
        report.outcome = "failed"
        report.longrepr = failures


def _tally_of(config: pytest.Config) -> _Tally:
    tally = config.stash.get(_TALLY, None)
    if tally is None:
        tally = config.stash[_TALLY] = _Tally()
    return tally


def _nothing_checked(config: pytest.Config) -> str | None:
    """Why a ``--hsconform-cassettes`` run validated no response; None when it did."""
    if not config.getoption("--hsconform-cassettes"):
        return None
    tally = _tally_of(config)
    if not tally.files:
        return "no test that ran had a recorded cassette"
    from hsconform.check.coverage import why_nothing_checked

    setup = config.stash.get(_CASSETTE_SETUP, None)
    routes = setup.selection.routes if isinstance(setup, _CassetteSetup) else None
    return why_nothing_checked(tally.outcomes, routes, tally.files)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A cassette run that validated nothing is not green: exit status 6."""
    if exitstatus == 0 and _nothing_checked(session.config) is not None:
        session.exitstatus = EXIT_NOTHING_CHECKED


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Say why a cassette run validated nothing."""
    why = _nothing_checked(config)
    if why is not None:
        terminalreporter.write_line(f"hsconform: nothing was checked: {why}", red=True, bold=True)
