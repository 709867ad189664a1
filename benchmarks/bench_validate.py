"""Validations per second: hsconform's Pack.validate beside a bare, pre-built jsonschema validator.

Both validate the same batch payloads (1, 100 and 10,000 results) against the same JSON Schema
with the same registry and format checker; the ratio is hsconform's time over jsonschema's.
Conformant payloads are answered by hsconform's compiled verdict alone; in the invalid rows
the last result breaks one constraint, so hsconform runs its verdict *and* jsonschema (its
worst case). Rounds of the two are interleaved and the best round of each is kept, so machine
noise hits both alike.
Also prints how long loading the vendored pack and the reference corpus takes.

    python benchmarks/bench_validate.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from timing import best_of

import hsconform
from hsconform.json_schema.validator import FORMAT_CHECKER

TYPE = "BatchResponseSimplePublicObjectWithErrors"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "hubspot"


def payload(results: int) -> dict[str, Any]:
    return {
        "status": "COMPLETE",
        "requestedAt": "2025-03-15T14:29:59.120Z",
        "startedAt": "2025-03-15T14:30:00.120Z",
        "completedAt": "2025-03-15T14:30:02.845Z",
        "links": {"self": "https://api.hubapi.com/crm/v3/objects/deals/batch/update"},
        "numErrors": 1,
        "errors": [
            {
                "status": "error",
                "category": "OBJECT_NOT_FOUND",
                "message": "Object not found",
                "context": {"ids": ["90999"]},
                "links": {},
                "errors": [{"message": "missing", "code": "404", "in": "id"}],
            }
        ],
        "results": [
            {
                "id": str(90000 + n),
                "archived": False,
                "createdAt": "2019-10-30T03:30:17.883Z",
                "updatedAt": "2019-12-07T16:50:06.678Z",
                "properties": {"dealname": f"Deal {n}", "amount": "1500", "closedate": None},
                "propertiesWithHistory": {
                    "dealstage": [
                        {
                            "sourceType": "CRM_UI",
                            "timestamp": "2019-12-07T16:50:06.678Z",
                            "value": "closedwon",
                            "updatedByUserId": 1234,
                        }
                    ]
                },
            }
            for n in range(results)
        ],
    }


def load_time(path: Path | None, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        hsconform.load_pack(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    pack = hsconform.load_pack()
    pack_type = pack.type(TYPE)
    document = pack_type.documents["json-schema"]
    contents = pack.registry.get_or_retrieve(document.uri).value.contents
    bare = Draft202012Validator(contents, registry=pack.registry, format_checker=FORMAT_CHECKER)

    print(f"type: {pack_type.name} (JSON Schema variant)")
    print(f"{'payload':>8} {'results':>8} {'hsconform/s':>12} {'jsonschema/s':>13} {'ratio':>9}")
    for valid, size, calls in (
        (True, 1, 400),
        (True, 100, 20),
        (True, 10_000, 1),
        (False, 1, 400),
        (False, 100, 20),
        (False, 10_000, 1),
    ):
        body = payload(size)
        if not valid:
            body["results"][-1]["archived"] = "no"  # one finding, at the very end
        assert pack.validate(body, pack_type).ok is valid
        assert bool(list(bare.iter_errors(body))) is not valid
        ours, theirs = best_of(
            args.rounds,
            calls,
            lambda body=body: pack.validate(body, pack_type),
            lambda body=body: list(bare.iter_errors(body)),
        )
        kind = "valid" if valid else "invalid"
        print(f"{kind:>8} {size:>8} {1 / ours:>12.1f} {1 / theirs:>13.1f} {ours / theirs:>8.3f}x")

    print()
    print(f"load vendored pack: {load_time(None) * 1000:.1f} ms")
    if CORPUS.is_dir():
        corpus = hsconform.load_pack(CORPUS).counts()
        print(
            f"load {CORPUS} ({sum(corpus.documents.values())} documents, "
            f"{corpus.refs_resolved} references): {load_time(CORPUS) * 1000:.1f} ms"
        )
    else:
        print(f"reference corpus not found at {CORPUS}: corpus load time not measured")


if __name__ == "__main__":
    main()
