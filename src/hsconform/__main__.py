"""``python -m hsconform``: the same as the ``hsconform`` command."""

import sys

from hsconform.cli import main

sys.exit(main())
