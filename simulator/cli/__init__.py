"""The ``qdplan`` command: ``qdplan`` (parser and dispatch), ``common`` (exit codes,
``BadInput``, argument types, loading, progress, terminal output) and one module per command
group: ``run``, ``review``, ``decision``, ``gui``; ``terminal`` writes to the terminal
(``printable`` escapes control characters, for the app's own messages too).

``main`` is the entry point of the ``qdplan`` program. It imports the command (and with it
numpy and scipy) only once it runs, so that Ctrl-C at any moment, the imports included, ends
the command with exit code 130 and one line (``interrupt``)."""

from __future__ import annotations

from .interrupt import (
    EXIT_INTERRUPTED,
    allow_interrupts,
    end_process,
    exit_quietly_on_interrupt,
    interrupted,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..printable import printable
    from .gui import NO_DISPLAY, no_display_text


def __getattr__(name: str) -> object:
    if name == "printable":  # imported when first used (start-up time)
        from ..printable import printable

        return printable
    if name in ("NO_DISPLAY", "no_display_text"):
        from . import gui

        return getattr(gui, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qdplan ARGV`` (default: the program's arguments); returns the exit code."""
    try:
        try:
            allow_interrupts()
            from .qdplan import main as run_command

            code = run_command(argv)
        finally:
            if argv is None:  # the program itself, which ends once main returns
                exit_quietly_on_interrupt()
    except KeyboardInterrupt:
        code = interrupted()
    if argv is None and code == EXIT_INTERRUPTED:
        end_process(code)
    return code


__all__ = ["NO_DISPLAY", "main", "no_display_text", "printable"]
