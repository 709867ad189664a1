"""The drafts' own examples: every instance the drafts call valid or invalid, under ``strict``.

The examples are read from ../shared/spec at test time (the test is skipped, with the
reason shown, where it is absent). The table below only says, for each section of a
draft that states a verdict, which code block is the schema and what the prose says of
each instance block after it: facts read from the drafts, not copies of them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from helpers import ROOT

from hsconform.json_structure.validator import validator_for_document

SPEC = ROOT.parent / "shared" / "spec"
CORE_DRAFT = "json-structure-core.md"
COMPOSITION_DRAFT = "json-structure-conditional-composition.md"
VALIDATION_DRAFT = "json-structure-validation.md"

#: (draft, section anchor) -> (index of the schema block, {instance block index: valid}).
VERDICTS: dict[tuple[str, str], tuple[int, dict[int, bool]]] = {
    # "a JSON node evaluates to `true` if it is an object with at least three properties"
    (COMPOSITION_DRAFT, "allOf"): (0, {1: True}),
    # "Both JSON nodes satisfy the constraints defined by at least one subschema."
    (COMPOSITION_DRAFT, "anyOf"): (0, {1: True, 2: True}),
    # the first instance is valid; "The following JSON node evaluates to `false`"
    (COMPOSITION_DRAFT, "oneOf"): (0, {1: True, 2: False}),
    # "a JSON node evaluates to `true` if it is not a string: 42"
    (COMPOSITION_DRAFT, "not"): (0, {1: True}),
    # a then-instance, then two else-instances ("or")
    (COMPOSITION_DRAFT, "if-then-else"): (0, {1: True, 2: True, 3: True}),
    # "The following JSON node is a valid instance of the `tuple` type defined above"
    (CORE_DRAFT, "tuple"): (0, {1: True}),
    # "the following JSON node is a valid instance of the `MyChoice` type ... or"
    (CORE_DRAFT, "tagged-unions"): (0, {1: True, 2: True}),
    # "a JSON node that is a street address", "... a post office box address"
    (CORE_DRAFT, "inline-unions"): (0, {1: True, 2: True}),
    # the add-in document, then an instance that uses its add-in
    (CORE_DRAFT, "extensions-and-add-ins"): (1, {2: True}),
}

#: Words with which a draft's prose gives an instance its verdict.
_VERDICT_WORDS = re.compile(
    r"evaluates to `(?:true|false)`|is a valid instance|example shows a JSON node", re.I
)
_HEADING = re.compile(r"^#+ .*?\{#([\w-]+)\}\s*$")
_FENCE = re.compile(r"^~~~")


def _sections(draft: str) -> dict[str, tuple[str, list[str]]]:
    """Each section of a draft by its anchor: its prose and its code blocks, in order."""
    path = SPEC / draft
    if not path.is_file():
        pytest.skip(f"the JSON Structure drafts are not present at {SPEC}")
    sections: dict[str, tuple[str, list[str]]] = {}
    anchor, prose, blocks, block = "", [], [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if block is not None:
            if _FENCE.match(line):
                blocks.append("\n".join(block))
                block = None
            else:
                block.append(line)
            continue
        if _FENCE.match(line):
            block = []
            continue
        heading = _HEADING.match(line)
        if heading:
            sections[anchor] = ("\n".join(prose), blocks)
            anchor, prose, blocks = heading.group(1), [], []
        else:
            prose.append(line)
    sections[anchor] = ("\n".join(prose), blocks)
    return sections


def _as_document(schema: dict[str, Any], draft: str) -> dict[str, Any]:
    """A fragment as a document under ``strict``: the meta-schema that enables its keywords."""
    head: dict[str, Any] = {"$id": "https://example.com/draft-example", "name": "Example"}
    if "$schema" not in schema:
        if draft == COMPOSITION_DRAFT:
            head |= {
                "$schema": "https://json-structure.org/meta/extended/v0/#",
                "$uses": ["JSONStructureConditionalComposition"],
            }
        else:
            head["$schema"] = "https://json-structure.org/meta/core/v0/#"
    return {**head, **schema}


@pytest.mark.parametrize(("draft", "anchor"), sorted(VERDICTS), ids=lambda v: str(v))
def test_each_instance_gets_the_verdict_its_draft_states(draft: str, anchor: str) -> None:
    _, blocks = _sections(draft)[anchor]
    schema_index, verdicts = VERDICTS[(draft, anchor)]
    document = _as_document(json.loads(blocks[schema_index]), draft)
    validator = validator_for_document(document, profile="strict")
    assert max(verdicts) == len(blocks) - 1, "every instance block after the schema is judged"
    for index, valid in verdicts.items():
        instance = json.loads(blocks[index])
        findings = validator.findings(instance)
        assert (findings == []) is valid, (anchor, instance, findings)


@pytest.mark.parametrize("draft", [CORE_DRAFT, COMPOSITION_DRAFT, VALIDATION_DRAFT])
def test_every_section_that_states_a_verdict_is_in_the_table(draft: str) -> None:
    stated = {
        anchor
        for anchor, (prose, blocks) in _sections(draft).items()
        if blocks and _VERDICT_WORDS.search(prose)
    }
    # the add-in section states its instance's verdict without these words: it is judged too
    assert stated <= {anchor for name, anchor in VERDICTS if name == draft}
