"""The pack and variant a pytest session configured, for calls that name neither.

The pytest plugin pushes the session's settings when pytest starts and pops them when it
ends, so ``hsconform.assert_conforms`` called inside a test uses the project's
``hsconform.toml`` / ``[tool.hsconform]`` as the ``hsconform`` fixture does. Nothing is read
or loaded until a call asks: the settings are functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hsconform.pack import Pack


@dataclass(frozen=True)
class Defaults:
    """How to get the configured pack and variant (``None``: not configured)."""

    pack: Callable[[], Pack]
    variant: Callable[[], str | None]


_active: list[Defaults] = []


def push(defaults: Defaults) -> None:
    """Use ``defaults`` until :func:`pop` (sessions nest: pytest inside pytest)."""
    _active.append(defaults)


def pop(defaults: Defaults) -> None:
    """Stop using ``defaults``."""
    if defaults in _active:
        _active.remove(defaults)


def current() -> Defaults | None:
    """The innermost session's defaults, or ``None`` outside a pytest session."""
    return _active[-1] if _active else None
