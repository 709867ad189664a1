"""Outcomes kept on disk past a threshold, so a run's memory does not grow with its responses.

A check over an archive yields millions of outcomes; reporters need every one of them, in
order, but only once or twice each, and their figures before the first. The spool holds the
first outcomes in memory and, past ``spill_at``, writes every outcome to a temporary file
that iteration reads back one record at a time. Only the :class:`~hsconform.outcomes.Tally`
grows with the run, and it holds counts.
"""

from __future__ import annotations

import contextlib
import pickle
import shutil
import sys
import tempfile
import weakref
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import IO

from hsconform.outcomes import Outcome, Tally, Tallying

#: How many outcomes stay in memory before the spool moves to disk.
SPILL_AT = 2_000


class OutcomeSpool(Collection[Outcome]):
    """Outcomes in the order they were added, in memory or in a temporary file.

    Add with :meth:`append`/:meth:`extend`, then iterate as often as needed (each iteration
    reads the file afresh). :meth:`settled` gives a plain tuple when the outcomes never left
    memory, so small runs keep the tuple reports always had.
    """

    def __init__(self, spill_at: int | None = None) -> None:
        self._spill_at = SPILL_AT if spill_at is None else spill_at
        self._memory: list[Outcome] = []
        self._count = 0
        self._tallying = Tallying()
        self._folder: Path | None = None
        self._writer: IO[bytes] | None = None

    def append(self, outcome: Outcome) -> None:
        """Keep ``outcome`` after the others."""
        self._count += 1
        self._tallying.add(outcome)
        if self._writer is None:
            self._memory.append(outcome)
            if len(self._memory) > self._spill_at:
                self._spill()
            return
        pickle.dump(outcome, self._writer, protocol=pickle.HIGHEST_PROTOCOL)

    def extend(self, outcomes: Iterable[Outcome]) -> None:
        """Keep each of ``outcomes``, in order."""
        for outcome in outcomes:
            self.append(outcome)

    @property
    def tally(self) -> Tally:
        """The figures of the outcomes added so far."""
        return self._tallying.tally()

    @property
    def on_disk(self) -> bool:
        """Whether the outcomes were moved to a temporary file."""
        return self._writer is not None

    def settled(self) -> Collection[Outcome]:
        """The outcomes as a tuple when they fit in memory, else this spool."""
        return tuple(self._memory) if self._writer is None else self

    def __len__(self) -> int:
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(outcome == item for outcome in self)

    def __iter__(self) -> Iterator[Outcome]:
        if self._writer is None:
            return iter(tuple(self._memory))
        self._writer.flush()
        return _read(Path(self._writer.name), self._count)

    def close(self) -> None:
        """Remove the temporary file; the spool is empty afterwards."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._memory.clear()
        self._count = 0
        self._tallying = Tallying()

    def _spill(self) -> None:
        """Move the outcomes held so far to a temporary file, which takes every later one.

        Where no temporary file can be made (no writable temporary folder), the outcomes stay
        in memory: the run costs more memory but still reports every one.
        """
        try:
            folder = Path(tempfile.mkdtemp(prefix="hsconform-outcomes-"))
            writer = (folder / "outcomes.pickle").open("wb")
        except OSError:
            self._spill_at = sys.maxsize
            return
        weakref.finalize(self, _remove, writer, folder)
        self._folder, self._writer = folder, writer
        for outcome in self._memory:
            pickle.dump(outcome, writer, protocol=pickle.HIGHEST_PROTOCOL)
        self._memory.clear()


def _read(path: Path, count: int) -> Iterator[Outcome]:
    """The first ``count`` records of the spool's file, one at a time."""
    with path.open("rb") as stream:
        for _ in range(count):
            outcome: Outcome = pickle.load(stream)  # this run's own file
            yield outcome


def _remove(writer: IO[bytes], folder: Path) -> None:
    with contextlib.suppress(OSError):
        writer.close()
    shutil.rmtree(folder, ignore_errors=True)
