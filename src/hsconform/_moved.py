"""Import paths that moved in 0.2: they keep working for one release, with a warning.

Each old path is a module whose ``__getattr__`` warns with :class:`DeprecationWarning` and hands
out the name from its new home, as jsonschema does for its moved names. The modules are made on
first import by a finder on ``sys.meta_path``, so the old paths cost nothing until used.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

#: Old module path -> new module path (removed in 0.3).
MOVED: dict[str, str] = {
    "hsconform.naming": "hsconform.pack.naming",
    "hsconform.documents": "hsconform.pack.documents",
    "hsconform.registry": "hsconform.pack.registry",
    "hsconform.routes": "hsconform.pack.routes",
    "hsconform.jsonschema_backend": "hsconform.json_schema.validator",
    "hsconform.schema_lint": "hsconform.json_schema.lint",
    "hsconform.structure": "hsconform.json_structure",
    "hsconform.structure.compiler": "hsconform.json_structure.compiler",
    "hsconform.structure.keywords": "hsconform.json_structure.keywords",
    "hsconform.structure.lint": "hsconform.json_structure.lint",
    "hsconform.structure.nodes": "hsconform.json_structure.nodes",
    "hsconform.structure.patterns": "hsconform.json_structure.patterns",
    "hsconform.structure.primitives": "hsconform.json_structure.primitives",
    "hsconform.structure.validator": "hsconform.json_structure.validator",
    "hsconform.shape": "hsconform.drift.shape",
    "hsconform.values": "hsconform.drift.values",
    "hsconform.baseline": "hsconform.drift.baseline",
    "hsconform.batch": "hsconform.rules.batch",
    "hsconform.checker": "hsconform.check.checker",
    "hsconform.runner": "hsconform.check.runner",
    "hsconform.assertions": "hsconform.testing.assertions",
    "hsconform.strategies": "hsconform.testing.strategies",
    "hsconform.pytest_plugin": "hsconform.testing.pytest_plugin",
}


def _warn(old: str, new: str) -> None:
    message = f"{old} moved to {new}; the old path will be removed in hsconform 0.3"
    warnings.warn(message, DeprecationWarning, stacklevel=3)


class _MovedModule(types.ModuleType):
    """An old import path: every name looked up warns and comes from the new module."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        new = MOVED[self.__name__]
        _warn(self.__name__, new)
        return getattr(importlib.import_module(new), name)

    def __dir__(self) -> list[str]:
        return dir(importlib.import_module(MOVED[self.__name__]))


class _MovedLoader:
    """Makes the module of an old path (a loader by protocol: importlib.abc is slow to import)."""

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _MovedModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        # An old package path stays a package, so its old submodules import too.
        if any(other.startswith(f"{module.__name__}.") for other in MOVED):
            module.__path__ = []


class MovedFinder:
    """Finds the old paths in :data:`MOVED`, and nothing else."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        loader = cast("Loader", _MovedLoader())
        return importlib.machinery.ModuleSpec(fullname, loader)


def install() -> None:
    """Put the finder first on ``sys.meta_path`` once: a stale folder must not win."""
    if not any(isinstance(finder, MovedFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedFinder())
