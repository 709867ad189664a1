"""Colour in the text report: ``--color auto|always|never``, ``NO_COLOR`` and ``FORCE_COLOR``.

``auto`` colours a terminal only, unless ``NO_COLOR`` (https://no-color.org) is set to
anything non-empty, or ``FORCE_COLOR`` asks for colour anywhere; ``always`` and ``never``
override both, as pytest's and ruff's options do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")

_STYLES = {"red": "31", "green": "32", "yellow": "33", "bold": "1"}


def wants_color(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to colour what goes to ``stream``."""
    if choice == "always":
        return True
    if choice == "never" or environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, style: str, *, color: bool) -> str:
    """``text`` in ``style`` (red, green, yellow, bold) when colouring, else as it is."""
    return f"\033[{_STYLES[style]}m{text}\033[0m" if color else text
