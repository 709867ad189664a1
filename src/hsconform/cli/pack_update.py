"""``hsconform pack update SRC [--pack DIR] [--dry-run]``: the same selection from a newer SRC.

The pack at DIR was made by ``hsconform pack select``; its ``hsconform-select.json`` says what
was selected. The selection is made again from SRC; what changes is printed as
``hsconform pack diff`` prints it (breaking, widening, annotation, added, removed, with
witnesses), then the files added, removed and changed; DIR is replaced in one rename (nothing is
written with ``--dry-run``). The exit code is 0 whatever the changes: ``pack diff`` gives one.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from hsconform.cli.pack_select import locked
from hsconform.config import display, find_config
from hsconform.errors import ConfigError, PackError
from hsconform.evolution import diff_packs, diff_report
from hsconform.outcomes import EXIT_OK, EXIT_USAGE
from hsconform.pack import Pack, load_pack
from hsconform.pack.select import SelectError
from hsconform.pack.select_changes import FileChanges, folder_changes
from hsconform.pack.select_folder import StagedPack, staged_selection
from hsconform.report import REPORTERS

__all__ = ["add_parser", "run", "write_changes", "write_diff"]


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add ``update`` to the ``pack`` subcommands."""
    parser = subparsers.add_parser(
        "update",
        help="select again, from a newer SRC, what a selected pack was selected with",
        description="Repeat the selection recorded in DIR/hsconform-select.json against SRC, "
        "print what changes, and replace DIR (its lock too, when it has one) in one rename.",
    )
    parser.add_argument("source", metavar="SRC", type=Path, help="the newer pack to select from")
    parser.add_argument(
        "--pack",
        metavar="DIR",
        type=Path,
        default=None,
        help="the selected pack to update (default: the configured `schemas` folder)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would change; write nothing",
    )
    return parser


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Select again, print the changes, replace the pack unless this is a dry run."""
    try:
        target = args.pack or _configured_pack()
        with staged_selection(args.source, None, target, dry_run=args.dry_run) as staged:
            previous = staged.previous
            old_files = previous.files if previous is not None else ()
            changes = folder_changes(target, old_files, staged.folder, staged.selected.record.files)
            old = _old_pack(target, err) if changes else None
            if not args.dry_run:
                staged.replace()
            new_root = staged.folder if args.dry_run else target
            if old is not None:
                write_diff(old, load_pack(new_root, profile=old.profile), out)
            write_changes(changes, out, types=old is None)
            if args.dry_run:
                out.write(f"dry run: {display(target)} is unchanged\n")
            else:
                out.write(_updated(staged, changes, target))
                if staged.selected.lock is not None:
                    out.write(f"{locked(staged.selected.lock, target)}\n")
    except SelectError as error:
        err.write(f"hsconform: error: {error}\n")
        return EXIT_USAGE
    return EXIT_OK


def _old_pack(target: Path, err: TextIO) -> Pack | None:
    """The pack as it is before the update; ``None`` (with a note) when it does not load."""
    try:
        return load_pack(target)
    except PackError as error:
        err.write(
            f"hsconform: note: the pack before the update does not load, so only its "
            f"files are compared: {error}\n"
        )
        return None


def write_diff(old: Pack, new: Pack, out: TextIO) -> None:
    """``hsconform pack diff`` of the two versions, as text: what changes for a consumer."""
    REPORTERS["text"](diff_report(old, new, diff_packs(old, new)), out)


def _configured_pack() -> Path:
    try:
        config = find_config(Path.cwd())
    except ConfigError as error:
        raise SelectError(str(error)) from error
    if config.schemas is None:
        raise SelectError("name the pack to update with --pack DIR (no `schemas` is configured)")
    return Path(config.schemas)


def _updated(staged: StagedPack, changes: FileChanges, target: Path) -> str:
    if not changes:
        return f"{display(target)} is up to date with {staged.selected.record.source}\n"
    return f"updated {display(target)} from {staged.selected.record.source}\n"


def write_changes(changes: FileChanges, out: TextIO, *, types: bool = True) -> None:
    """The changes as text: types first (unless a pack diff named them), then every file."""
    if not changes:
        out.write("no change\n")
        return
    if types:
        for word, names in (
            ("added", changes.types_added),
            ("removed", changes.types_removed),
            ("changed", changes.types_changed),
        ):
            _section(out, f"types {word}", names)
    for word, names in (
        ("added", changes.added),
        ("removed", changes.removed),
        ("changed", changes.changed),
    ):
        _section(out, f"files {word}", names)


def _section(out: TextIO, heading: str, names: Sequence[str]) -> None:
    if not names:
        return
    out.write(f"{heading} ({len(names)}):\n")
    for name in names:
        out.write(f"  {name}\n")
