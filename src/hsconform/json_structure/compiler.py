"""Turning JSON Structure documents into immutable node trees, once per document and profile.

References are resolved through a :class:`SchemaSource`: a pointer inside the
same document directly, anything else (HubSpot's ``#/components/schemas/X``)
through the resolutions the pack recorded at load. ``$extends`` bases are
merged into the extending type; keywords of the Validation and Conditional
Composition extensions are compiled only where the document enables them (the
checks the Validation keywords become are made in :mod:`.constraint_checks`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from hsconform.json_structure import primitives
from hsconform.json_structure.constraint_checks import (
    contains_check,
    count_checks,
    dependent_required_checks,
    format_check,
    has_check,
    is_count,
    key_names_check,
    primitive_checks,
    unique_items_check,
)
from hsconform.json_structure.keywords import (
    COMPOSITION_KEYWORDS,
    NON_SCHEMA_ARRAY_KEYWORDS,
    NON_SCHEMA_NUMBER_KEYWORDS,
    NON_SCHEMA_OBJECT_KEYWORDS,
    NON_SCHEMA_STRING_KEYWORDS,
    PRIMITIVE_TYPES,
    PUBLISHED,
    enabled_extensions,
)
from hsconform.json_structure.lint.context import kind_of
from hsconform.json_structure.nodes import (
    AnyNode,
    ArrayNode,
    ChoiceNode,
    CompositionNode,
    Extra,
    InvalidNode,
    Loc,
    MapNode,
    Node,
    ObjectNode,
    PrimitiveNode,
    RefNode,
    TupleNode,
    TypelessNode,
    UnionNode,
    ValueNode,
    short,
    tolerance_for,
)
from hsconform.json_structure.patterns import compile_pattern
from hsconform.jsontext import escape_pointer_token, resolve_pointer
from hsconform.messages import shown

#: (file, pointer of the object holding the reference, keyword, reference) -> (file, pointer).
References = Mapping[tuple[str, str, str, str], tuple[str, str]]
#: A schema's place: (file, JSON Pointer).
Place = tuple[str, str]
#: Add-ins applied to a compilation: the type each one extends -> the add-in types.
Applied = Mapping[Place, tuple[Place, ...]]


_MISSING = object()


class SchemaSource:
    """The documents a compilation may read, and where their references lead."""

    def __init__(
        self, documents: Mapping[str, Mapping[str, Any]], references: References | None = None
    ) -> None:
        self.documents = documents
        self.references = references or {}

    def resolve(self, file: str, pointer: str, keyword: str, ref: str) -> tuple[str, str] | None:
        """Where a reference leads: a local pointer, else the pack's recorded resolution."""
        if ref.startswith("#"):
            local = unquote(ref[1:])
            if resolve_pointer(self.documents.get(file), local)[0]:
                return (file, local)
        return self.references.get((file, pointer, keyword, ref))

    def schema_at(self, file: str, pointer: str) -> Any:
        """The schema at a location (a sentinel when there is none)."""
        found, schema = resolve_pointer(self.documents.get(file), pointer)
        return schema if found else _MISSING


class Compiler:
    """Compiles the schemas of a source for one profile; every node is built once."""

    def __init__(self, source: SchemaSource, profile: str, applied: Applied | None = None) -> None:
        self.source = source
        self.profile = profile
        self.applied: Applied = applied or {}
        self.table: dict[tuple[str, str], Node] = {}
        self._extensions: dict[str, tuple[bool, bool]] = {}

    # -- entry points ------------------------------------------------------------------------

    def root(self, file: str) -> Node:
        """The root type of a document: its ``type``, or the definition ``$root`` names."""
        document = self.source.documents[file]
        loc = Loc(file, "")
        if not isinstance(document, dict):
            message = f"a JSON Structure document is a JSON object, not {kind_of(document)}"
            return InvalidNode(loc, "HSC-S-ROOT-NOT-OBJECT", message)
        _, composition = self.extensions(file)
        if (
            "type" in document
            or "$ref" in document
            or (composition and any(k in document for k in COMPOSITION_KEYWORDS))
        ):
            return self.compile(document, file, "")
        root = document.get("$root")
        if isinstance(root, str):
            target = self.source.resolve(file, "", "$root", root)
            if target is None:
                return InvalidNode(
                    loc, "HSC-V-SCHEMA-REF", f"$root {shown(root)} leads nowhere", "$root"
                )
            return self.compile(self.source.schema_at(*target), *target)
        return InvalidNode(
            loc,
            "HSC-V-SCHEMA-NO-ROOT",
            "the document declares no root type (neither type nor $root)",
        )

    def offers(self, file: str) -> dict[str, tuple[Place, ...]]:
        """The add-ins a document's ``$offers`` advertises, with the add-in types they name."""
        document = self.source.documents.get(file)
        offered = document.get("$offers") if isinstance(document, dict) else None
        found: dict[str, tuple[Place, ...]] = {}
        for name, refs in offered.items() if isinstance(offered, dict) else ():
            entries = refs if isinstance(refs, list) else [refs]
            targets = (self.source.resolve(file, "", "$offers", r) for r in entries)
            found[name] = tuple(t for t in targets if t is not None)
        return found

    def applying(self, addins: Iterable[Place]) -> Compiler:
        """A compiler of the same schemas with add-in types merged into the types they extend."""
        applied: dict[Place, list[Place]] = {}
        for place in addins:
            addin = self.source.schema_at(*place)
            for ref in _extends_refs(addin):
                target = self.source.resolve(place[0], place[1], "$extends", ref)
                if target is not None:
                    applied.setdefault(target, []).append(place)
        return Compiler(self.source, self.profile, {k: tuple(v) for k, v in applied.items()})

    def compile(self, schema: Any, file: str, pointer: str, *, member: bool = False) -> Node:
        """The node of the schema at ``file``/``pointer`` (built once, then reused).

        ``member``: the schema may be a non-schema (no type), as composition members are.
        """
        key = (file, pointer)
        node = self.table.get(key)
        if node is None:
            # a placeholder first: a reference back to this schema while it is being built
            # finds it; the finished node replaces it before any validation runs
            self.table[key] = InvalidNode(
                Loc(file, pointer),
                "HSC-V-SCHEMA-CIRCULAR",
                "reference loops without reaching a type",
            )
            node = self._build(schema, Loc(file, pointer), member)
            self.table[key] = node
        return node

    # -- building ------------------------------------------------------------------------------

    def extensions(self, file: str) -> tuple[bool, bool]:
        """Whether (validation, composition) keywords are enforced for a document.

        ``strict``: where the document enables them (``$uses`` or the validation
        meta-schema). ``published``: always, since HubSpot uses ``maximum``,
        ``maxItems``, ``allOf``, ... without ``$uses`` and means them (lint warns).
        """
        if self.profile == PUBLISHED:
            return (True, True)
        flags = self._extensions.get(file)
        if flags is None:
            document = self.source.documents.get(file)
            flags = enabled_extensions(document if isinstance(document, dict) else {})
            self._extensions[file] = flags
        return flags

    def _build(self, schema: Any, loc: Loc, member: bool) -> Node:
        if not isinstance(schema, dict):
            return InvalidNode(loc, "HSC-V-SCHEMA", "the schema is not a JSON object")
        base = self._typed(schema, loc)
        if base is None and member:
            base = self._typeless(schema, loc)
        _, composition = self.extensions(loc.file)
        if composition and any(k in schema for k in COMPOSITION_KEYWORDS):
            return self._composition(schema, loc, base and self._valued(base, schema, loc))
        if base is None:
            return InvalidNode(loc, "HSC-V-SCHEMA-NO-TYPE", "the schema declares no type")
        return self._valued(base, schema, loc)

    def _valued(self, base: Node, schema: Mapping[str, Any], loc: Loc) -> Node:
        """``const``/``enum`` on a schema whose node does not check them (all but primitives)."""
        if isinstance(base, PrimitiveNode | InvalidNode):
            return base
        enum = schema.get("enum")
        if "const" not in schema and not isinstance(enum, list):
            return base
        const = (schema["const"],) if "const" in schema else ()
        return ValueNode(loc, base, const, tuple(enum) if isinstance(enum, list) else None)

    def _typeless(self, schema: Mapping[str, Any], loc: Loc) -> Node:
        """A non-schema: each keyword constrains the values of the JSON kind it speaks of."""
        keys = set(schema)
        # const and enum hold for any value: _valued checks them once, around this node
        scalar = {k: v for k, v in schema.items() if k not in ("const", "enum")}
        strings = keys & NON_SCHEMA_STRING_KEYWORDS
        numbers = keys & NON_SCHEMA_NUMBER_KEYWORDS
        arrays = keys & NON_SCHEMA_ARRAY_KEYWORDS
        return TypelessNode(
            loc,
            on_object=self._object(schema, loc) if keys & NON_SCHEMA_OBJECT_KEYWORDS else None,
            on_array=self._array(schema, loc, unique=False, name="array") if arrays else None,
            on_string=self._primitive("string", scalar, loc) if strings else None,
            on_number=self._primitive("number", scalar, loc) if numbers else None,
        )

    def _typed(self, schema: Mapping[str, Any], loc: Loc) -> Node | None:
        declared = schema.get("type")
        if declared is None:
            ref = schema.get("$ref")
            if isinstance(ref, str):  # a bare reference, as HubSpot publishes them
                return self._ref(ref, loc, loc.pointer, f"{loc.pointer}/$ref")
            return None
        if isinstance(declared, str):
            return self._named(declared, schema, loc)
        if isinstance(declared, dict):
            ref = declared.get("$ref")
            if isinstance(ref, str):
                return self._ref(ref, loc, f"{loc.pointer}/type", f"{loc.pointer}/type/$ref")
            return InvalidNode(loc, "HSC-V-SCHEMA", "type is an object without $ref", "type")
        if isinstance(declared, list) and declared:
            return UnionNode(loc, tuple(self._member(m, i, loc) for i, m in enumerate(declared)))
        return InvalidNode(loc, "HSC-V-SCHEMA", f"type {short(declared)} is not a type", "type")

    def _member(self, member: Any, index: int, loc: Loc) -> Node:
        member_loc = Loc(loc.file, f"{loc.pointer}/type/{index}")
        if isinstance(member, str):
            return self._named(member, {}, member_loc)
        if isinstance(member, dict) and isinstance(member.get("$ref"), str):
            return self._ref(
                member["$ref"], member_loc, member_loc.pointer, f"{member_loc.pointer}/$ref"
            )
        return self.compile(member, member_loc.file, member_loc.pointer)

    def _ref(self, ref: str, loc: Loc, site: str, keyword_pointer: str) -> Node:
        target = self.source.resolve(loc.file, site, "$ref", ref)
        if target is None:
            # placed at the $ref itself (inside ``type`` for a type reference), as the lint does
            holder = Loc(loc.file, keyword_pointer.removesuffix("/$ref"))
            message = f"reference {shown(ref)} leads nowhere"
            return InvalidNode(holder, "HSC-V-SCHEMA-REF", message, "$ref")
        self.compile(self.source.schema_at(*target), *target)
        return RefNode(loc, keyword_pointer, ref, target, self.table)

    def _named(self, name: str, schema: Mapping[str, Any], loc: Loc) -> Node:
        if name in PRIMITIVE_TYPES:
            return self._primitive(name, schema, loc)
        builder = self._COMPOUNDS.get(name)
        if builder is not None:
            return builder(self, schema, loc)
        if name == "email" and self.profile == PUBLISHED:
            return self._primitive("string", schema, loc, email=True)
        return InvalidNode(
            loc, "HSC-V-UNKNOWN-TYPE", f"{shown(name)} is not a JSON Structure type", "type"
        )

    # -- primitives ----------------------------------------------------------------------------

    def _primitive(
        self, name: str, schema: Mapping[str, Any], loc: Loc, *, email: bool = False
    ) -> Node:
        validation, _ = self.extensions(loc.file)
        extras = list(primitive_checks(name, schema, loc)) if validation else []
        if email:
            extras.append(format_check(loc, "email", keyword="type"))
        enum = schema.get("enum")
        max_length = schema.get("maxLength")
        checker = primitives.checker_for(name, schema)
        return PrimitiveNode(
            loc=loc,
            type_name=name,
            checker=checker,
            const=(schema["const"],) if "const" in schema else (),
            enum=tuple(enum) if isinstance(enum, list) else None,
            max_length=max_length if is_count(max_length) else None,
            extras=tuple(extras),
            tolerance=tolerance_for(name, checker),
        )

    # -- compounds -----------------------------------------------------------------------------

    def _object(self, schema: Mapping[str, Any], loc: Loc) -> Node:
        merged, required = self._merged(schema, loc, set())
        nowhere = self._unresolved_base(schema, loc)
        if nowhere is not None:
            return nowhere
        properties = {
            name: self.compile(sub, file, pointer) for name, (sub, file, pointer) in merged.items()
        }
        alternatives = bool(required) and all(isinstance(g, list) for g in required)
        groups: tuple[tuple[str, ...], ...]
        if alternatives:
            groups = tuple(tuple(n for n in g if isinstance(n, str)) for g in required)
        else:
            groups = (tuple(n for n in required if isinstance(n, str)),)
        additional_schema = schema.get("additionalProperties", True)
        additional: bool | Node = True
        if additional_schema is False:
            additional = False
        elif isinstance(additional_schema, dict):
            additional = self.compile(
                additional_schema, loc.file, f"{loc.pointer}/additionalProperties"
            )
        validation, _ = self.extensions(loc.file)
        patterns: tuple[tuple[Any, Node], ...] = ()
        extras: list[Extra] = []
        if validation:
            patterns = self._patterns(schema, "patternProperties", loc)
            extras = list(count_checks(schema, loc, "minProperties", "maxProperties"))
            extras.extend(self._key_extras(schema, loc, "propertyNames"))
            extras.extend(dependent_required_checks(schema, loc))
            extras.extend(self._has(schema, loc))
        return ObjectNode(
            loc=loc,
            properties=properties,
            required=groups,
            alternatives=alternatives,
            additional=additional,
            abstract=schema.get("abstract") is True,
            patterns=patterns,
            extras=tuple(extras),
        )

    def _merged(
        self, schema: Mapping[str, Any], loc: Loc, seen: set[tuple[str, str]]
    ) -> tuple[dict[str, tuple[Any, str, str]], list[Any]]:
        """Properties and required names, with those of ``$extends`` bases merged in."""
        merged: dict[str, tuple[Any, str, str]] = {}
        required: list[Any] = []
        seen = seen | {(loc.file, loc.pointer)}
        bases = schema.get("$extends")
        for ref in bases if isinstance(bases, list) else [bases] if isinstance(bases, str) else []:
            target = self.source.resolve(loc.file, loc.pointer, "$extends", ref)
            if target is None or target in seen:
                continue
            base = self.source.schema_at(*target)
            if not isinstance(base, dict):
                continue
            base_props, base_required = self._merged(base, Loc(*target), seen)
            for name, entry in base_props.items():
                merged.setdefault(name, entry)  # the first base wins
            required.extend(r for r in base_required if r not in required)
        for place in self.applied.get((loc.file, loc.pointer), ()):
            # an add-in type the instance uses: its own members join the type it extends
            addin = self.source.schema_at(*place)
            if isinstance(addin, dict):
                added, added_required = self._merged(addin, Loc(*place), seen)
                for name, entry in added.items():
                    merged.setdefault(name, entry)
                required.extend(r for r in added_required if r not in required)
        own = schema.get("properties")
        if isinstance(own, dict):
            for name, sub in own.items():
                merged[name] = (
                    sub,
                    loc.file,
                    f"{loc.pointer}/properties/{escape_pointer_token(name)}",
                )
        own_required = schema.get("required")
        if isinstance(own_required, list):
            if own_required and all(isinstance(g, list) for g in own_required):
                required = list(own_required)
            else:
                required.extend(r for r in own_required if r not in required)
        return merged, required

    def _array(self, schema: Mapping[str, Any], loc: Loc, *, unique: bool, name: str) -> Node:
        items = schema.get("items")
        node: Node
        if items is not None:
            node = self.compile(items, loc.file, f"{loc.pointer}/items")
        elif "type" not in schema:  # a non-schema's array keywords: any items
            node = AnyNode(loc)
        else:
            return InvalidNode(loc, "HSC-V-SCHEMA", f"{name} declares no items", "items")
        validation, _ = self.extensions(loc.file)
        extras: list[Extra] = []
        if validation:
            extras.extend(count_checks(schema, loc, "minItems", "maxItems"))
            if name == "array" and schema.get("uniqueItems") is True:
                extras.append(unique_items_check(loc))
            extras.extend(self._contains(schema, loc))
        return ArrayNode(loc=loc, items=node, unique=unique, type_name=name, extras=tuple(extras))

    def _map(self, schema: Mapping[str, Any], loc: Loc) -> Node:
        values = schema.get("values")
        if values is None:
            return InvalidNode(loc, "HSC-V-SCHEMA", "map declares no values", "values")
        node = self.compile(values, loc.file, f"{loc.pointer}/values")
        validation, _ = self.extensions(loc.file)
        patterns: tuple[tuple[Any, Node], ...] = ()
        extras: list[Extra] = []
        if validation:
            patterns = self._patterns(schema, "patternKeys", loc)
            extras.extend(count_checks(schema, loc, "minEntries", "maxEntries"))
            extras.extend(self._key_extras(schema, loc, "keyNames"))
            extras.extend(self._has(schema, loc))
        return MapNode(loc=loc, values=node, patterns=patterns, extras=tuple(extras))

    def _tuple(self, schema: Mapping[str, Any], loc: Loc) -> Node:
        order = schema.get("tuple")
        if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
            return InvalidNode(loc, "HSC-V-SCHEMA", "tuple declares no `tuple` order", "tuple")
        merged, _ = self._merged(schema, loc, set())
        nowhere = self._unresolved_base(schema, loc)
        if nowhere is not None:
            return nowhere
        elements: list[Node] = []
        for name in order:
            entry = merged.get(name)
            if entry is None:
                elements.append(
                    InvalidNode(
                        loc,
                        "HSC-V-SCHEMA",
                        f"tuple element {shown(name)} is not a declared property",
                        "tuple",
                    )
                )
            else:
                elements.append(self.compile(*entry))
        validation, _ = self.extensions(loc.file)
        extras = list(count_checks(schema, loc, "minItems", "maxItems")) if validation else []
        return TupleNode(
            loc=loc,
            order=tuple(order),
            elements=tuple(elements),
            abstract=schema.get("abstract") is True,
            extras=tuple(extras),
        )

    def _choice(self, schema: Mapping[str, Any], loc: Loc) -> Node:
        choices = schema.get("choices")
        if not isinstance(choices, dict) or not choices:
            return InvalidNode(loc, "HSC-V-SCHEMA", "choice declares no choices", "choices")
        nodes = {
            name: self.compile(sub, loc.file, f"{loc.pointer}/choices/{escape_pointer_token(name)}")
            for name, sub in choices.items()
        }
        selector = schema.get("selector")
        return ChoiceNode(
            loc=loc, choices=nodes, selector=selector if isinstance(selector, str) else None
        )

    _COMPOUNDS: Mapping[str, Callable[[Compiler, Mapping[str, Any], Loc], Node]] = {
        "object": lambda self, s, loc: self._object(s, loc),
        "array": lambda self, s, loc: self._array(s, loc, unique=False, name="array"),
        "set": lambda self, s, loc: self._array(s, loc, unique=True, name="set"),
        "map": lambda self, s, loc: self._map(s, loc),
        "tuple": lambda self, s, loc: self._tuple(s, loc),
        "choice": lambda self, s, loc: self._choice(s, loc),
        "any": lambda self, s, loc: AnyNode(loc),
    }

    # -- extension keywords --------------------------------------------------------------------

    def _composition(self, schema: Mapping[str, Any], loc: Loc, base: Node | None) -> Node:
        def many(keyword: str) -> tuple[Node, ...]:
            value = schema.get(keyword)
            if not isinstance(value, list):
                return ()
            return tuple(
                self.compile(s, loc.file, f"{loc.pointer}/{keyword}/{i}", member=True)
                for i, s in enumerate(value)
            )

        def one(keyword: str) -> Node | None:
            value = schema.get(keyword)
            if not isinstance(value, dict):
                return None
            return self.compile(value, loc.file, f"{loc.pointer}/{keyword}", member=True)

        return CompositionNode(
            loc=loc,
            base=base,
            all_of=many("allOf"),
            any_of=many("anyOf"),
            one_of=many("oneOf"),
            not_=one("not"),
            if_=one("if"),
            then=one("then"),
            else_=one("else"),
        )

    def _patterns(
        self, schema: Mapping[str, Any], keyword: str, loc: Loc
    ) -> tuple[tuple[Any, Node], ...]:
        value = schema.get(keyword)
        if not isinstance(value, dict):
            return ()
        return tuple(
            (
                compile_pattern(source),
                self.compile(
                    sub, loc.file, f"{loc.pointer}/{keyword}/{escape_pointer_token(source)}"
                ),
            )
            for source, sub in value.items()
        )

    def _key_extras(self, schema: Mapping[str, Any], loc: Loc, keyword: str) -> Iterable[Extra]:
        sub = schema.get(keyword)
        if isinstance(sub, dict):
            node = self.compile(sub, loc.file, f"{loc.pointer}/{keyword}", member=self._lenient)
            yield key_names_check(node, loc, keyword)

    def _has(self, schema: Mapping[str, Any], loc: Loc) -> Iterable[Extra]:
        sub = schema.get("has")
        if isinstance(sub, dict):
            yield has_check(self.compile(sub, loc.file, f"{loc.pointer}/has"), loc)

    def _contains(self, schema: Mapping[str, Any], loc: Loc) -> Iterable[Extra]:
        sub = schema.get("contains")
        if isinstance(sub, dict):
            node = self.compile(sub, loc.file, f"{loc.pointer}/contains", member=self._lenient)
            yield contains_check(node, schema, loc)

    @property
    def _lenient(self) -> bool:
        """``published`` reads a typeless contains/propertyNames/keyNames as a non-schema."""
        return self.profile == PUBLISHED

    def _unresolved_base(self, schema: Mapping[str, Any], loc: Loc) -> Node | None:
        """An ``$extends`` that leads nowhere: the type is unusable, as a ``$ref`` to nowhere."""
        for ref in _extends_refs(schema):
            if self.source.resolve(loc.file, loc.pointer, "$extends", ref) is None:
                message = f"$extends {shown(ref)} leads nowhere"
                return InvalidNode(loc, "HSC-V-SCHEMA-REF", message, "$extends")
        return None


def _extends_refs(schema: Any) -> list[str]:
    """The pointers of a schema's ``$extends`` (one or an array)."""
    bases = schema.get("$extends") if isinstance(schema, dict) else None
    if isinstance(bases, str):
        return [bases]
    return [b for b in bases if isinstance(b, str)] if isinstance(bases, list) else []
