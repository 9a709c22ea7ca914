"""The scenario workbook's layout as data: which sheet holds which part of a scenario, and in
which column each field goes (the settings sheet's rows: ``workbook_settings``), with its header, unit
and number format. The writer (``simulator.present`` scenario_workbook) and the reader
(``workbook_read``) both follow these tables, so a new scenario field is added here, once:
a ``Column`` on the sheet of its part, or a ``Setting`` for a scenario-wide value.

Sheets, each with a header row (row 1, in the workbook's language, units in brackets) and a
key row (row 2: the column's key, which the reader goes by; headers may be edited freely):

* settings: one row per scenario-wide value (column A its key, D its value);
* one sheet per section of the plan: one row per subsidy line and year;
* own lines: one row per own budget line and year;
* indicators: one row per headline indicator; indicator effects: one row per effect;
* actuals: one row per observed value.

A column's ``path`` says where its value goes in the row's part (a line's assumptions, an
indicator's, an effect, an actual); ``YEAR`` stands for the row's year. ``scope`` FIRST
values (a line's basis, disbursement) are written once, in the line's first row. Read-only
columns (``path`` empty) show the plan's figures beside the assumptions; those marked
``checked`` (cap, rate, form, target) are refused when edited, the others are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .catalogue import Line
from .messages import N_
from .workbook_layout import (
    AMOUNT,
    FIRST,
    INTEGER,
    LIST,
    PERCENT,
    RATIO,
    TEXT,
    WHOLE,
    YEAR,
    Column,
)
from .years import YEARS, cohort_years, uptake_years

__all__ = [
    "ACTUAL_COLUMNS",
    "COUNT_TARGET_COLUMNS",
    "DEPARTMENT_COLUMNS",
    "EFFECT_COLUMNS",
    "INDICATOR_COLUMNS",
    "INVESTMENT_COLUMNS",
    "LINE_COLUMNS",
    "OWN_COLUMNS",
]


def _line_name(line: Any, _year: int | None, language: str) -> str:
    return str(line.name(language))


def _unit(line: Any, _year: int | None, language: str) -> str:
    return str(line.uptake_unit_zh if language == "zh" else line.uptake_unit_en)


def _has_cohort(year: int) -> Callable[[Line], bool]:
    """Whether a line has certificates of ``year`` before the plan (re-recognition)."""

    def has(line: Line) -> bool:
        return year in cohort_years(line)

    return has


#: A section sheet: one row per catalogue line and year.
LINE_COLUMNS = (
    Column("line", N_("Line id"), kind=TEXT, shown=lambda ln, y, lang: ln.id),
    Column("measure", N_("Measure"), kind=INTEGER, shown=lambda ln, y, lang: ln.measure),
    Column("name", N_("Line"), kind=TEXT, shown=_line_name),
    Column("year", N_("Year"), kind=INTEGER, shown=lambda ln, y, lang: y),
    Column("form", N_("Form"), kind=TEXT, shown=lambda ln, y, lang: ln.form, checked=True),
    Column(
        "cap_wan",
        N_("Cap"),
        N_("10k yuan"),
        shown=lambda ln, y, lang: ln.cap_wan,
        checked=True,
        number_format=AMOUNT,
    ),
    Column(
        "rate", N_("Rate"), shown=lambda ln, y, lang: ln.rate, checked=True, number_format=PERCENT
    ),
    Column("uptake_unit", N_("Uptake unit"), kind=TEXT, shown=_unit),
    Column(
        "uptake",
        N_("Uptake"),
        N_("see unit column"),
        path=("uptake", YEAR),
        years=uptake_years,
        number_format=AMOUNT,
    ),
    Column(
        "uptake_cv",
        N_("Uptake CV"),
        N_("ratio"),
        path=("uptake_cv", YEAR),
        years=uptake_years,
        number_format=RATIO,
    ),
    Column(
        "award_share.mean",
        N_("Award share of cap, mean"),
        path=("award_share", YEAR, "mean"),
        number_format=PERCENT,
    ),
    Column(
        "award_share.sd",
        N_("Award share of cap, sd"),
        path=("award_share", YEAR, "sd"),
        number_format=PERCENT,
    ),
    Column(
        "cost.mean_wan",
        N_("Cost per recipient, mean"),
        N_("10k yuan"),
        path=("cost", YEAR, "mean_wan"),
        number_format=AMOUNT,
    ),
    Column("cost.cv", N_("Cost CV"), N_("ratio"), path=("cost", YEAR, "cv"), number_format=RATIO),
    Column(
        "planned_rate",
        N_("Rate planned (at most the plan's)"),
        path=("rate",),
        scope=FIRST,
        number_format=PERCENT,
    ),
    Column(
        "renewal_rate",
        N_("Renewal rate"),
        path=("renewal_rate",),
        scope=FIRST,
        number_format=PERCENT,
    ),
    *(
        Column(
            f"cohorts_before_plan.{year}",
            N_("Certificates issued in {year} (before the plan)"),
            N_("certificates"),
            path=("cohorts_before_plan", str(year)),
            kind=INTEGER,
            scope=FIRST,
            has=_has_cohort(year),
            number_format=WHOLE,
            label_year=year,
        )
        for year in range(YEARS[0] - 3, YEARS[0])
    ),
    Column(
        "cohorts_before_plan.basis",
        N_("Certificates before the plan, basis"),
        kind=TEXT,
        path=("cohorts_before_plan", "basis"),
        scope=FIRST,
        width=40,
    ),
    Column(
        "award_rule.base.mean_wan",
        N_("Base per award, mean (2023 level)"),
        N_("10k yuan"),
        path=("award_rule", "base", "mean_wan"),
        scope=FIRST,
        number_format=AMOUNT,
    ),
    Column(
        "award_rule.base.cv",
        N_("Base per award, CV"),
        N_("ratio"),
        path=("award_rule", "base", "cv"),
        scope=FIRST,
        number_format=RATIO,
    ),
    Column(
        "award_rule.rate",
        N_("Award per unit of base"),
        N_("10k yuan per 10k yuan"),
        path=("award_rule", "rate"),
        scope=FIRST,
        number_format="General",
    ),
    Column(
        "award_rule.basis",
        N_("Award rule basis"),
        kind=TEXT,
        path=("award_rule", "basis"),
        scope=FIRST,
        width=40,
    ),
    Column(
        "disbursement",
        N_("Paid in year 1–10 after award"),
        N_("adding up to 100%"),
        path=("disbursement",),
        kind=LIST,
        scope=FIRST,
        size=10,
        number_format=PERCENT,
        width=8,
    ),
    Column("basis", N_("Basis"), kind=TEXT, path=("basis",), scope=FIRST, width=50),
    Column("note", N_("Note"), kind=TEXT, path=("note",), scope=FIRST, optional=True, width=30),
    Column(
        "clause",
        N_("Clause of the plan"),
        kind=TEXT,
        shown=lambda ln, y, lang: ln.clause.quote,
        width=50,
    ),
)

#: The own-lines sheet: one row per own budget line and year (every value the planner's).
OWN_COLUMNS = (
    Column("id", N_("Line id"), kind=TEXT, path=("id",)),
    Column("year", N_("Year"), kind=INTEGER),
    Column("measure", N_("Measure"), kind=INTEGER, path=("measure",), scope=FIRST),
    Column("name_zh", N_("Chinese name"), kind=TEXT, path=("name_zh",), scope=FIRST),
    Column("name_en", N_("English name"), kind=TEXT, path=("name_en",), scope=FIRST),
    Column("department", N_("Department"), kind=TEXT, path=("department",), scope=FIRST),
    Column(
        "uptake", N_("Yearly amount"), N_("10k yuan"), path=("uptake", YEAR), number_format=AMOUNT
    ),
    Column("uptake_cv", N_("CV"), N_("ratio"), path=("uptake_cv", YEAR), number_format=RATIO),
    *(c for c in LINE_COLUMNS if c.key in ("disbursement", "basis", "note")),
)


def _indicator_unit(item: Any, _year: int | None, language: str) -> str:
    return str(item.unit if language == "zh" else item.unit_en)


def _indicator_name(item: Any, _year: int | None, language: str) -> str:
    return str(item.name(language))


#: The indicators sheet: one row per headline indicator.
INDICATOR_COLUMNS = (
    Column("indicator", N_("Indicator id"), kind=TEXT, shown=lambda i, y, lang: i.id),
    Column("name", N_("Indicator"), kind=TEXT, shown=_indicator_name),
    Column("unit", N_("Unit"), kind=TEXT, shown=_indicator_unit),
    Column(
        "target_2028",
        N_("2028 target"),
        N_("see unit"),
        shown=lambda i, y, lang: i.target_2028,
        checked=True,
        number_format=AMOUNT,
    ),
    Column("start.year", N_("Start year"), kind=INTEGER, path=("start", "year")),
    Column(
        "start.value",
        N_("Start value"),
        N_("see unit"),
        path=("start", "value"),
        number_format=AMOUNT,
    ),
    Column("start.sd", N_("Start, sd"), N_("see unit"), path=("start", "sd"), number_format=AMOUNT),
    Column(
        "start.basis",
        N_("Start basis"),
        kind=TEXT,
        path=("start", "basis"),
        optional=True,
        width=40,
    ),
    Column(
        "trend.mean", N_("Yearly log growth, mean"), path=("trend", "mean"), number_format=RATIO
    ),
    Column("trend.sd", N_("Yearly log growth, sd"), path=("trend", "sd"), number_format=RATIO),
    Column(
        "trend.basis",
        N_("Trend basis"),
        kind=TEXT,
        path=("trend", "basis"),
        optional=True,
        width=40,
    ),
    Column("noise.sd", N_("Yearly noise, sd"), path=("noise", "sd"), number_format=RATIO),
    Column(
        "noise.persistence",
        N_("Yearly noise, persistence"),
        N_("−0.9–0.99"),
        path=("noise", "persistence"),
        number_format=RATIO,
    ),
    Column(
        "noise.df",
        N_("Noise sd, degrees of freedom"),
        N_("blank: sds known"),
        kind=INTEGER,
        path=("noise", "df"),
        optional=True,
    ),
    Column(
        "noise.basis",
        N_("Noise basis"),
        kind=TEXT,
        path=("noise", "basis"),
        optional=True,
        width=40,
    ),
    Column("basis", N_("Basis"), kind=TEXT, path=("basis",), width=50),
    Column("note", N_("Note"), kind=TEXT, path=("note",), optional=True, width=30),
    Column(
        "clause",
        N_("Clause of the plan"),
        kind=TEXT,
        shown=lambda i, y, lang: i.clause.quote,
        width=50,
    ),
)

#: The indicator-effects sheet: one row per effect of a line's awards or money on an
#: indicator; an indicator's effects in the order of their rows.
EFFECT_COLUMNS = (
    Column("indicator", N_("Indicator id"), kind=TEXT),
    Column("indicator_name", N_("Indicator"), kind=TEXT),
    Column("line", N_("Line id"), kind=TEXT, path=("line",)),
    Column("line_name", N_("Line"), kind=TEXT),
    Column(
        "per", N_("Per"), N_("award or wan"), kind=TEXT, path=("per",), choices=("award", "wan")
    ),
    Column(
        "mean", N_("Effect, mean"), N_("indicator's unit"), path=("mean",), number_format="General"
    ),
    Column("sd", N_("Effect, sd"), N_("indicator's unit"), path=("sd",), number_format="General"),
    Column(
        "above.value",
        N_("Pre-plan level"),
        N_("awards or 10k yuan a year"),
        path=("above", "value"),
        number_format="General",
    ),
    Column("above.basis", N_("Pre-plan level basis"), kind=TEXT, path=("above", "basis"), width=40),
    Column("basis", N_("Basis"), kind=TEXT, path=("basis",), width=50),
)

#: The departments sheet: one row per measure and responsible unit; a measure whose shares
#: are all blank goes to its lead unit in full.
DEPARTMENT_COLUMNS = (
    Column("measure", N_("Measure"), kind=INTEGER, path=("measure",)),
    Column("measure_name", N_("Measure title"), kind=TEXT),
    Column("unit", N_("Responsible unit"), kind=TEXT, path=("unit",), width=30),
    Column(
        "share",
        N_("Share of the measure's outlay"),
        N_("the units adding up to 100%"),
        path=("share",),
        optional=True,
        number_format=PERCENT,
    ),
)

#: The investments sheet: one row per line whose money is an investment that may return
#: (``investments.lines``; measure 22's 拨改投).
INVESTMENT_COLUMNS = (
    Column("line", N_("Line id"), kind=TEXT, path=("line",)),
    Column("name", N_("Line"), kind=TEXT),
    Column(
        "holding_years.mean",
        N_("Holding period, mean"),
        N_("years"),
        path=("holding_years", "mean"),
        number_format=RATIO,
    ),
    Column(
        "holding_years.sd",
        N_("Holding period, sd"),
        N_("years"),
        path=("holding_years", "sd"),
        number_format=RATIO,
    ),
    Column(
        "exit_probability",
        N_("Exit probability"),
        path=("exit_probability",),
        number_format=PERCENT,
    ),
    Column(
        "recovery_multiple.mean",
        N_("Recovery multiple, mean"),
        N_("×"),
        path=("recovery_multiple", "mean"),
        number_format=RATIO,
    ),
    Column(
        "recovery_multiple.sd",
        N_("Recovery multiple, sd"),
        N_("×"),
        path=("recovery_multiple", "sd"),
        number_format=RATIO,
    ),
    Column("basis", N_("Basis"), kind=TEXT, path=("basis",), width=50),
)

#: The count-targets sheet: one row per count target of the plan.
COUNT_TARGET_COLUMNS = (
    Column("target", N_("Target id"), kind=TEXT, shown=lambda t, y, lang: t.id),
    Column(
        "name",
        N_("Target name"),
        kind=TEXT,
        shown=lambda t, y, lang: t.name_zh if lang == "zh" else t.name_en,
    ),
    Column(
        "at_least",
        N_("Plan's target (at least)"),
        shown=lambda t, y, lang: t.at_least,
        checked=True,
        number_format=WHOLE,
    ),
    Column(
        "start_2023",
        N_("Stock at the end of 2023"),
        kind=INTEGER,
        path=("start_2023",),
        number_format=WHOLE,
    ),
    Column("per_award", N_("Added per award"), path=("per_award",), number_format="General"),
    Column(
        "other_per_year.mean",
        N_("Other additions a year, mean"),
        path=("other_per_year", "mean"),
        number_format="General",
    ),
    Column(
        "other_per_year.cv",
        N_("Other additions a year, CV"),
        N_("ratio"),
        path=("other_per_year", "cv"),
        number_format=RATIO,
    ),
    Column("basis", N_("Basis"), kind=TEXT, path=("basis",), width=50),
    Column(
        "clause",
        N_("Clause of the plan"),
        kind=TEXT,
        shown=lambda t, y, lang: t.clause.quote,
        width=50,
    ),
)

#: The actuals sheet (and the actuals template): one row per observed value.
ACTUAL_COLUMNS = (
    Column("kind", N_("Kind"), kind=TEXT, path=("kind",), choices=("indicator", "line", "measure")),
    Column("id", N_("Id"), kind=TEXT, path=("id",)),
    Column("year", N_("Year"), kind=INTEGER, path=("year",)),
    Column("value", N_("Value"), N_("see unit"), path=("value",), number_format=AMOUNT),
    Column("source", N_("Source"), kind=TEXT, path=("source",), width=30),
    Column("name", N_("Name"), kind=TEXT),
    Column("unit", N_("Unit"), kind=TEXT),
)
