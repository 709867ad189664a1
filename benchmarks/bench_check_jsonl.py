"""``hsconform check`` over JSON Lines beside a minimal script: read, orjson, jsonschema-rs.

Writes 10,000 batch responses (one result each; 5 % with one broken field) to a JSON Lines
file. ``hsconform check --type ... file.jsonl`` runs as a fresh process, as CI would run it;
so does the minimal script, which only reads the lines, parses each with ``orjson`` and calls
jsonschema-rs (``is_valid``, then ``iter_errors`` for the invalid ones) against the same
document with the same registry. Best of a few rounds of each, interleaved; the ratio is
hsconform's time over the script's.

    pip install '.[bench]' && python benchmarks/bench_check_jsonl.py [--responses N] [--rounds N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from bench_validate import TYPE, payload

MINIMAL = """
import sys, orjson, jsonschema_rs, hsconform
pack = hsconform.load_pack()
document = pack.type(sys.argv[2]).documents["json-schema"]
resources = [
    (d.uri, pack.registry.get_or_retrieve(d.uri).value.contents)
    for d in pack.documents
    if d.dialect == "json-schema"
]
validator = jsonschema_rs.validator_for(
    pack.registry.get_or_retrieve(document.uri).value.contents,
    registry=jsonschema_rs.Registry(resources),
    base_uri=document.uri,
    validate_formats=True,
)
errors = 0
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        value = orjson.loads(line)
        if not validator.is_valid(value):
            errors += len(list(validator.iter_errors(value)))
print(errors)
"""


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.jsonl"
        with path.open("wb") as out:
            for index in range(args.responses):
                body = payload(1)
                if index % 20 == 0:
                    body["results"][0]["archived"] = "no"
                out.write(orjson.dumps(body) + b"\n")
        ours = [sys.executable, "-m", "hsconform", "check", "--type", TYPE, str(path)]
        script = Path(folder) / "minimal.py"
        script.write_text(MINIMAL, encoding="utf-8")
        theirs = [sys.executable, str(script), str(path), TYPE]
        best_ours = best_theirs = float("inf")
        for _ in range(args.rounds):
            best_ours = min(best_ours, timed(ours))
            best_theirs = min(best_theirs, timed(theirs))
    print(f"{args.responses} JSON Lines responses, best of {args.rounds}, fresh processes")
    print(f"hsconform check:  {best_ours:.2f} s ({args.responses / best_ours:,.0f}/s)")
    print(f"minimal script:   {best_theirs:.2f} s ({args.responses / best_theirs:,.0f}/s)")
    print(f"ratio:            {best_ours / best_theirs:.2f}x (target: at most 3x)")


if __name__ == "__main__":
    main()
