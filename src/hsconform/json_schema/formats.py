"""The formats hsconform gives a meaning of its own: integer widths as ranges."""

from __future__ import annotations

#: ``format`` values that bound an integer, with their inclusive range.
INT_RANGES = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}
