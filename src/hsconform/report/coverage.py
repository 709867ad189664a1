"""Route coverage as text, as a Markdown table and as JSON: what the recorded traffic reached."""

from __future__ import annotations

from typing import Any, TextIO

from hsconform.outcomes import Coverage, Exercise


def headline(coverage: Coverage) -> str:
    """One sentence: routes exercised of the table, and what the traffic held outside it."""
    unrouted = sum(exercise.seen for exercise in coverage.unrouted)
    text = (
        f"coverage: {len(coverage.routes)} route(s) exercised, "
        f"{len(coverage.unexercised)} of {coverage.total} never exercised"
    )
    if coverage.unexercised and not coverage.listed:
        text += " (list them with --coverage)"
    if unrouted:
        text += f"; {unrouted} response(s) matched no route"
    return text


def figures(exercise: Exercise) -> str:
    """``seen 3, checked 2, failed 1, skipped 1 (HSC-R-EMPTY-BODY 1)``."""
    text = f"seen {exercise.seen}, checked {exercise.checked}, failed {exercise.failed}"
    if exercise.skipped:
        why = ", ".join(f"{code} {count}" for code, count in exercise.skipped)
        text += f", skipped {exercise.skipped_total} ({why})"
    return text


def write_coverage_text(coverage: Coverage, stream: TextIO) -> None:
    """The headline, a line per exercised route, unrouted requests, and unexercised routes."""
    stream.write(f"\n{headline(coverage)}\n")
    width = max((len(e.key) for e in (*coverage.routes, *coverage.unrouted)), default=0)
    for exercise in coverage.routes:
        stream.write(f"  {exercise.key.ljust(width)}  {figures(exercise)}\n")
    if coverage.unrouted:
        stream.write("matching no route (method and path shape):\n")
        for exercise in coverage.unrouted:
            stream.write(f"  {exercise.key.ljust(width)}  {figures(exercise)}\n")
    if coverage.listed and coverage.unexercised:
        stream.write("never exercised:\n")
        for key in coverage.unexercised:
            stream.write(f"  {key}\n")


def write_coverage_markdown(coverage: Coverage, stream: TextIO) -> None:
    """A table of routes and unrouted requests, then the unexercised routes when listed."""
    stream.write(f"\n#### {_escape(headline(coverage))}\n\n")
    stream.write("| route | seen | checked | failed | skipped |\n|---|---:|---:|---:|---|\n")
    for exercise in coverage.routes:
        stream.write(_row(f"`{exercise.key}`", exercise))
    for exercise in coverage.unrouted:
        stream.write(_row(f"`{exercise.key}` (no route)", exercise))
    if coverage.listed and coverage.unexercised:
        stream.write("\nNever exercised:\n\n")
        for key in coverage.unexercised:
            stream.write(f"- `{key}`\n")


def coverage_json(coverage: Coverage) -> dict[str, Any]:
    """Every figure, the unexercised routes always listed: scripts read them."""
    return {
        "routes": coverage.total,
        "exercised": [_exercise_json(e) for e in coverage.routes],
        "unexercised": list(coverage.unexercised),
        "unrouted": [_exercise_json(e) for e in coverage.unrouted],
    }


def _exercise_json(exercise: Exercise) -> dict[str, Any]:
    return {
        "key": exercise.key,
        "seen": exercise.seen,
        "checked": exercise.checked,
        "failed": exercise.failed,
        "skipped": dict(exercise.skipped),
    }


def _row(label: str, exercise: Exercise) -> str:
    skipped = ", ".join(f"`{code}` {count}" for code, count in exercise.skipped)
    return (
        f"| {_escape(label)} | {exercise.seen} | {exercise.checked} | {exercise.failed} "
        f"| {skipped or 0} |\n"
    )


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")
