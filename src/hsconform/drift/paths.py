"""Where in a value a difference lies: steps into a shape, and the locations they name.

A path is written two ways: as a pattern (``/results/*/appId``, ``*`` for any index or key),
which is where a finding reports the difference, and as the concrete JSON Pointer a witness
puts it at (``/results/0/appId``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step into a value: a member, any item of an array, any value of a map."""

    kind: str
    key: str | int | None = None

    def token(self) -> str:
        """The step in a location pattern (``*`` for any item or key)."""
        return str(self.key) if self.kind in ("prop", "tuple", "choice") else "*"


Path = tuple[Step, ...]


def pattern(path: Path) -> str:
    """A location pattern such as ``/results/*/appId`` (``*``: any index or key)."""
    return "".join(f"/{step.token().replace('~', '~0').replace('/', '~1')}" for step in path)


def concrete(path: Path) -> str:
    """The JSON Pointer the witness puts the difference at (index 0, key ``key``)."""
    tokens = []
    for step in path:
        if step.kind == "items":
            tokens.append("0")
        elif step.kind == "values":
            tokens.append("key")
        else:
            tokens.append(str(step.key).replace("~", "~0").replace("/", "~1"))
    return "".join(f"/{t}" for t in tokens)
