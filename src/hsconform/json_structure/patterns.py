r"""Regular expressions of ``pattern``, ``patternProperties`` and ``propertyNames``/``keyNames``.

Patterns run on RE2, whose matching time is linear in the input: a catastrophic
pattern such as ``^(a+)+$`` cannot hang validation. RE2 also shares ECMAScript's
meaning of ``$`` (end of input only) and of ``\d``/``\w`` (ASCII). ECMAScript
features RE2 lacks (look-around, back-references) are refused with a finding
rather than run on a backtracking engine. ``\uXXXX`` escapes are translated.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import re2  # type: ignore[import-untyped]

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would otherwise print its parse errors on stderr

_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern, or the reason it cannot run."""

    source: str
    error: str | None
    unsupported: bool
    _compiled: object | None

    def search(self, text: str) -> bool:
        """Whether the pattern matches anywhere in ``text`` (ECMAScript ``test`` semantics)."""
        if self._compiled is None:
            raise ValueError(self.error or "pattern cannot run")
        return self._compiled.search(text) is not None  # type: ignore[attr-defined]


def _translate(source: str) -> str:
    """ECMAScript spellings RE2 writes differently."""
    return _UNICODE_ESCAPE.sub(lambda m: f"{m.group(1)}\\x{{{m.group(2)}}}", source)


@functools.lru_cache(maxsize=1024)
def compile_pattern(source: str) -> Pattern:
    """Compile an ECMAScript pattern for RE2; never raises."""
    try:
        compiled = re2.compile(_translate(source), _OPTIONS)
    except re2.error as error:
        message = (
            error.args[0].decode()
            if error.args and isinstance(error.args[0], bytes)
            else str(error)
        )
        unsupported = _python_accepts(source)
        if unsupported:
            message = (
                f"uses a feature the linear-time engine does not run ({message}); "
                "look-around and back-references are refused to rule out catastrophic backtracking"
            )
        return Pattern(source, message, unsupported, None)
    return Pattern(source, None, False, compiled)


def _python_accepts(source: str) -> bool:
    """A pattern Python's engine accepts but RE2 does not uses an unsupported feature."""
    try:
        re.compile(source)
    except re.error:
        return False
    return True
