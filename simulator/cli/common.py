"""What every `qdplan` command shares: exit codes, ``BadInput``, the argument types, loading a
scenario (and its actuals) and a history (``--history``), and the progress reporter on
stderr. What a command shows goes
through ``terminal.say`` (or ``say_json``), which shows control characters escaped.

A command handler takes the parsed arguments and returns ``EXIT_OK``, or raises ``BadInput``
(exit code 2) for input the user can fix, one problem per line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..model import (
    MAX_DRAWS,
    History,
    Scenario,
    ScenarioError,
    load_actuals,
    load_history,
    load_scenario,
)
from . import interrupt

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class BadInput(Exception):
    """Input the user can fix; each line of the message is one problem."""


def shown(text: str, limit: int = 40) -> str:
    """A value from the command line as quoted in a message: repr, at most ``limit`` chars."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


# ---------------------------------------------------------------------------------- arguments
def whole_number(text: str, low: int, high: int, high_text: str | None = None) -> int:
    """A whole number between ``low`` and ``high`` typed on the command line."""
    span = f"between {low:,} and {high_text or f'{high:,}'}"
    raw = text.strip()
    if len(raw) > 30:  # more digits than any accepted value (int() refuses > 4,300 anyway)
        raise argparse.ArgumentTypeError(f"must be a whole number {span}, got {shown(text)}")
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {shown(text)}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"must be {span}, got {value:,}")
    return value


def positive_draws(text: str) -> int:
    return whole_number(text, 2, MAX_DRAWS)


def seed(text: str) -> int:
    return whole_number(text, 0, 2**63 - 1, "2^63-1")


def probability(text: str) -> float:
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a probability like 0.3 or 30%, got {shown(text)}"
        ) from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            f"must be between 0 and 1 (0% and 100%), got {shown(text)}"
        )
    return value


def fraction_open(text: str) -> float:
    value = probability(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, exclusive, got {shown(text)}")
    return value


#: The largest count a flag takes (``--top``, ``--point``); ``--levels`` has its own.
MAX_COUNT = 1_000_000


def count(text: str) -> int:
    return whole_number(text, 0, MAX_COUNT)


#: Goal seek: the most multiplier levels per line (each is an engine run per line).
MAX_LEVELS = 1_000


def levels(text: str) -> int:
    return whole_number(text, 2, MAX_LEVELS)


# ---------------------------------------------------------------------------------- input
def load(path: str) -> Scenario:
    """The scenario in ``path``; its problems become ``BadInput``, one line each."""
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        raise BadInput(
            "\n".join(f"{path}: {p}" if p.path else f"{path}: {p.message}" for p in exc.problems)
        ) from None


def with_actuals(scenario: Scenario, path: str | None) -> Scenario:
    """The scenario with the observed values of the actuals CSV ``path`` applied (if any)."""
    if not path:
        return scenario
    try:
        return load_actuals(scenario, path)
    except ScenarioError as exc:
        raise BadInput("\n".join(str(p) for p in exc.problems)) from None


def add_history_option(parser: argparse.ArgumentParser) -> None:
    """``--history FILE``: a planner's own history CSV instead of the shipped one."""
    parser.add_argument(
        "--history",
        metavar="FILE",
        help="a history CSV with the columns of the shipped one (default: the shipped history)",
    )


def history_of(args: argparse.Namespace) -> History:
    """The history named by ``--history`` (the shipped one without it); its problems are
    ``BadInput``, one line each."""
    try:
        return load_history(getattr(args, "history", None))
    except ScenarioError as exc:
        raise BadInput("\n".join(str(p) for p in exc.problems)) from None


# ---------------------------------------------------------------------------------- output
class Progress:
    """Progress on stderr for long runs: a bar on a terminal, else a line every 25%."""

    def __init__(self, enabled: bool, label: str = "simulating"):
        self.enabled, self.label = enabled, label
        self.tty = sys.stderr.isatty()
        self.last = -1

    def __call__(self, fraction: float) -> None:
        if not self.enabled:
            return
        percent = int(fraction * 100)
        if self.tty:
            if percent != self.last:
                sys.stderr.write(f"\r{self.label}… {percent:3d}%")
                if percent >= 100:
                    sys.stderr.write("\n")
                sys.stderr.flush()
                interrupt.line_open = percent < 100
        elif percent // 25 != self.last // 25:
            sys.stderr.write(f"{self.label}… {percent}%\n")
        self.last = percent
