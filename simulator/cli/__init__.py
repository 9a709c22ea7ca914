"""The ``qdplan`` command."""

from .qdplan import main

__all__ = ["main"]
