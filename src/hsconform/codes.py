"""What each finding code means, in one line: for reports that describe their rules (SARIF)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from hsconform.json_structure.lint import CODES as LINT_CODES

CODES: Mapping[str, str] = {
    # payloads
    "HSC-P-INVALID-JSON": "the file is not JSON",
    "HSC-P-DUPLICATE-KEY": "a member appears twice in one object: readers disagree on its value",
    "HSC-P-TOO-DEEP": "the payload nests deeper than validation follows",
    # validation (codes shared by both variants)
    "HSC-V-INT-RANGE": "an integer outside the range of its type or format",
    "HSC-V-FLOAT-RANGE": "a floating-point number outside the range of its type",
    "HSC-V-PRECISION": "a decimal with more significant digits than its precision",
    "HSC-V-SCALE": "a decimal with more fractional digits than its scale",
    "HSC-V-SET-DUPLICATE": "an item repeated in a set",
    "HSC-V-TUPLE-LENGTH": "a tuple with the wrong number of items",
    "HSC-V-CHOICE": "a choice value that selects no declared choice",
    "HSC-V-ABSTRACT": "a value described by an abstract type",
    "HSC-V-UNKNOWN-TYPE": "the schema names a type that does not exist",
    "HSC-V-SCHEMA": "the schema cannot judge the value",
    "HSC-V-SCHEMA-REF": "the schema's reference leads nowhere",
    "HSC-V-SCHEMA-NO-TYPE": "the schema declares no type",
    "HSC-V-SCHEMA-NO-ROOT": "the document declares no root type",
    "HSC-V-SCHEMA-CIRCULAR": "the schema's references loop without reaching a type",
    "HSC-V-PATTERN-UNSUPPORTED": "a pattern the linear-time engine refuses to run",
    "HSC-V-FORMAT-UNCHECKED": "a format hsconform has no checker for",
    "HSC-V-FALSE-SCHEMA": "the schema `false` accepts nothing",
    "HSC-PUB-INT-AS-NUMBER": "an int64-family value sent as a JSON number (published profile)",
    # batch rules
    "HSC-B-STATUS": "batch status outside PENDING, PROCESSING, CANCELED, COMPLETE",
    "HSC-B-TIME-ORDER": "requestedAt <= startedAt <= completedAt broken",
    "HSC-B-NUM-ERRORS": "numErrors differs from the number of errors",
    "HSC-B-DUPLICATE-ID": "an id repeated in results",
    # HTTP-level batch rules (recorded responses)
    "HSC-H-CONTENT-TYPE": "a JSON body recorded without a JSON content type",
    "HSC-H-207-WITHOUT-ERRORS": "HTTP 207 (multi-status) but the batch reports no errors",
    "HSC-H-200-WITH-ERRORS": "HTTP 200 but the batch reports errors (partial failures are 207)",
    "HSC-H-STATUS-FIELD": "the HTTP status and the batch status field disagree",
    "HSC-P-NO-VARIANT": "the type has no document in the variant asked for",
    # recordings: unreadable files and responses that were not checked
    "HSC-R-UNREADABLE": "a recording file, or one response in it, that cannot be read",
    "HSC-R-NOT-JSON": "a response body that is not JSON",
    "HSC-R-NOT-JSON-CONTENT-TYPE": "a response whose content type is not JSON",
    "HSC-R-EMPTY-BODY": "a response without a body",
    "HSC-R-NO-BODY": "a recorded response whose body is missing or malformed",
    "HSC-R-BINARY-BODY": "a response body that is binary, not text",
    "HSC-R-CHARSET": "a response body not in its declared (or an unknown) charset",
    "HSC-R-BAD-COMPRESSION": "a compressed response body that cannot be decompressed",
    "HSC-R-BROTLI-MISSING": "a brotli-compressed body, and brotli is not installed",
    "HSC-R-NO-ROUTE": "no route (method, path template, status) maps the response to a type",
    "HSC-R-NO-TYPE": "no --type or [types] glob gives the file a type",
    "HSC-R-SKIPPED": "a response that was not checked",
    # drift
    "HSC-D-TYPE": "the variants declare different types",
    "HSC-D-NULLABLE": "null is allowed by one variant only",
    "HSC-D-INT-WIRE": "an integer is a JSON number in one variant and a string in the other",
    "HSC-D-NUMBER-WIRE": "a number is a JSON number in one variant and a string in the other",
    "HSC-D-INT-RANGE": "the variants allow different integer ranges",
    "HSC-D-RANGE": "the variants allow different number ranges",
    "HSC-D-FORMAT": "a string format constrains one variant only",
    "HSC-D-MAX-LENGTH": "the variants allow different string lengths",
    "HSC-D-ENUM": "the variants allow different enum values",
    "HSC-D-CONST": "the variants require different constants",
    "HSC-D-PROPERTY": "a property is declared by one variant only",
    "HSC-D-REQUIRED": "a property is required by one variant only",
    "HSC-D-ADDITIONAL": "one variant forbids undeclared members",
    "HSC-D-ITEMS-COUNT": "the variants allow different numbers of items",
    "HSC-D-UNPROVEN": "a difference for which no payload was found that one variant alone accepts",
    "HSC-D-EXAMPLE": "an example valid under one variant only",
    "HSC-D-EXAMPLE-INVALID": "an example its own schema rejects",
    "HSC-D-DESCRIPTION-DROPPED": "a description present in one variant only",
    "HSC-D-EXAMPLES-DROPPED": "examples present in one variant only",
    "HSC-D-NAME": "the JSON Schema title and the JSON Structure name differ",
    "HSC-D-BINARY-DROPPED": "binary data typed as a plain string in JSON Structure",
    # the pack
    "HSC-PACK-NO-SCHEMA-KEYWORD": "a document without $schema, read by its folder",
    "HSC-PACK-DIALECT-FOLDER": "a document whose $schema names the other dialect than its folder",
    "HSC-JS-METASCHEMA": "a JSON Schema document that its metaschema rejects",
    "HSC-JS-PATTERN": "a JSON Schema pattern Python cannot compile",
    "HSC-JS-TOO-DEEP": "a JSON Schema document nested too deeply to check",
    **LINT_CODES,
}

_KEYWORD_CODE = re.compile(r"HSC-V-([A-Z-]+)")


def describe_code(code: str) -> str:
    """One line about a code; ``HSC-V-<KEYWORD>`` codes are described by their keyword."""
    known = CODES.get(code)
    if known is not None:
        return known
    match = _KEYWORD_CODE.fullmatch(code)
    if match is not None:
        words = match.group(1).lower().split("-")
        keyword = words[0] + "".join(w.capitalize() for w in words[1:])
        return f"the value fails the schema keyword `{keyword}`"
    return code
