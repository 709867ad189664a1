"""The partition function every parallel run shares, and the summaries that combine."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import ROOT
from helpers import run_cli as run
from hypothesis import given
from hypothesis import strategies as st

import hsconform
from hsconform.check import split
from hsconform.check.checker import FileTarget, Selection, check_file
from hsconform.check.partition import CheckSpec, PackRef, check_partition, lines_of
from hsconform.check.runner import in_processes
from hsconform.findings import Finding, Severity, SourceLocation
from hsconform.outcomes import Outcome, Status
from hsconform.recordings import read_recordings
from hsconform.summary import Summary, combine, summarize

LOG = ROOT / "fixtures" / "unreadable" / "logs" / "batch-responses.jsonl"
OBJECTS = "hubspot-crm-objects/BatchResponseSimplePublicObject"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _archive(folder: Path, copies: int = 9, suffix: str = ".jsonl") -> Path:
    """A JSON Lines log of good, failing, blank and broken lines, ``copies`` times over."""
    lines = LOG.read_bytes().splitlines(keepends=True)
    body = b"".join(lines * copies) + b"\n" + b'{"results": 3}\n'
    path = folder / f"archive{suffix}"
    path.write_bytes(gzip.compress(body) if suffix.endswith(".gz") else body)
    return path


def _spec(sample: int = 0) -> CheckSpec:
    pack = hsconform.vendored_pack()
    return CheckSpec(PackRef.of(pack), Selection(explicit=OBJECTS), sample=sample)


def test_a_partition_of_lines_gives_the_outcomes_of_the_whole_file(tmp_path: Path) -> None:
    path = _archive(tmp_path)
    spec = _spec()
    whole = check_file(
        spec.pack.load(), FileTarget(path, True), spec.selection, variant="json-schema"
    )
    shown = whole.outcomes[0].source_file
    assert shown is not None
    raw = path.read_bytes().splitlines(keepends=True)
    first = check_partition(spec, lines_of(str(path), shown, raw[:20]))
    rest = check_partition(spec, lines_of(str(path), shown, raw[20:], first=21))
    assert first.outcomes + rest.outcomes == whole.outcomes
    statuses = {outcome.status for outcome in whole.outcomes}
    assert {Status.OK, Status.FAILED, Status.UNREADABLE} <= statuses
    assert combine(first.summary, rest.summary) == summarize(whole.outcomes)


def test_a_partition_takes_recordings_already_read(tmp_path: Path) -> None:
    path = _archive(tmp_path, copies=1)
    spec = _spec()
    items = list(read_recordings(path, display="log.jsonl"))
    by_items = check_partition(spec, items)
    by_lines = check_partition(
        spec, lines_of(str(path), "log.jsonl", path.read_bytes().splitlines(keepends=True))
    )
    assert by_items == by_lines


def test_something_that_is_no_record_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not a record"):
        check_partition(_spec(), ["{}"])  # type: ignore[list-item]


def test_the_summary_counts_codes_routes_types_and_keeps_samples(tmp_path: Path) -> None:
    partial = check_partition(_spec(sample=1), read_recordings(_archive(tmp_path, copies=2)))
    summary = partial.summary
    assert summary.responses == len(partial.outcomes)
    assert sum(count for _, count in summary.by_status) == summary.responses
    assert dict(summary.by_type)[OBJECTS] == summary.responses - summary.count(Status.UNREADABLE)
    codes = [sample.code for sample in summary.samples]
    assert sorted(codes) == sorted(set(codes)) == [code for code, _ in summary.by_code]


_OUTCOMES = st.builds(
    lambda file, line, status, code, route: Outcome(
        f"{file}:{line}",
        status,
        type=route and f"T{route}",
        route=route and f"GET /r{route} 200",
        findings=(
            ()
            if code is None
            else (
                Finding(
                    code=f"HSC-V-{code}",
                    severity=Severity.ERROR,
                    message=f"m{line}",
                    source=SourceLocation(file, line),
                ),
            )
        ),
    ),
    st.sampled_from(["a.jsonl", "b.jsonl"]),
    st.integers(1, 9),
    st.sampled_from(list(Status)),
    st.none() | st.sampled_from(["X", "Y"]),
    st.none() | st.integers(0, 2),
)
_SUMMARIES = st.builds(summarize, st.lists(_OUTCOMES, max_size=6), st.integers(0, 2))


@given(_SUMMARIES, _SUMMARIES, _SUMMARIES)
def test_summaries_combine_associatively(a: Summary, b: Summary, c: Summary) -> None:
    assert combine(combine(a, b), c) == combine(a, combine(b, c))
    assert combine(a, b) == combine(b, a)
    assert combine(a, Summary()) == combine(a)


@given(st.lists(_OUTCOMES, max_size=12), st.integers(0, 12), st.integers(0, 2))
def test_the_summary_of_parts_is_the_summary_of_the_whole(
    outcomes: list[Outcome], cut: int, sample: int
) -> None:
    whole = summarize(outcomes, sample)
    assert combine(summarize(outcomes[:cut], sample), summarize(outcomes[cut:], sample)) == whole


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_chunks_cover_every_line_once_in_order(tmp_path: Path, suffix: str) -> None:
    path = _archive(tmp_path, suffix=suffix)
    chunks = list(split.chunks_of(FileTarget(path, True), lines=7))
    numbers = [record.number for chunk in chunks for record in chunk.items()]  # type: ignore[union-attr]
    data = path.read_bytes()
    text = gzip.decompress(data) if suffix.endswith(".gz") else data
    assert numbers == list(range(1, len(text.splitlines()) + 1))
    assert [chunk.last for chunk in chunks] == [False] * (len(chunks) - 1) + [True]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "junit", "github", "jsonl"])
def test_j2_on_one_json_lines_file_is_byte_identical_to_j1(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setattr(split, "CHUNK_LINES", 8)  # several chunks from a small file
    path = _archive(tmp_path, suffix=".jsonl.gz")
    argv = ["check", "--type", OBJECTS, "--format", fmt, str(path)]
    one = run(capsys, *argv, "-j", "1")
    two = run(capsys, *argv, "-j", "2")
    assert one == two
    assert one[0] != 0 and one[1]  # the log holds failing and unreadable lines


def test_a_damaged_gzip_archive_ends_in_an_unreadable_outcome(capsys, tmp_path: Path) -> None:
    path = _archive(tmp_path, suffix=".jsonl.gz")
    path.write_bytes(path.read_bytes()[:-40])
    argv = ["check", "--type", OBJECTS, "--format", "json", str(path)]
    code, out, _ = run(capsys, *argv)
    files = json.loads(out)["files"]
    assert code != 0 and files[-1]["status"] == "unreadable"
    assert run(capsys, *argv, "-j", "2")[1] == out


def test_j1_reads_a_json_lines_file_chunk_by_chunk_with_the_whole_files_report(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _archive(tmp_path)
    argv = ["check", "--type", OBJECTS, "--format", "json", str(path), "-j", "1"]
    whole = run(capsys, *argv)  # one chunk: the file at once
    monkeypatch.setattr(split, "CHUNK_LINES", 8)
    assert run(capsys, *argv) == whole
    # the runner hands out one chunk's outcomes at a time, not the file's
    pack = hsconform.vendored_pack()
    results = list(
        in_processes(1)(pack, [FileTarget(path, True)], Selection(explicit=OBJECTS), "json-schema")
    )
    assert len(results) > 3 and all(len(r.outcomes) <= 8 for r in results)
    assert [r.more for r in results] == [True] * (len(results) - 1) + [False]
