"""Checking recorded traffic on a Dask cluster: one task per input file, the pack by reference.

``hsconform check --scheduler local[:N] | tcp://HOST:PORT`` and :func:`check` share one unit
of work, :func:`~hsconform.check.partition.check_partition`; each worker loads the pack once.
Inputs are local paths, folders and globs, or fsspec URLs (``s3://bucket/logs/*.jsonl.gz``
with the filesystem's own package installed). Dask reruns the task of a worker that died, so
the findings have neither gaps nor duplicates. Needs the ``dask`` extra;
``import hsconform`` never imports this module.
"""

from __future__ import annotations

import contextlib
import glob
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask
import dask.bag
import dask.dataframe
import pandas
from dask.delayed import Delayed, delayed
from distributed import Client, Future, LocalCluster

from hsconform.check.checker import FileTarget, Selection, collect_files
from hsconform.check.partition import CheckSpec, Line, PackRef, Partial, check_partition
from hsconform.check.split import Chunk, chunks_of
from hsconform.config import display
from hsconform.dask._tasks import check_input, is_url
from hsconform.pack import Pack, load_pack
from hsconform.pack.routes import routes_of
from hsconform.recordings import is_jsonl
from hsconform.report.rows import COLUMNS, rows_of
from hsconform.summary import Summary, combine

__all__ = ["DaskCheck", "Input", "check", "connect", "inputs_of", "partials", "spec_of", "summary"]


class SchedulerError(ValueError):
    """A ``--scheduler`` value that names no cluster."""


@dataclass(frozen=True)
class Input:
    """One file to check: as named to the worker, as shown in reports, and named by the user."""

    name: str
    shown: str
    named: bool


@dataclass(frozen=True)
class DaskCheck:
    """A check on Dask, not computed yet: findings as a Dask DataFrame, and their summary."""

    findings: dask.dataframe.DataFrame
    summary: Delayed
    #: One delayed :class:`~hsconform.check.partition.Partial` per input or bag partition.
    parts: tuple[Delayed, ...]
    every: bool = False

    def compute(self) -> tuple[pandas.DataFrame, Summary]:
        """Both, computed in one pass over the inputs."""
        partials = dask.compute(*self.parts)
        frames = [_frame(part, self.every) for part in partials]
        frame = pandas.concat(frames, ignore_index=True) if frames else _frame(None, self.every)
        return frame, summary(partials)


def inputs_of(
    paths: Iterable[str | Path], excludes: Sequence[str] = ()
) -> tuple[list[Input], list[str]]:
    """The files to check: local paths, folders and globs as ``check`` finds them, and URLs.

    Returns the inputs in order and the problems (a path that names nothing).
    """
    inputs: list[Input] = []
    problems: list[str] = []
    local: list[Path] = []

    def flush() -> None:
        targets, found = collect_files(local, excludes)
        inputs.extend(Input(str(t.path.resolve()), display(t.path), t.named) for t in targets)
        problems.extend(found)
        local.clear()

    for path in paths:
        name = str(path)
        if is_url(name):
            flush()
            inputs.extend(_urls(name))
        elif glob.has_magic(name) and not Path(name).exists():
            local.extend(Path(match) for match in sorted(glob.glob(name, recursive=True)))
        else:
            local.append(Path(name))
    flush()
    return inputs, problems


def _urls(pattern: str) -> list[Input]:
    import fsspec

    files = fsspec.open_files(pattern, "rb")
    names = sorted(files.fs.unstrip_protocol(each.path) for each in files)
    return [Input(name, name, True) for name in names]


def spec_of(
    pack: Pack | PackRef | str | Path | None = None,
    *,
    variant: str = "json-schema",
    profile: str | None = None,
    engine: str | None = None,
    type: str | None = None,
    sample: int = 0,
) -> CheckSpec:
    """A check's specification: the pack (loaded here once, to resolve routes and type)."""
    if isinstance(pack, PackRef):
        loaded = pack.load()
    elif isinstance(pack, Pack):
        loaded = pack
    else:
        options: dict[str, Any] = {"profile": profile} if profile else {}
        if engine:
            options["engine"] = engine
        loaded = load_pack(None if pack is None else Path(pack), **options)
    if type is not None:
        type = loaded.type(type).name  # UnknownType, with suggestions, for a name of none
    selection = Selection(explicit=type, routes=routes_of(loaded).table)
    return CheckSpec(PackRef.of(loaded), selection, variant, sample)


@contextlib.contextmanager
def connect(scheduler: str) -> Iterator[Client]:
    """A client of ``local`` / ``local:N`` (a new LocalCluster of N processes) or an address."""
    if scheduler == "local" or scheduler.startswith("local:"):
        _, _, count = scheduler.partition(":")
        if count and not (count.isdigit() and int(count) > 0):
            raise SchedulerError(f"--scheduler {scheduler}: N must be a positive whole number")
        workers = int(count) if count else None
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    if "://" not in scheduler:
        raise SchedulerError(
            f"--scheduler {scheduler}: expected local, local:N or a scheduler address "
            "(tcp://HOST:PORT)"
        )
    with Client(scheduler) as client:
        yield client


def partials(
    client: Client, spec: CheckSpec, inputs: Sequence[Input], window: int | None = None
) -> Iterator[Partial]:
    """Each input's result, in input order, with a bounded number of tasks in flight."""
    window = window or 4 * max(1, len(client.scheduler_info().get("workers", {})))
    flight: deque[Future] = deque()
    for task in _tasks(inputs):
        flight.append(client.submit(*task[:1], spec, *task[1:]))
        if len(flight) >= window:
            yield flight.popleft().result()
    while flight:
        yield flight.popleft().result()


def _tasks(inputs: Sequence[Input]) -> Iterator[tuple[Any, ...]]:
    """Local JSON Lines files in chunks of lines (read here, checked anywhere); the rest whole."""
    for each in inputs:
        if is_url(each.name) or not is_jsonl(each.name):
            yield check_input, each.name, each.shown, each.named
            continue
        for chunk in chunks_of(FileTarget(Path(each.name), each.named)):
            yield _chunk_partial, chunk


def _chunk_partial(spec: CheckSpec, chunk: Chunk) -> Partial:
    return check_partition(spec, chunk.items())


def check(
    paths_or_bag: str | Path | Iterable[str | Path] | dask.bag.Bag,
    pack: Pack | PackRef | str | Path | None = None,
    *,
    variant: str = "json-schema",
    profile: str | None = None,
    engine: str | None = None,
    type: str | None = None,
    sample: int = 0,
    every: bool = False,
) -> DaskCheck:
    """The findings of the inputs as a Dask DataFrame (columns :data:`COLUMNS`), and a summary.

    ``paths_or_bag`` is a path, URL or glob, several of them, or a Dask bag of JSON Lines
    text (each element one record, or a ``(file, line, text)`` tuple). ``every`` adds a row
    for each outcome without findings. Nothing runs until the result is computed.
    """
    spec = spec_of(pack, variant=variant, profile=profile, engine=engine, type=type, sample=sample)
    if isinstance(paths_or_bag, dask.bag.Bag):
        parts = [delayed(_bag_partial)(spec, partition) for partition in paths_or_bag.to_delayed()]
    else:
        names = [paths_or_bag] if isinstance(paths_or_bag, (str, Path)) else list(paths_or_bag)
        inputs, problems = inputs_of(names)
        if problems:
            raise FileNotFoundError("; ".join(problems))
        parts = [delayed(check_input)(spec, each.name, each.shown, each.named) for each in inputs]
    frames = [delayed(_frame)(part, every) for part in parts]
    findings = dask.dataframe.from_delayed(frames, meta=_frame(None, every), verify_meta=False)
    return DaskCheck(findings, delayed(_combined)(parts), tuple(parts), every)


def summary(*parts: Summary | Partial | Iterable[Summary | Partial]) -> Summary:
    """The partial summaries (or partials) added up: associative, so in any grouping."""
    flat: list[Summary] = []
    for part in parts:
        if isinstance(part, (Summary, Partial)):
            flat.append(part.summary if isinstance(part, Partial) else part)
        else:
            flat.extend(p.summary if isinstance(p, Partial) else p for p in part)
    return combine(*flat)


def _combined(parts: list[Partial]) -> Summary:
    return combine(*(part.summary for part in parts))


def _bag_partial(spec: CheckSpec, records: Iterable[Any]) -> Partial:
    lines = []
    for number, record in enumerate(records, 1):
        if isinstance(record, tuple):
            file, line, text = record
            lines.append(Line(str(file), str(file), int(line), _bytes(text)))
        else:
            lines.append(Line("<bag>", "<bag>", number, _bytes(record)))
    return check_partition(spec, lines)


def _bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _frame(part: Partial | None, every: bool) -> pandas.DataFrame:
    rows = list(rows_of(part.outcomes, every=every)) if part is not None else []
    frame = pandas.DataFrame(rows, columns=list(COLUMNS))
    for column in ("line", "record", "status"):
        frame[column] = frame[column].astype("Int64")
    for column in COLUMNS:
        if column not in ("line", "record", "status"):
            frame[column] = frame[column].astype("string")
    return frame
