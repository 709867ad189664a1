"""Finding the schema documents of a pack folder and naming each one.

A pack folder holds ``json-schema/`` and/or ``json-structure/`` (optionally
``examples/`` and ``openapi/``). The dialect of a document is what its
``$schema`` says; the folder is only the fallback for a document without one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import referencing.jsonschema

from hsconform.errors import LoadProblem, PayloadError
from hsconform.jsontext import ParsedJSON, escape_pointer_token, read_json_file
from hsconform.pack import naming
from hsconform.pack.containment import walk
from hsconform.vocabulary import DIALECTS as DIALECTS  # the folders of a pack, in order
from hsconform.vocabulary import Dialect

JSON_SCHEMA = Dialect.JSON_SCHEMA
JSON_STRUCTURE = Dialect.JSON_STRUCTURE


@dataclass(frozen=True)
class Document:
    """One schema file of a pack, as published (``contents`` is never modified)."""

    path: Path
    file: str
    dialect: Dialect
    stem: str
    title: str | None
    family: str
    uri: str
    id: str | None
    contents: Mapping[str, Any] | bool
    parsed: ParsedJSON

    @property
    def keywords(self) -> Mapping[str, Any]:
        """The document's keywords: none for a JSON Schema that is ``true`` or ``false``."""
        return self.contents if not isinstance(self.contents, bool) else {}

    @property
    def api(self) -> str:
        """The API this document's family belongs to."""
        return naming.api_of(self.family)

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """Line and column of a node of this document."""
        return self.parsed.locate(pointer)


@dataclass(frozen=True)
class _Draft:
    """A document read from disk, before families are known."""

    path: Path
    file: str
    dialect: Dialect
    stem: str
    title: str | None
    contents: Mapping[str, Any] | bool
    parsed: ParsedJSON


def is_json(name: str) -> bool:
    """Whether a file name is one of a schema document (``*.json``)."""
    return name.endswith(".json")


def discover(root: Path) -> tuple[list[Document], list[LoadProblem], list[LoadProblem]]:
    """Read every schema document under ``root``.

    Returns the documents, the problems that make the pack unusable, and
    notes (things worth knowing that do not stop loading). A link leading out of the pack is
    not followed and is a problem (:mod:`hsconform.pack.containment`).
    """
    problems: list[LoadProblem] = []
    notes: list[LoadProblem] = []
    drafts: list[_Draft] = []
    for folder in DIALECTS:
        walked = walk(root, folder, is_json)
        problems.extend(walked.escapes)
        for path in walked.files:
            draft = _read(root, path, folder, problems, notes)
            if draft is not None:
                drafts.append(draft)
    seen: dict[tuple[str, str], str] = {}
    for draft in drafts:
        key = (draft.dialect, draft.stem)
        if key in seen:
            problems.append(
                LoadProblem(
                    "HSC-PACK-DUPLICATE-STEM",
                    draft.file,
                    "",
                    f"another {draft.dialect} document already has the stem {draft.stem!r}",
                    target=seen[key],
                )
            )
        else:
            seen[key] = draft.file
    return _name_families(drafts), problems, notes


def _read(
    root: Path,
    path: Path,
    folder: Dialect,
    problems: list[LoadProblem],
    notes: list[LoadProblem],
) -> _Draft | None:
    file = path.relative_to(root).as_posix()
    try:
        parsed = read_json_file(path, display=file)
    except PayloadError as error:
        problems.append(
            LoadProblem(
                "HSC-PACK-INVALID-JSON",
                file,
                "",
                error.reason,
                line=error.line,
                column=error.column,
            )
        )
        return None
    contents = parsed.value
    if isinstance(contents, bool) and folder == JSON_SCHEMA:
        # a boolean is a whole JSON Schema: true accepts everything, false nothing
        stem = naming.stem_of(path.name, JSON_SCHEMA)
        return _Draft(path, file, JSON_SCHEMA, stem, None, contents, parsed)
    if not isinstance(contents, dict):
        problems.append(
            LoadProblem(
                "HSC-PACK-NOT-A-SCHEMA", file, "", "a schema document must be a JSON object"
            )
        )
        return None
    for pointer in parsed.duplicates:
        line_column = parsed.locate(pointer)
        problems.append(
            LoadProblem(
                "HSC-PACK-DUPLICATE-KEY",
                file,
                pointer,
                "member appears more than once in its object; the document is ambiguous",
                line=line_column[0] if line_column else None,
                column=line_column[1] if line_column else None,
            )
        )
    dialect = dialect_of(contents, folder, file, problems, notes)
    if dialect is None:
        return None
    bad_ids = list(malformed_ids(parsed, file))
    if bad_ids:  # every later step joins URIs against these
        problems.extend(bad_ids)
        return None
    title_key = "title" if dialect == JSON_SCHEMA else "name"
    title = contents.get(title_key)
    if not isinstance(title, str) or not title.strip():
        other = contents.get("name" if title_key == "title" else "title")
        title = other if isinstance(other, str) and other.strip() else None
    return _Draft(
        path=path,
        file=file,
        dialect=dialect,
        stem=naming.stem_of(path.name, dialect),
        title=title,
        contents=contents,
        parsed=parsed,
    )


#: Each ``"$id": "..."`` member of a JSON text, found at C speed before any walk.
_ID_MEMBER = re.compile(r'"\$id"\s*:\s*("[^"\\]*(?:\\.[^"\\]*)*")')


def malformed_ids(parsed: ParsedJSON, file: str) -> Iterator[LoadProblem]:
    """Each ``$id`` that is not a URI reference urllib can join (``http://[::1``), located.

    The text is searched first, so a document whose ids all join costs no walk at all.
    """
    if all(_joins(json.loads(match.group(1))) for match in _ID_MEMBER.finditer(parsed.text)):
        return
    stack: list[tuple[str, Any]] = [("", parsed.value)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            value = node.get("$id")
            if isinstance(value, str) and not _joins(value):
                line, column = parsed.locate(f"{pointer}/$id") or (None, None)
                message = f"$id {value!r} is not a URI reference"
                where = f"{pointer}/$id"
                yield LoadProblem("HSC-PACK-BAD-ID", file, where, message, None, line, column)
            children = [(f"{pointer}/{escape_pointer_token(k)}", v) for k, v in node.items()]
        elif isinstance(node, list):
            children = [(f"{pointer}/{index}", item) for index, item in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))


def _joins(value: object) -> bool:
    try:
        urljoin("file:///pack/a.json", str(value))
    except ValueError:
        return False
    return True


def dialect_of(
    contents: Mapping[str, Any],
    folder: Dialect,
    file: str,
    problems: list[LoadProblem],
    notes: list[LoadProblem],
) -> Dialect | None:
    """The dialect a document declares through ``$schema`` (the folder's when it declares none)."""
    declared = contents.get("$schema")
    if declared is None:
        notes.append(
            LoadProblem(
                "HSC-PACK-NO-SCHEMA-KEYWORD",
                file,
                "",
                f"no $schema; read as {folder} because of its folder",
            )
        )
        return folder
    if not isinstance(declared, str):
        problems.append(
            LoadProblem("HSC-PACK-UNKNOWN-DIALECT", file, "/$schema", "$schema must be a string")
        )
        return None
    if "json-structure.org" in declared:
        dialect = JSON_STRUCTURE
    elif is_json_schema_dialect(declared):
        dialect = JSON_SCHEMA
    elif folder == JSON_SCHEMA and is_custom_metaschema(declared):
        notes.append(
            LoadProblem(
                "HSC-PACK-CUSTOM-METASCHEMA",
                file,
                "/$schema",
                f"$schema {declared!r} is a meta-schema of its own; read as JSON Schema 2020-12 "
                "with that meta-schema's vocabularies (it must be in the pack or retrieved)",
            )
        )
        return JSON_SCHEMA
    else:
        problems.append(
            LoadProblem(
                "HSC-PACK-UNKNOWN-DIALECT",
                file,
                "/$schema",
                f"$schema {declared!r} is neither a JSON Schema dialect nor JSON Structure",
            )
        )
        return None
    if dialect != folder:
        notes.append(
            LoadProblem(
                "HSC-PACK-DIALECT-FOLDER",
                file,
                "/$schema",
                f"declares {dialect} but sits in {folder}/; read as {dialect}",
            )
        )
    return dialect


def is_custom_metaschema(uri: str) -> bool:
    """Whether a ``$schema`` names a meta-schema of its own: an absolute URI off the spec sites."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return False
    official = ("json-schema.org", "json-structure.org")
    return bool(parts.scheme) and not (parts.hostname or "").endswith(official)


def is_json_schema_dialect(uri: str) -> bool:
    """Whether a ``$schema`` names a JSON Schema dialect hsconform knows."""
    try:
        referencing.jsonschema.specification_with(uri)
    except referencing.jsonschema.UnknownDialect:
        return False
    return True


def _name_families(drafts: Iterable[_Draft]) -> list[Document]:
    """Give each document its family: from its title where the stem ends with it, else by prefix."""
    drafts = list(drafts)
    by_title = {id(d): naming.family_from_title(d.stem, d.title) for d in drafts}
    known = {family for family in by_title.values() if family}
    documents = []
    for draft in drafts:
        family = (
            by_title[id(draft)]
            or naming.family_by_prefix(draft.stem, known)
            or naming.family_fallback(draft.stem)
        )
        declared_id = draft.contents.get("$id") if isinstance(draft.contents, dict) else None
        documents.append(
            Document(
                path=draft.path,
                file=draft.file,
                dialect=draft.dialect,
                stem=draft.stem,
                title=draft.title,
                family=family,
                uri=draft.path.resolve().as_uri(),
                id=declared_id if isinstance(declared_id, str) and declared_id else None,
                contents=draft.contents,
                parsed=draft.parsed,
            )
        )
    return documents
