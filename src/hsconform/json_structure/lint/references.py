"""References: where ``$ref``, ``$extends``, ``$offers`` and ``$root`` pointers land.

Also the two graphs the references make, checked once the walk is over: type
references that loop without reaching a concrete type, and ``$extends`` cycles.
Both are checked iteratively, so no chain length exhausts the Python stack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import unquote

from hsconform.json_structure import keywords as kw
from hsconform.json_structure.keywords import is_namespace
from hsconform.json_structure.lint.context import WARNING, LintRun, Target, Visit, of_type, show
from hsconform.jsontext import resolve_pointer, unescape_pointer_token

#: The keywords that fill a namespace from another document.
IMPORT_KEYWORDS = frozenset({"$import", "$importdefs"})
#: Slots where ``published`` accepts a bare ``{"$ref": ...}``.
_BARE_REF_SLOTS = frozenset({"property", "items", "additionalProperties", "values"})


def reference(lint: LintRun, ref: Any, keyword: str, *, at: str, holder: str) -> Target:
    """Resolve a $ref/$extends/$offers pointer in this document, reporting what fails.

    ``holder`` is the pointer of the object holding the reference (what the pack lists
    in ``resolved_elsewhere``); ``at`` is where a finding goes.
    """
    message = keyword + " must be a JSON Pointer string, not {kind}"
    if not of_type(lint, ref, str, "HSC-S-REF-UNRESOLVED", at, message, keyword):
        return Target("unresolved")
    found = resolve(lint.document, ref)
    if found is None:
        if holder in lint.elsewhere:
            return Target("elsewhere")
        if _imported(lint.document, ref):
            return Target("elsewhere")
        lint.emit(
            "HSC-S-REF-UNRESOLVED",
            at,
            f"{keyword} {ref!r} points to nowhere in this document",
            keyword=keyword,
        )
        return Target("unresolved")
    node, target = found
    if not is_declaration(lint.document, node, target):
        lint.emit(
            "HSC-S-REF-NOT-TYPE",
            at,
            f"{keyword} {ref!r} must point to a type declared in definitions",
            keyword=keyword,
        )
        return Target("unresolved")
    if keyword == "$ref" and node.get("abstract") is True:
        lint.emit(
            "HSC-S-ABSTRACT-REF",
            at,
            f"{ref!r} is abstract: use it through $extends, not $ref",
            keyword=keyword,
        )
    return Target("local", target)


def bare_ref(lint: LintRun, node: Mapping[str, Any], visit: Visit) -> None:
    """``{"$ref": ...}`` as a schema: the drafts only allow $ref inside type."""
    pointer = visit.pointer
    target = reference(lint, node["$ref"], "$ref", at=f"{pointer}/$ref", holder=pointer)
    if target.status == "local":
        lint.aliases[pointer] = ([target.pointer], "type" in node)
    accepted = (
        lint.published
        and visit.slot in _BARE_REF_SLOTS
        and "type" not in node
        and target.status != "unresolved"
    )
    if accepted:
        lint.emit(
            "HSC-PUB-BARE-REF",
            pointer,
            f"bare $ref {show(node['$ref'])} used as a {visit.slot} schema; accepted as "
            f'{{"type": {{"$ref": ...}}}}',
            keyword="$ref",
            severity=WARNING,
        )
    elif not (lint.published and target.status == "unresolved"):
        lint.emit(
            "HSC-S-REF-OUTSIDE-TYPE",
            pointer,
            f'$ref is only allowed inside type: write {{"type": {{"$ref": {show(node["$ref"])}}}}}',
            keyword="$ref",
        )


def concrete(lint: LintRun, pointer: str) -> str | None:
    """The concrete type name a chain of type references ends at, if there is one.

    Every pointer on the chain ends at the same place, so all of them are memoized:
    a long chain costs its length once, not once per reference into it.
    """
    chain: list[str] = []
    result: str | None = None
    current: str | None = pointer
    while current is not None and current not in lint.ends:
        if current in chain:
            break  # a cycle: no concrete type at the end
        chain.append(current)
        current, result = _step(lint, current)
    else:
        if current is not None:
            result = lint.ends[current]
    for each in chain:
        lint.ends[each] = result
    return result


def _step(lint: LintRun, pointer: str) -> tuple[str | None, str | None]:
    """One link of a type-reference chain: (next pointer, None) or (None, type name)."""
    found = resolve(lint.document, "#" + pointer)
    node = found[0] if found else None
    if not isinstance(node, Mapping):
        return None, None
    declared = node.get("type", node if "$ref" in node else None)
    if isinstance(declared, str):
        if declared == "email" and lint.published:
            return None, "string"
        return None, declared if declared in kw.ALL_TYPES else None
    if not (isinstance(declared, Mapping) and isinstance(declared.get("$ref"), str)):
        return None, None
    target = resolve(lint.document, declared["$ref"])
    return (None, None) if target is None else (target[1], None)


# -- cycles ---------------------------------------------------------------------------------


def cycles(lint: LintRun) -> None:
    """Report ``$ref`` cycles that never reach a concrete type, and ``$extends`` cycles."""
    grounded = _grounded(lint.aliases)
    loose = {
        node: [t for t in targets if t not in grounded]
        for node, (targets, _) in lint.aliases.items()
        if node not in grounded
    }
    for node in sorted(_on_cycles(loose)):
        at = f"{node}/type" if "type" in _object_at(lint, node) else node
        lint.emit(
            "HSC-S-REF-CIRCULAR",
            at,
            "this type reference is part of a $ref cycle that never reaches a concrete type",
            keyword="$ref",
        )
    for node in sorted(_on_cycles(lint.extends)):
        lint.emit(
            "HSC-S-REF-CIRCULAR",
            f"{node}/$extends",
            "this type is part of an $extends cycle: it inherits from itself",
            keyword="$extends",
        )


def _object_at(lint: LintRun, pointer: str) -> Mapping[str, Any]:
    """The object at a pointer known to exist (empty if it is not an object)."""
    found = resolve(lint.document, "#" + pointer)
    node = found[0] if found else None
    return node if isinstance(node, Mapping) else {}


def _grounded(aliases: Mapping[str, tuple[list[str], bool]]) -> set[str]:
    """Schemas whose type references reach a concrete type (worklist over reverse edges)."""
    reverse: dict[str, list[str]] = {}
    grounded: set[str] = set()
    for node, (targets, own) in aliases.items():
        if own:
            grounded.add(node)
        for target in targets:
            reverse.setdefault(target, []).append(node)
            if target not in aliases:
                grounded.add(target)
    work = list(grounded)
    while work:
        for source in reverse.get(work.pop(), ()):
            if source not in grounded:
                grounded.add(source)
                work.append(source)
    return grounded


def _on_cycles(graph: Mapping[str, Sequence[str]]) -> set[str]:
    """Nodes on a cycle of ``graph`` (iterative Tarjan: no recursion, any depth)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cyclic: set[str] = set()
    for start in graph:
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(graph[start]))]
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in graph), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = _pop_component(stack, on_stack, node)
                if len(component) > 1 or node in graph[node]:
                    cyclic.update(component)
    return cyclic


def _pop_component(stack: list[str], on_stack: set[str], root: str) -> list[str]:
    component: list[str] = []
    while True:
        node = stack.pop()
        on_stack.discard(node)
        component.append(node)
        if node == root:
            return component


# -- reading the document -------------------------------------------------------------------


def resolve(document: Any, ref: str) -> tuple[Any, str] | None:
    """The node a ``#/json/pointer`` designates in this document, and its pointer."""
    if not ref.startswith("#"):
        return None
    fragment = unquote(ref[1:])
    if fragment and not fragment.startswith("/"):
        return None
    found, node = resolve_pointer(document, fragment)
    return (node, fragment) if found else None


def is_declaration(document: Any, node: Any, pointer: str) -> bool:
    """A type declaration: the typed root, or a schema reached through definitions' namespaces."""
    if not isinstance(node, Mapping):
        return False
    if pointer == "":
        return "type" in node
    tokens = pointer.split("/")[1:]
    if len(tokens) < 2 or tokens[0] != "definitions" or is_namespace(node):
        return False
    current: Any = document.get("definitions")
    for token in tokens[1:-1]:
        if not isinstance(current, Mapping):
            return False
        current = current.get(unescape_pointer_token(token))
        if not (isinstance(current, Mapping) and is_namespace(current)):
            return False
    return isinstance(current, Mapping)


def pointer_entries(value: Any, at: str) -> list[tuple[str, str]] | None:
    """A JSON Pointer or a non-empty array of them, each with where it stands.

    One pointer stands at ``at`` itself, an array's entries at ``at/index``; ``None`` when
    ``value`` is neither (``$extends`` and the add-ins of ``$offers`` take this form).
    """
    if isinstance(value, str):
        return [(value, at)]
    if isinstance(value, list) and value and all(isinstance(e, str) for e in value):
        return [(ref, f"{at}/{index}") for index, ref in enumerate(value)]
    return None


def extends_refs(node: Any) -> list[Any]:
    """The entries of a node's ``$extends`` (one pointer or an array), whatever its form."""
    value = node.get("$extends") if isinstance(node, Mapping) else None
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []


def _imported(document: Any, ref: str) -> bool:
    """A pointer that leads into a namespace filled by ``$import``/``$importdefs``."""
    if not ref.startswith("#/"):
        return False
    node = document
    for token in unquote(ref[1:]).split("/")[1:]:
        if not isinstance(node, Mapping):
            return False
        if IMPORT_KEYWORDS & set(node):
            return True
        node = node.get(unescape_pointer_token(token))
    return False
