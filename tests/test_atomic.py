"""Files and folders hsconform writes are replaced whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hsconform import atomic


def test_write_text_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old", encoding="utf-8")
    atomic.write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]


def test_a_failed_write_keeps_the_old_file_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "baseline.json"
    target.write_bytes(b'{"old": true}\n')

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_bytes(target, b"x" * 10_000)
    assert target.read_bytes() == b'{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]


def test_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic.write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_replace_folder_swaps_a_whole_folder(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    target.mkdir()
    (target / "old.json").write_text("{}", encoding="utf-8")
    with atomic.staging_folder(target) as staging:
        (staging / "new.json").write_text("{}", encoding="utf-8")
        atomic.replace_folder(staging, target)
    assert [p.name for p in target.iterdir()] == ["new.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


def test_an_interrupted_build_leaves_the_old_folder_and_no_staging(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    target.mkdir()
    (target / "old.json").write_text("{}", encoding="utf-8")

    def build_and_fail() -> None:
        with atomic.staging_folder(target) as staging:
            (staging / "half.json").write_text("{", encoding="utf-8")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        build_and_fail()
    assert [p.name for p in target.iterdir()] == ["old.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


def test_replace_folder_creates_a_missing_target(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "pack"
    with atomic.staging_folder(target) as staging:
        (staging / "a.json").write_text("{}", encoding="utf-8")
        atomic.replace_folder(staging, target)
    assert (target / "a.json").is_file()
