"""Every regular expression of a JSON Schema document, compiled once at load.

jsonschema-rs runs patterns with ECMA-262 semantics in linear time; a pattern it cannot compile
would otherwise surface when the first payload is validated. Finding them at load makes each a
located load problem (file and JSON Pointer) instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema_rs

from hsconform.jsontext import escape_pointer_token

# Keywords whose values are data, never schemas.
_DATA_KEYWORDS = frozenset({"const", "enum", "examples", "example", "default"})
# Keywords whose values map names (not keywords) to schemas.
_NAME_MAPS = frozenset({"properties", "$defs", "definitions", "dependentSchemas"})


def patterns_in(document: Any) -> Iterator[tuple[str, str]]:
    """``(pointer, pattern)`` of each ``pattern`` value and ``patternProperties`` name."""
    stack: list[tuple[Any, str, bool]] = [(document, "", False)]
    while stack:
        node, pointer, names = stack.pop()
        if isinstance(node, list):
            stack.extend((item, f"{pointer}/{i}", False) for i, item in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            here = f"{pointer}/{escape_pointer_token(key)}"
            if names:
                stack.append((value, here, False))
            elif key in _DATA_KEYWORDS:
                continue
            elif key == "pattern" and isinstance(value, str):
                yield here, value
            elif key == "patternProperties" and isinstance(value, dict):
                for name, schema in value.items():
                    yield f"{here}/{escape_pointer_token(name)}", name
                    stack.append((schema, f"{here}/{escape_pointer_token(name)}", False))
            else:
                stack.append((value, here, key in _NAME_MAPS))


def pattern_problems(document: Any) -> Iterator[tuple[str, str]]:
    """``(pointer, message)`` of each pattern the engine cannot compile."""
    compiled: dict[str, bool] = {}
    for pointer, pattern in patterns_in(document):
        if pattern not in compiled:
            compiled[pattern] = _compiles(pattern)
        if not compiled[pattern]:
            yield pointer, f"the pattern {pattern!r} is not a valid ECMA-262 regular expression"


def _compiles(pattern: str) -> bool:
    try:
        jsonschema_rs.validator_for({"pattern": pattern})
    except jsonschema_rs.ValidationError:
        return False
    return True
