"""The version of hsconform, for reports and ``--version`` (the bottom layer may import it)."""

__version__ = "0.1.0"
