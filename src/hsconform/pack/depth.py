"""How deep a payload nests: a payload too deep for the engines gets one finding instead.

Counted without recursion, so a payload nested thousands of levels deep is measured, not a
crash.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from hsconform.findings import Finding, Severity

#: Payloads nested deeper than this are reported, not handed to jsonschema-rs when the schema
#: is recursive (its native recursion has no guard of its own).
MAX_DEPTH = 512


def too_deep(payload: Any, variant: str) -> Finding:
    """The one finding of a payload nested too deep to validate."""
    depth = nesting_depth(payload)
    return Finding(
        code="HSC-P-TOO-DEEP",
        severity=Severity.ERROR,
        message=f"payload is nested {depth} levels deep, more than can be validated",
        instance="",
        variant=variant,
    )


def _container_depths(value: Any) -> Iterator[int]:
    """The depth of every array and object inside ``value``, without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Iterable[Any] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        yield depth
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def nesting_depth(value: Any) -> int:
    """Depth of nested arrays/objects (0 for a scalar)."""
    return max(_container_depths(value), default=0)


def deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays/objects nest more than ``limit`` levels; stops as soon as they do."""
    return any(depth > limit for depth in _container_depths(value))
