"""The ``damrong`` command line."""
