"""``--select`` / ``--ignore``: keep the findings whose codes a run asks about, as ruff does.

A code is chosen by itself or by a prefix (``HSC-V`` covers ``HSC-V-TYPE``); ``--ignore`` wins
over ``--select``. A subject whose remaining findings hold no error is no longer failed, so the
exit code follows the findings the run reports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from hsconform.outcomes import Outcome, Report, Status


def code_chosen(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``code`` is reported: selected (or nothing selected), and not ignored."""
    if any(code.startswith(prefix) for prefix in ignore):
        return False
    return not select or any(code.startswith(prefix) for prefix in select)


def select_codes(report: Report, select: Sequence[str], ignore: Sequence[str]) -> Report:
    """The report with only the chosen findings; failed or ok subjects judged again."""
    if not select and not ignore:
        return report
    return dataclasses.replace(
        report, outcomes=tuple(_chosen(outcome, select, ignore) for outcome in report.outcomes)
    )


def _chosen(outcome: Outcome, select: Sequence[str], ignore: Sequence[str]) -> Outcome:
    kept = tuple(f for f in outcome.findings if code_chosen(f.code, select, ignore))
    if len(kept) == len(outcome.findings):
        return outcome
    status = outcome.status
    if status in (Status.OK, Status.FAILED):
        status = Status.of(kept)
    return dataclasses.replace(outcome, findings=kept, status=status)
