"""Peak memory of ``hsconform check``: JSON Lines by number of responses, and one large payload.

Writes JSON Lines files of N and 10 N batch responses (one result each) and a payload of about
``--megabytes`` MB (a batch of many results, one value invalid), then runs ``hsconform check``
on each as a fresh process and prints its peak resident memory (the child's ``ru_maxrss``) and
time; beside the large payload, the time and peak memory of ``orjson.loads`` of the same file.
The issue's target is the 10 N figure within 1.3x of the N figure.

    pip install '.[bench]' && python benchmarks/bench_memory.py [--responses N] [--megabytes M]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_validate import TYPE, payload

ORJSON = "import sys, orjson; orjson.loads(open(sys.argv[1], 'rb').read())"


def measure(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one command in a fresh process."""
    runner = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        " subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False);"
        " print(time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", runner, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def write_jsonl(path: Path, count: int) -> None:
    line = json.dumps(payload(1), separators=(",", ":"))
    with path.open("w", encoding="utf-8") as stream:
        for _ in range(count):
            stream.write(line + "\n")


def write_large(path: Path, megabytes: int) -> None:
    one = payload(1)
    result = one["results"][0]
    size = len(json.dumps(result))
    count = max(1, megabytes * 1_000_000 // size)
    one["results"] = [{**result, "id": str(10**9 + n)} for n in range(count)]
    text = json.dumps(one)
    path.write_text(text.replace('"status": "COMPLETE"', '"status": 7', 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument(
        "--formats",
        default="json,jsonl",
        help="report formats to measure, comma-separated (default: json,jsonl)",
    )
    options = parser.parse_args()
    check = [sys.executable, "-m", "hsconform", "check", "--type", TYPE]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for count in (options.responses, options.responses * 10):
            paths.append((count, Path(folder) / f"r{count}.jsonl"))
            write_jsonl(paths[-1][1], count)
        for format_name in options.formats.split(","):
            figures = []
            for count, path in paths:
                seconds, peak = measure([*check, "--format", format_name, str(path)])
                figures.append(peak)
                print(
                    f"check --format {format_name:8} {count:>9,} JSON Lines responses: "
                    f"{seconds:7.1f} s, peak {peak:7.0f} MB"
                )
            ratio = figures[1] / figures[0]
            print(f"  peak ratio, 10x the responses: {ratio:.2f}x (target 1.3x)")
        check = [*check, "--format", "json"]
        large = Path(folder) / "large.json"
        write_large(large, options.megabytes)
        megabytes = large.stat().st_size / 1e6
        seconds, peak = measure([*check, str(large)])
        print(f"check, one {megabytes:.0f} MB payload:       {seconds:7.1f} s, peak {peak:7.0f} MB")
        base_seconds, base_peak = measure([sys.executable, "-c", ORJSON, str(large)])
        print(
            f"orjson.loads, the same file:          {base_seconds:7.1f} s, peak {base_peak:7.0f} MB"
        )
        print(
            f"  check / orjson.loads: time {seconds / base_seconds:.2f}x, "
            f"peak memory {peak / base_peak:.2f}x"
        )


if __name__ == "__main__":
    main()
