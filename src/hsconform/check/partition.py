"""The check of one partition of records: the unit every parallel or distributed run shares.

``-j N`` over a large JSON Lines file, a Dask task, a Spark ``mapPartitions`` or a Ray
``map_batches`` call all do the same thing: take a :class:`CheckSpec` (the pack as a reference
that is cheap to ship, never compiled validators), a run of records, and return the outcomes
in record order with a partial :class:`~hsconform.summary.Summary`. The pack is loaded once
per process, on the first partition that names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hsconform.check.checker import Selection, check_item, usage_problem
from hsconform.outcomes import Outcome
from hsconform.pack import Pack, load_pack
from hsconform.recordings import Item, Recording, Skipped, Unreadable, jsonl_record
from hsconform.summary import Summary, summarize

__all__ = [
    "CheckSpec",
    "Line",
    "PackRef",
    "Partial",
    "check_partition",
    "lines_of",
]


@dataclass(frozen=True)
class PackRef:
    """A pack by its folder and reading options: what a worker needs to load it itself."""

    root: str
    profile: str = "published"
    engine: str = "jsonschema-rs"

    @classmethod
    def of(cls, pack: Pack) -> PackRef:
        """The reference of a loaded pack."""
        return cls(str(pack.root), pack.profile, pack.engine)

    @classmethod
    def kept(cls, pack: Pack) -> PackRef:
        """The reference of a loaded pack, which this process (and any it forks) reuses."""
        ref = cls.of(pack)
        _LOADED.setdefault(ref, pack)
        return ref

    def load(self) -> Pack:
        """The pack, loaded once per process and kept."""
        pack = _LOADED.get(self)
        if pack is None:
            pack = load_pack(Path(self.root), profile=self.profile, engine=self.engine)
            _LOADED[self] = pack
        return pack


_LOADED: dict[PackRef, Pack] = {}


@dataclass(frozen=True)
class CheckSpec:
    """Everything a partition's check depends on besides its records; picklable."""

    pack: PackRef
    selection: Selection = field(default_factory=Selection)
    variant: str = "json-schema"
    #: Example findings kept per code in the partial summary.
    sample: int = 0


@dataclass(frozen=True)
class Line:
    """One line of a JSON Lines file, as read: not parsed yet."""

    #: The file as the user named it (a path or a URL), for ``[types]`` globs.
    path: str
    #: The file as reports show it.
    file: str
    #: 1-based line number.
    number: int
    data: bytes


@dataclass(frozen=True)
class Partial:
    """The result of one partition: outcomes in record order, usage problems, figures."""

    outcomes: tuple[Outcome, ...]
    problems: tuple[str, ...]
    summary: Summary


def check_partition(spec: CheckSpec, records: Iterable[Line | Item]) -> Partial:
    """Check every record of a partition: raw JSON Lines lines or already-read recordings.

    A record that cannot be read is an outcome like any other (``unreadable``), never an
    exception, so a partition always completes.
    """
    pack = spec.pack.load()
    outcomes: list[Outcome] = []
    problems: list[str] = []
    for path, item in _items(records):
        shown = item.file if isinstance(item, Unreadable) else item.origin.file
        outcome = check_item(
            pack, Path(path), item, spec.selection, variant=spec.variant, source_file=shown
        )
        problem = usage_problem(outcome, item, named=False)
        if problem is not None:
            problems.append(problem)
        outcomes.append(outcome)
    return Partial(tuple(outcomes), tuple(problems), summarize(outcomes, spec.sample))


def _items(records: Iterable[Line | Item]) -> Iterator[tuple[str, Item]]:
    for record in records:
        if isinstance(record, Line):
            item = jsonl_record(record.data, record.number, record.file)
            if item is not None:
                yield record.path, item
        elif isinstance(record, Unreadable):
            yield record.file, record
        elif isinstance(record, (Recording, Skipped)):
            yield record.origin.file, record
        else:
            raise TypeError(f"not a record: {type(record).__name__}")


def lines_of(path: str, file: str, lines: Iterable[bytes], first: int = 1) -> Iterator[Line]:
    """Raw lines of one file as :class:`Line` records, numbered from ``first``."""
    for number, data in enumerate(lines, start=first):
        yield Line(path, file, number, data)
