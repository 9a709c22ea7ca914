"""Problems found in a document, and the checker that collects them while it builds the
document's canonical form: every problem is reported at once, each with its dotted path."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, overload


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: where (a dotted path) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ScenarioError(Exception):
    """A scenario failed to load or validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], source: str | None = None):
        self.problems = list(problems)
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        return "\n".join(str(p) for p in self.problems)


#: At most this many problems are listed; a file with more is reported as such (a hostile
#: file of a million bad entries would otherwise hold a million problems in memory).
MAX_PROBLEMS = 200


def short_repr(value: Any) -> str:
    """A value as quoted in a problem: JSON, at most 60 characters."""
    if isinstance(value, int) and not isinstance(value, bool) and not fits_float(value):
        return f"a whole number of {digits(value)} digits"
    try:
        text = (
            json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
        )
    except (ValueError, RecursionError):  # nested too deeply, or a number beyond any limit
        text = f"a {type(value).__name__} nested too deeply"
    return text if len(text) <= 60 else text[:57] + "..."


def short_key(key: str) -> str:
    """A key of a document as part of a problem's path: at most 60 characters."""
    return key if len(key) <= 60 else key[:57] + "..."


def fits_float(value: int) -> bool:
    """Whether an integer is within the range of a float (about ±1.8e308)."""
    try:
        float(value)
    except OverflowError:
        return False
    return True


def digits(value: int) -> str:
    """The number of decimal digits of a (huge) integer, without converting it to text (which
    Python refuses beyond 4,300 digits)."""
    count = int(abs(value).bit_length() * 0.30103) + 1
    return f"about {count:,}"


def unencodable(text: str) -> str | None:
    """Why ``text`` cannot be saved as UTF-8 (a lone surrogate, e.g. from JSON "\\ud800"), or
    None when it can."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"contains a character that cannot be saved as UTF-8 text, "
            f"\\u{ord(text[exc.start]):04x} at character {exc.start + 1}"
        )
    return None


class Checker:
    """Collects problems while building the canonical form of a scenario."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(path, message))
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(
                Problem("", f"more problems not listed (only the first {MAX_PROBLEMS} are)")
            )

    def obj(
        self,
        value: Any,
        path: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        unknown: str = "unknown key",
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(path, f"must be an object, got {short_repr(value)}")
            return None
        for key in value:
            if key not in required and key not in optional:
                self.add(join_path(path, short_key(key)), unknown)
        for key in required:
            if key not in value:
                self.add(join_path(path, key), "missing")
        return value

    @overload
    def number(
        self,
        value: Any,
        path: str,
        low: float | None = None,
        high: float | None = None,
        low_open: bool = False,
        *,
        integer: Literal[True],
    ) -> int | None: ...
    @overload
    def number(
        self,
        value: Any,
        path: str,
        low: float | None = None,
        high: float | None = None,
        low_open: bool = False,
        integer: bool = False,
    ) -> float | None: ...
    def number(
        self,
        value: Any,
        path: str,
        low: float | None = None,
        high: float | None = None,
        low_open: bool = False,
        integer: bool = False,
    ) -> float | int | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(path, f"must be a number, got {short_repr(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.add(path, f"must be a finite number, got {value}")
            return None
        if isinstance(value, int) and not fits_float(value):
            self.add(path, f"must be a finite number, got {short_repr(value)}")
            return None
        if integer and (isinstance(value, float) and not value.is_integer()):
            self.add(path, f"must be a whole number, got {short_repr(value)}")
            return None
        if low is not None and (value <= low if low_open else value < low):
            self.add(path, f"must be {'>' if low_open else '>='} {low:g}, got {value:g}")
            return None
        if high is not None and value > high:
            self.add(path, f"must be <= {high:g}, got {value:g}")
            return None
        return int(value) if integer else float(value)

    def text(self, value: Any, path: str, max_length: int = 4000) -> str | None:
        if not isinstance(value, str):
            self.add(path, f"must be a text string, got {short_repr(value)}")
            return None
        if len(value) > max_length:
            self.add(path, f"must be at most {max_length} characters, got {len(value)}")
            return None
        problem = unencodable(value)
        if problem is not None:
            self.add(path, problem)
            return None
        return value

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str | None:
        if not isinstance(value, str) or value not in options:
            self.add(path, f"must be one of {', '.join(options)}, got {short_repr(value)}")
            return None
        return value

    def per_year(
        self, value: Any, path: str, years: tuple[int, ...], item: Callable[[Any, str], Any]
    ) -> dict[str, Any] | None:
        keys = tuple(str(y) for y in years)
        checked = self.obj(value, path, keys)
        if checked is None:
            return None
        return {k: item(checked[k], join_path(path, k)) for k in keys if k in checked}


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
