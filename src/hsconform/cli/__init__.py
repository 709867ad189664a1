"""The command line: ``hsconform types | check | lint | drift``."""

from __future__ import annotations

from hsconform.cli._main import main

__all__ = ["main"]
