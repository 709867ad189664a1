"""Probing the pairs drift calls equivalent: boundary values through both real validators.

The shape model says where the two variants should agree; this module checks it. At every
:class:`~hsconform.drift.compare.Site` (a node pair of the same kind) each boundary value of
:mod:`.boundaries` is put in place and judged by both validators; only the errors at or below
that place count, so the rest of the envelope cannot decide the verdict. A value the two
judge differently is wire drift, reported under the code of the cause the probe tests, with a
witness that both validators judge as the finding claims.

A scalar sub-schema judges a value the same wherever it is used, so each verdict is kept per
leaf schema text (its location, for a set or a schema with references) and probe: a leaf
repeated across the pack is probed once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hsconform.drift._per_pack import PerPack
from hsconform.drift.boundaries import PROBES, Probe
from hsconform.drift.compare import JSON_SCHEMA, JSON_STRUCTURE, SET, WIRE, Difference, Site
from hsconform.drift.paths import concrete, pattern
from hsconform.drift.values import joint
from hsconform.drift.witness import envelope, prove
from hsconform.findings import Finding
from hsconform.json_structure.compiler import SchemaSource
from hsconform.json_structure.keywords import enabled_extensions

if TYPE_CHECKING:
    from hsconform.drift.shape import Shape
    from hsconform.pack import Pack, PackType


@dataclass
class _Verdicts:
    """Verdicts per (variant, what judges the site, probe): whether the value is accepted there."""

    table: dict[tuple[str, Any, str], bool] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_VERDICTS: PerPack[_Verdicts] = PerPack(lambda pack: _Verdicts())
_SOURCES: PerPack[dict[str, SchemaSource]] = PerPack(
    lambda pack: {v: pack.schema_source(v) for v in (JSON_SCHEMA, JSON_STRUCTURE)}
)
#: Keywords that say nothing about acceptance: two schemas differing only in them judge alike.
_DOCUMENTATION = frozenset({"description", "title", "name", "example", "examples", "$comment"})
#: A value no payload holds: the leaf of a site's envelope, replaced by each probe.
_LEAF = object()


def site_probes(site: Site, profile: str) -> tuple[Probe, ...]:
    """The boundary values of a site: by kind, and for a set two equal items."""
    if site.js.kind == "set":
        item = joint(site.js.items, site.st.items, profile)
        return (Probe("HSC-D-TYPE", [item, item]), Probe("HSC-D-TYPE", [1, 1.0]))
    return PROBES.get(site.js.kind, ())


@dataclass(frozen=True)
class _Twin:
    """The twin being probed: its roots (envelopes are built from them) and its type."""

    pack: Pack
    pack_type: PackType
    js: Shape
    st: Shape


def _judge_key(twin: _Twin, site: Site, variant: str) -> Any:
    """What decides a verdict at the site: the leaf schema's text for a scalar, else its place.

    A scalar schema without references judges a value the same wherever it stands (in a
    JSON Structure document, under the same enabled extensions), so equal leaves of different
    documents share their verdicts. A top-level member of a batch envelope is also judged by
    the batch rules, so it keeps its place.
    """
    shape = site.js if variant == JSON_SCHEMA else site.st
    if site.js.kind == "set" or (
        len(site.path) == 1 and twin.pack.is_batch_envelope(twin.pack_type)
    ):
        return shape.origin
    source = _SOURCES(twin.pack)[variant]
    schema = source.schema_at(shape.origin.file, shape.origin.pointer)
    if not isinstance(schema, dict) or "$ref" in json.dumps(schema):
        return shape.origin
    judged = {k: v for k, v in schema.items() if k not in _DOCUMENTATION}
    flags = enabled_extensions(source.documents.get(shape.origin.file) or {})
    return (json.dumps(judged, sort_keys=True), flags if variant == JSON_STRUCTURE else None)


def _replaced(payload: Any, value: Any) -> Any:
    """The payload with its one ``_LEAF`` replaced by ``value`` (only the way to it copied)."""
    if payload is _LEAF:
        return value
    if isinstance(payload, dict):
        return {k: _replaced(v, value) for k, v in payload.items()}
    if isinstance(payload, list):
        return [_replaced(v, value) for v in payload]
    return payload


def _accepted_at(twin: _Twin, site: Site, probe: Probe, variant: str, frame: Any, key: Any) -> bool:
    """Whether ``variant`` accepts the probe at the site (errors elsewhere do not count)."""
    verdicts = _VERDICTS(twin.pack)
    entry = (variant, key, repr(probe.value))
    with verdicts.lock:
        known = verdicts.table.get(entry)
    if known is not None:
        return known
    under = concrete(site.path)
    result = twin.pack.validate(_replaced(frame, probe.value), twin.pack_type, variant=variant)
    accepted = not any(
        e.instance == under or e.instance.startswith(under + "/") for e in result.errors
    )
    with verdicts.lock:
        verdicts.table[entry] = accepted
    return accepted


def probe_findings(
    pack: Pack,
    pack_type: PackType,
    js: Shape,
    st: Shape,
    sites: Iterable[Site],
    reported: set[str],
) -> Iterator[Finding]:
    """A wire finding for each site where a boundary value is judged differently by the two.

    ``reported`` holds the instances where drift already reported a proven wire difference of
    the type: such a pair is not taken to agree, so it is not probed. The first probe the two
    judge differently is the site's finding, under the code of the cause it tests.
    """
    twin = _Twin(pack, pack_type, js, st)
    for site in sites:
        instance = pattern(site.path)
        if instance in reported:
            continue
        frame = envelope(js, st, site.path, (SET, _LEAF), pack.profile)
        keys = {v: _judge_key(twin, site, v) for v in (JSON_SCHEMA, JSON_STRUCTURE)}
        for probe in site_probes(site, pack.profile):
            schema_ok = _accepted_at(twin, site, probe, JSON_SCHEMA, frame, keys[JSON_SCHEMA])
            structure_ok = _accepted_at(
                twin, site, probe, JSON_STRUCTURE, frame, keys[JSON_STRUCTURE]
            )
            if schema_ok == structure_ok:
                continue
            side = JSON_SCHEMA if schema_ok else JSON_STRUCTURE
            difference = Difference(
                probe.code,
                WIRE,
                f"{_show(probe.value)} is accepted by {side} only, where the two are taken "
                f"to agree ({site.js.describe()} beside {site.st.describe()})",
                site.path,
                site.js,
                site.st,
                ((SET, probe.value),),
                "type",
            )
            reported.add(instance)
            yield prove(pack, pack_type, difference, js, st)
            break


def _show(value: Any) -> str:
    """A probe as JSON text (so an unpaired surrogate reads as its escape), shortened."""
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."
