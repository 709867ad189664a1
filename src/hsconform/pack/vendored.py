"""The pack shipped with hsconform, loaded once per process on first use."""

from __future__ import annotations

import threading
from typing import Any

from hsconform.findings import Result
from hsconform.pack._core import Pack, PackType, load_pack

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
