"""Which type of NEW is which type of OLD: by qualified name, then by title, then by file stem.

A type keeps its qualified name (``family/Title``) across versions unless its title or
family changed; a title unique on both sides still pairs it, and so does its file stem (a
retitled type keeps its files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hsconform.pack import Pack, PackType


@dataclass(frozen=True)
class Matching:
    """Pairs of (OLD type, NEW type), and the types found in one version only."""

    pairs: tuple[tuple[PackType, PackType], ...]
    removed: tuple[PackType, ...]
    added: tuple[PackType, ...]

    def renamed(self) -> dict[str, str]:
        """OLD qualified name -> NEW qualified name, for every pair."""
        return {old.name: new.name for old, new in self.pairs}


def match_types(old: Pack, new: Pack) -> Matching:
    """Pair the types of two packs; each type is in at most one pair."""
    left = {t.name: t for t in old.types()}
    right = {t.name: t for t in new.types()}
    pairs: list[tuple[PackType, PackType]] = []
    for key in (_qualified, _title, _stem):
        found = _pair_by(key, left.values(), right.values())
        for first, second in found:
            pairs.append((first, second))
            del left[first.name], right[second.name]
    pairs.sort(key=lambda pair: pair[1].name)
    return Matching(
        tuple(pairs),
        tuple(sorted(left.values(), key=_qualified)),
        tuple(sorted(right.values(), key=_qualified)),
    )


def _qualified(pack_type: PackType) -> str:
    return pack_type.name


def _title(pack_type: PackType) -> str:
    return pack_type.title


def _stem(pack_type: PackType) -> str:
    return pack_type.stem


def _pair_by(
    key: Callable[[PackType], str], left: Iterable[PackType], right: Iterable[PackType]
) -> list[tuple[PackType, PackType]]:
    """The pairs whose key is unique among the unpaired types of both sides."""
    first = _unique(key, left)
    second = _unique(key, right)
    return [(first[k], second[k]) for k in sorted(first.keys() & second.keys())]


def _unique(key: Callable[[PackType], str], types: Iterable[PackType]) -> dict[str, PackType]:
    seen: dict[str, PackType | None] = {}
    for pack_type in types:
        name = key(pack_type)
        seen[name] = None if name in seen else pack_type
    return {name: t for name, t in seen.items() if t is not None}
