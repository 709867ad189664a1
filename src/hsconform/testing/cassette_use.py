"""Which VCR.py cassettes a test used, whatever opened them.

VCR.py has no global event for "a cassette was opened", and its per-cassette hooks
(``before_record_response``, ``before_save_interaction``, persisters) are options of one
``VCR()`` instance or one ``use_cassette`` call: a hook set on the module-level ``vcr`` would
not see a ``VCR()`` the user builds, and pytest-recording registers its own persister (one
that overrides ``load_cassette``). What every way of opening a cassette shares is
``Cassette.load``, the public class method VCR.py's context manager and decorator call to
create the cassette (``vcr.use_cassette``, ``VCR().use_cassette``, pytest-recording's ``vcr``
fixture and marker, all go through it; its keyword arguments, ``path`` among them, have
been stable since VCR.py 1). So :class:`CassetteLog` wraps that one method: it calls the
original unchanged and notes the cassette's path, and the path of any other cassette the
persister merges in (pytest-recording's ``@pytest.mark.vcr("other.yaml")``, its
``extra_paths``). The files are read only once the test is over, so a cassette a test
records is checked as written, exactly as one it replays.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


class CassetteLog:
    """The cassette files opened through VCR.py while a window is open, in order."""

    def __init__(self) -> None:
        self._window: list[Path] | None = None
        self._installed: tuple[type[Any], Any, Any] | None = None

    def install(self) -> bool:
        """Wrap ``Cassette.load``; False when VCR.py is not installed (nothing to watch)."""
        if self._installed is not None:
            return True
        try:  # VCR.py is optional and untyped: looked up by name
            cassette_class: Any = importlib.import_module("vcr.cassette").Cassette
        except ImportError:
            return False
        original = cassette_class.__dict__["load"]
        load: Callable[..., Any] = original.__func__
        log = self

        def watched_load(cls: type[Any], *args: Any, **kwargs: Any) -> Any:
            cassette = load(cls, *args, **kwargs)
            path = kwargs.get("path", args[0] if args else None)
            log.saw(path, getattr(kwargs.get("persister"), "extra_paths", ()))
            return cassette

        wrapper = classmethod(watched_load)
        cassette_class.load = wrapper
        self._installed = (cassette_class, original, wrapper)
        return True

    def uninstall(self) -> None:
        """Put ``Cassette.load`` back (unless someone wrapped it after us: then leave theirs)."""
        if self._installed is None:
            return
        cassette, original, wrapper = self._installed
        if cassette.__dict__.get("load") is wrapper:
            cassette.load = original
        self._installed = None

    def saw(self, path: Any, extra: Any = ()) -> None:
        """Note a cassette's path (and merged ones) when a window is open."""
        if self._window is None:
            return
        for each in (path, *(extra if isinstance(extra, list | tuple) else ())):
            if isinstance(each, str | os.PathLike):
                found = Path(os.path.abspath(os.fspath(each)))
                if found not in self._window:
                    self._window.append(found)

    def open(self) -> None:
        """Start noting cassettes (one test's window)."""
        self._window = []

    def close(self) -> list[Path]:
        """Stop noting; the cassettes seen since :meth:`open`, in the order first opened."""
        seen, self._window = self._window or [], None
        return seen
