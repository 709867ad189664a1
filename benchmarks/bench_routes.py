"""The route step: deriving a pack's routes beside loading it, and ``check`` with the routes.

Over the shared corpus (``../shared/corpus/hubspot``, or ``--pack DIR``) prints

- the time to load the pack, and the time to derive its route table from its own
  ``openapi/`` documents and ``routes.json`` (YAML reading and matching by content), with
  their ratio (the aim: at most 2x);
- responses per second of ``check`` over cassettes holding a response for every route that
  has an example body, with the pack's routes (each response typed by its route) and without
  (each one skipped for want of a route): the cost of routing, reading included.

    python benchmarks/bench_routes.py [--pack DIR] [--rounds N] [--copies N]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from timing import best_of

import hsconform
from hsconform.check.checker import Selection, check_paths
from hsconform.pack.route_sources import collect_routes
from hsconform.pack.routes import RouteTable

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hubspot"
_PARAM = re.compile(r"\{[^{}/]*\}")


def interaction(method: str, path: str, status: str, body: Any) -> dict[str, Any]:
    code = int(status) if status.isdigit() else 200
    return {
        "request": {
            "method": method,
            "uri": "https://api.hubapi.com" + _PARAM.sub("123", path),
            "body": None,
            "headers": {},
        },
        "response": {
            "status": {"code": code, "message": "OK"},
            "headers": {"Content-Type": ["application/json"]},
            "body": {"string": json.dumps(body)},
        },
    }


def write_cassettes(pack: hsconform.Pack, folder: Path, copies: int) -> int:
    """Cassettes of every route whose type has an example body; the number of responses."""
    examples = pack.examples()
    interactions = []
    for route in pack.routes.table:
        if route.status == "default" or "X" in route.status:
            continue
        example = examples.get(pack.type(route.type_name).stem)
        if example is not None:
            body = json.loads(example.read_text(encoding="utf-8"))
            interactions.append(interaction(route.method, route.template, route.status, body))
    for copy in range(copies):
        cassette = {"interactions": interactions, "version": 1}
        (folder / f"routes-{copy}.yaml").write_text(yaml.safe_dump(cassette))
    return len(interactions) * copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    if not args.pack.is_dir():
        raise SystemExit(f"no pack at {args.pack}")
    pack = hsconform.load_pack(args.pack)
    load, derive = best_of(
        args.rounds,
        1,
        lambda: hsconform.load_pack(args.pack),
        lambda: collect_routes(pack.root, pack.types()),
    )
    routes = pack.routes
    print(
        f"pack: {len(pack.types())} types; routes: {len(routes.table)} from "
        f"{routes.documents} OpenAPI documents, {len(routes.notes)} notes"
    )
    print(f"load the pack      {load * 1000:8.1f} ms")
    print(f"derive its routes  {derive * 1000:8.1f} ms  ({derive / load:.2f}x the load)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        responses = write_cassettes(pack, folder, args.copies)
        with_routes = Selection(routes=routes.table)
        without = Selection(routes=RouteTable())
        timings = []
        for selection in (with_routes, without):
            start = time.perf_counter()
            report = check_paths(pack, [folder], selection)
            timings.append(time.perf_counter() - start)
            counts = {
                status: sum(1 for o in report.outcomes if o.status.value == status)
                for status in ("ok", "failed", "skipped")
            }
            print(f"  {counts}")
        rates = [responses / t for t in timings]
        print(f"check, with the pack's routes   {rates[0]:9.0f} responses/s ({responses})")
        print(f"check, without routes (skipped) {rates[1]:9.0f} responses/s")
        print(f"ratio with/without: {rates[0] / rates[1]:.2f}")


if __name__ == "__main__":
    main()
