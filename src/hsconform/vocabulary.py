"""The closed sets hsconform speaks in, each defined once.

Every member is a ``str`` whose value is what JSON reports, the CLI and configuration files
show, so ``Dialect.JSON_SCHEMA == "json-schema"`` and ``f"{Dialect.JSON_SCHEMA}"`` prints the
value: outputs read the same as when these were plain strings. Imports nothing of hsconform.
"""

from __future__ import annotations

import enum


class _Word(str, enum.Enum):
    """A closed set of words: compares, hashes, formats and serialises as its value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Dialect(_Word):
    """The two languages HubSpot publishes each type in (a type's two *variants*)."""

    JSON_SCHEMA = "json-schema"
    JSON_STRUCTURE = "json-structure"


#: ``--variant both``: validate against both dialects in one pass.
BOTH = "both"

#: Both dialects, JSON Schema first: the order reports list variants in.
DIALECTS = (Dialect.JSON_SCHEMA, Dialect.JSON_STRUCTURE)

#: What ``--variant`` and ``variant=`` accept.
VARIANT_CHOICES = (*(dialect.value for dialect in DIALECTS), BOTH)


class Profile(_Word):
    """How a JSON Structure document is read: to the letter, or as HubSpot publishes it."""

    STRICT = "strict"
    PUBLISHED = "published"


#: Both profiles, ``strict`` first.
PROFILES = (Profile.STRICT, Profile.PUBLISHED)


def _unknown(what: str, value: object, choices: tuple[str, ...]) -> ValueError:
    return ValueError(f"unknown {what} {value!r}; use one of: " + ", ".join(choices))


def profile_named(value: str) -> Profile:
    """The profile a caller named; ValueError listing the profiles otherwise."""
    if value not in PROFILES:
        raise _unknown("profile", value, PROFILES)
    return Profile(value)


class Engine(_Word):
    """Which library validates JSON Schema payloads: jsonschema-rs, or python-jsonschema."""

    JSONSCHEMA_RS = "jsonschema-rs"
    REFERENCE = "reference"


#: Both engines, the default (jsonschema-rs) first.
ENGINES = (Engine.JSONSCHEMA_RS, Engine.REFERENCE)


def engine_named(value: str) -> Engine:
    """The engine a caller named; ValueError listing the engines otherwise."""
    if value not in ENGINES:
        raise _unknown("engine", value, ENGINES)
    return Engine(value)


def dialects_of_variant(variant: str) -> tuple[Dialect, ...]:
    """The dialects a ``variant`` argument asks for: one, or both for ``"both"``."""
    if variant == BOTH:
        return DIALECTS
    if variant not in DIALECTS:
        raise _unknown("variant", variant, VARIANT_CHOICES)
    return (Dialect(variant),)


class Severity(_Word):
    """How much a finding matters: only ``error`` makes a payload non-conformant."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(_Word):
    """What a drift finding means for the wire (see docs/drift.md)."""

    WIRE = "wire"
    LOSSY = "lossy"
    SPEC = "spec"


class ReportKind(_Word):
    """Which command a report comes from; reporters title and count by it."""

    CHECK = "check"
    LINT = "lint"
    DRIFT = "drift"
    PACK_DIFF = "pack diff"


class ResolutionRule(_Word):
    """By which rule the registry resolved a ``$ref`` (kept with every resolution)."""

    LOCAL = "local"
    FILE = "file"
    FILE_RELATIVE = "file-relative"
    ID = "id"
    COMPONENT = "component"
    COMPONENT_OTHER_GENERATION = "component-other-generation"
    RETRIEVED = "retrieved"
    METASCHEMA = "metaschema"
