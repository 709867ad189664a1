"""The published HubSpot material: everything loads, every reference resolves, examples validate.

These tests read ../shared/corpus and are skipped (with the reason shown) where it is absent.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers import resolves
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

import hsconform
from hsconform.json_schema.validator import FORMAT_CHECKER
from hsconform.pack.naming import api_of

pytestmark = pytest.mark.corpus

#: Conformant published examples, as measured with hsconform (JSON Schema variant, format and
#: int32/int64 range checks on, batch rules on). A change here means validation changed.
CONFORMANT_EXAMPLES = 427


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def _raw_refs(node: Any) -> list[str]:
    """Every string ``$ref`` outside example/enum data: an independent count of references."""
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "$ref" and isinstance(value, str):
                    found.append(value)
                elif key not in ("example", "examples", "enum", "const", "default"):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_every_document_loads_and_twins_pair(
    corpus_pack: hsconform.Pack, hubspot_corpus: Path
) -> None:
    counts = corpus_pack.counts()
    assert counts.documents == {
        "json-schema": len(_files(hubspot_corpus / "json-schema")),
        "json-structure": len(_files(hubspot_corpus / "json-structure")),
    }
    schema_stems = {
        p.name.removesuffix("-schema.json") for p in _files(hubspot_corpus / "json-schema")
    }
    structure_stems = {
        p.name.removesuffix("-structure.json") for p in _files(hubspot_corpus / "json-structure")
    }
    assert counts.twins == len(schema_stems & structure_stems)
    lone = {t.stem for t in corpus_pack.types() if not t.is_twin}
    assert lone == schema_stems ^ structure_stems


@pytest.mark.parametrize("dialect", ["json-schema", "json-structure"])
def test_every_reference_resolves_in_both_dialects(
    corpus_pack: hsconform.Pack, hubspot_corpus: Path, dialect: str
) -> None:
    written = Counter()
    for path in _files(hubspot_corpus / dialect):
        for ref in _raw_refs(json.loads(path.read_text(encoding="utf-8"))):
            written[(f"{dialect}/{path.name}", ref)] += 1
    resolved = Counter(
        (r.file, r.ref) for r in corpus_pack.resolutions if r.file.startswith(dialect + "/")
    )
    assert written, "the corpus has references to resolve"
    assert resolved == written
    for resolution in corpus_pack.resolutions:
        if resolution.ref.startswith("#/components/schemas/"):
            name = resolution.ref.rsplit("/", 1)[1]
            target = next(d for d in corpus_pack.documents if d.file == resolution.target_file)
            assert target.title == name
            assert target.dialect == dialect or not resolution.file.startswith(dialect)


def test_error_detail_comes_from_the_other_generation(corpus_pack: hsconform.Pack) -> None:
    other = [r for r in corpus_pack.resolutions if r.rule == "component-other-generation"]
    assert other, "some families lack ErrorDetail and borrow it"
    for resolution in other:
        assert resolution.ref == "#/components/schemas/ErrorDetail"
        source_family = next(d.family for d in corpus_pack.documents if d.file == resolution.file)
        target_family = next(
            d.family for d in corpus_pack.documents if d.file == resolution.target_file
        )
        assert source_family != target_family
        assert api_of(source_family) == api_of(target_family)


def _bare_validator(corpus_pack: hsconform.Pack, stem: str) -> Draft202012Validator:
    """Plain jsonschema on the registry's own contents: the oracle for our verdicts."""
    document = corpus_pack.type(stem).documents["json-schema"]
    registry: Registry[Any] = corpus_pack.registry
    contents = registry.get_or_retrieve(document.uri).value.contents
    resource = DRAFT202012.create_resource(contents)
    return Draft202012Validator(
        contents,
        registry=registry.with_resource(document.uri, resource),
        format_checker=FORMAT_CHECKER,
    )


def test_published_examples_against_their_json_schema_twin(
    corpus_pack: hsconform.Pack,
) -> None:
    examples = corpus_pack.examples()
    assert len(examples) >= 400
    conformant = 0
    for stem, path in examples.items():
        payload = json.loads(path.read_text(encoding="utf-8"))
        result = corpus_pack.validate(payload, stem)
        schema_findings = [f for f in result.findings if f.code.startswith("HSC-V-")]
        oracle = list(_bare_validator(corpus_pack, stem).iter_errors(payload))
        # the same schema verdict as plain jsonschema, error for error
        assert len(schema_findings) == len(oracle), path.name
        if result.ok:
            conformant += 1
            assert result.findings == ()
            continue
        # each non-conformant example is explained by findings that point into it
        for finding in result.findings:
            assert finding.message
            assert resolves(payload, finding.instance), (path.name, finding.instance)
            if finding.code.startswith("HSC-V-"):
                assert finding.schema is not None
                assert finding.keyword is not None
    assert conformant == CONFORMANT_EXAMPLES


def test_corpus_findings_explain_the_known_quirks(corpus_pack: hsconform.Pack) -> None:
    """``{}`` for a string enum, the best-known published mistake, is reported as such."""
    path = corpus_pack.examples()[
        "crm-feature-flags-api-batch-portal-flag-state-response-with-errors"
    ]
    result = corpus_pack.validate(
        json.loads(path.read_text(encoding="utf-8")),
        "crm-feature-flags-api-batch-portal-flag-state-response-with-errors",
    )
    enum = next(f for f in result.findings if f.code == "HSC-V-ENUM")
    assert enum.instance == "/results/0/flagState"
    assert enum.schema is not None
    assert enum.schema.file == "json-schema/crm-feature-flags-api-flag-state-schema.json"
