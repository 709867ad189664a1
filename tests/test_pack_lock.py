"""``hsconform pack lock``: a pack's lock, and a folder checked against it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from hsconform.errors import PackError
from hsconform.pack import load_pack, vendored_pack_path
from hsconform.pack.lock import LOCK_FILE, check_folder, read_lock

SCHEMAS = ROOT / "schemas"
SCHEMA_FILE = "json-schema/authors-api-blog-author-schema.json"
STRUCTURE_FILE = "json-structure/authors-api-blog-author-structure.json"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the vendored pack, without its lock."""
    folder = tmp_path / "authors"
    shutil.copytree(SCHEMAS, folder)
    (folder / LOCK_FILE).unlink(missing_ok=True)
    return folder


def lock(capsys: pytest.CaptureFixture[str], folder: Path, *extra: str) -> dict[str, object]:
    code, out, err = run_cli(capsys, "pack", "lock", str(folder), *extra)
    assert (code, err) == (0, "")
    assert "locked" in out
    data: dict[str, object] = json.loads((folder / LOCK_FILE).read_text("utf-8"))
    return data


def test_the_lock_names_the_pack_its_files_and_counts(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    data = lock(capsys, pack)
    assert data["version"] == 1
    assert data["name"] == "authors"
    assert data["profile"] == "published"
    files = {entry["path"]: entry for entry in data["files"]}  # type: ignore[attr-defined]
    assert files[SCHEMA_FILE]["dialect"] == "json-schema"
    assert files[STRUCTURE_FILE]["dialect"] == "json-structure"
    assert files["routes.json"]["dialect"] == "routes"
    assert "manifest.json" not in files and LOCK_FILE not in files
    assert data["counts"] == {
        "documents": 32,
        "types": 16,
        "twins": 16,
        "references": 20,
        "routes": 13,
    }
    assert str(data["digest"]).startswith("sha256:")


def test_name_and_profile_can_be_given_and_are_kept_on_relock(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    lock(capsys, pack, "--name", "hubspot-authors", "--profile", "strict")
    data = lock(capsys, pack)
    assert (data["name"], data["profile"]) == ("hubspot-authors", "strict")


def test_the_digest_depends_on_content_only(
    capsys: pytest.CaptureFixture[str], pack: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "other-name"
    shutil.copytree(pack, other)
    (other / "README.md").write_text("not part of the pack\n", "utf-8")
    first, second = lock(capsys, pack), lock(capsys, other)
    assert first["digest"] == second["digest"]
    (other / SCHEMA_FILE).write_bytes((other / SCHEMA_FILE).read_bytes() + b" ")
    assert lock(capsys, other)["digest"] != first["digest"]


def test_check_agrees_with_a_fresh_lock(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    lock(capsys, pack)
    code, out, err = run_cli(capsys, "pack", "lock", "--check", str(pack))
    assert (code, err) == (0, "")
    assert "agrees with its lock" in out


def test_check_names_a_file_after_a_one_byte_edit(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    lock(capsys, pack)
    content = bytearray((pack / SCHEMA_FILE).read_bytes())
    content[content.index(b"Author")] = ord("a")
    (pack / SCHEMA_FILE).write_bytes(bytes(content))
    code, out, err = run_cli(capsys, "pack", "lock", "--check", str(pack))
    assert code == 1
    assert out.splitlines() == [f"edited: {SCHEMA_FILE}"]
    assert "does not match its lock: 1 file(s) differ" in err


def test_check_lists_added_and_missing_files(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    lock(capsys, pack)
    (pack / STRUCTURE_FILE).unlink()
    (pack / "examples").mkdir(exist_ok=True)
    (pack / "examples" / "authors-api-blog-author-example.json").write_text("{}", "utf-8")
    (pack / "notes.txt").write_text("the pack does not read this", "utf-8")
    code, out, _ = run_cli(capsys, "pack", "lock", "--check", str(pack))
    assert code == 1
    assert out.splitlines() == [
        "added: examples/authors-api-blog-author-example.json",
        f"missing: {STRUCTURE_FILE}",
    ]


def test_check_without_a_lock_is_an_input_error(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    code, out, err = run_cli(capsys, "pack", "lock", "--check", str(pack))
    assert (code, out) == (2, "")
    assert f"{LOCK_FILE}: no lock to check" in err


@pytest.mark.parametrize(
    ("text", "located"),
    [
        ('{"version": 1,\n  "name": ', f"{LOCK_FILE}:2:"),
        ('{"version": 7, "name": "x"}', f"{LOCK_FILE}:1:13: unknown lock version 7"),
        ("[]", f"{LOCK_FILE}:1:1: the lock is not a JSON object"),
        ('{"version": 1, "name": 3}', f"{LOCK_FILE}:1:24: `name` must be a string"),
    ],
)
def test_a_lock_that_cannot_be_read_is_a_located_input_error(
    capsys: pytest.CaptureFixture[str], pack: Path, text: str, located: str
) -> None:
    (pack / LOCK_FILE).write_text(text, "utf-8")
    for argv in (["--check", str(pack)], [str(pack)]):
        code, out, err = run_cli(capsys, "pack", "lock", *argv)
        assert (code, out) == (2, "")
        assert located in err


def test_a_folder_that_is_not_a_pack_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(capsys, "pack", "lock", str(tmp_path))
    assert code == 2
    assert "not a schema pack" in err
    assert not (tmp_path / LOCK_FILE).exists()
    code, _, err = run_cli(capsys, "pack", "lock", str(tmp_path / "absent"))
    assert code == 2
    assert "no such pack folder" in err


def test_pack_without_a_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        run_cli(capsys, "pack")
    assert raised.value.code == 2


def test_a_lock_in_a_git_checkout_records_commit_and_remote(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")

    def run(*argv: str) -> None:
        subprocess.run(
            [git, "-C", str(pack.parent), *argv],
            check=True,
            capture_output=True,
            env={
                "GIT_AUTHOR_NAME": "a",
                "GIT_AUTHOR_EMAIL": "a@example.com",
                "GIT_COMMITTER_NAME": "a",
                "GIT_COMMITTER_EMAIL": "a@example.com",
                "HOME": str(pack.parent),
            },
        )

    run("init", "-q")
    run("remote", "add", "origin", "https://user:secret@example.com/publisher/schemas.git")
    run("add", ".")
    run("commit", "-q", "-m", "pack")
    data = lock(capsys, pack)
    source = data["source"]
    assert isinstance(source, dict)
    assert len(source["commit"]) == 40
    assert source["remote"] == "https://example.com/publisher/schemas.git"
    assert source["path"] == "authors"
    assert source["dirty"] is False
    (pack / SCHEMA_FILE).write_bytes(b"{}")
    assert lock(capsys, pack)["source"]["dirty"] is True  # type: ignore[index]


def test_outside_git_the_lock_records_folder_and_time(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    source = lock(capsys, pack)["source"]
    assert isinstance(source, dict)
    assert source["folder"] == str(pack.resolve())
    assert source["locked_at"].endswith("Z")


def test_read_lock_gives_the_files_written(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    lock(capsys, pack)
    read = read_lock(pack)
    assert read is not None
    assert SCHEMA_FILE in {f.path for f in read.files}


def test_load_pack_reports_each_file_that_differs_from_the_lock(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    lock(capsys, pack)
    (pack / SCHEMA_FILE).write_bytes((pack / SCHEMA_FILE).read_bytes() + b"\n")
    (pack / STRUCTURE_FILE).unlink()
    with pytest.raises(PackError) as raised:
        load_pack(pack)
    problems = {(p.code, p.file) for p in raised.value.problems}
    assert problems >= {
        ("HSC-PACK-LOCK-MISMATCH", SCHEMA_FILE),
        ("HSC-PACK-LOCK-MISMATCH", STRUCTURE_FILE),
    }
    code, _, err = run_cli(capsys, "types", "--schemas", str(pack))
    assert code == 2
    assert f"{SCHEMA_FILE}: [HSC-PACK-LOCK-MISMATCH] edited since the pack was locked" in err
    assert load_pack(pack, check_lock=False).identity.locked is False


def test_load_pack_reports_an_unreadable_lock_where_it_is(pack: Path) -> None:
    (pack / LOCK_FILE).write_text('{"version": 2}', "utf-8")
    with pytest.raises(PackError) as raised:
        load_pack(pack)
    (problem,) = raised.value.problems
    assert (problem.code, problem.file, problem.line, problem.column) == (
        "HSC-PACK-LOCK",
        LOCK_FILE,
        1,
        13,
    )


def test_a_locked_pack_is_named_by_its_lock(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    data = lock(capsys, pack, "--name", "authors-v3")
    identity = load_pack(pack).identity
    assert (identity.name, identity.digest, identity.locked) == ("authors-v3", data["digest"], True)


def test_a_pack_without_a_lock_gets_its_identity_from_its_content(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    unlocked = load_pack(pack).identity
    assert (unlocked.name, unlocked.locked, unlocked.commit) == ("authors", False, None)
    assert unlocked.digest == lock(capsys, pack)["digest"]


@pytest.mark.parametrize("root", [SCHEMAS, vendored_pack_path()], ids=["source", "installed"])
def test_the_vendored_pack_agrees_with_its_shipped_lock(root: Path) -> None:
    shipped = read_lock(root)
    assert shipped is not None, "the vendored pack ships with its lock"
    assert not check_folder(root, shipped), (
        "the vendored pack differs from its lock: run `python scripts/update_manifest.py`"
    )
    assert load_pack(root).identity.digest == f"sha256:{shipped.digest}"


def test_the_shipped_lock_and_the_manifest_hash_the_same_bytes() -> None:
    shipped = read_lock(SCHEMAS)
    assert shipped is not None
    manifest = json.loads((SCHEMAS / "manifest.json").read_text("utf-8"))
    recorded = {f["path"]: f["sha256"] for t in manifest["types"] for f in t["files"]}
    locked = {f.path: f.sha256 for f in shipped.files if f.path in recorded}
    assert locked == recorded
