"""Boundary values: where two validators that are said to agree are most likely not to.

Each probe names the drift code of the cause it tests, so a disagreement it finds is reported
under that cause. :mod:`.probes` puts them through both validators at every site of a pair
the shape model calls equivalent; :mod:`.compare` takes the format strings as witnesses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Probe:
    """One boundary value and the drift code of the cause it tests."""

    code: str
    value: Any


def _probes(code: str, *values: Any) -> tuple[Probe, ...]:
    return tuple(Probe(code, value) for value in values)


_BIG: tuple[int, ...] = (2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**32, 2**53 + 1)
_BIG += (2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64)

#: Integers: a decimal point, signed zero, the edges of int32/int64, and their string forms.
INTEGER_PROBES = (
    *_probes("HSC-D-INT-DECIMAL", 1.0, -0.0, 1e0, 2147483648.0),
    *_probes("HSC-D-INT-RANGE", 0, -1, *_BIG),
    *_probes("HSC-D-INT-WIRE", 1, "1", "-0", "01", "+1", " 1", "1.0", "1e3", str(2**63), ""),
    *_probes("HSC-D-TYPE", True),
    *_probes("HSC-D-NULLABLE", None),
)
#: Numbers: signed zero, the float and double edges, huge integers, numbers as strings.
NUMBER_PROBES = (
    *_probes("HSC-D-RANGE", 1.0, -0.0, 0, 3.5e38, -3.5e38, 1.7976931348623157e308, 5e-324),
    *_probes("HSC-D-RANGE", 2**64, -(2**64), 10**400),
    *_probes("HSC-D-NUMBER-WIRE", "1.5", "1", "-0", "1e3", "NaN", ""),
    *_probes("HSC-D-TYPE", True),
    *_probes("HSC-D-NULLABLE", None),
)
#: Strings every string probe carries: empty, unpaired surrogates, control characters.
_ANY_STRING = ("", "\ud800", "a\udc00b", "\x00", " ")
#: Strings near the edge of each format hsconform checks (and of their neighbours).
FORMAT_EDGES: Mapping[str, tuple[str, ...]] = {
    "date-time": (
        "2016-12-31T23:59:60Z",
        "2024-01-01T23:59:60Z",
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00",
        "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00+01:00",
        "2024-01-01T00:00:00-00:00",
        "2024-01-01T00:00:00.123456789Z",
        "2024-02-30T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T00:00:00+24:00",
    ),
    "date": ("2024-02-29", "2023-02-29", "2024-1-01", "0000-01-01", "2024-01-01Z"),
    "time": (
        "10:00:00",
        "10:00:00Z",
        "10:00:00+01:00",
        "23:59:60Z",
        "10:00:00.5Z",
        "24:00:00Z",
        "10:00Z",
    ),
    "uuid": (
        "00000000-0000-4000-8000-00000000000A",
        "00000000000040008000000000000000",
        "{00000000-0000-4000-8000-000000000000}",
        "urn:uuid:00000000-0000-4000-8000-000000000000",
        "00000000-0000-0000-0000-000000000000",
    ),
    "uri-reference": ("a/b", "#fragment", "//example.com/a", "https://example.com/a b"),
    "uri": ("mailto:user@example.com", "urn:isbn:0", "http://[::1]/", "https:"),
    "email": (
        "a@b",
        "user@[127.0.0.1]",
        '"quoted"@example.com',
        "\u00fc@example.com",
        "user@example.com.",
    ),
    "duration": ("P1D", "PT", "P1W", "P1Y2M3DT4H5M6S", "PT0.5S"),
}
#: Every string probe: the common ones and every format's edges (a pair of formats said to be
#: equal is tested with the edges of both, and of the formats close to them).
STRING_PROBES = tuple(
    [Probe("HSC-D-FORMAT", value) for value in _ANY_STRING]
    + [Probe("HSC-D-FORMAT", value) for edges in FORMAT_EDGES.values() for value in edges]
    + [Probe("HSC-D-TYPE", 1), Probe("HSC-D-NULLABLE", None)]
)
#: Probes by the shape kind of the site (a set is probed with repeated items separately).
PROBES: Mapping[str, tuple[Probe, ...]] = {
    "integer": INTEGER_PROBES,
    "number": NUMBER_PROBES,
    "string": STRING_PROBES,
}
