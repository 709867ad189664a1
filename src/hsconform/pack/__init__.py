"""Stage 1: a schema pack — its documents, the types they describe, one registry, validation.

``load_pack`` reads a folder (the vendored pack by default) and resolves every reference at
load; the submodules name documents (:mod:`.naming`, :mod:`.documents`), resolve references
(:mod:`.registry`) and derive the pack's routes (:mod:`.routes`).
"""

from __future__ import annotations

from hsconform.pack._core import (
    VARIANTS,
    Pack,
    PackCounts,
    PackType,
    load_pack,
    vendored_pack_path,
)
from hsconform.pack.depth import nesting_depth

__all__ = [
    "VARIANTS",
    "Pack",
    "PackCounts",
    "PackType",
    "load_pack",
    "nesting_depth",
    "vendored_pack_path",
]
