"""The state of one lint run, shared by every rule family.

Each family is a module of functions that take the :class:`LintRun` first; the
walker (:mod:`.walker`) decides which of them run on which node, in which order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hsconform.findings import Finding, SchemaLocation, Severity
from hsconform.json_structure import keywords as kw
from hsconform.jsontext import escape_pointer_token
from hsconform.jsonvalue import short

VARIANT = "json-structure"
ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass(frozen=True)
class Visit:
    """A node waiting to be checked: a schema in a slot, or a namespace."""

    node: Any
    pointer: str
    slot: str


@dataclass(frozen=True)
class Kind:
    """What a schema's ``type`` says: one concrete type name, a union, or nothing known.

    ``reference`` is set for ``type: {"$ref": ...}``: ``name`` is then the referenced
    type's, and the structure belongs to the declaration, not to the reference.
    """

    name: str | None = None
    union: bool = False
    declared: bool = False
    reference: bool = False


@dataclass(frozen=True)
class Target:
    """Where a reference lands: ``local`` (with the pointer), ``elsewhere``, ``unresolved``."""

    status: str
    pointer: str = ""


class LintRun:
    """One lint run: the document, the findings so far, the reference graphs."""

    def __init__(self, document: Any, file: str, profile: str, elsewhere: frozenset[str]) -> None:
        self.document = document
        self.file = file
        self.published = profile == kw.PUBLISHED
        self.elsewhere = elsewhere
        self.findings: list[Finding] = []
        self.stack: list[Visit] = []
        self.pending: list[Visit] = []
        #: schema pointer -> (local targets of its type references, grounded on its own)
        self.aliases: dict[str, tuple[list[str], bool]] = {}
        #: schema pointer -> local targets of its $extends
        self.extends: dict[str, list[str]] = {}
        #: type-reference chains already followed: pointer -> concrete type name at the end
        self.ends: dict[str, str | None] = {}
        self.validation_on = False
        self.composition_on = False

    def emit(
        self,
        code: str,
        pointer: str,
        message: str,
        *,
        keyword: str | None = None,
        severity: Severity = ERROR,
        hint: str | None = None,
    ) -> None:
        """Record one finding at ``pointer``."""
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=message,
                instance="",
                schema=SchemaLocation(self.file, pointer),
                keyword=keyword,
                variant=VARIANT,
                source=None,
                hint=hint,
            )
        )

    def push(self, visits: Iterable[Visit]) -> None:
        """Queue the sub-schemas of the node being checked (depth-first, in order)."""
        self.pending.extend(visits)

    def flush(self) -> None:
        """Move the queued sub-schemas onto the stack, first one on top."""
        self.stack.extend(reversed(self.pending))
        self.pending.clear()


def show(value: Any) -> str:
    """A short JSON rendering of any value for a lint message; never raises."""
    return short(value, 60, ellipsis="...")


def kind_of(value: Any) -> str:
    """The JSON kind of a value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def misplaced(
    lint: LintRun, node: Mapping[str, Any], pointer: str, keys: Iterable[str], code: str, why: str
) -> None:
    """Report each of ``keys`` that ``node`` holds though they have no place there (``why``)."""
    for key in keys:
        if key in node:
            at = f"{pointer}/{escape_pointer_token(key)}"
            lint.emit(code, at, f"{key} {why}", keyword=key)


def of_type(
    lint: LintRun,
    value: Any,
    expected: type[Any] | tuple[type[Any], ...],
    code: str,
    at: str,
    message: str,
    keyword: str,
) -> bool:
    """Whether a keyword's value is of the ``expected`` type; if not, a finding says so.

    ``{kind}`` in ``message`` stands for what the value is instead.
    """
    if isinstance(value, expected):
        return True
    lint.emit(code, at, message.replace("{kind}", kind_of(value)), keyword=keyword)
    return False


def keyword_value(
    lint: LintRun,
    node: Mapping[str, Any],
    pointer: str,
    key: str,
    expected: type[Any] | tuple[type[Any], ...],
    code: str,
    message: str,
) -> Any:
    """The value of ``key`` in ``node`` when it is there and of the ``expected`` type.

    ``None`` when it is absent, or of another type (reported as :func:`of_type` does):
    a rule thus only goes on with a value it can read.
    """
    if key not in node:
        return None
    value = node[key]
    return value if of_type(lint, value, expected, code, f"{pointer}/{key}", message, key) else None
