"""Document lint: whether a JSON Structure document conforms to the drafts.

The lint reads the document and never changes it. Each problem is a
:class:`~hsconform.findings.Finding` placed by the JSON Pointer of the offending
node; the caller adds the line and column.

Two profiles: ``strict`` follows the drafts to the letter; ``published``
accepts what HubSpot really ships and reports each acceptance as an
``HSC-PUB-*`` warning instead of the strict error. ``docs/lint-codes.md`` lists
every code; :data:`CODES` says in one line what each means.

:mod:`.walker` decides which rules run on which node; the rules come in families,
one module each: :mod:`.document` (the root's keywords, namespaces, names),
:mod:`.type_keyword` (type names, references and unions), :mod:`.compounds`
(the structure of each compound type), :mod:`.inheritance` (``abstract`` and
``$extends``), :mod:`.references` (where pointers land, reference cycles),
:mod:`.constraints` (the Validation extension), :mod:`.composition` (the
Conditional Composition extension) and :mod:`.values` (enum, const, example).
"""

from __future__ import annotations

from hsconform.codes import JSON_STRUCTURE_LINT_CODES as CODES
from hsconform.json_structure.lint.context import ERROR, VARIANT, WARNING
from hsconform.json_structure.lint.document import PUBLISHED_SCHEMA_URI, is_known_meta_schema
from hsconform.json_structure.lint.walker import lint_document

__all__ = [
    "CODES",
    "ERROR",
    "PUBLISHED_SCHEMA_URI",
    "VARIANT",
    "WARNING",
    "is_known_meta_schema",
    "lint_document",
]
