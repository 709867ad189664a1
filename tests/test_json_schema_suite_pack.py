"""The official JSON-Schema-Test-Suite through a pack: every schema loads, every verdict holds.

``test_json_schema_suite`` checks the engine on its own; here each schema of the suite is the one
document of a pack folder, loaded by ``load_pack`` (embedded ``$id`` resources, anchors,
``$dynamicRef``, boolean schemas, custom meta-schemas, the official meta-schemas, remotes whose
own references lead to further remotes) and judged by ``Pack.validate``, as a user's pack is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_json_schema_suite import ANNOTATION_ONLY, DRAFT, SUITE, _retrieve

from hsconform import load_pack
from hsconform.errors import PackError


def _groups() -> list[tuple[str, int]]:
    if not DRAFT.is_dir():
        return []
    files = sorted(DRAFT.glob("*.json")) + sorted((DRAFT / "optional").glob("*.json"))
    return [
        (str(path.relative_to(DRAFT)), index)
        for path in files
        for index, _ in enumerate(json.loads(path.read_text(encoding="utf-8")))
    ]


def _pack_of(folder: Path, schema: Any) -> Path:
    (folder / "json-schema").mkdir(parents=True)
    text = json.dumps(schema)
    (folder / "json-schema" / "suite-case-schema.json").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("file", "index"), _groups(), ids=lambda v: str(v))
def test_every_suite_schema_loads_as_a_pack_and_judges_as_the_suite(
    tmp_path: Path, file: str, index: int
) -> None:
    group = json.loads((DRAFT / file).read_text(encoding="utf-8"))[index]
    pack = load_pack(_pack_of(tmp_path, group["schema"]), retrieve=_retrieve)
    (only,) = pack.types()
    wrong = [
        case["description"]
        for case in group["tests"]
        if ANNOTATION_ONLY not in case["description"]
        and pack.validate(case["data"], only).ok is not case["valid"]
    ]
    assert not wrong


def test_the_suite_is_there_for_the_pack_test() -> None:
    if not DRAFT.is_dir():
        pytest.skip(f"JSON-Schema-Test-Suite not present at {SUITE} (development workspace only)")
    assert len(_groups()) > 350


def test_without_retrieve_a_remote_reference_is_a_load_problem_not_a_crash(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "http://localhost:1234/draft2020-12/integer.json",
    }
    with pytest.raises(PackError) as caught:
        load_pack(_pack_of(tmp_path, schema))
    assert [p.code for p in caught.value.problems] == ["HSC-PACK-REMOTE-REF"]
