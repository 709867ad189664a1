"""What a JSON Schema pack may hold besides one plain object per file, as 2020-12 allows.

Embedded resources (``$id`` below the root, with their anchors), boolean schemas, a meta-schema
of the user's own, references to the official meta-schemas (served offline) and remote documents
whose own references lead further: each loads, resolves at load time and validates.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers import schema

import hsconform

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def test_a_reference_to_an_embedded_resource_resolves_into_it(make_pack) -> None:
    root = make_pack(
        schemas={
            "flags-api-batch": schema(
                "Batch",
                type="object",
                properties={
                    "count": {"$ref": "https://example.com/count.json"},
                    "code": {"$ref": "https://example.com/count.json#code"},
                },
                **{
                    "$defs": {
                        "Count": {
                            "$id": "https://example.com/count.json",
                            "type": "integer",
                            "minimum": 0,
                            "$defs": {"Code": {"$anchor": "code", "type": "string"}},
                        }
                    }
                },
            )
        }
    )
    pack = hsconform.load_pack(root)
    targets = sorted((r.rule, r.target_pointer) for r in pack.resolutions)
    assert targets == [("id", "/$defs/Count"), ("id", "/$defs/Count/$defs/Code")]
    findings = pack.validate({"count": -1, "code": 1}, "Batch").findings
    assert sorted((f.code, f.instance) for f in findings) == [
        ("HSC-V-MINIMUM", "/count"),
        ("HSC-V-TYPE", "/code"),
    ]


def test_local_references_inside_an_embedded_resource_are_relative_to_it(make_pack) -> None:
    root = make_pack(
        schemas={
            "flags-api-batch": schema(
                "Batch",
                **{
                    "$ref": "urn:example:inner",
                    "$defs": {
                        "inner": {
                            "$id": "urn:example:inner",
                            "$ref": "#/$defs/text",
                            "$defs": {"text": {"type": "string"}},
                        }
                    },
                },
            )
        }
    )
    pack = hsconform.load_pack(root)
    assert ("id", "/$defs/inner/$defs/text") in {
        (r.rule, r.target_pointer) for r in pack.resolutions
    }
    assert pack.validate("yes", "Batch").ok
    assert not pack.validate(1, "Batch").ok


def test_an_id_inside_an_unknown_keyword_is_not_a_resource(make_pack) -> None:
    same = "https://example.com/same.json"
    root = make_pack(
        schemas={
            "flags-api-batch": schema(
                "Batch",
                **{
                    "$defs": {"real": {"$id": same, "type": "string"}},
                    "x-extension": {"copy": {"$id": same, "type": "integer"}},
                },
            )
        }
    )
    assert hsconform.load_pack(root).types()


@pytest.mark.parametrize(("document", "accepts"), [("true", True), ("false", False)])
def test_a_boolean_document_is_a_schema(make_pack, document: str, accepts: bool) -> None:
    pack = hsconform.load_pack(make_pack(schemas={"flags-api-anything": document}))
    (only,) = pack.types()
    assert pack.validate({"any": ["thing"]}, only).ok is accepts


def test_a_boolean_json_structure_document_is_still_refused(make_pack) -> None:
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(make_pack(structures={"flags-api-anything": "true"}))
    assert [p.code for p in caught.value.problems] == ["HSC-PACK-NOT-A-SCHEMA"]


def test_the_official_meta_schema_is_referenced_without_the_network(make_pack) -> None:
    root = make_pack(schemas={"flags-api-meta": schema("Meta", **{"$ref": DRAFT})})
    pack = hsconform.load_pack(root)
    assert [r.rule for r in pack.resolutions] == ["metaschema"]
    assert pack.validate({"type": "string"}, "Meta").ok
    assert not pack.validate({"type": 12}, "Meta").ok


def test_a_meta_schema_of_the_pack_is_read_as_json_schema(make_pack) -> None:
    meta_id = "https://example.com/meta/no-validation.json"
    meta = {
        "$schema": DRAFT,
        "$id": meta_id,
        "$vocabulary": {
            "https://json-schema.org/draft/2020-12/vocab/applicator": True,
            "https://json-schema.org/draft/2020-12/vocab/core": True,
        },
        "$dynamicAnchor": "meta",
        "allOf": [
            {"$ref": "https://json-schema.org/draft/2020-12/meta/applicator"},
            {"$ref": "https://json-schema.org/draft/2020-12/meta/core"},
        ],
    }
    user = {
        "$schema": meta_id,
        "title": "Limited",
        "properties": {"n": {"minimum": 10, "type": "string"}},
    }
    pack = hsconform.load_pack(
        make_pack(schemas={"flags-api-meta": meta, "flags-api-limited": user})
    )
    assert [n.code for n in pack.notes] == ["HSC-PACK-CUSTOM-METASCHEMA"]
    assert pack.validate({"n": 1}, "Limited").ok  # the meta-schema has no validation vocabulary


def test_references_of_a_retrieved_document_are_fetched_at_load(make_pack) -> None:
    remotes: dict[str, Any] = {
        "https://example.com/a.json": {"$schema": DRAFT, "$ref": "nested/b.json"},
        "https://example.com/nested/b.json": {"$schema": DRAFT, "type": "string"},
    }
    asked: list[str] = []

    def retrieve(uri: str) -> Any:
        asked.append(uri)
        return remotes[uri]

    root = make_pack(
        schemas={
            "flags-api-batch": schema(
                "Batch", properties={"s": {"$ref": "https://example.com/a.json"}}
            )
        }
    )
    pack = hsconform.load_pack(root, retrieve=retrieve)
    assert asked == ["https://example.com/a.json", "https://example.com/nested/b.json"]
    assert [f.code for f in pack.validate({"s": 1}, "Batch").findings] == ["HSC-V-TYPE"]
    assert len(asked) == 2  # nothing fetched while validating


def test_a_retrieved_documents_broken_reference_is_a_load_problem(make_pack) -> None:
    def retrieve(uri: str) -> Any:
        if uri == "https://example.com/a.json":
            return {"$schema": DRAFT, "$ref": "missing.json"}
        raise LookupError(f"no {uri}")

    root = make_pack(
        schemas={
            "flags-api-batch": schema(
                "Batch", properties={"s": {"$ref": "https://example.com/a.json"}}
            )
        }
    )
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(root, retrieve=retrieve)
    (problem,) = caught.value.problems
    assert problem.code == "HSC-PACK-UNRESOLVED-REF"
    assert problem.target == "https://example.com/missing.json"
    assert problem.file == "json-schema/flags-api-batch-schema.json"
