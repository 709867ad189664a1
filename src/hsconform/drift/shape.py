"""The shape model: both dialects lowered into one small, normalized type model.

A :class:`Shape` says what a schema accepts on the wire, in terms both dialects
share: the kind of value, its JSON encoding (an int64 is a JSON number in
JSON Schema but a string in JSON Structure), numeric range, string format,
enum/const, properties and which are required, additional members, items,
nullability, and the examples and documentation around it. Every shape keeps
the file and JSON Pointer it came from. References are followed through the
pack's registry; a type that refers back to itself becomes a ``recursive``
shape naming where it loops.

Drift compares twins' shapes; data generation builds values from them.

Normalization rules (the same for both dialects):

- an object without properties whose additional members have a schema is a ``map``;
- an array whose items are unique (JSON Structure ``set``, JSON Schema ``uniqueItems``)
  is a ``set``;
- ``null`` in a type union makes the shape ``nullable`` rather than a union member;
- ``allOf`` members are merged into one object (properties, required).

A JSON Structure shape holds only what its validator enforces under the profile: under
``strict``, keywords of the Validation extension (``maximum``, ``maxItems``, ``format``,
``uniqueItems``, ...) and of Conditional Composition (``allOf``) are annotations in a
document that does not enable the extension, exactly as :mod:`hsconform.json_structure.compiler`
compiles them, and a schema with neither a type nor an enforced composition accepts nothing
(``invalid``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from hsconform.findings import SchemaLocation
from hsconform.json_structure.compiler import SchemaSource
from hsconform.json_structure.keywords import (
    FLOAT_LIMITS,
    INTEGER_RANGES,
    PUBLISHED,
    enabled_extensions,
)
from hsconform.jsontext import escape_pointer_token

#: How JSON Structure's string-encoded types read as JSON Schema string formats.
STRUCTURE_FORMATS: Mapping[str, str] = {
    "datetime": "date-time",
    "date": "date",
    "time": "time",
    "duration": "duration",
    "uuid": "uuid",
    "uri": "uri-reference",
    "jsonpointer": "json-pointer",
    "binary": "base64",
    "decimal": "decimal",
}
#: JSON Schema formats hsconform checks (others are annotations: they accept any string).
CHECKED_FORMATS = frozenset({"date-time", "date", "time", "uri", "uri-reference", "email", "uuid"})

_MISSING = object()


@dataclass(frozen=True)
class Shape:
    """What one schema node accepts, in dialect-neutral terms."""

    #: object, map, array, set, tuple, string, integer, number, boolean, null, any, union,
    #: choice, recursive or invalid
    kind: str
    wire: str
    origin: SchemaLocation
    format: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    enum: tuple[Any, ...] | None = None
    const: tuple[Any, ...] = ()
    properties: Mapping[str, Shape] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    additional: Shape | bool = True
    items: Shape | None = None
    members: tuple[Shape, ...] = ()
    nullable: bool = False
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    examples: tuple[Any, ...] = ()
    description: str | None = None
    title: str | None = None
    type_name: str | None = None
    loops_to: SchemaLocation | None = None

    def describe(self) -> str:
        """A short human name: ``integer (int64, as string)``, ``string (date-time)``, ..."""
        if self.kind == "recursive":
            return f"recursive ({self.loops_to})"
        detail = self.type_name or self.format
        text = self.kind if not detail or detail == self.kind else f"{self.kind} ({detail})"
        if self.kind in ("integer", "number") and self.wire == "string":
            text += " as a JSON string"
        return text + (" or null" if self.nullable else "")


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value)) if isinstance(value, int | float | str) else None
    except InvalidOperation:
        return None


def _examples(schema: Mapping[str, Any]) -> tuple[Any, ...]:
    found: list[Any] = []
    if "example" in schema:
        found.append(schema["example"])
    examples = schema.get("examples")
    if isinstance(examples, list):
        found.extend(examples)
    return tuple(found)


def _documentation(schema: Mapping[str, Any], *, title_key: str) -> dict[str, Any]:
    description = schema.get("description")
    title = schema.get(title_key)
    return {
        "examples": _examples(schema),
        "description": description if isinstance(description, str) else None,
        "title": title if isinstance(title, str) else None,
    }


def normalized(shape: Shape) -> Shape:
    """Apply the normalization rules (maps, sets) to a freshly lowered shape."""
    if shape.kind == "object" and not shape.properties and isinstance(shape.additional, Shape):
        return replace(shape, kind="map", items=shape.additional, additional=True)
    return shape


class _Lowerer:
    """Shared machinery: memo of finished shapes and the stack of shapes being lowered."""

    title_key = "title"

    def __init__(self, source: SchemaSource) -> None:
        self.source = source
        self.memo: dict[tuple[str, str], Shape] = {}
        self.active: set[tuple[str, str]] = set()

    def at(self, file: str, pointer: str) -> Shape:
        """The shape of the schema at a location (memoized; loops become ``recursive``)."""
        key = (file, pointer)
        shape = self.memo.get(key)
        if shape is not None:
            return shape
        origin = SchemaLocation(file, pointer)
        if key in self.active:
            return Shape(kind="recursive", wire="any", origin=origin, loops_to=origin)
        schema = self.source.schema_at(file, pointer)
        self.active.add(key)
        try:
            shape = self.lower(schema, origin) if isinstance(schema, dict) else _invalid(origin)
        finally:
            self.active.discard(key)
        self.memo[key] = shape
        return shape

    def child(self, origin: SchemaLocation, *tokens: str) -> Shape:
        """The shape of a sub-schema of ``origin``."""
        pointer = origin.pointer + "".join(f"/{escape_pointer_token(t)}" for t in tokens)
        return self.at(origin.file, pointer)

    def follow(self, origin: SchemaLocation, site: str, keyword: str, ref: str) -> Shape:
        """The shape a reference leads to, keeping the referring node's documentation."""
        target = self.source.resolve(origin.file, site, keyword, ref)
        if target is None:
            return _invalid(origin)
        return self.at(*target)

    def lower(self, schema: Mapping[str, Any], origin: SchemaLocation) -> Shape:
        """The shape of one schema object (dialect-specific)."""
        raise NotImplementedError

    def _additional(self, schema: Mapping[str, Any], origin: SchemaLocation) -> Shape | bool:
        """``additionalProperties``, spelt alike in both dialects: a schema, or open/closed."""
        additional = schema.get("additionalProperties", True)
        if isinstance(additional, dict):
            return self.child(origin, "additionalProperties")
        return additional is not False


def _array(
    kind: str, items: Shape | None, schema: Mapping[str, Any], common: dict[str, Any]
) -> Shape:
    """An array or set on the wire, in either dialect (both spell the counts the same)."""
    return Shape(
        kind=kind,
        wire="array",
        items=items,
        min_items=schema.get("minItems"),
        max_items=schema.get("maxItems"),
        **common,
    )


def _object_shape(
    properties: dict[str, Shape],
    required: frozenset[str],
    additional: Shape | bool,
    common: dict[str, Any],
) -> Shape:
    """An object on the wire, in either dialect."""
    return Shape(
        kind="object",
        wire="object",
        properties=properties,
        required=required,
        additional=additional,
        **common,
    )


def _invalid(origin: SchemaLocation) -> Shape:
    return Shape(kind="invalid", wire="any", origin=origin)


class JsonSchemaLowerer(_Lowerer):
    """JSON Schema (2020-12) to shapes."""

    def lower(self, schema: Mapping[str, Any], origin: SchemaLocation) -> Shape:
        """A JSON Schema object: references, ``allOf``, type unions with ``null``, then types."""
        docs = _documentation(schema, title_key="title")
        ref = schema.get("$ref")
        if isinstance(ref, str):
            target = self.follow(origin, origin.pointer, "$ref", ref)
            return replace(target, **{k: v for k, v in docs.items() if v})
        parts = schema.get("allOf")
        if isinstance(parts, list) and parts:
            return self._all_of(schema, origin, len(parts), docs)
        declared = schema.get("type")
        types = declared if isinstance(declared, list) else [declared] if declared else []
        nullable = "null" in types and len(types) > 1
        types = [t for t in types if t != "null"] if nullable else types
        if len(types) > 1:
            members = tuple(self._single(schema, origin, t, docs) for t in types)
            return Shape(
                kind="union", wire="any", origin=origin, members=members, nullable=nullable, **docs
            )
        single = self._single(schema, origin, types[0] if types else None, docs)
        return replace(single, nullable=nullable) if nullable else single

    def _single(
        self, schema: Mapping[str, Any], origin: SchemaLocation, declared: Any, docs: dict[str, Any]
    ) -> Shape:
        if declared is None:
            declared = "object" if "properties" in schema else None
        enum = schema.get("enum")
        common: dict[str, Any] = {
            "origin": origin,
            "enum": tuple(enum) if isinstance(enum, list) else None,
            "const": (schema["const"],) if "const" in schema else (),
            **docs,
        }
        fmt = schema.get("format") if isinstance(schema.get("format"), str) else None
        if declared == "string":
            length = schema.get("maxLength")
            return Shape(
                kind="string",
                wire="string",
                format=fmt,
                max_length=length if isinstance(length, int) else None,
                **common,
            )
        if declared in ("integer", "number"):
            low, high = _decimal(schema.get("minimum")), _decimal(schema.get("maximum"))
            if declared == "integer" and fmt is not None and fmt in INTEGER_RANGES:
                range_low, range_high = INTEGER_RANGES[fmt]
                low = max(low, Decimal(range_low)) if low is not None else Decimal(range_low)
                high = min(high, Decimal(range_high)) if high is not None else Decimal(range_high)
            return Shape(
                kind=declared,
                wire="number",
                format=fmt,
                minimum=low,
                maximum=high,
                type_name=fmt if fmt in INTEGER_RANGES else None,
                **common,
            )
        if declared in ("boolean", "null"):
            return Shape(kind=declared, wire=declared, **common)
        if declared == "array":
            items = self.child(origin, "items") if "items" in schema else None
            kind = "set" if schema.get("uniqueItems") is True else "array"
            return _array(kind, items, schema, common)
        if declared == "object":
            return normalized(self._object(schema, origin, common))
        if declared is None:
            return Shape(kind="any", wire="any", **common)
        return _invalid(origin)

    def _object(
        self, schema: Mapping[str, Any], origin: SchemaLocation, common: dict[str, Any]
    ) -> Shape:
        properties = schema.get("properties")
        names = list(properties) if isinstance(properties, dict) else []
        required = schema.get("required")
        return _object_shape(
            {n: self.child(origin, "properties", n) for n in names},
            frozenset(r for r in required or [] if isinstance(r, str)),
            self._additional(schema, origin),
            common,
        )

    def _all_of(
        self, schema: Mapping[str, Any], origin: SchemaLocation, count: int, docs: dict[str, Any]
    ) -> Shape:
        parts = [self.child(origin, "allOf", str(i)) for i in range(count)]
        own = self._object(schema, origin, {"origin": origin}) if "properties" in schema else None
        return merge_objects([p for p in [*parts, own] if p is not None], origin, docs)


def merge_objects(parts: Iterable[Shape], origin: SchemaLocation, docs: Mapping[str, Any]) -> Shape:
    """One object from several (``allOf``): properties and required sets united."""
    properties: dict[str, Shape] = {}
    required: set[str] = set()
    additional: Shape | bool = True
    for part in parts:
        if part.kind != "object":
            continue
        for name, shape in part.properties.items():
            properties.setdefault(name, shape)
        required |= part.required
        if part.additional is False:
            additional = False
    return Shape(
        kind="object",
        wire="object",
        origin=origin,
        properties=properties,
        required=frozenset(required),
        additional=additional,
        **docs,
    )


class StructureLowerer(_Lowerer):
    """JSON Structure (core v0) to shapes, under a profile (``email`` is a type in published)."""

    title_key = "name"

    def __init__(self, source: SchemaSource, profile: str) -> None:
        super().__init__(source)
        self.profile = profile
        self._flags: dict[str, tuple[bool, bool]] = {}

    def enforces(self, file: str) -> tuple[bool, bool]:
        """Whether (validation, composition) keywords constrain in a document, as the compiler says.

        ``published`` enforces both everywhere; ``strict`` only where the document enables them.
        """
        if self.profile == PUBLISHED:
            return (True, True)
        flags = self._flags.get(file)
        if flags is None:
            document = self.source.documents.get(file)
            flags = self._flags[file] = enabled_extensions(
                document if isinstance(document, dict) else {}
            )
        return flags

    def lower(self, schema: Mapping[str, Any], origin: SchemaLocation) -> Shape:
        """A JSON Structure schema: bare or typed references, unions, then type names."""
        docs = _documentation(schema, title_key="name")
        _, composition = self.enforces(origin.file)
        parts = schema.get("allOf") if composition else None
        members = (
            [self.child(origin, "allOf", str(i)) for i in range(len(parts))]
            if isinstance(parts, list) and parts
            else []
        )
        declared = schema.get("type", _MISSING)
        if declared is _MISSING:
            ref = schema.get("$ref")
            if isinstance(ref, str):
                return self._ref(ref, origin, origin.pointer, docs)
            return merge_objects(members, origin, docs) if members else _invalid(origin)
        base = self._typed(declared, schema, origin, docs)
        if members and base.kind == "object":
            return merge_objects([base, *members], origin, docs)
        return base

    def _typed(
        self, declared: Any, schema: Mapping[str, Any], origin: SchemaLocation, docs: dict[str, Any]
    ) -> Shape:
        if isinstance(declared, dict) and isinstance(declared.get("$ref"), str):
            return self._ref(declared["$ref"], origin, f"{origin.pointer}/type", docs)
        if isinstance(declared, list):
            return self._union(declared, origin, docs)
        if isinstance(declared, str):
            return self._named(declared, schema, origin, docs)
        return _invalid(origin)

    def _ref(self, ref: str, origin: SchemaLocation, site: str, docs: dict[str, Any]) -> Shape:
        target = self.follow(origin, site, "$ref", ref)
        return replace(target, **{k: v for k, v in docs.items() if v})

    def _union(self, declared: list[Any], origin: SchemaLocation, docs: dict[str, Any]) -> Shape:
        nullable = "null" in declared
        members = []
        for index, member in enumerate(declared):
            if member == "null":
                continue
            if isinstance(member, str):
                members.append(
                    self._named(
                        member,
                        {},
                        SchemaLocation(origin.file, f"{origin.pointer}/type/{index}"),
                        {},
                    )
                )
            elif isinstance(member, dict) and isinstance(member.get("$ref"), str):
                site = f"{origin.pointer}/type/{index}"
                members.append(self.follow(origin, site, "$ref", member["$ref"]))
            else:
                members.append(self.child(origin, "type", str(index)))
        if len(members) == 1:
            return replace(members[0], nullable=nullable, **{k: v for k, v in docs.items() if v})
        return Shape(
            kind="union",
            wire="any",
            origin=origin,
            members=tuple(members),
            nullable=nullable,
            **docs,
        )

    def _named(
        self, name: str, schema: Mapping[str, Any], origin: SchemaLocation, docs: dict[str, Any]
    ) -> Shape:
        enum = schema.get("enum")
        common: dict[str, Any] = {
            "origin": origin,
            "enum": tuple(enum) if isinstance(enum, list) else None,
            "const": (schema["const"],) if "const" in schema else (),
            "type_name": name,
            **docs,
        }
        validation, _ = self.enforces(origin.file)
        bounds = schema if validation else {}
        if name in INTEGER_RANGES:
            low, high = INTEGER_RANGES[name]
            wire = "string" if name in ("int64", "uint64", "int128", "uint128") else "number"
            minimum, maximum = _decimal(bounds.get("minimum")), _decimal(bounds.get("maximum"))
            return Shape(
                kind="integer",
                wire=wire,
                minimum=max(Decimal(low), minimum) if minimum is not None else Decimal(low),
                maximum=min(Decimal(high), maximum) if maximum is not None else Decimal(high),
                **common,
            )
        if name in FLOAT_LIMITS or name == "number":
            limit = Decimal(repr(FLOAT_LIMITS[name])) if name in FLOAT_LIMITS else None
            floor, ceiling = _decimal(bounds.get("minimum")), _decimal(bounds.get("maximum"))
            if limit is not None:
                floor = -limit if floor is None or floor < -limit else floor
                ceiling = limit if ceiling is None or ceiling > limit else ceiling
            return Shape(
                kind="number",
                wire="number",
                minimum=floor,
                maximum=ceiling,
                **common,
            )
        if name == "decimal":
            return Shape(kind="number", wire="string", format="decimal", **common)
        if name in STRUCTURE_FORMATS or name == "string":
            length = schema.get("maxLength")
            fmt = STRUCTURE_FORMATS.get(name)
            if name == "string" and isinstance(bounds.get("format"), str):
                fmt = bounds["format"]
            return Shape(
                kind="string",
                wire="string",
                format=fmt,
                max_length=length if isinstance(length, int) else None,
                **common,
            )
        if name == "email" and self.profile == PUBLISHED:
            return Shape(kind="string", wire="string", format="email", **common)
        if name in ("boolean", "null"):
            return Shape(kind=name, wire=name, **common)
        if name in ("array", "set"):
            items = self.child(origin, "items") if "items" in schema else None
            kind = "set" if validation and bounds.get("uniqueItems") is True else name
            return _array(kind, items, bounds, common)
        if name == "map":
            values = self.child(origin, "values") if "values" in schema else None
            return Shape(kind="map", wire="object", items=values, **common)
        if name == "object":
            return normalized(self._object(schema, origin, common))
        if name == "tuple":
            order: list[Any] = schema["tuple"] if isinstance(schema.get("tuple"), list) else []
            elements = tuple(self.child(origin, "properties", str(n)) for n in order)
            return Shape(kind="tuple", wire="array", members=elements, **common)
        if name == "choice":
            choices: dict[str, Any] = (
                schema["choices"] if isinstance(schema.get("choices"), dict) else {}
            )
            return Shape(
                kind="choice",
                wire="object",
                origin=origin,
                type_name=name,
                properties={n: self.child(origin, "choices", n) for n in choices},
                **docs,
            )
        if name == "any":
            return Shape(kind="any", wire="any", **common)
        return _invalid(origin)

    def _object(
        self, schema: Mapping[str, Any], origin: SchemaLocation, common: dict[str, Any]
    ) -> Shape:
        properties: dict[str, Shape] = {}
        required: set[str] = set()
        for base in self._bases(schema, origin):
            for name, shape in base.properties.items():
                properties.setdefault(name, shape)
            required |= base.required
        own = schema.get("properties")
        if isinstance(own, dict):
            for name in own:
                properties[name] = self.child(origin, "properties", name)
        own_required = schema.get("required")
        if isinstance(own_required, list):
            required |= {r for r in own_required if isinstance(r, str)}
        return _object_shape(
            properties, frozenset(required), self._additional(schema, origin), common
        )

    def _bases(self, schema: Mapping[str, Any], origin: SchemaLocation) -> list[Shape]:
        bases = schema.get("$extends")
        refs = bases if isinstance(bases, list) else [bases] if isinstance(bases, str) else []
        found = []
        for ref in refs:
            target = self.source.resolve(origin.file, origin.pointer, "$extends", ref)
            if target is not None:
                found.append(self.at(*target))
        return found
