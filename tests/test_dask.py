"""Checking on a real Dask cluster: a LocalCluster of two worker processes, killed workers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import ROOT
from helpers import run_cli as run

distributed = pytest.importorskip(
    "distributed",
    reason="the dask extra is not installed (pip install dask distributed pandas pyarrow)",
)
pytest.importorskip("pyarrow", reason="the dask extra is not installed (pyarrow)")

import hsconform  # noqa: E402
import hsconform.dask as on_dask  # noqa: E402
from hsconform.check.checker import Selection, check_paths  # noqa: E402
from hsconform.report.rows import COLUMNS, rows_of  # noqa: E402

# distributed's own sockets and threads, closed as its clusters shut down, are not ours to judge
pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

LOG = ROOT / "fixtures" / "unreadable" / "logs" / "batch-responses.jsonl"
OBJECTS = "hubspot-crm-objects/BatchResponseSimplePublicObject"


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture
def archives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Six small JSON Lines archives (two gzip-compressed) of good, failing and broken lines."""
    monkeypatch.chdir(tmp_path)
    lines = LOG.read_bytes().splitlines(keepends=True)
    paths = []
    for index in range(6):
        body = b"".join(lines[index % 3 :] + lines[: index % 3])
        name = f"log-{index}.jsonl" + (".gz" if index % 3 == 0 else "")
        path = tmp_path / name
        path.write_bytes(gzip.compress(body) if name.endswith(".gz") else body)
        paths.append(path)
    return paths


def _rows_of_one_process(paths: list[Path]) -> list[dict]:
    report = check_paths(hsconform.vendored_pack(), paths, Selection(explicit=OBJECTS))
    return list(rows_of(report.outcomes))


def _records(frame) -> list[dict]:
    return [
        {key: (None if value is None or value != value else value) for key, value in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def test_dask_findings_equal_those_of_one_process(client, archives: list[Path]) -> None:
    check = on_dask.check(archives, type=OBJECTS, sample=1)
    frame, summary = check.compute()
    assert list(frame.columns) == list(COLUMNS)
    expected = _rows_of_one_process(archives)
    assert _records(frame) == expected
    assert summary.responses == 6 * 4
    assert dict(summary.by_code)["HSC-V-ENUM"] == 6
    assert {sample.code for sample in summary.samples} == {"HSC-V-ENUM", "HSC-P-INVALID-JSON"}


def test_a_worker_killed_mid_run_leaves_no_gap_and_no_duplicate(
    client, archives: list[Path]
) -> None:
    spec = on_dask.spec_of(type=OBJECTS)
    inputs, problems = on_dask.inputs_of(archives)
    assert not problems
    futures = [
        client.submit(on_dask.check_input, spec, each.name, each.shown, each.named, pure=False)
        for each in inputs
    ]
    distributed.wait(futures[:1])
    (holder,) = client.who_has(futures[0])[futures[0].key]
    client.restart_workers([holder])  # its results are lost: Dask reruns those tasks
    partials = client.gather(futures)
    outcomes = [outcome for partial in partials for outcome in partial.outcomes]
    assert list(rows_of(outcomes)) == _rows_of_one_process(archives)
    assert on_dask.summary(partials).responses == 6 * 4


def test_a_bag_of_json_lines_text_is_checked(client) -> None:
    import dask.bag

    lines = LOG.read_text(encoding="utf-8").splitlines()
    bag = dask.bag.from_sequence(
        [("log.jsonl", n, text) for n, text in enumerate(lines, 1)], npartitions=2
    )
    frame, summary = on_dask.check(bag, type=OBJECTS).compute()
    assert summary.responses == 4
    assert sorted(frame["code"]) == ["HSC-P-INVALID-JSON", "HSC-V-ENUM"]
    assert set(frame["file"]) == {"log.jsonl"}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_the_scheduler_option_gives_the_output_of_one_process(
    capsys, archives: list[Path], fmt: str
) -> None:
    argv = ["check", "--type", OBJECTS, "--format", fmt, *map(str, archives)]
    one = run(capsys, *argv)
    on_cluster = run(capsys, *argv, "--scheduler", "local:2")
    assert on_cluster == one
    assert one[0] == 2  # the archives hold broken lines


def test_a_scheduler_that_names_no_cluster_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "check", "--scheduler", "local:none", str(LOG))
    assert code == 2 and "--scheduler local:none" in err


def test_urls_and_globs_name_inputs(archives: list[Path], tmp_path: Path) -> None:
    inputs, problems = on_dask.inputs_of([f"file://{tmp_path}/log-*.jsonl.gz", "log-1.jsonl"])
    assert not problems
    assert [each.shown for each in inputs] == [
        f"file://{tmp_path}/log-0.jsonl.gz",
        f"file://{tmp_path}/log-3.jsonl.gz",
        "log-1.jsonl",
    ]
    spec = on_dask.spec_of(type=OBJECTS)
    by_url = on_dask.check_input(spec, inputs[0].name, inputs[0].shown, True)
    local = on_dask.check_input(spec, "log-0.jsonl.gz", "log-0.jsonl.gz", True)
    assert [o.status for o in by_url.outcomes] == [o.status for o in local.outcomes]
    assert json.dumps(by_url.summary.by_code) == json.dumps(local.summary.by_code)
