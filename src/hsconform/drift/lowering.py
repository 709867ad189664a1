"""The shape of one variant of a pack's type, lowered from the pack's documents.

One lowerer per pack and dialect: it follows references through where the pack resolved
them, and caches the shapes it has built, so twins sharing a definition lower it once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hsconform.drift._per_pack import PerPack
from hsconform.drift.compare import JSON_SCHEMA, JSON_STRUCTURE
from hsconform.drift.shape import JsonSchemaLowerer, Shape, StructureLowerer

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


@dataclass
class _Lowerers:
    """A pack's lowerers by dialect; a lowerer's caches are not safe to share unlocked."""

    by_dialect: dict[str, JsonSchemaLowerer | StructureLowerer] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_LOWERERS: PerPack[_Lowerers] = PerPack(lambda pack: _Lowerers())


def shape_of(pack: Pack, type: str | PackType, *, variant: str = JSON_SCHEMA) -> Shape:
    """The shape model of one variant of a type (see :mod:`hsconform.drift.shape`).

    Raises:
        UnknownType: the type name matches no type or several.
        UnsupportedVariant: the variant is unknown or the type lacks it.

    """
    document = pack.document(type, variant=variant)
    lowerers = _LOWERERS(pack)
    with lowerers.lock:
        lowerer = lowerers.by_dialect.get(variant)
        if lowerer is None:
            source = pack.schema_source(variant)
            lowerer = (
                StructureLowerer(source, pack.profile)
                if variant == JSON_STRUCTURE
                else JsonSchemaLowerer(source)
            )
            lowerers.by_dialect[variant] = lowerer
        return lowerer.at(document.file, "")
