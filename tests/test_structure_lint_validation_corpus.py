"""Lint sees what validation rejects: every JSON Structure document of the reference corpus.

Each document is linted and compiled under both profiles. Wherever validation has a
schema-level problem (``HSC-V-SCHEMA-*``, ``HSC-V-UNKNOWN-TYPE``: a schema that cannot
judge a value), the lint must report an error at that place (or above or below it).
Skipped, with the reason shown, where ../shared/corpus is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS

import hsconform
from hsconform.findings import Finding, Severity
from hsconform.json_structure.compiler import Compiler, SchemaSource
from hsconform.json_structure.lint import lint_document
from hsconform.json_structure.nodes import InvalidNode, Node
from hsconform.json_structure.validator import validator_for_document

pytestmark = pytest.mark.corpus

PROFILES = ("strict", "published")
#: Values every document is also judged on, whatever its examples.
PROBES: tuple[Any, ...] = ({}, [], "", 0, 1.5, True, None)


def _schema_level(code: str) -> bool:
    return code.startswith("HSC-V-SCHEMA") or code == "HSC-V-UNKNOWN-TYPE"


def _related(lint_pointer: str, pointer: str) -> bool:
    """The same schema, one inside the other; the root relates to the root's own keywords."""
    if not pointer:
        return lint_pointer.count("/") <= 1
    return (
        lint_pointer == pointer
        or lint_pointer.startswith(pointer + "/")
        or pointer.startswith(lint_pointer + "/")
    )


def _compiled_problems(source: SchemaSource, file: str, profile: str) -> set[tuple[str, str]]:
    """(code, pointer) of every unusable schema the document's validator is built from."""
    compiler = Compiler(source, profile)
    nodes: list[Node] = [compiler.root(file), *compiler.table.values()]
    for node in list(nodes):
        for name in ("members", "elements"):  # built in place, not through the table
            nodes.extend(getattr(node, name, ()))
    return {
        (node.code, node.loc.pointer + (f"/{node.keyword}" if node.keyword else ""))
        for node in nodes
        if isinstance(node, InvalidNode) and node.loc.file == file and _schema_level(node.code)
    }


def _reported(findings: Iterable[Finding]) -> Iterator[tuple[str, str]]:
    for finding in findings:
        if _schema_level(finding.code) and finding.schema is not None:
            yield finding.code, finding.schema.pointer


def _unseen(lint: list[Finding], problems: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    errors = [f.schema.pointer for f in lint if f.severity is Severity.ERROR and f.schema]
    return sorted({p for p in problems if not any(_related(e, p[1]) for e in errors)})


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _standalone() -> list[tuple[Path, list[Path]]]:
    """Every standalone schema document of the corpus, with the instances written for it."""
    samples = CORPUS / "json-structure-samples"
    assets = CORPUS / "json-structure-test-assets"
    if not samples.is_dir() or not assets.is_dir():
        pytest.skip(f"reference corpus not present at {CORPUS} (only in the development workspace)")
    found = []
    for schema in sorted(samples.glob("*/schema.struct.json")):
        folder = schema.parent.name
        invalid = assets / "instances" / "invalid" / folder
        found.append(
            (schema, sorted(schema.parent.glob("example*.json")) + sorted(invalid.glob("*.json")))
        )
    for schema in sorted((assets / "schemas").glob("*/*.struct.json")):
        name = schema.name.removesuffix(".struct.json")
        found.append((schema, sorted((assets / "instances" / "validation" / name).glob("*.json"))))
    return found


def _instance(path: Path) -> Any:
    data = _read(path)
    if isinstance(data, dict) and any(key.startswith("_") for key in data):
        if "value" in data:
            return data["value"]
        return {key: value for key, value in data.items() if not key.startswith("_")}
    return data


def test_the_lint_reports_every_schema_problem_validation_has_in_standalone_documents() -> None:
    unseen: dict[str, list[tuple[str, str]]] = {}
    documents = _standalone()
    assert len(documents) == 12 + 66
    for path, instances in documents:
        document = _read(path)
        for profile in PROFILES:
            lint = lint_document(document, file=path.name, profile=profile)
            validator = validator_for_document(document, file=path.name, profile=profile)
            problems = _compiled_problems(SchemaSource({path.name: document}), path.name, profile)
            for value in (*PROBES, *(_instance(p) for p in instances)):
                problems.update(_reported(validator.findings(value)))
            missed = _unseen(lint, problems)
            if missed:
                unseen[f"{path.parent.name}/{path.name} ({profile})"] = missed
    assert unseen == {}


@pytest.mark.parametrize("profile", PROFILES)
def test_the_lint_reports_every_schema_problem_validation_has_in_hubspot_documents(
    hubspot_corpus: Path, profile: str
) -> None:
    pack = hsconform.load_pack(hubspot_corpus, profile=profile)
    lints: dict[str, list[Finding]] = {}
    for finding in pack.lint():
        if finding.variant == "json-structure" and finding.schema is not None:
            lints.setdefault(finding.schema.file, []).append(finding)
    source = pack.schema_source("json-structure")
    examples = pack.examples()
    unseen: dict[str, list[tuple[str, str]]] = {}
    judged = 0
    for pack_type in pack.types():
        if "json-structure" not in pack_type.variants:
            continue
        file = pack.document(pack_type, variant="json-structure").file
        problems = _compiled_problems(source, file, profile)
        values = [
            *PROBES,
            *([_read(examples[pack_type.stem])] if pack_type.stem in examples else []),
        ]
        for value in values:
            result = pack.validate(value, pack_type, variant="json-structure")
            problems.update((code, pointer) for code, pointer in _reported(result.findings))
        judged += 1
        missed = _unseen(lints.get(file, []), problems)
        if missed:
            unseen[file] = missed
    assert judged > 400
    assert unseen == {}
