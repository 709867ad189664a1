"""Pack.validate beside bare jsonschema-rs, bare python-jsonschema and ``orjson.loads``.

All validate the same batch payloads (1, 100 and 10,000 results) against the same JSON Schema
document. Valid rows compare with jsonschema-rs ``is_valid``; in the invalid rows 5 % of the
results (at least one) break a constraint and the comparison is jsonschema-rs ``iter_errors``
(every error, as hsconform reports every finding). ``orjson.loads`` of the payload's bytes is
the parse floor. Rounds are interleaved and the best round of each is kept, so machine noise
hits all alike; the ratios are Pack.validate's time over each other's.
Also prints how long loading the vendored pack and the reference corpus takes.

    pip install '.[bench]'; python benchmarks/bench_validate.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
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
    reference = Draft202012Validator(
        contents, registry=pack.registry, format_checker=FORMAT_CHECKER
    )
    resources = [
        (d.uri, pack.registry.get_or_retrieve(d.uri).value.contents)
        for d in pack.documents
        if d.dialect == "json-schema"
    ]
    rs = jsonschema_rs.validator_for(
        contents,
        registry=jsonschema_rs.Registry(resources),
        base_uri=document.uri,
        validate_formats=True,
    )

    print(f"type: {pack_type.name} (JSON Schema variant)")
    print("ratios: Pack.validate's time over each; valid rows use rs is_valid, invalid iter_errors")
    print("targets: valid at most 1x orjson.loads at 100 results; invalid at most 2x rs")
    header = ("payload", "results", "validate/s", "x rs", "x python-js", "x orjson.loads")
    print("{:>8} {:>8} {:>11} {:>8} {:>12} {:>15}".format(*header))
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
            for result in body["results"][::20]:
                result["archived"] = "no"
        text = orjson.dumps(body)
        result = pack.validate(body, pack_type)
        assert result.ok is valid
        assert rs.is_valid(body) is valid
        assert bool(list(reference.iter_errors(body))) is not valid

        def bare_rs(body: Any = body, valid: bool = valid) -> Any:
            return rs.is_valid(body) if valid else list(rs.iter_errors(body))

        ours, fast, slow, parse = best_of(
            args.rounds,
            calls,
            lambda body=body: pack.validate(body, pack_type),
            bare_rs,
            lambda body=body: list(reference.iter_errors(body)),
            lambda text=text: orjson.loads(text),
        )
        kind = "valid" if valid else "invalid"
        print(
            f"{kind:>8} {size:>8} {1 / ours:>11.1f} {ours / fast:>7.2f}x "
            f"{ours / slow:>11.3f}x {ours / parse:>14.2f}x"
        )

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
