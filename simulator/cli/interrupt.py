"""Ctrl-C: any `qdplan` command ends with exit code 130 and the one line ``interrupted`` on
stderr, at any moment, its start-up included. Imports only the standard library, so that
``simulator.cli.main`` can catch the interrupt around the heavy imports (numpy, scipy,
matplotlib) too."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program ended by Ctrl-C

#: Whether a progress bar has left its line open on stderr (the message then starts a line).
line_open = False


def allow_interrupts() -> None:
    """Unblock SIGINT if the program that started qdplan blocked it (a blocked signal mask is
    inherited); an *ignored* SIGINT (a background job) stays ignored."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def interrupted() -> int:
    """Say ``interrupted`` on a line of its own; returns the exit code."""
    global line_open
    try:
        sys.stderr.write("\ninterrupted\n" if line_open else "interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed or gone
        pass
    line_open = False
    return EXIT_INTERRUPTED


def _exit_now(_signum: int, _frame: FrameType | None) -> None:
    interrupted()
    os._exit(EXIT_INTERRUPTED)


def exit_quietly_on_interrupt() -> None:
    """From now until the process ends (flushing output, joining worker threads), Ctrl-C
    ends it at once with exit code 130 and one line, never an "Exception ignored" trace."""
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _exit_now)
    except ValueError:  # not the main thread: Python delivers signals to the main thread only
        pass
