"""Assertions for test suites: a failure lists every finding like a diff, never a bare ``False``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hsconform.errors import HsconformError, UnknownType
from hsconform.findings import Finding, Result, Severity
from hsconform.jsontext import resolve_pointer
from hsconform.jsonvalue import short
from hsconform.pack import Pack, PackType
from hsconform.testing import session
from hsconform.vocabulary import Dialect, dialects_of_variant


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


def describe_unknown(pack: Pack, error: UnknownType) -> str:
    """The assertion message for a type name the pack does not resolve to one type.

    The candidates are those ``Pack.type`` chose by the rule every caller shares
    (:mod:`hsconform.pack.suggestions`).
    """
    names = list(error.candidates)
    if error.ambiguous:
        return f"type name {error.name!r} is ambiguous in {pack.root}; use one of: " + ", ".join(
            names
        )
    where = f"unknown type {error.name!r} in the pack at {pack.root}"
    if names:
        more = f" and {error.more} more" if error.more else ""
        return f"{where}; candidates: " + ", ".join(names) + more
    return f"{where} ({len(pack.types())} types; `hsconform types` lists them)"


def check_conforms(
    pack: Pack, payload: Any, type: str | PackType, *, variant: str = "json-schema"
) -> list[Result]:
    """The results of one variant, or of both; raises ``ValueError`` for an unknown variant.

    The batch rules read the payload alone, so under both variants the first result has them.
    """
    return [
        pack.validate(payload, type, variant=v, batch_rules=first == 0)
        for first, v in enumerate(dialects_of_variant(variant))
    ]


def configured(pack: Pack | None, variant: str | None) -> tuple[Pack, str]:
    """The pack and variant to use: those given, else the pytest session's, else the defaults.

    Inside a pytest session the defaults are the project's configuration (the ``hsconform``
    fixture's); outside one, the vendored pack and JSON Schema.
    """
    defaults = session.current()
    if pack is None:
        if defaults is not None:
            pack = defaults.pack()
        else:
            from hsconform.pack.vendored import vendored_pack

            pack = vendored_pack()
    if variant is None:
        variant = (defaults.variant() if defaults is not None else None) or Dialect.JSON_SCHEMA
    return pack, variant


def assert_conforms(
    payload: Any,
    type: str | PackType,
    *,
    variant: str | None = None,
    pack: Pack | None = None,
) -> None:
    """Fail with every finding, located and explained, unless ``payload`` conforms.

    ``variant`` is ``"json-schema"``, ``"json-structure"`` or ``"both"``. Unless given,
    ``pack`` and ``variant`` are those the project configures when called inside a pytest
    session (``hsconform.toml`` / ``[tool.hsconform]``), else the vendored pack and
    ``"json-schema"``. A type name the pack does not know is a failure that lists the
    candidates, as is a configuration that cannot be used.
    """
    __tracebackhide__ = True  # pytest: show the message, not this frame
    try:
        pack, variant = configured(pack, variant)
    except HsconformError as error:
        raise AssertionError(f"hsconform: {error}") from None  # the message says it all
    try:
        results = check_conforms(pack, payload, type, variant=variant)
    except UnknownType as error:
        raise AssertionError(describe_unknown(pack, error)) from None  # no second traceback
    if not all(result.ok for result in results):
        raise AssertionError(describe_failure(payload, results))
