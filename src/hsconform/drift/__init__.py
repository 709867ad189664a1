"""Stage 3: drift between the two variants of a type.

Both dialects are lowered into one shape model (:mod:`.shape`); the shapes of twins are
compared, each difference classified, and every wire difference proven by a witness payload
(:mod:`.values` builds the smallest valid values). :mod:`.baseline` records accepted drift.
"""

from __future__ import annotations

from hsconform.drift._core import (
    LOSSY,
    SPEC,
    SPEC_WARNINGS,
    WIRE,
    Difference,
    compare,
    drift_findings,
    judge_example,
)

__all__ = [
    "LOSSY",
    "SPEC",
    "SPEC_WARNINGS",
    "WIRE",
    "Difference",
    "compare",
    "drift_findings",
    "judge_example",
]
