"""Project configuration: ``hsconform.toml``, or ``[tool.hsconform]`` in ``pyproject.toml``.

Keys (the same in both files)::

    schemas = "path/to/pack"      # default: the vendored pack
    profile = "published"         # JSON Structure profile
    variant = "json-schema"       # or "json-structure", or "both"
    engine = "jsonschema-rs"      # JSON Schema engine, or "reference" (python-jsonschema)
    paths = ["recordings"]        # what ``hsconform check`` checks when given no path
    exclude = ["**/drafts/*"]     # globs of files not to check
    routes = "routes.json"        # more method + path + status -> type routes
    openapi = ["openapi.yaml"]    # routes derived from OpenAPI documents
    strict = false                # true: a skipped response fails the run
    baseline = "drift-baseline.json"  # accepted drift, for ``hsconform drift``

    [types]                       # in pyproject.toml: [tool.hsconform.types]
    "recordings/flags/*.json" = "BatchPortalFlagStateResponseWithErrors"

Globs are matched against the file's path relative to the folder of the
configuration file, with ``/`` separators: ``*`` and ``?`` stay within one
folder, ``**/`` spans any number of folders. The first matching glob wins.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import re2  # type: ignore[import-untyped]

from hsconform.errors import ConfigError
from hsconform.limits import LimitError, Limits, read_file
from hsconform.vocabulary import dialects_of_variant, engine_named, profile_named

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = "hsconform.toml"
KNOWN_KEYS = frozenset(
    {
        "schemas",
        "profile",
        "variant",
        "engine",
        "types",
        "baseline",
        "routes",
        "openapi",
        "paths",
        "exclude",
        "strict",
        "limits",
    }
)


@dataclass(frozen=True)
class Config:
    """Settings read from a configuration file (all optional)."""

    source: Path | None = None
    base: Path = Path()
    schemas: Path | None = None
    profile: str | None = None
    variant: str | None = None
    engine: str | None = None
    types: tuple[tuple[str, str], ...] = ()
    baseline: Path | None = None
    routes: tuple[Path, ...] = ()
    openapi: tuple[Path, ...] = ()
    paths: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    strict: bool = False
    #: The ``[limits]`` table, as ``name=value`` settings (see :mod:`hsconform.limits`).
    limits: tuple[str, ...] = ()

    def type_for(self, path: Path) -> str | None:
        """The type the first matching glob assigns to ``path``, if any."""
        if path in self._chosen:
            return self._chosen[path]  # every response of a recording asks again
        chosen = None
        relative = os.path.relpath(os.path.abspath(path), self._base)
        if not relative.startswith(".."):
            relative = relative.replace(os.sep, "/")
            chosen = next((name for glob, name in self._globs if glob.fullmatch(relative)), None)
        self._chosen[path] = chosen
        return chosen

    @functools.cached_property
    def _chosen(self) -> dict[Path, str | None]:
        return {}

    @functools.cached_property
    def _globs(self) -> tuple[tuple[Glob, str], ...]:
        return tuple((glob_to_regex(pattern), name) for pattern, name in self.types)

    @functools.cached_property
    def _base(self) -> str:
        return os.path.abspath(self.base)


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


class Glob:
    """A compiled path glob; matching runs in time linear in the path, whatever the glob.

    Globs come from configuration files nobody reviewed: 25 ``*`` in a row, or ``**/`` 30
    times, would make a backtracking engine take exponential time, so RE2 runs them.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: Any = re2.compile(_glob_regex(pattern), _RE2_OPTIONS)

    def fullmatch(self, path: str) -> bool:
        """Whether the whole of ``path`` (``/`` separators) matches."""
        if _SURROGATE.search(path):  # a file name that was not UTF-8: match what it shows
            path = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return self._compiled.fullmatch(path) is not None


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
_SURROGATE = re.compile("[\ud800-\udfff]")


def glob_to_regex(pattern: str) -> Glob:
    """Compile a path glob: ``*``/``?`` within a folder, ``**/`` across folders."""
    return Glob(pattern)


def _glob_regex(pattern: str) -> str:
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return "".join(out)


def find_config(start: Path) -> Config:
    """The configuration that applies in ``start``: the nearest folder upwards that has one.

    In one folder ``hsconform.toml`` wins over ``pyproject.toml``; a
    ``pyproject.toml`` without ``[tool.hsconform]`` does not count.
    """
    for folder in [start.resolve(), *start.resolve().parents]:
        own = folder / CONFIG_FILE
        if own.is_file():
            return load_config(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {})
            if isinstance(table, Mapping) and "hsconform" in table:
                return load_config(pyproject)
    return Config()


def load_config(path: Path) -> Config:
    """Read one configuration file; a ``pyproject.toml`` contributes its ``[tool.hsconform]``."""
    data = _read_toml(path)
    where = str(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("hsconform", {}) if isinstance(tool, Mapping) else {}
        where = f"{path} [tool.hsconform]"
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: the hsconform settings must be a table")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(KNOWN_KEYS))}"
        )
    base = path.parent
    schemas = _string(data, "schemas", where)
    types = data.get("types", {})
    if not isinstance(types, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in types.items()
    ):
        raise ConfigError(f"{where}: 'types' must map file globs to type names (strings)")
    return Config(
        source=path,
        base=base,
        schemas=(base / schemas) if schemas else None,
        profile=_checked(_string(data, "profile", where), profile_named, where),
        variant=_checked(_string(data, "variant", where), dialects_of_variant, where),
        engine=_checked(_string(data, "engine", where), engine_named, where),
        types=tuple(types.items()),
        baseline=(base / baseline) if (baseline := _string(data, "baseline", where)) else None,
        routes=tuple(base / p for p in _strings(data, "routes", where)),
        openapi=tuple(base / p for p in _strings(data, "openapi", where)),
        paths=tuple(base / p for p in _strings(data, "paths", where)),
        exclude=_strings(data, "exclude", where),
        strict=_boolean(data, "strict", where),
        limits=_limits(data, where),
    )


def _string(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: {key!r} must be a string")
    return value


def _checked(value: str | None, check: Callable[[str], object], where: str) -> str | None:
    """A closed-set setting, refused here with its file rather than later without it."""
    if value is not None:
        try:
            check(value)
        except ValueError as error:
            raise ConfigError(f"{where}: {error}") from error
    return value


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A string or a list of strings, as a tuple."""
    value = data.get(key, ())
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: {key!r} must be a string or a list of strings")


def _limits(data: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """The ``[limits]`` table as settings, each checked here so a typo names the file."""
    table = data.get("limits", {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: 'limits' must be a table of NAME = VALUE")
    settings = tuple(f"{name}={value}" for name, value in table.items())
    limits = Limits()
    for setting in settings:
        try:
            limits = limits.with_setting(setting)
        except ValueError as error:
            raise ConfigError(f"{where}: [limits]: {error}") from error
    return settings


def _boolean(data: Mapping[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {key!r} must be true or false")
    return value


#: A configuration file larger than this is refused unread (``--config /dev/zero`` too).
MAX_CONFIG_SIZE = 1 << 20


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = read_file(path, limit=MAX_CONFIG_SIZE)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from error
    except LimitError as error:
        raise ConfigError(f"{path}: {error.message}") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line, column = before.count(b"\n") + 1, error.start - (before.rfind(b"\n") + 1) + 1
        raise ConfigError(f"{path}:{line}:{column}: the file is not UTF-8 text") from error
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    except ValueError as error:  # an integer past the digit limit
        raise ConfigError(f"{path}: invalid TOML: a value Python refuses ({error})") from error
    return data
