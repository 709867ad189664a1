"""One immutable ``referencing.Registry`` for a pack, with every ``$ref`` resolved at load.

The published files point at ``#/components/schemas/X``, a location that only
existed in the OpenAPI document they were cut from. Each such pointer is
redirected, by explicit rules, to the document of type ``X``:

1. the same family's document for ``X`` (file stem = family + kebab-case ``X``);
2. else the other generation of the same API (``authors-api`` <-> ``hubspot-authors``).

The registry holds a *copy* of the referring document in which such a
``$ref`` names its target's URI; the published pointer is kept in the
:class:`Resolution`, which is what findings show for each ``$ref`` hop (the
document itself is never changed). Every other reference resolves as usual
(local pointers, anchors, relative files, ``$id``), never over the network
and never outside the pack folder. Every reference is checked here, once, so
validation never meets an unresolvable one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import url2pathname

import referencing.jsonschema
from referencing import Registry, Resource, Specification
from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unresolvable

from hsconform.errors import LoadProblem
from hsconform.findings import Resolution as Resolution  # re-exported: it was defined here
from hsconform.json_structure.keywords import is_namespace
from hsconform.jsontext import escape_pointer_token, resolve_pointer, unescape_pointer_token
from hsconform.pack import naming
from hsconform.pack.documents import JSON_SCHEMA, JSON_STRUCTURE, Document
from hsconform.vocabulary import Dialect, ResolutionRule

#: Called with a remote URI when the user opts in to remote references; returns its JSON.
Retrieve = Callable[[str], Any]

COMPONENTS_PREFIX = "/components/schemas/"


def _structure_id(contents: Any) -> str | None:
    if isinstance(contents, Mapping):
        value = contents.get("$id")
        return value if isinstance(value, str) else None
    return None


#: JSON Structure as a ``referencing`` specification: one resource per document,
#: no embedded resources, no anchors; references are JSON Pointers.
JSON_STRUCTURE_SPEC: Specification[Any] = Specification(  # type: ignore[call-arg]  # attrs init
    name="json-structure-core-v0",
    id_of=_structure_id,
    subresources_of=lambda contents: (),
    anchors_in=lambda specification, contents: (),
    maybe_in_subresource=lambda segments, resolver, subresource: resolver,
)

# Keywords whose values are data, never schemas: a "$ref" inside them is not a reference.
_DATA_KEYWORDS = frozenset(
    {"const", "enum", "example", "examples", "default", "altnames", "altenums", "descriptions"}
)
# Keywords whose values map names to schemas.
_NAME_MAPS = {
    JSON_SCHEMA: frozenset(
        {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
    ),
    JSON_STRUCTURE: frozenset({"properties", "definitions", "choices"}),
}
_REF_KEYWORDS = {
    JSON_SCHEMA: ("$ref", "$dynamicRef"),
    JSON_STRUCTURE: ("$ref", "$extends"),
}


@dataclass(frozen=True)
class RefSite:
    """A reference as written: the document, the pointer of its object, the base URI in force."""

    document: Document
    pointer: str
    keyword: str
    ref: str
    base: str


@dataclass(frozen=True)
class BuiltRegistry:
    """The registry of a pack and everything learnt while building it."""

    registry: Registry[Any]
    resolutions: tuple[Resolution, ...]
    problems: tuple[LoadProblem, ...]
    uris: Mapping[str, Document]


def iter_ref_sites(document: Document) -> Iterator[RefSite]:
    """Every reference in a document, in document order, skipping data keywords."""
    base = document.id or document.uri
    yield from _walk(document, document.contents, "", base, in_names=False)
    root = document.contents.get("$root") if document.dialect == JSON_STRUCTURE else None
    if isinstance(root, str):
        yield RefSite(document, "", "$root", root, base)


def _walk(
    document: Document, node: Any, pointer: str, base: str, *, in_names: bool
) -> Iterator[RefSite]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(document, item, f"{pointer}/{index}", base, in_names=False)
        return
    if not isinstance(node, dict):
        return
    if in_names:
        for name, child in node.items():
            child_pointer = f"{pointer}/{escape_pointer_token(name)}"
            namespace = (
                document.dialect == JSON_STRUCTURE
                and isinstance(child, dict)
                and is_namespace(child)
            )
            yield from _walk(document, child, child_pointer, base, in_names=namespace)
        return
    if document.dialect == JSON_SCHEMA:
        embedded = node.get("$id")
        if pointer and isinstance(embedded, str):
            base = urljoin(base, embedded)
    for keyword in _REF_KEYWORDS[document.dialect]:
        value = node.get(keyword)
        values = value if keyword == "$extends" and isinstance(value, list) else [value]
        for each in values:
            if isinstance(each, str):
                yield RefSite(document, pointer, keyword, each, base)
    names = _NAME_MAPS[document.dialect]
    for keyword, child in node.items():
        if keyword in _DATA_KEYWORDS:
            continue
        child_pointer = f"{pointer}/{escape_pointer_token(keyword)}"
        yield from _walk(document, child, child_pointer, base, in_names=keyword in names)


def build_registry(
    root: Path, documents: Sequence[Document], retrieve: Retrieve | None = None
) -> BuiltRegistry:
    """Resolve every reference of every document and build the registry that honours them."""
    problems: list[LoadProblem] = []
    uris: dict[str, Document] = {}
    for document in documents:
        uris[document.uri] = document
    for document in documents:
        if document.id is None:
            continue
        clash = uris.get(document.id)
        if clash is not None and clash is not document:
            problems.append(
                LoadProblem(
                    "HSC-PACK-DUPLICATE-ID",
                    document.file,
                    "/$id",
                    f"$id {document.id!r} is also the $id of another document",
                    target=clash.file,
                )
            )
            continue
        uris[document.id] = document

    by_stem = {(d.dialect, d.stem): d for d in documents}
    families_of_api: dict[str, set[str]] = {}
    for document in documents:
        families_of_api.setdefault(document.api, set()).add(document.family)

    resolver = _Resolver(root.resolve(), uris, by_stem, families_of_api, retrieve)
    sites = [site for document in documents for site in iter_ref_sites(document)]
    planned = [resolver.plan(site) for site in sites]
    for plan in planned:
        if isinstance(plan, LoadProblem):
            problems.append(plan)

    registry = _registry_for(documents, uris, planned, resolver.remote)
    resolutions: list[Resolution] = []
    for plan in planned:
        if isinstance(plan, LoadProblem):
            continue
        problem = _verify(registry, plan)
        if problem is None:
            resolutions.append(plan.resolution)
        else:
            problems.append(problem)
    return BuiltRegistry(
        registry=registry,
        resolutions=tuple(resolutions),
        problems=tuple(problems),
        uris=uris,
    )


@dataclass(frozen=True)
class _Plan:
    """A reference whose target is known, waiting to be checked against the registry."""

    site: RefSite
    lookups: tuple[str, ...]
    resolution: Resolution
    rewrite: str | None = None
    alias: tuple[str, str] | None = None


class _Resolver:
    """The rules that turn a reference into a target document and pointer."""

    def __init__(
        self,
        root: Path,
        uris: Mapping[str, Document],
        by_stem: Mapping[tuple[Dialect, str], Document],
        families_of_api: Mapping[str, set[str]],
        retrieve: Retrieve | None,
    ) -> None:
        self.root = root
        self.uris = uris
        self.by_stem = by_stem
        self.families_of_api = families_of_api
        self.retrieve = retrieve
        self.remote: dict[str, Resource[Any]] = {}

    def plan(self, site: RefSite) -> _Plan | LoadProblem:
        ref = site.ref
        if ref.startswith("#"):
            fragment = unquote(ref[1:])
            found, _ = resolve_pointer(site.document.contents, fragment)
            if fragment.startswith(COMPONENTS_PREFIX) and not found:
                return self._component(site, fragment)
            return self._plan_to(
                site, site.document, fragment, ResolutionRule.LOCAL, "same document"
            )
        absolute = urljoin(site.base, ref)
        uri, fragment = urldefrag(absolute)
        fragment = unquote(fragment)
        target = self.uris.get(uri)
        if target is not None:
            rule = ResolutionRule.FILE if uri == target.uri else ResolutionRule.ID
            return self._plan_to(site, target, fragment, rule, f"document {target.file}")
        scheme = urlsplit(uri).scheme
        if scheme in ("http", "https"):
            return self._remote(site, uri, fragment)
        if scheme == "file":
            return self._file(site, uri, fragment)
        return self._unresolved(site, f"no document of the pack has the URI {uri!r}", uri)

    def _plan_to(
        self,
        site: RefSite,
        target: Document,
        fragment: str,
        rule: ResolutionRule,
        note: str,
        *,
        rewrite: str | None = None,
        alias: tuple[str, str] | None = None,
    ) -> _Plan:
        lookups = (rewrite,) if rewrite else (site.ref,)
        resolution = Resolution(
            file=site.document.file,
            pointer=site.pointer,
            keyword=site.keyword,
            ref=site.ref,
            target_file=target.file,
            target_pointer=_pointer_of(target.contents, fragment),
            rule=rule,
            note=note,
        )
        return _Plan(site, lookups, resolution, rewrite=rewrite, alias=alias)

    def _component(self, site: RefSite, fragment: str) -> _Plan | LoadProblem:
        rest = fragment[len(COMPONENTS_PREFIX) :]
        name, slash, _ = rest.partition("/")
        name = unescape_pointer_token(name)
        if slash:
            return self._unresolved(
                site, "a pointer into a component is not supported; point at the component", None
            )
        document = site.document
        others = sorted(self.families_of_api.get(document.api, set()) - {document.family})
        for position, family in enumerate([document.family, *others]):
            for spelling in naming.kebab_variants(name):
                target = self.by_stem.get((document.dialect, f"{family}-{spelling}"))
                if target is None:
                    continue
                if position == 0:
                    rule, note = ResolutionRule.COMPONENT, f"same family: {target.file}"
                else:
                    rule = ResolutionRule.COMPONENT_OTHER_GENERATION
                    note = f"not in family {document.family}; found in {family}: {target.file}"
                return self._plan_to(site, target, "", rule, note, rewrite=target.uri)
        candidates = [f"{f}-{naming.kebab(name)}" for f in [document.family, *others]]
        return self._unresolved(
            site,
            f"component {name!r} has no {document.dialect} document; looked for "
            + ", ".join(candidates),
            None,
        )

    def _remote(self, site: RefSite, uri: str, fragment: str) -> _Plan | LoadProblem:
        document = site.document
        if document.id is not None and site.base == document.id:
            # Published files carry an http(s) $id mirroring their place in the pack:
            # a relative reference then names a sibling file of the pack.
            local_uri, _ = urldefrag(urljoin(document.uri, site.ref))
            target = self.uris.get(local_uri)
            if target is not None:
                return self._plan_to(
                    site,
                    target,
                    fragment,
                    ResolutionRule.FILE_RELATIVE,
                    f"{uri} read as the pack's {target.file}",
                    alias=(uri, target.uri),
                )
        if self.retrieve is None:
            return LoadProblem(
                "HSC-PACK-REMOTE-REF",
                document.file,
                site.pointer,
                f"remote reference {site.ref!r} refused: hsconform does not use the network "
                "unless load_pack(..., retrieve=...) is given",
                target=uri,
            )
        if uri not in self.remote:
            try:
                contents = self.retrieve(uri)
            except Exception as error:
                return self._unresolved(site, f"retrieve failed: {error}", uri)
            default = specification_for(document)
            self.remote[uri] = Resource.from_contents(contents, default_specification=default)
        return _Plan(
            site,
            (site.ref,),
            Resolution(
                file=document.file,
                pointer=site.pointer,
                keyword=site.keyword,
                ref=site.ref,
                target_file=uri,
                target_pointer=fragment,
                rule=ResolutionRule.RETRIEVED,
                note="fetched through the retrieve hook",
            ),
        )

    def _file(self, site: RefSite, uri: str, fragment: str) -> _Plan | LoadProblem:
        path = Path(url2pathname(urlsplit(uri).path)).resolve()
        if not path.is_relative_to(self.root):
            return LoadProblem(
                "HSC-PACK-ESCAPING-REF",
                site.document.file,
                site.pointer,
                f"reference {site.ref!r} leaves the pack folder",
                target=str(path),
            )
        target = self.uris.get(path.as_uri())
        if target is not None:
            rule = ResolutionRule.FILE
            return self._plan_to(site, target, fragment, rule, f"document {target.file}")
        reason = "is not a schema document of the pack" if path.exists() else "does not exist"
        return self._unresolved(site, f"{path.relative_to(self.root).as_posix()} {reason}", uri)

    @staticmethod
    def _unresolved(site: RefSite, reason: str, target: str | None) -> LoadProblem:
        return LoadProblem(
            "HSC-PACK-UNRESOLVED-REF",
            site.document.file,
            site.pointer,
            f"cannot resolve {site.keyword} {site.ref!r}: {reason}",
            target=target,
        )


def specification_for(document: Document) -> Specification[Any]:
    """The referencing specification of a document's dialect."""
    if document.dialect == JSON_STRUCTURE:
        return JSON_STRUCTURE_SPEC
    declared = document.contents.get("$schema")
    if isinstance(declared, str):
        return referencing.jsonschema.specification_with(
            declared, default=referencing.jsonschema.DRAFT202012
        )
    return referencing.jsonschema.DRAFT202012


def registry_contents(
    document: Document, rewrites: Mapping[tuple[str, str], str]
) -> Mapping[str, Any]:
    """The document as the registry holds it: redirected references name their target.

    ``rewrites`` maps (pointer of the object holding the reference, keyword) to the
    target URI. Only the objects on the way to a rewritten reference are copied.
    """
    contents: Any = document.contents
    for (pointer, keyword), uri in rewrites.items():
        contents = _replaced(contents, pointer.split("/")[1:] if pointer else [], keyword, uri)
    return contents  # type: ignore[no-any-return]


def _replaced(node: Any, tokens: list[str], keyword: str, value: str) -> Any:
    """A copy of ``node`` with ``keyword`` of the object at ``tokens`` set to ``value``."""
    if not tokens:
        return {**node, keyword: value}
    token = unescape_pointer_token(tokens[0])
    if isinstance(node, list):
        index = int(token)
        return [
            *node[:index],
            _replaced(node[index], tokens[1:], keyword, value),
            *node[index + 1 :],
        ]
    return {**node, token: _replaced(node[token], tokens[1:], keyword, value)}


def _registry_for(
    documents: Sequence[Document],
    uris: Mapping[str, Document],
    planned: Sequence[_Plan | LoadProblem],
    remote: Mapping[str, Resource[Any]],
) -> Registry[Any]:
    rewrites: dict[str, dict[tuple[str, str], str]] = {}
    aliases: dict[str, Document] = {}
    for plan in planned:
        if isinstance(plan, LoadProblem):
            continue
        if plan.rewrite is not None:
            where = (plan.site.pointer, plan.site.keyword)
            rewrites.setdefault(plan.site.document.uri, {})[where] = plan.rewrite
        if plan.alias is not None:
            alias, target_uri = plan.alias
            aliases[alias] = uris[target_uri]
    resources: dict[str, Resource[Any]] = {}
    for document in documents:
        contents = registry_contents(document, rewrites.get(document.uri, {}))
        resources[document.uri] = specification_for(document).create_resource(contents)
    pairs: list[tuple[str, Resource[Any]]] = []
    for uri, document in {**uris, **aliases}.items():
        pairs.append((uri, resources[document.uri]))
    pairs.extend(remote.items())
    # no retrieve hook: every reference was resolved above, nothing is fetched later
    return Registry().with_resources(pairs).crawl()


def _verify(registry: Registry[Any], plan: _Plan) -> LoadProblem | None:
    """Look the reference up exactly as validation will; report it if that fails."""
    resolver = registry.resolver(plan.site.base)
    for ref in plan.lookups:
        try:
            resolver.lookup(ref)
        except Unresolvable as error:
            return LoadProblem(
                "HSC-PACK-UNRESOLVED-REF",
                plan.site.document.file,
                plan.site.pointer,
                f"cannot resolve {plan.site.keyword} {plan.site.ref!r}: {_why(error)}",
                target=plan.resolution.target_file,
            )
    return None


def _why(error: Unresolvable) -> str:
    if isinstance(error, PointerToNowhere):
        return f"the pointer {error.ref!r} points to nowhere in the target"
    if isinstance(error, NoSuchAnchor):
        return f"no anchor {error.anchor!r} in the target"
    return f"{type(error).__name__}: {error}"


def _pointer_of(contents: Any, fragment: str) -> str:
    """The JSON Pointer a fragment designates: itself, or where its anchor is defined."""
    if not fragment or fragment.startswith("/"):
        return fragment
    stack: list[tuple[Any, str]] = [(contents, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            if fragment in (node.get("$anchor"), node.get("$dynamicAnchor")):
                return pointer
            stack.extend((v, f"{pointer}/{escape_pointer_token(k)}") for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))
    return ""
