"""A pack never reads a file outside its folder: not through a link, not through a reference.

Each pack is written at test time beside a "secret" document outside it; the pack is loaded
through the library and through the CLI, as a CI job would.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_support import run_cli

import hsconform
from hsconform.errors import LoadProblem

SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def document(title: str, **keywords: object) -> str:
    return json.dumps({"$schema": SCHEMA, "title": title, **keywords})


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the pack holding a schema document the pack must never read."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "s-api-secret-schema.json").write_text(
        document("Secret", type="string"), encoding="utf-8"
    )
    return folder


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack whose one type ``A`` has an integer member ``n``."""
    root = tmp_path / "pack"
    (root / "json-schema").mkdir(parents=True)
    write(root / "json-schema" / "a-api-a-schema.json", type="object", n={"type": "integer"})
    return root


def write(path: Path, **members: object) -> None:
    keywords = {"type": members.pop("type", "object")}
    if members:
        keywords["properties"] = members
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document(path.name.split("-")[2].capitalize(), **keywords), encoding="utf-8")


def link(path: Path, target: str | Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(target, path)
    except (OSError, NotImplementedError) as error:  # no symbolic links on this system
        pytest.skip(f"cannot make a symbolic link here: {error}")


def problems_of(root: Path) -> list[LoadProblem]:
    with pytest.raises(hsconform.PackError) as caught:
        hsconform.load_pack(root)
    return list(caught.value.problems)


def payload(tmp_path: Path, value: object) -> Path:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("place", "target"),
    [
        ("json-schema/s-api-secret-schema.json", "s-api-secret-schema.json"),
        ("json-schema/more", "."),  # a folder: not walked
        ("json-structure", "."),  # a whole dialect folder
        ("examples/a-api-a-example.json", "s-api-secret-schema.json"),
        ("openapi", "."),
        ("routes.json", "s-api-secret-schema.json"),
    ],
)
def test_a_link_out_of_the_pack_is_a_located_load_problem_and_is_never_read(
    tmp_path: Path, pack: Path, outside: Path, place: str, target: str
) -> None:
    link(pack / place, outside / target)
    (problem,) = problems_of(pack)
    assert (problem.code, problem.file) == ("HSC-PACK-ESCAPING-LINK", place)
    assert problem.target == str((outside / target).resolve())

    run = run_cli("check", "--schemas", pack, "--type", "A", payload(tmp_path, {"n": 1}))
    assert run.code == 2 and run.out == ""
    assert f"{place}: [HSC-PACK-ESCAPING-LINK]" in run.err
    assert "Secret" not in run.err


def test_a_link_out_of_the_pack_inside_a_linked_folder_is_caught_too(
    pack: Path, outside: Path
) -> None:
    (pack / "shared").mkdir()
    link(pack / "shared" / "s-api-secret-schema.json", outside / "s-api-secret-schema.json")
    link(pack / "json-schema" / "common", "../shared")
    (problem,) = problems_of(pack)
    assert problem.file == "json-schema/common/s-api-secret-schema.json"


def test_a_dangling_link_or_a_loop_of_links_reads_nothing_and_raises_nothing(pack: Path) -> None:
    link(pack / "json-schema" / "x-api-gone-schema.json", "nowhere.json")
    link(pack / "json-schema" / "x-api-loop-schema.json", "x-api-loop-schema.json")
    link(pack / "json-schema" / "up", "..")  # a folder loop inside the pack
    loaded = hsconform.load_pack(pack)
    assert [t.stem for t in loaded.types()] == ["a-api-a"]

    write(pack / "json-schema" / "b-api-b-schema.json", s={"$ref": "x-api-loop-schema.json"})
    (problem,) = problems_of(pack)
    assert (problem.code, problem.file) == (
        "HSC-PACK-UNRESOLVED-REF",
        "json-schema/b-api-b-schema.json",
    )
    assert "loop" in problem.message


def test_links_inside_the_pack_are_followed_by_load_lock_and_select(
    tmp_path: Path, pack: Path
) -> None:
    write(pack / "common" / "i-api-inner-schema.json", type="integer")
    write(pack / "common" / "deeper" / "l-api-leaf-schema.json", type="string")
    link(pack / "json-schema" / "i-api-inner-schema.json", "../common/i-api-inner-schema.json")
    link(pack / "json-schema" / "deeper", "../common/deeper")
    write(
        pack / "json-schema" / "w-api-wrapper-schema.json",
        inner={"$ref": "i-api-inner-schema.json"},  # by the link's name
        leaf={"$ref": "deeper/l-api-leaf-schema.json"},  # through the linked folder
    )
    loaded = hsconform.load_pack(pack)
    assert sorted(t.stem for t in loaded.types()) == [
        "a-api-a",
        "i-api-inner",
        "l-api-leaf",
        "w-api-wrapper",
    ]
    findings = loaded.validate({"inner": "x", "leaf": 1}, "Wrapper").findings
    assert [(f.instance, f.code) for f in findings] == [
        ("/inner", "HSC-V-TYPE"),
        ("/leaf", "HSC-V-TYPE"),
    ]

    assert run_cli("pack", "lock", pack).code == 0
    lock = json.loads((pack / "hsconform-pack.json").read_text(encoding="utf-8"))
    locked = [f["path"] for f in lock["files"]]
    assert "json-schema/deeper/l-api-leaf-schema.json" in locked
    assert "json-schema/i-api-inner-schema.json" in locked
    assert hsconform.load_pack(pack).identity.locked

    selected = tmp_path / "selected"
    run = run_cli("pack", "select", pack, "--out", selected, "--type", "Wrapper")
    assert run.code == 0, run.err
    copied = selected / "json-schema" / "i-api-inner-schema.json"
    assert copied.is_file() and not copied.is_symlink()  # the selected pack stands alone


@pytest.mark.parametrize("command", [("pack", "lock"), ("pack", "select")])
def test_pack_lock_and_select_refuse_a_pack_with_a_link_out_of_it(
    tmp_path: Path, pack: Path, outside: Path, command: tuple[str, ...]
) -> None:
    link(pack / "json-schema" / "s-api-secret-schema.json", outside / "s-api-secret-schema.json")
    selected = tmp_path / "selected"
    extra = ("--out", selected, "--type", "A") if command[-1] == "select" else ()
    run = run_cli(*command, pack, *extra)
    assert run.code == 2
    assert "json-schema/s-api-secret-schema.json: [HSC-PACK-ESCAPING-LINK]" in run.err
    assert not (pack / "hsconform-pack.json").exists() and not selected.exists()


def reference_forms(outside: Path) -> dict[str, str]:
    secret = outside / "s-api-secret-schema.json"
    return {
        "relative": "../../elsewhere/s-api-secret-schema.json",
        "dot-dot": "../json-schema/../../elsewhere/s-api-secret-schema.json",
        "absolute path": str(secret),
        "file URI": secret.as_uri(),
        "file URI with a host": "file://localhost" + secret.as_posix(),
        "escaped": "..%2F..%2Felsewhere%2Fs-api-secret-schema.json",
        "through a link": "linked/s-api-secret-schema.json",
    }


@pytest.mark.parametrize(
    "form",
    [
        "relative",
        "dot-dot",
        "absolute path",
        "file URI",
        "file URI with a host",
        "escaped",
        "through a link",
    ],
)
def test_a_file_reference_never_leaves_the_pack(
    tmp_path: Path, pack: Path, outside: Path, form: str
) -> None:
    ref = reference_forms(outside)[form]
    if form == "through a link":
        (pack / "links").mkdir()
        link(pack / "links" / "linked", outside)  # outside the folders a pack walks
        ref = "../links/" + ref
    write(pack / "json-schema" / "b-api-b-schema.json", s={"$ref": ref})
    problems = problems_of(pack)
    assert [(p.code, p.file, p.pointer) for p in problems] == [
        ("HSC-PACK-ESCAPING-REF", "json-schema/b-api-b-schema.json", "/properties/s")
    ]
    assert problems[0].line is not None

    run = run_cli("check", "--schemas", pack, "--type", "A", payload(tmp_path, {"n": 1}))
    assert run.code == 2
    assert "json-schema/b-api-b-schema.json:1:" in run.err and "#/properties/s" in run.err
