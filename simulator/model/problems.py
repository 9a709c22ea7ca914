"""Problems found in a document, and the checker that collects them while it builds the
document's canonical form: every problem is reported at once, each with its dotted path.

A problem's text is a ``Message``: an English template with ``str.format`` placeholders and
their values, translated when it is shown (``problem.text("zh")``) and filled in after
translation, so the Chinese catalogue holds one entry per template. A value that is itself
a word ("a list", "indicator") is a ``Message`` too and is translated with it; values that
come from the input (ids, paths, quoted values, numbers) are shown as they are.
``str(problem)`` and ``problem.message`` stay the English text.

Every template is a literal at the call that makes it (``Message("…", n=…)``,
``Problem(path, "…", …)``, ``checker.add(path, "…", …)``, ``InputError("…", …)``), which is
where ``scripts/translations.sh update`` finds it; never an f-string."""

from __future__ import annotations

import errno
import json
import math
import os
from collections.abc import Callable, Sequence
from typing import Any, Literal, overload

from ..printable import printable
from .messages import N_, translate


class Message:
    """A translatable text: an English ``template`` and the values of its placeholders."""

    __slots__ = ("params", "template")

    def __init__(self, template: str | Message, /, **params: Any) -> None:
        if isinstance(template, Message):  # an existing message, passed through
            params = {**template.params, **params}
            template = template.template
        self.template: str = template
        self.params: dict[str, Any] = params

    def text(self, language: str) -> str:
        """The message in ``language`` ("zh" or "en"), its placeholders filled in."""
        values = {key: _shown(value, language) for key, value in self.params.items()}
        template = translate(self.template, language)
        return template.format(**values) if values else template

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.template, self.params) == (other.template, other.params)

    def __hash__(self) -> int:
        return hash(self.template)


class Listed:
    """A placeholder's value that is a list of messages (or data), joined with ``separator``."""

    __slots__ = ("items", "separator")

    def __init__(self, items: Sequence[Message | str], separator: str | Message = ", ") -> None:
        self.items, self.separator = list(items), separator

    def text(self, language: str) -> str:
        separator = text_of(self.separator, language)
        return separator.join(text_of(item, language) for item in self.items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Listed):
            return NotImplemented
        return (self.items, self.separator) == (other.items, other.separator)

    def __hash__(self) -> int:
        return hash(self.separator)


def _shown(value: Any, language: str) -> Any:
    """A placeholder's value in ``language``: a message (or a list of them) translated,
    anything else (data) as it is, but a text's control characters escaped as in Python
    (``\\n``, ``\\x1b``...): a newline in a file name or a cell must not start a line of
    its own in what is said (nor a terminal escape act on the screen)."""
    if isinstance(value, (Message, Listed)):
        return value.text(language)
    if isinstance(value, str):
        return printable(value, lines=False)
    return value


def text_of(message: str | Message, language: str) -> str:
    """A message in ``language``; a plain string (data, or an OS's own words) as it is."""
    return message.text(language) if isinstance(message, Message) else message


#: A message at a path (no words to translate, so not in the catalogue).
AT_PATH = "{path}: {problem}"


class Problem:
    """One thing wrong with a document: where (a dotted path) and what (a ``Message``).
    ``Problem(path, "must be >= {low}", low=0)``; ``message`` is the English text. A place
    that is words (a workbook's "Sheet Lines, row 5") is given as a ``Message``: ``path`` is
    then its English text."""

    __slots__ = ("path", "place", "what")

    def __init__(self, path: str | Message, template: str | Message, /, **params: Any) -> None:
        self.place = path if isinstance(path, Message) else None
        self.path = path.text("en") if isinstance(path, Message) else path
        self.what = Message(template, **params)

    @property
    def message(self) -> str:
        """The English text (without the path)."""
        return self.what.text("en")

    def text(self, language: str) -> str:
        """``path: message`` in ``language`` (the message alone without a path)."""
        return self.located().text(language)

    def located(self) -> Message:
        """The problem as one message, ``path: message`` (the message alone without a path)."""
        if not self.path:
            return self.what
        return Message(AT_PATH, path=self.place or self.path, problem=self.what)

    def place_text(self, language: str) -> str:
        """Where, in ``language``: the dotted path, or the place in words (a workbook's)."""
        return self.place.text(language) if self.place is not None else self.path

    def message_text(self, language: str) -> str:
        """The message in ``language``, without the path."""
        return self.what.text(language)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.what) == (other.path, other.what)

    def __hash__(self) -> int:
        return hash((self.path, self.what))


class ScenarioError(Exception):
    """A scenario failed to load or validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], source: str | None = None):
        self.problems = list(problems)
        self.source = source
        super().__init__(self.describe())

    def describe(self, language: str = "en") -> str:
        """Every problem on its own line, in ``language`` (English by default)."""
        return "\n".join(p.text(language) for p in self.problems)


class InputError(ValueError):
    """An input the user can fix, with a translatable message: ``str(exc)`` is English,
    ``exc.text("zh")`` Chinese. Subclasses keep their own names (NumberError, …)."""

    def __init__(self, template: str | Message, /, **params: Any) -> None:
        self.what = Message(template, **params)
        super().__init__(self.what.text("en"))

    def text(self, language: str) -> str:
        return self.what.text(language)


class Worded(Message):
    """A message whose English is given as it is (an OSError's ``[Errno 20] …``), and whose
    other languages come from the template."""

    __slots__ = ("english",)

    def __init__(self, english: str, what: Message) -> None:
        super().__init__(what)
        self.english = english

    def text(self, language: str) -> str:
        return self.english if language == "en" else super().text(language)


def message_of(exc: BaseException) -> Message | str:
    """The translatable message of an exception (an ``InputError``, a ``ScenarioSaveError``,
    an OSError of a chart folder: any with a ``Message`` as ``what``), else its own text.
    Its English is the exception's own text."""
    what = getattr(exc, "what", None)
    if not isinstance(what, Message):
        return str(exc)
    return what if what.text("en") == str(exc) else Worded(str(exc), what)


#: The operating system's words for the errors a planner meets when reading and writing
#: files, by errno (the C library's English, as ``os.strerror`` gives it), to translate.
_OS_WORDS = {
    "ENOENT": N_("No such file or directory"),
    "EACCES": N_("Permission denied"),
    "EPERM": N_("Operation not permitted"),
    "EROFS": N_("Read-only file system"),
    "ENOSPC": N_("No space left on device"),
    "EDQUOT": N_("Disk quota exceeded"),
    "EISDIR": N_("Is a directory"),
    "ENOTDIR": N_("Not a directory"),
    "EEXIST": N_("File exists"),
    "ENAMETOOLONG": N_("File name too long"),
    "EBUSY": N_("Device or resource busy"),
    "EIO": N_("Input/output error"),
    "EMFILE": N_("Too many open files"),
    "ELOOP": N_("Too many levels of symbolic links"),
    "EXDEV": N_("Invalid cross-device link"),
    "ETXTBSY": N_("Text file busy"),
    "EINVAL": N_("Invalid argument"),
}
OS_REASONS: dict[int, str] = {
    getattr(errno, name): words for name, words in _OS_WORDS.items() if hasattr(errno, name)
}


def os_reason(exc: OSError) -> Message | str:
    """Why an OSError happened, in words to translate: the common errors (``OS_REASONS``)
    as a message whose English is the system's own; any other (or a text the code gave
    itself, a localised system's) as it is."""
    reason = exc.strerror or str(exc)
    code = exc.errno
    if code in OS_REASONS and exc.strerror is not None:
        try:
            standard = os.strerror(code)
        except ValueError:
            standard = ""
        if exc.strerror == standard:
            return Worded(exc.strerror, Message(OS_REASONS[code]))
    return reason


def row_problem(
    source: str | Message, row: int, column: str | Message | None, problem: str | Message
) -> Problem:
    """The problem of a row (and a column, by its heading) of a CSV file or a sheet."""
    if column is None:
        return Problem(
            "", "{source}: row {row}: {problem}", source=source, row=row, problem=problem
        )
    return Problem(
        "",
        "{source}: row {row}: {column}: {problem}",
        source=source,
        row=row,
        column=column,
        problem=problem,
    )


#: At most this many problems are listed; a file with more is reported as such (a hostile
#: file of a million bad entries would otherwise hold a million problems in memory).
MAX_PROBLEMS = 200

#: The smallest size a nonzero number of a scenario may have. Every assumption of the plan
#: (awards, shares, spreads, effects per 万元) is many orders of magnitude larger; nearer to
#: zero a number means nothing but can break the arithmetic of the model (a spread of 1e-160
#: squares to nothing), so it is refused with its path ("write 0").
SMALLEST_NUMBER = 1e-12


def more_problems() -> Problem:
    """The last problem of a list cut at ``MAX_PROBLEMS``."""
    return Problem("", "more problems not listed (only the first {limit} are)", limit=MAX_PROBLEMS)


def short_repr(value: Any) -> str | Message:
    """A value as quoted in a problem: JSON, at most 60 characters."""
    if isinstance(value, int) and not isinstance(value, bool) and not fits_float(value):
        return Message("a whole number of about {count:,} digits", count=digit_count(value))
    try:
        text = (
            json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
        )
    except (ValueError, RecursionError):  # nested too deeply, or a number beyond any limit
        return Message("a {kind} nested too deeply", kind=type(value).__name__)
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


def digit_count(value: int) -> int:
    """The number of decimal digits of a (huge) integer, without converting it to text (which
    Python refuses beyond 4,300 digits)."""
    return int(abs(value).bit_length() * 0.30103) + 1


def unencodable(text: str) -> Message | None:
    """Why ``text`` cannot be saved as UTF-8 (a lone surrogate, e.g. from JSON "\\ud800"), or
    None when it can."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return Message(
            "contains a character that cannot be saved as UTF-8 text, {code} at character {at}",
            code=f"\\u{ord(text[exc.start]):04x}",
            at=exc.start + 1,
        )
    return None


class Checker:
    """Collects problems while building the canonical form of a scenario."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add_problem(self, path: str, template: str | Message, /, **params: Any) -> None:
        """Add the problem ``template`` (formatted with ``params``) at ``path``."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(path, template, **params))
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(more_problems())

    #: ``checker.add(path, "template", **params)``: the name the catalogue's extractor knows
    #: (scripts/translations.sh ``-k add:2``); a ``def add(`` would confuse it.
    add = add_problem

    def obj(
        self,
        value: Any,
        path: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        unknown: str | Message = "unknown key",
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(path, "must be an object, got {got}", got=short_repr(value))
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
            self.add(path, "must be a number, got {got}", got=short_repr(value))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.add(path, "must be a finite number, got {got}", got=value)
            return None
        if isinstance(value, int) and not fits_float(value):
            self.add(path, "must be a finite number, got {got}", got=short_repr(value))
            return None
        if value != 0 and abs(value) < SMALLEST_NUMBER:
            self.add(
                path,
                "must be 0 or at least {smallest:g} in size, got {got:g} (too small to mean "
                "anything: write 0)",
                smallest=SMALLEST_NUMBER,
                got=value,
            )
            return None
        if integer and (isinstance(value, float) and not value.is_integer()):
            self.add(path, "must be a whole number, got {got}", got=short_repr(value))
            return None
        if low is not None and (value <= low if low_open else value < low):
            if low_open:
                self.add(path, "must be > {low:g}, got {got:g}", low=low, got=value)
            else:
                self.add(path, "must be >= {low:g}, got {got:g}", low=low, got=value)
            return None
        if high is not None and value > high:
            self.add(path, "must be <= {high:g}, got {got:g}", high=high, got=value)
            return None
        return int(value) if integer else float(value)

    def text(self, value: Any, path: str, max_length: int = 4000) -> str | None:
        if not isinstance(value, str):
            self.add(path, "must be a text string, got {got}", got=short_repr(value))
            return None
        if len(value) > max_length:
            self.add(
                path,
                "must be at most {limit} characters, got {got}",
                limit=max_length,
                got=len(value),
            )
            return None
        problem = unencodable(value)
        if problem is not None:
            self.add(path, problem)
            return None
        return value

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str | None:
        if not isinstance(value, str) or value not in options:
            self.add(
                path,
                "must be one of {options}, got {got}",
                options=", ".join(options),
                got=short_repr(value),
            )
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
