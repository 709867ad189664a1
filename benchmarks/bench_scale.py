"""Archive scale: responses per second and peak memory of ``check`` on one large JSON Lines file.

Writes N batch responses (realistic bodies, one result each; 5 % with a broken field) to one
JSON Lines file, then runs, each as a fresh process as CI would:

- ``hsconform check -j 1``, ``-j 2`` and ``--scheduler local:2`` (Dask), all with
  ``--format jsonl`` (findings streamed, only the summary kept);
- the minimal script of ``bench_check_jsonl.py``: read, parse with orjson, validate with
  jsonschema-rs, on one core.

Prints responses per second, the peak RSS of the coordinating process (``wait4``: the process
itself, not its workers) and the scaling efficiency of ``-j 2`` and Dask over ``-j 1``
(rate / (2 x rate of -j 1)). Dask needs ``pip install '.[dask]'``; its row is left out otherwise.

    pip install '.[bench,dask]' && python benchmarks/bench_scale.py [--records N] [--rounds N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from bench_check_jsonl import MINIMAL
from bench_validate import TYPE, payload


def measured(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one run of ``argv`` (its own process, not its children)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited with {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.jsonl"
        with path.open("wb") as out:
            for index in range(args.records):
                body = payload(1)
                if index % 20 == 0:
                    body["results"][0]["archived"] = "no"
                out.write(orjson.dumps(body) + b"\n")
        script = Path(folder) / "minimal.py"
        script.write_text(MINIMAL, encoding="utf-8")
        check = [sys.executable, "-m", "hsconform", "check", "--type", TYPE, "--format", "jsonl"]
        runs = {
            "minimal script (1 core)": [sys.executable, str(script), str(path), TYPE],
            "hsconform -j 1": [*check, "-j", "1", str(path)],
            "hsconform -j 2": [*check, "-j", "2", str(path)],
        }
        if importlib.util.find_spec("distributed") is not None:
            runs["hsconform Dask local:2"] = [*check, "--scheduler", "local:2", str(path)]
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.rounds):
            for name, argv in runs.items():
                seconds, rss = measured(argv)
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, rss)
    print(
        f"{args.records:,} JSON Lines responses in one file, best of {args.rounds}, fresh processes"
    )
    print(f"{'run':28} {'seconds':>8} {'responses/s':>12} {'peak RSS':>10}")
    for name, (seconds, rss) in best.items():
        print(f"{name:28} {seconds:8.2f} {args.records / seconds:12,.0f} {rss:8.0f} MB")
    one = best["hsconform -j 1"][0]
    for name in ("hsconform -j 2", "hsconform Dask local:2"):
        if name in best:
            print(
                f"scaling efficiency, {name[10:]}: {one / best[name][0] / 2:.0%} (100 % = 2x -j 1)"
            )


if __name__ == "__main__":
    main()
