"""``check`` at archive scale: rows streamed to JSON Lines or Parquet, or the run on Dask.

The coordinating process keeps one file's (or chunk's) results at a time and the combined
:class:`~hsconform.summary.Summary`, never the records, whatever the size of the input.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from hsconform.atomic import staging_folder
from hsconform.check.checker import CheckedFile, Selection, collect_files, report_of
from hsconform.check.partition import CheckSpec, PackRef
from hsconform.cli.build import (
    UsageError,
    build_runner,
    show_progress,
    write_reports,
)
from hsconform.cli.parse import Options
from hsconform.codes import INSTALL_COMMANDS
from hsconform.config import Config
from hsconform.outcomes import (
    EXIT_NOTHING_CHECKED,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_VIOLATIONS,
    Status,
)
from hsconform.pack import Pack
from hsconform.report.jsonl import write_rows
from hsconform.report.parquet import ParquetUnavailableError, parquet_rows
from hsconform.report.rows import rows_of
from hsconform.report.summary_text import write_summary
from hsconform.summary import Summary, combine, summarize


def check_at_scale(
    options: Options,
    config: Config,
    pack: Pack,
    paths: list[Path],
    selection: Selection,
    variant: str,
    out: TextIO,
    err: TextIO,
) -> int:
    """Run ``check`` for ``--format jsonl|parquet`` or ``--scheduler``; returns the exit code."""
    if options.sample < 0:
        raise UsageError("--sample must be 0 or more")
    if options.format == "parquet" and options.output is None:
        raise UsageError("--format parquet writes a file: give it with --output FILE")
    excludes = [*config.exclude, *options.exclude]
    strict = options.strict or config.strict
    with _results(options, pack, paths, selection, variant, excludes) as (files, problems, results):
        if options.format not in ("jsonl", "parquet"):
            report = report_of(
                results,
                problems,
                files,
                selection,
                strict=strict,
                profile=pack.profile,
                list_unexercised=options.coverage,
                identity=pack.identity,
            )
            report = write_reports(options, report, out, err)
            if options.sample:
                write_summary(summarize(report.outcomes, options.sample), err)
            for problem in report.problems:
                err.write(f"hsconform: error: {problem}\n")
            if report.nothing_checked is not None and not report.problems:
                err.write(f"hsconform: error: nothing was checked: {report.nothing_checked}\n")
            return report.exit_code
        found = list(problems)
        figures = _written(options, results, found, out)
    write_summary(figures, out if options.format == "parquet" else err)
    return _problems_and_code(found, figures, strict, err)


@contextlib.contextmanager
def _results(
    options: Options,
    pack: Pack,
    paths: list[Path],
    selection: Selection,
    variant: str,
    excludes: list[str],
) -> Iterator[tuple[int, list[str], Iterable[CheckedFile]]]:
    """The files' results in input order: from the ``-j`` processes or the Dask cluster."""
    if options.scheduler is None:
        targets, problems = collect_files(paths, excludes)
        results = build_runner(options)(pack, targets, selection, variant)
        yield len(targets), problems, show_progress(len(targets), results)
        return
    try:
        on_dask: Any = importlib.import_module("hsconform.dask")
    except ImportError as error:
        raise UsageError(f"--scheduler needs Dask: {INSTALL_COMMANDS['dask']} ({error})") from error
    spec = CheckSpec(PackRef.of(pack), selection, variant, options.sample)
    try:
        inputs, problems = on_dask.inputs_of(paths, excludes)
        with on_dask.connect(options.scheduler) as client:
            partials = on_dask.partials(client, spec, inputs)
            yield len(inputs), problems, (CheckedFile(p.outcomes, p.problems) for p in partials)
    except on_dask.SchedulerError as error:
        raise UsageError(str(error)) from error


def _written(
    options: Options, results: Iterable[CheckedFile], problems: list[str], out: TextIO
) -> Summary:
    """The rows of every result written as they arrive; the summary of them all."""
    figures = Summary(sample=options.sample)

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal figures
        for result in results:
            problems.extend(result.problems)
            figures = combine(figures, summarize(result.outcomes, options.sample))
            yield from rows_of(result.outcomes, every=options.every)

    if options.format == "parquet" and options.output is not None:
        try:
            with parquet_rows(options.output) as table:
                for row in rows():
                    table.add(row)
        except ParquetUnavailableError as error:
            raise UsageError(str(error)) from error
    elif options.output is not None:
        target = options.output
        with staging_folder(target) as staging:
            staged = staging / target.name
            with staged.open("w", encoding="utf-8") as stream:
                write_rows(rows(), stream)
            os.replace(staged, target)
    else:
        write_rows(rows(), out)
    return figures


def _problems_and_code(problems: list[str], figures: Summary, strict: bool, err: TextIO) -> int:
    for problem in problems:
        err.write(f"hsconform: error: {problem}\n")
    if problems or figures.count(Status.UNREADABLE):
        return EXIT_USAGE
    if not (figures.count(Status.OK) or figures.count(Status.FAILED)):
        if not problems:
            err.write(
                "hsconform: error: nothing was checked: no response or payload was validated\n"
            )
        return EXIT_NOTHING_CHECKED
    if figures.count(Status.FAILED) or (strict and figures.count(Status.SKIPPED)):
        return EXIT_VIOLATIONS
    return EXIT_OK
