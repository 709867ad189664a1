"""Stage 3: drift between the two variants of a type.

Both dialects are lowered into one shape model (:mod:`.shape`, per pack by :mod:`.lowering`);
the shapes of twins are compared and each difference classified (:mod:`.compare`), every wire
difference is proven by a witness payload (:mod:`.witness`; :mod:`.values` builds the
smallest valid values), examples are judged by both variants (:mod:`.examples`), and
:mod:`.twins` puts it together with the lint's spec findings. :mod:`.outcomes` makes the
report, one outcome per twin; :mod:`.baseline` records accepted drift.
"""

from __future__ import annotations

from hsconform.drift.compare import LOSSY, SPEC, WIRE, Difference, compare
from hsconform.drift.examples import judge_example
from hsconform.drift.lowering import shape_of
from hsconform.drift.twins import SPEC_WARNINGS, drift_findings, drift_of

__all__ = [
    "LOSSY",
    "SPEC",
    "SPEC_WARNINGS",
    "WIRE",
    "Difference",
    "compare",
    "drift_findings",
    "drift_of",
    "judge_example",
    "shape_of",
]
