"""``pack diff`` of the published corpus against copies with generated changes of every kind.

Each generated change must be classified as docs/pack-diff.md says, every breaking and
widening change must carry a witness that both versions' validators (and the reference
JSON Schema engine) judge differently, and a copy that only reorders keys and reformats
whitespace must report nothing. These tests read ../shared/corpus and are skipped (with the
reason shown) where it is absent.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli
from pack_changes import (
    PROPERTY_CHANGES,
    Edits,
    Expected,
    add_type,
    change_closed,
    close_objects,
    copy_pack,
    reformat,
    remove_responses,
    remove_type,
    write_routes,
)

import hsconform
from hsconform.evolution import Change, diff_packs

pytestmark = pytest.mark.corpus

ADDED_ROUTE = ("GET", "/zz-generated/things", "200")


@dataclass(frozen=True)
class Generated:
    old: hsconform.Pack
    new: hsconform.Pack
    expected: tuple[Expected, ...]
    changes: tuple[Change, ...]
    route_types: dict[str, tuple[str, str]]


def _concrete(template: str) -> str:
    return re.sub(r"\{[^{}/]*\}", "1", template)


def _operations(pack: hsconform.Pack) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for route in pack.routes.table:
        found[(route.method, route.template)].append(route.status)
    return found


def _route_edits(old: hsconform.Pack, edits: Edits) -> dict[str, tuple[str, str]]:
    """Remove a status and an operation from the OpenAPI documents; retype one route and add
    one in routes.json. Returns the retyped route's (OLD type, NEW type)."""
    operations = sorted(_operations(old).items())
    plain = [
        (key, statuses)
        for key, statuses in operations
        if len(statuses) >= 2 and all(s.isdecimal() for s in statuses)
    ]
    (method, template), statuses = plain[0]
    removed_status = sorted(statuses)[-1]
    assert remove_responses(edits, method, template, removed_status)
    edits.expected.append(
        Expected(
            "status-removed",
            "breaking",
            frozenset({"HSC-PD-STATUS-REMOVED"}),
            route=f"{method} {template} {removed_status}",
        )
    )
    (gone_method, gone_template), gone_statuses = plain[1]
    assert remove_responses(edits, gone_method, gone_template, None)
    for status in gone_statuses:
        edits.expected.append(
            Expected(
                "route-removed",
                "removed",
                frozenset({"HSC-PD-ROUTE-REMOVED"}),
                route=f"{gone_method} {gone_template} {status}",
            )
        )
    (re_method, re_template), re_statuses = plain[2]
    status = sorted(re_statuses)[0]
    before = old.routes.table.match(re_method, _concrete(re_template), status)
    assert before is not None
    declared = set(old.document(before.type_name).keywords.get("properties", {}))
    other = next(
        t
        for t in old.types()
        if t.is_twin
        and any(
            name not in declared for name in t.documents["json-schema"].keywords.get("required", [])
        )
    )
    write_routes(
        edits,
        [
            {"method": re_method, "path": re_template, "responses": {status: other.name}},
            {"method": ADDED_ROUTE[0], "path": ADDED_ROUTE[1], "responses": {"200": other.name}},
        ],
    )
    retyped = f"{re_method} {re_template} {status}"
    for dialect in ("json-schema", "json-structure"):
        edits.expected.append(
            Expected(
                "route-type-changed",
                "breaking",
                frozenset({"HSC-PD-ROUTE-TYPE"}),
                dialect=dialect,
                route=retyped,
            )
        )
    edits.expected.append(
        Expected(
            "route-added", "added", frozenset({"HSC-PD-ROUTE-ADDED"}), route=" ".join(ADDED_ROUTE)
        )
    )
    return {retyped: (before.type_name, other.name)}


@pytest.fixture(scope="module")
def generated(hubspot_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Generated:
    old = hsconform.load_pack(hubspot_corpus)
    edits = Edits(copy_pack(hubspot_corpus, tmp_path_factory.mktemp("changed") / "pack"))
    for change in PROPERTY_CHANGES:
        assert change.apply(edits), f"no property of the corpus fits {change.kind}"
    referenced = {r.target_file for r in old.resolutions}
    routed = {r.type_name for r in old.routes.table}
    removable = next(
        t
        for t in old.types()
        if t.is_twin
        and t.stem not in edits.used
        and t.name not in routed
        and not any(d.file in referenced for d in t.documents.values())
    )
    remove_type(edits, removable.stem)
    add_type(edits, next(edits.twins()), "zz-generated-api-generated-thing", "GeneratedThing")
    route_types = _route_edits(old, edits)
    new = hsconform.load_pack(edits.root)
    return Generated(old, new, tuple(edits.expected), diff_packs(old, new), route_types)


@pytest.fixture(scope="module")
def closed(hubspot_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """OLD: the corpus with two root objects closed; NEW: one loses a property, one gains one."""
    base = Edits(copy_pack(hubspot_corpus, tmp_path_factory.mktemp("closed") / "pack"))
    removed_from, added_to = close_objects(base, 2)
    edits = Edits(copy_pack(base.root, tmp_path_factory.mktemp("closed-changed") / "pack"))
    change_closed(edits, removed_from, added_to)
    old, new = hsconform.load_pack(base.root), hsconform.load_pack(edits.root)
    return Generated(old, new, tuple(edits.expected), diff_packs(old, new), {})


def _name(generated: Generated, expected: Expected) -> str:
    pack = generated.old if expected.change_class == "removed" else generated.new
    return next(t.name for t in pack.types() if t.stem == expected.stem)


def _matches(generated: Generated, expected: Expected) -> list[Change]:
    found = []
    for change in generated.changes:
        if change.code not in expected.codes or change.change_class.value != expected.change_class:
            continue
        if expected.route is not None:
            if f"{expected.route}" not in change.message:
                continue
        elif change.type != _name(generated, expected):
            continue
        if expected.dialect is None or change.dialect == expected.dialect:
            found.append(change)
    return found


def test_every_generated_change_is_classified_as_documented(generated: Generated) -> None:
    kinds = {e.kind for e in generated.expected}
    assert len(kinds) == 16  # every kind the documentation lists, but the closed-object ones
    missing = [e for e in generated.expected if not _matches(generated, e)]
    assert missing == []


def test_changes_in_closed_objects_are_classified_as_documented(closed: Generated) -> None:
    missing = [e for e in closed.expected if not _matches(closed, e)]
    assert missing == []
    assert {e.kind for e in closed.expected} == {"closed-removed", "closed-added"}


def test_closing_an_object_is_breaking(hubspot_corpus: Path, closed: Generated) -> None:
    corpus = hsconform.load_pack(hubspot_corpus)
    changes = diff_packs(corpus, closed.old)
    assert {(c.change_class.value, c.code) for c in changes} == {("breaking", "HSC-PD-ADDITIONAL")}
    assert all(_judged_apart(corpus, closed.old, c) for c in changes)


def _judged_apart(old: hsconform.Pack, new: hsconform.Pack, change: Change) -> bool:
    """The witness is accepted by the version ``accepted_by`` names and rejected by the other."""
    witness = change.witness
    if change.code == "HSC-PD-STATUS-REMOVED":
        args = (witness["method"], witness["path"], witness["status"])
        return old.routes.table.match(*args) is not None and new.routes.table.match(*args) is None
    assert change.dialect is not None
    old_ok = old.validate(witness, change.type, variant=change.dialect).ok
    new_ok = new.validate(witness, change.type, variant=change.dialect).ok
    return (old_ok, new_ok) == ((True, False) if change.accepted_by == "old" else (False, True))


def test_every_breaking_and_widening_change_has_a_witness_both_versions_judge_apart(
    generated: Generated, closed: Generated
) -> None:
    for versions in (generated, closed):
        proven = [c for c in versions.changes if c.change_class.value in ("breaking", "widening")]
        assert proven
        for change in proven:
            assert change.accepted_by == (
                "old" if change.change_class.value == "breaking" else "new"
            )
            assert change.old is not None or change.new is not None
            if change.code == "HSC-PD-ROUTE-TYPE":
                continue  # judged against two different types: below
            assert _judged_apart(versions.old, versions.new, change), change


def test_a_retyped_route_is_proven_against_both_types(generated: Generated) -> None:
    for route, (old_type, new_type) in generated.route_types.items():
        changes = [
            c for c in generated.changes if c.code == "HSC-PD-ROUTE-TYPE" and route in c.message
        ]
        assert {c.dialect for c in changes} == {"json-schema", "json-structure"}
        for change in changes:
            assert change.dialect is not None
            assert generated.old.validate(change.witness, old_type, variant=change.dialect).ok
            assert not generated.new.validate(change.witness, new_type, variant=change.dialect).ok


def test_the_reference_engine_confirms_the_json_schema_witnesses(generated: Generated) -> None:
    old = hsconform.load_pack(generated.old.root, engine="reference")
    new = hsconform.load_pack(generated.new.root, engine="reference")
    checked = [
        c
        for c in generated.changes
        if c.dialect == "json-schema" and c.witness is not None and c.code != "HSC-PD-ROUTE-TYPE"
    ]
    assert checked
    assert all(_judged_apart(old, new, c) for c in checked)


def test_a_copy_that_only_reorders_keys_and_whitespace_reports_nothing(
    hubspot_corpus: Path, tmp_path: Path
) -> None:
    root = copy_pack(hubspot_corpus, tmp_path / "pack")
    reformat(root)
    assert diff_packs(hsconform.load_pack(hubspot_corpus), hsconform.load_pack(root)) == ()


def test_the_command_lists_the_changes_as_json_and_exits_1(
    capsys: pytest.CaptureFixture[str], generated: Generated
) -> None:
    code, out, _ = run_cli(
        capsys, "pack", "diff", str(generated.old.root), str(generated.new.root), "--format", "json"
    )
    assert code == 1
    listed: list[dict[str, Any]] = json.loads(out)
    assert listed == [c.to_dict() for c in generated.changes]
    for item in listed:
        assert {"type", "class", "dialect", "old", "new", "message"} <= item.keys()
        assert ("witness" in item) == (item["class"] in ("breaking", "widening"))
