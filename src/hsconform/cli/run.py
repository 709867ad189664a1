"""Running a command: parse, build, call the library, hand the result to a reporter, exit.

Exit codes: 0 conformant, 1 violations found, 2 usage or input error, 3 a check that validated
nothing (no files, no routes, every response skipped), 130 when interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from hsconform.check.checker import check_paths
from hsconform.cli import pack_commands
from hsconform.cli.build import (
    UsageError,
    build_baseline,
    build_config,
    build_pack,
    build_paths,
    build_routes,
    build_runner,
    build_selection,
    build_type,
    build_variant,
    describe_setup,
    show_progress,
    write_reports,
)
from hsconform.cli.parse import STREAM_FORMATS, Options, build_parser, parse_options
from hsconform.cli.scale import check_at_scale
from hsconform.drift.baseline import use_baseline
from hsconform.drift.outcomes import drift_report
from hsconform.errors import ConfigError, PackError
from hsconform.lint import lint_pack, lint_report
from hsconform.outcomes import EXIT_NOTHING_CHECKED, EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS
from hsconform.report.routes import routes_writer
from hsconform.report.sanitise import cleaned, terminal_text
from hsconform.report.types import types_writer

EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    options = parse_options(argv, parser)
    if options is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    err = cleaned(sys.stderr, terminal_text)  # messages quote file and pack names
    try:
        return execute(options, sys.stdout, err)
    except (UsageError, PackError) as problem:
        err.write(f"hsconform: error: {problem}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:  # a disk full or a folder gone while writing: said, not raised
        where = f"{error.filename}: " if error.filename else ""
        err.write(f"hsconform: error: {where}{error.strerror or error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def execute(options: Options, out: TextIO, err: TextIO) -> int:
    """Run the command ``options`` name: the report on ``out``, input problems on ``err``."""
    return COMMANDS[options.command](options, out, err)


def run_types(options: Options, out: TextIO, err: TextIO) -> int:
    """``hsconform types``: the types of a pack with their variants, and the pack's figures."""
    pack = build_pack(options, build_config(options))
    types_writer(options.format)(pack, out)
    return EXIT_OK


def run_lint(options: Options, out: TextIO, err: TextIO) -> int:
    """``hsconform lint``: every problem of every schema document, grouped per document."""
    config = build_config(options)
    pack = build_pack(options, config)
    describe_setup(options, config, pack, err)
    report = write_reports(options, lint_report(pack, lint_pack(pack)), out, err)
    return report.exit_code


def run_drift(options: Options, out: TextIO, err: TextIO) -> int:
    """``hsconform drift``: differences between the variants of each twin, with witnesses."""
    config = build_config(options)
    pack = build_pack(options, config)
    describe_setup(options, config, pack, err)
    chosen = build_type(options, pack)
    findings = pack.drift(chosen)
    try:
        baselined = use_baseline(
            findings, baseline=build_baseline(options, config), write_to=options.write_baseline
        )
    except ConfigError as error:
        raise UsageError(str(error)) from error
    compared = [chosen] if chosen is not None else pack.types()
    report = drift_report(pack, baselined.findings, compared, notes=baselined.notes)
    return write_reports(options, report, out, err).exit_code


def run_routes(options: Options, out: TextIO, err: TextIO) -> int:
    """``hsconform routes``: the route table with each route's source; notes on stderr."""
    config = build_config(options)
    pack = build_pack(options, config)
    routes = build_routes(options, config, pack)
    routes_writer(options.format)(routes, out)
    if options.format == "json":
        for note in routes.notes:
            err.write(f"hsconform: note: {note}\n")
    return EXIT_OK


def run_pack(options: Options, out: TextIO, err: TextIO) -> int:
    """``hsconform pack SUBCOMMAND``: see :mod:`hsconform.cli.pack_commands`."""
    if options.arguments is None:
        raise UsageError("pack: the parsed arguments are missing")
    return pack_commands.run_pack(options.arguments, out, err)


def run_check(options: Options, out: TextIO, err: TextIO) -> int:
    """``hsconform check``: validate recorded responses and report every finding."""
    config = build_config(options)
    paths = build_paths(options, config)
    pack = build_pack(options, config)
    describe_setup(options, config, pack, err)
    variant = build_variant(options, config)
    runner = build_runner(options)
    routes = build_routes(options, config, pack)
    if routes.notes and not options.type_name:  # with --type no route is consulted
        err.write(
            f"hsconform: note: {len(routes.notes)} note(s) on the route table "
            "(`hsconform routes` lists them)\n"
        )
    selection = build_selection(options, config, pack, routes)
    if options.format in STREAM_FORMATS or options.scheduler or options.sample:
        return check_at_scale(options, config, pack, paths, selection, variant, out, err)
    report = check_paths(
        pack,
        paths,
        selection,
        variant=variant,
        excludes=[*config.exclude, *options.exclude],
        strict=options.strict or config.strict,
        list_unexercised=options.coverage,
        run=runner,
        track=show_progress,
    )
    report = write_reports(options, report, out, err)
    for problem in report.problems:
        err.write(f"hsconform: error: {problem}\n")
    if report.nothing_checked is not None and not report.problems:
        err.write(f"hsconform: error: nothing was checked: {report.nothing_checked}\n")
    return report.exit_code


__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_NOTHING_CHECKED",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_VIOLATIONS",
    "execute",
    "main",
]

#: The function of each subcommand.
COMMANDS: Mapping[str, Callable[[Options, TextIO, TextIO], int]] = {
    "types": run_types,
    "lint": run_lint,
    "drift": run_drift,
    "routes": run_routes,
    "check": run_check,
    "pack": run_pack,
}
