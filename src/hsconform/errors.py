"""Exception types: each failure the library can raise, with the fields a caller needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class HsconformError(Exception):
    """Base class of every error hsconform raises on purpose."""


@dataclass(frozen=True)
class LoadProblem:
    """One thing wrong with a schema pack, found while loading it.

    ``file`` is relative to the pack root; ``pointer`` is the JSON Pointer of
    the offending node inside that file (``""`` for the whole document).
    """

    code: str
    file: str
    pointer: str
    message: str
    target: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        if self.pointer:
            where += f"#{self.pointer}"
        target = f" (target: {self.target})" if self.target else ""
        return f"{where}: [{self.code}] {self.message}{target}"


class PackError(HsconformError):
    """A schema pack could not be loaded; ``problems`` lists every reason at once."""

    def __init__(self, root: str, problems: Sequence[LoadProblem]) -> None:
        self.root = root
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"cannot load schema pack {root}: {count} {noun}\n{lines}")


class UnknownType(HsconformError, LookupError):  # noqa: N818 - the name is the public interface
    """A type name matched no type, or more than one; ``candidates`` says which names exist.

    ``more`` counts the further names that matched but are not listed; ``known``, when given,
    is how many types the pack has (said when nothing comes close).
    """

    def __init__(
        self,
        name: str,
        candidates: Sequence[str],
        *,
        ambiguous: bool = False,
        more: int = 0,
        known: int | None = None,
    ) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        self.ambiguous = ambiguous
        self.more = more
        if ambiguous:
            message = f"type name {name!r} is ambiguous; use one of: " + ", ".join(candidates)
        elif candidates:
            message = f"unknown type {name!r}; closest names: " + ", ".join(candidates)
            if more:
                message += f" and {more} more"
        elif known is not None:
            message = (
                f"unknown type {name!r}: no type's name or title contains it "
                f"({known} types; `hsconform types` lists them)"
            )
        else:
            message = f"unknown type {name!r}"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class UnsupportedVariant(HsconformError, ValueError):  # noqa: N818 - reads as a value error
    """The requested variant is unknown, or the type has no document in it."""


class LocatedError(HsconformError):
    """A file that cannot be read, with the reason and, when known, the line and column."""

    def __init__(
        self,
        file: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        *,
        code: str | None = None,
    ) -> None:
        self.file = file
        self.reason = message
        self.line = line
        self.column = column
        #: The finding code when it is more precise than "not JSON" (a limit that was hit).
        self.code = code
        where = file if line is None else f"{file}:{line}:{column or 1}"
        super().__init__(f"{where}: {message}")


class PayloadError(LocatedError):
    """A payload could not be read as JSON; carries the file, line and column."""


class ConfigError(HsconformError):
    """The ``hsconform.toml`` / ``[tool.hsconform]`` configuration is invalid."""
