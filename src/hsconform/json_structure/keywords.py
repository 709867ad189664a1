"""The vocabulary of JSON Structure: type names, keyword sets, extension names, profiles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hsconform.vocabulary import PROFILES as PROFILES  # the profiles, for this dialect's readers
from hsconform.vocabulary import Profile

STRICT = Profile.STRICT
PUBLISHED = Profile.PUBLISHED

#: Primitive types of the core draft, JSON-encoded as numbers.
NUMBER_TYPES = frozenset(
    {
        "number",
        "integer",
        "int8",
        "uint8",
        "int16",
        "uint16",
        "int32",
        "uint32",
        "float8",
        "float",
        "double",
    }
)
#: Integer types whose JSON form is a string (RFC 8259 integer grammar).
STRING_INTEGER_TYPES = frozenset({"int64", "uint64", "int128", "uint128"})
#: Primitive types whose JSON form is a string.
STRING_TYPES = (
    frozenset(
        {
            "string",
            "binary",
            "decimal",
            "date",
            "datetime",
            "time",
            "duration",
            "uuid",
            "uri",
            "jsonpointer",
        }
    )
    | STRING_INTEGER_TYPES
)
PRIMITIVE_TYPES = NUMBER_TYPES | STRING_TYPES | frozenset({"boolean", "null"})
COMPOUND_TYPES = frozenset({"object", "array", "set", "map", "tuple", "choice", "any"})
ALL_TYPES = PRIMITIVE_TYPES | COMPOUND_TYPES
#: Numeric types, including those encoded as strings (bounds apply to their value).
NUMERIC_TYPES = NUMBER_TYPES | STRING_INTEGER_TYPES | frozenset({"decimal"})

#: Integer ranges, inclusive.
INTEGER_RANGES: Mapping[str, tuple[int, int]] = {
    "int8": (-(2**7), 2**7 - 1),
    "uint8": (0, 2**8 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "uint16": (0, 2**16 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "integer": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint64": (0, 2**64 - 1),
    "int128": (-(2**127), 2**127 - 1),
    "uint128": (0, 2**128 - 1),
}
#: Largest finite magnitude of the floating-point types. float8: the draft states
#: "approximately ±3.4 x 10^3"; float and double: IEEE 754 binary32 and binary64.
FLOAT_LIMITS: Mapping[str, float] = {
    "float8": 3.4e3,
    "float": 3.4028234663852886e38,
    "double": 1.7976931348623157e308,
}

#: Keywords of the Validation extension, by the types they apply to.
VALIDATION_KEYWORDS: Mapping[str, frozenset[str]] = {
    "minimum": NUMERIC_TYPES,
    "maximum": NUMERIC_TYPES,
    "exclusiveMinimum": NUMERIC_TYPES,
    "exclusiveMaximum": NUMERIC_TYPES,
    "multipleOf": NUMERIC_TYPES,
    "minLength": frozenset({"string"}),
    "pattern": frozenset({"string"}),
    "format": frozenset({"string"}),
    "minItems": frozenset({"array", "set", "tuple"}),
    "maxItems": frozenset({"array", "set", "tuple"}),
    "uniqueItems": frozenset({"array"}),
    "contains": frozenset({"array", "set"}),
    "minContains": frozenset({"array", "set"}),
    "maxContains": frozenset({"array", "set"}),
    "minProperties": frozenset({"object"}),
    "maxProperties": frozenset({"object"}),
    "minEntries": frozenset({"map"}),
    "maxEntries": frozenset({"map"}),
    "dependentRequired": frozenset({"object"}),
    "patternProperties": frozenset({"object"}),
    "patternKeys": frozenset({"map"}),
    "propertyNames": frozenset({"object"}),
    "keyNames": frozenset({"map"}),
    "has": frozenset({"object", "map"}),
    "default": ALL_TYPES,
    "contentEncoding": frozenset({"binary", "string"}),
    "contentMediaType": frozenset({"binary", "string"}),
    "contentCompression": frozenset({"binary", "string"}),
}
#: Keywords of the Conditional Composition extension.
COMPOSITION_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "not", "if", "then", "else"})

#: Keywords of a non-schema, by the JSON kind of the values they constrain.
NON_SCHEMA_OBJECT_KEYWORDS = frozenset(
    {
        "properties",
        "required",
        "additionalProperties",
        "$extends",
        "patternProperties",
        "minProperties",
        "maxProperties",
        "dependentRequired",
        "propertyNames",
        "has",
    }
)
NON_SCHEMA_ARRAY_KEYWORDS = frozenset(
    {"items", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains"}
)
NON_SCHEMA_STRING_KEYWORDS = frozenset({"maxLength", "minLength", "pattern", "format"})
NON_SCHEMA_NUMBER_KEYWORDS = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
)

#: Formats the Validation extension names for ``format``.
FORMATS = frozenset(
    {
        "ipv4",
        "ipv6",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "iri",
        "iri-reference",
        "uri-template",
        "relative-json-pointer",
        "regex",
    }
)

#: Names that enable the extensions in ``$uses`` (the drafts spell them both ways).
VALIDATION_EXTENSION_NAMES = frozenset({"JSONStructureValidation", "JSONSchemaValidation"})
COMPOSITION_EXTENSION_NAMES = frozenset(
    {"JSONStructureConditionalComposition", "JSONSchemaConditionalComposition"}
)
#: Meta-schemas that enable both extensions without ``$uses``.
VALIDATION_META_SCHEMAS = frozenset(
    {
        "https://json-structure.org/meta/validation/v0/#",
        "https://json-structure.org/meta/validation/v0",
    }
)
#: The meta-schema URIs the drafts define.
KNOWN_META_SCHEMAS = frozenset(
    {
        "https://json-structure.org/meta/core/v0/#",
        "https://json-structure.org/meta/extended/v0/#",
        "https://json-structure.org/meta/validation/v0/#",
    }
)

#: Members an instance document may carry at its root whatever the schema says.
INSTANCE_RESERVED = frozenset({"$schema", "$uses"})

#: The identifier syntax of property and type names.
IDENTIFIER_PATTERN = r"[A-Za-z_][A-Za-z0-9_]*"


def enabled_extensions(document: Mapping[str, Any]) -> tuple[bool, bool]:
    """Whether a document enables (validation, conditional composition) keywords."""
    uses = document.get("$uses")
    names = {u for u in uses if isinstance(u, str)} if isinstance(uses, list) else set()
    declared = document.get("$schema")
    meta = declared.rstrip("#") + "#" if isinstance(declared, str) else ""
    by_meta = meta in VALIDATION_META_SCHEMAS
    return (
        by_meta or bool(names & VALIDATION_EXTENSION_NAMES),
        by_meta or bool(names & COMPOSITION_EXTENSION_NAMES),
    )


#: Keywords that make a definitions member a (typeless) schema rather than a namespace.
SCHEMA_MARKERS = frozenset(
    {
        "type",
        "$ref",
        "$extends",
        "abstract",
        "properties",
        "items",
        "values",
        "choices",
        "tuple",
        "required",
        "additionalProperties",
        "enum",
        "const",
    }
)


def is_namespace(node: Mapping[str, Any]) -> bool:
    """In ``definitions``, an object with no schema keyword is a namespace of definitions."""
    return not any(key in node for key in SCHEMA_MARKERS)
