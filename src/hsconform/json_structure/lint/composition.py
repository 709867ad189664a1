"""Conditional composition: allOf, anyOf, oneOf, not, if, then, else.

They are keywords of an extension: a document that does not enable it gets a
warning, since there they are annotations, not constraints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hsconform.json_structure.lint.constraints import extension_warning
from hsconform.json_structure.lint.context import LintRun, Visit, of_type

#: Composition keywords that hold an array of schemas, and those that hold one.
SCHEMA_ARRAYS = ("allOf", "anyOf", "oneOf")
SCHEMA_SINGLES = ("not", "if", "then", "else")


def compositions(lint: LintRun, node: Mapping[str, Any], pointer: str) -> None:
    """allOf/anyOf/oneOf/not/if/then/else: enabled, and holding schemas."""
    visits: list[Visit] = []
    for key in (*SCHEMA_ARRAYS, *SCHEMA_SINGLES):
        if key not in node:
            continue
        at = f"{pointer}/{key}"
        if not lint.composition_on:
            extension_warning(lint, key, at, "JSONStructureConditionalComposition")
        value = node[key]
        if key in SCHEMA_SINGLES:
            visits.append(Visit(value, at, "member"))
            continue
        message = key + " must be an array of schemas, not {kind}"
        if not of_type(lint, value, list, "HSC-S-COMPOSITION-NOT-ARRAY", at, message, key):
            continue
        if not value:
            lint.emit(
                "HSC-S-COMPOSITION-EMPTY",
                at,
                f"{key} must hold at least one schema",
                keyword=key,
            )
        else:
            visits.extend(Visit(v, f"{at}/{i}", "member") for i, v in enumerate(value))
    lint.push(visits)
