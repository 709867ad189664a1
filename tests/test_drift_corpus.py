"""Drift over the published HubSpot twins, checked against independent scans of the raw files.

These tests read ../shared/corpus and are skipped (with the reason shown) where it is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hsconform
from hsconform.findings import Finding

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def published(hubspot_corpus: Path) -> tuple[hsconform.Pack, tuple[Finding, ...]]:
    pack = hsconform.load_pack(hubspot_corpus, profile="published")
    return pack, pack.drift()


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _nodes(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Schema nodes reachable through properties, items and additionalProperties."""
    if not isinstance(node, dict):
        return
    yield pointer, node
    for name, child in (node.get("properties") or {}).items():
        yield from _nodes(child, f"{pointer}/properties/{name}")
    for keyword in ("items", "additionalProperties", "values"):
        if isinstance(node.get(keyword), dict):
            yield from _nodes(node[keyword], f"{pointer}/{keyword}")
    for index, part in enumerate(node.get("allOf") or []):
        yield from _nodes(part, f"{pointer}/allOf/{index}")


def _twin_nodes(corpus: Path) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
    """(file, pointer, JSON Schema node, JSON Structure node at the same pointer)."""
    for path in sorted((corpus / "json-schema").glob("*.json")):
        twin = corpus / "json-structure" / path.name.replace("-schema.json", "-structure.json")
        if not twin.exists():
            continue
        structure = _read(twin)
        for pointer, node in _nodes(_read(path)):
            other: Any = structure
            for token in pointer.split("/")[1:]:
                other = other.get(token) if isinstance(other, dict) else None
            yield f"json-schema/{path.name}", pointer, node, other


def _located(findings: tuple[Finding, ...], code: str) -> set[tuple[str, str]]:
    return {(f.schema.file, f.schema.pointer) for f in findings if f.code == code and f.schema}


def _proven(pack: hsconform.Pack, finding: Finding) -> bool:
    verdicts = [
        pack.validate(finding.witness, finding.type_name or "", variant=v).ok
        for v in ("json-schema", "json-structure")
    ]
    accepted = "json-schema" if verdicts[0] else "json-structure"
    return verdicts.count(True) == 1 and accepted == finding.accepted_by


def test_every_wire_finding_carries_a_proven_witness(published) -> None:
    pack, findings = published
    wire = [f for f in findings if f.category == "wire"]
    assert len(wire) > 100
    assert [f for f in wire if not _proven(pack, f)] == []
    assert not [f for f in findings if f.code == "HSC-D-UNPROVEN"]


def test_every_int64_whose_wire_encoding_differs(published, hubspot_corpus: Path) -> None:
    _, findings = published
    expected = {
        (file, pointer)
        for file, pointer, node, other in _twin_nodes(hubspot_corpus)
        if node.get("type") == "integer"
        and node.get("format") == "int64"
        and isinstance(other, dict)
        and other.get("type") == "int64"
    }
    assert expected
    assert _located(findings, "HSC-D-INT-WIRE") == expected


def test_every_int64_narrowed_to_integer(published, hubspot_corpus: Path) -> None:
    _, findings = published
    narrowed = {
        (file, pointer)
        for file, pointer, node, other in _twin_nodes(hubspot_corpus)
        if node.get("type") == "integer"
        and node.get("format") == "int64"
        and isinstance(other, dict)
        and other.get("type") in ("integer", "int32")
    }
    assert narrowed
    ranges = [f for f in findings if f.code == "HSC-D-INT-RANGE" and f.schema]
    located = {(f.schema.file, f.schema.pointer) for f in ranges}
    assert narrowed <= located
    for finding in ranges:
        if (finding.schema.file, finding.schema.pointer) in narrowed:
            assert "narrowed" in finding.message


def test_every_email_type(published, hubspot_corpus: Path) -> None:
    _, findings = published
    emails = {
        (f"json-structure/{path.name}", pointer)
        for path in sorted((hubspot_corpus / "json-structure").glob("*.json"))
        for pointer, node in _nodes(_read(path))
        if node.get("type") == "email"
    }
    assert len(emails) == 17
    assert _located(findings, "HSC-PUB-EMAIL-TYPE") == {(f, p + "/type") for f, p in emails}


def test_every_dropped_binary(published, hubspot_corpus: Path) -> None:
    _, findings = published
    dropped = {
        (file, pointer)
        for file, pointer, node, other in _twin_nodes(hubspot_corpus)
        if node.get("format") == "binary"
        and isinstance(other, dict)
        and other.get("type") != "binary"
    }
    assert dropped
    assert _located(findings, "HSC-D-BINARY-DROPPED") == dropped


def test_every_example_file_valid_under_one_variant_only(published, hubspot_corpus: Path) -> None:
    pack, findings = published
    expected = set()
    for stem, path in pack.examples().items():
        pack_type = pack.type(stem)
        if not pack_type.is_twin:
            continue
        payload = _read(path)
        verdicts = {
            v: pack.validate(payload, stem, variant=v).ok for v in ("json-schema", "json-structure")
        }
        if len(set(verdicts.values())) == 2:
            expected.add(pack_type.name)
    reported = {
        f.type_name
        for f in findings
        if f.code == "HSC-D-EXAMPLE" and f.schema and f.schema.file.startswith("examples/")
    }
    assert reported == expected
    declared = [
        f
        for f in findings
        if f.code == "HSC-D-EXAMPLE" and f.schema and not f.schema.file.startswith("examples/")
    ]
    assert all(_proven(pack, f) for f in findings if f.code == "HSC-D-EXAMPLE")
    assert declared


_SIMPLE = {
    ("string", None): ("string",),
    ("string", "date-time"): ("datetime",),
    ("string", "uri-reference"): ("uri",),
    ("boolean", None): ("boolean",),
}


def _agrees(js: Any, st: Any) -> bool:
    """A deliberately narrow oracle: twins built only from pairs the equivalence table names."""
    if not isinstance(js, dict) or not isinstance(st, dict) or "$ref" in js or "$ref" in st:
        return False
    for keyword in ("enum", "required"):
        if js.get(keyword) != st.get(keyword):
            return False
    for keyword in ("description", "example", "examples", "additionalProperties", "allOf"):
        if (keyword in js) != (keyword in st):
            return False
    if js.get("type") == "object":
        names = js.get("properties") or {}
        return (
            st.get("type") == "object"
            and bool(names)
            and set(names) == set(st.get("properties") or {})
            and all(_agrees(names[n], st["properties"][n]) for n in names)
        )
    if js.get("type") == "array":
        return st.get("type") == "array" and _agrees(js.get("items"), st.get("items"))
    simple = _SIMPLE.get((js.get("type"), js.get("format")))
    return simple is not None and (st.get("type"),) == simple


def test_agreeing_twins_yield_no_finding(published, hubspot_corpus: Path) -> None:
    pack, findings = published
    agreeing = []
    for path in sorted((hubspot_corpus / "json-schema").glob("*.json")):
        twin = (
            hubspot_corpus / "json-structure" / path.name.replace("-schema.json", "-structure.json")
        )
        if twin.exists() and _agrees(_read(path), _read(twin)):
            agreeing.append(f"json-schema/{path.name}")
    assert len(agreeing) >= 20
    types = {d.file: t.name for t in pack.types() for d in t.documents.values()}
    names = {types[file] for file in agreeing}
    # nothing at all about the twins; a published example its own schema rejects is a finding
    # about that example, not about the twins, and may still occur
    about = [f for f in findings if f.type_name in names and f.code != "HSC-D-EXAMPLE-INVALID"]
    assert about == []
