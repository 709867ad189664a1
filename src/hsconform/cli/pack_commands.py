"""``hsconform pack``: the commands that manage a schema pack, one module per subcommand.

A subcommand module exposes ``add_parser(subparsers)`` (adds its parser, returns it) and
``run(args, out, err) -> int`` (runs on the parsed arguments, returns the exit code).
Registering a new one is one line in :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Protocol, TextIO

from hsconform.cli import pack_diff, pack_lock, pack_select, pack_update

#: The ``dest`` of the ``pack`` group's subcommand.
SUBCOMMAND = "pack_command"


class Subcommand(Protocol):
    """What a module of a ``pack`` subcommand provides."""

    def add_parser(
        self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
    ) -> argparse.ArgumentParser:
        """Add the subcommand's parser to ``subparsers`` and return it."""
        ...

    def run(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        """Run the subcommand; the report on ``out``, problems on ``err``; the exit code."""
        ...


#: Every ``pack`` subcommand, in the order ``--help`` lists them.
SUBCOMMANDS: tuple[Subcommand, ...] = (pack_select, pack_lock, pack_update, pack_diff)


def add_pack_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add ``pack`` and its subcommands to the top-level ``commands``."""
    pack = commands.add_parser(
        "pack",
        help="manage a schema pack: select it, lock it, update it, diff two versions",
    )
    subparsers = pack.add_subparsers(dest=SUBCOMMAND, metavar="SUBCOMMAND", required=True)
    for module in SUBCOMMANDS:
        module.add_parser(subparsers).set_defaults(pack_run=module.run)
    return pack


def run_pack(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the ``pack`` subcommand ``args`` names."""
    run: Callable[[argparse.Namespace, TextIO, TextIO], int] = args.pack_run
    return run(args, out, err)
