"""The ``qdplan`` command: ``qdplan`` (parser and dispatch), ``common`` (exit codes,
``BadInput``, argument types, loading, progress) and one module per command group: ``run``,
``review``, ``decision``, ``gui``."""

from .qdplan import main

__all__ = ["main"]
