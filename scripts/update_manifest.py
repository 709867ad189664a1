"""Refresh the sha256 of every file listed in ``schemas/manifest.json``, and relock the pack.

Why this exists: the manifest records where each vendored schema file came from
(a seed kept unchanged, or written from a seed's facts) and the hash of its
bytes, so a test can tell when a schema file changed without the manifest
saying so. Editing a schema by hand makes the recorded hash stale; run this
script afterwards to record the new hashes. It refuses to write anything when
a listed file is missing or a schema file in the pack is not listed, because
then the manifest no longer describes the pack and a human has to decide.

The manifest is the authored provenance (which seed each type comes from); the pack's lock,
``schemas/hsconform-pack.json``, is generated from the folder (``hsconform pack lock``) and
is rewritten here too, so one command brings both up to date.

Usage: ``python scripts/update_manifest.py [--check] [--schemas DIR]``.
``--check`` writes nothing and exits 1 when a hash of the manifest or of the lock is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from hsconform.atomic import write_text
from hsconform.errors import PackError
from hsconform.pack.lock import LockError, check_folder, read_lock
from hsconform.pack.locking import lock_folder

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
        stale_lock = lock_problems(schemas)
        for line in stale_lock:
            print(f"update_manifest: lock: {line}", file=sys.stderr)
        return 1 if changed or stale_lock else 0
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    if changed or manifest_path.read_text(encoding="utf-8") != text:
        write_text(manifest_path, text)
    print(f"update_manifest: {len(changed)} of {len(listed_paths(manifest))} hashes updated")
    try:
        lock = lock_folder(schemas)
    except (LockError, PackError) as error:
        print(f"update_manifest: cannot relock {schemas}: {error}", file=sys.stderr)
        return 2
    print(f"update_manifest: relocked {lock.name} sha256:{lock.digest[:12]}")
    return 0


def lock_problems(schemas: Path) -> list[str]:
    """How the pack differs from its lock (one line per file); empty when they agree."""
    try:
        lock = read_lock(schemas)
    except LockError as error:
        return [str(error)]
    if lock is None:
        return ["no lock: run this script without --check"]
    return check_folder(schemas, lock).lines()


if __name__ == "__main__":
    sys.exit(main())
