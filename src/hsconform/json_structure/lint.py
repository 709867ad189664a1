"""Document lint: whether a JSON Structure document conforms to the drafts.

The lint walks the document iteratively (an explicit stack, never recursion),
so no nesting depth and no ``$ref`` cycle can exhaust the Python stack. It
reads the document and never changes it. Each problem is a :class:`Finding`
placed by the JSON Pointer of the offending node; the caller adds the line and
column.

Two profiles: ``strict`` follows the drafts to the letter; ``published``
accepts what HubSpot really ships and reports each acceptance as an
``HSC-PUB-*`` warning instead of the strict error. ``docs/lint-codes.md`` lists
every code.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeGuard
from urllib.parse import unquote, urlsplit

from hsconform.findings import Finding, SchemaLocation, Severity
from hsconform.json_structure import keywords as kw
from hsconform.json_structure.patterns import compile_pattern
from hsconform.jsontext import escape_pointer_token, resolve_pointer, unescape_pointer_token

VARIANT = "json-structure"
ERROR = Severity.ERROR
WARNING = Severity.WARNING

#: The one ``$schema`` the ``hubspot-*`` files declare; no draft defines it.
PUBLISHED_SCHEMA_URI = "https://json-structure.org/draft/2020-12/schema"

#: Every code the lint can report, with what it means (``docs/lint-codes.md`` says more).
CODES: Mapping[str, str] = {
    "HSC-S-ROOT-NOT-OBJECT": "the document is not a JSON object",
    "HSC-S-SCHEMA-URI": "$schema is missing or not a meta-schema the drafts define",
    "HSC-S-MISSING-ID": "the root has no $id",
    "HSC-S-ID-INVALID": "$id is not an absolute URI",
    "HSC-S-MISSING-NAME": "the root has no name",
    "HSC-S-USES-INVALID": "$uses is not an array of strings",
    "HSC-S-USES-UNKNOWN": "$uses names an extension or add-in nobody defines",
    "HSC-S-OFFERS-INVALID": "$offers is not a map of add-in names to JSON Pointers",
    "HSC-S-ROOT-KEYWORD": "a root-only keyword ($schema, $id, $root, definitions, ...) in a schema",
    "HSC-S-ROOT-INVALID": "$root is not a JSON Pointer string",
    "HSC-S-ROOT-UNRESOLVED": "$root does not designate a type declared in definitions",
    "HSC-S-ROOT-AND-TYPE": "the root has both $root and type",
    "HSC-S-ROOT-REF": "the root's type is a $ref",
    "HSC-S-ROOT-UNION": "the root's type is a union (use $root)",
    "HSC-S-DEFINITIONS-NOT-OBJECT": "definitions (or a namespace) is not a JSON object",
    "HSC-S-SCHEMA-NOT-OBJECT": "a schema position holds something other than a JSON object",
    "HSC-S-MISSING-TYPE": "a schema has no type",
    "HSC-S-UNKNOWN-TYPE": "type names no type of the core draft",
    "HSC-S-TYPE-INVALID": 'type is not a type name, a {"$ref": ...} or a non-empty union',
    "HSC-S-UNION-INLINE-COMPOUND": "a type union declares an object, tuple or choice inline",
    "HSC-S-REF-OUTSIDE-TYPE": "$ref used directly in a schema instead of inside type",
    "HSC-S-REF-UNRESOLVED": "$ref or $extends points to nowhere",
    "HSC-S-REF-NOT-TYPE": "$ref or $extends points to something that is not a type declaration",
    "HSC-S-REF-CIRCULAR": "a cycle of $ref or $extends that never reaches a concrete type",
    "HSC-S-ABSTRACT-INVALID": "abstract is not a boolean",
    "HSC-S-ABSTRACT-TYPE": "abstract on a type other than object or tuple",
    "HSC-S-ABSTRACT-INLINE": "an abstract type declared outside definitions",
    "HSC-S-ABSTRACT-REF": "an abstract type used through $ref or $root",
    "HSC-S-ABSTRACT-ADDITIONAL-PROPERTIES": "additionalProperties on an abstract type",
    "HSC-S-EXTENDS-INVALID": "$extends is not a JSON Pointer or a non-empty array of them",
    "HSC-S-EXTENDS-TYPE": "$extends on a type other than object, tuple or choice",
    "HSC-S-EXTENDS-NOT-ABSTRACT": "$extends names a base type that is not abstract",
    "HSC-S-EXTENDS-REDEFINES": "a property redefines one inherited through $extends",
    "HSC-S-CHOICE-CHOICES": "a choice without a non-empty choices map",
    "HSC-S-CHOICE-SELECTOR": "an inline union ($extends on a choice) without a string selector",
    "HSC-S-CHOICE-BASE": "an inline union's choice does not extend the union's base type",
    "HSC-S-KEYWORD-TYPE": "a structural keyword (properties, items, values, ...) on the wrong type",
    "HSC-S-PROPERTIES-NOT-OBJECT": "properties is not a JSON object",
    "HSC-S-OBJECT-WITHOUT-PROPERTIES": "an object declares no property",
    "HSC-S-IDENTIFIER": "a property or type name outside [A-Za-z_][A-Za-z0-9_]*",
    "HSC-S-REQUIRED-NOT-ARRAY": "required is not an array of names or of arrays of names",
    "HSC-S-REQUIRED-UNDECLARED": "required names a property that is not declared",
    "HSC-S-ADDITIONAL-PROPERTIES": "additionalProperties is neither a boolean nor a schema",
    "HSC-S-ARRAY-ITEMS": "an array or set without an items schema",
    "HSC-S-MAP-VALUES": "a map without a values schema",
    "HSC-S-TUPLE-PROPERTIES": "a tuple without properties",
    "HSC-S-TUPLE-ORDER": "a tuple without a tuple order naming exactly its properties",
    "HSC-S-ENUM-NOT-ARRAY": "enum is not an array",
    "HSC-S-ENUM-EMPTY": "enum is empty",
    "HSC-S-ENUM-DUPLICATE": "enum repeats a value",
    "HSC-S-ENUM-TYPE": "an enum value is not of the schema's type, or enum on a non-primitive",
    "HSC-S-ENUM-UNION": "enum with a type union",
    "HSC-S-CONST-TYPE": "const is not of the schema's type, or const on a non-primitive",
    "HSC-S-CONSTRAINT-TYPE": "a constraint on a type it does not apply to",
    "HSC-S-CONSTRAINT-VALUE": "a constraint value of the wrong form or out of the type's range",
    "HSC-S-NEGATIVE-COUNT": "a length, count or size constraint is negative",
    "HSC-S-MIN-GT-MAX": "a lower bound above its upper bound: no value can match",
    "HSC-S-MULTIPLE-OF": "multipleOf is not positive",
    "HSC-S-PATTERN": "a pattern is not a valid regular expression",
    "HSC-S-PATTERN-UNSUPPORTED": "a valid ECMAScript pattern the linear-time engine refuses",
    "HSC-S-FORMAT-UNKNOWN": "format names no format of the Validation extension",
    "HSC-S-COMPOSITION-NOT-ARRAY": "allOf, anyOf or oneOf is not an array",
    "HSC-S-COMPOSITION-EMPTY": "allOf, anyOf or oneOf is empty",
    "HSC-S-EXTENSION-NOT-ENABLED": "an extension keyword in a document that does not enable it",
    "HSC-PUB-BARE-REF": "published: a bare $ref schema accepted as the referenced type",
    "HSC-PUB-EXAMPLE-KEYWORD": "the singular example keyword (a custom annotation)",
    "HSC-PUB-MISSING-ID": "published: a document without $id accepted",
    "HSC-PUB-SCHEMA-URI": "published: $schema draft/2020-12 accepted as core v0",
    "HSC-PUB-OPEN-OBJECT": "published: an object without properties accepted as an open object",
    "HSC-PUB-EMAIL-TYPE": "published: type email read as a string with format email",
}

_ROOT_ONLY = ("$schema", "$id", "$root", "definitions", "$uses", "$offers")
_IMPORT_KEYWORDS = frozenset({"$import", "$importdefs"})
_NAMED_COMPOUNDS = frozenset({"object", "tuple", "choice"})
_IDENTIFIER = re.compile(kw.IDENTIFIER_PATTERN)
_INTEGER_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_META_HOSTS = ("https://json-structure.github.io/", "https://json-structure.org/")
#: Names ``$uses`` may hold in a schema document besides the two enabling extensions.
_KNOWN_USES = kw.VALIDATION_EXTENSION_NAMES | kw.COMPOSITION_EXTENSION_NAMES

#: Structural keywords of the core draft and the types they belong to.
_STRUCTURAL: Mapping[str, frozenset[str]] = {
    "properties": frozenset({"object", "tuple"}),
    "required": frozenset({"object"}),
    "additionalProperties": frozenset({"object"}),
    "items": frozenset({"array", "set"}),
    "values": frozenset({"map"}),
    "choices": frozenset({"choice"}),
    "selector": frozenset({"choice"}),
    "tuple": frozenset({"tuple"}),
}
#: Constraint keywords and the types they apply to. ``maxLength`` is core; ``uniqueItems``
#: on a set restates what a set already means, so it is accepted there.
_CONSTRAINTS: Mapping[str, frozenset[str]] = {
    **kw.VALIDATION_KEYWORDS,
    "maxLength": frozenset({"string"}),
    "uniqueItems": frozenset({"array", "set"}),
}
#: The content keywords are core annotations on ``binary``: no extension needed there.
_CORE_ON_BINARY = frozenset({"contentEncoding", "contentMediaType", "contentCompression"})
_COUNTS = (
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minContains", "maxContains"),
    ("minProperties", "maxProperties"),
    ("minEntries", "maxEntries"),
)
_COUNT_KEYWORDS = frozenset(name for pair in _COUNTS for name in pair)
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_ENCODINGS = frozenset({"base64", "base64url", "base16", "base32", "base32hex"})
_COMPRESSIONS = frozenset({"gzip", "deflate", "zlib", "brotli"})
_SCHEMA_ARRAYS = ("allOf", "anyOf", "oneOf")
_SCHEMA_SINGLES = ("not", "if", "then", "else")
#: Slots whose schema may be a non-schema (no type): composition members.
_NON_SCHEMA_SLOTS = frozenset({"member"})
#: Slots where ``published`` accepts a bare ``{"$ref": ...}``.
_BARE_REF_SLOTS = frozenset({"property", "items", "additionalProperties", "values"})
#: Keywords that make a definitions member a (typeless) schema rather than a namespace.
_SCHEMA_MARKERS = frozenset(
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


@dataclass(frozen=True)
class _Visit:
    """A node waiting to be checked: a schema in a slot, or a namespace."""

    node: Any
    pointer: str
    slot: str


@dataclass(frozen=True)
class _Kind:
    """What a schema's ``type`` says: one concrete type name, a union, or nothing known.

    ``reference`` is set for ``type: {"$ref": ...}``: ``name`` is then the referenced
    type's, and the structure belongs to the declaration, not to the reference.
    """

    name: str | None = None
    union: bool = False
    declared: bool = False
    reference: bool = False


@dataclass(frozen=True)
class _Target:
    """Where a reference lands: ``local`` (with the pointer), ``elsewhere``, ``unresolved``."""

    status: str
    pointer: str = ""


def lint_document(
    document: Mapping[str, Any],
    *,
    file: str,
    profile: str = kw.STRICT,
    resolved_elsewhere: Collection[str] = (),
) -> list[Finding]:
    """Every conformance problem of a JSON Structure document (depth-first order).

    ``resolved_elsewhere`` holds the JSON Pointers of objects whose ``$ref`` the pack
    resolved into another document: those references are not "to nowhere".
    """
    if profile not in kw.PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {kw.PROFILES}")
    return _Linter(document, file, profile, frozenset(resolved_elsewhere)).run()


def is_known_meta_schema(uri: str) -> bool:
    """Whether ``$schema`` names a meta-schema the drafts define (empty fragment ignored)."""
    normal = uri.rstrip("#") + "#"
    for host in _META_HOSTS:
        if normal.startswith(host):
            normal = "https://json-structure.org/" + normal[len(host) :]
    return normal in kw.KNOWN_META_SCHEMAS


class _Linter:
    """One lint run: the document, the findings so far, the reference graphs."""

    def __init__(self, document: Any, file: str, profile: str, elsewhere: frozenset[str]) -> None:
        self.document = document
        self.file = file
        self.published = profile == kw.PUBLISHED
        self.elsewhere = elsewhere
        self.findings: list[Finding] = []
        self.stack: list[_Visit] = []
        self.pending: list[_Visit] = []
        #: schema pointer -> (local targets of its type references, grounded on its own)
        self.aliases: dict[str, tuple[list[str], bool]] = {}
        #: schema pointer -> local targets of its $extends
        self.extends: dict[str, list[str]] = {}
        #: type-reference chains already followed: pointer -> concrete type name at the end
        self.ends: dict[str, str | None] = {}
        self.validation_on = False
        self.composition_on = False

    # -- output ---------------------------------------------------------------------------

    def emit(
        self,
        code: str,
        pointer: str,
        message: str,
        *,
        keyword: str | None = None,
        severity: Severity = ERROR,
        hint: str | None = None,
    ) -> None:
        """Record one finding at ``pointer``."""
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=message,
                instance="",
                schema=SchemaLocation(self.file, pointer),
                keyword=keyword,
                variant=VARIANT,
                source=None,
                hint=hint,
            )
        )

    def push(self, visits: Iterable[_Visit]) -> None:
        """Queue the sub-schemas of the node being checked (depth-first, in order)."""
        self.pending.extend(visits)

    def flush(self) -> None:
        """Move the queued sub-schemas onto the stack, first one on top."""
        self.stack.extend(reversed(self.pending))
        self.pending.clear()

    # -- driver ---------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        """Check the root, then every queued node, then the reference graphs."""
        if not isinstance(self.document, Mapping):
            self.emit(
                "HSC-S-ROOT-NOT-OBJECT",
                "",
                f"a JSON Structure document is a JSON object, not {_kind_of(self.document)}",
            )
            return self.findings
        self.validation_on, self.composition_on = kw.enabled_extensions(self.document)
        self.root(self.document)
        self.flush()
        while self.stack:
            visit = self.stack.pop()
            if visit.slot == "namespace":
                self.namespace(visit.node, visit.pointer)
            else:
                self.schema(visit)
            self.flush()
        self.cycles()
        return self.findings

    # -- the root -------------------------------------------------------------------------

    def root(self, doc: Mapping[str, Any]) -> None:
        """The document-level keywords, then the root type and the definitions."""
        self.schema_uri(doc)
        self.identifier(doc)
        self.name(doc)
        self.uses(doc)
        self.offers(doc)
        self.root_ref(doc)
        if "type" in doc or "$ref" in doc:
            self.root_type(doc)
        elif self.root_declares_nothing(doc):
            self.emit(
                "HSC-S-MISSING-TYPE",
                "",
                "the root declares no type: give it a type, or a $root and definitions",
                keyword="type",
            )
        else:
            self.schema(_Visit(doc, "", "root-non-schema"))
        if "definitions" in doc:
            definitions = doc["definitions"]
            if isinstance(definitions, Mapping):
                self.push([_Visit(definitions, "/definitions", "namespace")])
            else:
                self.emit(
                    "HSC-S-DEFINITIONS-NOT-OBJECT",
                    "/definitions",
                    f"definitions must be a JSON object of types and namespaces, "
                    f"not {_kind_of(definitions)}",
                    keyword="definitions",
                )

    def root_declares_nothing(self, doc: Mapping[str, Any]) -> bool:
        """A typeless root must at least offer definitions, a $root or a composition."""
        if any(key in doc for key in ("properties", "items", "values", "choices", "tuple")):
            return True
        composed = any(key in doc for key in (*_SCHEMA_ARRAYS, *_SCHEMA_SINGLES))
        return not ("$root" in doc or "definitions" in doc or composed)

    def root_type(self, doc: Mapping[str, Any]) -> None:
        """A root that declares its own type: no $root beside it, no $ref or union inside."""
        declared = doc.get("type")
        if "$root" in doc:
            self.emit(
                "HSC-S-ROOT-AND-TYPE",
                "/$root",
                "$root and type are mutually exclusive at the root",
                keyword="$root",
            )
        if isinstance(declared, Mapping):
            self.emit(
                "HSC-S-ROOT-REF",
                "/type",
                "the root's type must not be a $ref: point $root at the type instead",
                keyword="$ref",
            )
        elif isinstance(declared, list):
            self.emit(
                "HSC-S-ROOT-UNION",
                "/type",
                "the root's type must not be a union: declare the union in definitions "
                "and point $root at it",
                keyword="type",
            )
        self.push([_Visit(doc, "", "root")])

    def schema_uri(self, doc: Mapping[str, Any]) -> None:
        """$schema must name a meta-schema of the drafts."""
        if "$schema" not in doc:
            self.emit("HSC-S-SCHEMA-URI", "", "the root has no $schema", keyword="$schema")
            return
        uri = doc["$schema"]
        if isinstance(uri, str) and is_known_meta_schema(uri):
            return
        if self.published and isinstance(uri, str) and uri.rstrip("#") == PUBLISHED_SCHEMA_URI:
            self.emit(
                "HSC-PUB-SCHEMA-URI",
                "/$schema",
                f"$schema {_show(uri)} is no meta-schema of the drafts; read as core v0 "
                "(https://json-structure.org/meta/core/v0/#)",
                keyword="$schema",
                severity=WARNING,
            )
            return
        self.emit(
            "HSC-S-SCHEMA-URI",
            "/$schema",
            f"$schema {_show(uri)} is not a meta-schema the drafts define "
            f"({', '.join(sorted(kw.KNOWN_META_SCHEMAS))})",
            keyword="$schema",
        )

    def identifier(self, doc: Mapping[str, Any]) -> None:
        """$id is required and must be an absolute URI."""
        if "$id" not in doc:
            if self.published:
                self.emit(
                    "HSC-PUB-MISSING-ID",
                    "",
                    "the document has no $id; accepted, identified by its file",
                    keyword="$id",
                    severity=WARNING,
                )
            else:
                self.emit("HSC-S-MISSING-ID", "", "the root has no $id", keyword="$id")
            return
        value = doc["$id"]
        if not _is_absolute_uri(value):
            self.emit(
                "HSC-S-ID-INVALID",
                "/$id",
                f"$id {_show(value)} is not an absolute URI",
                keyword="$id",
            )

    def name(self, doc: Mapping[str, Any]) -> None:
        """The root needs a string name; a type name should be an identifier."""
        value = doc.get("name")
        if not isinstance(value, str):
            where = "/name" if "name" in doc else ""
            self.emit("HSC-S-MISSING-NAME", where, "the root needs a string name", keyword="name")
            return
        self.check_identifier(value, "/name", "type name")

    def uses(self, doc: Mapping[str, Any]) -> None:
        """$uses is an array of extension or add-in names; unknown ones are suspicious."""
        if "$uses" not in doc:
            return
        value = doc["$uses"]
        if not isinstance(value, list):
            self.emit(
                "HSC-S-USES-INVALID", "/$uses", "$uses must be an array of names", keyword="$uses"
            )
            return
        offered = doc.get("$offers")
        known = _KNOWN_USES | (set(offered) if isinstance(offered, Mapping) else set())
        for index, entry in enumerate(value):
            pointer = f"/$uses/{index}"
            if not isinstance(entry, str):
                self.emit(
                    "HSC-S-USES-INVALID", pointer, "a $uses entry must be a string", keyword="$uses"
                )
            elif entry not in known and not entry.startswith("#"):
                self.emit(
                    "HSC-S-USES-UNKNOWN",
                    pointer,
                    f"$uses names {entry!r}, which is neither an extension "
                    f"({', '.join(sorted(_KNOWN_USES))}) nor an add-in of $offers",
                    keyword="$uses",
                    severity=WARNING,
                )

    def offers(self, doc: Mapping[str, Any]) -> None:
        """$offers maps add-in names to JSON Pointers (or arrays of them) in this document."""
        if "$offers" not in doc:
            return
        value = doc["$offers"]
        if not isinstance(value, Mapping):
            self.emit(
                "HSC-S-OFFERS-INVALID",
                "/$offers",
                "$offers must map add-in names to JSON Pointers",
                keyword="$offers",
            )
            return
        for name, refs in value.items():
            pointer = "/$offers/" + escape_pointer_token(name)
            entries = [refs] if isinstance(refs, str) else refs
            if not (
                isinstance(entries, list) and entries and all(isinstance(e, str) for e in entries)
            ):
                self.emit(
                    "HSC-S-OFFERS-INVALID",
                    pointer,
                    "an add-in must be a JSON Pointer or an array of them",
                    keyword="$offers",
                )
                continue
            for index, ref in enumerate(entries):
                at = pointer if isinstance(refs, str) else f"{pointer}/{index}"
                self.reference(ref, "$offers", at=at, holder=at)

    def root_ref(self, doc: Mapping[str, Any]) -> None:
        """$root points at a type declared in definitions."""
        if "$root" not in doc:
            return
        value = doc["$root"]
        if not isinstance(value, str):
            self.emit(
                "HSC-S-ROOT-INVALID",
                "/$root",
                "$root must be a JSON Pointer string",
                keyword="$root",
            )
            return
        target = _resolve(doc, value)
        if target is None or not target[1] or not _is_declaration(doc, *target):
            self.emit(
                "HSC-S-ROOT-UNRESOLVED",
                "/$root",
                f"$root {value!r} does not designate a type declared in definitions",
                keyword="$root",
            )
            return
        if target[0].get("abstract") is True:
            self.emit(
                "HSC-S-ABSTRACT-REF",
                "/$root",
                f"$root {value!r} designates an abstract type",
                keyword="$root",
            )

    # -- namespaces -----------------------------------------------------------------------

    def namespace(self, node: Mapping[str, Any], pointer: str) -> None:
        """Each member of a namespace is a type declaration or a nested namespace."""
        visits: list[_Visit] = []
        for name, member in node.items():
            if name in _IMPORT_KEYWORDS:
                continue
            at = f"{pointer}/{escape_pointer_token(name)}"
            self.check_identifier(name, at, "type or namespace name")
            if not isinstance(member, Mapping):
                self.emit(
                    "HSC-S-SCHEMA-NOT-OBJECT",
                    at,
                    f"{name!r} in definitions must be a type declaration or a namespace "
                    f"(a JSON object), not {_kind_of(member)}",
                )
            elif _is_namespace(member):
                visits.append(_Visit(member, at, "namespace"))
            else:
                visits.append(_Visit(member, at, "definition"))
        self.push(visits)

    # -- schemas --------------------------------------------------------------------------

    def schema(self, visit: _Visit) -> None:
        """Every check of one schema; its sub-schemas are queued, not recursed into."""
        node, pointer = visit.node, visit.pointer
        if not isinstance(node, Mapping):
            self.emit(
                "HSC-S-SCHEMA-NOT-OBJECT",
                pointer,
                f"a schema must be a JSON object, not {_kind_of(node)}",
            )
            return
        if pointer:
            self.root_only(node, pointer)
        if "example" in node:
            self.emit(
                "HSC-PUB-EXAMPLE-KEYWORD",
                f"{pointer}/example",
                "the singular 'example' is no keyword of the drafts (a custom annotation); "
                "the drafts' keyword is 'examples', an array",
                keyword="example",
                severity=WARNING,
            )
        if "$ref" in node:
            self.bare_ref(node, visit)
        kind = self.kind_of(node, visit)
        self.inheritance(node, visit, kind)
        self.structure(node, visit, kind)
        self.constraints(node, pointer, kind)
        self.enum(node, pointer, kind)
        self.const(node, pointer, kind)
        self.compositions(node, pointer)

    def root_only(self, node: Mapping[str, Any], pointer: str) -> None:
        """Document-level keywords have no meaning inside a schema."""
        for key in _ROOT_ONLY:
            if key in node:
                self.emit(
                    "HSC-S-ROOT-KEYWORD",
                    f"{pointer}/{escape_pointer_token(key)}",
                    f"{key} may only be used at the root of the document",
                    keyword=key,
                )

    def bare_ref(self, node: Mapping[str, Any], visit: _Visit) -> None:
        """``{"$ref": ...}`` as a schema: the drafts only allow $ref inside type."""
        pointer = visit.pointer
        target = self.reference(node["$ref"], "$ref", at=f"{pointer}/$ref", holder=pointer)
        if target.status == "local":
            self.aliases[pointer] = ([target.pointer], "type" in node)
        accepted = (
            self.published
            and visit.slot in _BARE_REF_SLOTS
            and "type" not in node
            and target.status != "unresolved"
        )
        if accepted:
            self.emit(
                "HSC-PUB-BARE-REF",
                pointer,
                f"bare $ref {_show(node['$ref'])} used as a {visit.slot} schema; accepted as "
                f'{{"type": {{"$ref": ...}}}}',
                keyword="$ref",
                severity=WARNING,
            )
        elif not (self.published and target.status == "unresolved"):
            self.emit(
                "HSC-S-REF-OUTSIDE-TYPE",
                pointer,
                "$ref is only allowed inside type: write "
                f'{{"type": {{"$ref": {_show(node["$ref"])}}}}}',
                keyword="$ref",
            )

    def kind_of(self, node: Mapping[str, Any], visit: _Visit) -> _Kind:
        """Check ``type`` and say what it declares."""
        if "type" not in node:
            typeless_ok = visit.slot in _NON_SCHEMA_SLOTS or visit.slot == "root-non-schema"
            composed = any(key in node for key in (*_SCHEMA_ARRAYS, *_SCHEMA_SINGLES))
            if "$ref" not in node and not typeless_ok and not composed:
                self.emit(
                    "HSC-S-MISSING-TYPE",
                    visit.pointer,
                    "a schema must declare a type",
                    keyword="type",
                )
            return _Kind()
        declared = node["type"]
        at = f"{visit.pointer}/type"
        if isinstance(declared, str):
            return _Kind(name=self.type_name(declared, at), declared=True)
        if isinstance(declared, Mapping):
            name = self.type_ref(declared, at, visit.pointer)
            return _Kind(name=name, declared=True, reference=True)
        if isinstance(declared, list) and declared:
            self.union(declared, at, visit.pointer)
            return _Kind(union=True, declared=True)
        self.emit(
            "HSC-S-TYPE-INVALID",
            at,
            'type must be a type name, {"$ref": ...} or a non-empty array of them, '
            f"not {_kind_of(declared)}",
            keyword="type",
        )
        return _Kind(declared=True)

    def type_name(self, name: str, at: str) -> str | None:
        """A type name of the core draft, or ``None`` after reporting it."""
        if name in kw.ALL_TYPES:
            return name
        if name == "email" and self.published:
            self.emit(
                "HSC-PUB-EMAIL-TYPE",
                at,
                "'email' is no type of the drafts; read as a string with format email",
                keyword="type",
                severity=WARNING,
            )
            return "string"
        hint = 'write "type": "string" with "format": "email"' if name == "email" else None
        self.emit(
            "HSC-S-UNKNOWN-TYPE",
            at,
            f"unknown type {name!r}",
            keyword="type",
            hint=hint,
        )
        return None

    def type_ref(self, declared: Mapping[str, Any], at: str, holder: str) -> str | None:
        """``type: {"$ref": ...}``: resolve it and say which concrete type it leads to."""
        if "$ref" not in declared or set(declared) - {"$ref", "description"}:
            self.emit(
                "HSC-S-TYPE-INVALID",
                at,
                'a type reference is an object with the single member "$ref"',
                keyword="type",
            )
            return None
        target = self.reference(declared["$ref"], "$ref", at=f"{at}/$ref", holder=at)
        if target.status != "local":
            self.aliases[holder] = ([], True)
            return None
        self.aliases[holder] = ([target.pointer], False)
        return self.concrete(target.pointer)

    def union(self, members: list[Any], at: str, holder: str) -> None:
        """A union holds primitive names and type references, never inline named compounds."""
        targets: list[str] = []
        grounded = False
        visits: list[_Visit] = []
        for index, member in enumerate(members):
            where = f"{at}/{index}"
            if isinstance(member, str):
                grounded = True
                name = self.type_name(member, where)
                if name in kw.COMPOUND_TYPES and name != "any":
                    self.inline_compound(where, name)
            elif isinstance(member, Mapping) and "type" in member:
                grounded = True
                inline = member["type"]
                if not isinstance(inline, str) or inline in _NAMED_COMPOUNDS:
                    self.inline_compound(where, inline)
                else:
                    visits.append(_Visit(member, where, "union"))
            elif isinstance(member, Mapping) and "$ref" in member:
                target = self.reference(member["$ref"], "$ref", at=f"{where}/$ref", holder=where)
                if target.status == "local":
                    targets.append(target.pointer)
                else:
                    grounded = True
            else:
                grounded = True
                self.emit(
                    "HSC-S-TYPE-INVALID",
                    where,
                    f'a union member must be a type name or {{"$ref": ...}}, '
                    f"not {_kind_of(member)}",
                    keyword="type",
                )
        self.aliases[holder] = (targets, grounded)
        self.push(visits)

    def inline_compound(self, where: str, name: Any) -> None:
        """Report a compound type declared inside a union."""
        self.emit(
            "HSC-S-UNION-INLINE-COMPOUND",
            where,
            f"a type union must not declare the compound type {_show(name)} inline: "
            "declare it in definitions and reference it",
            keyword="type",
        )

    # -- references -----------------------------------------------------------------------

    def reference(self, ref: Any, keyword: str, *, at: str, holder: str) -> _Target:
        """Resolve a $ref/$extends/$offers pointer in this document, reporting what fails.

        ``holder`` is the pointer of the object holding the reference (what the pack lists
        in ``resolved_elsewhere``); ``at`` is where a finding goes.
        """
        if not isinstance(ref, str):
            self.emit(
                "HSC-S-REF-UNRESOLVED",
                at,
                f"{keyword} must be a JSON Pointer string, not {_kind_of(ref)}",
                keyword=keyword,
            )
            return _Target("unresolved")
        found = _resolve(self.document, ref)
        if found is None:
            if holder in self.elsewhere:
                return _Target("elsewhere")
            if _imported(self.document, ref):
                return _Target("elsewhere")
            self.emit(
                "HSC-S-REF-UNRESOLVED",
                at,
                f"{keyword} {ref!r} points to nowhere in this document",
                keyword=keyword,
            )
            return _Target("unresolved")
        node, target = found
        if not _is_declaration(self.document, node, target):
            self.emit(
                "HSC-S-REF-NOT-TYPE",
                at,
                f"{keyword} {ref!r} must point to a type declared in definitions",
                keyword=keyword,
            )
            return _Target("unresolved")
        if keyword == "$ref" and node.get("abstract") is True:
            self.emit(
                "HSC-S-ABSTRACT-REF",
                at,
                f"{ref!r} is abstract: use it through $extends, not $ref",
                keyword=keyword,
            )
        return _Target("local", target)

    def concrete(self, pointer: str) -> str | None:
        """The concrete type name a chain of type references ends at, if there is one.

        Every pointer on the chain ends at the same place, so all of them are memoized:
        a long chain costs its length once, not once per reference into it.
        """
        chain: list[str] = []
        result: str | None = None
        current: str | None = pointer
        while current is not None and current not in self.ends:
            if current in chain:
                break  # a cycle: no concrete type at the end
            chain.append(current)
            current, result = self.step(current)
        else:
            if current is not None:
                result = self.ends[current]
        for each in chain:
            self.ends[each] = result
        return result

    def step(self, pointer: str) -> tuple[str | None, str | None]:
        """One link of a type-reference chain: (next pointer, None) or (None, type name)."""
        found = _resolve(self.document, "#" + pointer)
        node = found[0] if found else None
        if not isinstance(node, Mapping):
            return None, None
        declared = node.get("type", node if "$ref" in node else None)
        if isinstance(declared, str):
            if declared == "email" and self.published:
                return None, "string"
            return None, declared if declared in kw.ALL_TYPES else None
        if not (isinstance(declared, Mapping) and isinstance(declared.get("$ref"), str)):
            return None, None
        target = _resolve(self.document, declared["$ref"])
        return (None, None) if target is None else (target[1], None)

    # -- inheritance ----------------------------------------------------------------------

    def inheritance(self, node: Mapping[str, Any], visit: _Visit, kind: _Kind) -> None:
        """``abstract`` and ``$extends``."""
        pointer = visit.pointer
        if "abstract" in node:
            self.abstract(node, visit, kind)
        if "$extends" not in node:
            return
        at = f"{pointer}/$extends"
        if kind.union or (kind.name is not None and kind.name not in {"object", "tuple", "choice"}):
            self.emit(
                "HSC-S-EXTENDS-TYPE",
                at,
                "$extends is only allowed on object, tuple and choice types",
                keyword="$extends",
            )
        value = node["$extends"]
        refs = [value] if isinstance(value, str) else value
        if not (isinstance(refs, list) and refs and all(isinstance(r, str) for r in refs)):
            self.emit(
                "HSC-S-EXTENDS-INVALID",
                at,
                "$extends must be a JSON Pointer or a non-empty array of JSON Pointers",
                keyword="$extends",
            )
            return
        bases: list[str] = []
        for index, ref in enumerate(refs):
            where = at if isinstance(value, str) else f"{at}/{index}"
            target = self.reference(ref, "$extends", at=where, holder=pointer)
            if target.status != "local":
                continue
            bases.append(target.pointer)
            self.base(node, target.pointer, where, kind)
        self.extends[pointer] = bases
        self.redefinitions(node, pointer, bases)

    def abstract(self, node: Mapping[str, Any], visit: _Visit, kind: _Kind) -> None:
        """Abstract types are objects or tuples declared in definitions."""
        at = f"{visit.pointer}/abstract"
        value = node["abstract"]
        if not isinstance(value, bool):
            self.emit(
                "HSC-S-ABSTRACT-INVALID", at, "abstract must be true or false", keyword="abstract"
            )
            return
        if not value:
            return
        if kind.union or (kind.name is not None and kind.name not in {"object", "tuple"}):
            self.emit(
                "HSC-S-ABSTRACT-TYPE",
                at,
                "abstract is only allowed on object and tuple types",
                keyword="abstract",
            )
        if visit.slot != "definition":
            self.emit(
                "HSC-S-ABSTRACT-INLINE",
                at,
                "an abstract type is only usable from definitions, through $extends",
                keyword="abstract",
            )
        if "additionalProperties" in node:
            self.emit(
                "HSC-S-ABSTRACT-ADDITIONAL-PROPERTIES",
                f"{visit.pointer}/additionalProperties",
                "additionalProperties must not be used on an abstract type (it is implicitly true)",
                keyword="additionalProperties",
            )

    def base(self, node: Mapping[str, Any], base: str, where: str, kind: _Kind) -> None:
        """A base type must be abstract, except for an abstract add-in extending a concrete type."""
        found = _resolve(self.document, "#" + base)
        target = found[0] if found else None
        if not isinstance(target, Mapping) or target.get("abstract") is True:
            return
        if node.get("abstract") is True and kind.name != "choice":
            return  # an add-in type
        self.emit(
            "HSC-S-EXTENDS-NOT-ABSTRACT",
            where,
            f"$extends names {'#' + base!r}, which is not abstract",
            keyword="$extends",
        )

    def redefinitions(self, node: Mapping[str, Any], pointer: str, bases: list[str]) -> None:
        """An extending type must not redefine an inherited property."""
        own = node.get("properties")
        if not isinstance(own, Mapping) or not bases:
            return
        inherited: set[str] = set()
        for base in bases:
            found = _resolve(self.document, "#" + base)
            names = self.declared(found[0], base) if found else None
            inherited |= names or set()
        for name in own:
            if name in inherited:
                self.emit(
                    "HSC-S-EXTENDS-REDEFINES",
                    f"{pointer}/properties/{escape_pointer_token(name)}",
                    f"property {name!r} is inherited through $extends and must not be redefined",
                    keyword="properties",
                )

    def declared(self, node: Any, pointer: str) -> set[str] | None:
        """Property names of a type and all its bases; ``None`` when a base is unknown."""
        names: set[str] = set()
        todo: list[tuple[Any, str]] = [(node, pointer)]
        seen: set[str] = set()
        while todo:
            current, at = todo.pop()
            if at in seen or not isinstance(current, Mapping):
                continue
            seen.add(at)
            properties = current.get("properties")
            if isinstance(properties, Mapping):
                names.update(properties)
            for ref in _extends_refs(current):
                found = _resolve(self.document, ref) if isinstance(ref, str) else None
                if found is None:
                    return None
                todo.append(found)
        return names

    # -- structure ------------------------------------------------------------------------

    def structure(self, node: Mapping[str, Any], visit: _Visit, kind: _Kind) -> None:
        """The structural keywords of the declared type, and none of the others."""
        name = kind.name
        if kind.reference:
            self.reference_structure(node, visit.pointer)
            return
        if name == "object":
            self.object(node, visit)
        elif name == "tuple":
            self.tuple(node, visit)
        elif name in ("array", "set"):
            self.collection(node, visit, "items", "HSC-S-ARRAY-ITEMS")
        elif name == "map":
            self.collection(node, visit, "values", "HSC-S-MAP-VALUES")
        elif name == "choice":
            self.choice(node, visit)
        elif not kind.declared:
            # a typeless composition member: its required may name the enclosing
            # schema's properties, so they are only checked against its own, if any
            self.properties(node, visit.pointer)
            self.required(node, visit.pointer, own_only="properties" not in node)
        if name is None and not kind.union:
            return
        for key, types in _STRUCTURAL.items():
            if key in node and (kind.union or name not in types):
                self.emit(
                    "HSC-S-KEYWORD-TYPE",
                    f"{visit.pointer}/{key}",
                    f"{key} belongs to {' and '.join(sorted(types))} types, "
                    f"not to {name or 'a union'}",
                    keyword=key,
                )

    def reference_structure(self, node: Mapping[str, Any], pointer: str) -> None:
        """A type reference uses the referenced declaration as it is: no structure of its own."""
        for key in _STRUCTURAL:
            if key in node:
                self.emit(
                    "HSC-S-KEYWORD-TYPE",
                    f"{pointer}/{key}",
                    f"{key} does not belong beside a type reference: declare it in the "
                    "referenced type (or extend an abstract type with $extends)",
                    keyword=key,
                )

    def object(self, node: Mapping[str, Any], visit: _Visit) -> None:
        """An object declares at least one property (or inherits some)."""
        pointer = visit.pointer
        properties = node.get("properties")
        empty = "properties" not in node or (isinstance(properties, Mapping) and not properties)
        if empty and "$extends" not in node:
            self.open_object(pointer)
        self.properties(node, pointer)
        self.required(node, pointer)
        if "additionalProperties" in node:
            extra = node["additionalProperties"]
            at = f"{pointer}/additionalProperties"
            if isinstance(extra, Mapping):
                self.push([_Visit(extra, at, "additionalProperties")])
            elif not isinstance(extra, bool):
                self.emit(
                    "HSC-S-ADDITIONAL-PROPERTIES",
                    at,
                    f"additionalProperties must be a boolean or a schema, not {_kind_of(extra)}",
                    keyword="additionalProperties",
                )

    def open_object(self, pointer: str) -> None:
        """An object without properties: an error of the drafts, a published habit."""
        if self.published:
            self.emit(
                "HSC-PUB-OPEN-OBJECT",
                pointer,
                "object without properties; accepted as an open object (any members)",
                keyword="properties",
                severity=WARNING,
                hint='the drafts model dynamic members with "type": "map"',
            )
        else:
            self.emit(
                "HSC-S-OBJECT-WITHOUT-PROPERTIES",
                pointer,
                "an object must declare at least one property",
                keyword="properties",
                hint='use "type": "map" with "values" for dynamic members',
            )

    def properties(self, node: Mapping[str, Any], pointer: str) -> None:
        """Queue each property schema; property names are identifiers."""
        if "properties" not in node:
            return
        properties = node["properties"]
        at = f"{pointer}/properties"
        if not isinstance(properties, Mapping):
            self.emit(
                "HSC-S-PROPERTIES-NOT-OBJECT",
                at,
                f"properties must map names to schemas, not be {_kind_of(properties)}",
                keyword="properties",
            )
            return
        visits = []
        for name, schema in properties.items():
            where = f"{at}/{escape_pointer_token(name)}"
            self.check_identifier(name, where, "property name")
            visits.append(_Visit(schema, where, "property"))
        self.push(visits)

    def required(self, node: Mapping[str, Any], pointer: str, *, own_only: bool = False) -> None:
        """``required``: names (or sets of names) of declared properties.

        ``own_only`` skips the declared-name check (nothing here declares the names).
        """
        if "required" not in node:
            return
        value = node["required"]
        at = f"{pointer}/required"
        if not isinstance(value, list):
            self.emit(
                "HSC-S-REQUIRED-NOT-ARRAY",
                at,
                f"required must be an array of property names, not {_kind_of(value)}",
                keyword="required",
            )
            return
        malformed = "properties" in node and not isinstance(node["properties"], Mapping)
        names = None if malformed or own_only else self.declared(node, pointer)
        nested = [isinstance(entry, list) for entry in value]
        if any(nested) and not all(nested):
            self.emit(
                "HSC-S-REQUIRED-NOT-ARRAY",
                at,
                "required is either an array of names or an array of arrays of names",
                keyword="required",
            )
            return
        for index, entry in enumerate(value):
            where = f"{at}/{index}"
            if isinstance(entry, list):
                for inner, item in enumerate(entry):
                    self.required_name(item, f"{where}/{inner}", names)
            else:
                self.required_name(entry, where, names)

    def required_name(self, name: Any, where: str, names: set[str] | None) -> None:
        """One required name: a string that names a declared property."""
        if not isinstance(name, str):
            self.emit(
                "HSC-S-REQUIRED-NOT-ARRAY",
                where,
                f"a required entry must be a property name, not {_kind_of(name)}",
                keyword="required",
            )
        elif names is not None and name not in names:
            self.emit(
                "HSC-S-REQUIRED-UNDECLARED",
                where,
                f"required property {name!r} is not declared in properties",
                keyword="required",
            )

    def tuple(self, node: Mapping[str, Any], visit: _Visit) -> None:
        """A tuple: named properties and the ``tuple`` array that orders all of them."""
        pointer = visit.pointer
        if "properties" not in node and "$extends" not in node:
            self.emit(
                "HSC-S-TUPLE-PROPERTIES",
                pointer,
                "a tuple must declare its elements in properties",
                keyword="properties",
            )
        self.properties(node, pointer)
        if "tuple" not in node:
            self.emit(
                "HSC-S-TUPLE-ORDER",
                pointer,
                "a tuple must give the order of its properties in the tuple keyword",
                keyword="tuple",
            )
            return
        order = node["tuple"]
        at = f"{pointer}/tuple"
        if not (isinstance(order, list) and all(isinstance(n, str) for n in order)):
            self.emit(
                "HSC-S-TUPLE-ORDER", at, "tuple must be an array of property names", keyword="tuple"
            )
            return
        malformed = "properties" in node and not isinstance(node["properties"], Mapping)
        names = None if malformed else self.declared(node, pointer)
        if names is None:
            return
        for index, name in enumerate(order):
            if name not in names or name in order[:index]:
                problem = "is listed twice" if name in names else "is not a declared property"
                self.emit(
                    "HSC-S-TUPLE-ORDER", f"{at}/{index}", f"{name!r} {problem}", keyword="tuple"
                )
        missing = sorted(names - set(order))
        if missing:
            self.emit(
                "HSC-S-TUPLE-ORDER",
                at,
                f"tuple must list every property; missing {', '.join(missing)}",
                keyword="tuple",
            )

    def collection(self, node: Mapping[str, Any], visit: _Visit, key: str, code: str) -> None:
        """``items`` of an array/set, ``values`` of a map: a schema is required."""
        if key not in node:
            self.emit(
                code,
                visit.pointer,
                f"a {node.get('type')} must declare its {key} schema",
                keyword=key,
            )
            return
        value = node[key]
        at = f"{visit.pointer}/{key}"
        if isinstance(value, Mapping):
            self.push([_Visit(value, at, key)])
        else:
            self.emit(code, at, f"{key} must be a schema, not {_kind_of(value)}", keyword=key)

    def choice(self, node: Mapping[str, Any], visit: _Visit) -> None:
        """A choice: a non-empty choices map; an inline union also a selector and a base."""
        pointer = visit.pointer
        choices = node.get("choices")
        if not (isinstance(choices, Mapping) and choices):
            where = f"{pointer}/choices" if "choices" in node else pointer
            self.emit(
                "HSC-S-CHOICE-CHOICES",
                where,
                "a choice must map at least one choice name to a schema",
                keyword="choices",
            )
            choices = {}
        visits = []
        for name, schema in choices.items():
            where = f"{pointer}/choices/{escape_pointer_token(name)}"
            self.check_identifier(name, where, "choice name")
            visits.append(_Visit(schema, where, "choice"))
        self.push(visits)
        selector = node.get("selector")
        if ("selector" in node or "$extends" in node) and not isinstance(selector, str):
            where = f"{pointer}/selector" if "selector" in node else pointer
            self.emit(
                "HSC-S-CHOICE-SELECTOR",
                where,
                "an inline union names its selector property with a string selector",
                keyword="selector",
            )
        bases = self.extends.get(pointer)
        if bases:
            self.choice_bases(choices, pointer, bases)

    def choice_bases(self, choices: Mapping[str, Any], pointer: str, bases: list[str]) -> None:
        """Each choice of an inline union is a type that extends the union's base."""
        for name, schema in choices.items():
            where = f"{pointer}/choices/{escape_pointer_token(name)}"
            declared = schema.get("type") if isinstance(schema, Mapping) else None
            ref = declared.get("$ref") if isinstance(declared, Mapping) else None
            found = _resolve(self.document, ref) if isinstance(ref, str) else None
            if found is None:
                if ref is None:
                    self.emit(
                        "HSC-S-CHOICE-BASE",
                        where,
                        "a choice of an inline union must reference a type extending "
                        "the union's base",
                        keyword="choices",
                    )
                continue
            if not set(bases) <= self.ancestors(found[1]):
                self.emit(
                    "HSC-S-CHOICE-BASE",
                    where,
                    f"{ref!r} does not extend the inline union's base type",
                    keyword="choices",
                )

    def ancestors(self, pointer: str) -> set[str]:
        """Every base a type inherits from, directly or not."""
        seen: set[str] = set()
        todo = [pointer]
        while todo:
            found = _resolve(self.document, "#" + todo.pop())
            node = found[0] if found else None
            for ref in _extends_refs(node):
                target = _resolve(self.document, ref) if isinstance(ref, str) else None
                if target is not None and target[1] not in seen:
                    seen.add(target[1])
                    todo.append(target[1])
        return seen

    # -- constraints ----------------------------------------------------------------------

    def constraints(self, node: Mapping[str, Any], pointer: str, kind: _Kind) -> None:
        """Validation keywords: enabled, on a type they apply to, with a sane value."""
        for key in node:
            if key not in _CONSTRAINTS:
                continue
            at = f"{pointer}/{key}"
            self.enabled(key, at, kind)
            allowed = _CONSTRAINTS[key]
            if kind.name is not None and kind.name not in allowed:
                self.emit(
                    "HSC-S-CONSTRAINT-TYPE",
                    at,
                    f"{key} does not apply to {kind.name} (it applies to {_describe(allowed)})",
                    keyword=key,
                )
            self.constraint_value(key, node[key], at, kind)
        self.ranges(node, pointer, kind)

    def enabled(self, key: str, at: str, kind: _Kind) -> None:
        """A validation keyword needs the Validation extension (content* on binary is core)."""
        if key == "maxLength" or self.validation_on:
            return
        if key in _CORE_ON_BINARY and kind.name == "binary":
            return
        self.extension_warning(key, at, "JSONStructureValidation")

    def extension_warning(self, key: str, at: str, extension: str) -> None:
        """One warning per extension keyword the document does not enable."""
        self.emit(
            "HSC-S-EXTENSION-NOT-ENABLED",
            at,
            f"{key} is a keyword of the {extension} extension, which this document does not "
            "enable; it is an annotation here, not a constraint",
            keyword=key,
            severity=WARNING,
            hint=f'add "$uses": ["{extension}"] to the root (with "$schema": '
            '"https://json-structure.org/meta/extended/v0/#"), or use the validation '
            'meta-schema "https://json-structure.org/meta/validation/v0/#"',
        )

    def constraint_value(self, key: str, value: Any, at: str, kind: _Kind) -> None:
        """The value of one constraint keyword has the form the drafts give it."""
        if key in _COUNT_KEYWORDS:
            self.count(key, value, at)
        elif key in _BOUNDS:
            self.bound(key, value, at, kind)
        elif key == "multipleOf":
            number = self.bound(key, value, at, kind)
            if number is not None and number <= 0:
                self.emit(
                    "HSC-S-MULTIPLE-OF",
                    at,
                    f"multipleOf must be positive, not {_show(value)}",
                    keyword=key,
                )
        elif key == "pattern":
            self.pattern(value, at, key)
        elif key in ("patternProperties", "patternKeys"):
            self.pattern_map(key, value, at)
        else:
            self.other_value(key, value, at)

    def count(self, key: str, value: Any, at: str) -> None:
        """Lengths, counts and sizes are non-negative integers."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.emit(
                "HSC-S-CONSTRAINT-VALUE",
                at,
                f"{key} must be a non-negative integer, not {_kind_of(value)}",
                keyword=key,
            )
        elif value < 0:
            self.emit(
                "HSC-S-NEGATIVE-COUNT",
                at,
                f"{key} must not be negative ({_show(value)})",
                keyword=key,
            )

    def bound(self, key: str, value: Any, at: str, kind: _Kind) -> Decimal | None:
        """A numeric bound, as a string for string-encoded types, within the type's range."""
        number = _numeric(value, kind.name)
        if number is None:
            form = "a numeric string" if kind.name in _STRING_NUMERIC else "a number"
            if kind.name is None or kind.name in kw.NUMERIC_TYPES:
                self.emit(
                    "HSC-S-CONSTRAINT-VALUE",
                    at,
                    f"{key} must be {form}, not {_show(value)}",
                    keyword=key,
                )
            return None
        limits = kw.INTEGER_RANGES.get(kind.name or "")
        if limits is not None and number != number.to_integral_value():
            self.emit(
                "HSC-S-CONSTRAINT-VALUE",
                at,
                f"{key} {_show(value)} is not an integer, as {kind.name} values are",
                keyword=key,
            )
        elif limits is not None and not limits[0] <= number <= limits[1]:
            self.emit(
                "HSC-S-CONSTRAINT-VALUE",
                at,
                f"{key} {_show(value)} is outside the range of {kind.name}",
                keyword=key,
            )
        return number

    def pattern(self, value: Any, at: str, key: str) -> None:
        """A regular expression the engine can run."""
        if not isinstance(value, str):
            self.emit(
                "HSC-S-PATTERN", at, f"{key} must be a string, not {_kind_of(value)}", keyword=key
            )
            return
        compiled = compile_pattern(value)
        if compiled.error is None:
            return
        if compiled.unsupported:
            self.emit(
                "HSC-S-PATTERN-UNSUPPORTED", at, f"pattern {value!r} {compiled.error}", keyword=key
            )
        else:
            self.emit(
                "HSC-S-PATTERN",
                at,
                f"pattern {value!r} is not a valid regular expression: {compiled.error}",
                keyword=key,
            )

    def pattern_map(self, key: str, value: Any, at: str) -> None:
        """patternProperties/patternKeys: regular expressions mapped to schemas."""
        if not isinstance(value, Mapping):
            self.emit(
                "HSC-S-CONSTRAINT-VALUE",
                at,
                f"{key} must map patterns to schemas, not be {_kind_of(value)}",
                keyword=key,
            )
            return
        visits = []
        for source, schema in value.items():
            where = f"{at}/{escape_pointer_token(source)}"
            self.pattern(source, where, key)
            visits.append(_Visit(schema, where, "pattern"))
        self.push(visits)

    def other_value(self, key: str, value: Any, at: str) -> None:
        """The remaining keywords: sub-schemas, flags, names and annotations."""
        if key in ("contains", "has", "propertyNames", "keyNames"):
            if not isinstance(value, Mapping):
                self.emit("HSC-S-CONSTRAINT-VALUE", at, f"{key} must be a schema", keyword=key)
                return
            if key in ("propertyNames", "keyNames") and value.get("type", "string") != "string":
                self.emit(
                    "HSC-S-CONSTRAINT-VALUE",
                    at,
                    f"{key} must be a schema of type string",
                    keyword=key,
                )
            self.push([_Visit(value, at, key)])
        elif key == "uniqueItems" and not isinstance(value, bool):
            self.emit(
                "HSC-S-CONSTRAINT-VALUE", at, "uniqueItems must be true or false", keyword=key
            )
        elif key == "dependentRequired" and not _is_name_lists(value):
            self.emit(
                "HSC-S-CONSTRAINT-VALUE",
                at,
                "dependentRequired must map property names to arrays of names",
                keyword=key,
            )
        elif key == "format":
            self.format(value, at)
        elif key in ("contentEncoding", "contentCompression", "contentMediaType"):
            self.content(key, value, at)

    def format(self, value: Any, at: str) -> None:
        """A format name of the Validation extension."""
        if not isinstance(value, str):
            self.emit("HSC-S-CONSTRAINT-VALUE", at, "format must be a string", keyword="format")
        elif value not in kw.FORMATS:
            self.emit(
                "HSC-S-FORMAT-UNKNOWN",
                at,
                f"format {value!r} is not a format of the Validation extension "
                f"({', '.join(sorted(kw.FORMATS))}); it is not checked",
                keyword="format",
                severity=WARNING,
            )

    def content(self, key: str, value: Any, at: str) -> None:
        """contentEncoding/contentCompression take the drafts' names; contentMediaType a type."""
        allowed = {"contentEncoding": _ENCODINGS, "contentCompression": _COMPRESSIONS}.get(key)
        if allowed is not None:
            good = isinstance(value, str) and value in allowed
            expected = ", ".join(sorted(allowed))
        else:
            good = isinstance(value, str) and "/" in value
            expected = "a media type such as application/json"
        if not good:
            self.emit("HSC-S-CONSTRAINT-VALUE", at, f"{key} must be one of {expected}", keyword=key)

    def ranges(self, node: Mapping[str, Any], pointer: str, kind: _Kind) -> None:
        """No lower bound above its upper bound."""
        for low, high in _COUNTS:
            a, b = node.get(low), node.get(high)
            if _is_count(a) and _is_count(b) and a > b:
                self.emit(
                    "HSC-S-MIN-GT-MAX",
                    f"{pointer}/{low}",
                    f"{low} {_show(a)} is greater than {high} {_show(b)}: nothing can match",
                    keyword=low,
                )
        lows = [(k, _numeric(node.get(k), kind.name)) for k in ("minimum", "exclusiveMinimum")]
        highs = [(k, _numeric(node.get(k), kind.name)) for k in ("maximum", "exclusiveMaximum")]
        for low, a in lows:
            for high, b in highs:
                if a is None or b is None:
                    continue
                exclusive = low.startswith("exclusive") or high.startswith("exclusive")
                if a > b or (exclusive and a == b):
                    self.emit(
                        "HSC-S-MIN-GT-MAX",
                        f"{pointer}/{low}",
                        f"{low} {_show(node[low])} and {high} {_show(node[high])} leave no value",
                        keyword=low,
                    )

    # -- enum and const -------------------------------------------------------------------

    def enum(self, node: Mapping[str, Any], pointer: str, kind: _Kind) -> None:
        """enum: a non-empty array of distinct values of the schema's primitive type."""
        if "enum" not in node:
            return
        values = node["enum"]
        at = f"{pointer}/enum"
        if not isinstance(values, list):
            self.emit(
                "HSC-S-ENUM-NOT-ARRAY",
                at,
                f"enum must be an array, not {_kind_of(values)}",
                keyword="enum",
            )
            return
        if not values:
            self.emit("HSC-S-ENUM-EMPTY", at, "enum must list at least one value", keyword="enum")
            return
        if kind.union:
            self.emit(
                "HSC-S-ENUM-UNION", at, "enum must not be used with a type union", keyword="enum"
            )
        elif kind.name in kw.COMPOUND_TYPES:
            self.emit(
                "HSC-S-ENUM-TYPE",
                at,
                f"enum needs a primitive type, not {kind.name}",
                keyword="enum",
            )
        seen: set[Any] = set()
        for index, value in enumerate(values):
            key = _canonical(value)
            if key in seen:
                self.emit(
                    "HSC-S-ENUM-DUPLICATE",
                    f"{at}/{index}",
                    f"enum lists {_show(value)} more than once",
                    keyword="enum",
                )
            seen.add(key)
            if kind.name in kw.PRIMITIVE_TYPES and not _fits(kind.name, value):
                self.emit(
                    "HSC-S-ENUM-TYPE",
                    f"{at}/{index}",
                    f"enum value {_show(value)} is not a {kind.name}",
                    keyword="enum",
                )

    def const(self, node: Mapping[str, Any], pointer: str, kind: _Kind) -> None:
        """const: a value of the schema's primitive type."""
        if "const" not in node:
            return
        value = node["const"]
        at = f"{pointer}/const"
        if kind.name in kw.COMPOUND_TYPES:
            self.emit(
                "HSC-S-CONST-TYPE",
                at,
                f"const needs a primitive type, not {kind.name}",
                keyword="const",
            )
        elif kind.name in kw.PRIMITIVE_TYPES and not _fits(kind.name, value):
            self.emit(
                "HSC-S-CONST-TYPE",
                at,
                f"const {_show(value)} is not a {kind.name}",
                keyword="const",
            )

    # -- composition ----------------------------------------------------------------------

    def compositions(self, node: Mapping[str, Any], pointer: str) -> None:
        """allOf/anyOf/oneOf/not/if/then/else: enabled, and holding schemas."""
        visits: list[_Visit] = []
        for key in (*_SCHEMA_ARRAYS, *_SCHEMA_SINGLES):
            if key not in node:
                continue
            at = f"{pointer}/{key}"
            if not self.composition_on:
                self.extension_warning(key, at, "JSONStructureConditionalComposition")
            value = node[key]
            if key in _SCHEMA_SINGLES:
                visits.append(_Visit(value, at, "member"))
            elif not isinstance(value, list):
                self.emit(
                    "HSC-S-COMPOSITION-NOT-ARRAY",
                    at,
                    f"{key} must be an array of schemas, not {_kind_of(value)}",
                    keyword=key,
                )
            elif not value:
                self.emit(
                    "HSC-S-COMPOSITION-EMPTY",
                    at,
                    f"{key} must hold at least one schema",
                    keyword=key,
                )
            else:
                visits.extend(_Visit(v, f"{at}/{i}", "member") for i, v in enumerate(value))
        self.push(visits)

    # -- names ----------------------------------------------------------------------------

    def check_identifier(self, name: str, pointer: str, what: str) -> None:
        """Property and type names follow the identifier syntax (a warning: data still maps)."""
        if _IDENTIFIER.fullmatch(name):
            return
        self.emit(
            "HSC-S-IDENTIFIER",
            pointer,
            f"{what} {name!r} does not match {kw.IDENTIFIER_PATTERN}",
            severity=WARNING,
            hint="the Alternate Names extension (altnames) maps identifiers to other spellings",
        )

    # -- cycles ---------------------------------------------------------------------------

    def cycles(self) -> None:
        """Report ``$ref`` cycles that never reach a concrete type, and ``$extends`` cycles."""
        grounded = _grounded(self.aliases)
        loose = {
            node: [t for t in targets if t not in grounded]
            for node, (targets, _) in self.aliases.items()
            if node not in grounded
        }
        for node in sorted(_on_cycles(loose)):
            at = f"{node}/type" if "type" in self.at(node) else node
            self.emit(
                "HSC-S-REF-CIRCULAR",
                at,
                "this type reference is part of a $ref cycle that never reaches a concrete type",
                keyword="$ref",
            )
        for node in sorted(_on_cycles(self.extends)):
            self.emit(
                "HSC-S-REF-CIRCULAR",
                f"{node}/$extends",
                "this type is part of an $extends cycle: it inherits from itself",
                keyword="$extends",
            )

    def at(self, pointer: str) -> Mapping[str, Any]:
        """The object at a pointer known to exist (empty if it is not an object)."""
        found = _resolve(self.document, "#" + pointer)
        node = found[0] if found else None
        return node if isinstance(node, Mapping) else {}


# -- helpers --------------------------------------------------------------------------------

_STRING_NUMERIC = kw.STRING_INTEGER_TYPES | frozenset({"decimal"})


def _show(value: Any) -> str:
    """A short JSON rendering of any value for a message; never raises."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (RecursionError, ValueError, TypeError):
        return _kind_of(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_of(value: Any) -> str:
    """The JSON kind of a value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _describe(types: frozenset[str]) -> str:
    """A short list of type names for messages."""
    if types == kw.NUMERIC_TYPES:
        return "numeric types"
    return ", ".join(sorted(types))


def _extends_refs(node: Any) -> list[Any]:
    """The entries of a node's ``$extends`` (one pointer or an array), whatever its form."""
    value = node.get("$extends") if isinstance(node, Mapping) else None
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []


def _is_namespace(node: Mapping[str, Any]) -> bool:
    """In definitions, an object with no schema keyword is a namespace."""
    return not any(key in node for key in _SCHEMA_MARKERS)


def _is_declaration(document: Any, node: Any, pointer: str) -> bool:
    """A type declaration: the typed root, or a schema reached through definitions' namespaces."""
    if not isinstance(node, Mapping):
        return False
    if pointer == "":
        return "type" in node
    tokens = pointer.split("/")[1:]
    if len(tokens) < 2 or tokens[0] != "definitions" or _is_namespace(node):
        return False
    current: Any = document.get("definitions")
    for token in tokens[1:-1]:
        if not isinstance(current, Mapping):
            return False
        current = current.get(unescape_pointer_token(token))
        if not (isinstance(current, Mapping) and _is_namespace(current)):
            return False
    return isinstance(current, Mapping)


def _is_absolute_uri(value: Any) -> bool:
    """An absolute URI: a string with a scheme (``urlsplit`` refuses some malformed ones)."""
    if not isinstance(value, str):
        return False
    try:
        return bool(urlsplit(value).scheme)
    except ValueError:
        return False


def _resolve(document: Any, ref: str) -> tuple[Any, str] | None:
    """The node a ``#/json/pointer`` designates in this document, and its pointer."""
    if not ref.startswith("#"):
        return None
    fragment = unquote(ref[1:])
    if fragment and not fragment.startswith("/"):
        return None
    found, node = resolve_pointer(document, fragment)
    return (node, fragment) if found else None


def _imported(document: Any, ref: str) -> bool:
    """A pointer that leads into a namespace filled by ``$import``/``$importdefs``."""
    if not ref.startswith("#/"):
        return False
    node = document
    for token in unquote(ref[1:]).split("/")[1:]:
        if not isinstance(node, Mapping):
            return False
        if _IMPORT_KEYWORDS & set(node):
            return True
        node = node.get(unescape_pointer_token(token))
    return False


def _grounded(aliases: Mapping[str, tuple[list[str], bool]]) -> set[str]:
    """Schemas whose type references reach a concrete type (worklist over reverse edges)."""
    reverse: dict[str, list[str]] = {}
    grounded: set[str] = set()
    for node, (targets, own) in aliases.items():
        if own:
            grounded.add(node)
        for target in targets:
            reverse.setdefault(target, []).append(node)
            if target not in aliases:
                grounded.add(target)
    work = list(grounded)
    while work:
        for source in reverse.get(work.pop(), ()):
            if source not in grounded:
                grounded.add(source)
                work.append(source)
    return grounded


def _on_cycles(graph: Mapping[str, Sequence[str]]) -> set[str]:
    """Nodes on a cycle of ``graph`` (iterative Tarjan: no recursion, any depth)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cyclic: set[str] = set()
    for start in graph:
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(graph[start]))]
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in graph), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = _pop_component(stack, on_stack, node)
                if len(component) > 1 or node in graph[node]:
                    cyclic.update(component)
    return cyclic


def _pop_component(stack: list[str], on_stack: set[str], root: str) -> list[str]:
    component: list[str] = []
    while True:
        node = stack.pop()
        on_stack.discard(node)
        component.append(node)
        if node == root:
            return component


def _numeric(value: Any, type_name: str | None) -> Decimal | None:
    """A bound's value as a number, or ``None`` if it has the wrong form for the type."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        if type_name is not None and type_name not in _STRING_NUMERIC:
            return None
        pattern = _INTEGER_TEXT if type_name in kw.STRING_INTEGER_TYPES else _DECIMAL_TEXT
        return Decimal(value) if pattern.fullmatch(value) else None
    if type_name in _STRING_NUMERIC or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, ValueError):  # pragma: no cover - finite numbers convert
        return None


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_name_lists(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(names, list) and all(isinstance(n, str) for n in names)
        for names in value.values()
    )


def _fits(type_name: str, value: Any) -> bool:
    """Whether a JSON value is a value of a primitive type (for enum and const)."""
    if type_name == "null":
        return value is None
    if type_name == "boolean":
        return isinstance(value, bool)
    if type_name in kw.NUMBER_TYPES:
        return _fits_number(type_name, value)
    if not isinstance(value, str):
        return False
    if type_name in kw.STRING_INTEGER_TYPES:
        low, high = kw.INTEGER_RANGES[type_name]
        # a length check first: int() refuses texts of thousands of digits
        text_ok = len(value) <= 41 and bool(_INTEGER_TEXT.fullmatch(value))
        return text_ok and low <= int(value) <= high
    if type_name == "decimal":
        return bool(_DECIMAL_TEXT.fullmatch(value))
    return True


def _fits_number(type_name: str, value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    limits = kw.INTEGER_RANGES.get(type_name)
    if limits is not None:
        return isinstance(value, int) and limits[0] <= value <= limits[1]
    if isinstance(value, float) and not math.isfinite(value):
        return False
    limit = kw.FLOAT_LIMITS.get(type_name)
    return limit is None or abs(value) <= limit


def _canonical(value: Any, depth: int = 0) -> Any:
    """A hashable form of a JSON value in which equal JSON values are equal (1 == 1.0)."""
    if depth > 64:
        return ("deep", id(value))
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("array", tuple(_canonical(v, depth + 1) for v in value))
    if isinstance(value, Mapping):
        return ("object", frozenset((k, _canonical(v, depth + 1)) for k, v in value.items()))
    return (type(value).__name__, value)
