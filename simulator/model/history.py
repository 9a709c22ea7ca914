"""Qingdao's published yearly figures: the history the indicator model is fitted on.

The shipped file ``data/history-qingdao.csv`` holds every figure found with its source; a
planner's own file (the bureau's internal statistics) has the same columns::

    id,year,value,unit,definition,publisher,title,date,url,used,note

``id`` is a headline indicator of the catalogue (``tech_enterprises``, ``rd_expenditure``, …)
or a series of ``data/history-series.json`` (``high_tech_enterprises``, ``rd_intensity``, …),
and ``unit`` must be that series' unit exactly (``亿元``, ``家``, ``%``). Every row names its
source (publisher, title, date: ``2016-01-19``, ``2016-01``, ``2016`` or ``n.d.``; url where
there is one) and what the figure counts (``definition``). When two sources disagree both are
kept and ``used`` (``yes``/``no``) says which one the model uses: at most one row per id and
year is used. ``note`` records breaks in a series and how a figure was read.

A file is read like every other input (``reading.read_input``'s size limit, the RFC 4180
reader and the exact number parser of the actuals CSV); every problem is reported at once with
its row and column, as a ``ScenarioError`` (exit 2 on the command line, a dialog in the app).
Definitions and sources: docs/history.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .actuals import broken_cell, csv_records, decode_csv
from .catalogue import load_catalogue
from .numbers import NumberError, formula_unquoted, parse_number
from .problems import MAX_PROBLEMS, Message, Problem, ScenarioError, row_problem
from .reading import read_input

__all__ = [
    "HISTORY_COLUMNS",
    "MAX_HISTORY_ROWS",
    "History",
    "HistoryRow",
    "HistorySeries",
    "history_series",
    "load_history",
    "parse_history_csv",
    "shipped_history",
]

HISTORY_COLUMNS = (
    "id",
    "year",
    "value",
    "unit",
    "definition",
    "publisher",
    "title",
    "date",
    "url",
    "used",
    "note",
)
#: Cells that must not be empty (``url`` and ``note`` may be).
REQUIRED = ("id", "year", "value", "unit", "definition", "publisher", "title", "date", "used")
#: A history file holds at most this many rows (the shipped one has about 50).
MAX_HISTORY_ROWS = 10_000
#: Years a figure may be for.
FIRST_YEAR, LAST_YEAR = 1949, 2100
SHIPPED_NAME = "history-qingdao.csv"

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)


@dataclass(frozen=True)
class HistorySeries:
    """A series of the history: its id, names and unit; ``headline`` for the catalogue's
    headline indicators."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    unit_en: str
    headline: bool

    def name(self, language: str = "zh") -> str:
        return self.name_zh if language == "zh" else self.name_en


@dataclass(frozen=True)
class HistoryRow:
    """One published figure with its source. ``value`` is the number exactly as written
    (``value_text``); ``row`` is its row in the file (1 = the header)."""

    id: str
    year: int
    value: int | float
    value_text: str
    unit: str
    definition: str
    publisher: str
    title: str
    date: str
    url: str
    used: bool
    note: str
    row: int

    @property
    def source(self) -> str:
        """The source in one line: publisher, title, date and address."""
        parts = [self.publisher, f"«{self.title}»", self.date]
        return ", ".join(parts + ([self.url] if self.url else []))

    def cells(self) -> list[str]:
        """The row's cells in the order of ``HISTORY_COLUMNS``."""
        return [
            self.id,
            str(self.year),
            self.value_text,
            self.unit,
            self.definition,
            self.publisher,
            self.title,
            self.date,
            self.url,
            "yes" if self.used else "no",
            self.note,
        ]


@dataclass(frozen=True)
class History:
    """The rows of a history file and the series they belong to. ``source`` names the file
    (``history-qingdao.csv (shipped)`` for the shipped one)."""

    rows: tuple[HistoryRow, ...]
    source: str
    series_info: dict[str, HistorySeries] = field(repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids that have rows, headline indicators first, in the order of the series."""
        present = {row.id for row in self.rows}
        return tuple(i for i in self.series_info if i in present)

    def info(self, id: str) -> HistorySeries:
        """The names and unit of a series (KeyError for an unknown id)."""
        return self.series_info[id]

    def rows_of(self, id: str) -> list[HistoryRow]:
        """Every row of a series, used or not, by year."""
        return sorted((r for r in self.rows if r.id == id), key=lambda r: (r.year, not r.used))

    def series(self, id: str) -> dict[int, float]:
        """{year: value} of the rows the model uses (``used`` = yes), by year."""
        return {
            r.year: float(r.value)
            for r in sorted(self.rows, key=lambda r: r.year)
            if r.id == id and r.used
        }

    def used_row(self, id: str, year: int) -> HistoryRow | None:
        """The row the model uses for a series and year, or None."""
        for row in self.rows:
            if row.id == id and row.year == year and row.used:
                return row
        return None

    def sources(self, id: str) -> list[str]:
        """The distinct sources of a series' used rows (publisher and title), in year order."""
        seen: dict[str, None] = {}
        for row in self.rows_of(id):
            if row.used:
                seen.setdefault(f"{row.publisher}, «{row.title}»", None)
        return list(seen)


# ------------------------------------------------------------------------------- the series
def history_series() -> dict[str, HistorySeries]:
    """Every series a history row may belong to: the catalogue's headline indicators, then the
    series of ``data/history-series.json`` (each id defined once)."""
    series: dict[str, HistorySeries] = {}
    for indicator in load_catalogue().indicators:
        series[indicator.id] = HistorySeries(
            indicator.id,
            indicator.name_zh,
            indicator.name_en,
            indicator.unit,
            indicator.unit_en,
            True,
        )
    path = resources.files("simulator.model").joinpath("data", "history-series.json")
    for item in json.loads(path.read_text(encoding="utf-8"))["series"]:
        if item["id"] in series:
            raise ValueError(f"history-series.json: {item['id']} is defined twice")
        series[item["id"]] = HistorySeries(
            item["id"], item["name_zh"], item["name_en"], item["unit"], item["unit_en"], False
        )
    return series


# ------------------------------------------------------------------------------- reading
class _Problems:
    """Problems of a file, by row and column, at most ``MAX_PROBLEMS``."""

    def __init__(self, source: str, header: list[str]):
        self.source, self.header = source, header
        self.found: list[tuple[int, int, Problem]] = []
        self.more = False

    def add(self, row: int, column: int, message: Message) -> None:
        if len(self.found) >= MAX_PROBLEMS:
            self.more = True
            return
        name = self.name(column) if column >= 0 else None
        self.found.append((row, column, row_problem(self.source, row, name, message)))

    def name(self, column: int) -> str | Message:
        if column < len(self.header) and self.header[column]:
            return self.header[column]
        return Message("column {number}", number=column + 1)

    def raise_any(self) -> None:
        if self.found:
            problems = [p for _, _, p in sorted(self.found, key=lambda f: f[:2])]
            if self.more:
                problems.append(
                    Problem(
                        "",
                        "{source}: more problems not listed (at most {limit})",
                        source=self.source,
                        limit=MAX_PROBLEMS,
                    )
                )
            raise ScenarioError(problems, self.source)


def _whole(source: str, message: Message) -> ScenarioError:
    return ScenarioError(
        [Problem("", "{source}: {problem}", source=source, problem=message)], source
    )


def _check_date(text: str) -> Message | None:
    """Why a date cell is not a date (None when it is one)."""
    if text.lower() == "n.d.":
        return None
    match = _DATE.fullmatch(text)
    if not match:
        return Message(
            "must be a date like 2016-01-19, 2016-01 or 2016, or n.d. (undated), got {got}",
            got=repr(text),
        )
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        Date(year, month, day)
    except ValueError:
        return Message("is not a date of the calendar: {got}", got=repr(text))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return Message(
            "must be between {first} and {last}, got {got}",
            first=FIRST_YEAR,
            last=LAST_YEAR,
            got=repr(text),
        )
    return None


def _row(
    cells: list[str], row: int, series: dict[str, HistorySeries], problems: _Problems
) -> HistoryRow | None:
    """A data row as a HistoryRow, or None after adding its problems."""
    text = {name: formula_unquoted(cells[i].strip()) for i, name in enumerate(HISTORY_COLUMNS)}
    before = len(problems.found)
    for name in REQUIRED:
        if not text[name]:
            problems.add(row, HISTORY_COLUMNS.index(name), Message("is empty; every row needs one"))
    info = series.get(text["id"])
    if text["id"] and info is None:
        known = ", ".join(series)
        problems.add(
            row, 0, Message("unknown series {id}; known: {known}", id=repr(text["id"]), known=known)
        )
    numbers: dict[str, int | float] = {}
    for name in ("year", "value"):
        if text[name]:
            try:
                numbers[name] = parse_number(text[name])
            except NumberError as exc:
                problems.add(row, HISTORY_COLUMNS.index(name), exc.what)
    year = numbers.get("year")
    if year is not None and (not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR):
        problems.add(
            row,
            1,
            Message(
                "must be a whole year between {first} and {last}", first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
    value = numbers.get("value")
    if value is not None and value < 0:
        problems.add(row, 2, Message("must be 0 or more, got {got}", got=text["value"]))
    if info is not None and text["unit"] and text["unit"] != info.unit:
        problems.add(
            row,
            3,
            Message(
                "must be {unit} (the unit of {id}), got {got}",
                unit=repr(info.unit),
                id=info.id,
                got=repr(text["unit"]),
            ),
        )
    if text["date"] and (why := _check_date(text["date"])):
        problems.add(row, 7, why)
    if text["url"] and not _URL.fullmatch(text["url"]):
        problems.add(
            row,
            8,
            Message(
                "must be an address starting http:// or https://, got {got}", got=repr(text["url"])
            ),
        )
    used = text["used"].lower()
    if used and used not in ("yes", "no"):
        problems.add(row, 9, Message("must be yes or no, got {got}", got=repr(text["used"])))
    if len(problems.found) > before or problems.more or year is None or value is None:
        return None
    return HistoryRow(
        id=text["id"],
        year=int(year),
        value=value,
        value_text=text["value"],
        unit=text["unit"],
        definition=text["definition"],
        publisher=text["publisher"],
        title=text["title"],
        date=text["date"],
        url=text["url"],
        used=used == "yes",
        note=text["note"],
        row=row,
    )


def parse_history_csv(content: bytes | str, source: str = "history.csv") -> History:
    """The history in a CSV file's bytes or text. Raises ScenarioError listing every problem
    with its row and column (see the module's docstring for the rules)."""
    series = history_series()
    records = enumerate(csv_records(decode_csv(content, source)), start=1)
    first = next(records, None)
    if first is None:
        raise _whole(source, Message("the file is empty"))
    header = [cell.strip().lower().lstrip("\ufeff") for cell in first[1][0]]
    if tuple(header) != HISTORY_COLUMNS or first[1][1] is not None:
        shown = ",".join(header)
        shown = shown if len(shown) <= 200 else shown[:197] + "..."
        raise _whole(
            source,
            Message(
                "the first row must be {expected}, got {got}",
                expected=",".join(HISTORY_COLUMNS),
                got=shown,
            ),
        )
    problems = _Problems(source, header)
    rows: list[HistoryRow] = []
    used_at: dict[tuple[str, int], int] = {}
    for row, (cells, broken) in records:
        if broken is not None:
            problems.add(row, broken[0], broken_cell(broken[1]))
            continue
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        if len(cells) != len(HISTORY_COLUMNS):
            count, width = len(cells), len(HISTORY_COLUMNS)
            problems.add(
                row,
                -1,
                Message(
                    "{count} cells, but the first row has {width} (an unquoted comma, e.g. a "
                    "thousands separator or a comma in a text, splits a cell; put such a cell "
                    "in double quotes)",
                    count=count,
                    width=width,
                )
                if count > width
                else Message(
                    "{count} cells, but the first row has {width}", count=count, width=width
                ),
            )
            continue
        if len(rows) >= MAX_HISTORY_ROWS:
            raise _whole(
                source,
                Message(
                    "at most {limit:,} rows; row {row} is one more", limit=MAX_HISTORY_ROWS, row=row
                ),
            )
        item = _row(cells, row, series, problems)
        if item is None:
            continue
        if item.used:
            key = (item.id, item.year)
            if key in used_at:
                problems.add(
                    row,
                    9,
                    Message(
                        "{id} {year} is already used at row {other}: at most one "
                        "row per id and year says yes (keep the other source with no)",
                        id=item.id,
                        year=item.year,
                        other=used_at[key],
                    ),
                )
                continue
            used_at[key] = row
        rows.append(item)
    problems.raise_any()
    return History(tuple(rows), source, series)


def load_history(path: str | Path | None = None) -> History:
    """The shipped history (``path`` None), or a planner's own history CSV (read with the
    size limit of every input; ScenarioError naming each problem's row and column)."""
    if path is None:
        resource = resources.files("simulator.model").joinpath("data", SHIPPED_NAME)
        return parse_history_csv(resource.read_bytes(), f"{SHIPPED_NAME} (shipped)")
    path = Path(path)
    return parse_history_csv(read_input(path), path.name)


@lru_cache(maxsize=1)
def shipped_history() -> History:
    """The shipped history, read once (treat it as read-only)."""
    return load_history()
