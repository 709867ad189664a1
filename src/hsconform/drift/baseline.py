"""Baselines: drift a project has accepted, by stable key, so CI fails only on new drift.

A baseline file is JSON::

    {"format": 1,
     "entries": [{"type": "family/Title", "pointer": "/results/*/appId",
                  "code": "HSC-D-INT-WIRE", "reason": "why this drift is accepted"}]}

The key of a finding is (type, pointer, code): ``pointer`` is the drift's location
pattern, or ``file#pointer`` in the schema document for findings about a document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hsconform import atomic
from hsconform.errors import ConfigError, PayloadError
from hsconform.findings import Finding
from hsconform.jsontext import read_json_file

Key = tuple[str, str, str]


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted drift and the reason it is accepted."""

    type: str
    pointer: str
    code: str
    reason: str = ""

    @property
    def key(self) -> Key:
        """The stable key findings are matched by."""
        return (self.type, self.pointer, self.code)

    def __str__(self) -> str:
        return f"{self.type} {self.pointer} {self.code}"


@dataclass(frozen=True)
class Applied:
    """Findings after a baseline: the new ones, how many it accepted, entries no longer seen."""

    new: tuple[Finding, ...]
    accepted: int
    stale: tuple[BaselineEntry, ...]


def key_of(finding: Finding) -> Key:
    """The stable key of a finding."""
    pointer = finding.instance
    if not pointer and finding.schema is not None:
        pointer = f"{finding.schema.file}#{finding.schema.pointer}"
    return (finding.type_name or "", pointer, finding.code)


def load_baseline(path: Path) -> tuple[BaselineEntry, ...]:
    """Read a baseline file; a malformed one is a :class:`ConfigError` naming what is wrong."""
    try:
        data = read_json_file(path).value
    except PayloadError as error:
        raise ConfigError(f"baseline {error}") from error
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"baseline {path}: expected an object with an 'entries' list")
    loaded = []
    for index, entry in enumerate(entries):
        fields = ("type", "pointer", "code", "reason")
        if (
            not isinstance(entry, dict)
            or not all(isinstance(entry.get(name, ""), str) for name in fields)
            or not all(name in entry for name in fields[:3])
        ):
            raise ConfigError(
                f"baseline {path}: entry {index} needs string type, pointer, code (and reason)"
            )
        loaded.append(
            BaselineEntry(entry["type"], entry["pointer"], entry["code"], entry.get("reason", ""))
        )
    return tuple(loaded)


def apply_baseline(findings: Iterable[Finding], entries: Sequence[BaselineEntry]) -> Applied:
    """Split findings into new ones and accepted ones; list the entries nothing matched."""
    accepted_keys = {entry.key for entry in entries}
    seen: set[Key] = set()
    new = []
    accepted = 0
    for finding in findings:
        key = key_of(finding)
        if key in accepted_keys:
            accepted += 1
            seen.add(key)
        else:
            new.append(finding)
    stale = tuple(entry for entry in entries if entry.key not in seen)
    return Applied(tuple(new), accepted, stale)


def write_baseline(
    path: Path, findings: Iterable[Finding], previous: Sequence[BaselineEntry] = ()
) -> int:
    """Write every finding's key, keeping the reasons ``previous`` gave; returns the entry count."""
    reasons = {entry.key: entry.reason for entry in previous}
    keys = sorted({key_of(finding) for finding in findings})
    entries = [
        {"type": t, "pointer": p, "code": c, "reason": reasons.get((t, p, c), "")}
        for t, p, c in keys
    ]
    atomic.write_text(
        path, json.dumps({"format": 1, "entries": entries}, indent=2, ensure_ascii=False) + "\n"
    )
    return len(entries)


@dataclass(frozen=True)
class Baselined:
    """The findings left to report once a baseline is applied, and what to say about it."""

    findings: tuple[Finding, ...]
    #: Entries written, findings accepted, entries stale or without a reason.
    notes: tuple[str, ...]


def use_baseline(
    findings: Sequence[Finding], *, baseline: Path | None, write_to: Path | None = None
) -> Baselined:
    """Apply ``baseline`` (if any) and record the findings in ``write_to`` (if any).

    Writing keeps the reasons already given: those of ``baseline``, else those of the
    file being rewritten; the findings left are then those of the file written (none).

    Raises:
        ConfigError: a baseline file read is malformed.

    """
    previous: tuple[BaselineEntry, ...] = ()
    if baseline is not None:
        previous = load_baseline(baseline)
    elif write_to is not None and write_to.exists():
        previous = load_baseline(write_to)
    notes: list[str] = []
    if write_to is not None:
        count = write_baseline(write_to, findings, previous)
        notes.append(f"wrote {count} baseline entries to {write_to}")
        baseline, previous = write_to, load_baseline(write_to)
    applied = apply_baseline(findings, previous if baseline is not None else ())
    if baseline is not None:
        notes.append(f"baseline {baseline}: {applied.accepted} finding(s) accepted")
        notes.extend(f"baseline entry no longer occurs: {entry}" for entry in applied.stale)
        missing = [entry for entry in previous if not entry.reason.strip()]
        if missing:
            notes.append(f"{len(missing)} baseline entries give no reason")
    return Baselined(applied.new, tuple(notes))
