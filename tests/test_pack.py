"""Loading packs: naming, twins, the registry's reference resolution, and load errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT, schema, structure

import hsconform
from hsconform.pack import vendored_pack_path

FLAG_STATE = schema("FlagState", type="string", enum=["ON", "OFF"])


def test_vendored_pack_has_every_seed_type_in_both_variants(vendored: hsconform.Pack) -> None:
    names = {t.name: t for t in vendored.types()}
    for name in [
        "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors",
        "hubspot-crm-feature-flags/BatchPortalFlagStateResponseWithErrors",
        "crm-associations-api/BatchAssociationResponse",
        "authors-api/BatchResponse",
        "hubspot-crm-objects/BatchResponseSimplePublicObject",
        "hubspot-crm-objects/BatchResponseSimplePublicObjectWithErrors",
        "crm-feature-flags-api/FlagState",
        "crm-associations-api/ObjectReference",
        "hubspot-crm-associations/ErrorDetail",
        "hubspot-crm-objects/SimplePublicObject",
        "hubspot-crm-objects/StandardError",
        "authors-api/BlogAuthor",
    ]:
        assert names[name].variants == ("json-schema", "json-structure"), name
    counts = vendored.counts()
    assert counts.twins == counts.types == len(names)
    assert counts.refs_resolved > 0


def test_vendored_pack_is_found_without_the_source_tree(vendored: hsconform.Pack) -> None:
    installed_from_source = Path(hsconform.__file__).resolve().is_relative_to(ROOT / "src")
    if installed_from_source:
        assert vendored.root.resolve() == (ROOT / "schemas").resolve()
    else:  # a real (non-editable) install: the pack ships inside the package
        assert vendored_pack_path().resolve() == Path(hsconform.__file__).parent / "schemas"
    assert vendored.root.resolve() == vendored_pack_path().resolve()


def test_type_is_addressable_by_stem_family_title_and_unique_title(
    vendored: hsconform.Pack,
) -> None:
    by_stem = vendored.type("crm-associations-api-batch-association-response")
    assert vendored.type("crm-associations-api/BatchAssociationResponse") is by_stem
    assert vendored.type("BatchAssociationResponse") is by_stem
    assert by_stem.stem == "crm-associations-api-batch-association-response"
    assert by_stem.family == "crm-associations-api"
    assert by_stem.title == "BatchAssociationResponse"


def test_ambiguous_title_lists_the_qualified_candidates(vendored: hsconform.Pack) -> None:
    with pytest.raises(hsconform.UnknownType) as caught:
        vendored.type("BatchPortalFlagStateResponseWithErrors")
    assert caught.value.ambiguous
    assert set(caught.value.candidates) == {
        "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors",
        "hubspot-crm-feature-flags/BatchPortalFlagStateResponseWithErrors",
    }


def test_unknown_type_suggests_close_names(vendored: hsconform.Pack) -> None:
    with pytest.raises(hsconform.UnknownType) as caught:
        vendored.type("BatchAssociationRespons")
    assert caught.value.candidates == ("crm-associations-api/BatchAssociationResponse",)
    assert "crm-associations-api/BatchAssociationResponse" in str(caught.value)
    with pytest.raises(hsconform.UnknownType) as caught:
        vendored.type("BatchAsociationResponse")  # no name holds it: names a few edits away
    assert caught.value.candidates[0] == "crm-associations-api/BatchAssociationResponse"


def test_component_pointer_resolves_to_same_family(make_pack, tmp_path: Path) -> None:
    root = make_pack(
        schemas={
            "flags-api-flag-state": FLAG_STATE,
            "flags-api-batch": schema(
                "Batch",
                type="object",
                properties={"state": {"$ref": "#/components/schemas/FlagState"}},
            ),
        }
    )
    pack = hsconform.load_pack(root)
    (resolution,) = pack.resolutions
    assert resolution.rule == "component"
    assert resolution.target_file == "json-schema/flags-api-flag-state-schema.json"
    assert pack.validate({"state": "ON"}, "Batch").ok
    (finding,) = pack.validate({"state": "MAYBE"}, "Batch").findings
    assert finding.code == "HSC-V-ENUM"
    assert finding.schema is not None
    assert finding.schema.file == "json-schema/flags-api-flag-state-schema.json"
    assert finding.schema.pointer == "/enum"
    assert [(h.file, h.pointer, h.ref) for h in finding.schema.hops] == [
        (
            "json-schema/flags-api-batch-schema.json",
            "/properties/state/$ref",
            "#/components/schemas/FlagState",
        )
    ]


def test_component_pointer_falls_back_to_other_generation(make_pack) -> None:
    root = make_pack(
        schemas={
            "hubspot-flags-error-detail": schema(
                "ErrorDetail", type="object", required=["message"]
            ),
            "flags-api-batch": schema(
                "Batch",
                type="object",
                properties={
                    "errors": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/ErrorDetail"},
                    }
                },
            ),
        }
    )
    pack = hsconform.load_pack(root)
    (resolution,) = pack.resolutions
    assert resolution.rule == "component-other-generation"
    assert "hubspot-flags" in resolution.note
    result = pack.validate({"errors": [{}]}, "Batch")
    assert [(f.code, f.instance) for f in result.findings] == [("HSC-V-REQUIRED", "/errors/0")]


def test_component_pointer_in_the_vendored_pack_uses_the_other_generation(
    vendored: hsconform.Pack,
) -> None:
    redirects = {
        (r.file, r.ref): r
        for r in vendored.resolutions
        if r.ref == "#/components/schemas/ErrorDetail"
        and r.file.startswith("json-schema/crm-associations-api")
    }
    (resolution,) = redirects.values()
    assert resolution.rule == "component-other-generation"
    assert resolution.target_file == "json-schema/hubspot-crm-associations-error-detail-schema.json"


def test_every_unresolvable_ref_is_reported_at_once(make_pack) -> None:
    root = make_pack(
        schemas={
            "flags-api-batch": schema(
                "Batch",
                type="object",
                properties={
                    "a": {"$ref": "#/components/schemas/Missing"},
                    "b": {"$ref": "#/$defs/nowhere"},
                    "c": {"$ref": "other-schema.json"},
                },
            ),
        },
        structures={
            "flags-api-batch": structure(
                "Batch",
                type="object",
                properties={"a": {"type": {"$ref": "#/definitions/Nope"}}},
            ),
        },
    )
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(root)
    problems = {(p.file, p.pointer) for p in caught.value.problems}
    assert problems == {
        ("json-schema/flags-api-batch-schema.json", "/properties/a"),
        ("json-schema/flags-api-batch-schema.json", "/properties/b"),
        ("json-schema/flags-api-batch-schema.json", "/properties/c"),
        ("json-structure/flags-api-batch-structure.json", "/properties/a/type"),
    }
    assert all(p.code == "HSC-PACK-UNRESOLVED-REF" for p in caught.value.problems)
    assert all(p.line is not None for p in caught.value.problems)
    message = str(caught.value)
    assert "4 problems" in message
    assert "flags-api-missing" in message  # says where it looked


def test_local_defs_and_relative_file_refs_resolve(make_pack) -> None:
    root = make_pack(
        schemas={
            "flags-api-flag-state": FLAG_STATE,
            "flags-api-batch": schema(
                "Batch",
                type="object",
                properties={
                    "state": {"$ref": "flags-api-flag-state-schema.json"},
                    "count": {"$ref": "#/$defs/Count"},
                },
                **{"$defs": {"Count": {"type": "integer", "minimum": 0}}},
            ),
        }
    )
    pack = hsconform.load_pack(root)
    assert {r.rule for r in pack.resolutions} == {"file", "local"}
    findings = pack.validate({"state": "MAYBE", "count": -1}, "Batch").findings
    assert sorted((f.code, f.instance, f.schema.file) for f in findings if f.schema) == [
        ("HSC-V-ENUM", "/state", "json-schema/flags-api-flag-state-schema.json"),
        ("HSC-V-MINIMUM", "/count", "json-schema/flags-api-batch-schema.json"),
    ]


def test_relative_ref_in_a_document_with_an_http_id_stays_in_the_pack(make_pack) -> None:
    base = "https://example.com/hubspot/json-schema/"
    root = make_pack(
        schemas={
            "flags-api-flag-state": FLAG_STATE,
            "flags-api-batch": schema(
                "Batch",
                type="object",
                properties={"state": {"$ref": "flags-api-flag-state-schema.json"}},
                **{"$id": base + "flags-api-batch-schema.json"},
            ),
        }
    )
    pack = hsconform.load_pack(root)
    (resolution,) = pack.resolutions
    assert resolution.rule == "file-relative"
    assert not pack.validate({"state": "MAYBE"}, "Batch").ok


def test_remote_ref_is_refused_unless_a_retrieve_hook_is_given(make_pack) -> None:
    remote = "https://example.com/schemas/state.json"
    root = make_pack(
        schemas={"flags-api-batch": schema("Batch", properties={"s": {"$ref": remote}})}
    )
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(root)
    (problem,) = caught.value.problems
    assert problem.code == "HSC-PACK-REMOTE-REF"
    assert problem.target == remote

    asked: list[str] = []

    def retrieve(uri: str) -> object:
        asked.append(uri)
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string"}

    pack = hsconform.load_pack(root, retrieve=retrieve)
    assert asked == [remote]
    assert pack.validate({"s": "x"}, "Batch").ok
    assert [f.code for f in pack.validate({"s": 1}, "Batch").findings] == ["HSC-V-TYPE"]


def test_file_ref_never_escapes_the_pack(make_pack, tmp_path: Path) -> None:
    outside = tmp_path / "secret-schema.json"
    outside.write_text(json.dumps(FLAG_STATE), encoding="utf-8")
    root = make_pack(
        schemas={
            "flags-api-batch": schema(
                "Batch", properties={"s": {"$ref": "../../secret-schema.json"}}
            )
        }
    )
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(root)
    (problem,) = caught.value.problems
    assert problem.code == "HSC-PACK-ESCAPING-REF"


def test_dialect_comes_from_schema_keyword(make_pack) -> None:
    root = make_pack(
        schemas={"flags-api-odd": structure("Odd", type="string")},
        structures={"flags-api-plain": {"name": "Plain", "type": "string"}},
    )
    pack = hsconform.load_pack(root)
    dialects = {d.file: d.dialect for d in pack.documents}
    assert dialects == {
        "json-schema/flags-api-odd-schema.json": "json-structure",
        "json-structure/flags-api-plain-structure.json": "json-structure",
    }
    assert {n.code for n in pack.notes} == {"HSC-PACK-DIALECT-FOLDER", "HSC-PACK-NO-SCHEMA-KEYWORD"}


def test_unknown_dialect_and_bad_json_are_load_problems_with_locations(make_pack) -> None:
    root = make_pack(
        schemas={
            "flags-api-a": {"$schema": "https://example.com/my-dialect", "title": "A"},
            "flags-api-b": '{\n  "title": "B",\n  "type": "object",,\n}',
        }
    )
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(root)
    by_code = {p.code: p for p in caught.value.problems}
    assert set(by_code) == {"HSC-PACK-UNKNOWN-DIALECT", "HSC-PACK-INVALID-JSON"}
    invalid = by_code["HSC-PACK-INVALID-JSON"]
    assert (invalid.file, invalid.line, invalid.column) == (
        "json-schema/flags-api-b-schema.json",
        3,
        20,
    )


def test_duplicate_id_is_a_load_problem(make_pack) -> None:
    same = {"$id": "https://example.com/x.json"}
    root = make_pack(
        schemas={"flags-api-a": schema("A", **same), "flags-api-b": schema("B", **same)}
    )
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(root)
    assert [p.code for p in caught.value.problems] == ["HSC-PACK-DUPLICATE-ID"]


def test_missing_folder_and_wrong_layout_are_pack_errors(tmp_path: Path) -> None:
    with pytest.raises(hsconform.PackError, match="does not exist"):
        hsconform.load_pack(tmp_path / "nope")
    with pytest.raises(hsconform.PackError, match="neither json-schema/ nor json-structure/"):
        hsconform.load_pack(tmp_path)


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown profile"):
        hsconform.load_pack(profile="loose")


def test_two_packs_with_the_same_ids_live_side_by_side(make_pack) -> None:
    ident = {"$id": "https://example.com/json-schema/flags-api-state-schema.json"}
    first = hsconform.load_pack(
        make_pack(schemas={"flags-api-state": schema("State", type="string", **ident)}, name="a")
    )
    second = hsconform.load_pack(
        make_pack(schemas={"flags-api-state": schema("State", type="integer", **ident)}, name="b")
    )
    assert first.validate("x", "State").ok
    assert not second.validate("x", "State").ok
    assert second.validate(3, "State").ok


def test_family_naming_follows_the_published_rules(make_pack) -> None:
    root = make_pack(
        schemas={
            "crm-search-api-crmobject": schema("CRMObject"),
            "hubspot-crm-search-filter": schema("Filter"),
            "hubspot-crm-search-request": schema("HubSpot CRM Search Request"),
            "hubspot-crm-object": schema("HubSpot CRM Object"),
        }
    )
    families = {t.stem: t.family for t in hsconform.load_pack(root).types()}
    assert families == {
        "crm-search-api-crmobject": "crm-search-api",
        "hubspot-crm-search-filter": "hubspot-crm-search",
        "hubspot-crm-search-request": "hubspot-crm-search",  # by the known family prefix
        "hubspot-crm-object": "hubspot-crm",  # nothing better: the stem without its last word
    }


def test_loading_does_not_modify_the_published_documents(make_pack) -> None:
    batch = schema("Batch", properties={"state": {"$ref": "#/components/schemas/FlagState"}})
    root = make_pack(schemas={"flags-api-flag-state": FLAG_STATE, "flags-api-batch": batch})
    before = (root / "json-schema" / "flags-api-batch-schema.json").read_bytes()
    pack = hsconform.load_pack(root)
    document = next(d for d in pack.documents if d.stem == "flags-api-batch")
    assert "components" not in document.contents
    assert (root / "json-schema" / "flags-api-batch-schema.json").read_bytes() == before


def test_pack_lint_places_findings_and_follows_the_profile(vendored: hsconform.Pack) -> None:
    published = vendored.lint()
    assert published and all(f.severity is not hsconform.Severity.ERROR for f in published)
    strict = vendored.lint(profile="strict")
    errors = [f for f in strict if f.severity is hsconform.Severity.ERROR]
    assert {f.code for f in errors} == {
        "HSC-S-MISSING-ID",
        "HSC-S-SCHEMA-URI",
        "HSC-S-OBJECT-WITHOUT-PROPERTIES",
        "HSC-S-REF-OUTSIDE-TYPE",
    }
    for finding in errors:
        assert finding.source is not None and finding.source.line is not None
        assert finding.schema is not None
        document = next(d for d in vendored.documents if d.file == finding.schema.file)
        assert document.dialect == "json-structure"
    with pytest.raises(ValueError, match="unknown profile"):
        vendored.lint(profile="lenient")


def test_pack_lint_checks_json_schema_documents_against_the_metaschema(make_pack) -> None:
    root = make_pack(schemas={"x-api-bad": schema("Bad", type="strin", minLength=-1)})
    findings = hsconform.load_pack(root).lint()
    assert {f.code for f in findings} == {"HSC-JS-METASCHEMA"}
    assert {f.schema.pointer for f in findings if f.schema} == {"/type", "/minLength"}
