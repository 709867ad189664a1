"""How the published files name things: stems, families, APIs and generations.

HubSpot's files come in two generations per API: ``<api>-api-<type>`` and
``hubspot-<api>-<type>``. A *family* is the file-name prefix shared by one
generation of one API (``crm-feature-flags-api``, ``hubspot-crm-feature-flags``);
the *API* is what the generations have in common (``crm-feature-flags``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hsconform.vocabulary import Dialect

DIALECT_SUFFIXES = {Dialect.JSON_SCHEMA: "-schema", Dialect.JSON_STRUCTURE: "-structure"}

_LOWER_THEN_UPPER = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_ACRONYM_THEN_WORD = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])")


def kebab_variants(name: str) -> tuple[str, ...]:
    """File-stem spellings of a type name, the published one first.

    The published files split only at a lower-to-upper change
    (``CRMObject`` -> ``crmobject``); the second spelling also splits an
    acronym from the next word (``crm-object``).
    """
    published = _LOWER_THEN_UPPER.sub("-", name).lower()
    split = _ACRONYM_THEN_WORD.sub("-", _LOWER_THEN_UPPER.sub("-", name)).lower()
    return (published,) if split == published else (published, split)


def kebab(name: str) -> str:
    """The published file-stem spelling of a type name (``FlagState`` -> ``flag-state``)."""
    return kebab_variants(name)[0]


def stem_of(filename: str, dialect: Dialect) -> str:
    """The type stem of a document's file name: no ``.json``, no dialect suffix."""
    base = filename[: -len(".json")] if filename.endswith(".json") else filename
    suffix = DIALECT_SUFFIXES.get(dialect, "")
    if suffix and base.endswith(suffix):
        return base[: -len(suffix)]
    return base


def family_from_title(stem: str, title: str | None) -> str | None:
    """The family prefix when the stem ends with the kebab-cased title, else ``None``."""
    if not title:
        return None
    for spelling in kebab_variants(title):
        if stem.endswith("-" + spelling) and len(stem) > len(spelling) + 1:
            return stem[: -len(spelling) - 1]
    return None


def family_by_prefix(stem: str, known: Iterable[str]) -> str | None:
    """The longest known family that prefixes the stem, else ``None``."""
    matches = [family for family in known if stem.startswith(family + "-")]
    return max(matches, key=len) if matches else None


def family_fallback(stem: str) -> str:
    """Last-resort family: up to ``-api``, else the stem without its last word."""
    if "-api-" in stem:
        return stem[: stem.index("-api-") + len("-api")]
    head, _, _ = stem.rpartition("-")
    return head or stem


def api_of(family: str) -> str:
    """The API a family belongs to (``hubspot-authors`` and ``authors-api`` -> ``authors``)."""
    if family.startswith("hubspot-"):
        return family[len("hubspot-") :]
    if family.endswith("-api"):
        return family[: -len("-api")]
    return family
