"""hsconform: HubSpot API payload conformance for both published schema variants.

>>> import hsconform
>>> result = hsconform.validate({"status": "COMPLETE"}, "crm-feature-flags-api-batch-portal-flag-state-response-with-errors")
>>> result.ok, [f.code for f in result.findings]
(False, ['HSC-V-REQUIRED'])
"""  # noqa: E501

from __future__ import annotations

import threading
from typing import Any

from hsconform.assertions import assert_conforms
from hsconform.errors import (
    ConfigError,
    HsconformError,
    LoadProblem,
    PackError,
    PayloadError,
    UnknownType,
    UnsupportedVariant,
)
from hsconform.findings import Finding, Hop, Result, SchemaLocation, Severity, SourceLocation
from hsconform.pack import Pack, PackType, load_pack

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "Finding",
    "Hop",
    "HsconformError",
    "LoadProblem",
    "Pack",
    "PackError",
    "PackType",
    "PayloadError",
    "Result",
    "SchemaLocation",
    "Severity",
    "SourceLocation",
    "UnknownType",
    "UnsupportedVariant",
    "__version__",
    "assert_conforms",
    "load_pack",
    "validate",
    "vendored_pack",
]

_vendored: list[Pack] = []
_vendored_lock = threading.Lock()


def vendored_pack() -> Pack:
    """The pack shipped with hsconform, loaded once per process."""
    if not _vendored:
        with _vendored_lock:
            if not _vendored:
                _vendored.append(load_pack())
    return _vendored[0]


def validate(payload: Any, type: str | PackType, *, variant: str = "json-schema") -> Result:
    """Check a payload against a type of the vendored pack (see :meth:`Pack.validate`)."""
    return vendored_pack().validate(payload, type, variant=variant)
