"""Parsing the command line: the argument parser, and the options value it yields.

Nothing here reads a file or the configuration: :mod:`.build` turns the options into the
things a command runs on, so parsing stays testable on its own.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hsconform._version import __version__
from hsconform.cli.pack_commands import add_pack_command
from hsconform.report import REPORTERS
from hsconform.report.color import COLOR_CHOICES
from hsconform.vocabulary import ENGINES, PROFILES, VARIANT_CHOICES

#: The formats of ``check`` that write one row per finding as results arrive.
STREAM_FORMATS = ("jsonl", "parquet")

#: The formats of ``hsconform routes``.
ROUTE_FORMATS = ("text", "json")


@dataclass(frozen=True)
class Options:
    """What the command line asked for; ``None`` or empty where it left a setting to the config."""

    command: str
    schemas: Path | None = None
    config: Path | None = None
    format: str = "text"
    profile: str | None = None
    #: ``--engine``: the JSON Schema engine.
    engine: str | None = None
    #: ``--type`` of ``drift`` and ``check``.
    type_name: str | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    variant: str | None = None
    routes: tuple[Path, ...] = ()
    openapi: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    strict: bool = False
    #: ``--coverage``: list the routes no recorded response reached.
    coverage: bool = False
    jobs: int = 1
    #: ``--scheduler``: run ``check`` on a Dask cluster (``local``, ``local:N``, an address).
    scheduler: str | None = None
    #: ``--sample``: example findings per code in the summary.
    sample: int = 0
    #: ``--all``: JSON Lines and Parquet rows for every outcome, not only findings.
    every: bool = False
    paths: tuple[Path, ...] = ()
    #: ``--limit NAME=VALUE`` settings, after the configuration's ``[limits]``.
    limits: tuple[str, ...] = ()
    #: The parsed arguments, for the commands that read them directly (``pack``).
    arguments: argparse.Namespace | None = field(default=None, compare=False, repr=False)
    #: ``--select`` / ``--ignore``: finding codes or code prefixes (check, lint, drift).
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: ``-q``: the text report leaves out what passed or was skipped.
    #: ``-q`` given once (only failures) or twice (the summary line alone).
    quiet: int = 0
    #: ``-v``: say on standard error which configuration and pack the run used.
    verbose: bool = False
    #: ``--color auto|always|never``.
    color: str = "auto"
    #: ``-o``: the ``--format`` report (or the jsonl/parquet rows) goes to this file instead of
    #: standard output.
    output: Path | None = None
    #: ``--report FORMAT:FILE``: more reports of the same run (``-`` is standard output).
    reports: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> Options:
        """The options of a parsed command line (a subcommand was given)."""
        return cls(
            command=args.command,
            schemas=getattr(args, "schemas", None),
            config=getattr(args, "config", None),
            format=getattr(args, "format", "text"),
            profile=getattr(args, "profile", None),
            engine=getattr(args, "engine", None),
            type_name=getattr(args, "type_name", None),
            baseline=getattr(args, "baseline", None),
            write_baseline=getattr(args, "write_baseline", None),
            variant=getattr(args, "variant", None),
            routes=tuple(getattr(args, "routes", ())),
            openapi=tuple(getattr(args, "openapi", ())),
            exclude=tuple(getattr(args, "exclude", ())),
            strict=getattr(args, "strict", False),
            coverage=getattr(args, "coverage", False),
            jobs=getattr(args, "jobs", 1),
            scheduler=getattr(args, "scheduler", None),
            output=getattr(args, "output", None),
            sample=getattr(args, "sample", 0),
            every=getattr(args, "every", False),
            paths=tuple(getattr(args, "paths", ())),
            limits=tuple(getattr(args, "limits", ())),
            arguments=args,
            select=_codes(getattr(args, "select", ())),
            ignore=_codes(getattr(args, "ignore", ())),
            quiet=getattr(args, "quiet", 0),
            verbose=getattr(args, "verbose", False),
            color=getattr(args, "color", "auto"),
            reports=tuple(getattr(args, "reports", ())),
        )


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Codes given repeatedly or comma-separated (``--ignore HSC-PUB,HSC-S-MISSING-ID``)."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def report_target(value: str) -> tuple[str, str]:
    """``FORMAT:FILE`` of ``--report``; ``-`` as FILE is standard output."""
    format_name, colon, target = value.partition(":")
    if not colon or not target or format_name not in REPORTERS:
        raise argparse.ArgumentTypeError(
            f"expected FORMAT:FILE with FORMAT one of {', '.join(sorted(REPORTERS))}, got {value!r}"
        )
    return format_name, target


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="hsconform",
        description="HubSpot API payload conformance against the JSON Schema and "
        "JSON Structure variants of each type.",
    )
    parser.add_argument("--version", action="version", version=f"hsconform {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    types = commands.add_parser("types", help="list the types of a schema pack and its figures")
    _common(types)

    lint = commands.add_parser(
        "lint", help="check that the schema documents of a pack are conformant"
    )
    _common(lint)
    _outputs(lint)

    drift = commands.add_parser(
        "drift", help="compare the two variants of each type: wire, lossy and spec drift"
    )
    _common(drift)
    _outputs(drift)
    drift.add_argument("--type", dest="type_name", metavar="T", help="only this type")
    drift.add_argument(
        "--baseline",
        metavar="FILE",
        type=Path,
        help="accepted drift: report (and fail on) only what it does not list",
    )
    drift.add_argument(
        "--write-baseline",
        metavar="FILE",
        type=Path,
        help="record the current drift as accepted (keeps existing reasons)",
    )

    routes = commands.add_parser(
        "routes", help="list the route table: method, path template, status -> type, source"
    )
    _common(routes, formats=ROUTE_FORMATS)
    _route_sources(routes)

    check = commands.add_parser("check", help="validate JSON payload files")
    _common(check, formats=[*sorted(REPORTERS), *STREAM_FORMATS])
    _outputs(check)
    check.add_argument(
        "--type",
        dest="type_name",
        metavar="T",
        help="type of every file (stem, family/Title or a unique Title); "
        "default: the [types] globs of the configuration",
    )
    check.add_argument(
        "--variant",
        choices=VARIANT_CHOICES,
        default=None,
        help="schema variant to validate against, or both in one pass (default: json-schema)",
    )
    _route_sources(check)
    check.add_argument(
        "--exclude",
        metavar="GLOB",
        action="append",
        default=[],
        help="skip files whose path matches (** spans folders); repeatable",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="a skipped response (no route, not JSON) fails the run",
    )
    check.add_argument(
        "--coverage",
        action="store_true",
        help="list every route of the pack no recorded response reached (counted otherwise)",
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="validate in N processes (output order stays the same)",
    )
    check.add_argument(
        "--scheduler",
        metavar="local[:N]|tcp://HOST:PORT",
        help="check on a Dask cluster: a new local one of N worker processes, or a running "
        "scheduler; PATH may then be an fsspec URL (needs the dask extra)",
    )
    check.add_argument(
        "--sample",
        type=int,
        default=0,
        metavar="N",
        help="show N example findings per code in the summary",
    )
    check.add_argument(
        "--all",
        dest="every",
        action="store_true",
        help="jsonl and parquet: a row for every response, also those without findings",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="recording files (JSON, JSON Lines, VCR cassettes, HAR) or folders to search; "
        "default: the configured `paths`",
    )
    add_pack_command(commands)
    return parser


def _outputs(sub: argparse.ArgumentParser) -> None:
    """What a findings report shows and where it goes (check, lint, drift)."""
    sub.add_argument(
        "--select",
        metavar="CODE",
        action="append",
        default=[],
        help="report only findings with these codes or code prefixes (HSC-V); repeatable, "
        "or comma-separated",
    )
    sub.add_argument(
        "--ignore",
        metavar="CODE",
        action="append",
        default=[],
        help="leave out findings with these codes or code prefixes; wins over --select",
    )
    sub.add_argument(
        "-q",
        "--quiet",
        action="count",
        default=0,
        help="text report: only what failed or could not be read, then the summary; "
        "-qq: the summary line alone",
    )
    sub.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say on standard error which configuration file, pack, profile and engine "
        "the run used",
    )
    sub.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the text report: auto (a terminal, unless NO_COLOR is set or "
        "FORCE_COLOR asks for it), always or never (default: auto)",
    )
    sub.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write the --format report to FILE instead of standard output (parquet needs it)",
    )
    sub.add_argument(
        "--report",
        dest="reports",
        metavar="FORMAT:FILE",
        type=report_target,
        action="append",
        default=[],
        help="also write the report in FORMAT to FILE (- for standard output); repeatable, "
        "e.g. --report sarif:hsconform.sarif --report junit:hsconform.xml",
    )


def _route_sources(sub: argparse.ArgumentParser) -> None:
    """The route sources added to the pack's own: route files and OpenAPI documents."""
    sub.add_argument(
        "--routes",
        metavar="FILE",
        type=Path,
        action="append",
        default=[],
        help="a route file (method + path template + status -> type); repeatable",
    )
    sub.add_argument(
        "--openapi",
        metavar="FILE|DIR|GLOB",
        type=Path,
        action="append",
        default=[],
        help="derive routes from OpenAPI 3 documents: a file, a folder (any depth) or a "
        "quoted glob; repeatable; added to the pack's own openapi/ folder",
    )


def _common(sub: argparse.ArgumentParser, formats: Sequence[str] = ()) -> None:
    """The options every subcommand takes: where the pack and configuration are, what to print."""
    sub.add_argument(
        "--schemas",
        metavar="DIR",
        type=Path,
        help="schema pack folder (default: the configured one, else the vendored pack)",
    )
    sub.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="configuration file (default: nearest hsconform.toml or "
        "pyproject.toml with [tool.hsconform])",
    )
    sub.add_argument(
        "--format",
        choices=list(formats) or sorted(REPORTERS),
        default="text",
        help="report format (default: text)",
    )
    sub.add_argument(
        "--profile",
        choices=[profile.value for profile in PROFILES],
        default=None,
        help="JSON Structure profile (default: the configured one, else published)",
    )
    sub.add_argument(
        "--engine",
        choices=[engine.value for engine in ENGINES],
        default=None,
        help="JSON Schema engine: jsonschema-rs, or reference (python-jsonschema, slower) "
        "(default: the configured one, else jsonschema-rs)",
    )
    sub.add_argument(
        "--limit",
        dest="limits",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="raise or lower a limit: file-size, body-size (sizes take K, M, G) or "
        "integer-digits (repeatable; README, Limits)",
    )


def parse_options(
    argv: Sequence[str] | None, parser: argparse.ArgumentParser | None = None
) -> Options | None:
    """The options of ``argv``; ``None`` when no subcommand was given.

    argparse itself prints ``--help`` and ``--version`` and reports bad arguments, exiting
    with 0 or 2 as it does for every argparse program.
    """
    args = (parser or build_parser()).parse_args(argv)
    if args.command is None:
        return None
    return Options.from_namespace(args)
