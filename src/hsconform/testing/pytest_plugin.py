"""The pytest plugin: a ``hsconform`` fixture, and checks of the cassettes tests use.

Registered through the ``pytest11`` entry point when hsconform is installed. It
imports hsconform only when a test asks for it, so it costs nothing otherwise.

Cassette checks (``--hsconform-cassettes`` or the ini option ``hsconform_cassettes = true``
for every test, ``@pytest.mark.hsconform_cassettes`` for one) validate every VCR.py
cassette the test used, whatever opened it (pytest-recording's fixtures and marker,
``vcr.use_cassette`` as context manager or decorator, a ``VCR()`` of the user's: see
:mod:`hsconform.testing.cassette_use`), with the settings ``hsconform check`` uses
(:mod:`hsconform.testing.cassette_check`). The files are read once the test's teardown has
run, when a cassette being recorded has been written, and findings fail the test itself: the
same FAILED outcome whether the test recorded or replayed. A marked test that used no
cassette gets a warning naming it.

A cassette-checking session that validated no recorded response (no test used a cassette,
every response was skipped) ends with exit code 6 and says why, so a CI job cannot pass
having checked nothing (pytest's own codes are 0-5).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from hsconform.testing import session
from hsconform.testing.cassette_use import CassetteLog

if TYPE_CHECKING:
    from hsconform.config import Config
    from hsconform.pack import Pack, PackType
    from hsconform.testing.cassette_check import CassetteSetup, Tally

_PACK = pytest.StashKey["Pack"]()
_SETTINGS = pytest.StashKey["Config"]()
_CASSETTE_SETUP = pytest.StashKey["CassetteSetup | str"]()
_TALLY = pytest.StashKey["Tally"]()
_LOG = pytest.StashKey[CassetteLog]()
_DEFAULTS = pytest.StashKey[session.Defaults]()

#: The exit status of a cassette-checking session that validated no recorded response.
EXIT_NOTHING_CHECKED = 6
MARKER = "hsconform_cassettes"


class Conformance:
    """What the ``hsconform`` fixture gives a test: the configured pack, variant and assertions."""

    def __init__(self, pack: Pack, variant: str | None = None) -> None:
        self.pack = pack
        #: The configured variant (``json-schema`` when the configuration names none).
        self.variant = variant or "json-schema"

    def assert_conforms(
        self, payload: Any, type: str | PackType, *, variant: str | None = None
    ) -> None:
        """Fail with every finding unless the payload conforms (see :func:`assert_conforms`)."""
        from hsconform.testing.assertions import assert_conforms

        __tracebackhide__ = True
        assert_conforms(payload, type, variant=variant or self.variant, pack=self.pack)

    def validate(self, payload: Any, type: str | PackType, *, variant: str | None = None) -> Any:
        """The result of validating one variant against the configured pack."""
        return self.pack.validate(payload, type, variant=variant or self.variant)


class CassetteSkipWarning(pytest.PytestWarning):
    """A recorded response the cassette check could not validate (no route, not JSON)."""


class NoCassetteWarning(pytest.PytestWarning):
    """A test marked ``hsconform_cassettes`` used no VCR.py cassette: nothing was checked."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--hsconform-cassettes`` and the ini option ``hsconform_cassettes``."""
    group = parser.getgroup("hsconform")
    group.addoption(
        "--hsconform-cassettes",
        action="store_true",
        default=False,
        help="validate the responses of every VCR.py cassette each test used and fail "
        "the test on findings (also: ini option hsconform_cassettes = true)",
    )
    parser.addini(
        "hsconform_cassettes",
        type="bool",
        default=False,
        help="true: validate every VCR.py cassette each test used, as --hsconform-cassettes",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker; let ``assert_conforms`` use the configured pack and variant."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}: validate the responses of the VCR.py cassettes this test uses "
        "(as --hsconform-cassettes does for every test)",
    )
    defaults = config.stash[_DEFAULTS] = session.Defaults(
        pack=lambda: _pack_for(config), variant=lambda: _settings_for(config).variant
    )
    session.push(defaults)
    log = config.stash[_LOG] = CassetteLog()
    if _checks_every_test(config):
        log.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Undo what :func:`pytest_configure` set up."""
    defaults = config.stash.get(_DEFAULTS, None)
    if defaults is not None:
        session.pop(defaults)
    log = config.stash.get(_LOG, None)
    if log is not None:
        log.uninstall()


def _checks_every_test(config: pytest.Config) -> bool:
    return bool(config.getoption("--hsconform-cassettes") or config.getini("hsconform_cassettes"))


@pytest.fixture(scope="session")
def hsconform(pytestconfig: pytest.Config) -> Conformance:
    """The pack and variant ``hsconform.toml`` / ``[tool.hsconform]`` configure."""
    from hsconform.errors import HsconformError

    try:
        return Conformance(_pack_for(pytestconfig), _settings_for(pytestconfig).variant)
    except HsconformError as error:
        pytest.fail(f"hsconform: {error}", pytrace=False)


def pytest_report_header(config: pytest.Config) -> str | None:
    """``hsconform: pack: NAME sha256:... commit ...``: the pack cassette checks will read.

    Only when every test's cassettes are checked (``--hsconform-cassettes`` or the ini
    setting), which loads the pack anyway, so the plugin still costs nothing in a session that
    does not use it; a pack that does not load says so here.
    """
    if not _checks_every_test(config):
        return None
    from hsconform.errors import HsconformError

    try:
        pack = _pack_for(config)
    except HsconformError:
        return "hsconform: pack: cannot be loaded (the checks report why)"
    return f"hsconform: pack: {pack.identity} (profile: {pack.profile})"


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


def _cassette_setup(config: pytest.Config) -> CassetteSetup | str:
    """The session's cassette setup, or why there is none (built on first use)."""
    setup = config.stash.get(_CASSETTE_SETUP, None)
    if setup is None:
        from hsconform.errors import HsconformError
        from hsconform.testing.cassette_check import cassette_setup

        try:
            settings = _settings_for(config)
        except HsconformError as error:
            setup = f"hsconform cannot check the recorded responses: {error}"
        else:
            setup = cassette_setup(settings, lambda: _pack_for(config))
        config.stash[_CASSETTE_SETUP] = setup
    return setup


def _tally_of(config: pytest.Config) -> Tally:
    tally = config.stash.get(_TALLY, None)
    if tally is None:
        from hsconform.testing.cassette_check import Tally

        tally = config.stash[_TALLY] = Tally()
    return tally


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """Run a test whose cassettes are checked; its reports are logged after the check.

    pytest logs each phase's report as it ends, and a cassette being recorded is written
    by its fixture's teardown, after the call's report. So the phases run unlogged
    (``runtestprotocol(log=False)``, as pytest's own protocol and rerun plugins call it),
    the cassettes are checked, findings turn the call's report into a failure, and only
    then is every report logged: a test fails the same way whether it records or replays.
    """
    config = item.config
    marked = item.get_closest_marker(MARKER) is not None
    if not (marked or _checks_every_test(config)):
        return None
    from _pytest.runner import runtestprotocol

    log = config.stash[_LOG]
    log.install()
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    log.open()
    try:
        reports = runtestprotocol(item, nextitem=nextitem, log=False)
    finally:
        used = log.close()
    _judge(item, reports, [path for path in used if path.is_file()], marked=marked)
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def _judge(
    item: pytest.Item, reports: list[pytest.TestReport], used: list[Path], *, marked: bool
) -> None:
    """Check the cassettes a test used; findings fail the test's call report."""
    call = next((report for report in reports if report.when == "call"), None)
    if call is None:  # setup failed or skipped: the test did not run
        return
    lines = _problems(item, used, marked=marked)
    if not lines:
        return
    message = "recorded responses do not conform:\n" + "\n".join(lines)
    if call.passed and not hasattr(call, "wasxfail"):
        call.outcome = "failed"
        call.longrepr = message
    else:  # already failed (or xfail): keep its outcome, show the findings beside it
        call.sections.append(("hsconform cassettes", message))


def _problems(item: pytest.Item, used: list[Path], *, marked: bool) -> list[str]:
    """What fails the test: findings, unusable settings, warnings that are errors here."""
    if not used:
        unused = f"{item.nodeid}: marked {MARKER}, but used no cassette"
        if not marked or _warn(item, NoCassetteWarning(unused)):
            return []
        return [f"{unused} (NoCassetteWarning raised as an error)"]
    setup = _cassette_setup(item.config)
    if isinstance(setup, str):
        return [setup]
    from hsconform.testing.cassette_check import check_cassettes

    def warn(message: str) -> bool:
        return _warn(item, CassetteSkipWarning(message))

    return check_cassettes(setup, used, _tally_of(item.config), warn)


def _warn(item: pytest.Item, warning: pytest.PytestWarning) -> bool:
    """Issue a warning on the test; False when warnings are errors here (``-W error``)."""
    try:
        item.warn(warning)
    except pytest.PytestWarning:
        return False
    return True


def _nothing_checked(config: pytest.Config) -> str | None:
    """Why a cassette-checking session validated no response; None when it did."""
    if not _checks_every_test(config):
        return None
    from hsconform.testing.cassette_check import why_nothing_checked

    return why_nothing_checked(_tally_of(config), config.stash.get(_CASSETTE_SETUP, None))


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
