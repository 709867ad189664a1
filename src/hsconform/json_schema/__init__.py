"""JSON Schema (draft 2020-12): the jsonschema-rs engine and its findings, the reference engine, document lint."""  # noqa: E501
