"""hsconform: HubSpot API payload conformance for both published schema variants.

>>> import hsconform
>>> result = hsconform.validate({"status": "COMPLETE"}, "crm-feature-flags-api-batch-portal-flag-state-response-with-errors")
>>> result.ok, [f.code for f in result.findings]
(False, ['HSC-V-REQUIRED'])
"""  # noqa: E501

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hsconform import _moved
from hsconform._version import __version__

if TYPE_CHECKING:
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
    from hsconform.pack.vendored import validate, vendored_pack
    from hsconform.testing.assertions import assert_conforms


#: Public name -> the module that defines it; imported on first use (PEP 562), so
#: ``import hsconform`` (and the pytest plugin) load nothing they do not need.
_PUBLIC = {
    "ConfigError": "hsconform.errors",
    "HsconformError": "hsconform.errors",
    "LoadProblem": "hsconform.errors",
    "PackError": "hsconform.errors",
    "PayloadError": "hsconform.errors",
    "UnknownType": "hsconform.errors",
    "UnsupportedVariant": "hsconform.errors",
    "Finding": "hsconform.findings",
    "Hop": "hsconform.findings",
    "Result": "hsconform.findings",
    "SchemaLocation": "hsconform.findings",
    "Severity": "hsconform.findings",
    "SourceLocation": "hsconform.findings",
    "Pack": "hsconform.pack",
    "PackType": "hsconform.pack",
    "load_pack": "hsconform.pack",
    "validate": "hsconform.pack.vendored",
    "vendored_pack": "hsconform.pack.vendored",
    "assert_conforms": "hsconform.testing.assertions",
}

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

_moved.install()


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'hsconform' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
