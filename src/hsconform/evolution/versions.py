"""The two packs being compared, and what is derived from them once.

Which files each type's shapes read (its document and every document its references reach),
and each file's content as an order-free value, so a type whose files only changed key order
or whitespace is known unchanged without lowering it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hsconform.jsonvalue import canonical

if TYPE_CHECKING:
    from hsconform.pack import Pack
    from hsconform.pack.documents import Document


@dataclass
class _Files:
    """One pack's documents by file, their canonical contents and reference closures."""

    documents: Mapping[str, Document]
    edges: Mapping[str, frozenset[str]]
    canonical: dict[str, Any] = field(default_factory=dict)
    closures: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, pack: Pack) -> _Files:
        edges: dict[str, set[str]] = {}
        for resolution in pack.resolutions:
            edges.setdefault(resolution.file, set()).add(resolution.target_file)
        return cls(
            {d.file: d for d in pack.documents},
            {file: frozenset(targets) for file, targets in edges.items()},
        )

    def content(self, file: str) -> Any:
        value = self.canonical.get(file)
        if value is None:
            document = self.documents.get(file)
            value = canonical(document.contents) if document is not None else ("missing",)
            self.canonical[file] = value
        return value

    def closure(self, file: str) -> frozenset[str]:
        found = self.closures.get(file)
        if found is None:
            seen, stack = {file}, [file]
            while stack:
                for target in self.edges.get(stack.pop(), ()):
                    if target not in seen:
                        seen.add(target)
                        stack.append(target)
            found = self.closures[file] = frozenset(seen)
        return found


class Versions:
    """OLD and NEW, read with the same profile; safe to share between threads."""

    def __init__(self, old: Pack, new: Pack) -> None:
        self.old = old
        self.new = new
        self._files = (_Files.of(old), _Files.of(new))
        self._lock = threading.Lock()

    @property
    def profile(self) -> str:
        """The JSON Structure profile both versions are read with."""
        return self.new.profile

    def unchanged(self, old_file: str, new_file: str) -> bool:
        """Whether a document and everything its references reach are equal in both versions.

        Equal as JSON values: members in any order, any whitespace, ``1`` equal to ``1.0``.
        """
        old, new = self._files
        with self._lock:
            if old_file != new_file:
                return False
            files = old.closure(old_file)
            if files != new.closure(new_file):
                return False
            return all(_same_file(old, new, f) for f in files)


def _same_file(old: _Files, new: _Files, file: str) -> bool:
    """Equal text is equal content (the common case, no walk); else compare the values."""
    before, after = old.documents.get(file), new.documents.get(file)
    if before is not None and after is not None and before.parsed.text == after.parsed.text:
        return True
    return bool(old.content(file) == new.content(file))
