"""What every `qdplan` command shares: exit codes, ``BadInput``, the argument types, loading a
scenario (and its actuals), and the progress reporter on stderr.

A command handler takes the parsed arguments and returns ``EXIT_OK``, or raises ``BadInput``
(exit code 2) for input the user can fix, one problem per line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..model import MAX_DRAWS, Scenario, ScenarioError, load_actuals, load_scenario

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class BadInput(Exception):
    """Input the user can fix; each line of the message is one problem."""


# ---------------------------------------------------------------------------------- arguments
def positive_draws(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 2 <= value <= MAX_DRAWS:
        raise argparse.ArgumentTypeError(f"must be between 2 and {MAX_DRAWS:,}, got {value:,}")
    return value


def seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"must be between 0 and 2^63-1, got {value}")
    return value


def probability(text: str) -> float:
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a probability like 0.3 or 30%, got {text!r}"
        ) from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1 (0% and 100%), got {text}")
    return value


def fraction_open(text: str) -> float:
    value = probability(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, exclusive, got {text}")
    return value


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


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
        elif percent // 25 != self.last // 25:
            sys.stderr.write(f"{self.label}… {percent}%\n")
        self.last = percent
