"""A run's results as an Excel workbook (``qdplan run --xlsx``, and Export in the app).

Sheets: the summary (the run, the total outlay by year, each target's probability and
status, and the chance of exceeding the appropriation), then one sheet per level of the
outlays (line, measure, section, department, total: mean and percentiles by year, in 万元)
and one of the indicators (in each one's unit). Numbers are stored as numbers with a number
format in their unit (money ``#,##0.0``, probabilities ``0.0%``); the header rows stay in
view; columns are as wide as their contents, a Chinese character counting two. Every text
goes through ``simulator.model.sheet_text`` (never a formula).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ..model import N_, SPAN, STAT_NAMES, Results, __version__, translate, translated
from .tables import HEADERS
from .workbook import fit_columns, new_sheet, new_workbook, put, put_header, save_workbook

__all__ = ["results_workbook", "write_results_workbook"]

MONEY, PROBABILITY, VALUE = "#,##0.0", "0.0%", "#,##0.0##"
LEVELS = ("line", "measure", "section", "department", "total")
WORDS: dict[str, str] = {
    "summary": N_("Summary"),
    "line": N_("By line"),
    "measure": N_("By measure"),
    "section": N_("By section"),
    "department": N_("By department"),
    "total": N_("Total"),
    "indicators": N_("Indicators"),
    "id": N_("Id"),
    "name": N_("Name"),
    "unit": N_("Unit"),
    "scenario": N_("Scenario"),
    "draws": N_("Draws"),
    "seed": N_("Seed"),
    "sampler": N_("Sampler"),
    "version": N_("qdplan version"),
    "catalogue": N_("Catalogue version"),
    "outlay": N_("Outlay (10k yuan)"),
    "money": N_("10k yuan"),
    "after": N_("Paid after 2028 (mean)"),
    "mean": N_("Mean"),
}


def _stat(words: dict[str, str], name: str) -> str:
    """A statistic's header: the mean in words, percentiles as P5 … P95."""
    return words["mean"] if name == "mean" else f"P{int(name[1:])}"


def _year(label: str) -> int | str:
    """A year label as a number (the span 2024–2028 stays text)."""
    return int(label) if label.isdigit() else ("2024–2028" if label == SPAN else label)


def _bold(sheet: Worksheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _summary(book: Workbook, results: Results, language: str) -> None:
    w, h = translated(WORDS, language), translated(HEADERS, language)
    sheet = new_sheet(book, w["summary"])
    put_header(sheet, 1, [w["scenario"], results.scenario.name])
    info = [
        (w["draws"], results.draws, "#,##0"),
        (w["seed"], results.seed, "0"),
        (w["sampler"], results.sampler, None),
        (w["catalogue"], results.catalogue.version, None),
        (w["version"], __version__, None),
    ]
    row = 2
    for label, value, number_format in info:
        put(sheet, row, 1, label)
        put(sheet, row, 2, value, number_format)
        row += 1
    row += 1
    stats = results.outlay()
    labels = [str(y) for y in results.years] + [SPAN]
    put(sheet, row, 1, w["outlay"])
    for column, name in enumerate(("mean", "p05", "p50", "p95"), start=3):
        put(sheet, row, column, _stat(w, name))
    put(sheet, row, 2, h["year"])
    _bold(sheet, row)
    for i, label in enumerate(labels):
        row += 1
        put(sheet, row, 1, h["total"])
        put(sheet, row, 2, _year(label))
        for column, name in enumerate(("mean", "p05", "p50", "p95"), start=3):
            put(sheet, row, column, float(stats[name][i]), MONEY)
    row += 1
    put(sheet, row, 1, w["after"])
    put(sheet, row, 3, results.after_horizon_mean(), MONEY)
    row += 2
    for column, text in enumerate(
        [h["item"], h["target"], h["unit"], h["probability"], h["flag"]], start=1
    ):
        put(sheet, row, column, text)
    _bold(sheet, row)
    for indicator in results.catalogue.indicators:
        row += 1
        p = results.target_probability(indicator.id)
        unit = indicator.unit if language == "zh" else indicator.unit_en
        for column, value, number_format in (
            (1, indicator.name(language), None),
            (2, indicator.target_2028, VALUE),
            (3, unit, None),
            (4, p, PROBABILITY),
            (5, h[results.flag(p)], None),
        ):
            put(sheet, row, column, value, number_format)
    row += 1
    p_all = results.all_targets_probability()
    put(sheet, row, 1, h["all"])
    put(sheet, row, 4, p_all, PROBABILITY)
    put(sheet, row, 5, h[results.flag(p_all)])
    exceedance = results.appropriation_exceedance()
    appropriation = results.scenario.appropriation
    if exceedance is not None and appropriation is not None:
        row += 2
        for column, text in enumerate(
            [h["envelope"], h["year"], f"{h['appropriation']} ({w['money']})"],
            start=1,
        ):
            put(sheet, row, column, text)
        put(sheet, row, 4, h["exceed"])
        _bold(sheet, row)
        for year in sorted(exceedance):
            row += 1
            put(sheet, row, 1, h["above"])
            put(sheet, row, 2, _year(str(year)))
            put(sheet, row, 3, appropriation[str(year)], MONEY)
            put(sheet, row, 4, exceedance[year], PROBABILITY)
    fit_columns(sheet)
    sheet.freeze_panes = "A2"


def _series_sheet(
    book: Workbook, name: str, rows: list[dict[str, Any]], language: str, unit: str | None
) -> None:
    """One level of the outlays (unit 万元) or the indicators (unit column)."""
    w = translated(WORDS, language)
    h = translated(HEADERS, language)
    stats = [_stat(w, n) for n in STAT_NAMES]
    money = unit is None
    suffix = f" ({w['money']})" if money else ""
    headers = [w["id"], w["name"], h["year"]] + ([] if money else [w["unit"]])
    headers += [f"{s}{suffix}" for s in stats]
    sheet = new_sheet(book, name)
    put_header(sheet, 1, headers)
    name_key = "name_zh" if language == "zh" else "name_en"
    for r, entry in enumerate(rows, start=2):
        values: list[Any] = [entry["id"], entry[name_key], _year(entry["year"])]
        if not money:
            values.append(entry["unit"])
        first_stat = len(values) + 1
        for c, value in enumerate(values, start=1):
            put(sheet, r, c, value)
        for c, stat in enumerate(STAT_NAMES, start=first_stat):
            put(sheet, r, c, float(entry[stat]), MONEY if money else VALUE)
    fit_columns(sheet)
    sheet.freeze_panes = "C2"


def results_workbook(results: Results, language: str = "zh") -> Workbook:
    """The results workbook (headers, names and sheet names in ``language``)."""
    language = "zh" if language == "zh" else "en"
    book = new_workbook()
    _summary(book, results, language)
    by_level: dict[str, list[dict[str, Any]]] = {level: [] for level in LEVELS}
    indicators: list[dict[str, Any]] = []
    units = {
        i.id: (i.unit if language == "zh" else i.unit_en) for i in results.catalogue.indicators
    }
    for row in results.rows():
        if row["level"] == "indicator":
            indicators.append({**row, "unit": units[row["id"]]})
        else:
            by_level[row["level"]].append(row)
    for level in LEVELS:
        _series_sheet(book, translate(WORDS[level], language), by_level[level], language, None)
    _series_sheet(book, translate(WORDS["indicators"], language), indicators, language, "unit")
    return book


def write_results_workbook(results: Results, path: str | Path, language: str = "zh") -> None:
    """Write the results workbook atomically; raises ScenarioSaveError on failure."""
    save_workbook(results_workbook(results, language), path)
