"""Running a check over many files: in this process or in ``-j N`` processes, with progress.

Output order never depends on the number of processes: results come back in the
order the files were found. Each worker process loads the pack once.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import TextIO

from hsconform.check.checker import (
    CheckedFile,
    FileTarget,
    Runner,
    Selection,
    check_file,
    check_files,
)
from hsconform.pack import Pack, load_pack

_WORKER_PACK: list[Pack] = []


def _start_worker(root: str, profile: str, engine: str) -> None:
    _WORKER_PACK.append(load_pack(Path(root), profile=profile, engine=engine))


def _check_in_worker(target: FileTarget, selection: Selection, variant: str) -> CheckedFile:
    return check_file(_WORKER_PACK[0], target, selection, variant=variant)


def in_processes(jobs: int) -> Runner:
    """A ``run`` function for :func:`check_paths` that uses ``jobs`` processes."""

    def run(
        pack: Pack, targets: Sequence[FileTarget], selection: Selection, variant: str
    ) -> Iterator[CheckedFile]:
        if jobs <= 1 or len(targets) < 2:
            yield from check_files(pack, targets, selection, variant)
            return
        chunk = max(1, len(targets) // (jobs * 8))
        with ProcessPoolExecutor(
            max_workers=jobs,
            initializer=_start_worker,
            initargs=(str(pack.root), pack.profile, pack.engine),
        ) as pool:
            yield from pool.map(
                _check_in_worker, targets, repeat(selection), repeat(variant), chunksize=chunk
            )

    return run


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
