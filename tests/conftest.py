"""Shared fixtures: project paths, the vendored pack, the reference corpus, small packs."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import requests
import vcr
from helpers import HUBSPOT
from hypothesis import HealthCheck, settings

import hsconform
import hsconform.check.checker
import hsconform.testing.cassette_check

# pytester runs inner pytest sessions in this process and afterwards drops the modules they
# imported; a C extension (PyYAML's loader) cannot be imported twice, and requests checks its
# own classes, so everything the plugin and the inner tests reach (VCR.py, requests) is
# imported here, before any inner session.
assert requests and vcr


@pytest.fixture(scope="session")
def vendored() -> hsconform.Pack:
    return hsconform.vendored_pack()


@pytest.fixture(scope="session")
def hubspot_corpus() -> Path:
    if not HUBSPOT.is_dir():
        pytest.skip(
            f"reference corpus not present at {HUBSPOT} (only in the development workspace)"
        )
    return HUBSPOT


@pytest.fixture(scope="session")
def corpus_pack(hubspot_corpus: Path) -> hsconform.Pack:
    return hsconform.load_pack(hubspot_corpus)


PackFactory = Callable[..., Path]


@pytest.fixture
def make_pack(tmp_path: Path) -> PackFactory:
    """Write a pack folder: ``make_pack(schemas={"a-api-x": {...}}, structures={...})``."""

    def make(
        schemas: Mapping[str, Any] | None = None,
        structures: Mapping[str, Any] | None = None,
        *,
        name: str = "pack",
    ) -> Path:
        root = tmp_path / name
        for folder, suffix, documents in (
            ("json-schema", "-schema.json", schemas or {}),
            ("json-structure", "-structure.json", structures or {}),
        ):
            (root / folder).mkdir(parents=True, exist_ok=True)
            for stem, document in documents.items():
                text = document if isinstance(document, str) else json.dumps(document, indent=2)
                (root / folder / f"{stem}{suffix}").write_text(text, encoding="utf-8")
        return root

    return make


pytest_plugins = ["pytester"]

# Hypothesis: hundreds of examples per test in CI; `--hypothesis-profile=thorough` for more.
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("default", max_examples=200, deadline=None, suppress_health_check=_SLOW)
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=_SLOW)
settings.load_profile("default")
