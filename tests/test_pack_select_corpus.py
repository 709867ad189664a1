"""``hsconform pack select`` of the shared corpus for the routes of three APIs.

The selected pack loads on its own (every reference resolved), gives the same findings as the
whole corpus on the examples of its types in both dialects, routes every kept operation to the
same type, and is a small part of the corpus. Skipped, with the reason shown, without
../shared/corpus.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import hsconform

pytestmark = pytest.mark.corpus

APIS = ("crm-contacts", "authors", "cms-pages")


def _operations(pack: hsconform.Pack) -> list[str]:
    """``METHOD template`` of every operation with a response typed in one of APIS."""
    found = {
        f"{route.method} {route.template}"
        for route in pack.routes.table
        if pack.type(route.type_name).api in APIS
    }
    return sorted(found)


@pytest.fixture(scope="module")
def selected(
    hubspot_corpus: Path,
    corpus_pack: hsconform.Pack,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    out = tmp_path_factory.mktemp("selected") / "pack"
    argv = ["pack", "select", str(hubspot_corpus), "--out", str(out)]
    for operation in _operations(corpus_pack):
        argv += ["--route", operation]
    code = hsconform.cli.main(argv)
    assert code == 0
    return out


def test_the_selection_loads_with_every_reference_resolved(
    selected: Path, corpus_pack: hsconform.Pack
) -> None:
    pack = hsconform.load_pack(selected)  # raises on any unresolved reference
    files = {d.file for d in pack.documents}
    assert {d.api for d in pack.documents} >= set(APIS)
    assert len(pack.resolutions) == sum(1 for r in corpus_pack.resolutions if r.file in files)
    assert all(r.target_file in files for r in pack.resolutions)


def test_the_selection_finds_what_the_corpus_finds_on_its_examples(
    selected: Path, corpus_pack: hsconform.Pack
) -> None:
    pack = hsconform.load_pack(selected)
    examples = pack.examples()
    assert len(examples) >= 10
    compared = findings = 0
    for stem, path in examples.items():
        payload = json.loads(path.read_text(encoding="utf-8"))
        for variant in pack.type(stem).variants:
            result = pack.validate(payload, stem, variant=variant)
            assert result == corpus_pack.validate(payload, stem, variant=variant), path.name
            compared += 1
            findings += len(result.findings)
    assert compared >= 2 * len(examples) - 2
    assert findings > 0  # the corpus's known quirks are among the selected examples


def test_every_operation_of_the_three_apis_is_routed_as_in_the_corpus(
    selected: Path, corpus_pack: hsconform.Pack
) -> None:
    pack = hsconform.load_pack(selected)
    assert not pack.routes.notes
    operations = _operations(corpus_pack)
    for operation in operations:
        method, template = operation.split(" ", 1)
        url = "https://api.hubapi.com" + re.sub(r"\{[^}]*\}", "x1", template)
        mine = {
            r.status: pack.type(r.type_name).stem for r in pack.routes.table.operation(method, url)
        }
        theirs = {
            r.status: corpus_pack.type(r.type_name).stem
            for r in corpus_pack.routes.table.operation(method, url)
        }
        assert mine == theirs, operation
    assert len(pack.routes.table) >= len(operations)


def test_the_selection_is_a_small_part_of_the_corpus(selected: Path, hubspot_corpus: Path) -> None:
    def size(folder: Path) -> int:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

    assert size(selected) < 0.1 * size(hubspot_corpus)
