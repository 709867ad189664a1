"""Running a check over many files: in this process or in ``-j N`` processes, with progress.

Output order never depends on the number of processes: results come back in the
order the files were found. Each worker process loads the pack once.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TextIO

from hsconform import limits
from hsconform.check import split
from hsconform.check.checker import (
    CheckedFile,
    FileTarget,
    Runner,
    Selection,
    check_files,
)
from hsconform.check.partition import CheckSpec, PackRef
from hsconform.check.split import (
    Chunk,
    PoolBrokenError,
    failed_task,
    in_order,
    tasks_of,
)
from hsconform.pack import Pack
from hsconform.recordings import is_jsonl

#: The reason given for a file whose worker process died while checking it.
KILLED = (
    "the process checking this file ended abruptly (killed, out of memory or crashed);"
    " the other files were checked"
)


def _start_worker(root: str, profile: str, engine: str, in_force: limits.Limits) -> None:
    limits.apply(in_force)
    PackRef(root, profile, engine).load()  # once per process, before the first task


def in_processes(jobs: int) -> Runner:
    """A ``run`` function for :func:`check_paths` that uses ``jobs`` processes.

    Files are tasks; a JSON Lines file is cut into chunks of lines, each a task
    (:mod:`hsconform.check.split`). A worker that dies (killed, out of memory, a crash in
    native code) breaks the pool and every task in flight with it. Those tasks are then
    checked again one at a time in a single fresh worker, where the task in flight when the
    worker dies is the one that killed it: its file is reported as failed, the others are
    checked, in order; then the run goes on in N processes.
    """

    def run(
        pack: Pack, targets: Sequence[FileTarget], selection: Selection, variant: str
    ) -> Iterator[CheckedFile]:
        splits = any(is_jsonl(target.path.name) for target in targets)
        spec = CheckSpec(PackRef.kept(pack), selection, variant)  # forked workers reuse it
        if jobs <= 1 and splits:
            # in this process, but a JSON Lines file chunk by chunk as the workers take it:
            # only one chunk's outcomes are held at a time, however long the file
            yield from (split.check_task(spec, task) for task in tasks_of(targets))
            return
        if jobs <= 1 or (len(targets) < 2 and not splits):
            yield from check_files(pack, targets, selection, variant)
            return
        tasks = tasks_of(targets)
        while True:
            try:
                with _pool(pack, jobs) as pool:
                    check = partial(split.check_task, spec)  # looked up now: replaceable
                    yield from in_order(pool, check, tasks, jobs * 4, failed_task)
                return
            except PoolBrokenError as broken:
                yield from _isolated(pack, spec, broken.tasks)

    return run


def _pool(pack: Pack, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        initializer=_start_worker,
        initargs=(str(pack.root), pack.profile, pack.engine, limits.current()),
    )


def _isolated(
    pack: Pack, spec: CheckSpec, tasks: list[FileTarget | Chunk]
) -> Iterator[CheckedFile]:
    """``tasks`` one at a time in one worker: the one in flight when it dies is reported."""
    rest = list(tasks)
    while rest:
        try:
            with _pool(pack, 1) as pool:
                while rest:
                    future = pool.submit(split.check_task, spec, rest[0])
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        raise
                    except Exception as error:  # a result that could not travel back, say
                        why = f"checking this file failed: {type(error).__name__}: {error}"
                        result = failed_task(rest[0], why)
                    rest.pop(0)
                    yield result
        except BrokenProcessPool:
            yield failed_task(rest.pop(0), KILLED)


class Progress:
    """A one-line progress display on a terminal, shown once a run has lasted a second."""

    def __init__(self, total: int, stream: TextIO | None = None, *, delay: float = 1.0) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.delay = delay
        self.started = time.monotonic()
        self.files = 0
        self.responses = 0
        self.shown = False

    def track(self, results: Iterable[CheckedFile]) -> Iterator[CheckedFile]:
        """Pass results through, counting files and responses as they arrive."""
        for result in results:
            self.files += not result.more
            self.responses += len(result.outcomes)
            self._draw()
            yield result
        self.close()

    def _draw(self) -> None:
        if not self.enabled or time.monotonic() - self.started < self.delay:
            return
        self.stream.write(
            f"\rhsconform: {self.files}/{self.total} files, {self.responses} responses"
        )
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the progress line so the report starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
