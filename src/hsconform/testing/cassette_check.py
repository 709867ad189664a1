"""Checking the cassettes one test used, with the settings ``hsconform check`` uses.

The configuration is the CLI's: the pack (``schemas``, ``profile``, ``engine``), the route
table (the pack's plus ``routes`` and ``openapi``), the ``[types]`` globs, ``variant``
(``both`` included), ``strict``, and which files are the project's to check: under
``paths`` when it is set, less ``exclude``. A cassette the configuration leaves out is not
checked, and counted, so a session that checked nothing says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hsconform.check.checker import Selection
    from hsconform.config import Config
    from hsconform.outcomes import Outcome
    from hsconform.pack import Pack


@dataclass
class Tally:
    """Every cassette checked in the session, what became of its responses, and those left out."""

    files: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    left_out: int = 0


@dataclass(frozen=True)
class CassetteSetup:
    """What every cassette check needs, built once per session."""

    settings: Config
    pack: Pack
    selection: Selection

    def includes(self, path: Path) -> bool:
        """Whether ``hsconform check`` with no PATH would check the file: ``paths``, ``exclude``."""
        from hsconform.check.checker import collect_files

        roots = self.settings.paths
        if roots and not any(path.resolve().is_relative_to(r.resolve()) for r in roots):
            return False
        return bool(collect_files([path], self.settings.exclude)[0])


def cassette_setup(settings: Config, pack: Callable[[], Pack]) -> CassetteSetup | str:
    """Configuration, pack and routes for cassette checks, or why they cannot be had."""
    from hsconform.check.checker import Selection, types_table
    from hsconform.errors import HsconformError
    from hsconform.pack.routes import pack_routes

    try:
        loaded = pack()
        routes = pack_routes(loaded, settings.routes, settings.openapi)
    except (HsconformError, OSError) as error:
        return f"hsconform cannot check the recorded responses: {error}"
    globs = settings.type_for if settings.types else None
    selection = Selection(globs=globs, routes=routes, types_table=types_table(settings.source))
    return CassetteSetup(settings, loaded, selection)


def check_cassettes(
    setup: CassetteSetup, paths: Sequence[Path], tally: Tally, warn: Callable[[str], bool]
) -> list[str]:
    """The lines that fail the test: findings, unreadable files, skips under ``strict``.

    A response that cannot be checked (no route, not JSON) is passed to ``warn``, which
    returns False when the warning could not be shown (warnings are errors): then it is a
    failure line too.
    """
    from hsconform.check.checker import FileTarget, check_file
    from hsconform.outcomes import Status
    from hsconform.report.text import finding_line

    settings = setup.settings
    variant = settings.variant or "json-schema"
    lines: list[str] = []
    for path in paths:
        if not setup.includes(path):
            tally.left_out += 1
            continue
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
                if not warn(message):
                    lines.append(f"{message} (CassetteSkipWarning raised as an error)")
    return lines


def why_nothing_checked(tally: Tally, setup: CassetteSetup | str | None) -> str | None:
    """Why a session with cassette checks validated no recorded response; None when it did."""
    if not tally.files:
        if tally.left_out:
            return (
                f"the {tally.left_out} cassette(s) the tests used are excluded or outside "
                "the configured paths"
            )
        return "no test that ran used a VCR.py cassette"
    from hsconform.check.coverage import why_nothing_checked as why

    routes = setup.selection.routes if isinstance(setup, CassetteSetup) else None
    return why(tally.outcomes, routes, tally.files)
