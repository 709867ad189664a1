"""One change between two versions of a pack: its class, where it is in each, and its proof."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from hsconform.findings import Finding, SchemaLocation, Severity


class ChangeClass(str, enum.Enum):
    """What a change means for a consumer of responses."""

    #: Some payload valid under OLD is rejected by NEW.
    BREAKING = "breaking"
    #: Some payload valid under NEW is rejected by OLD: a consumer must be ready for it.
    WIDENING = "widening"
    #: Descriptions, examples, titles: nothing a validator judges.
    ANNOTATION = "annotation"
    ADDED = "added"
    REMOVED = "removed"

    def __str__(self) -> str:
        return str(self.value)


#: The severity of each class in the reports: only a breaking change is an error.
SEVERITIES = {
    ChangeClass.BREAKING: Severity.ERROR,
    ChangeClass.WIDENING: Severity.WARNING,
    ChangeClass.ANNOTATION: Severity.INFO,
    ChangeClass.ADDED: Severity.INFO,
    ChangeClass.REMOVED: Severity.INFO,
}

#: Which version alone accepts a witness.
OLD, NEW = "old", "new"


@dataclass(frozen=True)
class Change:
    """A change of one type (or route) in one dialect, located in both versions.

    ``old`` and ``new`` are where the change is in each pack (``None`` where that version
    has nothing); ``witness`` is a payload only the version ``accepted_by`` accepts,
    judged by both versions' real validators.
    """

    type: str
    change_class: ChangeClass
    code: str
    message: str
    dialect: str | None = None
    old: SchemaLocation | None = None
    new: SchemaLocation | None = None
    instance: str = ""
    witness: Any = None
    accepted_by: str | None = None

    def sort_key(self) -> tuple[str, str, str, str, str]:
        """Type, dialect, where in the payload, code, message: a stable order."""
        return (self.type, self.dialect or "", self.instance, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form of ``hsconform pack diff --format json``."""
        data: dict[str, Any] = {
            "type": self.type,
            "class": self.change_class.value,
            "dialect": self.dialect,
            "old": _location(self.old),
            "new": _location(self.new),
            "code": self.code,
            "instance": self.instance,
            "message": self.message,
        }
        if self.accepted_by is not None:
            data["witness"] = self.witness
            data["accepted_by"] = self.accepted_by
        return data

    def to_finding(self) -> Finding:
        """The change as the finding every reporter reads: located in NEW, else in OLD."""
        hint = f"old: {_location(self.old)}" if self.old is not None and self.new else None
        return Finding(
            code=self.code,
            severity=SEVERITIES[self.change_class],
            message=self.message,
            instance=self.instance,
            schema=self.new or self.old,
            variant=self.dialect,
            hint=hint,
            category=self.change_class.value,
            type_name=self.type,
            witness=self.witness,
            accepted_by=self.accepted_by,
        )


def _location(location: SchemaLocation | None) -> str | None:
    return None if location is None else f"{location.file}#{location.pointer}"
