"""``--select`` / ``--ignore``: keep the findings whose codes a run asks about, as ruff does.

A code is chosen by itself or by a prefix (``HSC-V`` covers ``HSC-V-TYPE``); ``--ignore`` wins
over ``--select``. A subject whose remaining findings hold no error is no longer failed, so the
exit code follows the findings the run reports.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence

from hsconform.outcomes import Coverage, Exercise, Outcome, Report, Status


def code_chosen(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``code`` is reported: selected (or nothing selected), and not ignored."""
    if any(code.startswith(prefix) for prefix in ignore):
        return False
    return not select or any(code.startswith(prefix) for prefix in select)


def select_codes(report: Report, select: Sequence[str], ignore: Sequence[str]) -> Report:
    """The report with only the chosen findings; failed or ok subjects judged again."""
    if not select and not ignore:
        return report
    if isinstance(report.outcomes, tuple):
        outcomes: Collection[Outcome] = tuple(
            _chosen(outcome, select, ignore) for outcome in report.outcomes
        )
    else:  # outcomes on disk stay there: each is chosen from as it is read
        outcomes = _Chosen(report.outcomes, tuple(select), tuple(ignore))
    coverage = report.coverage
    if coverage is not None:
        coverage = _recounted(coverage, outcomes)
    return dataclasses.replace(report, outcomes=outcomes, coverage=coverage)


def _recounted(coverage: Coverage, outcomes: Iterable[Outcome]) -> Coverage:
    """The coverage with each route's failures counted again: an ignored code fails nothing.

    Which routes were seen, checked or skipped does not depend on the codes chosen.
    """
    failed: Counter[str] = Counter(
        outcome.route or outcome.request or ""
        for outcome in outcomes
        if outcome.status is Status.FAILED
    )

    def again(exercises: tuple[Exercise, ...]) -> tuple[Exercise, ...]:
        return tuple(dataclasses.replace(e, failed=failed[e.key]) for e in exercises)

    return dataclasses.replace(
        coverage, routes=again(coverage.routes), unrouted=again(coverage.unrouted)
    )


class _Chosen(Collection[Outcome]):
    """The outcomes of a large report, each cut to the chosen codes as it is read."""

    def __init__(
        self, outcomes: Collection[Outcome], select: tuple[str, ...], ignore: tuple[str, ...]
    ) -> None:
        self._outcomes, self._select, self._ignore = outcomes, select, ignore

    def __len__(self) -> int:
        return len(self._outcomes)

    def __iter__(self) -> Iterator[Outcome]:
        return (_chosen(each, self._select, self._ignore) for each in self._outcomes)

    def __contains__(self, item: object) -> bool:
        return any(each == item for each in self)


def _chosen(outcome: Outcome, select: Sequence[str], ignore: Sequence[str]) -> Outcome:
    kept = tuple(f for f in outcome.findings if code_chosen(f.code, select, ignore))
    if len(kept) == len(outcome.findings):
        return outcome
    status = outcome.status
    if status in (Status.OK, Status.FAILED):
        status = Status.of(kept)
    return dataclasses.replace(outcome, findings=kept, status=status)
