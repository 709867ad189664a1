"""An HTTP rule no route table can skip: an operation answered with a status it never declared.

A response whose status the OpenAPI document (or route file) does not declare is exactly what
client code was not written for; schemathesis users know it as "undocumented status code". It
is a finding, not a skip, so a run cannot pass on traffic the documentation does not describe.
"""

from __future__ import annotations

from collections.abc import Iterable

from hsconform.findings import Finding, Severity

UNDECLARED_STATUS = "HSC-H-UNDECLARED-STATUS"


def undeclared_status(
    method: str, template: str, status: int | str, declared: Iterable[str]
) -> Finding:
    """The finding for a response of ``method template`` whose ``status`` is not declared."""
    statuses = ", ".join(sorted(set(declared), key=_status_order))
    return Finding(
        code=UNDECLARED_STATUS,
        severity=Severity.ERROR,
        message=(
            f"HTTP {status} is not a status {method} {template} declares "
            f"(declared: {statuses}; no default)"
        ),
    )


def _status_order(status: str) -> tuple[int, str]:
    """Codes and classes in numeric order (``200``, ``207``, ``2XX``), ``default`` last."""
    return (1, status) if status == "default" else (0, status)
