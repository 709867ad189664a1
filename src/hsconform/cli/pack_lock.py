"""``hsconform pack lock [DIR]``: write a pack's lock, or ``--check`` the folder against it.

Exit codes: 0 written, or the folder agrees with its lock; 1 with ``--check``, files edited,
added or missing (each listed); 2 a folder that is not a pack, no lock to check, or a lock
that cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from hsconform.config import find_config
from hsconform.errors import ConfigError
from hsconform.outcomes import EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS
from hsconform.pack.lock import (
    LOCK_FILE,
    Lock,
    LockError,
    check_folder,
    lock_path,
    read_lock,
    short_digest,
)
from hsconform.pack.locking import lock_folder
from hsconform.vocabulary import PROFILES


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """``pack lock``: its arguments."""
    parser = subparsers.add_parser(
        "lock",
        help=f"write DIR/{LOCK_FILE}: every file's sha256, counts, digest, provenance",
        description=f"Write DIR/{LOCK_FILE}, the lock of the pack in DIR, or check DIR against it.",
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="the pack folder (default: the configured `schemas`, else the current folder)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 listing each file edited, added or missing since locking",
    )
    parser.add_argument("--name", help="the pack's name (default: the lock's, else DIR's name)")
    parser.add_argument(
        "--profile",
        choices=[profile.value for profile in PROFILES],
        default=None,
        help="the JSON Structure profile the pack is meant for (default: the lock's, else "
        "the configured one, else published)",
    )
    return parser


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Lock the pack, or check it against its lock."""
    try:
        configured = find_config(Path.cwd())
    except ConfigError as error:
        err.write(f"hsconform: error: {error}\n")
        return EXIT_USAGE
    folder: Path = args.folder or configured.schemas or Path()
    if not folder.is_dir():
        err.write(f"hsconform: error: {folder}: no such pack folder\n")
        return EXIT_USAGE
    try:
        if args.check:
            return _check(folder, read_lock(folder), out, err)
        lock = lock_folder(
            folder, name=args.name, profile=args.profile, default_profile=configured.profile
        )
    except LockError as error:
        hint = "" if args.check else f" (remove {LOCK_FILE} to lock the folder anew)"
        err.write(f"hsconform: error: {error}{hint}\n")
        return EXIT_USAGE
    out.write(
        f"hsconform: locked {lock.name} sha256:{short_digest(lock.digest)} "
        f"({len(lock.files)} files) in {lock_path(folder)}\n"
    )
    return EXIT_OK


def _check(folder: Path, lock: Lock | None, out: TextIO, err: TextIO) -> int:
    if lock is None:
        err.write(
            f"hsconform: error: {lock_path(folder)}: no lock to check "
            f"(write one with `hsconform pack lock {folder}`)\n"
        )
        return EXIT_USAGE
    difference = check_folder(folder, lock)
    if not difference:
        out.write(
            f"hsconform: {folder} agrees with its lock: {lock.name} "
            f"sha256:{short_digest(lock.digest)} ({len(lock.files)} files)\n"
        )
        return EXIT_OK
    for line in difference.lines():
        out.write(f"{line}\n")
    err.write(
        f"hsconform: error: {folder} does not match its lock: {len(difference.lines())} "
        f"file(s) differ; relock with `hsconform pack lock {folder}` once the change is meant\n"
    )
    return EXIT_VIOLATIONS
