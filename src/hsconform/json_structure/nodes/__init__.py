"""Compiled JSON Structure schemas: one immutable node per schema, checking instances.

A node checks a value and appends findings to a :class:`Run`. Nodes never change
after compilation, so one compiled schema is safe to share between threads; all
per-validation state lives in the ``Run``.

:mod:`.base` holds what every node shares; the nodes come by the JSON shape of the
values they check: :mod:`.scalars` (primitive types), :mod:`.objects` (object, map,
choice), :mod:`.arrays` (array, set, tuple), and :mod:`.composition` (references,
unions and conditional composition, which hand the value on to other nodes).
"""

from __future__ import annotations

from hsconform.json_structure.nodes.arrays import ArrayNode, TupleNode
from hsconform.json_structure.nodes.base import (
    MAX_DEPTH,
    MAX_STEPS,
    NO_ALLOW,
    VARIANT,
    AnyNode,
    Compound,
    Extra,
    Hops,
    InvalidNode,
    Loc,
    Node,
    Path,
    Run,
    TooDeep,
    canonical,
    descend,
    json_equal,
    pointer_of,
    repeats,
    short,
)
from hsconform.json_structure.nodes.composition import CompositionNode, RefNode, UnionNode
from hsconform.json_structure.nodes.objects import ChoiceNode, MapNode, ObjectNode
from hsconform.json_structure.nodes.scalars import (
    PrimitiveNode,
    Tolerance,
    bound_check,
    code_for,
    multiple_check,
    pattern_check,
    string_check,
    tolerance_for,
)
from hsconform.json_structure.nodes.typeless import TypelessNode, ValueNode

__all__ = [
    "MAX_DEPTH",
    "MAX_STEPS",
    "NO_ALLOW",
    "VARIANT",
    "AnyNode",
    "ArrayNode",
    "ChoiceNode",
    "CompositionNode",
    "Compound",
    "Extra",
    "Hops",
    "InvalidNode",
    "Loc",
    "MapNode",
    "Node",
    "ObjectNode",
    "Path",
    "PrimitiveNode",
    "RefNode",
    "Run",
    "Tolerance",
    "TooDeep",
    "TupleNode",
    "TypelessNode",
    "UnionNode",
    "ValueNode",
    "bound_check",
    "canonical",
    "code_for",
    "descend",
    "json_equal",
    "multiple_check",
    "pattern_check",
    "pointer_of",
    "repeats",
    "short",
    "string_check",
    "tolerance_for",
]
