"""The stored outputs of every report format of ``check``, ``lint``, ``drift`` and ``types``.

Reports are what users parse and diff, so a change of internals must leave them byte-identical.
Outputs over the bundled fixtures are stored whole in ``tests/outputs/``; outputs over the
reference corpus (read from ``../shared``, never redistributed) are stored as digests in
``tests/outputs/corpus.json``.

Regenerate after an intended change of output: ``python tests/golden_outputs.py`` (from the
project root, with ``../shared`` present for the corpus digests).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ROOT / "tests" / "outputs"
CORPUS_DIGESTS = OUTPUTS / "corpus.json"
HUBSPOT = Path("..") / "shared" / "corpus" / "hubspot"

CHECK_FORMATS = ("text", "json", "markdown", "sarif", "junit", "github")
DOCUMENT_FORMATS = CHECK_FORMATS
TYPES_FORMATS = ("text", "json")

#: Corpus examples checked against both variants: every 60th, so every family's shapes turn up.
CORPUS_EXAMPLE_STRIDE = 60


def fixture_cases() -> dict[str, list[str]]:
    """Case name -> argv, over the bundled fixtures and the vendored pack."""
    cases: dict[str, list[str]] = {}
    for fmt in CHECK_FORMATS:
        cases[f"check-fixtures.{fmt}"] = [
            "check",
            "--format",
            fmt,
            "fixtures/payloads",
            "fixtures/recordings",
        ]
        cases[f"check-unreadable.{fmt}"] = ["check", "--format", fmt, "fixtures/unreadable"]
    for fmt in ("text", "json"):
        cases[f"check-both-variants.{fmt}"] = [
            "check",
            "--variant",
            "both",
            "--format",
            fmt,
            "fixtures/payloads",
        ]
    for fmt in DOCUMENT_FORMATS:
        for profile in ("strict", "published"):
            cases[f"lint-{profile}.{fmt}"] = ["lint", "--profile", profile, "--format", fmt]
        cases[f"drift.{fmt}"] = ["drift", "--format", fmt]
    for fmt in TYPES_FORMATS:
        cases[f"types.{fmt}"] = ["types", "--format", fmt]
    return cases


def corpus_cases() -> dict[str, list[str]]:
    """Case name -> argv, over the reference corpus in ``../shared``."""
    pack = str(HUBSPOT)
    cases: dict[str, list[str]] = {}
    for fmt in TYPES_FORMATS:
        cases[f"types.{fmt}"] = ["types", "--schemas", pack, "--format", fmt]
    for fmt in DOCUMENT_FORMATS:
        for profile in ("strict", "published"):
            cases[f"lint-{profile}.{fmt}"] = [
                *("lint", "--schemas", pack, "--profile", profile, "--format", fmt),
            ]
        cases[f"drift.{fmt}"] = ["drift", "--schemas", pack, "--format", fmt]
    examples = sorted((ROOT / HUBSPOT / "examples").glob("*-example.json"))
    for example in examples[::CORPUS_EXAMPLE_STRIDE]:
        stem = example.name.removesuffix("-example.json")
        for fmt in CHECK_FORMATS:
            cases[f"check-{stem}.{fmt}"] = [
                *("check", "--schemas", pack, "--variant", "both", "--type", stem),
                *("--format", fmt, str(HUBSPOT / "examples" / example.name)),
            ]
    return cases


def render(argv: list[str]) -> bytes:
    """Exit code, standard output and standard error of one in-process run, from the root."""
    from hsconform.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        os.chdir(previous)
    text = f"$ hsconform {' '.join(argv)}\n# exit {code}\n{out.getvalue()}"
    if err.getvalue():
        text += f"# stderr\n{err.getvalue()}"
    return text.encode("utf-8")


#: Words a dependency wrote: PyYAML's description of a syntax error follows our "invalid YAML:".
#: They change between releases, so they are compared as a placeholder.
_FOREIGN_WORDS = re.compile(rb"(invalid YAML: )[^\"\n<&]*")
#: Python's own words for a JSON syntax error (hsconform adds the place: `` at 1:1``).
_PYTHON_JSON_WORDS = re.compile(rb"(invalid JSON: )[^\"\n<&]*?(?= at \d|[\"\n<&]|$)")


def _vendored_pack_forms() -> re.Pattern[bytes]:
    """The vendored pack's folder as reports show it: inside the checkout, or installed."""
    from hsconform.pack import vendored_pack_path

    folder = vendored_pack_path().resolve()
    forms = {str(folder), os.path.relpath(folder, ROOT)}
    alternatives = b"|".join(
        re.escape(form.encode("utf-8")) for form in sorted(forms, key=len)[::-1]
    )
    return re.compile(rb"(?<![\w/.-])(?:" + alternatives + rb')(?=[/\s"]|$)')


def comparable(data: bytes) -> bytes:
    """An output without what depends on the machine.

    The words of dependencies, where the vendored pack is installed (the checkout's
    ``schemas/`` or site-packages), and the checkout's own path become placeholders.
    """
    data = _vendored_pack_forms().sub(b"<vendored>", data)
    data = data.replace(str(ROOT).encode("utf-8"), b"<project>")
    data = _PYTHON_JSON_WORDS.sub(rb"\1<words of Python's json>", data)
    return _FOREIGN_WORDS.sub(rb"\1<words of PyYAML>", data)


def digest(data: bytes) -> str:
    """The sha256 of an output, as stored for the corpus."""
    return hashlib.sha256(data).hexdigest()


def update() -> None:
    """Write every stored output anew."""
    OUTPUTS.mkdir(exist_ok=True)
    for name, argv in fixture_cases().items():
        (OUTPUTS / f"{name}.out").write_bytes(comparable(render(argv)))
    if (ROOT / HUBSPOT).is_dir():
        digests = {name: digest(comparable(render(argv))) for name, argv in corpus_cases().items()}
        CORPUS_DIGESTS.write_text(json.dumps(digests, indent=2) + "\n", encoding="utf-8")
    else:
        print(f"{ROOT / HUBSPOT} absent: corpus digests left as they are", file=sys.stderr)


if __name__ == "__main__":
    update()
