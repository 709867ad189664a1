"""A schema pack: its documents, the types they describe, one registry, and validation.

``load_pack`` reads a folder (the vendored pack by default), resolves every
reference and fails with *all* problems at once. A loaded ``Pack`` does not
change; the validators it builds are cached and safe to share between threads.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema.protocols import Validator
from referencing import Registry

from hsconform.errors import LoadProblem, PackError, UnknownType, UnsupportedVariant
from hsconform.findings import (
    Finding,
    Result,
    sort_findings,
)
from hsconform.json_schema import engine as rs_engine
from hsconform.json_schema.explain import Explainer
from hsconform.json_schema.patterns import pattern_problems
from hsconform.json_schema.validator import (
    LocationWalker,
    build_validator,
    iter_findings,
)
from hsconform.json_structure.compiler import Compiler, SchemaSource
from hsconform.json_structure.keywords import PUBLISHED
from hsconform.json_structure.validator import StructureValidator
from hsconform.outcomes import PackIdentity
from hsconform.pack.depth import MAX_DEPTH, deeper_than, too_deep
from hsconform.pack.documents import DIALECTS, JSON_SCHEMA, JSON_STRUCTURE, Document, discover
from hsconform.pack.files import EXAMPLE, OPENAPI, ROUTES, walk_pack
from hsconform.pack.identity import computed_identity, verify_lock
from hsconform.pack.registry import Resolution, Retrieve, build_registry
from hsconform.pack.route_sources import PackRoutes, collect_routes
from hsconform.pack.suggestions import suggest
from hsconform.rules import batch
from hsconform.vocabulary import ENGINES, Dialect, engine_named, profile_named

VARIANTS = DIALECTS


@dataclass(frozen=True)
class PackType:
    """One API type of a pack, with its document in each variant that has one."""

    stem: str
    family: str
    title: str
    documents: Mapping[str, Document]

    @functools.cached_property
    def name(self) -> str:
        """The qualified name ``family/Title``."""
        return f"{self.family}/{self.title}"

    @property
    def api(self) -> str:
        """The API the type belongs to (shared by both generations)."""
        return next(iter(self.documents.values())).api

    @property
    def variants(self) -> tuple[str, ...]:
        """The variants this type is published in, JSON Schema first."""
        return tuple(v for v in VARIANTS if v in self.documents)

    @property
    def is_twin(self) -> bool:
        """True when the type exists in both variants."""
        return len(self.documents) == len(VARIANTS)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class PackCounts:
    """Figures about a pack, for ``hsconform types`` and reports."""

    documents: Mapping[Dialect, int]
    types: int
    twins: int
    refs_resolved: int
    refs_redirected: int


def vendored_pack_path() -> Path:
    """Folder of the pack shipped with hsconform (inside the wheel, or the source checkout)."""
    shipped = resources.files("hsconform").joinpath("schemas")
    if shipped.is_dir():
        return Path(str(shipped))
    checkout = Path(__file__).resolve().parents[3] / "schemas"
    if checkout.is_dir():
        return checkout
    raise PackError(
        str(shipped),
        [
            LoadProblem(
                "HSC-PACK-MISSING", str(shipped), "", "the vendored schema pack is not installed"
            )
        ],
    )


class Pack:
    """A loaded schema pack. Build it with :func:`load_pack`."""

    def __init__(
        self,
        root: Path,
        documents: Iterable[Document],
        registry: Registry[Any],
        resolutions: Iterable[Resolution],
        notes: Iterable[LoadProblem],
        profile: str,
        engine: str = ENGINES[0],
        identity: PackIdentity | None = None,
        embedded: Iterable[str] = (),
    ) -> None:
        self._root = root
        self._embedded = tuple(embedded)
        self._identity = identity
        self._engine = engine
        self._documents = tuple(documents)
        self._registry = registry
        self._resolutions = tuple(resolutions)
        self._notes = tuple(notes)
        self._profile = profile
        self._types = _group_types(self._documents)
        self._names = _name_index(self._types.values())
        contents = {d.file: d.contents for d in self._documents}
        self._walker = LocationWalker(
            self._resolutions,
            {d.file: registry.get_or_retrieve(d.uri).value.contents for d in self._documents},
        )
        self._explainer = Explainer(self._resolutions, contents)
        self._recursive = rs_engine.recursive_documents(self._resolutions)
        self._validators: dict[tuple[str, str], Validator] = {}
        self._rs_registry: jsonschema_rs.Registry | None = None
        self._rs_validators: dict[str, jsonschema_rs.Validator] = {}
        self._structure_validators: dict[str, StructureValidator] = {}
        self._compiler: Compiler | None = None
        self._routes: PackRoutes | None = None
        self._relative_refs = {r.file for r in self._resolutions if not r.ref.startswith("#")}
        self._envelopes = frozenset(
            d.file
            for d in self._documents
            if batch.is_batch_envelope(batch.top_level_properties(d.keywords))
        )
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        """The pack folder."""
        return self._root

    @property
    def identity(self) -> PackIdentity:
        """Name, content digest and source commit: from the lock, else computed on first use."""
        if self._identity is None:
            self._identity = computed_identity(self._root)
        return self._identity

    @property
    def engine(self) -> str:
        """The JSON Schema engine: ``jsonschema-rs`` or ``reference`` (python-jsonschema)."""
        return self._engine

    @property
    def profile(self) -> str:
        """The JSON Structure profile in force: ``strict`` or ``published``."""
        return self._profile

    @property
    def registry(self) -> Registry[Any]:
        """The one immutable registry holding every document of the pack."""
        return self._registry

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every schema document, in file order."""
        return self._documents

    @property
    def resolutions(self) -> tuple[Resolution, ...]:
        """How each reference of the pack was resolved."""
        return self._resolutions

    @property
    def notes(self) -> tuple[LoadProblem, ...]:
        """Things noticed at load that did not stop it (e.g. a document without ``$schema``)."""
        return self._notes

    @property
    def routes(self) -> PackRoutes:
        """The pack's own routes, read on first use (most commands never need them).

        From its ``routes.json`` and every OpenAPI 3 document under ``openapi/``, typed by
        content: see :mod:`hsconform.pack.route_sources`.
        """
        if self._routes is None:
            with self._lock:
                if self._routes is None:
                    self._routes = collect_routes(self._root, self.types())
        return self._routes

    def types(self) -> tuple[PackType, ...]:
        """Every type of the pack, ordered by stem."""
        return tuple(self._types[stem] for stem in sorted(self._types))

    def counts(self) -> PackCounts:
        """Documents per dialect, types, twins and references of the pack."""
        per_dialect = {d: sum(1 for doc in self._documents if doc.dialect == d) for d in DIALECTS}
        return PackCounts(
            documents=per_dialect,
            types=len(self._types),
            twins=sum(1 for t in self._types.values() if t.is_twin),
            refs_resolved=len(self._resolutions),
            refs_redirected=sum(1 for r in self._resolutions if r.is_redirect),
        )

    def examples(self) -> dict[str, Path]:
        """Example payload files of the pack's ``examples/`` folder, by type stem."""
        found = {}
        for file in walk_pack(self._root, (EXAMPLE,))[0]:
            path = self._root / file.path
            stem = path.name.removesuffix(".json").removesuffix("-example")
            if stem in self._types:
                found[stem] = path
        return found

    def type(self, name: str | PackType) -> PackType:
        """The type called ``name``: a stem, ``family/Title``, or a ``Title`` unique in the pack.

        Raises:
            UnknownType: no type has that name (``candidates``: the names to suggest, by
                :mod:`hsconform.pack.suggestions`), or several do (``candidates`` lists them).

        """
        if isinstance(name, PackType):
            if self._types.get(name.stem) is not name:
                raise UnknownType(f"{name.name} (a type of another pack)", [])
            return name
        matches = self._names.get(name)
        if matches is None:
            found = suggest(name, self._names)
            raise UnknownType(name, found.names, more=found.more, known=len(self._types))
        if len(matches) > 1:
            raise UnknownType(name, sorted(t.name for t in matches), ambiguous=True)
        return matches[0]

    def validate(
        self,
        payload: Any,
        type: str | PackType,
        *,
        variant: str = JSON_SCHEMA,
        batch_rules: bool = True,
    ) -> Result:
        """Check a payload against one variant of a type; every finding, never just the first.

        The payload is only read, never modified. ``batch_rules=False`` leaves out the batch
        rules, which read the payload alone: a caller checking both variants applies them once.

        Raises:
            UnknownType: the type name matches no type or several.
            UnsupportedVariant: the variant is unknown or the type lacks it.

        """
        pack_type = self.type(type)
        document = self._document(pack_type, variant)
        if variant == JSON_STRUCTURE:
            findings = self._structure_validator(document).findings(payload)
        else:
            findings = self._json_schema_findings(document, payload)
        if batch_rules and document.file in self._envelopes:
            reported = {f.instance for f in findings} if findings else ()
            findings.extend(batch.check(payload, variant=variant, already_reported=reported))
        ordered = sort_findings(findings) if len(findings) > 1 else tuple(findings)
        return Result(type=pack_type.name, variant=variant, findings=ordered)

    def _document(self, pack_type: PackType, variant: str) -> Document:
        if variant not in VARIANTS:
            raise UnsupportedVariant(
                f"unknown variant {variant!r}; use one of: " + ", ".join(VARIANTS)
            )
        document = pack_type.documents.get(variant)
        if document is None:
            raise UnsupportedVariant(
                f"type {pack_type.name} has no {variant} document (it has: "
                + ", ".join(pack_type.variants)
                + ")"
            )
        return document

    def _validator(self, document: Document) -> Validator:
        key = (document.dialect, document.uri)
        validator = self._validators.get(key)
        if validator is None:
            with self._lock:
                validator = self._validators.get(key)
                if validator is None:
                    validator = build_validator(
                        document.uri,
                        self._registry,
                        needs_base=document.id is None and document.file in self._relative_refs,
                    )
                    self._validators[key] = validator
        return validator

    def _json_schema_findings(self, document: Document, payload: Any) -> list[Finding]:
        if self._engine == "jsonschema-rs":
            if document.file in self._recursive and deeper_than(payload, MAX_DEPTH):
                return [too_deep(payload, JSON_SCHEMA)]
            validator = self._rs_validator(document)
            try:
                if validator.is_valid(payload):
                    return []
                errors = validator.iter_errors(payload)
                found = self._explainer.findings(errors, payload, document.file)
                if found is not None:
                    return found
            except UnicodeEncodeError:
                pass  # a string with an unpaired surrogate: only the reference engine takes it
            except ValueError:
                # the engine refuses values nested beyond its own conversion limit
                if not deeper_than(payload, MAX_DEPTH):
                    raise
                return [too_deep(payload, JSON_SCHEMA)]
            # jsonschema-rs drops empty names from its paths: the reference engine locates them
        try:
            return list(
                iter_findings(self._validator(document), payload, document.file, self._walker)
            )
        except RecursionError:
            return [too_deep(payload, JSON_SCHEMA)]

    def _rs_validator(self, document: Document) -> jsonschema_rs.Validator:
        """The jsonschema-rs validator of a document, built once and shared."""
        validator = self._rs_validators.get(document.uri)
        if validator is None:
            with self._lock:
                validator = self._rs_validators.get(document.uri)
                if validator is None:
                    if self._rs_registry is None:
                        # JSON Structure documents, and resources embedded in a document
                        # (the engine finds those inside their document itself)
                        structure = [d.uri for d in self._documents if d.dialect != JSON_SCHEMA]
                        left_out = [
                            self._registry.get_or_retrieve(uri).value.contents
                            for uri in (*structure, *self._embedded)
                        ]
                        self._rs_registry = rs_engine.build_registry(
                            rs_engine.schema_resources(self._registry, left_out)
                        )
                    contents = self._registry.get_or_retrieve(document.uri).value.contents
                    validator = rs_engine.build_validator(document.uri, contents, self._rs_registry)
                    self._rs_validators[document.uri] = validator
        return validator

    def lint(self, *, profile: str | None = None) -> tuple[Finding, ...]:
        """Every problem of every document: JSON Structure conformance, JSON Schema metaschema.

        ``profile`` defaults to the pack's. See :func:`hsconform.lint.lint_pack`.
        """
        from hsconform.lint import lint_pack  # lint sits above the pack it reads

        return lint_pack(self, profile=profile)

    def _structure_validator(self, document: Document) -> StructureValidator:
        validator = self._structure_validators.get(document.file)
        if validator is None:
            with self._lock:
                validator = self._structure_validators.get(document.file)
                if validator is None:
                    if self._compiler is None:
                        self._compiler = Compiler(self._structure_source(), self._profile)
                    validator = StructureValidator.of(self._compiler, document.file)
                    self._structure_validators[document.file] = validator
        return validator

    def is_batch_envelope(self, type: str | PackType, variant: str = JSON_SCHEMA) -> bool:
        """Whether the type declares ``status`` and ``results``: the batch rules apply."""
        return self._document(self.type(type), variant).file in self._envelopes

    def drift(self, type: str | PackType | None = None) -> tuple[Finding, ...]:
        """Drift between the two variants of a type (every twin when ``type`` is ``None``).

        Each finding has a ``category``: ``wire`` (with the ``witness`` payload and the
        variant that alone ``accepted_by`` it, both checked by the real validators),
        ``lossy`` or ``spec``. See :func:`hsconform.drift.drift_of`.
        """
        from hsconform.drift import drift_of  # drift is a layer above the pack

        return drift_of(self, type)

    def shape(self, type: str | PackType, *, variant: str = JSON_SCHEMA) -> Any:
        """The shape model of one variant of a type: :func:`hsconform.drift.shape_of`.

        Typed ``Any`` because the pack does not import the drift layer; call
        :func:`hsconform.drift.shape_of` for a typed :class:`~hsconform.drift.shape.Shape`.
        """
        from hsconform.drift import shape_of  # drift is a layer above the pack

        return shape_of(self, type, variant=variant)

    def document(self, type: str | PackType, *, variant: str = JSON_SCHEMA) -> Document:
        """The document of one variant of a type.

        Raises:
            UnknownType: the type name matches no type or several.
            UnsupportedVariant: the variant is unknown or the type lacks it.

        """
        return self._document(self.type(type), variant)

    def _structure_source(self) -> SchemaSource:
        return self.schema_source(JSON_STRUCTURE)

    def schema_source(self, dialect: str) -> SchemaSource:
        """The documents of a dialect and where the pack resolved their references."""
        documents = {
            d.file: _as_object(d.contents) for d in self._documents if d.dialect == dialect
        }
        references = {
            (r.file, r.pointer, r.keyword, r.ref): (r.target_file, r.target_pointer)
            for r in self._resolutions
            if r.file in documents
        }
        return SchemaSource(documents, references)

    def __repr__(self) -> str:
        return f"<Pack {self._root} types={len(self._types)} documents={len(self._documents)}>"


def _group_types(documents: Iterable[Document]) -> dict[str, PackType]:
    grouped: dict[str, dict[str, Document]] = {}
    for document in documents:
        grouped.setdefault(document.stem, {})[document.dialect] = document
    types = {}
    for stem, by_dialect in grouped.items():
        first = by_dialect.get(JSON_SCHEMA) or by_dialect[JSON_STRUCTURE]
        title = next((d.title for d in by_dialect.values() if d.title), None) or stem
        types[stem] = PackType(stem=stem, family=first.family, title=title, documents=by_dialect)
    return types


def _name_index(types: Iterable[PackType]) -> dict[str, list[PackType]]:
    index: dict[str, list[PackType]] = {}
    for pack_type in types:
        names = {pack_type.stem, pack_type.name, pack_type.title}
        for document in pack_type.documents.values():
            if document.title:
                names.update({document.title, f"{pack_type.family}/{document.title}"})
        for name in names:
            bucket = index.setdefault(name, [])
            if pack_type not in bucket:
                bucket.append(pack_type)
    return index


def _as_object(contents: Mapping[str, Any] | bool) -> Mapping[str, Any]:
    """A boolean JSON Schema as the object with the same verdicts, the form shapes are read from."""
    if isinstance(contents, bool):
        return {} if contents else {"not": {}}
    return contents


def load_pack(
    path: str | Path | None = None,
    *,
    profile: str | None = None,
    retrieve: Retrieve | None = None,
    engine: str = ENGINES[0],
    check_lock: bool = True,
) -> Pack:
    """Load a schema pack: the vendored one, or any folder with the same layout.

    ``profile`` is the JSON Structure profile: ``"published"`` (the default: accepts
    what HubSpot ships, such as int64 sent as a JSON number, with warnings) or
    ``"strict"`` (the drafts to the letter). Every pack gets the same default, so
    conformant HubSpot traffic does not fail merely because the pack came from a folder.

    ``retrieve`` opts in to remote references: it is called with each
    http(s) URI the pack refers to and returns that document's JSON. Without
    it, a remote reference is a load problem; hsconform never opens a
    connection of its own.

    ``engine`` validates JSON Schema payloads: ``"jsonschema-rs"`` (the default) or
    ``"reference"`` (python-jsonschema, slower, kept to compare against).

    A pack with a lock (``hsconform-pack.json``) is checked against it: a file edited, added
    or missing since is a load problem (``HSC-PACK-LOCK-MISMATCH``), and so is a lock that
    cannot be read (``HSC-PACK-LOCK``). ``check_lock=False`` skips that (to relock).

    Raises:
        PackError: with every problem found (unreadable files, unknown
            dialects, unresolvable references, ...), not just the first.

    """
    engine = engine_named(engine)
    if profile is not None:
        profile = profile_named(profile)
    root = vendored_pack_path() if path is None else Path(path)
    if profile is None:
        profile = PUBLISHED
    if not root.is_dir():
        reason = "does not exist" if not root.exists() else "is not a folder"
        raise PackError(str(root), [LoadProblem("HSC-PACK-MISSING", str(root), "", reason)])
    if not any((root / folder).is_dir() for folder in DIALECTS):
        raise PackError(
            str(root),
            [
                LoadProblem(
                    "HSC-PACK-LAYOUT",
                    str(root),
                    "",
                    "not a schema pack: it has neither json-schema/ nor json-structure/",
                )
            ],
        )
    documents, problems, notes = discover(root)
    problems.extend(walk_pack(root, (ROUTES, OPENAPI, EXAMPLE))[1])  # links out of the pack
    built = build_registry(root, documents, retrieve)
    problems.extend(built.problems)
    problems.extend(
        LoadProblem("HSC-PACK-PATTERN", document.file, pointer, message)
        for document in documents
        if document.dialect == JSON_SCHEMA
        for pointer, message in pattern_problems(document.contents)
    )
    problems = [_located(p, documents) for p in problems]
    identity, lock_problems = verify_lock(root) if check_lock else (None, [])
    if problems or lock_problems:
        raise PackError(str(root), [*problems, *lock_problems])
    return Pack(
        root,
        documents,
        built.registry,
        built.resolutions,
        notes,
        profile,
        engine,
        identity,
        built.embedded,
    )


def _located(problem: LoadProblem, documents: Iterable[Document]) -> LoadProblem:
    """The problem with the line and column of its node, when the file was read."""
    if problem.line is not None:
        return problem
    for document in documents:
        if document.file == problem.file:
            position = document.locate(problem.pointer)
            if position is not None:
                return LoadProblem(
                    problem.code,
                    problem.file,
                    problem.pointer,
                    problem.message,
                    problem.target,
                    position[0],
                    position[1],
                )
    return problem
