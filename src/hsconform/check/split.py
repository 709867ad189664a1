"""Cutting a run into tasks for a process pool: whole files, and large JSON Lines files in chunks.

``-j N`` used to hand out whole files, so one large JSON Lines archive ran on one core. Here a
JSON Lines file (plain or compressed) is read as a stream in the coordinating process and cut
into chunks of lines that any worker checks with :func:`~hsconform.check.partition.check_partition`;
the results come back in input order, so the report is the same whatever the number of
processes. Only a bounded window of tasks is in flight at once, so the coordinator's memory
does not grow with the size of the input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from hsconform.check.checker import (
    CHECK_FAILED,
    CheckedFile,
    FileTarget,
    check_file_safely,
    failed_file,
    unreadable_outcome,
)
from hsconform.check.partition import CheckSpec, Line, check_partition
from hsconform.config import display
from hsconform.recordings import Unreadable, is_jsonl, jsonl_lines

#: A chunk closes at this many lines or bytes, whichever comes first.
CHUNK_LINES = 2000
CHUNK_BYTES = 4 << 20

Task = TypeVar("Task")
Result = TypeVar("Result")


@dataclass(frozen=True)
class Chunk:
    """Consecutive lines of one JSON Lines file; ``last`` closes the file."""

    #: The file as the user named it, and as reports show it.
    path: str
    file: str
    #: ``(line number, raw line)`` pairs (plain tuples pickle fast), or what was unreadable.
    records: tuple[tuple[int, bytes] | Unreadable, ...]
    last: bool

    @property
    def lines(self) -> str:
        """``lines 2001-4000``: the part of the file the chunk holds."""
        numbers = [r.line or 0 if isinstance(r, Unreadable) else r[0] for r in self.records]
        return f"lines {min(numbers)}-{max(numbers)}" if numbers else "the end of the file"

    def items(self) -> Iterator[Line | Unreadable]:
        """The records as the partition function takes them."""
        for record in self.records:
            if isinstance(record, Unreadable):
                yield record
            else:
                yield Line(self.path, self.file, record[0], record[1])


def tasks_of(targets: Iterable[FileTarget]) -> Iterator[FileTarget | Chunk]:
    """Each file as one task, except JSON Lines files: their lines in chunks."""
    for target in targets:
        if is_jsonl(target.path.name):
            yield from chunks_of(target)
        else:
            yield target


def chunks_of(
    target: FileTarget, lines: int | None = None, size: int | None = None
) -> Iterator[Chunk]:
    """The lines of one JSON Lines file in chunks, the last one marked (it may be empty).

    A chunk closes at ``lines`` lines or ``size`` bytes (default: :data:`CHUNK_LINES`,
    :data:`CHUNK_BYTES`).
    """
    lines = lines or CHUNK_LINES
    size = size or CHUNK_BYTES
    path, shown = str(target.path), display(target.path)
    records: list[tuple[int, bytes] | Unreadable] = []
    held = 0
    for number, raw in jsonl_lines(target.path, shown):
        if isinstance(raw, Unreadable):
            records.append(raw)
            continue
        records.append((number, raw))
        held += len(raw)
        if len(records) >= lines or held >= size:
            yield Chunk(path, shown, tuple(records), last=False)
            records, held = [], 0
    yield Chunk(path, shown, tuple(records), last=True)


def check_chunk(spec: CheckSpec, chunk: Chunk) -> CheckedFile:
    """One chunk checked: its outcomes, and whether more of the same file follow."""
    partial = check_partition(spec, chunk.items())
    return CheckedFile(partial.outcomes, partial.problems, more=not chunk.last)


def check_task(spec: CheckSpec, task: FileTarget | Chunk) -> CheckedFile:
    """A task of :func:`tasks_of` checked; any failure is an outcome of its file, never raised."""
    if isinstance(task, FileTarget):
        return check_file_safely(spec.pack.load(), task, spec.selection, variant=spec.variant)
    try:
        return check_chunk(spec, task)
    except (Exception, RecursionError) as error:
        return failed_task(task, f"checking this file failed: {type(error).__name__}: {error}")


def failed_task(task: FileTarget | Chunk, reason: str) -> CheckedFile:
    """The result of a task that could not be checked at all, with the reason."""
    if isinstance(task, FileTarget):
        return failed_file(task, reason)
    item = Unreadable(task.file, f"{task.lines}: {reason}", code=CHECK_FAILED)
    return CheckedFile((unreadable_outcome(item, task.file),), more=not task.last)


class PoolBrokenError(Exception):
    """The pool died (a worker was killed); ``tasks`` were in flight, in order, unreported."""

    def __init__(self, tasks: list[Any]) -> None:
        super().__init__(f"{len(tasks)} task(s) in flight")
        self.tasks = tasks


def in_order(
    pool: Executor,
    run: Callable[[Task], Result],
    tasks: Iterable[Task],
    window: int,
    failed: Callable[[Task, str], Result],
) -> Iterator[Result]:
    """``run`` over ``tasks`` in ``pool``, results in task order, at most ``window`` in flight.

    A result that cannot come back (it does not pickle, say) is ``failed(task, why)``; a
    broken pool raises :class:`PoolBrokenError` with the tasks still unreported.
    """
    flight: deque[tuple[Task, Future[Result]]] = deque()

    def first() -> Result:
        task, future = flight[0]
        try:
            result = future.result()
        except BrokenProcessPool as error:
            raise PoolBrokenError([each for each, _ in flight]) from error
        except Exception as error:  # a result that could not travel back, say
            result = failed(task, f"checking this file failed: {type(error).__name__}: {error}")
        flight.popleft()
        return result

    try:
        for task in tasks:
            flight.append((task, pool.submit(run, task)))
            if len(flight) >= window:
                yield first()
        while flight:
            yield first()
    finally:
        for _, future in flight:
            future.cancel()
