"""``hsconform pack diff OLD NEW``: what changed between two versions of a pack.

Classified for a consumer of responses; exit 1 on a breaking change (or a widening one with
``--fail-on widening``), 2 when OLD or NEW is not a pack.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from hsconform.errors import PackError
from hsconform.evolution import diff_packs, diff_report, exit_code
from hsconform.evolution.report import FAIL_ON
from hsconform.outcomes import EXIT_USAGE
from hsconform.pack import Pack, load_pack
from hsconform.report import REPORTERS
from hsconform.vocabulary import ENGINES, PROFILES

#: The formats of ``pack diff``; ``json`` is the stable list of changes, the others reports.
FORMATS = ("text", "json", "markdown", "sarif")


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """``pack diff``: its arguments."""
    parser = subparsers.add_parser(
        "diff",
        help="what changed between two versions of a pack: breaking, widening, annotation, "
        "added, removed",
        description="Compare two versions of a schema pack type by type and route by route. "
        "Each breaking or widening change carries a witness payload the two versions' "
        "validators judge differently. Exit 0 with no breaking change, 1 with one, 2 when OLD "
        "or NEW is not a pack.",
    )
    parser.add_argument("old", metavar="OLD", type=Path, help="the pack as it was")
    parser.add_argument("new", metavar="NEW", type=Path, help="the pack as it is now")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text, markdown or sarif report, or json: a list of changes (default: text)",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=FAIL_ON[0],
        help="exit 1 on breaking changes (default), or on widening ones too",
    )
    parser.add_argument(
        "--profile",
        choices=[profile.value for profile in PROFILES],
        default=None,
        help="JSON Structure profile both versions are read with (default: published)",
    )
    parser.add_argument(
        "--engine",
        choices=[engine.value for engine in ENGINES],
        default=ENGINES[0].value,
        help="JSON Schema engine that judges the witnesses (default: jsonschema-rs)",
    )
    return parser


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Diff the two packs and print the changes; the exit code says whether one breaks."""
    try:
        old = _load(args.old, "OLD", args)
        new = _load(args.new, "NEW", args)
    except _NotAPackError as problem:
        err.write(f"hsconform: error: {problem}\n")
        return EXIT_USAGE
    changes = diff_packs(old, new)
    if args.format == "json":
        json.dump([change.to_dict() for change in changes], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        REPORTERS[args.format](diff_report(old, new, changes), out)
    return exit_code(changes, args.fail_on)


class _NotAPackError(Exception):
    """OLD or NEW cannot be read as a pack."""


def _load(folder: Path, role: str, args: argparse.Namespace) -> Pack:
    if not folder.is_dir():
        reason = "does not exist" if not folder.exists() else "is not a folder"
        raise _NotAPackError(f"{role} {folder}: {reason}")
    try:
        return load_pack(folder, profile=args.profile, engine=args.engine)
    except PackError as error:
        raise _NotAPackError(f"{role} {folder} is not a usable pack: {error}") from error
