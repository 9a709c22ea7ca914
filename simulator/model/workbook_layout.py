"""The building blocks of the scenario workbook's layout (``workbook_fields`` holds the
tables): a ``Column`` of a sheet, a ``Setting`` of the settings sheet, which cells of a line
hold a field (``applies``), and the sheets' names in Chinese and English."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .catalogue import Catalogue, Line
from .line_checks import line_keys
from .messages import translate
from .years import YEARS

__all__ = [
    "AMOUNT",
    "FIRST",
    "INTEGER",
    "LIST",
    "NUMBER",
    "PERCENT",
    "RATIO",
    "ROW",
    "TEXT",
    "WHOLE",
    "YEAR",
    "Column",
    "Setting",
    "applies",
    "column_keys",
    "section_sheet_names",
    "sheet_names",
]

#: In a path: the row's year.
YEAR = "{year}"
#: Kinds of value: a number, a whole number, text, or a list of numbers over ``size`` columns.
NUMBER, INTEGER, TEXT, LIST = "number", "integer", "text", "list"
#: Where a value is given: in every row, or once per line in its first row.
ROW, FIRST = "row", "first"
#: Number formats (the values stay exact; only their display differs).
PERCENT, RATIO, AMOUNT, WHOLE = "0.0%", "0.00", "#,##0.0##", "0"

Shown = Callable[[Any, int | None, str], Any]


@dataclass(frozen=True)
class Column:
    """One column of a sheet (a LIST spans ``size`` columns, keys ``key.1`` … ``key.n``)."""

    key: str
    label: str  # an English message (translated where shown), ``{year}``: label_year
    unit: str = ""  # an English message
    path: tuple[str, ...] = ()
    kind: str = NUMBER
    scope: str = ROW
    optional: bool = False  # a blank cell leaves the key out (else it is reported empty)
    years: Callable[[Line], tuple[int, ...]] | None = None  # line sheets: its years
    has: Callable[[Line], bool] | None = None  # line sheets: whether a line has it at all
    shown: Shown | None = None  # read-only: the value shown, from (item, year, language)
    checked: bool = False  # read-only figure of the plan: an edited value is refused
    size: int = 1
    number_format: str = "General"
    width: int = 0  # characters (a CJK character counts two); 0: fit the contents
    choices: tuple[str, ...] = ()  # offered as a drop-down list (the validation decides)
    label_year: int | str | None = None

    @property
    def editable(self) -> bool:
        return bool(self.path)

    def name(self, language: str) -> str:
        return _label(self.label, self.label_year, language)

    def header(self, language: str) -> str:
        name, unit = self.name(language), translate(self.unit, language) if self.unit else ""
        return f"{name} ({unit})" if unit else name


@dataclass(frozen=True)
class Setting:
    """One row of the settings sheet: a scenario-wide value at ``path``."""

    path: tuple[str, ...]
    label: str  # an English message (translated where shown), ``{year}``: label_year
    unit: str = ""  # an English message
    kind: str = NUMBER
    optional: bool = False
    locked: bool = False  # written for the reader, not for editing (versions)
    number_format: str = "General"
    choices: tuple[str, ...] = ()  # offered as a drop-down list (the validation decides)
    label_year: int | str | None = None

    @property
    def key(self) -> str:
        return ".".join(self.path)

    def name(self, language: str) -> str:
        return _label(self.label, self.label_year, language)

    def unit_text(self, language: str) -> str:
        return translate(self.unit, language) if self.unit else ""


def _label(label: str, year: int | str | None, language: str) -> str:
    text = translate(label, language)
    return text.format(year=year) if year is not None else text


def column_keys(column: Column) -> tuple[str, ...]:
    """The keys of the cells of a column (a LIST has one per element)."""
    if column.kind == LIST:
        return tuple(f"{column.key}.{i}" for i in range(1, column.size + 1))
    return (column.key,)


def applies(column: Column, line: Line, year: int, first: bool) -> bool:
    """Whether a line's row holds this column's value: its form has the field, the year is
    one of the field's years, and a FIRST value only in the line's first row."""
    if not column.editable:
        return True
    required, optional = line_keys(line)
    if column.path[0] not in required + optional:
        return False
    if column.has is not None and not column.has(line):
        return False
    if column.scope == FIRST:
        return first
    return year in (column.years(line) if column.years else YEARS)


# ------------------------------------------------------------------------------- the sheets
def sheet_names(language: str) -> dict[str, str]:
    """The fixed sheets' names in a language (a section sheet's: ``section_sheet_names``).
    Part of the file format, not messages: a workbook is read back by the sheet names of
    either language, so a translation must not change them."""
    zh = {
        "about": "说明",
        "settings": "情景设置",
        "own_lines": "自定预算项目",
        "indicators": "指标假设",
        "effects": "指标效应",
        "departments": "部门分摊",
        "count_targets": "数量目标",
        "investments": "投资回收",
        "actuals": "实际值",
    }
    en = {
        "about": "About",
        "settings": "Settings",
        "own_lines": "Own lines",
        "indicators": "Indicators",
        "effects": "Indicator effects",
        "departments": "Departments",
        "count_targets": "Count targets",
        "investments": "Investments",
        "actuals": "Actuals",
    }
    return zh if language == "zh" else en


_NUMERALS = "一二三四五六七八九十"
_NOT_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})


def section_sheet_names(catalogue: Catalogue, language: str) -> dict[str, str]:
    """{section id: its sheet's name}: the section's number and the first part of its title,
    at most 31 characters (as Excel allows), cut at a word's end."""
    names = {}
    for section in catalogue.sections:
        if language == "zh":
            name = f"{section.id}、{re.split('[,，]', section.title_zh)[0]}"
        else:
            number = _NUMERALS.index(section.id) + 1 if section.id in _NUMERALS else section.id
            name = f"{number} {section.title_en}"
        name = name.translate(_NOT_IN_SHEET_NAMES)
        if len(name) > 31:
            name = name[:31]
            name = name[: name.rfind(" ")] if " " in name[2:] else name
        names[section.id] = name.strip()
    return names
