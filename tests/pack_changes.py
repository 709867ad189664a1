"""Generated changes to a copy of a pack, each with the class ``pack diff`` must give it.

Targets are found by rule (the first type, in file order, whose root object has a property
that fits), never by name, so the same generator works on any pack laid out like the
published corpus: JSON Schema and JSON Structure twins whose root is an object with
``properties``. Used by the pack diff tests and by ``benchmarks/pack_diff.py``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

JSON_SCHEMA, JSON_STRUCTURE = "json-schema", "json-structure"
SUFFIX = {JSON_SCHEMA: "-schema.json", JSON_STRUCTURE: "-structure.json"}
METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Expected:
    """One generated change: the type (by stem) or route it is about, and its class."""

    kind: str
    change_class: str
    codes: frozenset[str]
    stem: str | None = None
    dialect: str | None = None
    #: For route changes: "METHOD template status", as the message names it.
    route: str | None = None


def copy_pack(source: Path, target: Path) -> Path:
    """A writable copy of a pack folder (the source may be read-only)."""
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return target


@dataclass
class Edits:
    """A pack folder being changed, with the stems already used so changes never collide."""

    root: Path
    used: set[str] = field(default_factory=set)
    expected: list[Expected] = field(default_factory=list)

    def path(self, dialect: str, stem: str) -> Path:
        return self.root / dialect / f"{stem}{SUFFIX[dialect]}"

    def read(self, dialect: str, stem: str) -> Any:
        return json.loads(self.path(dialect, stem).read_text(encoding="utf-8"))

    def write(self, dialect: str, stem: str, document: Any) -> None:
        self.path(dialect, stem).write_text(json.dumps(document, indent=2), encoding="utf-8")

    def twins(self) -> Iterator[str]:
        """Stems with both variants whose roots are plain objects with properties."""
        for path in sorted((self.root / JSON_SCHEMA).glob(f"*{SUFFIX[JSON_SCHEMA]}")):
            stem = path.name.removesuffix(SUFFIX[JSON_SCHEMA])
            if stem in self.used or not self.path(JSON_STRUCTURE, stem).exists():
                continue
            documents = [self.read(d, stem) for d in (JSON_SCHEMA, JSON_STRUCTURE)]
            if all(
                d.get("type") == "object" and isinstance(d.get("properties"), dict)
                for d in documents
            ):
                yield stem


#: A property fits a change: (JSON Schema node, JSON Structure node, root JSON Schema document).
Fits = Callable[[dict[str, Any], dict[str, Any], dict[str, Any], str], bool]
#: Change one property's node in one dialect: (node, root document, property name, dialect).
Edit = Callable[[dict[str, Any], dict[str, Any], str, str], None]


@dataclass(frozen=True)
class PropertyChange:
    """A change to one root property of a twin, in both dialects."""

    kind: str
    change_class: str
    codes: frozenset[str]
    fits: Fits
    edit: Edit

    def apply(self, edits: Edits) -> bool:
        for stem in edits.twins():
            js, st = edits.read(JSON_SCHEMA, stem), edits.read(JSON_STRUCTURE, stem)
            for name in sorted(js["properties"]):
                left, right = js["properties"][name], st["properties"].get(name)
                if not isinstance(left, dict) or not isinstance(right, dict):
                    continue
                if not self.fits(left, right, js, name):
                    continue
                for dialect, document in ((JSON_SCHEMA, js), (JSON_STRUCTURE, st)):
                    self.edit(document["properties"][name], document, name, dialect)
                    edits.write(dialect, stem, document)
                    edits.expected.append(
                        Expected(self.kind, self.change_class, self.codes, stem, dialect)
                    )
                edits.used.add(stem)
                return True
        return False


def _plain_string(js: dict[str, Any], st: dict[str, Any], *_: Any) -> bool:
    keys = {"type", "description", "example", "examples", "title"}
    return js.get("type") == st.get("type") == "string" and set(js) | set(st) <= keys


def _optional(js: dict[str, Any], st: dict[str, Any], root: dict[str, Any], name: str) -> bool:
    return _plain_string(js, st) and name not in root.get("required", [])


def _string_enum(js: dict[str, Any], st: dict[str, Any], root: dict[str, Any], name: str) -> bool:
    values = js.get("enum")
    # a batch envelope's status is also held to the batch rules, whatever its enum says
    envelope = {"status", "results"} <= root["properties"].keys()
    return (
        not envelope
        and isinstance(values, list)
        and len(values) >= 2
        and all(isinstance(v, str) for v in values)
        and st.get("enum") == values
    )


def _bounded(js: dict[str, Any], st: dict[str, Any], *_: Any) -> bool:
    return isinstance(js.get("maximum"), int) and isinstance(st.get("maximum"), int)


def _int64(js: dict[str, Any], st: dict[str, Any], *_: Any) -> bool:
    return js.get("type") == "integer" and js.get("format") == "int64" and st.get("type") == "int64"


def _require(node: dict[str, Any], root: dict[str, Any], name: str, dialect: str) -> None:
    root["required"] = [*root.get("required", []), name]


def _to_integer(node: dict[str, Any], root: dict[str, Any], name: str, dialect: str) -> None:
    node["type"] = "integer" if dialect == JSON_SCHEMA else "int32"


def _drop_enum_value(node: dict[str, Any], *_: Any) -> None:
    node["enum"] = node["enum"][:-1]


def _add_enum_value(node: dict[str, Any], *_: Any) -> None:
    node["enum"] = [*node["enum"], "ZZ_GENERATED_VALUE"]


def _max_length(node: dict[str, Any], *_: Any) -> None:
    node["maxLength"] = 1


def _loosen(node: dict[str, Any], *_: Any) -> None:
    node["maximum"] = node["maximum"] * 2 + 1000


def _rewire(node: dict[str, Any], root: dict[str, Any], name: str, dialect: str) -> None:
    if dialect == JSON_SCHEMA:
        node.update({"type": "string"})
        node.pop("format")
    else:
        node["type"] = "int32"


def _describe(node: dict[str, Any], *_: Any) -> None:
    node["description"] = "Generated description " + str(node.get("description", ""))


def _example(node: dict[str, Any], *_: Any) -> None:
    node["examples"] = ["generated example"]


def _title(node: dict[str, Any], *_: Any) -> None:
    node["title"] = "Generated title"


def _always(*_: Any) -> bool:
    return True


BREAKING, WIDENING, ANNOTATION = "breaking", "widening", "annotation"

#: One change of each kind the documentation lists, on a root property of a twin.
PROPERTY_CHANGES = (
    PropertyChange("required", BREAKING, frozenset({"HSC-PD-REQUIRED"}), _optional, _require),
    PropertyChange(
        "type-changed", BREAKING, frozenset({"HSC-PD-TYPE"}), _plain_string, _to_integer
    ),
    PropertyChange(
        "enum-removed", BREAKING, frozenset({"HSC-PD-ENUM"}), _string_enum, _drop_enum_value
    ),
    PropertyChange(
        "enum-added", WIDENING, frozenset({"HSC-PD-ENUM"}), _string_enum, _add_enum_value
    ),
    PropertyChange(
        "bound-tightened", BREAKING, frozenset({"HSC-PD-MAX-LENGTH"}), _plain_string, _max_length
    ),
    PropertyChange(
        "bound-loosened",
        WIDENING,
        frozenset({"HSC-PD-INT-RANGE", "HSC-PD-RANGE"}),
        _bounded,
        _loosen,
    ),
    PropertyChange(
        "int64-wire", BREAKING, frozenset({"HSC-PD-TYPE", "HSC-PD-INT-WIRE"}), _int64, _rewire
    ),
    PropertyChange("description", ANNOTATION, frozenset({"HSC-PD-ANNOTATION"}), _always, _describe),
    PropertyChange("examples", ANNOTATION, frozenset({"HSC-PD-ANNOTATION"}), _always, _example),
    PropertyChange("title", ANNOTATION, frozenset({"HSC-PD-ANNOTATION"}), _plain_string, _title),
)


def close_objects(edits: Edits, count: int) -> list[str]:
    """Close the root objects of ``count`` twins (``additionalProperties: false``)."""
    closed = []
    for stem in edits.twins():
        if len(closed) == count:
            break
        js = edits.read(JSON_SCHEMA, stem)
        if not any(name not in js.get("required", []) for name in js["properties"]):
            continue
        for dialect in (JSON_SCHEMA, JSON_STRUCTURE):
            document = edits.read(dialect, stem)
            document["additionalProperties"] = False
            edits.write(dialect, stem, document)
            edits.expected.append(
                Expected("closed", BREAKING, frozenset({"HSC-PD-ADDITIONAL"}), stem, dialect)
            )
        edits.used.add(stem)
        closed.append(stem)
    return closed


def change_closed(edits: Edits, removed_from: str, added_to: str) -> None:
    """In closed objects: remove an optional property of one, add an optional one to another."""
    for dialect in (JSON_SCHEMA, JSON_STRUCTURE):
        document = edits.read(dialect, removed_from)
        optional = sorted(
            n for n in document["properties"] if n not in document.get("required", [])
        )
        del document["properties"][optional[0]]
        edits.write(dialect, removed_from, document)
        edits.expected.append(
            Expected(
                "closed-removed", BREAKING, frozenset({"HSC-PD-PROPERTY"}), removed_from, dialect
            )
        )
        document = edits.read(dialect, added_to)
        document["properties"]["zzGeneratedProperty"] = {"type": "string"}
        edits.write(dialect, added_to, document)
        edits.expected.append(
            Expected("closed-added", WIDENING, frozenset({"HSC-PD-PROPERTY"}), added_to, dialect)
        )


def remove_type(edits: Edits, stem: str) -> None:
    """Delete a type's files (both variants, and its example)."""
    for dialect in (JSON_SCHEMA, JSON_STRUCTURE):
        edits.path(dialect, stem).unlink()
    example = edits.root / "examples" / f"{stem}-example.json"
    if example.exists():
        example.unlink()
    edits.used.add(stem)
    edits.expected.append(
        Expected("type-removed", "removed", frozenset({"HSC-PD-TYPE-REMOVED"}), stem)
    )


def add_type(edits: Edits, like: str, stem: str, title: str) -> None:
    """A new type: a copy of ``like`` under another file name, title and ``$id``."""
    for dialect in (JSON_SCHEMA, JSON_STRUCTURE):
        document = edits.read(dialect, like)
        document["title" if dialect == JSON_SCHEMA else "name"] = title
        if isinstance(document.get("$id"), str):
            document["$id"] = document["$id"].replace(like, stem)
        edits.write(dialect, stem, document)
    edits.used.add(stem)
    edits.expected.append(Expected("type-added", "added", frozenset({"HSC-PD-TYPE-ADDED"}), stem))


def write_routes(edits: Edits, routes: list[dict[str, Any]]) -> None:
    """The pack's own ``routes.json`` (it comes before the OpenAPI documents)."""
    (edits.root / "routes.json").write_text(json.dumps({"routes": routes}, indent=2), "utf-8")


def remove_responses(edits: Edits, method: str, template: str, status: str | None) -> int:
    """Remove a response (or, with ``status=None``, the whole operation) from every OpenAPI
    document of the pack; returns how many documents changed."""
    changed = 0
    for path in sorted((edits.root / "openapi").rglob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        if template + ":" not in text:
            continue
        document = yaml.load(text, Loader=yaml.CSafeLoader)
        operation = (document.get("paths") or {}).get(template, {}).get(method.lower())
        if not isinstance(operation, dict):
            continue
        responses = operation.get("responses") or {}
        if status is None:
            del document["paths"][template][method.lower()]
        elif status in responses or int(status) in responses:
            responses.pop(status, None)
            responses.pop(int(status), None)
        else:
            continue
        path.write_text(yaml.dump(document, Dumper=yaml.CSafeDumper), encoding="utf-8")
        changed += 1
    return changed


def reformat(root: Path) -> None:
    """Every JSON document of the pack with its keys in reverse order and other whitespace."""
    for path in sorted(root.rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(_reversed(document), indent=4) + "\n\n", encoding="utf-8")


def _reversed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reversed(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed(item) for item in value]
    return value
