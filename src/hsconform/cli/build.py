"""Building what a command runs on from its options and the configuration file.

Each ``build_*`` function settles one thing the way the command line documents it: the
option when given, else the configuration, else the default. A problem the user can fix (an
unreadable configuration, a missing folder, an unknown type) becomes a :class:`UsageError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from hsconform import atomic, limits
from hsconform.check.checker import CheckedFile, Runner, Selection, types_table
from hsconform.check.runner import Progress, in_processes
from hsconform.cli.parse import Options
from hsconform.config import Config, find_config, load_config
from hsconform.errors import ConfigError, UnknownType
from hsconform.outcomes import Report
from hsconform.pack import Pack, PackType, load_pack, vendored_pack_path
from hsconform.pack.routes import PackRoutes, RoutesError, routes_of
from hsconform.report import REPORTERS
from hsconform.report.color import wants_color
from hsconform.report.selection import select_codes
from hsconform.report.text import summary_line, write_text
from hsconform.vocabulary import ENGINES, Dialect, dialects_of_variant


class UsageError(Exception):
    """A usage or input problem: reported on stderr, exit code 2."""


def build_config(options: Options) -> Config:
    """``--config``, else the nearest configuration file, else the defaults.

    The limits of the configuration, then of ``--limit``, are put in force here.
    """
    try:
        config = load_config(options.config) if options.config else find_config(Path.cwd())
    except ConfigError as error:
        raise UsageError(str(error)) from error
    in_force = limits.Limits()
    for setting in [*config.limits, *options.limits]:
        try:
            in_force = in_force.with_setting(setting)
        except ValueError as error:
            raise UsageError(f"--limit {setting}: {error}") from error
    limits.apply(in_force)
    return config


def build_pack(options: Options, config: Config) -> Pack:
    """The pack of ``--schemas``, else of the configuration, else the vendored one."""
    folder = options.schemas or config.schemas
    if folder is not None and not Path(folder).exists():
        raise UsageError(f"{folder}: no such schema folder")
    engine = options.engine or config.engine or ENGINES[0]
    return load_pack(folder, profile=options.profile or config.profile, engine=engine)


def describe_setup(options: Options, config: Config, pack: Pack, err: TextIO) -> None:
    """``-v``: the configuration file and the pack a run uses, on standard error."""
    if not options.verbose:
        return
    source = config.source if config.source is not None else "none (defaults)"
    err.write(f"hsconform: configuration: {source}\n")
    err.write(f"hsconform: pack: {pack.root} (profile {pack.profile}, engine {pack.engine})\n")


def build_type(options: Options, pack: Pack) -> PackType | None:
    """The type ``--type`` names, or ``None`` when it names none (every type applies)."""
    if not options.type_name:
        return None
    try:
        return pack.type(options.type_name)
    except UnknownType as error:
        raise UsageError(str(error)) from error


def write_reports(options: Options, report: Report, out: TextIO, err: TextIO) -> Report:
    """Cut the report to ``--select``/``--ignore``, then write every report the run asks for.

    The ``--format`` report goes to ``-o FILE``, else to ``out``; each ``--report FORMAT:FILE``
    to its file (``-``: ``out``). Files are written whole or not at all. When no text report
    went to ``out``, the summary line goes to ``err``, so a log always ends saying what
    happened. Returns the report written, whose exit code is the run's.
    """
    report = select_codes(report, options.select, options.ignore)
    first = (options.format, str(options.output) if options.output is not None else "-")
    targets = (first, *options.reports)
    for format_name, target in targets:
        if target == "-":
            color = wants_color(options.color, out, os.environ)
            _render(format_name, report, out, quiet=options.quiet, color=color)
            continue
        try:
            with atomic.open_text(Path(target)) as stream:
                color = options.color == "always"
                _render(format_name, report, stream, quiet=options.quiet, color=color)
        except OSError as error:
            raise UsageError(f"{target}: cannot write: {error.strerror or error}") from error
    if ("text", "-") not in targets:
        err.write(f"hsconform: {summary_line(report)}\n")
    return report


def _render(format_name: str, report: Report, stream: TextIO, *, quiet: int, color: bool) -> None:
    if format_name == "text":
        write_text(report, stream, quiet=quiet, color=color)
    else:
        REPORTERS[format_name](report, stream)


def build_paths(options: Options, config: Config) -> list[Path]:
    """The files and folders to check: the ``PATH`` arguments, else the configured ``paths``."""
    paths = list(options.paths) or list(config.paths)
    if not paths:
        raise UsageError(
            "no PATH given and no `paths` configured: name the files or folders to check"
        )
    return paths


def build_variant(options: Options, config: Config) -> str:
    """``--variant``, else the configured one, else ``json-schema``."""
    variant = options.variant or config.variant or Dialect.JSON_SCHEMA
    try:
        dialects_of_variant(variant)
    except ValueError as error:
        raise UsageError(str(error)) from error
    return variant


def build_runner(options: Options) -> Runner:
    """Checks files in the ``-j`` processes asked for."""
    if options.jobs < 1:
        raise UsageError("-j must be at least 1")
    return in_processes(options.jobs)


def show_progress(total: int, results: Iterable[CheckedFile]) -> Iterable[CheckedFile]:
    """Results passed through a progress line on standard error (shown on a terminal only)."""
    return Progress(total).track(results)


def build_routes(options: Options, config: Config, pack: Pack) -> PackRoutes:
    """The pack's own routes plus ``--routes``/``--openapi``, then the configured ones."""
    try:
        return routes_of(
            pack, [*options.routes, *config.routes], [*options.openapi, *config.openapi]
        )
    except (RoutesError, OSError) as error:
        raise UsageError(str(error)) from error


def build_selection(
    options: Options, config: Config, pack: Pack, routes: PackRoutes | None = None
) -> Selection:
    """--type, else the [types] globs, else the routes (the pack's, configured, given)."""
    chosen = build_type(options, pack)
    routes = routes or build_routes(options, config, pack)
    globs = config.type_for if config.types else None
    return Selection(
        explicit=chosen.name if chosen else None,
        globs=globs,
        routes=routes.table,
        types_table=types_table(config.source),
    )


#: The drift the vendored pack's twins are known to have, each entry with its reason; shipped
#: inside the pack folder, so ``hsconform drift`` on the vendored pack passes for every user.
VENDORED_BASELINE = "drift-baseline.json"


def build_baseline(options: Options, config: Config) -> Path | None:
    """The baseline to apply: ``--baseline``, else the configured one, else the shipped one.

    The shipped baseline applies to the vendored pack only (no ``--schemas``, no configured
    ``schemas``, or either naming the vendored folder). Writing a baseline anew
    (``--write-baseline`` alone) applies none, so the file written holds every finding.
    """
    if options.baseline is not None:
        return options.baseline
    if options.write_baseline is not None:
        return None
    if config.baseline is not None:
        return config.baseline
    folder = options.schemas or config.schemas
    vendored = vendored_pack_path()
    if folder is not None and Path(folder).resolve() != vendored.resolve():
        return None
    shipped = vendored / VENDORED_BASELINE
    return shipped if shipped.is_file() else None
