"""``hsconform pack select SRC --out DIR``: the types a project needs, copied from a pack.

Every input problem (SRC not a pack, a name the pack does not have, a DIR that is not a
selected pack) is one message on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from hsconform.config import display
from hsconform.outcomes import EXIT_OK, EXIT_USAGE
from hsconform.pack.lock import LOCK_FILE, Lock, lock_path, short_digest
from hsconform.pack.select import SelectError, Selection
from hsconform.pack.select_folder import SelectedPack, select_pack

__all__ = ["add_parser", "describe", "locked", "run"]


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add ``select`` to the ``pack`` subcommands."""
    parser = subparsers.add_parser(
        "select",
        help="copy the types a project needs (and all they reference) into a pack of its own",
        description="Copy from the pack SRC the named types, families and the response types of "
        "the named routes, with everything they reference in either dialect, their examples "
        "and their routes (DIR/routes.json). The selection is recorded in "
        "DIR/hsconform-select.json so `hsconform pack update` can repeat it.",
    )
    parser.add_argument("source", metavar="SRC", type=Path, help="the pack to select from")
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        required=True,
        help="where the selected pack goes: a new or empty folder, or a pack made by select",
    )
    parser.add_argument(
        "--route",
        dest="routes",
        metavar='"METHOD PATH"',
        action="append",
        default=[],
        help="an operation: method and a concrete path or template (every status); repeatable",
    )
    parser.add_argument(
        "--type",
        dest="types",
        metavar="T",
        action="append",
        default=[],
        help="a type: stem, family/Title or a unique Title; repeatable",
    )
    parser.add_argument(
        "--family",
        dest="families",
        metavar="F",
        action="append",
        default=[],
        help="every type of a family (hubspot-authors) or of an API's generations (authors); "
        "repeatable",
    )
    parser.add_argument(
        "--lock",
        action="store_true",
        help=f"also write DIR/{LOCK_FILE}, with SRC's provenance (a DIR that has a lock is "
        "always relocked)",
    )
    return parser


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Select, write DIR in one rename, and say what it holds."""
    selection = Selection(tuple(args.routes), tuple(args.types), tuple(args.families))
    try:
        selected = select_pack(args.source, selection, args.out, lock=args.lock)
    except SelectError as error:
        err.write(f"hsconform: error: {error}\n")
        return EXIT_USAGE
    out.write(f"{describe(selected, args.out)}\n")
    if selected.lock is not None:
        out.write(f"{locked(selected.lock, args.out)}\n")
    return EXIT_OK


def describe(selected: SelectedPack, target: Path) -> str:
    """One line: the types, files and routes selected, and their size beside the source."""
    plan = selected.plan
    return (
        f"selected {len(plan.types)} types ({len(plan.documents)} documents, "
        f"{len(plan.examples)} examples) and {len(plan.routes)} routes from "
        f"{selected.record.source} into {display(target)}: {selected.bytes:,} bytes, "
        f"{selected.fraction:.1%} of the source's schema, example and route files"
    )


def locked(lock: Lock, folder: Path) -> str:
    """One line: the lock written, with its short digest."""
    return (
        f"locked {lock.name} sha256:{short_digest(lock.digest)} ({len(lock.files)} files) "
        f"in {display(lock_path(folder))}"
    )
