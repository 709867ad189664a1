"""Comparing twins' shapes: every difference found and classified.

Twins' shapes are compared node by node. A difference is

- ``wire`` when some payload is accepted by one variant and rejected by the other;
  such a finding carries that payload (the ``witness``: the whole envelope, as small
  as it can be) and it is reported only after *both validators* have judged it
  (:mod:`.witness`);
- ``lossy`` when information is on one side only without changing acceptance
  (descriptions, examples, the dropped ``binary`` type);
- ``spec`` when one side is not valid in its own dialect (the lint's findings).

Pairs that are *not* drift (``docs/drift.md``) produce no difference here; every node pair of
the same kind is also kept as a :class:`Site`, where :mod:`.probes` puts boundary values
through both validators, so no equivalence is claimed without being tested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hsconform.drift.boundaries import FORMAT_EDGES
from hsconform.drift.paths import Path, Step
from hsconform.drift.shape import CHECKED_FORMATS, Shape
from hsconform.drift.values import FORMAT_SAMPLES, NOT_A_FORMAT, encode_integer, joint, minimal
from hsconform.vocabulary import Category, Dialect

WIRE, LOSSY, SPEC = Category.WIRE, Category.LOSSY, Category.SPEC
#: The two variants, as drift findings name them (``variant``, ``accepted_by``).
JSON_SCHEMA, JSON_STRUCTURE = Dialect.JSON_SCHEMA, Dialect.JSON_STRUCTURE

#: Format pairs (JSON Schema, JSON Structure) that are not drift (none: JSON Structure's
#: ``uri`` is a URI-reference, so JSON Schema's ``uri`` beside it is ``HSC-D-FORMAT``).
EQUIVALENT_FORMATS: frozenset[tuple[str, str]] = frozenset()
#: Kinds whose same-kind pairs are probed with boundary values (:mod:`.probes`).
PROBED_KINDS = frozenset({"integer", "number", "string", "set"})

#: The string formats each dialect's validator checks (others accept any string).
STRUCTURE_CHECKED_FORMATS = frozenset({*FORMAT_SAMPLES, "email"})


@dataclass(frozen=True)
class Sides:
    """What the two compared shapes are read as: the formats each side checks.

    Also the format pairs that are not a difference. Twins are JSON Schema beside JSON
    Structure; two versions of one dialect (:mod:`hsconform.evolution`) check the same
    formats on both sides.
    """

    left_formats: frozenset[str] = CHECKED_FORMATS
    right_formats: frozenset[str] = STRUCTURE_CHECKED_FORMATS
    equivalent_formats: frozenset[tuple[str, str]] = EQUIVALENT_FORMATS
    #: The left side's integers take a decimal point (2020-12's ``1.0``), the right's do not.
    decimal_integers_left: bool = True


#: Twins: JSON Schema on the left, JSON Structure on the right.
TWINS = Sides()


def same_dialect(dialect: str) -> Sides:
    """Both sides in one dialect: two versions of a type."""
    formats = CHECKED_FORMATS if dialect == JSON_SCHEMA else STRUCTURE_CHECKED_FORMATS
    return Sides(formats, formats, frozenset(), decimal_integers_left=False)


#: Leaf operations of a witness: replace the value, remove the member, add one, or put the
#: smallest value both variants accept.
SET, DELETE, EXTRA, JOINT = "set", "delete", "extra", "joint"


@dataclass(frozen=True)
class Difference:
    """A difference found by comparing shapes, before it is proven and reported."""

    code: str
    category: str
    message: str
    path: Path
    js: Shape | None
    st: Shape | None
    leaves: tuple[tuple[str, Any], ...] = ()
    keyword: str | None = None


@dataclass(frozen=True)
class Site:
    """A node pair of the same kind, where the two variants are expected to agree."""

    path: Path
    js: Shape
    st: Shape


@dataclass
class _Comparison:
    """State of comparing one twin pair."""

    profile: str
    sides: Sides = TWINS
    out: list[Difference] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    seen: set[tuple[Any, Any, Path]] = field(default_factory=set)

    def add(
        self,
        code: str,
        category: str,
        message: str,
        path: Path,
        js: Shape | None,
        st: Shape | None,
        leaves: Iterable[tuple[str, Any]] = (),
        keyword: str | None = None,
    ) -> None:
        self.out.append(Difference(code, category, message, path, js, st, tuple(leaves), keyword))


def compare(js: Shape, st: Shape, profile: str, sides: Sides = TWINS) -> list[Difference]:
    """Every difference between the JSON Schema and the JSON Structure shape of a type.

    With other ``sides``, between any two shapes (two versions of one dialect); messages
    then still name the left side JSON Schema, so callers word their own.
    """
    return compare_with_sites(js, st, profile, sides)[0]


def compare_with_sites(
    js: Shape, st: Shape, profile: str, sides: Sides = TWINS
) -> tuple[list[Difference], tuple[Site, ...]]:
    """:func:`compare`, and every node pair of a probed kind whose kinds agree."""
    comparison = _Comparison(profile, sides)
    _compare(js, st, (), comparison, root=True)
    return comparison.out, tuple(comparison.sites)


def _compare(js: Shape, st: Shape, path: Path, c: _Comparison, *, root: bool = False) -> None:
    if "invalid" in (js.kind, st.kind) or "recursive" in (js.kind, st.kind):
        return  # not comparable here: the lint reports invalid schemas
    key = (js.origin, st.origin, path[-2:])
    if key in c.seen or len(path) > 32:
        return
    c.seen.add(key)
    _lossy(js, st, path, c, root=root)
    if js.nullable != st.nullable:
        side = "JSON Schema" if js.nullable else "JSON Structure"
        c.add(
            "HSC-D-NULLABLE",
            WIRE,
            f"null is allowed by {side} only",
            path,
            js,
            st,
            [(SET, None)],
            "type",
        )
    if js.kind != st.kind:
        leaves = [(SET, minimal(js)), (SET, minimal(st))]
        if {js.kind, st.kind} == {"array", "set"}:  # only repeated items tell them apart
            item = joint(js.items, st.items, c.profile)
            leaves.insert(0, (SET, [item, item]))
        c.add(
            "HSC-D-TYPE",
            WIRE,
            f"JSON Schema says {js.describe()}, JSON Structure says {st.describe()}",
            path,
            js,
            st,
            leaves,
            "type",
        )
        return
    _values(js, st, path, c)
    if js.kind in PROBED_KINDS:
        c.sites.append(Site(path, js, st))
    compare_kind = _BY_KIND.get(js.kind)
    if compare_kind is not None:
        compare_kind(js, st, path, c)


def _lossy(js: Shape, st: Shape, path: Path, c: _Comparison, *, root: bool) -> None:
    if bool(js.description) != bool(st.description):
        side = "JSON Schema" if js.description else "JSON Structure"
        c.add("HSC-D-DESCRIPTION-DROPPED", LOSSY, f"only {side} has a description", path, js, st)
    if bool(js.examples) != bool(st.examples):
        side = "JSON Schema" if js.examples else "JSON Structure"
        c.add("HSC-D-EXAMPLES-DROPPED", LOSSY, f"only {side} gives examples", path, js, st)
    if root and js.title and st.title and js.title != st.title:
        c.add(
            "HSC-D-NAME",
            LOSSY,
            f"JSON Schema title {js.title!r}, JSON Structure name {st.title!r}",
            path,
            js,
            st,
        )


def _values(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    """Enum and const, in either direction."""
    if js.const != st.const:
        leaves = [(SET, value[0]) for value in (js.const, st.const) if value]
        leaves.append((SET, _other_value(js)))
        c.add(
            "HSC-D-CONST",
            WIRE,
            f"const differs: {_show(js.const)} vs {_show(st.const)}",
            path,
            js,
            st,
            leaves,
            "const",
        )
    if js.enum != st.enum and set(map(repr, js.enum or ())) != set(map(repr, st.enum or ())):
        only_js = [v for v in js.enum or () if v not in (st.enum or ())]
        only_st = [v for v in st.enum or () if v not in (js.enum or ())]
        leaves = [(SET, v) for v in only_js + only_st]
        if js.enum is None or st.enum is None:
            leaves.append((SET, _other_value(js if js.enum is not None else st)))
        c.add(
            "HSC-D-ENUM",
            WIRE,
            f"enum differs: JSON Schema {_show(js.enum)}, JSON Structure {_show(st.enum)}",
            path,
            js,
            st,
            leaves,
            "enum",
        )


def _show(values: Sequence[Any] | None) -> str:
    if values is None:
        return "any value"
    text = ", ".join(repr(v) for v in list(values)[:8])
    return f"[{text}{', ...' if len(values) > 8 else ''}]"


def _other_value(shape: Shape) -> Any:
    """A well-typed value outside the shape's enum."""
    if shape.kind == "string":
        return "NOT_IN_ENUM"
    if shape.kind in ("integer", "number"):
        numbers = [v for v in shape.enum or shape.const if isinstance(v, int | float)]
        return encode_integer(shape, int(max(numbers, default=0)) + 1)
    return None


def _integer(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    if js.wire != st.wire:
        c.add(
            "HSC-D-INT-WIRE",
            WIRE,
            f"the integer is a JSON {js.wire} in JSON Schema and a JSON {st.wire} in JSON "
            f"Structure ({st.type_name or 'integer'})",
            path,
            js,
            st,
            [(SET, encode_integer(js, 1)), (SET, encode_integer(st, 1))],
            "type",
        )
    elif js.wire == "number" and c.sides.decimal_integers_left:
        # 2020-12 counts 1.0 as an integer; JSON Structure's integer types admit no fraction
        # or exponent part at all, so `integer` (+ int32) is never quite `int32`
        c.add(
            "HSC-D-INT-DECIMAL",
            WIRE,
            f"an integer written with a decimal point (1.0) is an integer to JSON Schema, not "
            f"to JSON Structure ({st.type_name or 'integer'})",
            path,
            js,
            st,
            [(SET, float(value)) for value in (minimal(js), 1, 0) if isinstance(value, int)],
            "type",
        )
    _range(js, st, path, c, integer=True)


def _number(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    if js.wire != st.wire:
        c.add(
            "HSC-D-NUMBER-WIRE",
            WIRE,
            f"the number is a JSON {js.wire} in JSON Schema and a JSON {st.wire} in JSON Structure",
            path,
            js,
            st,
            [(SET, 1), (SET, "1.5")],
            "type",
        )
    _range(js, st, path, c, integer=False)


def _range(js: Shape, st: Shape, path: Path, c: _Comparison, *, integer: bool) -> None:
    if (js.minimum, js.maximum) == (st.minimum, st.maximum):
        return
    beyond: list[Decimal] = []
    for low, high in ((js.minimum, st.minimum), (st.minimum, js.minimum)):
        if high is not None and (low is None or low < high):
            beyond.append(high - 1)
    for high, low in ((js.maximum, st.maximum), (st.maximum, js.maximum)):
        if low is not None and (high is None or high > low):
            beyond.append(low + 1)
    leaves: list[tuple[str, Any]] = []
    for value in beyond:
        number = int(value) if integer else value
        leaves.extend(
            [(SET, encode_integer(js, int(number))), (SET, encode_integer(st, int(number)))]
            if integer
            else [(SET, float(number)), (SET, _power_beyond(number))]
        )
    narrowed = " (narrowed)" if _narrower(st, js) else ""
    c.add(
        "HSC-D-INT-RANGE" if integer else "HSC-D-RANGE",
        WIRE,
        f"range differs{narrowed}: JSON Schema {_span(js)} ({js.describe()}), JSON Structure "
        f"{_span(st)} ({st.describe()})",
        path,
        js,
        st,
        leaves,
        "type",
    )


def _power_beyond(value: Decimal | int) -> int:
    """A power of ten beyond ``value``, for a limit no float can pass (``double``'s)."""
    magnitude = int(-value if value < 0 else value)
    power = int("1" + "0" * len(str(magnitude)))
    return -power if value < 0 else power


def _narrower(inner: Shape, outer: Shape) -> bool:
    low_ok = outer.minimum is None or (inner.minimum is not None and inner.minimum >= outer.minimum)
    high_ok = outer.maximum is None or (
        inner.maximum is not None and inner.maximum <= outer.maximum
    )
    return low_ok and high_ok


def _span(shape: Shape) -> str:
    low = "-inf" if shape.minimum is None else str(shape.minimum)
    high = "inf" if shape.maximum is None else str(shape.maximum)
    return f"[{low}, {high}]"


def _string(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    js_format = js.format if js.format in c.sides.left_formats else None
    st_format = st.format if st.format in c.sides.right_formats else None
    if js_format != st_format and (js_format, st_format) not in c.sides.equivalent_formats:
        leaves = [(SET, NOT_A_FORMAT)]
        leaves.extend(
            (SET, FORMAT_SAMPLES[f])
            for f in (js_format, st_format)
            if f is not None and f in FORMAT_SAMPLES
        )
        leaves.extend(
            (SET, edge) for f in (js_format, st_format) for edge in FORMAT_EDGES.get(f or "", ())
        )
        c.add(
            "HSC-D-FORMAT",
            WIRE,
            f"format differs: JSON Schema {js_format or 'none'}, JSON "
            f"Structure {st_format or 'none'}",
            path,
            js,
            st,
            leaves,
            "format",
        )
    if js.format == "binary" and st.format != "base64":
        c.add(
            "HSC-D-BINARY-DROPPED",
            LOSSY,
            "JSON Schema marks the string binary; JSON Structure "
            "has a plain string where the `binary` type belongs",
            path,
            js,
            st,
        )
    if js.max_length != st.max_length:
        limits = [m for m in (js.max_length, st.max_length) if m is not None]
        c.add(
            "HSC-D-MAX-LENGTH",
            WIRE,
            f"maxLength differs: {js.max_length} vs {st.max_length}",
            path,
            js,
            st,
            [(SET, "x" * (min(limits) + 1))],
            "maxLength",
        )


def _object(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    for name in sorted(js.properties.keys() | st.properties.keys()):
        step = (*path, Step("prop", name))
        left, right = js.properties.get(name), st.properties.get(name)
        if left is not None and right is not None:
            _compare(left, right, step, c)
            continue
        present = left or right
        assert present is not None
        side = "JSON Schema" if left is not None else "JSON Structure"
        c.add(
            "HSC-D-PROPERTY",
            WIRE,
            f"property {name!r} is declared by {side} only",
            step,
            left,
            right,
            [(SET, minimal(present)), (SET, _wrong_kind(present))],
            "properties",
        )
    for name in sorted(js.required ^ st.required):
        if name not in js.properties and name not in st.properties:
            continue
        side = "JSON Schema" if name in js.required else "JSON Structure"
        c.add(
            "HSC-D-REQUIRED",
            WIRE,
            f"property {name!r} is required by {side} only",
            (*path, Step("prop", name)),
            js.properties.get(name),
            st.properties.get(name),
            [(DELETE, None)],
            "required",
        )
    if (js.additional is False) != (st.additional is False):
        side = "JSON Schema" if js.additional is False else "JSON Structure"
        c.add(
            "HSC-D-ADDITIONAL",
            WIRE,
            f"only {side} forbids undeclared members",
            path,
            js,
            st,
            [(EXTRA, "undeclaredMember")],
            "additionalProperties",
        )
    elif isinstance(js.additional, Shape) and isinstance(st.additional, Shape):
        _compare(js.additional, st.additional, (*path, Step("values")), c)


def _wrong_kind(shape: Shape) -> Any:
    """A value of another JSON type than the shape's."""
    return "not-a-number" if shape.wire in ("number", "object", "array", "boolean") else 12345


def _map(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    if js.items is not None and st.items is not None:
        _compare(js.items, st.items, (*path, Step("values")), c)


def _collection(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    if js.items is not None and st.items is not None:
        _compare(js.items, st.items, (*path, Step("items")), c)
    if (js.min_items, js.max_items) != (st.min_items, st.max_items):
        counts = [n for n in (js.min_items, st.min_items) if n] + [
            n + 1 for n in (js.max_items, st.max_items) if n is not None
        ]
        item = joint(js.items, st.items, c.profile)
        leaves = [(SET, [item] * n) for n in counts] + [
            (SET, [item] * max(0, n - 2)) for n in counts
        ]
        c.add(
            "HSC-D-ITEMS-COUNT",
            WIRE,
            f"item count differs: JSON Schema "
            f"[{js.min_items}, {js.max_items}], JSON Structure [{st.min_items}, {st.max_items}]",
            path,
            js,
            st,
            leaves,
            "maxItems",
        )


def _set(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    _collection(js, st, path, c)


def _tuple(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    for index, (left, right) in enumerate(zip(js.members, st.members, strict=False)):
        _compare(left, right, (*path, Step("tuple", index)), c)


def _union(js: Shape, st: Shape, path: Path, c: _Comparison) -> None:
    if sorted(m.describe() for m in js.members) != sorted(m.describe() for m in st.members):
        leaves = [(SET, minimal(m)) for m in (*js.members, *st.members)]
        c.add(
            "HSC-D-TYPE",
            WIRE,
            f"union differs: {js.describe()} vs {st.describe()}",
            path,
            js,
            st,
            leaves,
            "type",
        )


_BY_KIND: Mapping[str, Callable[[Shape, Shape, Path, _Comparison], None]] = {
    "integer": _integer,
    "number": _number,
    "string": _string,
    "object": _object,
    "map": _map,
    "array": _collection,
    "set": _set,
    "tuple": _tuple,
    "union": _union,
}
