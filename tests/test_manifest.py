"""The vendored pack's manifest agrees with its files, in the source tree and once installed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from helpers import ROOT

from hsconform.pack import vendored_pack_path

SEEDS = {f"{n:03d}" for n in range(5)}


def _manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("root", [ROOT / "schemas", vendored_pack_path()], ids=["source", "loaded"])
def test_every_file_matches_its_manifest_entry(root: Path) -> None:
    manifest = _manifest(root)
    listed = {}
    for entry in manifest["types"]:
        assert entry["seed"][:3] in SEEDS, entry["stem"]
        for file in entry["files"]:
            digest = hashlib.sha256((root / file["path"]).read_bytes()).hexdigest()
            assert digest == file["sha256"], f"{file['path']} differs from the manifest"
            listed[file["path"]] = entry["stem"]
    on_disk = {
        p.relative_to(root).as_posix()
        for folder in ("json-schema", "json-structure")
        for p in (root / folder).rglob("*.json")
    }
    assert on_disk == set(listed), "every schema file is listed, every listed file exists"


def test_manifest_names_match_the_loaded_pack(vendored) -> None:
    manifest = _manifest(vendored.root)
    by_stem = {t.stem: t for t in vendored.types()}
    assert set(by_stem) == {entry["stem"] for entry in manifest["types"]}
    for entry in manifest["types"]:
        pack_type = by_stem[entry["stem"]]
        assert (pack_type.title, pack_type.family) == (entry["title"], entry["family"])
