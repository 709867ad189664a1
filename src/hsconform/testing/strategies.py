"""Hypothesis strategies for payloads of a pack's types, valid and deliberately invalid.

``payloads("Type", variant=...)`` draws values the variant accepts; they are built
from the shape model (:mod:`hsconform.drift.shape`) with references resolved through the
registry, so formats, integer ranges and their wire encodings (int64 as strings in
JSON Structure), enums, required and optional members, maps, sets, tuples and
choices all come out right, recursion stays bounded and failures shrink to small
examples. Batch envelopes also keep the batch rules (a documented status, time
order, ``numErrors``, unique ids).

``invalid_payloads("Type", variant=...)`` draws ``(payload, code)`` pairs: a valid
payload with exactly one constraint broken, and the finding code validation must
report for it.

Requires Hypothesis (the ``hypothesis`` extra; in an existing install, ``pip install hypothesis``).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

try:
    from hypothesis import reject
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    from hsconform.codes import INSTALL_COMMANDS

    raise ImportError(
        f"hsconform.testing.strategies needs Hypothesis: {INSTALL_COMMANDS['hypothesis']}"
    ) from error

from hsconform.drift import shape_of
from hsconform.drift.shape import CHECKED_FORMATS, Shape
from hsconform.drift.values import NOT_A_FORMAT, encode_integer, minimal
from hsconform.json_structure.keywords import INTEGER_RANGES
from hsconform.json_structure.nodes import canonical
from hsconform.pack import Pack, PackType
from hsconform.rules import batch

__all__ = ["from_shape", "invalid_payloads", "payloads", "register_type_strategies"]

#: How deep generated values nest into recursive types before taking the smallest value.
MAX_DEPTH = 4
#: At most this many items in generated arrays, sets and maps (keeps examples small).
MAX_ITEMS = 3

_SAFE_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " -_.", max_size=12)
_KEY = st.text(alphabet=string.ascii_lowercase + string.digits + "_", min_size=1, max_size=8)
#: A host name label (RFC 1123): no underscore.
_LABEL = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)


def _pack(pack: Pack | None) -> Pack:
    if pack is not None:
        return pack
    from hsconform.pack.vendored import vendored_pack

    return vendored_pack()


def payloads(
    type: str | PackType, *, variant: str = "json-schema", pack: Pack | None = None
) -> st.SearchStrategy[Any]:
    """Values the variant of the type accepts (the vendored pack unless ``pack`` is given)."""
    chosen = _pack(pack)
    pack_type = chosen.type(type)
    shape = shape_of(chosen, pack_type, variant=variant)
    strategy = from_shape(shape, profile=chosen.profile)
    if batch.is_batch_envelope(shape.properties.keys()):
        strategy = st.builds(_keep_batch_rules, strategy, st.just(shape))
    return strategy


def from_shape(shape: Shape, *, profile: str = "strict", depth: int = 0) -> st.SearchStrategy[Any]:
    """Values a shape accepts."""
    base = _base(shape, profile, depth)
    if shape.nullable:
        return st.one_of(st.none(), base)
    return base


def _base(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    if shape.const:
        return st.just(shape.const[0])
    if shape.enum:
        return st.sampled_from(list(shape.enum))
    if depth >= MAX_DEPTH or shape.kind == "recursive":
        return st.just(minimal(shape))
    build = _BUILDERS.get(shape.kind)
    if build is None:
        return st.just(minimal(shape))
    return build(shape, profile, depth)


def _string(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    strategy = _FORMATS.get(shape.format or "", _SAFE_TEXT)
    if shape.max_length is not None:
        limit = shape.max_length
        strategy = strategy.filter(lambda s: len(s) <= limit)
    return strategy


def _integer(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    low = int(shape.minimum) if shape.minimum is not None else None
    high = int(shape.maximum) if shape.maximum is not None else None
    return st.integers(min_value=low, max_value=high).map(lambda n: encode_integer(shape, n))


def _number(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    if shape.wire == "string":
        return st.decimals(
            min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False
        ).map(_decimal_text)
    low = float(shape.minimum) if shape.minimum is not None else -1e6
    high = float(shape.maximum) if shape.maximum is not None else 1e6
    return st.one_of(
        st.integers(min_value=int(low), max_value=int(high)),
        st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False),
    )


def _decimal_text(value: Decimal) -> str:
    """A decimal in JSON Structure's grammar: plain digits, no exponent."""
    return format(value, "f")


def _object(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    required = {
        name: from_shape(member, profile=profile, depth=depth + 1)
        for name, member in shape.properties.items()
        if name in shape.required
    }
    optional = {
        name: from_shape(member, profile=profile, depth=depth + 1)
        for name, member in shape.properties.items()
        if name not in shape.required
    }
    return st.fixed_dictionaries(required, optional=optional)


def _map(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    values = from_shape(shape.items, profile=profile, depth=depth + 1) if shape.items else _json()
    return st.dictionaries(_KEY, values, max_size=MAX_ITEMS)


def _collection(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    items = from_shape(shape.items, profile=profile, depth=depth + 1) if shape.items else _json()
    low = shape.min_items or 0
    high = max(low, min(MAX_ITEMS, shape.max_items if shape.max_items is not None else MAX_ITEMS))
    unique = canonical if shape.kind == "set" else None
    return st.lists(items, min_size=low, max_size=high, unique_by=unique)


def _tuple(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    members = [from_shape(m, profile=profile, depth=depth + 1) for m in shape.members]
    return st.tuples(*members).map(list)


def _union(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    return st.one_of(*(from_shape(m, profile=profile, depth=depth + 1) for m in shape.members))


def _choice(shape: Shape, profile: str, depth: int) -> st.SearchStrategy[Any]:
    return st.one_of(
        *(
            st.fixed_dictionaries({name: from_shape(member, profile=profile, depth=depth + 1)})
            for name, member in shape.properties.items()
        )
    )


def _json() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | _SAFE_TEXT
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=MAX_ITEMS) | st.dictionaries(_KEY, inner, max_size=MAX_ITEMS)
        ),
        max_leaves=6,
    )


_BUILDERS: dict[str, Callable[[Shape, str, int], st.SearchStrategy[Any]]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": lambda s, p, d: st.booleans(),
    "null": lambda s, p, d: st.none(),
    "object": _object,
    "map": _map,
    "array": _collection,
    "set": _collection,
    "tuple": _tuple,
    "union": _union,
    "choice": _choice,
    "any": lambda s, p, d: _json(),
}

_UTC_TIMES = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2099, 12, 31),
    timezones=st.just(dt.timezone.utc),
)
_FORMATS: dict[str, st.SearchStrategy[str]] = {
    "date-time": _UTC_TIMES.map(
        lambda t: t.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    ),
    "date": st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)).map(str),
    "time": st.times().map(lambda t: t.isoformat(timespec="seconds") + "Z"),
    "duration": st.integers(1, 999).map(lambda n: f"PT{n}M"),
    "uuid": st.uuids().map(str),
    "uri": _KEY.map(lambda path: f"https://example.com/{path}"),
    "uri-reference": _KEY.map(lambda path: f"https://example.com/{path}"),
    "email": st.tuples(_KEY, _LABEL).map(lambda parts: f"{parts[0]}@{parts[1]}.example.com"),
    "json-pointer": st.lists(_KEY, max_size=3).map(lambda keys: "".join(f"/{k}" for k in keys)),
    "base64": st.binary(max_size=12).map(lambda b: base64.b64encode(b).decode()),
    "decimal": st.decimals(-(10**6), 10**6, places=2).map(_decimal_text),
}


def _keep_batch_rules(payload: Any, shape: Shape) -> Any:
    """A generated envelope adjusted to the batch rules no schema expresses (a new value)."""
    if not isinstance(payload, dict):
        return payload
    payload = copy.deepcopy(payload)
    status = shape.properties.get("status")
    if isinstance(payload.get("status"), str) and payload["status"] not in batch.STATUSES:
        allowed = [
            s for s in batch.STATUSES if status is None or not status.enum or s in status.enum
        ]
        if allowed:
            payload["status"] = allowed[0]
    moments = [n for n in batch.TIMESTAMPS if isinstance(payload.get(n), str)]
    ordered = sorted(payload[n] for n in moments)
    parsed = [batch.parse_timestamp(v) for v in ordered]
    if all(p is not None for p in parsed):
        pairs = sorted(zip(parsed, ordered, strict=True))
        for name, (_, text) in zip(moments, pairs, strict=True):
            payload[name] = text
    count = shape.properties.get("numErrors")
    if "numErrors" in payload and isinstance(payload.get("errors"), list) and count is not None:
        payload["numErrors"] = encode_integer(count, len(payload["errors"]))
    results = payload.get("results")
    if isinstance(results, list):
        seen: set[Any] = set()
        for item in results:
            if isinstance(item, dict) and isinstance(item.get("id"), str | int):
                while item["id"] in seen:
                    item["id"] = f"{item['id']}0" if isinstance(item["id"], str) else item["id"] + 1
                seen.add(item["id"])
    return payload


# --- invalid payloads ------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    """One constraint to break: where, how, and the code validation must report."""

    path: tuple[str | int, ...]
    code: str
    apply: Callable[[Any], Any]
    delete: bool = False


def invalid_payloads(
    type: str | PackType, *, variant: str = "json-schema", pack: Pack | None = None
) -> st.SearchStrategy[tuple[Any, str]]:
    """``(payload, code)``: a valid payload with exactly one constraint broken, and its code."""
    chosen = _pack(pack)
    pack_type = chosen.type(type)
    shape = shape_of(chosen, pack_type, variant=variant)
    if (
        shape.kind in ("any", "union", "choice", "recursive", "invalid")
        or shape.const
        or (shape.enum and shape.kind != "string")
    ):
        raise ValueError(
            f"{pack_type.name} ({variant}) is {shape.describe()}: hsconform knows no single "
            "constraint to break at its root"
        )
    envelope = batch.is_batch_envelope(shape.properties.keys())

    @st.composite
    def broken(draw: st.DrawFn) -> tuple[Any, str]:
        payload = draw(payloads(pack_type, variant=variant, pack=chosen))
        mutations = [
            m
            for m in _mutations(shape, payload, (), variant)
            # an out-of-range numErrors would also break the batch rule numErrors == len(errors)
            if not (envelope and m.path == ("numErrors",) and m.code == "HSC-V-INT-RANGE")
        ]
        if not mutations:
            reject()
        mutation = draw(st.sampled_from(mutations))
        return _mutated(payload, mutation), mutation.code

    return broken()


def _mutations(
    shape: Shape, value: Any, path: tuple[str | int, ...], variant: str
) -> Iterator[Mutation]:
    """Every single-constraint violation applicable to ``value`` at ``path``."""
    if value is None or shape.kind in ("recursive", "invalid", "union", "any", "choice"):
        return
    if not shape.enum and not shape.const:
        yield Mutation(
            path, "HSC-V-TYPE", _replace_with("yes" if shape.kind == "boolean" else True)
        )
    if shape.enum and shape.kind == "string":
        yield Mutation(path, "HSC-V-ENUM", lambda _: "NOT_AN_ENUM_VALUE")
    if (
        shape.kind == "string"
        and not shape.enum
        and shape.format in CHECKED_FORMATS | {"duration", "base64", "decimal", "json-pointer"}
    ):
        yield Mutation(path, "HSC-V-FORMAT", lambda _: NOT_A_FORMAT)
    if shape.kind == "string" and shape.max_length is not None and not shape.enum:
        yield Mutation(path, "HSC-V-MAX-LENGTH", _replace_with("x" * (shape.max_length + 1)))
    limits = INTEGER_RANGES.get(shape.type_name or "")
    if shape.kind == "integer" and limits is not None and shape.maximum == limits[1]:
        yield Mutation(path, "HSC-V-INT-RANGE", _replace_with(encode_integer(shape, limits[1] + 1)))
    if shape.kind == "object" and isinstance(value, dict):
        for name in sorted(shape.required):
            if name in value:
                yield Mutation((*path, name), "HSC-V-REQUIRED", lambda v: v, delete=True)
        if shape.additional is False:
            yield Mutation(
                path, "HSC-V-ADDITIONAL-PROPERTIES", lambda v: {**v, "undeclaredMember": 1}
            )
        for name, member in sorted(shape.properties.items()):
            if name in value:
                yield from _mutations(member, value[name], (*path, name), variant)
    if shape.kind in ("array", "set") and isinstance(value, list) and value and shape.items:
        yield from _mutations(shape.items, value[0], (*path, 0), variant)
    if shape.kind == "map" and isinstance(value, dict) and value and shape.items:
        key = sorted(value)[0]
        yield from _mutations(shape.items, value[key], (*path, key), variant)


def _replace_with(value: Any) -> Callable[[Any], Any]:
    """A mutation that puts ``value`` where the old one was."""
    return lambda _: value


def _mutated(payload: Any, mutation: Mutation) -> Any:
    """A copy of the payload with the mutation applied (the original is left as it was)."""
    result = copy.deepcopy(payload)
    if not mutation.path:
        return mutation.apply(result)
    parent = result
    for step in mutation.path[:-1]:
        parent = parent[step]
    last = mutation.path[-1]
    if mutation.delete:
        del parent[last]
    else:
        parent[last] = mutation.apply(parent[last])
    return result


def register_type_strategies(pack: Pack | None = None) -> None:
    """Make ``st.from_type(PackType)`` draw the types of a pack (the vendored one by default)."""
    chosen = _pack(pack)
    st.register_type_strategy(PackType, st.sampled_from(list(chosen.types())))
