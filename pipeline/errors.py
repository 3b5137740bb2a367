"""Errors that cross module boundaries."""


class ConfigError(ValueError):
    """A configuration problem, named by its key, found before anything is written."""
