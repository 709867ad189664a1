"""A check's figures as a value that combines: counts by status, code, route and type, samples.

A run split into partitions (``-j N`` chunks, Dask tasks, Spark or Ray partitions) summarises
each partition on its own and :func:`combine` adds the partials up in any grouping, so the
coordinating process keeps figures, never the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Any

from hsconform.outcomes import Outcome, Status

#: How a route-less response is counted under ``by_route``.
NO_ROUTE_KEY = "(no route)"
#: How a type-less response is counted under ``by_type``.
NO_TYPE_KEY = "(no type)"


@dataclass(frozen=True, order=True)
class Sample:
    """One finding shown as an example of its code; ordered by code, then place."""

    code: str
    file: str
    line: int
    instance: str
    message: str


@dataclass(frozen=True)
class Summary:
    """The figures of some outcomes; ``combine`` adds two up in any order or grouping."""

    responses: int = 0
    #: Outcomes per status, sorted by status.
    by_status: tuple[tuple[str, int], ...] = ()
    #: Findings (and skip reasons) per code, sorted by code.
    by_code: tuple[tuple[str, int], ...] = ()
    #: Responses per route (or unrouted request shape), sorted by route.
    by_route: tuple[tuple[str, int], ...] = ()
    #: Responses per type, sorted by type.
    by_type: tuple[tuple[str, int], ...] = ()
    #: At most ``sample`` findings per code: the first ones by file and line.
    samples: tuple[Sample, ...] = ()
    #: The samples kept per code; ``None`` in the empty summary, which combines with any.
    sample: int | None = None

    def count(self, status: Status | str) -> int:
        """How many outcomes had ``status``."""
        return dict(self.by_status).get(str(status), 0)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON form, for machine-readable output."""
        return {
            "responses": self.responses,
            "by_status": dict(self.by_status),
            "by_code": dict(self.by_code),
            "by_route": dict(self.by_route),
            "by_type": dict(self.by_type),
            "samples": [
                {
                    "code": s.code,
                    "file": s.file,
                    "line": s.line or None,
                    "instance": s.instance,
                    "message": s.message,
                }
                for s in self.samples
            ],
        }


def _sorted(counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((key, count) for key, count in counts.items() if count))


def _first_per_code(samples: Iterable[Sample], limit: int) -> tuple[Sample, ...]:
    kept: list[Sample] = []
    taken: Counter[str] = Counter()
    for sample in sorted(set(samples)):
        if taken[sample.code] < limit:
            taken[sample.code] += 1
            kept.append(sample)
    return tuple(kept)


def summarize(outcomes: Iterable[Outcome], sample: int = 0) -> Summary:
    """The summary of ``outcomes``, keeping ``sample`` example findings per code."""
    total = 0
    statuses: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    routes: Counter[str] = Counter()
    types: Counter[str] = Counter()
    samples: list[Sample] = []
    for outcome in outcomes:
        total += 1
        statuses[outcome.status.value] += 1
        routes[outcome.route or outcome.request or NO_ROUTE_KEY] += 1
        types[outcome.type or NO_TYPE_KEY] += 1
        if outcome.code:
            codes[outcome.code] += 1
        for finding in outcome.findings:
            codes[finding.code] += 1
            if sample:
                source = finding.source
                samples.append(
                    Sample(
                        finding.code,
                        source.file if source else outcome.file,
                        (source.line or 0) if source else 0,
                        finding.instance,
                        finding.message,
                    )
                )
    return Summary(
        total,
        _sorted(statuses),
        _sorted(codes),
        _sorted(routes),
        _sorted(types),
        _first_per_code(samples, sample),
        sample,
    )


def _added(
    first: tuple[tuple[str, int], ...], second: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, int], ...]:
    counts = Counter(dict(first))
    counts.update(dict(second))
    return _sorted(counts)


def combine(*summaries: Summary) -> Summary:
    """The summary of the outcomes of every partial: associative and commutative.

    Partials that kept different numbers of samples keep the smallest number.
    """
    return reduce(_combine_two, summaries, Summary())


def _combine_two(first: Summary, second: Summary) -> Summary:
    limits = [each for each in (first.sample, second.sample) if each is not None]
    limit = min(limits) if limits else None
    return Summary(
        first.responses + second.responses,
        _added(first.by_status, second.by_status),
        _added(first.by_code, second.by_code),
        _added(first.by_route, second.by_route),
        _added(first.by_type, second.by_type),
        _first_per_code((*first.samples, *second.samples), limit or 0),
        limit,
    )
