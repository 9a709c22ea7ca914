"""The ``qdplan`` command: ``qdplan`` (parser and dispatch), ``common`` (exit codes,
``BadInput``, argument types, loading, progress, terminal output) and one module per command
group: ``run``, ``review``, ``decision``, ``gui``; ``terminal`` writes to the terminal
(``printable`` escapes control characters, for the app's own messages too).

``main`` is the entry point of the ``qdplan`` program. It imports the command (and with it
numpy and scipy) only once it runs, so that Ctrl-C at any moment, the imports included, ends
the command with exit code 130 and one line (``interrupt``)."""

from __future__ import annotations

from collections.abc import Sequence

from .interrupt import allow_interrupts, exit_quietly_on_interrupt, interrupted
from .terminal import printable


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qdplan ARGV`` (default: the program's arguments); returns the exit code."""
    try:
        allow_interrupts()
        from .qdplan import main as run_command

        return run_command(argv)
    except KeyboardInterrupt:
        return interrupted()
    finally:
        if argv is None:  # the program itself: it ends once main returns
            exit_quietly_on_interrupt()


__all__ = ["main", "printable"]
