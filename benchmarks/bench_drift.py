"""Drift over a whole pack: time taken and the findings by class and code.

Times the first drift of a freshly loaded pack, a second one on the same pack, and drift
asked of the first ``--per-type`` twins one at a time (as ``hsconform drift TYPE`` or a
test per type does).

    python benchmarks/bench_drift.py [PACK_FOLDER] [--profile strict|published] [--per-type N]

Without a folder, runs over ../shared/corpus/hubspot when present, else the vendored pack.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import hsconform

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "hubspot"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--profile", choices=["strict", "published"], default="published")
    parser.add_argument("--per-type", type=int, default=20, metavar="N")
    args = parser.parse_args()
    folder = args.folder or (CORPUS if CORPUS.is_dir() else None)

    start = time.perf_counter()
    pack = hsconform.load_pack(folder, profile=args.profile)
    loaded = time.perf_counter()
    findings = pack.drift()
    done = time.perf_counter()
    again = pack.drift()
    done_again = time.perf_counter()
    some = [t for t in pack.types() if t.is_twin][: args.per_type]
    one_by_one = [f for t in some for f in pack.drift(t)]
    done_per_type = time.perf_counter()
    assert again == findings
    names = {t.name for t in some}
    assert len(one_by_one) == sum(1 for f in findings if f.type_name in names)

    twins = sum(1 for t in pack.types() if t.is_twin)
    print(f"pack: {pack.root} ({twins} twins, profile {pack.profile})")
    print(f"load {loaded - start:.2f} s, drift {done - loaded:.2f} s, total {done - start:.2f} s")
    print(f"drift again {done_again - done:.2f} s")
    per_type = done_per_type - done_again
    print(f"drift of {len(some)} twins one at a time {per_type:.2f} s")
    by_class = Counter(f.category for f in findings)
    print("by class: " + ", ".join(f"{k} {v}" for k, v in sorted(by_class.items())))
    for (category, code), count in sorted(Counter((f.category, f.code) for f in findings).items()):
        print(f"  {category:5} {code:28} {count:6}")
    witnesses = sum(1 for f in findings if f.witness is not None)
    print(f"wire findings with a proven witness: {witnesses}")


if __name__ == "__main__":
    main()
