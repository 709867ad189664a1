"""JSON Schema validation on jsonschema-rs: one compiled validator per document of a pack.

The pack's registry has already resolved every reference at load (the
``#/components/schemas`` redirects, files, anchors, remotes the user let in),
so the documents are handed over as they are registered, and the retriever
refuses anything else: validation never reaches outside the pack.

jsonschema-rs checks formats on strings only, so each ``int32``/``int64``
schema gets its range as one more ``allOf`` entry (``minimum``/``maximum``,
appended after any of its own so their positions stay); the findings of that
entry point at the ``format`` keyword (see :func:`int_range_format`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import jsonschema_rs

from hsconform.errors import HsconformError, LoadProblem, PackError
from hsconform.findings import Resolution
from hsconform.json_schema.formats import INT_RANGES
from hsconform.jsontext import escape_pointer_token, resolve_pointer

#: Called with a remote URI when the user opts in to remote references; returns its JSON.
Retrieve = Callable[[str], Any]

# Keywords whose values are data, never schemas: a "format" inside them is a value.
_DATA_KEYWORDS = frozenset({"const", "enum", "examples", "example", "default"})


class OutsidePackError(HsconformError):
    """A reference left the pack during validation (it was not resolved at load)."""


def with_int_ranges(node: Any) -> Any:
    """``node`` with the range check of each integer ``format`` added; unchanged parts shared."""
    if isinstance(node, list):
        items = [with_int_ranges(item) for item in node]
        return items if any(a is not b for a, b in zip(items, node, strict=True)) else node
    if not isinstance(node, dict):
        return node
    changed: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DATA_KEYWORDS:
            continue
        replaced = with_int_ranges(value)
        if replaced is not value:
            changed[key] = replaced
    fmt = node.get("format")
    if isinstance(fmt, str) and fmt in INT_RANGES:
        low, high = INT_RANGES[fmt]
        own = changed.get("allOf", node.get("allOf"))
        entries = list(own) if isinstance(own, list) else []
        changed["allOf"] = [*entries, {"minimum": low, "maximum": high}]
    return {**node, **changed} if changed else node


def refuse(uri: str) -> Any:
    """The retriever: nothing outside the pack is fetched while validating."""
    raise OutsidePackError(f"{uri} is not part of the pack")


def build_registry(
    resources: Iterable[tuple[str, Any]], retrieve: Retrieve | None = None
) -> jsonschema_rs.Registry:
    """A jsonschema-rs registry of the pack's JSON Schema resources, integer ranges added.

    ``retrieve`` is the user's opt-in to remote documents; without it nothing is fetched.
    """
    return jsonschema_rs.Registry(
        [(uri, with_int_ranges(contents)) for uri, contents in resources],
        retriever=_retriever(retrieve),
    )


def build_validator(
    uri: str,
    contents: Any,
    registry: jsonschema_rs.Registry | None,
    retrieve: Retrieve | None = None,
) -> jsonschema_rs.Validator:
    """The compiled validator of the document registered under ``uri``.

    With a registry every resource must be in it; without one, ``retrieve`` is asked for each
    remote document as it is met.
    """
    try:
        return jsonschema_rs.validator_for(
            with_int_ranges(contents),
            registry=registry,
            base_uri=uri,
            validate_formats=True,
            retriever=_retriever(retrieve),
        )
    except jsonschema_rs.ValidationError as error:  # the metaschema refuses the document
        pointer = "".join(f"/{escape_pointer_token(str(t))}" for t in error.instance_path)
        problem = LoadProblem("HSC-JS-METASCHEMA", uri, pointer, error.message)
        raise PackError(uri, [problem]) from error


def _retriever(retrieve: Retrieve | None) -> Retrieve:
    if retrieve is None:
        return refuse
    return lambda uri: with_int_ranges(retrieve(uri))


def int_range_format(contents: Any, pointer: str) -> str | None:
    """The pointer of the integer ``format`` whose added range check failed at ``pointer``."""
    head, _, keyword = pointer.rpartition("/")
    parent, _, index = head.rpartition("/")
    if keyword not in ("minimum", "maximum") or not index.isdigit():
        return None
    schema_pointer, _, applicator = parent.rpartition("/")
    if applicator != "allOf":
        return None
    found, schema = resolve_pointer(contents, schema_pointer)
    if not found or not isinstance(schema, dict) or schema.get("format") not in INT_RANGES:
        return None
    own = schema.get("allOf")
    if int(index) != (len(own) if isinstance(own, list) else 0):
        return None
    return schema_pointer + "/format"


def schema_resources(registry: Mapping[str, Any], exclude: Iterable[Any]) -> list[tuple[str, Any]]:
    """``(uri, contents)`` of every resource of a ``referencing`` registry but ``exclude``'s."""
    skipped = {id(contents) for contents in exclude}
    found = []
    for uri in registry:
        contents = registry[uri].contents
        if id(contents) not in skipped:
            found.append((uri, contents))
    return found


def recursive_documents(resolutions: Iterable[Resolution]) -> frozenset[str]:
    """Files whose validation can follow a reference cycle, so nest as deep as a payload does.

    A reference site leads to every site inside its target; a file is recursive when a cycle of
    such steps is reachable from one of its sites.
    """
    sites = [(r.file, r.pointer, r.target_file, r.target_pointer) for r in resolutions]
    inside: dict[int, list[int]] = {}
    for index, (_, _, target_file, target_pointer) in enumerate(sites):
        inside[index] = [
            other
            for other, (file, pointer, _, _) in enumerate(sites)
            if file == target_file
            and (pointer == target_pointer or pointer.startswith(target_pointer + "/"))
        ]
    cyclic = _reaching_cycles(inside)
    return frozenset(sites[index][0] for index in cyclic)


def _reaching_cycles(graph: Mapping[int, list[int]]) -> set[int]:
    """Nodes from which a cycle is reachable (iterative: no recursion on long chains)."""
    state: dict[int, int] = {}  # 1: on the path, 2: done
    reaches: set[int] = set()
    for start in graph:
        if start in state:
            continue
        stack: list[tuple[int, Iterator[int]]] = [(start, iter(graph[start]))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                state[node] = 2
                if stack and node in reaches:
                    reaches.add(stack[-1][0])
                continue
            if state.get(child) == 1:
                reaches.update(n for n, _ in stack)
            elif state.get(child) == 2:
                if child in reaches:
                    reaches.add(node)
            else:
                state[child] = 1
                stack.append((child, iter(graph[child])))
    return reaches
