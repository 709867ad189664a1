"""The listing of a pack's types (``hsconform types``): a table for people, or JSON.

A listing describes a pack rather than a run, so it has no findings or outcomes; its two forms
sit beside the report formats so that every rendering of output lives in one layer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from hsconform.pack import Pack, vendored_pack_path
from hsconform.report.sanitise import cleaned, terminal_text

#: The header row of the text table.
_HEADER = ("TYPE", "VARIANTS", "STEM")


#: A pack with an unresolved reference does not load, so a listing always shows none; the
#: figure stays in the listing, which scripts read.
UNRESOLVED = 0


def write_types_text(pack: Pack, stream: TextIO) -> None:
    """The pack and its figures, a table of types (name, variants, stem), then load notes."""
    stream = cleaned(stream, terminal_text)
    counts = pack.counts()
    stream.write(f"pack: {pack.root}{' (vendored)' if _is_vendored(pack) else ''}\n")
    stream.write(f"identity: {pack.identity}\n")
    documents = ", ".join(f"{n} {dialect}" for dialect, n in counts.documents.items())
    stream.write(
        f"documents: {documents}; types: {counts.types}, twins: {counts.twins}; "
        f"references: {counts.refs_resolved} resolved ({counts.refs_redirected} "
        f"#/components/schemas redirects), {UNRESOLVED} unresolved\n\n"
    )
    rows = [_HEADER, *((t.name, ", ".join(t.variants), t.stem) for t in pack.types())]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    for name, variants, stem in rows:
        stream.write(f"{name.ljust(widths[0])}  {variants.ljust(widths[1])}  {stem}\n")
    for note in pack.notes:
        stream.write(f"note: {note}\n")


def write_types_json(pack: Pack, stream: TextIO) -> None:
    """The same listing for machines: pack, vendored, identity, counts, types and notes."""
    counts = pack.counts()
    json.dump(
        {
            "pack": str(pack.root),
            "vendored": _is_vendored(pack),
            "identity": pack.identity.to_dict(),
            "counts": {
                "documents": dict(counts.documents),
                "types": counts.types,
                "twins": counts.twins,
                "refs": {
                    "resolved": counts.refs_resolved,
                    "redirected": counts.refs_redirected,
                    "unresolved": UNRESOLVED,
                },
            },
            "types": [
                {
                    "name": t.name,
                    "stem": t.stem,
                    "family": t.family,
                    "title": t.title,
                    "variants": list(t.variants),
                }
                for t in pack.types()
            ],
            "notes": [str(note) for note in pack.notes],
        },
        stream,
        indent=2,
    )
    stream.write("\n")


def types_writer(format_name: str) -> Callable[[Pack, TextIO], None]:
    """The listing for a ``--format`` name: JSON for ``json``, the table for every other one."""
    return write_types_json if format_name == "json" else write_types_text


def _is_vendored(pack: Pack) -> bool:
    return pack.root.resolve() == vendored_pack_path().resolve()
