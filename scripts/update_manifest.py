"""Refresh the sha256 of every file listed in ``schemas/manifest.json``.

Why this exists: the manifest records where each vendored schema file came from
(a seed kept unchanged, or written from a seed's facts) and the hash of its
bytes, so a test can tell when a schema file changed without the manifest
saying so. Editing a schema by hand makes the recorded hash stale; run this
script afterwards to record the new hashes. It refuses to write anything when
a listed file is missing or a schema file in the pack is not listed, because
then the manifest no longer describes the pack and a human has to decide.

Usage: ``python scripts/update_manifest.py [--check] [--schemas DIR]``.
``--check`` writes nothing and exits 1 when a hash is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DIALECT_FOLDERS = ("json-schema", "json-structure")


def sha256_of(path: Path) -> str:
    """Hex digest of the file's bytes, exactly as stored."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listed_paths(manifest: dict[str, Any]) -> list[str]:
    """Every ``files[].path`` in the manifest, in manifest order."""
    return [entry["path"] for kind in manifest["types"] for entry in kind["files"]]


def pack_paths(schemas: Path) -> set[str]:
    """Every schema document in the pack, as a path relative to ``schemas``."""
    return {
        path.relative_to(schemas).as_posix()
        for folder in DIALECT_FOLDERS
        for path in (schemas / folder).glob("*.json")
    }


def problems_with(manifest: dict[str, Any], schemas: Path) -> list[str]:
    """Why the manifest does not describe the pack; empty when it does."""
    listed = listed_paths(manifest)
    twice = sorted({path for path in listed if listed.count(path) > 1})
    problems = [f"listed twice: {path}" for path in twice]
    problems += [f"listed but missing: {path}" for path in listed if not (schemas / path).is_file()]
    problems += [f"not listed: {path}" for path in sorted(pack_paths(schemas) - set(listed))]
    return problems


def refresh(manifest: dict[str, Any], schemas: Path) -> list[str]:
    """Set every recorded hash to the file's current one; return the paths that changed."""
    changed = []
    for kind in manifest["types"]:
        for entry in kind["files"]:
            digest = sha256_of(schemas / entry["path"])
            if entry.get("sha256") != digest:
                entry["sha256"] = digest
                changed.append(entry["path"])
    return changed


def main(argv: list[str] | None = None) -> int:
    """Run the script; the return value is the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemas", type=Path, default=ROOT / "schemas", help="the pack folder")
    parser.add_argument("--check", action="store_true", help="write nothing; fail on stale hashes")
    args = parser.parse_args(argv)
    schemas: Path = args.schemas
    manifest_path = schemas / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"update_manifest: cannot read {manifest_path}: {error}", file=sys.stderr)
        return 2
    problems = problems_with(manifest, schemas)
    if problems:
        print(f"update_manifest: {manifest_path} does not match the pack:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    changed = refresh(manifest, schemas)
    if args.check:
        for path in changed:
            print(f"update_manifest: stale sha256: {path}", file=sys.stderr)
        return 1 if changed else 0
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    if changed or manifest_path.read_text(encoding="utf-8") != text:
        manifest_path.write_text(text, encoding="utf-8")
    print(f"update_manifest: {len(changed)} of {len(listed_paths(manifest))} hashes updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
