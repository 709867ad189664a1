"""What a Dask worker runs: one input file (a local path or an fsspec URL) checked.

Tasks carry a :class:`~hsconform.check.partition.CheckSpec` (the pack by reference), so each
worker process loads the pack once, on its first task; nothing compiled is ever pickled.
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path
from typing import Any

from hsconform.check.checker import CheckedFile, FileTarget, check_file
from hsconform.check.partition import CheckSpec, Line, Partial, check_partition
from hsconform.recordings import is_jsonl, read_recordings
from hsconform.summary import summarize


def is_url(name: str) -> bool:
    """Whether an input names a file through an fsspec protocol (``s3://``, ``file://``)."""
    return "://" in name


def check_input(spec: CheckSpec, name: str, shown: str, named: bool) -> Partial:
    """One input checked: local files as ``-j 1`` checks them, URLs read through fsspec."""
    if not is_url(name):
        checked = check_file(
            spec.pack.load(),
            FileTarget(Path(name), named),
            spec.selection,
            variant=spec.variant,
            shown=shown,
        )
        return _partial(spec, checked)
    fsspec: Any = importlib.import_module("fsspec")
    if is_jsonl(name):
        with fsspec.open(name, "rb", compression="infer") as stream:
            lines = (Line(name, shown, number, raw) for number, raw in enumerate(stream, 1))
            return check_partition(spec, lines)
    with fsspec.open(name, "rb") as stream:
        data = stream.read()
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / Path(shown).name
        local.write_bytes(data)
        return check_partition(spec, list(read_recordings(local, display=shown)))


def _partial(spec: CheckSpec, checked: CheckedFile) -> Partial:
    return Partial(checked.outcomes, checked.problems, summarize(checked.outcomes, spec.sample))
