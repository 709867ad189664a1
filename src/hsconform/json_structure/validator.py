"""Validating instances against a JSON Structure type.

A :class:`StructureValidator` wraps the compiled root node of one type. It holds
no per-validation state, so one validator can serve any number of threads. An
instance whose root ``$uses`` add-ins the schema ``$offers`` is validated with
those add-ins applied (core draft, "Extensions and Add-Ins"): each set of add-ins
is compiled once, on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from hsconform.findings import Finding, Severity
from hsconform.json_structure.compiler import Compiler, Place, SchemaSource
from hsconform.json_structure.keywords import STRICT
from hsconform.json_structure.nodes import MAX_DEPTH, VARIANT, Loc, Node, Run, TooDeep, short
from hsconform.vocabulary import profile_named


class AddIns:
    """The add-ins one document offers, and its root compiled with each set an instance uses."""

    def __init__(self, compiler: Compiler, file: str) -> None:
        self._compiler = compiler
        self._file = file
        self.offered: Mapping[str, tuple[Place, ...]] = compiler.offers(file)
        self._roots: dict[frozenset[str], Node] = {}
        self._lock = threading.Lock()

    def root(self, names: frozenset[str]) -> Node:
        """The document's root type with the named (offered) add-ins merged in."""
        node = self._roots.get(names)
        if node is None:
            with self._lock:
                node = self._roots.get(names)
                if node is None:
                    places = [place for name in sorted(names) for place in self.offered[name]]
                    node = self._compiler.applying(places).root(self._file)
                    self._roots[names] = node
        return node


class StructureValidator:
    """Checks instances against one compiled JSON Structure type."""

    def __init__(self, root: Node, profile: str, addins: AddIns | None = None) -> None:
        self._root = root
        self._profile = profile
        self._addins = addins

    @classmethod
    def of(cls, compiler: Compiler, file: str) -> StructureValidator:
        """The validator of a document's root type, with the add-ins the document offers."""
        return cls(compiler.root(file), compiler.profile, AddIns(compiler, file))

    @property
    def profile(self) -> str:
        """The profile this validator applies."""
        return self._profile

    def findings(self, instance: Any) -> list[Finding]:
        """Every finding about ``instance`` (which is only read, never modified)."""
        run = Run(self._profile)
        root = self._root
        if isinstance(instance, dict) and "$uses" in instance:
            root = self._with_addins(instance["$uses"], run)
        try:
            root.check(instance, None, run, (), 0, 0)
        except TooDeep as stop:
            run.report(
                "HSC-P-TOO-DEEP",
                f"nested deeper than {MAX_DEPTH} levels; validation stopped here",
                stop.path,
                stop.loc,
                None,
                stop.hops,
            )
        except RecursionError:
            run.findings.append(
                Finding(
                    code="HSC-P-TOO-DEEP",
                    severity=Severity.ERROR,
                    message="the instance is nested too deeply to validate",
                    variant=VARIANT,
                )
            )
        return run.findings

    def _with_addins(self, uses: Any, run: Run) -> Node:
        """The root with the add-ins an instance's ``$uses`` names; each unoffered one a finding."""
        offered = self._addins.offered if self._addins is not None else {}
        where = Loc(self._root.loc.file, "")
        if not isinstance(uses, list):
            message = f"$uses must be an array of add-in names, not {short(uses)}"
            run.report("HSC-V-USES", message, (None, "$uses"), where, "$offers", ())
            return self._root
        names: set[str] = set()
        for index, name in enumerate(uses):
            if isinstance(name, str) and name in offered:
                names.add(name)
                continue
            known = ", ".join(sorted(offered)) or "none"
            message = f"$uses names {short(name)}, which the schema does not offer ({known})"
            run.report("HSC-V-USES", message, ((None, "$uses"), index), where, "$offers", ())
        if not names or self._addins is None:
            return self._root
        return self._addins.root(frozenset(names))

    def is_valid(self, instance: Any) -> bool:
        """Whether ``instance`` conforms (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings(instance))


def validator_for_document(
    document: Mapping[str, Any] | Any,
    *,
    file: str = "schema.struct.json",
    profile: str = STRICT,
) -> StructureValidator:
    """A validator for a standalone JSON Structure document's root type (local references only).

    A document that is not a JSON object gives a validator whose every finding says so
    (``HSC-S-ROOT-NOT-OBJECT``), as the lint does.
    """
    profile_named(profile)
    return StructureValidator.of(Compiler(SchemaSource({file: document}), profile), file)
