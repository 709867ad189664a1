"""``hsconform pack select`` beside ``load_pack``, and how small a selected pack is.

Over the shared corpus (``../shared/corpus/hubspot``, or ``--pack DIR``) prints

- the time to load the pack, and the time of ``pack select`` of every one of its families
  (load the source, derive its routes, follow every reference, copy, write ``routes.json``,
  load the result back and compare it with the source, rename into place), with their ratio;
- the size of the selected pack as a fraction of the source's files, for the whole corpus
  and for the routes of a few APIs (a typical service).

    python benchmarks/pack_select.py [--pack DIR] [--rounds N] [--apis A,B,C]
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

from timing import best_of

import hsconform
from hsconform.pack.select import Selection
from hsconform.pack.select_folder import select_pack

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hubspot"


def size(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--apis", default="crm-contacts,authors,cms-pages")
    args = parser.parse_args()
    if not args.pack.is_dir():
        raise SystemExit(f"no pack at {args.pack}")
    pack = hsconform.load_pack(args.pack)
    everything = Selection(families=tuple(sorted({t.family for t in pack.types()})))
    apis = set(args.apis.split(","))
    service = Selection(
        routes=tuple(
            sorted(
                {
                    f"{r.method} {r.template}"
                    for r in pack.routes.table
                    if pack.type(r.type_name).api in apis
                }
            )
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        counter = itertools.count()

        def select_all() -> None:
            select_pack(args.pack, everything, Path(tmp) / f"all-{next(counter)}")

        load, select = best_of(args.rounds, 1, lambda: hsconform.load_pack(args.pack), select_all)
        whole = select_pack(args.pack, everything, Path(tmp) / "all")
        typical = select_pack(args.pack, service, Path(tmp) / "service")
        source_bytes = size(args.pack)
        print(f"pack: {len(pack.types())} types, {len(pack.documents)} documents")
        print(f"load the pack            {load * 1000:8.1f} ms")
        print(f"pack select, every type  {select * 1000:8.1f} ms  ({select / load:.2f}x the load)")
        for label, selected, folder in (
            ("every family", whole, Path(tmp) / "all"),
            (f"routes of {', '.join(sorted(apis))}", typical, Path(tmp) / "service"),
        ):
            print(
                f"{label}: {len(selected.plan.types)} types, {len(selected.plan.routes)} routes, "
                f"{size(folder):,} bytes = {size(folder) / source_bytes:.1%} of the source folder "
                f"({selected.fraction:.1%} of its schema, example and route files)"
            )


if __name__ == "__main__":
    main()
