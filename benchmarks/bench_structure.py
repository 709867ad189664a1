"""JSON Structure instance validation: hsconform beside the reference SDK, and the parse floor.

Validates the blog-authors batch response (1, 100 and 10,000 results) against the vendored
JSON Structure document with hsconform's validator and with the `json-structure` package
(0.8.0), and parses the same bytes with `orjson.loads` as the floor nothing can beat. Rounds
are interleaved and the best round of each is kept. Prints throughput and the ratios.

    pip install '.[bench]' && python benchmarks/bench_structure.py
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from timing import best_of

import hsconform

TYPE = "authors-api/BatchResponse"


def payload(results: int) -> dict[str, Any]:
    return {
        "status": "COMPLETE",
        "requestedAt": "2025-03-15T14:29:59.120Z",
        "startedAt": "2025-03-15T14:30:00.120Z",
        "completedAt": "2025-03-15T14:30:02.845Z",
        "links": {"self": "https://api.hubapi.com/cms/v3/blogs/authors/batch/read"},
        "results": [
            {
                "id": str(73421089231 + n),
                "name": f"Author {n}",
                "slug": f"author-{n}",
                "email": f"author{n}@example.com",
                "bio": "Writes about CRM data quality.",
                "website": f"https://www.example.com/authors/{n}",
                "linkedin": "https://www.linkedin.com/in/example",
                "avatar": "https://cdn.example.com/avatars/a.png",
                "language": "en",
                "created": "2024-11-04T16:42:09.512Z",
                "updated": "2025-02-11T08:15:30Z",
            }
            for n in range(results)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    try:
        import orjson
        from json_structure import InstanceValidator
    except ImportError as error:
        sys.exit(f"{error}: install the benchmark extras with pip install '.[bench]'")

    pack = hsconform.load_pack()
    pack_type = pack.type(TYPE)
    document = pack_type.documents["json-structure"]
    sdk = InstanceValidator(json.loads(json.dumps(document.contents)))

    print(f"type: {pack_type.name} (JSON Structure variant, profile {pack.profile})")
    print(
        f"{'results':>8} {'hsconform/s':>12} {'sdk/s':>9} {'orjson/s':>10} "
        f"{'vs sdk':>7} {'of floor':>9}"
    )
    for size, calls in ((1, 500), (100, 20), (10_000, 1)):
        body = payload(size)
        text = json.dumps(body).encode()
        result = pack.validate(body, pack_type, variant="json-structure")
        assert result.ok, result.findings
        assert sdk.validate(json.loads(text)) == [], "the SDK must accept the payload too"
        ours, theirs, floor = best_of(
            args.rounds,
            calls,
            lambda body=body: pack.validate(body, pack_type, variant="json-structure"),
            lambda body=body: sdk.validate(body),
            lambda text=text: orjson.loads(text),
        )
        print(
            f"{size:>8} {1 / ours:>12.1f} {1 / theirs:>9.1f} {1 / floor:>10.1f} "
            f"{theirs / ours:>6.2f}x {floor / ours:>8.3f}"
        )
    print(
        "vs sdk: how many times faster hsconform is; of floor: hsconform's speed as a "
        "fraction of parsing alone"
    )


if __name__ == "__main__":
    main()
