"""For test suites: ``assert_conforms``, Hypothesis strategies and the pytest plugin.

Importing this package imports nothing else: the pytest plugin loads in every pytest run of a
project that has hsconform installed, and most of those tests never call it.
"""
