"""JSON Schema (draft 2020-12): validators, a compiled yes/no verdict, and document lint."""
