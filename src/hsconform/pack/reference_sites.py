"""Where a schema document refers to others, and which resources it embeds.

One walk over the schema objects of a document (never into data keywords such as ``enum``),
with the base URI in force at each: the registry plans each reference it yields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin

from hsconform.json_structure.keywords import is_namespace
from hsconform.jsontext import escape_pointer_token
from hsconform.pack.documents import (
    JSON_SCHEMA,
    JSON_STRUCTURE,
    Document,
    is_json_schema_dialect,
)
from hsconform.vocabulary import Dialect

# Keywords whose values are data, never schemas: a "$ref" inside them is not a reference.
_DATA_KEYWORDS = frozenset(
    {"const", "enum", "example", "examples", "default", "altnames", "altenums", "descriptions"}
)
# Keywords whose values map names to schemas.
_NAME_MAPS = {
    JSON_SCHEMA: frozenset(
        {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
    ),
    JSON_STRUCTURE: frozenset({"properties", "definitions", "choices"}),
}
# JSON Schema 2020-12 keywords whose value is one subschema, or a list of them.
_SUBSCHEMA = frozenset(
    {
        "additionalProperties",
        "contains",
        "contentSchema",
        "else",
        "if",
        "items",
        "not",
        "propertyNames",
        "then",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
_SUBSCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
REF_KEYWORDS = {
    JSON_SCHEMA: ("$ref", "$dynamicRef"),
    JSON_STRUCTURE: ("$ref", "$extends"),
}


@dataclass(frozen=True)
class RefSite:
    """A reference as written: the document, the pointer of its object, the base URI in force."""

    document: Document
    pointer: str
    keyword: str
    ref: str
    base: str


def iter_ref_sites(document: Document) -> Iterator[RefSite]:
    """Every reference in a document, in document order, skipping data keywords."""
    for node, pointer, base in iter_schema_objects(document):
        for keyword in REF_KEYWORDS[document.dialect]:
            value = node.get(keyword)
            values = value if keyword == "$extends" and isinstance(value, list) else [value]
            for each in values:
                if isinstance(each, str):
                    yield RefSite(document, pointer, keyword, each, base)
    declared = document.keywords.get("$schema")
    if (
        document.dialect == JSON_SCHEMA
        and isinstance(declared, str)
        and not is_json_schema_dialect(declared)
    ):
        # a custom meta-schema: the engine needs it, so it resolves like a reference
        yield RefSite(document, "", "$schema", declared, document.id or document.uri)
    root = document.keywords.get("$root") if document.dialect == JSON_STRUCTURE else None
    if isinstance(root, str):
        yield RefSite(document, "", "$root", root, document.id or document.uri)


def join_uri(base: str, ref: str) -> str:
    """``ref`` resolved against ``base``, for every scheme (``urljoin`` ignores ``urn:`` bases)."""
    if ref.startswith("#"):
        return urldefrag(base)[0] + ref
    return urljoin(base, ref)


def iter_embedded_resources(document: Document) -> Iterator[tuple[str, str]]:
    """``(uri, pointer)`` of each JSON Schema resource a document embeds with its own ``$id``.

    Only subschemas count: an ``$id`` inside a keyword 2020-12 does not define (an extension,
    an unknown keyword) is data, not an identifier.
    """
    if document.dialect != JSON_SCHEMA:
        return
    stack: list[tuple[Any, str, str]] = [(document.contents, "", document.id or document.uri)]
    while stack:
        node, pointer, base = stack.pop()
        if not isinstance(node, dict):
            continue
        embedded = node.get("$id")
        if pointer and isinstance(embedded, str):
            base = join_uri(base, embedded)
            yield urldefrag(base)[0], pointer
        for keyword, child in node.items():
            here = f"{pointer}/{escape_pointer_token(keyword)}"
            if keyword in _SUBSCHEMA:
                stack.append((child, here, base))
            elif keyword in _SUBSCHEMA_LISTS and isinstance(child, list):
                stack.extend((each, f"{here}/{i}", base) for i, each in enumerate(child))
            elif keyword in _NAME_MAPS[JSON_SCHEMA] and isinstance(child, dict):
                stack.extend(
                    (each, f"{here}/{escape_pointer_token(name)}", base)
                    for name, each in child.items()
                )


def iter_schema_objects(document: Document) -> Iterator[tuple[Mapping[str, Any], str, str]]:
    """Each schema object of a document with its pointer and the base URI in force inside it.

    Values of data keywords (``enum``, ``const``, ``examples``, ...) are not schemas and are not
    entered; a JSON Schema ``$id`` below the root starts an embedded resource with its own base.
    """
    base = document.id or document.uri
    yield from _walk(document.dialect, document.contents, "", base, in_names=False)


def walk_schema_objects(
    dialect: Dialect, contents: Any, base: str
) -> Iterator[tuple[Mapping[str, Any], str, str]]:
    """Each schema object of any JSON value of a dialect (a retrieved document, say)."""
    yield from _walk(dialect, contents, "", base, in_names=False)


def _walk(
    dialect: Dialect, node: Any, pointer: str, base: str, *, in_names: bool
) -> Iterator[tuple[Mapping[str, Any], str, str]]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(dialect, item, f"{pointer}/{index}", base, in_names=False)
        return
    if not isinstance(node, dict):
        return
    if in_names:
        for name, child in node.items():
            child_pointer = f"{pointer}/{escape_pointer_token(name)}"
            namespace = (
                dialect == JSON_STRUCTURE and isinstance(child, dict) and is_namespace(child)
            )
            yield from _walk(dialect, child, child_pointer, base, in_names=namespace)
        return
    if dialect == JSON_SCHEMA:
        embedded = node.get("$id")
        if pointer and isinstance(embedded, str):
            base = join_uri(base, embedded)
    yield node, pointer, base
    names = _NAME_MAPS[dialect]
    for keyword, child in node.items():
        if keyword in _DATA_KEYWORDS:
            continue
        child_pointer = f"{pointer}/{escape_pointer_token(keyword)}"
        yield from _walk(dialect, child, child_pointer, base, in_names=keyword in names)
