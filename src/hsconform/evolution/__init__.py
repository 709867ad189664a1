"""Stage 3: what changed between two versions of a pack, for a consumer of responses.

This is drift along time instead of across dialects: the types of two packs are matched
(:mod:`.matching`), each variant of a matched type is lowered into drift's shape model and
compared with drift's comparison core, and every difference is proven by a witness payload
that the two versions' real validators judge differently (:mod:`.types`). A payload OLD
accepts and NEW rejects makes the change ``breaking``; one NEW accepts and OLD rejects,
``widening``. Descriptions, examples and titles are ``annotation`` changes
(:mod:`.annotations`); types and routes are also ``added`` and ``removed``, and a route whose
response type changed or whose status went away is breaking (:mod:`.routes`). Every change
is a :class:`~.changes.Change` that becomes a :class:`~hsconform.findings.Finding`
(:mod:`.report`), so every reporter shows it.
"""

from __future__ import annotations

from hsconform.evolution.changes import Change, ChangeClass
from hsconform.evolution.diff import diff_packs
from hsconform.evolution.report import diff_report, exit_code

__all__ = ["Change", "ChangeClass", "diff_packs", "diff_report", "exit_code"]
