"""The one finding record shared by validation, batch rules, drift and lint.

Every reporter works from these values alone, so anything a report shows must
be a field here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from hsconform.vocabulary import ResolutionRule
from hsconform.vocabulary import Severity as Severity  # defined in vocabulary, used with findings


@dataclass(frozen=True, slots=True)
class Hop:
    """One ``$ref`` followed on the way to a schema location."""

    file: str
    pointer: str
    ref: str

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}"


@dataclass(frozen=True, slots=True)
class SchemaLocation:
    """Where in the schema pack a finding comes from, and the ``$ref`` hops that led there."""

    file: str
    pointer: str
    hops: tuple[Hop, ...] = ()

    def __str__(self) -> str:
        text = f"{self.file}#{self.pointer}"
        if self.hops:
            text += " (via " + " -> ".join(str(hop) for hop in self.hops) + ")"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form for machine-readable reports."""
        return {
            "file": self.file,
            "pointer": self.pointer,
            "via": [{"file": h.file, "pointer": h.pointer, "ref": h.ref} for h in self.hops],
        }


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where the offending value sits in the user's file, when the text is known."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """``file:line:column``, or ``file:line`` when the column is not known (as text reports)."""
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form for machine-readable reports."""
        return {"file": self.file, "line": self.line, "column": self.column}


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing a check found: stable code, severity, message and locations.

    ``instance`` is the JSON Pointer of the value in the payload; ``schema``
    the location in the pack (through ``$ref`` hops); ``variant`` the schema
    variant that judged it (``None`` for rules outside any schema).

    Drift findings also say their ``category`` (``wire``, ``lossy`` or ``spec``),
    the ``type_name`` they concern and, for ``wire``, a ``witness`` payload that
    only the variant ``accepted_by`` accepts.
    """

    code: str
    severity: Severity
    message: str
    instance: str = ""
    schema: SchemaLocation | None = None
    keyword: str | None = None
    variant: str | None = None
    source: SourceLocation | None = None
    hint: str | None = None
    category: str | None = None
    type_name: str | None = None
    witness: Any = None
    accepted_by: str | None = None

    def with_source(self, source: SourceLocation | None) -> Finding:
        """The same finding, placed in a user's file."""
        return replace(self, source=source)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form for machine-readable reports."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "instance": self.instance,
            "schema": self.schema.to_dict() if self.schema else None,
            "keyword": self.keyword,
            "variant": self.variant,
            "source": self.source.to_dict() if self.source else None,
            "hint": self.hint,
            **(
                {
                    "category": self.category,
                    "type": self.type_name,
                    "witness": self.witness,
                    "accepted_by": self.accepted_by,
                }
                if self.category
                else {}
            ),
        }


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict on one payload: conformant when no finding is an error."""

    type: str
    variant: str
    findings: tuple[Finding, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when no finding has severity ``error``."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that make the payload non-conformant."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Order findings by where they are in the payload, then by code: stable across runs."""
    return tuple(sorted(findings, key=_sort_key))


def _sort_key(finding: Finding) -> tuple[tuple[tuple[int, int | str], ...], str, str]:
    parts = tuple(
        (0, int(part)) if part.isdecimal() else (1, part) for part in finding.instance.split("/")
    )
    return parts, finding.code, finding.message


@dataclass(frozen=True)
class Resolution:
    """How one reference was resolved: from where, to where, by which rule."""

    file: str
    pointer: str
    keyword: str
    ref: str
    target_file: str
    target_pointer: str
    rule: ResolutionRule
    note: str

    @property
    def is_redirect(self) -> bool:
        """True for ``#/components/schemas/X`` pointers sent to another document."""
        return self.rule in (ResolutionRule.COMPONENT, ResolutionRule.COMPONENT_OTHER_GENERATION)
