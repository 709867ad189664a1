"""Small builders for schema documents used across tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hsconform.cli import main
from hsconform.jsontext import resolve_pointer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
HUBSPOT = CORPUS / "hubspot"

JSON_SCHEMA_2020 = "https://json-schema.org/draft/2020-12/schema"
JSON_STRUCTURE_V0 = "https://json-structure.org/meta/core/v0/#"


def schema(title: str, **keywords: Any) -> dict[str, Any]:
    """A JSON Schema 2020-12 document with a title."""
    return {"$schema": JSON_SCHEMA_2020, "title": title, **keywords}


def structure(name: str, **keywords: Any) -> dict[str, Any]:
    """A JSON Structure core document with a name."""
    return {"$schema": JSON_STRUCTURE_V0, "name": name, **keywords}


def resolves(document: Any, pointer: str) -> bool:
    """Whether a JSON Pointer designates a value in ``document``."""
    return resolve_pointer(document, pointer)[0]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one in-process run; never a traceback."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
