"""What each finding code means, in one line: for reports that describe their rules (SARIF).

Data only, at the bottom of the import graph: the stages and dialects that report a
code take its meaning from here, never the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Every code the JSON Structure document lint can report (``docs/lint-codes.md`` says more).
JSON_STRUCTURE_LINT_CODES: Mapping[str, str] = {
    "HSC-S-ROOT-NOT-OBJECT": "the document is not a JSON object",
    "HSC-S-SCHEMA-URI": "$schema is missing or not a meta-schema the drafts define",
    "HSC-S-MISSING-ID": "the root has no $id",
    "HSC-S-ID-INVALID": "$id is not an absolute URI",
    "HSC-S-MISSING-NAME": "the root has no name",
    "HSC-S-USES-INVALID": "$uses is not an array of strings",
    "HSC-S-USES-UNKNOWN": "$uses names an extension or add-in nobody defines",
    "HSC-S-OFFERS-INVALID": "$offers is not a map of add-in names to JSON Pointers",
    "HSC-S-ROOT-KEYWORD": "a root-only keyword ($schema, $id, $root, definitions, ...) in a schema",
    "HSC-S-ROOT-INVALID": "$root is not a JSON Pointer string",
    "HSC-S-ROOT-UNRESOLVED": "$root does not designate a type declared in definitions",
    "HSC-S-ROOT-AND-TYPE": "the root has both $root and type",
    "HSC-S-ROOT-REF": "the root's type is a $ref",
    "HSC-S-ROOT-UNION": "the root's type is a union (use $root)",
    "HSC-S-DEFINITIONS-NOT-OBJECT": "definitions (or a namespace) is not a JSON object",
    "HSC-S-SCHEMA-NOT-OBJECT": "a schema position holds something other than a JSON object",
    "HSC-S-MISSING-TYPE": "a schema has no type",
    "HSC-S-UNKNOWN-TYPE": "type names no type of the core draft",
    "HSC-S-TYPE-INVALID": 'type is not a type name, a {"$ref": ...} or a non-empty union',
    "HSC-S-UNION-INLINE-COMPOUND": "a type union declares an object, tuple or choice inline",
    "HSC-S-REF-OUTSIDE-TYPE": "$ref used directly in a schema instead of inside type",
    "HSC-S-REF-UNRESOLVED": "$ref or $extends points to nowhere",
    "HSC-S-REF-NOT-TYPE": "$ref or $extends points to something that is not a type declaration",
    "HSC-S-REF-CIRCULAR": "a cycle of $ref or $extends that never reaches a concrete type",
    "HSC-S-ABSTRACT-INVALID": "abstract is not a boolean",
    "HSC-S-ABSTRACT-TYPE": "abstract on a type other than object or tuple",
    "HSC-S-ABSTRACT-INLINE": "an abstract type declared outside definitions",
    "HSC-S-ABSTRACT-REF": "an abstract type used through $ref or $root",
    "HSC-S-ABSTRACT-ADDITIONAL-PROPERTIES": "additionalProperties on an abstract type",
    "HSC-S-EXTENDS-INVALID": "$extends is not a JSON Pointer or a non-empty array of them",
    "HSC-S-EXTENDS-TYPE": "$extends on a type other than object, tuple or choice",
    "HSC-S-EXTENDS-NOT-ABSTRACT": "$extends names a base type that is not abstract",
    "HSC-S-EXTENDS-REDEFINES": "a property redefines one inherited through $extends",
    "HSC-S-CHOICE-CHOICES": "a choice without a non-empty choices map",
    "HSC-S-CHOICE-SELECTOR": "an inline union ($extends on a choice) without a string selector",
    "HSC-S-CHOICE-BASE": "an inline union's choice does not extend the union's base type",
    "HSC-S-KEYWORD-TYPE": "a structural keyword (properties, items, values, ...) on the wrong type",
    "HSC-S-PROPERTIES-NOT-OBJECT": "properties is not a JSON object",
    "HSC-S-OBJECT-WITHOUT-PROPERTIES": "an object declares no property",
    "HSC-S-IDENTIFIER": "a property or type name outside [A-Za-z_][A-Za-z0-9_]*",
    "HSC-S-NO-ROOT-TYPE": "the document gives validation no root type: no instance can conform",
    "HSC-S-REQUIRED-NOT-ARRAY": "required is not an array of names or of arrays of names",
    "HSC-S-REQUIRED-UNDECLARED": "required names a property that is not declared",
    "HSC-S-ADDITIONAL-PROPERTIES": "additionalProperties is neither a boolean nor a schema",
    "HSC-S-ARRAY-ITEMS": "an array or set without an items schema",
    "HSC-S-MAP-VALUES": "a map without a values schema",
    "HSC-S-TUPLE-PROPERTIES": "a tuple without properties",
    "HSC-S-TUPLE-ORDER": "a tuple without a tuple order naming exactly its properties",
    "HSC-S-ENUM-NOT-ARRAY": "enum is not an array",
    "HSC-S-ENUM-EMPTY": "enum is empty",
    "HSC-S-ENUM-DUPLICATE": "enum repeats a value",
    "HSC-S-ENUM-TYPE": "an enum value is not of the schema's type, or enum on a non-primitive",
    "HSC-S-ENUM-UNION": "enum with a type union",
    "HSC-S-CONST-TYPE": "const is not of the schema's type, or const on a non-primitive",
    "HSC-S-CONSTRAINT-TYPE": "a constraint on a type it does not apply to",
    "HSC-S-CONSTRAINT-VALUE": "a constraint value of the wrong form or out of the type's range",
    "HSC-S-NEGATIVE-COUNT": "a length, count or size constraint is negative",
    "HSC-S-MIN-GT-MAX": "a lower bound above its upper bound: no value can match",
    "HSC-S-MULTIPLE-OF": "multipleOf is not positive",
    "HSC-S-PATTERN": "a pattern is not a valid regular expression",
    "HSC-S-PATTERN-UNSUPPORTED": "a valid ECMAScript pattern the linear-time engine refuses",
    "HSC-S-FORMAT-UNKNOWN": "format names no format of the Validation extension",
    "HSC-S-COMPOSITION-NOT-ARRAY": "allOf, anyOf or oneOf is not an array",
    "HSC-S-COMPOSITION-EMPTY": "allOf, anyOf or oneOf is empty",
    "HSC-S-EXTENSION-NOT-ENABLED": "an extension keyword in a document that does not enable it",
    "HSC-PUB-BARE-REF": "published: a bare $ref schema accepted as the referenced type",
    "HSC-PUB-EXAMPLE-KEYWORD": "the singular example keyword (a custom annotation)",
    "HSC-PUB-MISSING-ID": "published: a document without $id accepted",
    "HSC-PUB-SCHEMA-URI": "published: $schema draft/2020-12 accepted as core v0",
    "HSC-PUB-OPEN-OBJECT": "published: an object without properties accepted as an open object",
    "HSC-PUB-EMAIL-TYPE": "published: type email read as a string with format email",
    "HSC-PUB-IDENTIFIER": "published: a property or type name outside the identifier syntax",
}

CODES: Mapping[str, str] = {
    # payloads
    "HSC-P-INVALID-JSON": "the file is not JSON",
    "HSC-P-DUPLICATE-KEY": "a member appears twice in one object: readers disagree on its value",
    "HSC-P-TOO-DEEP": "the payload nests deeper than the parser or validation follows",
    "HSC-P-INTEGER-TOO-LONG": "an integer with more digits than the integer-digits limit",
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
    "HSC-PUB-TIME-WITHOUT-OFFSET": "a time without its offset (published profile)",
    "HSC-V-USES": "an instance's $uses names an add-in its schema does not offer",
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
    "HSC-H-UNDECLARED-STATUS": "a documented operation answered with a status it does not declare",
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
    "HSC-R-TOO-LARGE": "a file, body or JSON Lines record larger than its size limit",
    "HSC-R-CHECK-FAILED": "a file whose check failed inside hsconform (its worker died or raised)",
    # drift
    "HSC-D-TYPE": "the variants declare different types",
    "HSC-D-NULLABLE": "null is allowed by one variant only",
    "HSC-D-INT-WIRE": "an integer is a JSON number in one variant and a string in the other",
    "HSC-D-NUMBER-WIRE": "a number is a JSON number in one variant and a string in the other",
    "HSC-D-INT-DECIMAL": "an integer written with a decimal point (1.0) fits one variant only",
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
    "HSC-D-ACCEPTS-NOTHING": "one variant's schema accepts no payload at all under the profile",
    "HSC-D-UNPROVEN": "a difference for which no payload was found that one variant alone accepts",
    "HSC-D-EXAMPLE": "an example valid under one variant only",
    "HSC-D-EXAMPLE-INVALID": "an example its own schema rejects",
    "HSC-D-EXAMPLE-UNREADABLE": "an example file of the pack that is not JSON: not judged",
    "HSC-D-DESCRIPTION-DROPPED": "a description present in one variant only",
    "HSC-D-EXAMPLES-DROPPED": "examples present in one variant only",
    "HSC-D-NAME": "the JSON Schema title and the JSON Structure name differ",
    "HSC-D-BINARY-DROPPED": "binary data typed as a plain string in JSON Structure",
    # pack diff: what changed between two versions of a pack
    "HSC-PD-TYPE": "the type of a value changed",
    "HSC-PD-NULLABLE": "null became accepted, or no longer is",
    "HSC-PD-INT-WIRE": "an integer's wire encoding changed (JSON number or string)",
    "HSC-PD-NUMBER-WIRE": "a number's wire encoding changed (JSON number or string)",
    "HSC-PD-INT-RANGE": "an integer range changed",
    "HSC-PD-RANGE": "a number range changed",
    "HSC-PD-FORMAT": "a checked string format changed",
    "HSC-PD-MAX-LENGTH": "maxLength changed",
    "HSC-PD-ENUM": "enum values were removed or added",
    "HSC-PD-CONST": "a constant changed",
    "HSC-PD-PROPERTY": "a property was added or removed",
    "HSC-PD-REQUIRED": "a property became required, or is no longer",
    "HSC-PD-ADDITIONAL": "undeclared members became forbidden, or allowed",
    "HSC-PD-ITEMS-COUNT": "minItems or maxItems changed",
    "HSC-PD-UNPROVEN": "a difference no payload was found to tell apart",
    "HSC-PD-ANNOTATION": "a description, example or title changed",
    "HSC-PD-NO-WIRE-CHANGE": "the schema changed without changing what it accepts",
    "HSC-PD-TYPE-ADDED": "a type (or one variant of it) was added",
    "HSC-PD-TYPE-REMOVED": "a type (or one variant of it) was removed",
    "HSC-PD-ROUTE-ADDED": "a route was added",
    "HSC-PD-ROUTE-REMOVED": "a route (an operation's status) was removed with its operation",
    "HSC-PD-STATUS-REMOVED": "an operation no longer declares a status",
    "HSC-PD-ROUTE-TYPE": "a route's response type changed",
    # the pack
    "HSC-PACK-NO-SCHEMA-KEYWORD": "a document without $schema, read by its folder",
    "HSC-PACK-CUSTOM-METASCHEMA": "a JSON Schema whose $schema is a meta-schema of its own",
    "HSC-PACK-DIALECT-FOLDER": "a document whose $schema names the other dialect than its folder",
    "HSC-PACK-BAD-ID": "an $id that is not a URI reference",
    # the route table
    "HSC-ROUTE-NOT-OPENAPI": "an OpenAPI document that cannot be read or is not OpenAPI 3",
    "HSC-ROUTE-FILE": "the pack's routes.json cannot be used",
    "HSC-ROUTE-UNTYPED": "an OpenAPI response whose JSON body is not a $ref to a component",
    "HSC-ROUTE-DANGLING-REF": "an OpenAPI response refers to a component its document lacks",
    "HSC-ROUTE-NO-TYPE": "an OpenAPI component that matches no pack type by title and content",
    "HSC-ROUTE-CONFLICT": "two sources map one method, path and status to different types",
    "HSC-JS-METASCHEMA": "a JSON Schema document that its metaschema rejects",
    "HSC-JS-PATTERN": "a JSON Schema pattern Python cannot compile",
    "HSC-JS-TOO-DEEP": "a JSON Schema document nested too deeply to check",
    **JSON_STRUCTURE_LINT_CODES,
}

#: The command a message gives to install what an optional feature needs. hsconform is
#: installed from a git URL or a checkout, not from a package index, so ``hsconform[brotli]``
#: cannot be fetched by name; each command installs the requirement the extra of the same
#: name adds, and works however hsconform itself was installed.
INSTALL_COMMANDS: Mapping[str, str] = {
    "brotli": "pip install brotli",
    "hypothesis": "pip install hypothesis",
    "dask": "pip install dask distributed pandas pyarrow",
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
