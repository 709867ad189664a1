"""``pack diff`` over the shared corpus beside loading it.

Copies the corpus (``../shared/corpus/hubspot``, or ``--pack DIR``) to a temporary folder,
makes a few hundred generated changes there (every kind ``tests/pack_changes.py`` knows:
required properties, types, enum values, bounds, int64 wire encodings, descriptions,
examples, titles; each on another type), then prints, best of interleaved rounds:

- ``load_pack`` of the corpus, and with its route table derived (``Pack.routes``);
- ``pack diff`` as the command runs it (both packs loaded, routes derived, every change
  found and proven), and the comparison alone on packs already loaded;

each as a ratio to ``load_pack``, and the changes found by class.

    python benchmarks/pack_diff.py [--pack DIR] [--changes N] [--rounds N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from timing import best_of

import hsconform
from hsconform.evolution import diff_packs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "hubspot"
sys.path.insert(0, str(ROOT / "tests"))

from pack_changes import PROPERTY_CHANGES, Edits, copy_pack  # noqa: E402


def generate(source: Path, target: Path, wanted: int) -> Edits:
    """Up to ``wanted`` property changes (two files each), the kinds taken in turn."""
    edits = Edits(copy_pack(source, target))
    kinds = list(PROPERTY_CHANGES)
    while kinds and len(edits.used) < wanted:
        for change in list(kinds):
            if len(edits.used) >= wanted:
                break
            if not change.apply(edits):
                kinds.remove(change)
    return edits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=CORPUS)
    parser.add_argument("--changes", type=int, default=300, metavar="N")
    parser.add_argument("--rounds", type=int, default=3, metavar="N")
    args = parser.parse_args()
    if not args.pack.is_dir():
        raise SystemExit(f"no pack at {args.pack}")
    with tempfile.TemporaryDirectory() as folder:
        edits = generate(args.pack, Path(folder) / "pack", args.changes)
        old, new = hsconform.load_pack(args.pack), hsconform.load_pack(edits.root)
        found = diff_packs(old, new)

        def load() -> object:
            return hsconform.load_pack(args.pack)

        def load_with_routes() -> object:
            return hsconform.load_pack(args.pack).routes

        def command() -> object:
            return diff_packs(hsconform.load_pack(args.pack), hsconform.load_pack(edits.root))

        def compare() -> object:
            # fresh packs each time would time loading again: the comparison of loaded packs,
            # routes and shapes included, is what is left of `command` besides two loads
            return diff_packs(old, new)

        loading, routed, diffing, comparing = best_of(
            args.rounds, 1, load, load_with_routes, command, compare
        )
    kinds = Counter(e.kind for e in edits.expected)
    print(f"pack: {args.pack} ({len(old.types())} types, {len(old.routes.table)} routes)")
    print(
        f"generated: {len(edits.expected)} changes over {len(edits.used)} types ("
        + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        + ")"
    )
    print(
        "found: "
        + ", ".join(
            f"{k} {v}" for k, v in sorted(Counter(str(c.change_class) for c in found).items())
        )
    )
    print(f"load_pack            {loading * 1000:8.0f} ms   1.00x")
    print(f"  + its route table  {routed * 1000:8.0f} ms   {routed / loading:5.2f}x")
    print(f"pack diff (command)  {diffing * 1000:8.0f} ms   {diffing / loading:5.2f}x")
    print(f"  comparison alone   {comparing * 1000:8.0f} ms   {comparing / loading:5.2f}x")


if __name__ == "__main__":
    main()
