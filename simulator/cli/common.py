"""What every `qdplan` command shares: exit codes, ``BadInput``, the argument types, loading a
scenario (and its actuals) and a history (``--history``), and the progress reporter on
stderr. What a command shows goes
through ``terminal.say`` (or ``say_json``), which shows control characters escaped.

A command handler takes the parsed arguments and returns ``EXIT_OK``, or raises ``BadInput``
(exit code 2) for input the user can fix, one problem per line, shown in the command's
``--language`` (every command that reads input has it; default zh, as its tables)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..model import (
    MAX_DRAWS,
    SHIPPED,
    History,
    Message,
    Problem,
    Scenario,
    ScenarioError,
    load_actuals,
    load_history,
    load_scenario,
    message_of,
    scenario_source,
    text_of,
)
from . import interrupt

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class BadInput(Exception):
    """Input the user can fix: one problem (``BadInput("must be {x}", x=…)``, a literal
    template translated when shown) or several (``BadInput.of(problems, file)``), each on
    its own line. ``str(exc)`` is English; ``exc.text(language)`` what the command shows."""

    def __init__(self, template: str | Message | list[Message], /, **params: Any) -> None:
        self.lines = list(template) if isinstance(template, list) else [Message(template, **params)]
        super().__init__(self.text("en"))

    @classmethod
    def of(cls, problems: Sequence[Problem], file: str | None = None) -> BadInput:
        """The problems of a file, each on its own line, prefixed by ``file`` when given."""
        return cls(
            [
                p.located() if file is None else Message(AT_FILE, file=file, problem=p.located())
                for p in problems
            ]
        )

    @classmethod
    def because(cls, exc: BaseException, option: str | None = None) -> BadInput:
        """The message of an exception (translated when it is an ``InputError`` or a
        ``ScenarioSaveError``; an OS's own words as they are), after ``option`` when given."""
        what = message_of(exc)
        return cls(Message(AT_FILE, file=option, problem=what) if option else what)

    def text(self, language: str) -> str:
        return "\n".join(text_of(line, language) for line in self.lines)

    def __str__(self) -> str:
        return self.text("en")


#: A problem after the file (or option) it is in: no words, so not in the catalogue.
AT_FILE = "{file}: {problem}"


#: The languages of every command's ``--language`` (its tables, charts and problems).
LANGUAGES = ("zh", "en")


def add_language_option(parser: argparse.ArgumentParser, what: str = "") -> None:
    """``--language zh|en`` (default zh): the language of ``what`` and of problem messages."""
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default="zh",
        help=f"language of {what + ' and ' if what else ''}problem messages (default zh)",
    )


#: The language of the command being parsed (``--language`` as typed, see
#: ``qdplan.main``): the option types report a bad value in it, before the parse is over.
PARSE_LANGUAGE = {"language": "zh"}


class BadValue(argparse.ArgumentTypeError):
    """A bad value of an option, in the command's language (argparse shows ``str(exc)``)."""

    def __init__(self, template: str, /, **params: Any) -> None:
        self.what = Message(template, **params)
        super().__init__(self.what.text(PARSE_LANGUAGE["language"]))


def shown(text: str, limit: int = 40) -> str:
    """A value from the command line as quoted in a message: repr, at most ``limit`` chars."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


# ---------------------------------------------------------------------------------- arguments
def whole_number(
    text: str, low: int, high: int, high_text: str | None = None, grouped: bool = True
) -> int:
    """A whole number between ``low`` and ``high`` typed on the command line; a problem shows
    the numbers with thousands separators (1,000,000), or without them when not ``grouped``
    (a year: 1990)."""
    number = "{:,}" if grouped else "{}"
    top = high_text or number.format(high)
    raw = text.strip()
    if len(raw) > 30:  # more digits than any accepted value (int() refuses > 4,300 anyway)
        raise BadValue(
            "must be a whole number between {low} and {high}, got {got}",
            low=number.format(low),
            high=top,
            got=shown(text),
        )
    try:
        value = int(raw)
    except ValueError:
        raise BadValue("must be a whole number, got {got}", got=shown(text)) from None
    if not low <= value <= high:
        raise BadValue(
            "must be between {low} and {high}, got {got}",
            low=number.format(low),
            high=top,
            got=number.format(value),
        )
    return value


def year(text: str, low: int, high: int) -> int:
    """A year typed on the command line, between ``low`` and ``high`` (shown as 1990)."""
    return whole_number(text, low, high, grouped=False)


def positive_draws(text: str) -> int:
    return whole_number(text, 2, MAX_DRAWS)


def seed(text: str) -> int:
    return whole_number(text, 0, 2**63 - 1, "2^63-1")


def probability(text: str) -> float:
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise BadValue(
            "must be a probability like 0.3 or 30%, got {got}", got=shown(text)
        ) from None
    if not 0 <= value <= 1:
        raise BadValue("must be between 0 and 1 (0% and 100%), got {got}", got=shown(text))
    return value


def fraction_open(text: str) -> float:
    value = probability(text)
    if not 0 < value < 1:
        raise BadValue("must be between 0 and 1, exclusive, got {got}", got=shown(text))
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
#: The help of every scenario argument.
SCENARIO_HELP = "scenario file (JSON), or the name of a shipped scenario: " + ", ".join(SHIPPED)


def load(path: str) -> Scenario:
    """The scenario in ``path`` (or the shipped scenario it names, see ``scenario_source``);
    its problems become ``BadInput``, one line each."""
    try:
        return load_scenario(scenario_source(path))
    except ScenarioError as exc:
        raise BadInput.of(exc.problems, path) from None


def with_actuals(scenario: Scenario, path: str | None) -> Scenario:
    """The scenario with the observed values of the actuals CSV ``path`` applied (if any)."""
    if not path:
        return scenario
    try:
        return load_actuals(scenario, path)
    except ScenarioError as exc:
        raise BadInput.of(exc.problems) from None


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
        raise BadInput.of(exc.problems) from None


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
