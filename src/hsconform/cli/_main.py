"""The ``hsconform`` command: parse arguments, call the library, pick a reporter, set the exit code.

Exit codes: 0 conformant, 1 violations found, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from hsconform import __version__
from hsconform.check.checker import (
    BOTH,
    CheckReport,
    FileOutcome,
    Selection,
    Status,
    check_paths,
)
from hsconform.check.runner import Progress, in_processes
from hsconform.config import Config, display, find_config, load_config
from hsconform.drift.baseline import BaselineEntry, apply_baseline, load_baseline, write_baseline
from hsconform.errors import ConfigError, PackError, UnknownType
from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.json_structure.keywords import PROFILES
from hsconform.pack import VARIANTS, Pack, load_pack, vendored_pack_path
from hsconform.pack.routes import RoutesError, pack_routes
from hsconform.report import REPORTERS

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2


class _Usage(Exception):  # noqa: N818 - internal control flow, never escapes main()
    """A usage or input problem: reported on stderr, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="hsconform",
        description="HubSpot API payload conformance against the JSON Schema and "
        "JSON Structure variants of each type.",
    )
    parser.add_argument("--version", action="version", version=f"hsconform {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
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
            choices=sorted(REPORTERS),
            default="text",
            help="report format (default: text)",
        )
        sub.add_argument(
            "--profile",
            choices=PROFILES,
            default=None,
            help="JSON Structure profile (default: the configured one, else published for "
            "the vendored pack and strict for other folders)",
        )

    types = commands.add_parser("types", help="list the types of a schema pack and its figures")
    common(types)

    lint = commands.add_parser(
        "lint", help="check that the schema documents of a pack are conformant"
    )
    common(lint)

    drift = commands.add_parser(
        "drift", help="compare the two variants of each type: wire, lossy and spec drift"
    )
    common(drift)
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

    check = commands.add_parser("check", help="validate JSON payload files")
    common(check)
    check.add_argument(
        "--type",
        dest="type_name",
        metavar="T",
        help="type of every file (stem, family/Title or a unique Title); "
        "default: the [types] globs of the configuration",
    )
    check.add_argument(
        "--variant",
        choices=[*VARIANTS, BOTH],
        default=None,
        help="schema variant to validate against, or both in one pass (default: json-schema)",
    )
    check.add_argument(
        "--routes",
        metavar="FILE",
        type=Path,
        action="append",
        default=[],
        help="a route file (method + path template + status -> type); repeatable",
    )
    check.add_argument(
        "--openapi",
        metavar="FILE",
        type=Path,
        action="append",
        default=[],
        help="derive routes from an OpenAPI document's paths; repeatable",
    )
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
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="validate in N processes (output order stays the same)",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="recording files (JSON, JSON Lines, VCR cassettes, HAR) or folders to search; "
        "default: the configured `paths`",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "types":
            return run_types(args, sys.stdout)
        if args.command == "lint":
            return run_lint(args, sys.stdout)
        if args.command == "drift":
            return run_drift(args, sys.stdout)
        return run_check(args, sys.stdout)
    except _Usage as problem:
        sys.stderr.write(f"hsconform: error: {problem}\n")
        return EXIT_USAGE
    except PackError as error:
        sys.stderr.write(f"hsconform: error: {error}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _config(args: argparse.Namespace) -> Config:
    try:
        return load_config(args.config) if args.config else find_config(Path.cwd())
    except ConfigError as error:
        raise _Usage(str(error)) from None


def _pack(args: argparse.Namespace, config: Config) -> Pack:
    folder = args.schemas or config.schemas
    if folder is not None and not Path(folder).exists():
        raise _Usage(f"{folder}: no such schema folder")
    return load_pack(folder, profile=args.profile or config.profile)


def run_types(args: argparse.Namespace, out: TextIO) -> int:
    """``hsconform types``: the types of a pack with their variants, and the pack's figures."""
    config = _config(args)
    pack = _pack(args, config)
    counts = pack.counts()
    vendored = pack.root.resolve() == vendored_pack_path().resolve()
    if args.format == "json":
        json.dump(
            {
                "pack": str(pack.root),
                "vendored": vendored,
                "counts": {
                    "documents": dict(counts.documents),
                    "types": counts.types,
                    "twins": counts.twins,
                    "refs": {
                        "resolved": counts.refs_resolved,
                        "redirected": counts.refs_redirected,
                        "unresolved": counts.refs_unresolved,
                    },
                },
                "types": [
                    {
                        "name": t.name,
                        "stem": t.stem,
                        "family": t.family,
                        "title": t.title,
                        "variants": list(t.variants),
                    }
                    for t in pack.types()
                ],
                "notes": [str(note) for note in pack.notes],
            },
            out,
            indent=2,
        )
        out.write("\n")
        return EXIT_OK
    out.write(f"pack: {pack.root}{' (vendored)' if vendored else ''}\n")
    documents = ", ".join(f"{n} {dialect}" for dialect, n in counts.documents.items())
    out.write(
        f"documents: {documents}; types: {counts.types}, twins: {counts.twins}; "
        f"references: {counts.refs_resolved} resolved ({counts.refs_redirected} "
        f"#/components/schemas redirects), {counts.refs_unresolved} unresolved\n\n"
    )
    rows = [(t.name, ", ".join(t.variants), t.stem) for t in pack.types()]
    widths = [max(len(r[i]) for r in [("TYPE", "VARIANTS", "STEM"), *rows]) for i in range(2)]
    for name, variants, stem in [("TYPE", "VARIANTS", "STEM"), *rows]:
        out.write(f"{name.ljust(widths[0])}  {variants.ljust(widths[1])}  {stem}\n")
    for note in pack.notes:
        out.write(f"note: {note}\n")
    return EXIT_OK


def run_lint(args: argparse.Namespace, out: TextIO) -> int:
    """``hsconform lint``: every problem of every schema document, grouped per document."""
    config = _config(args)
    pack = _pack(args, config)
    by_file: dict[str, list[Finding]] = {}
    for finding in pack.lint():
        file = finding.source.file if finding.source else ""
        by_file.setdefault(file, []).append(finding)
    outcomes = []
    for document in pack.documents:
        shown = display(pack.root / document.file)
        found = tuple(
            f.with_source(
                SourceLocation(
                    shown,
                    f.source.line if f.source else None,
                    f.source.column if f.source else None,
                )
            )
            for f in by_file.get(document.file, [])
        )
        failed = any(f.severity is Severity.ERROR for f in found)
        outcomes.append(
            FileOutcome(
                shown,
                Status.FAILED if failed else Status.OK,
                type=f"{document.family}/{document.title or document.stem}",
                variant=document.dialect,
                findings=found,
            )
        )
    report = CheckReport(outcomes=tuple(outcomes), kind="lint")
    REPORTERS[args.format](report, out)
    return report.exit_code


def run_drift(args: argparse.Namespace, out: TextIO) -> int:
    """``hsconform drift``: differences between the variants of each twin, with witnesses."""
    config = _config(args)
    pack = _pack(args, config)
    try:
        chosen = pack.type(args.type_name) if args.type_name else None
    except UnknownType as error:
        raise _Usage(str(error)) from None
    findings = pack.drift(chosen)
    baseline_path = args.baseline or (config.baseline if not args.write_baseline else None)
    previous: tuple[BaselineEntry, ...] = ()
    try:
        if baseline_path is not None:
            previous = load_baseline(baseline_path)
        elif args.write_baseline is not None and args.write_baseline.exists():
            previous = load_baseline(args.write_baseline)
    except ConfigError as error:
        raise _Usage(str(error)) from None
    notes: list[str] = []
    if args.write_baseline is not None:
        count = write_baseline(args.write_baseline, findings, previous)
        notes.append(f"wrote {count} baseline entries to {args.write_baseline}")
    applied = apply_baseline(findings, previous if baseline_path is not None else ())
    if baseline_path is not None:
        notes.append(f"baseline {baseline_path}: {applied.accepted} finding(s) accepted")
        notes.extend(f"baseline entry no longer occurs: {entry}" for entry in applied.stale)
        missing = [e for e in previous if not e.reason.strip()]
        if missing:
            notes.append(f"{len(missing)} baseline entries give no reason")
    compared = [chosen] if chosen is not None else pack.types()
    twins = [t.name for t in compared if set(VARIANTS) <= set(t.variants)]
    report = CheckReport(
        outcomes=tuple(_drift_outcomes(pack, applied.new, twins)), kind="drift", notes=tuple(notes)
    )
    REPORTERS[args.format](report, out)
    return report.exit_code


def _drift_outcomes(
    pack: Pack, findings: Sequence[Finding], twins: Sequence[str]
) -> list[FileOutcome]:
    """One outcome per twin compared, findings placed in the schema document they point at."""
    documents = {d.file: d for d in pack.documents}
    by_type: dict[str, list[Finding]] = {name: [] for name in twins}
    for finding in findings:
        by_type.setdefault(finding.type_name or "", []).append(finding)
    outcomes = []
    for name in sorted(by_type):
        placed = []
        for finding in by_type[name]:
            file = finding.schema.file if finding.schema else ""
            document = documents.get(file)
            if document is not None and finding.schema is not None:
                position = document.locate(finding.schema.pointer)
                line, column = position if position else (None, None)
                source = SourceLocation(display(pack.root / file), line, column)
                finding = finding.with_source(source)
            placed.append(finding)
        failed = any(f.severity is Severity.ERROR for f in placed)
        outcomes.append(
            FileOutcome(
                name, Status.FAILED if failed else Status.OK, type=name, findings=tuple(placed)
            )
        )
    return outcomes


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    """``hsconform check``: validate recorded responses and report every finding."""
    config = _config(args)
    paths = list(args.paths) or list(config.paths)
    if not paths:
        raise _Usage("no PATH given and no `paths` configured: name the files or folders to check")
    pack = _pack(args, config)
    variant = args.variant or config.variant or "json-schema"
    if variant not in (*VARIANTS, BOTH):
        raise _Usage(f"unknown variant {variant!r}; use one of: {', '.join((*VARIANTS, BOTH))}")
    if args.jobs < 1:
        raise _Usage("-j must be at least 1")
    selection = _selection(args, config, pack)
    report = check_paths(
        pack,
        paths,
        selection,
        variant=variant,
        excludes=[*config.exclude, *args.exclude],
        strict=args.strict or config.strict,
        run=in_processes(args.jobs),
        track=lambda total, results: Progress(total).track(results),
    )
    REPORTERS[args.format](report, out)
    for problem in report.problems:
        sys.stderr.write(f"hsconform: error: {problem}\n")
    return report.exit_code


def _selection(args: argparse.Namespace, config: Config, pack: Pack) -> Selection:
    """--type, else the [types] globs, else the routes (vendored, configured, from OpenAPI)."""
    explicit = None
    if args.type_name:
        try:
            explicit = pack.type(args.type_name).name
        except UnknownType as error:
            raise _Usage(str(error)) from None
    try:
        routes = pack_routes(pack, [*args.routes, *config.routes], [*args.openapi, *config.openapi])
    except (RoutesError, OSError) as error:
        raise _Usage(str(error)) from None
    globs = config.type_for if config.types else None
    return Selection(explicit=explicit, globs=globs, routes=routes)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
