"""Checking recorded traffic: responses per second of ``hsconform check`` beside check-jsonschema.

Builds 10,000 recorded 200 responses of ``POST /crm/v3/objects/contacts/batch/update`` in a
temporary folder: 4,000 in VCR.py cassettes (YAML, 10 interactions each), 3,000 in HAR files
(50 entries each) and 3,000 as JSON files. hsconform checks the folder (reading the cassettes
and HAR files, choosing each type by its route) with ``-j 1`` and ``-j 2``; check-jsonschema
validates the same 10,000 bodies, extracted as JSON files, against the same JSON Schema
bundled into one file. Each command runs as a fresh process, as CI would run it, and the best
of a few rounds is kept.

    pip install '.[bench]' && python benchmarks/bench_check.py [--responses N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

import hsconform

TYPE = "hubspot-crm-objects/BatchResponseSimplePublicObject"
URL = "https://api.hubapi.com/crm/v3/objects/contacts/batch/update"


def body(n: int) -> dict[str, Any]:
    return {
        "status": "COMPLETE",
        "startedAt": "2025-03-15T14:30:00.120Z",
        "completedAt": "2025-03-15T14:30:02.845Z",
        "results": [
            {
                "id": str(90000 + n * 10 + i),
                "archived": False,
                "createdAt": "2019-10-30T03:30:17.883Z",
                "updatedAt": "2019-12-07T16:50:06.678Z",
                "properties": {"firstname": f"Ada {i}", "email": f"ada{n}.{i}@example.com"},
            }
            for i in range(5)
        ],
    }


def interaction(n: int) -> dict[str, Any]:
    return {
        "request": {"method": "POST", "uri": URL, "body": '{"inputs": []}', "headers": {}},
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json;charset=utf-8"]},
            "body": {"string": json.dumps(body(n))},
        },
    }


def har_entry(n: int) -> dict[str, Any]:
    return {
        "startedDateTime": "2025-03-15T14:30:00.000Z",
        "time": 12,
        "request": {
            "method": "POST",
            "url": URL,
            "httpVersion": "HTTP/1.1",
            "headers": [],
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": -1,
        },
        "response": {
            "status": 200,
            "statusText": "OK",
            "httpVersion": "HTTP/1.1",
            "headers": [],
            "cookies": [],
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
            "content": {"size": -1, "mimeType": "application/json", "text": json.dumps(body(n))},
        },
        "cache": {},
        "timings": {"send": 0, "wait": 12, "receive": 0},
    }


def build(folder: Path, responses: int) -> tuple[Path, Path]:
    """Recordings for hsconform, and the same bodies as JSON files for check-jsonschema."""
    recordings, bodies = folder / "recordings", folder / "bodies"
    for sub in ("cassettes", "har", "json"):
        (recordings / sub).mkdir(parents=True)
    bodies.mkdir()
    n = 0
    cassettes, hars = responses * 4 // 10, responses * 3 // 10
    for file in range(cassettes // 10):
        interactions = [interaction(n + i) for i in range(10)]
        document = {"version": 1, "interactions": interactions}
        (recordings / "cassettes" / f"test_{file}.yaml").write_text(yaml.safe_dump(document))
        n += 10
    for file in range(hars // 50):
        entries = [har_entry(n + i) for i in range(50)]
        log = {
            "log": {
                "version": "1.2",
                "creator": {"name": "bench", "version": "1"},
                "entries": entries,
            }
        }
        (recordings / "har" / f"session_{file}.har").write_text(json.dumps(log))
        n += 50
    while n < responses:
        (recordings / "json" / f"response_{n}.json").write_text(json.dumps(body(n)))
        n += 1
    for i in range(responses):
        (bodies / f"body_{i}.json").write_text(json.dumps(body(i)))
    return recordings, bodies


def bundled_schema(path: Path) -> None:
    """The type's JSON Schema with every referenced document inlined under ``$defs``."""
    pack = hsconform.vendored_pack()
    documents = {d.file: d.contents for d in pack.documents if d.dialect == "json-schema"}
    targets = {(r.file, r.ref): r.target_file for r in pack.resolutions}
    root_file = pack.type(TYPE).documents["json-schema"].file

    def rewrite(node: Any, file: str) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and (file, ref) in targets:
                return {"$ref": f"#/$defs/{Path(targets[(file, ref)]).stem}"}
            return {k: rewrite(v, file) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v, file) for v in node]
        return node

    bundle = rewrite(documents[root_file], root_file)
    bundle["$defs"] = {Path(f).stem: rewrite(c, f) for f, c in documents.items() if f != root_file}
    bundle.pop("$id", None)
    path.write_text(json.dumps(bundle))


def timed(command: list[str], rounds: int, cwd: Path) -> tuple[float, str]:
    """The best wall time of ``rounds`` runs, and the last run's output."""
    best = float("inf")
    output = ""
    for _ in range(rounds):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)
        best = min(best, time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(
                f"{command[0]} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr}"
            )
        output = done.stdout
    return best, output


def all_validated(output: str, responses: int) -> None:
    """Stop unless hsconform validated every response (a skip would flatter the rate)."""
    summary = json.loads(output)["summary"]
    if summary["ok"] != responses:
        sys.exit(f"hsconform did not validate every response: {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    hsconform_cli = shutil.which("hsconform", path=str(Path(sys.executable).parent))
    other = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if hsconform_cli is None or other is None:
        sys.exit("needs the hsconform and check-jsonschema commands: pip install '.[bench]'")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        _recordings, bodies = build(folder, args.responses)
        schema = folder / "schema.json"
        bundled_schema(schema)
        # the plain JSON files name no request: a [types] glob gives them their type
        (folder / "hsconform.toml").write_text(f'[types]\n"recordings/json/*.json" = "{TYPE}"\n')
        files = sorted(str(p) for p in bodies.glob("*.json"))
        ours = [hsconform_cli, "check", "--format", "json", "recordings"]
        one, output = timed([*ours, "-j", "1"], args.rounds, folder)
        all_validated(output, args.responses)
        two, output = timed([*ours, "-j", "2"], args.rounds, folder)
        all_validated(output, args.responses)
        theirs, _ = timed([other, "--schemafile", str(schema), *files], args.rounds, folder)
    rate = args.responses
    print(f"{args.responses} recorded responses (40% cassettes, 30% HAR, 30% JSON files)")
    print(f"hsconform check -j 1   {rate / one:9.0f} responses/s  ({one:.2f} s)")
    print(f"hsconform check -j 2   {rate / two:9.0f} responses/s  ({two:.2f} s)")
    print(
        f"check-jsonschema       {rate / theirs:9.0f} responses/s  ({theirs:.2f} s, bodies "
        "already extracted)"
    )
    print(f"ratio -j 1 / check-jsonschema: {theirs / one:.2f}x   -j 2 / -j 1: {one / two:.2f}x")


if __name__ == "__main__":
    main()
