"""Which type names to suggest for a name that names no type of a pack.

One rule for every caller (``Pack.type``, so ``check --type``, ``drift --type``, the pytest
plugin and ``assert_conforms``): a name the user typed in another case, then the types whose
title holds the name, then those whose qualified name (``family/Title``) or stem holds it; when
none does, names a few edits away. Case, ``-``, ``_``, ``/``, ``.`` and spaces are ignored when
comparing, so ``contact``, ``Contact`` and ``simple_public_object`` find what they mean.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

#: Names suggested at most; the rest are counted.
LIMIT = 10

_SEPARATORS = re.compile(r"[\s_/\-.]+")


class Named(Protocol):
    """What the rule reads of a type."""

    @property
    def stem(self) -> str:
        """The file stem (``hubspot-crm-objects-simple-public-object``)."""

    @property
    def title(self) -> str:
        """The title (``SimplePublicObject``)."""

    @property
    def name(self) -> str:
        """The qualified name (``hubspot-crm-objects/SimplePublicObject``), the one suggested."""


@dataclass(frozen=True)
class Suggestions:
    """The names to suggest, best first, and how many more matched beyond :data:`LIMIT`."""

    names: tuple[str, ...]
    more: int = 0


def _key(text: str) -> str:
    return _SEPARATORS.sub("", text).casefold()


def suggest(wanted: str, index: Mapping[str, Sequence[Named]]) -> Suggestions:
    """The qualified names to suggest for ``wanted``; ``index`` maps each name to its types."""
    key = _key(wanted)
    types = list({t.name: t for found in index.values() for t in found}.values())
    same = [t for name, found in index.items() if _key(name) == key for t in found]
    by_title = sorted(
        (t for t in types if key and key in _key(t.title)), key=lambda t: (len(t.title), t.name)
    )
    by_name = sorted(
        (t for t in types if key and (key in _key(t.name) or key in _key(t.stem))),
        key=lambda t: (len(t.name), t.name),
    )
    folded: dict[str, list[Named]] = {}
    for name, found in index.items():
        folded.setdefault(name.casefold(), []).extend(found)
    ordered = [*same, *by_title, *by_name]
    if not ordered:  # a misspelling: names a few edits away
        close = difflib.get_close_matches(wanted.casefold(), list(folded), n=5, cutoff=0.6)
        ordered = [t for name in close for t in folded[name]]
    unique = list(dict.fromkeys(t.name for t in ordered))
    return Suggestions(tuple(unique[:LIMIT]), max(0, len(unique) - LIMIT))
