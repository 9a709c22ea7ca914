"""Ctrl-C: any `qdplan` command ends with exit code 130 and the one line ``interrupted`` on
stderr, at any moment, its start-up included. Imports nothing at import time (``signal``
and ``os`` when used), so that ``simulator.cli.main`` runs its ``try`` within milliseconds
of the interpreter's start and catches the interrupt around every import after it (numpy,
scipy, matplotlib).

What comes before ``main`` is Python's own start-up (the interpreter, ``site``, the console
script's imports: about 20 ms, or 60 ms from an editable install): a Ctrl-C then ends the
process by the signal (a shell shows 130) or with Python's own KeyboardInterrupt report."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from types import FrameType

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program ended by Ctrl-C

#: Whether a progress bar has left its line open on stderr (the message then starts a line).
line_open = False

#: The line said on an interrupt: in the command's ``--language`` once its command line is
#: parsed (``qdplan.main`` sets it), English before.
words = "interrupted"


def allow_interrupts() -> None:
    """Unblock SIGINT if the program that started qdplan blocked it (a blocked signal mask is
    inherited); an *ignored* SIGINT (a background job) stays ignored."""
    import signal

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def interrupted() -> int:
    """Say ``interrupted`` (``words``) on a line of its own; returns the exit code."""
    global line_open
    try:
        sys.stderr.write(f"\n{words}\n" if line_open else f"{words}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed or gone
        pass
    line_open = False
    return EXIT_INTERRUPTED


def end_process(code: int) -> None:
    """End the process now with ``code`` (after an interrupt): what is printed is flushed,
    nothing else runs. (Returning would do the same, except that ``python -m`` then exits
    by SIGINT instead of with 130 when the interrupt hit code run by ``exec`` of a string,
    as ``collections.namedtuple`` does during imports.)"""
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _exit_now(_signum: int, _frame: FrameType | None) -> None:
    end_process(interrupted())


def exit_quietly_on_interrupt() -> None:
    """From now until the process ends (flushing output, joining worker threads), Ctrl-C
    ends it at once with exit code 130 and one line, never an "Exception ignored" trace."""
    import signal

    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _exit_now)
    except ValueError:  # not the main thread: Python delivers signals to the main thread only
        pass
