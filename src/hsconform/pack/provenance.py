"""Where a pack came from: the git commit and remote of its checkout, else the folder and time.

Read with the local ``git`` program only (never the network). A remote URL loses any user
name or token it carries, so a lock never records a credential; a remote that is a path on
this machine is left out, as nobody else could follow it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

#: A value of the provenance record: text, or whether the checkout had uncommitted changes.
SourceValue = str | bool


def source_of(root: Path, paths: Sequence[str] = (".",)) -> dict[str, SourceValue]:
    """The provenance of the folder ``root``.

    In a git checkout: ``commit`` (the last that changed ``paths``, relative to ``root``;
    ``HEAD`` when none did), ``remote`` (``origin``'s URL, else the first remote's, unless it
    is a local path), ``path`` (of the folder inside the checkout) and ``dirty`` (files under
    ``paths`` differ from ``HEAD``). Elsewhere: ``folder`` and ``locked_at``.
    """
    if _git(root, "rev-parse", "--verify", "HEAD") is None:
        return {
            "folder": str(root.resolve()),
            "locked_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    commit = _git(root, "log", "-1", "--format=%H", "--", *paths)
    source: dict[str, SourceValue] = {
        "commit": commit or _git(root, "rev-parse", "--verify", "HEAD") or ""
    }
    remote = _remote(root)
    if remote:
        source["remote"] = remote
    prefix = _git(root, "rev-parse", "--show-prefix")
    source["path"] = (prefix or "").rstrip("/") or "."
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths)
    source["dirty"] = bool(status)
    return source


def describe(source: Mapping[str, SourceValue]) -> str | None:
    """A short commit for report headers (``abc1234``, with ``+`` when dirty), or ``None``."""
    commit = source.get("commit")
    if not isinstance(commit, str) or not commit:
        return None
    return commit[:12] + ("+" if source.get("dirty") is True else "")


def _remote(root: Path) -> str | None:
    names = (_git(root, "remote") or "").split()
    if not names:
        return None
    name = "origin" if "origin" in names else names[0]
    url = _git(root, "remote", "get-url", name)
    if not url or not _is_shared(url):
        return None
    return _without_credentials(url)


def _is_shared(url: str) -> bool:
    """Whether a remote names a place others reach: ``scheme://...`` or ``host:path``."""
    if "://" in url:
        return not url.startswith("file://")
    host, colon, _ = url.partition(":")
    return bool(colon) and "/" not in host and len(host) > 1


def _without_credentials(url: str) -> str:
    """``url`` without a user name or password (``https://token@host/x`` -> ``https://host/x``)."""
    parts = urlsplit(url)
    if parts.scheme and "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url


def _git(root: Path, *arguments: str) -> str | None:
    """The output of a git command run in ``root``; ``None`` when git fails or is absent."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), *arguments],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout.strip()
