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
from pathlib import Path
from typing import TextIO

from hsconform import limits
from hsconform.check.checker import (
    CheckedFile,
    FileTarget,
    Runner,
    Selection,
    check_file_safely,
    check_files,
    failed_file,
)
from hsconform.pack import Pack, load_pack

_WORKER_PACK: list[Pack] = []

#: The reason given for a file whose worker process died while checking it.
KILLED = (
    "the process checking this file ended abruptly (killed, out of memory or crashed);"
    " the other files were checked"
)


def _start_worker(root: str, profile: str, engine: str, in_force: limits.Limits) -> None:
    limits.apply(in_force)
    _WORKER_PACK.append(load_pack(Path(root), profile=profile, engine=engine))


def _check_chunk(
    targets: Sequence[FileTarget], selection: Selection, variant: str
) -> list[CheckedFile]:
    """Check some files in a worker; a failure is the outcome of its file, never the chunk's."""
    return [
        check_file_safely(_WORKER_PACK[0], target, selection, variant=variant) for target in targets
    ]


def in_processes(jobs: int) -> Runner:
    """A ``run`` function for :func:`check_paths` that uses ``jobs`` processes.

    A worker that dies (killed, out of memory, a crash in native code) breaks the pool and
    every file in flight with it. The files not yet reported are then checked again one at a
    time in a single fresh worker, where the file in flight when the worker dies is the one
    that killed it: that file is reported as failed, the others are checked, in order.
    """

    def run(
        pack: Pack, targets: Sequence[FileTarget], selection: Selection, variant: str
    ) -> Iterator[CheckedFile]:
        if jobs <= 1 or len(targets) < 2:
            yield from check_files(pack, targets, selection, variant)
            return
        done = 0
        isolated = False
        while done < len(targets):
            rest = targets[done:]
            workers, chunk = (1, 1) if isolated else (jobs, max(1, len(rest) // (jobs * 8)))
            try:
                for results in _chunks_in_pool(pack, rest, chunk, workers, selection, variant):
                    done += len(results)
                    yield from results
                return
            except BrokenProcessPool:
                if isolated:  # one worker, one file at a time: the first not done killed it
                    yield failed_file(targets[done], KILLED)
                    done += 1
                isolated = not isolated

    return run


def _chunks_in_pool(
    pack: Pack,
    targets: Sequence[FileTarget],
    chunk: int,
    workers: int,
    selection: Selection,
    variant: str,
) -> Iterator[list[CheckedFile]]:
    """The results of each chunk of ``targets``, in order; raises BrokenProcessPool."""
    with ProcessPoolExecutor(
        max_workers=workers,
        initializer=_start_worker,
        initargs=(str(pack.root), pack.profile, pack.engine, limits.current()),
    ) as pool:
        starts = range(0, len(targets), chunk)
        futures = [
            (pool.submit(_check_chunk, targets[i : i + chunk], selection, variant), i)
            for i in starts
        ]
        try:
            for future, first in futures:
                try:
                    yield future.result()
                except BrokenProcessPool:
                    raise
                except Exception as error:  # a result that could not travel back, say
                    why = f"checking this file failed: {type(error).__name__}: {error}"
                    yield [failed_file(t, why) for t in targets[first : first + chunk]]
        finally:
            for future, _ in futures:
                future.cancel()


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
            self.files += 1
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
