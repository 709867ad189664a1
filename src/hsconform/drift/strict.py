"""The JSON Structure verdict under ``strict``, for a pack loaded under ``published``.

A witness proven under ``published`` may hold only because of one of that profile's
acceptances (an int64 written as a JSON number, a time without an offset, ...). Drift judges
such a witness again under ``strict`` and says in the finding which acceptance it relies on.
JSON Schema verdicts do not depend on the profile.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hsconform.drift._per_pack import PerPack
from hsconform.drift.compare import JSON_STRUCTURE
from hsconform.findings import Finding, Severity
from hsconform.json_structure.compiler import Compiler, SchemaSource
from hsconform.json_structure.keywords import STRICT
from hsconform.json_structure.validator import StructureValidator
from hsconform.rules import batch

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


@dataclass
class _StrictValidators:
    """JSON Structure validators of a pack's documents under ``strict``, built on first use."""

    source: SchemaSource
    compiler: Compiler | None = None
    by_file: dict[str, StructureValidator] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def validator(self, file: str) -> StructureValidator:
        with self.lock:
            found = self.by_file.get(file)
            if found is None:
                if self.compiler is None:
                    self.compiler = Compiler(self.source, STRICT)
                found = StructureValidator(self.compiler.root(file), STRICT)
                self.by_file[file] = found
            return found


_STRICT: PerPack[_StrictValidators] = PerPack(
    lambda pack: _StrictValidators(pack.schema_source(JSON_STRUCTURE))
)


def strict_errors(pack: Pack, pack_type: PackType, payload: Any) -> list[Finding]:
    """The errors the JSON Structure variant finds in the payload under ``strict``."""
    document = pack.document(pack_type, variant=JSON_STRUCTURE)
    found = _STRICT(pack).validator(document.file).findings(payload)
    if pack.is_batch_envelope(pack_type, JSON_STRUCTURE):
        found.extend(
            batch.check(
                payload, variant=JSON_STRUCTURE, already_reported={f.instance for f in found}
            )
        )
    return [f for f in found if f.severity is Severity.ERROR]
