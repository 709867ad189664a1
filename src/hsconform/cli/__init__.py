"""The command line: ``hsconform types | check | lint | drift``.

Three steps, one module each: :mod:`.parse` reads the arguments into options, :mod:`.build`
settles them against the configuration into a pack, a selection and a reporter, and
:mod:`.run` calls the library and turns the report into an exit code.
"""

from __future__ import annotations

from hsconform.cli.run import main

__all__ = ["main"]
