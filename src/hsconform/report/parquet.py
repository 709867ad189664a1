"""Parquet output: the findings table (:data:`~hsconform.report.rows.COLUMNS`) in one file.

Rows are written in batches as results arrive, so memory stays flat however many findings a
run has; the file appears complete or not at all (written beside the target, then renamed).
Needs pyarrow (the ``dask`` extra).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hsconform.atomic import staging_folder
from hsconform.codes import INSTALL_COMMANDS
from hsconform.report.rows import COLUMNS

#: Rows held before a batch is written.
BATCH = 10_000

_INTEGERS = frozenset({"line", "record", "status"})


class ParquetUnavailableError(ImportError):
    """pyarrow is not installed: Parquet output needs the ``dask`` extra."""


def _pyarrow() -> tuple[Any, Any]:
    try:
        arrow = importlib.import_module("pyarrow")
        parquet = importlib.import_module("pyarrow.parquet")
    except ImportError as error:
        raise ParquetUnavailableError(
            f"--format parquet needs pyarrow: {INSTALL_COMMANDS['dask']}"
        ) from error
    return arrow, parquet


class ParquetRows:
    """Collects rows and writes them to an open Parquet file in batches."""

    def __init__(self, writer: Any, arrow: Any, schema: Any) -> None:
        self._writer = writer
        self._arrow = arrow
        self._schema = schema
        self._held: list[dict[str, Any]] = []
        self.written = 0

    def add(self, row: dict[str, Any]) -> None:
        """Hold one row; a full batch is written."""
        self._held.append(row)
        if len(self._held) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the rows held."""
        if self._held:
            table = self._arrow.Table.from_pylist(self._held, schema=self._schema)
            self._writer.write_table(table)
            self.written += len(self._held)
            self._held = []


@contextmanager
def parquet_rows(path: Path) -> Iterator[ParquetRows]:
    """A :class:`ParquetRows` writing to ``path``, which appears when the block ends well."""
    arrow, parquet = _pyarrow()
    schema = arrow.schema(
        [(name, arrow.int64() if name in _INTEGERS else arrow.string()) for name in COLUMNS]
    )
    path = Path(path)
    with staging_folder(path) as staging:
        staged = staging / path.name
        writer = parquet.ParquetWriter(str(staged), schema)
        rows = ParquetRows(writer, arrow, schema)
        try:
            yield rows
            rows.flush()
        finally:
            writer.close()
        os.replace(staged, path)
