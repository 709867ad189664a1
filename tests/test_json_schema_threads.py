"""One pack's jsonschema-rs validators shared by 8 threads give the same findings as one thread."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import hsconform

FIXTURE_PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads"


def test_eight_threads_get_the_findings_of_one() -> None:
    cases = [
        (folder.name, json.loads(path.read_text(encoding="utf-8")))
        for folder in sorted(FIXTURE_PAYLOADS.iterdir())
        if folder.is_dir()
        for path in sorted(folder.glob("*.json"))
    ]
    expected = [hsconform.load_pack().validate(payload, stem) for stem, payload in cases]
    shared = hsconform.load_pack()  # validators are built by whichever thread comes first
    work = cases * 20
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda case: shared.validate(case[1], case[0]), work))
    assert results == expected * 20
    assert any(not result.ok for result in expected) and any(result.ok for result in expected)
