"""Document lint against the world: the SDK conformance assets, the primer samples, HubSpot.

These tests read ../shared/corpus and are skipped (with the reason shown) where it is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS, resolves

import hsconform
from hsconform.findings import Finding, Severity
from hsconform.json_schema.lint import lint_json_schema
from hsconform.json_structure.lint import lint_document
from hsconform.pack.registry import Resolution

pytestmark = pytest.mark.corpus

ASSETS = CORPUS / "json-structure-test-assets" / "schemas"
SAMPLES = CORPUS / "json-structure-samples"

#: Each schema of schemas/invalid and the code its file name (and description) describes.
INVALID = {
    "allof-not-array": "HSC-S-COMPOSITION-NOT-ARRAY",
    "array-missing-items": "HSC-S-ARRAY-ITEMS",
    "circular-ref-direct": "HSC-S-REF-CIRCULAR",
    "constraint-type-mismatch-minimum": "HSC-S-CONSTRAINT-TYPE",
    "constraint-type-mismatch-minlength": "HSC-S-CONSTRAINT-TYPE",
    "defs-not-object": "HSC-S-DEFINITIONS-NOT-OBJECT",
    "enum-duplicates": "HSC-S-ENUM-DUPLICATE",
    "enum-empty": "HSC-S-ENUM-EMPTY",
    "enum-not-array": "HSC-S-ENUM-NOT-ARRAY",
    "invalid-regex-pattern": "HSC-S-PATTERN",
    "map-missing-values": "HSC-S-MAP-VALUES",
    "minimum-exceeds-maximum": "HSC-S-MIN-GT-MAX",
    "minitems-exceeds-maxitems": "HSC-S-MIN-GT-MAX",
    "minitems-negative": "HSC-S-NEGATIVE-COUNT",
    "minlength-exceeds-maxlength": "HSC-S-MIN-GT-MAX",
    "minlength-negative": "HSC-S-NEGATIVE-COUNT",
    "missing-type": "HSC-S-MISSING-TYPE",
    "multipleof-negative": "HSC-S-MULTIPLE-OF",
    "multipleof-zero": "HSC-S-MULTIPLE-OF",
    "properties-not-object": "HSC-S-PROPERTIES-NOT-OBJECT",
    "ref-undefined": "HSC-S-REF-UNRESOLVED",
    "required-missing-property": "HSC-S-REQUIRED-UNDECLARED",
    "required-not-array": "HSC-S-REQUIRED-NOT-ARRAY",
    "tuple-missing-definition": "HSC-S-TUPLE-ORDER",
    "tuple-missing-prefixitems": "HSC-S-TUPLE-ORDER",
    "unknown-type": "HSC-S-UNKNOWN-TYPE",
}
#: Further errors some of those schemas genuinely have besides the one they were written for.
ALSO_INVALID = {
    # "type": "object" with no properties at all
    "allof-not-array": {"HSC-S-OBJECT-WITHOUT-PROPERTIES"},
    "defs-not-object": {"HSC-S-OBJECT-WITHOUT-PROPERTIES"},
    # the root of this one has neither type nor name
    "missing-type": {"HSC-S-MISSING-NAME"},
    # a tuple without properties lacks its elements as well as their order
    "tuple-missing-definition": {"HSC-S-TUPLE-PROPERTIES"},
    "tuple-missing-prefixitems": {"HSC-S-TUPLE-PROPERTIES"},
}

#: HubSpot JSON Structure under ``published``: warnings by code (no error at all).
HUBSPOT_PUBLISHED_WARNINGS = {
    "HSC-PUB-EXAMPLE-KEYWORD": 1259,  # the singular "example" annotation
    "HSC-PUB-OPEN-OBJECT": 260,  # "type": "object" without properties
    "HSC-PUB-MISSING-ID": 265,  # hubspot-* files have no $id
    "HSC-PUB-SCHEMA-URI": 265,  # hubspot-* files declare .../draft/2020-12/schema
    "HSC-PUB-BARE-REF": 61,  # {"$ref": "#/components/schemas/X"} as a property/items schema
    "HSC-PUB-EMAIL-TYPE": 17,  # "type": "email"
    "HSC-S-EXTENSION-NOT-ENABLED": 22,  # maximum x9, default x6, maxItems x4, allOf x2, format
    "HSC-S-FORMAT-UNKNOWN": 1,  # "format": "binary" on a string
}
#: The same files under ``strict``: errors by code, for the record ...
HUBSPOT_STRICT_ERRORS = {
    "HSC-S-OBJECT-WITHOUT-PROPERTIES": 260,
    "HSC-S-MISSING-ID": 265,
    "HSC-S-SCHEMA-URI": 265,
    "HSC-S-REF-OUTSIDE-TYPE": 61,
    "HSC-S-UNKNOWN-TYPE": 17,  # all of them "email"
    # the two documents built with allOf without $uses: their validator accepts nothing
    "HSC-S-NO-ROOT-TYPE": 2,
}
#: ... and warnings by code (the example annotation is a warning in both profiles).
HUBSPOT_STRICT_WARNINGS = {
    "HSC-PUB-EXAMPLE-KEYWORD": 1259,
    "HSC-S-EXTENSION-NOT-ENABLED": 22,  # format among them: its name is not judged here
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not ASSETS.is_dir() or not SAMPLES.is_dir():
        pytest.skip(f"reference corpus not present at {CORPUS} (only in the development workspace)")
    return CORPUS


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _lint(path: Path, profile: str = "strict", **options: Any) -> tuple[Any, list[Finding]]:
    document = _load(path)
    findings = lint_document(document, file=path.name, profile=profile, **options)
    for finding in findings:
        assert finding.schema is not None
        assert resolves(document, finding.schema.pointer), (path.name, finding)
    return document, findings


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def _warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.WARNING]


# -- schemas/invalid -----------------------------------------------------------------------


def test_the_invalid_folder_holds_exactly_the_expected_schemas(corpus: Path) -> None:
    names = {p.name.removesuffix(".struct.json") for p in (ASSETS / "invalid").glob("*.json")}
    assert names == set(INVALID)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_each_invalid_schema_is_rejected_for_its_reason(corpus: Path, name: str) -> None:
    document, findings = _lint(ASSETS / "invalid" / f"{name}.struct.json")
    assert document["description"].startswith("Invalid: ")
    assert {f.code for f in _errors(findings)} == {INVALID[name]} | ALSO_INVALID.get(name, set())


# -- schemas/warnings and schemas/validation -----------------------------------------------


def _keywords_named(comment: str) -> set[str]:
    """The keywords a warnings schema's $comment says should be warned about."""
    listed = re.search(r"Should trigger warnings for: ([\w, ]+)", comment)
    if listed:
        return {name.strip() for name in listed.group(1).split(",")}
    return set(re.findall(r"Uses '(\w+)' keyword", comment))


def test_warning_schemas_warn_and_never_fail(corpus: Path) -> None:
    paths = sorted((ASSETS / "warnings").glob("*.json"))
    assert len(paths) == 24
    clean = []
    for path in paths:
        document, findings = _lint(path)
        comment = document["$comment"]
        assert _errors(findings) == [], path.name
        if "Should NOT trigger any warnings" in comment:
            assert findings == [], path.name
            clean.append(path.name)
            continue
        assert findings, path.name
        assert {f.code for f in findings} == {"HSC-S-EXTENSION-NOT-ENABLED"}, path.name
        named = _keywords_named(comment)
        assert named, path.name
        assert named <= {f.keyword for f in findings}, path.name
    assert clean == ["all-extension-keywords-with-uses.struct.json"]


def test_the_validation_schemas_lint_clean(corpus: Path) -> None:
    paths = sorted((ASSETS / "validation").glob("*.json"))
    assert len(paths) == 16
    for path in paths:
        for profile in ("strict", "published"):
            assert _lint(path, profile)[1] == [], (path.name, profile)


# -- the primer samples --------------------------------------------------------------------

#: ``$extends`` must name abstract types (core draft, "The $extends Keyword"); the
#: multiple-inheritance sample extends two concrete types (Car, Aircraft) from a concrete one.
SAMPLE_ERRORS = {
    "12-multiple-inheritance": [
        ("HSC-S-EXTENDS-NOT-ABSTRACT", "/definitions/FlyingCar/$extends/0"),
        ("HSC-S-EXTENDS-NOT-ABSTRACT", "/definitions/FlyingCar/$extends/1"),
    ],
}
#: The samples use ``default`` (a Validation-extension keyword) without enabling it.
SAMPLE_WARNINGS = {
    "01-basic-person": 1,
    "04-datetime-examples": 1,
    "11-sets-and-maps": 2,
}


def test_the_samples_lint_without_error_under_strict(corpus: Path) -> None:
    paths = sorted(SAMPLES.glob("*/schema.struct.json"))
    assert len(paths) == 12
    for path in paths:
        sample = path.parent.name
        _, findings = _lint(path)
        errors = [(f.code, f.schema and f.schema.pointer) for f in _errors(findings)]
        assert errors == SAMPLE_ERRORS.get(sample, []), sample
        warnings = _warnings(findings)
        assert len(warnings) == SAMPLE_WARNINGS.get(sample, 0), sample
        assert {(f.code, f.keyword) for f in warnings} <= {
            ("HSC-S-EXTENSION-NOT-ENABLED", "default")
        }


# -- HubSpot -------------------------------------------------------------------------------


def _hubspot_lint(
    resolutions: Iterable[Resolution], folder: Path, profile: str
) -> tuple[int, Counter[str], Counter[str]]:
    """Lint every file, passing the pointers the pack resolved into another document."""
    elsewhere_by_file: dict[str, set[str]] = {}
    for r in resolutions:
        if r.target_file != r.file:
            elsewhere_by_file.setdefault(r.file, set()).add(r.pointer)
    files = 0
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for path in sorted(folder.glob("*.json")):
        elsewhere = elsewhere_by_file.get(f"json-structure/{path.name}", set())
        _, findings = _lint(path, profile, resolved_elsewhere=elsewhere)
        files += 1
        errors.update(f.code for f in _errors(findings))
        warnings.update(f.code for f in _warnings(findings))
    return files, errors, warnings


def test_hubspot_structures_lint_without_error_when_published(
    corpus_pack: hsconform.Pack, hubspot_corpus: Path
) -> None:
    files, errors, warnings = _hubspot_lint(
        corpus_pack.resolutions, hubspot_corpus / "json-structure", "published"
    )
    assert files == len(list((hubspot_corpus / "json-structure").glob("*.json")))
    assert errors == Counter()
    assert warnings == Counter(HUBSPOT_PUBLISHED_WARNINGS)


def test_hubspot_structures_under_strict_for_the_record(
    corpus_pack: hsconform.Pack, hubspot_corpus: Path
) -> None:
    _, errors, warnings = _hubspot_lint(
        corpus_pack.resolutions, hubspot_corpus / "json-structure", "strict"
    )
    assert errors == Counter(HUBSPOT_STRICT_ERRORS)
    assert warnings == Counter(HUBSPOT_STRICT_WARNINGS)


def test_hubspot_bare_refs_all_resolve_elsewhere(hubspot_corpus: Path) -> None:
    """Without the pack's resolutions every bare $ref would be a reference to nowhere."""
    _, errors, _ = _hubspot_lint((), hubspot_corpus / "json-structure", "published")
    bare_refs = HUBSPOT_PUBLISHED_WARNINGS["HSC-PUB-BARE-REF"]
    assert errors == Counter({"HSC-S-REF-UNRESOLVED": bare_refs})


def test_hubspot_json_schemas_lint_clean(hubspot_corpus: Path) -> None:
    paths = sorted((hubspot_corpus / "json-schema").glob("*.json"))
    assert len(paths) > 400
    for path in paths:
        assert lint_json_schema(_load(path), file=path.name) == [], path.name
