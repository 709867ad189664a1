"""The document: the root's own keywords, the definitions' namespaces, names.

``$schema``, ``$id``, ``name``, ``$uses``, ``$offers`` and ``$root`` belong to the
root only; the root either declares a type itself or points ``$root`` into
``definitions``. Type, namespace, property and choice names are identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from hsconform.json_structure import keywords as kw
from hsconform.json_structure.keywords import is_namespace
from hsconform.json_structure.lint.composition import SCHEMA_ARRAYS, SCHEMA_SINGLES
from hsconform.json_structure.lint.context import (
    WARNING,
    LintRun,
    Visit,
    keyword_value,
    kind_of,
    misplaced,
    show,
)
from hsconform.json_structure.lint.references import (
    IMPORT_KEYWORDS,
    is_declaration,
    pointer_entries,
    reference,
    resolve,
)
from hsconform.jsontext import escape_pointer_token

#: The one ``$schema`` the ``hubspot-*`` files declare; no draft defines it.
PUBLISHED_SCHEMA_URI = "https://json-structure.org/draft/2020-12/schema"

_ROOT_ONLY = ("$schema", "$id", "$root", "definitions", "$uses", "$offers")
_IDENTIFIER = re.compile(kw.IDENTIFIER_PATTERN)
_META_HOSTS = ("https://json-structure.github.io/", "https://json-structure.org/")
#: Names ``$uses`` may hold in a schema document besides the two enabling extensions.
_KNOWN_USES = kw.VALIDATION_EXTENSION_NAMES | kw.COMPOSITION_EXTENSION_NAMES


def is_known_meta_schema(uri: str) -> bool:
    """Whether ``$schema`` names a meta-schema the drafts define (empty fragment ignored)."""
    normal = uri.rstrip("#") + "#"
    for host in _META_HOSTS:
        if normal.startswith(host):
            normal = "https://json-structure.org/" + normal[len(host) :]
    return normal in kw.KNOWN_META_SCHEMAS


# -- the root -------------------------------------------------------------------------------


def schema_uri(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """$schema must name a meta-schema of the drafts."""
    if "$schema" not in doc:
        lint.emit("HSC-S-SCHEMA-URI", "", "the root has no $schema", keyword="$schema")
        return
    uri = doc["$schema"]
    if isinstance(uri, str) and is_known_meta_schema(uri):
        return
    if lint.published and isinstance(uri, str) and uri.rstrip("#") == PUBLISHED_SCHEMA_URI:
        lint.emit(
            "HSC-PUB-SCHEMA-URI",
            "/$schema",
            f"$schema {show(uri)} is no meta-schema of the drafts; read as core v0 "
            "(https://json-structure.org/meta/core/v0/#)",
            keyword="$schema",
            severity=WARNING,
        )
        return
    lint.emit(
        "HSC-S-SCHEMA-URI",
        "/$schema",
        f"$schema {show(uri)} is not a meta-schema the drafts define "
        f"({', '.join(sorted(kw.KNOWN_META_SCHEMAS))})",
        keyword="$schema",
    )


def root_id(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """$id is required and must be an absolute URI."""
    if "$id" not in doc:
        if lint.published:
            lint.emit(
                "HSC-PUB-MISSING-ID",
                "",
                "the document has no $id; accepted, identified by its file",
                keyword="$id",
                severity=WARNING,
            )
        else:
            lint.emit("HSC-S-MISSING-ID", "", "the root has no $id", keyword="$id")
        return
    value = doc["$id"]
    if not _is_absolute_uri(value):
        lint.emit(
            "HSC-S-ID-INVALID",
            "/$id",
            f"$id {show(value)} is not an absolute URI",
            keyword="$id",
        )


def root_name(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """The root needs a string name; a type name should be an identifier."""
    value = doc.get("name")
    if not isinstance(value, str):
        where = "/name" if "name" in doc else ""
        lint.emit("HSC-S-MISSING-NAME", where, "the root needs a string name", keyword="name")
        return
    check_identifier(lint, value, "/name", "type name")


def uses(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """$uses is an array of extension or add-in names; unknown ones are suspicious."""
    message = "$uses must be an array of names"
    value = keyword_value(lint, doc, "", "$uses", list, "HSC-S-USES-INVALID", message)
    if value is None:
        return
    offered = doc.get("$offers")
    known = _KNOWN_USES | (set(offered) if isinstance(offered, Mapping) else set())
    for index, entry in enumerate(value):
        pointer = f"/$uses/{index}"
        if not isinstance(entry, str):
            lint.emit(
                "HSC-S-USES-INVALID", pointer, "a $uses entry must be a string", keyword="$uses"
            )
        elif entry not in known and not entry.startswith("#"):
            lint.emit(
                "HSC-S-USES-UNKNOWN",
                pointer,
                f"$uses names {entry!r}, which is neither an extension "
                f"({', '.join(sorted(_KNOWN_USES))}) nor an add-in of $offers",
                keyword="$uses",
                severity=WARNING,
            )


def offers(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """$offers maps add-in names to JSON Pointers (or arrays of them) in this document."""
    message = "$offers must map add-in names to JSON Pointers"
    value = keyword_value(lint, doc, "", "$offers", Mapping, "HSC-S-OFFERS-INVALID", message)
    if value is None:
        return
    for name, refs in value.items():
        pointer = "/$offers/" + escape_pointer_token(name)
        entries = pointer_entries(refs, pointer)
        if entries is None:
            lint.emit(
                "HSC-S-OFFERS-INVALID",
                pointer,
                "an add-in must be a JSON Pointer or an array of them",
                keyword="$offers",
            )
            continue
        for ref, at in entries:
            reference(lint, ref, "$offers", at=at, holder=at)


def root_pointer(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """$root points at a type declared in definitions."""
    message = "$root must be a JSON Pointer string"
    value = keyword_value(lint, doc, "", "$root", str, "HSC-S-ROOT-INVALID", message)
    if value is None:
        return
    target = resolve(doc, value)
    if target is None or not target[1] or not is_declaration(doc, *target):
        lint.emit(
            "HSC-S-ROOT-UNRESOLVED",
            "/$root",
            f"$root {value!r} does not designate a type declared in definitions",
            keyword="$root",
        )
        return
    if target[0].get("abstract") is True:
        lint.emit(
            "HSC-S-ABSTRACT-REF",
            "/$root",
            f"$root {value!r} designates an abstract type",
            keyword="$root",
        )


def root_type(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """A root that declares its own type: no $root beside it, no $ref or union inside."""
    declared = doc.get("type")
    if "$root" in doc:
        lint.emit(
            "HSC-S-ROOT-AND-TYPE",
            "/$root",
            "$root and type are mutually exclusive at the root",
            keyword="$root",
        )
    if isinstance(declared, Mapping):
        lint.emit(
            "HSC-S-ROOT-REF",
            "/type",
            "the root's type must not be a $ref: point $root at the type instead",
            keyword="$ref",
        )
    elif isinstance(declared, list):
        lint.emit(
            "HSC-S-ROOT-UNION",
            "/type",
            "the root's type must not be a union: declare the union in definitions "
            "and point $root at it",
            keyword="type",
        )
    lint.push([Visit(doc, "", "root")])


def root_accepts_nothing(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """A root that gives validation no type to judge by: no instance can conform.

    No ``type`` and no ``$root`` (only definitions, or only a composition the document
    does not enable), or a bare ``$ref`` that leads nowhere.
    """
    if "type" in doc or "$root" in doc or ("$ref" not in doc and _declares_nothing(doc)):
        return  # a typed root, a $root (checked on its own), or HSC-S-MISSING-TYPE said it
    ref = doc.get("$ref")
    if "$ref" in doc:
        target = resolve(doc, ref) if isinstance(ref, str) else None
        if "" in lint.elsewhere or (target is not None and is_declaration(doc, *target)):
            return
        why = f"the root is a bare $ref {show(ref)} that leads to no type declaration"
    else:
        composed = [key for key in (*SCHEMA_ARRAYS, *SCHEMA_SINGLES) if key in doc]
        if composed and (lint.composition_on or lint.published):
            return
        why = "the root has neither type nor $root"
        if composed:
            why += (
                f", and its {', '.join(composed)} is a keyword of the "
                "JSONStructureConditionalComposition extension, which the document does not enable"
            )
    lint.emit(
        "HSC-S-NO-ROOT-TYPE",
        "",
        f"no instance can conform to this document: {why}",
        keyword="type",
        hint="give the root a type, or point $root at a type declared in definitions",
    )


def missing_root_type(lint: LintRun, doc: Mapping[str, Any]) -> bool:
    """Report a typeless root that declares nothing in place of a type; whether it did."""
    if not _declares_nothing(doc):
        return False
    lint.emit(
        "HSC-S-MISSING-TYPE",
        "",
        "the root declares no type: give it a type, or a $root and definitions",
        keyword="type",
    )
    return True


def _declares_nothing(doc: Mapping[str, Any]) -> bool:
    """A typeless root must at least offer definitions, a $root or a composition."""
    if any(key in doc for key in ("properties", "items", "values", "choices", "tuple")):
        return True
    composed = any(key in doc for key in (*SCHEMA_ARRAYS, *SCHEMA_SINGLES))
    return not ("$root" in doc or "definitions" in doc or composed)


def definitions(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """Queue ``definitions`` as the outermost namespace."""
    message = "definitions must be a JSON object of types and namespaces, not {kind}"
    code = "HSC-S-DEFINITIONS-NOT-OBJECT"
    value = keyword_value(lint, doc, "", "definitions", Mapping, code, message)
    if value is not None:
        lint.push([Visit(value, "/definitions", "namespace")])


def namespace(lint: LintRun, node: Mapping[str, Any], pointer: str) -> None:
    """Each member of a namespace is a type declaration or a nested namespace."""
    visits: list[Visit] = []
    for name, member in node.items():
        if name in IMPORT_KEYWORDS:
            continue
        at = f"{pointer}/{escape_pointer_token(name)}"
        check_identifier(lint, name, at, "type or namespace name")
        if not isinstance(member, Mapping):
            lint.emit(
                "HSC-S-SCHEMA-NOT-OBJECT",
                at,
                f"{name!r} in definitions must be a type declaration or a namespace "
                f"(a JSON object), not {kind_of(member)}",
            )
        elif is_namespace(member):
            visits.append(Visit(member, at, "namespace"))
        else:
            visits.append(Visit(member, at, "definition"))
    lint.push(visits)


def root_only(lint: LintRun, node: Mapping[str, Any], pointer: str) -> None:
    """Document-level keywords have no meaning inside a schema."""
    why = "may only be used at the root of the document"
    misplaced(lint, node, pointer, _ROOT_ONLY, "HSC-S-ROOT-KEYWORD", why)


def check_identifier(lint: LintRun, name: str, pointer: str, what: str) -> None:
    """Property and type names MUST follow the identifier syntax; ``published`` warns."""
    if _IDENTIFIER.fullmatch(name):
        return
    hint = "the Alternate Names extension (altnames) maps identifiers to other spellings"
    message = f"{what} {name!r} does not match {kw.IDENTIFIER_PATTERN}"
    if lint.published:
        lint.emit("HSC-PUB-IDENTIFIER", pointer, message, severity=WARNING, hint=hint)
    else:
        lint.emit("HSC-S-IDENTIFIER", pointer, message, hint=hint)


def _is_absolute_uri(value: Any) -> bool:
    """An absolute URI: a string with a scheme (``urlsplit`` refuses some malformed ones)."""
    if not isinstance(value, str):
        return False
    try:
        return bool(urlsplit(value).scheme)
    except ValueError:
        return False
