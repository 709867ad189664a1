"""The walk over a document: which rules run on which node, and in which order.

The walk is iterative (an explicit stack, never recursion), so no nesting depth
and no ``$ref`` cycle can exhaust the Python stack. Findings come in depth-first
order: the root's keywords, each schema's own checks before its sub-schemas,
and the reference cycles last.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from hsconform.findings import Finding
from hsconform.json_structure import keywords as kw
from hsconform.json_structure.lint.composition import compositions
from hsconform.json_structure.lint.compounds import structure
from hsconform.json_structure.lint.constraints import constraints
from hsconform.json_structure.lint.context import LintRun, Visit, kind_of
from hsconform.json_structure.lint.document import (
    definitions,
    missing_root_type,
    namespace,
    offers,
    root_accepts_nothing,
    root_id,
    root_name,
    root_only,
    root_pointer,
    root_type,
    schema_uri,
    uses,
)
from hsconform.json_structure.lint.inheritance import inheritance
from hsconform.json_structure.lint.references import bare_ref, cycles
from hsconform.json_structure.lint.type_keyword import declared_kind
from hsconform.json_structure.lint.values import const, enum, example_keyword
from hsconform.vocabulary import profile_named


def lint_document(
    document: Mapping[str, Any],
    *,
    file: str,
    profile: str = kw.STRICT,
    resolved_elsewhere: Collection[str] = (),
) -> list[Finding]:
    """Every conformance problem of a JSON Structure document (depth-first order).

    ``resolved_elsewhere`` holds the JSON Pointers of objects whose ``$ref`` the pack
    resolved into another document: those references are not "to nowhere".
    """
    profile_named(profile)
    return _walk(LintRun(document, file, profile, frozenset(resolved_elsewhere)))


def _walk(lint: LintRun) -> list[Finding]:
    """Check the root, then every queued node, then the reference graphs."""
    if not isinstance(lint.document, Mapping):
        lint.emit(
            "HSC-S-ROOT-NOT-OBJECT",
            "",
            f"a JSON Structure document is a JSON object, not {kind_of(lint.document)}",
        )
        return lint.findings
    lint.validation_on, lint.composition_on = kw.enabled_extensions(lint.document)
    _root(lint, lint.document)
    lint.flush()
    while lint.stack:
        visit = lint.stack.pop()
        if visit.slot == "namespace":
            namespace(lint, visit.node, visit.pointer)
        else:
            _schema(lint, visit)
        lint.flush()
    cycles(lint)
    return lint.findings


def _root(lint: LintRun, doc: Mapping[str, Any]) -> None:
    """The document-level keywords, then the root type and the definitions."""
    schema_uri(lint, doc)
    root_id(lint, doc)
    root_name(lint, doc)
    uses(lint, doc)
    offers(lint, doc)
    root_pointer(lint, doc)
    if "type" in doc or "$ref" in doc:
        root_type(lint, doc)
    elif not missing_root_type(lint, doc):
        _schema(lint, Visit(doc, "", "root-non-schema"))
    root_accepts_nothing(lint, doc)
    definitions(lint, doc)


def _schema(lint: LintRun, visit: Visit) -> None:
    """Every check of one schema; its sub-schemas are queued, not recursed into."""
    node, pointer = visit.node, visit.pointer
    if not isinstance(node, Mapping):
        lint.emit(
            "HSC-S-SCHEMA-NOT-OBJECT",
            pointer,
            f"a schema must be a JSON object, not {kind_of(node)}",
        )
        return
    if pointer:
        root_only(lint, node, pointer)
    example_keyword(lint, node, pointer)
    if "$ref" in node:
        bare_ref(lint, node, visit)
    kind = declared_kind(lint, node, visit)
    inheritance(lint, node, visit, kind)
    structure(lint, node, visit, kind)
    constraints(lint, node, pointer, kind)
    enum(lint, node, pointer, kind)
    const(lint, node, pointer, kind)
    compositions(lint, node, pointer)
