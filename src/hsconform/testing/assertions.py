"""Assertions for test suites: a failure lists every finding like a diff, never a bare ``False``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hsconform.findings import Finding, Result, Severity
from hsconform.jsontext import resolve_pointer
from hsconform.jsonvalue import short
from hsconform.pack import Pack, PackType
from hsconform.vocabulary import dialects_of_variant


def describe_failure(payload: Any, results: Sequence[Result]) -> str:
    """The assertion message: each error with its path, expectation, actual value and schema."""
    errors = [(r, f) for r in results for f in r.findings if f.severity is Severity.ERROR]
    failing = ", ".join(r.variant for r in results if not r.ok)
    lines = [f"payload does not conform to {results[0].type} ({failing}): {len(errors)} error(s)"]
    for result, finding in errors:
        lines.extend(_finding_lines(payload, finding, result.variant if len(results) > 1 else None))
    return "\n".join(lines)


def _finding_lines(payload: Any, finding: Finding, variant: str | None) -> list[str]:
    where = finding.instance or "(root)"
    tag = f" [{variant}]" if variant else ""
    lines = [f"  {where}: {finding.message}  ({finding.code}){tag}"]
    found, actual = resolve_pointer(payload, finding.instance)
    if found and finding.code not in ("HSC-V-REQUIRED",):
        lines.append(f"      actual: {short(actual, 120, sort_keys=True)}")
    if finding.schema is not None:
        lines.append(f"      schema: {finding.schema}")
    return lines


def check_conforms(
    pack: Pack, payload: Any, type: str | PackType, *, variant: str = "json-schema"
) -> list[Result]:
    """The results of one variant, or of both; raises ``ValueError`` for an unknown variant."""
    return [pack.validate(payload, type, variant=v) for v in dialects_of_variant(variant)]


def assert_conforms(
    payload: Any,
    type: str | PackType,
    *,
    variant: str = "json-schema",
    pack: Pack | None = None,
) -> None:
    """Fail with every finding, located and explained, unless ``payload`` conforms.

    ``variant`` is ``"json-schema"``, ``"json-structure"`` or ``"both"``. The
    vendored pack is used unless ``pack`` is given (the ``hsconform`` pytest
    fixture passes the configured one).
    """
    if pack is None:
        from hsconform.pack.vendored import vendored_pack

        pack = vendored_pack()
    results = check_conforms(pack, payload, type, variant=variant)
    if not all(result.ok for result in results):
        __tracebackhide__ = True  # pytest: show the message, not this frame
        raise AssertionError(describe_failure(payload, results))
