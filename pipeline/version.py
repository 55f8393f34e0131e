"""The package version, in one place (records of models name it)."""

__version__ = "0.1.0"
