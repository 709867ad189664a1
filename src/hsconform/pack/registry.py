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

import jsonschema_specifications  # type: ignore[import-untyped]
import referencing.jsonschema
from referencing import Registry, Resource, Specification
from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unresolvable

from hsconform.errors import LoadProblem
from hsconform.findings import Resolution as Resolution  # re-exported: it was defined here
from hsconform.jsontext import escape_pointer_token, resolve_pointer, unescape_pointer_token
from hsconform.pack import naming
from hsconform.pack.containment import resolved
from hsconform.pack.documents import (
    JSON_SCHEMA,
    JSON_STRUCTURE,
    Document,
)
from hsconform.pack.reference_sites import (
    REF_KEYWORDS,
    RefSite,
    iter_embedded_resources,
    iter_ref_sites,
    join_uri,
    walk_schema_objects,
)
from hsconform.vocabulary import Dialect, ResolutionRule

#: Called with a remote URI when the user opts in to remote references; returns its JSON.
Retrieve = Callable[[str], Any]

COMPONENTS_PREFIX = "/components/schemas/"

#: How many remote documents one pack may fetch through ``retrieve``, references of references
#: included: a bound on what a hostile remote can make the load do.
MAX_RETRIEVED = 1_000

#: The official meta-schemas and their vocabularies, by URI: a ``$ref`` to one resolves offline.
METASCHEMAS: Mapping[str, Resource[Any]] = {
    uri: jsonschema_specifications.REGISTRY[uri] for uri in jsonschema_specifications.REGISTRY
}


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


@dataclass(frozen=True)
class BuiltRegistry:
    """The registry of a pack and everything learnt while building it."""

    registry: Registry[Any]
    resolutions: tuple[Resolution, ...]
    problems: tuple[LoadProblem, ...]
    uris: Mapping[str, Document]
    #: The URIs of the resources documents embed with their own ``$id``.
    embedded: frozenset[str] = frozenset()


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

    embedded: dict[str, tuple[Document, str]] = {}
    for document in documents:
        for uri, pointer in iter_embedded_resources(document):
            known = uris.get(uri) or (embedded[uri][0] if uri in embedded else None)
            if known is not None:
                problems.append(
                    LoadProblem(
                        "HSC-PACK-DUPLICATE-ID",
                        document.file,
                        f"{pointer}/$id",
                        f"$id {uri!r} is also the $id of another resource",
                        target=known.file,
                    )
                )
                continue
            embedded[uri] = (document, pointer)

    resolver = _Resolver(root.resolve(), uris, embedded, by_stem, families_of_api, retrieve)
    sites = [site for document in documents for site in iter_ref_sites(document)]
    planned = [resolver.plan(site) for site in sites]
    for plan in planned:
        if isinstance(plan, LoadProblem):
            problems.append(plan)

    try:
        registry = _registry_for(documents, uris, planned, resolver.remote)
    except (ValueError, TypeError, AttributeError):  # a document the registry cannot crawl
        problems.extend(problem for d in documents for problem in _uncrawlable(d))
        return BuiltRegistry(Registry(), (), tuple(problems), uris)
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
        embedded=frozenset(embedded),
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
        embedded: Mapping[str, tuple[Document, str]],
        by_stem: Mapping[tuple[Dialect, str], Document],
        families_of_api: Mapping[str, set[str]],
        retrieve: Retrieve | None,
    ) -> None:
        self.root = root
        self.uris = uris
        self.embedded = embedded
        self.by_stem = by_stem
        self.families_of_api = families_of_api
        self.retrieve = retrieve
        self.remote: dict[str, Resource[Any]] = {}

    def plan(self, site: RefSite) -> _Plan | LoadProblem:
        try:
            planned = self._plan(site)
        except ValueError as error:  # urllib refuses it (``http://[::1``)
            return self._unresolved(site, f"not a URI reference ({error})", None)
        if site.keyword == "$schema" and isinstance(planned, LoadProblem):
            return LoadProblem(
                "HSC-PACK-UNKNOWN-DIALECT",
                site.document.file,
                "/$schema",
                f"$schema {site.ref!r} is neither a JSON Schema dialect nor JSON Structure, "
                "nor a meta-schema of the pack (load_pack(..., retrieve=...) may fetch one)",
                target=planned.target,
            )
        return planned

    def _plan(self, site: RefSite) -> _Plan | LoadProblem:
        ref = site.ref
        if ref.startswith("#") and site.base == (site.document.id or site.document.uri):
            fragment = unquote(ref[1:])
            found, _ = resolve_pointer(site.document.contents, fragment)
            if fragment.startswith(COMPONENTS_PREFIX) and not found:
                return self._component(site, fragment)
            return self._plan_to(
                site, site.document, fragment, ResolutionRule.LOCAL, "same document"
            )
        uri, fragment = urldefrag(join_uri(site.base, ref))
        fragment = unquote(fragment)
        target = self.uris.get(uri)
        if target is not None:
            rule = ResolutionRule.FILE if uri == target.uri else ResolutionRule.ID
            return self._plan_to(site, target, fragment, rule, f"document {target.file}")
        inside = self.embedded.get(uri)
        if inside is not None:
            target, prefix = inside
            note = f"resource {uri} embedded in {target.file} at {prefix}"
            rule = ResolutionRule.ID
            return self._plan_to(site, target, fragment, rule, note, prefix=prefix)
        if uri in METASCHEMAS:
            return self._metaschema(site, uri, fragment)
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
        prefix: str = "",
    ) -> _Plan:
        lookups = (rewrite,) if rewrite else (site.ref,)
        _, resource = resolve_pointer(target.contents, prefix)
        resolution = Resolution(
            file=site.document.file,
            pointer=site.pointer,
            keyword=site.keyword,
            ref=site.ref,
            target_file=target.file,
            target_pointer=prefix + _pointer_of(resource, fragment),
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
        problem = self._fetch(site, uri, self.retrieve)
        if problem is not None:
            return problem
        return self._plan_outside(
            site, uri, fragment, ResolutionRule.RETRIEVED, "fetched through the retrieve hook"
        )

    def _fetch(self, site: RefSite, uri: str, retrieve: Retrieve) -> LoadProblem | None:
        """Fetch ``uri`` and, now, every remote document it leads to, so validation never has to.

        ``site`` is the pack's reference that led here; a failure is reported there.
        """
        pending: list[tuple[str, str | None]] = [(uri, None)]
        while pending:
            target, parent = pending.pop()
            if target in self.remote:  # named twice before it was fetched
                continue
            if len(self.remote) >= MAX_RETRIEVED:
                return self._unresolved(site, f"more than {MAX_RETRIEVED} remote documents", target)
            where = "" if parent is None else f" for {target} (from {parent})"
            try:
                fetched = retrieve(target)
            except Exception as error:
                return self._unresolved(site, f"retrieve failed{where}: {error}", target)
            if fetched is None:
                return self._unresolved(site, f"retrieve gave nothing{where}", target)
            self.remote[target] = Resource.from_contents(
                fetched, default_specification=specification_for(site.document)
            )
            declared = fetched.get("$id") if isinstance(fetched, dict) else None
            base = join_uri(target, declared) if isinstance(declared, str) else target
            nodes = list(walk_schema_objects(JSON_SCHEMA, fetched, base))
            inside = {urldefrag(node_base)[0] for _, _, node_base in nodes}
            for node, _, node_base in nodes:
                for keyword in REF_KEYWORDS[JSON_SCHEMA]:
                    ref = node.get(keyword)
                    if isinstance(ref, str):
                        further, _ = urldefrag(join_uri(node_base, ref))
                        if not self._known(further, target, *inside):
                            pending.append((further, target))
        return None

    def _plan_outside(
        self, site: RefSite, uri: str, fragment: str, rule: ResolutionRule, note: str
    ) -> _Plan:
        """A reference to a resource that is no document of the pack (fetched or bundled)."""
        resolution = Resolution(
            file=site.document.file,
            pointer=site.pointer,
            keyword=site.keyword,
            ref=site.ref,
            target_file=uri,
            target_pointer=fragment,
            rule=rule,
            note=note,
        )
        return _Plan(site, (site.ref,), resolution)

    def _known(self, uri: str, *bases: str) -> bool:
        """Whether ``uri`` is already a document, embedded resource, meta-schema or remote."""
        return (
            uri in bases
            or uri in self.uris
            or uri in self.embedded
            or uri in self.remote
            or uri in METASCHEMAS
            or not urlsplit(uri).scheme.startswith("http")
        )

    def _metaschema(self, site: RefSite, uri: str, fragment: str) -> _Plan:
        """A reference to a JSON Schema meta-schema: served from the copies bundled offline."""
        draft = uri.rpartition("/schema")[0] + "/"
        for each in METASCHEMAS:
            if each.startswith(draft) or each == uri:
                self.remote.setdefault(each, METASCHEMAS[each])
        note = "the meta-schema bundled with hsconform's dependencies (no network)"
        return self._plan_outside(site, uri, fragment, ResolutionRule.METASCHEMA, note)

    def _file(self, site: RefSite, uri: str, fragment: str) -> _Plan | LoadProblem:
        named = Path(url2pathname(urlsplit(uri).path))
        path = resolved(named)
        if path is None:
            return self._unresolved(site, "a loop of symbolic links", uri)
        if not path.is_relative_to(self.root):
            return LoadProblem(
                "HSC-PACK-ESCAPING-REF",
                site.document.file,
                site.pointer,
                f"reference {site.ref!r} leaves the pack folder",
                target=str(path),
            )
        target = self.uris.get(path.as_uri())
        if target is not None:  # named through a link inside the pack: an alias of its URI
            rule, alias = ResolutionRule.FILE, (uri, target.uri)
            return self._plan_to(
                site, target, fragment, rule, f"document {target.file}", alias=alias
            )
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
    declared = document.keywords.get("$schema")
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


def _uncrawlable(document: Document) -> Iterator[LoadProblem]:
    """Why the registry cannot crawl this document alone, if it cannot.

    A schema position holding something no schema is (``"properties": {"a": null}``).
    """
    try:
        resource = specification_for(document).create_resource(document.contents)
        Registry().with_resource(document.uri, resource).crawl()
    except (ValueError, TypeError, AttributeError) as error:
        message = f"a subschema is not a JSON Schema ({type(error).__name__}: {error})"
        yield LoadProblem("HSC-JS-METASCHEMA", document.file, "", message)


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
