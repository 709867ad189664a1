"""Validating instances against a JSON Structure type.

A :class:`StructureValidator` wraps the compiled root node of one type. It holds
no per-validation state, so one validator can serve any number of threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hsconform.findings import Finding, Severity
from hsconform.json_structure.compiler import Compiler, SchemaSource
from hsconform.json_structure.keywords import STRICT
from hsconform.json_structure.nodes import MAX_DEPTH, VARIANT, Node, Run, TooDeep
from hsconform.vocabulary import profile_named


class StructureValidator:
    """Checks instances against one compiled JSON Structure type."""

    def __init__(self, root: Node, profile: str) -> None:
        self._root = root
        self._profile = profile

    @property
    def profile(self) -> str:
        """The profile this validator applies."""
        return self._profile

    def findings(self, instance: Any) -> list[Finding]:
        """Every finding about ``instance`` (which is only read, never modified)."""
        run = Run(self._profile)
        try:
            self._root.check(instance, None, run, (), 0, 0)
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

    def is_valid(self, instance: Any) -> bool:
        """Whether ``instance`` conforms (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings(instance))


def validator_for_document(
    document: Mapping[str, Any], *, file: str = "schema.struct.json", profile: str = STRICT
) -> StructureValidator:
    """A validator for a standalone JSON Structure document's root type (local references only)."""
    profile_named(profile)
    compiler = Compiler(SchemaSource({file: document}), profile)
    return StructureValidator(compiler.root(file), profile)
