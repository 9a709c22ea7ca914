"""Tables for reports: the summary table, CSV files Excel opens, tab-separated text to paste.

Money is kept in 万元 in the model; tables show 万元 or 亿元 (1 亿元 = 10,000 万元) by size.

Every CSV and tab-separated text qdplan writes (the command line's ``--csv``, the app's CSV
exports and clipboard copies) goes through ``rows_to_csv_bytes`` or ``rows_to_tsv``, and so
through ``safe_cell``: numbers stay numbers, and text a spreadsheet would run as a formula
(OWASP "CSV injection": a cell beginning with ``=``, ``+``, ``-``, ``@``, tab, carriage return
or line feed, also after leading spaces, or with their full-width forms) gets a leading ``'``.
Text that is a plain number (``-5``, ``-1,200.5``, ``-12.5%``: what the app's tables show) is
not quoted: a spreadsheet reads it as that number, which cannot run anything.

Numbers in these tables are rounded to their unit's precision (``UNIT_DECIMALS``): money to
0.01 万元 (100 yuan) or 0.0001 亿元 (1 万元), counts of enterprises, platforms and brokers
(家, 名) to whole numbers, probabilities (fractions) to 0.0001 (0.01 percentage point).
"""

from __future__ import annotations

import csv
import io
import json
import math
import numbers
import re
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..model import (
    N_,
    SPAN,
    STAT_NAMES,
    Results,
    atomic_write,
    formula_quoted,
    translate,
    translated,
)
from .budget_tables import WORDS as BUDGET_WORDS
from .budget_tables import budget_rows
from .style import in_unit, money_unit, unit_name

__all__ = [
    "HEADERS",
    "PROBABILITY_DECIMALS",
    "UNIT_DECIMALS",
    "detail_rows",
    "in_precision",
    "rows_to_csv_bytes",
    "rows_to_tsv",
    "safe_cell",
    "summary_rows",
    "write_csv",
    "write_json",
]

HEADERS = {
    "item": N_("Item"),
    "year": N_("Year"),
    "unit": N_("Unit"),
    "mean": N_("Mean"),
    "p05": N_("P5"),
    "p50": N_("Median"),
    "p95": N_("P95"),
    "probability": N_("Probability"),
    "target": N_("2028 target"),
    "total": N_("Total outlay"),
    "all": N_("All five targets"),
    "flag": N_("Status"),
    "on_track": N_("on track"),
    "at_risk": N_("at risk"),
    "off_track": N_("off track"),
    "envelope": N_("Budget envelope"),
    "exceed": N_("P(outlay > appropriation)"),
    "appropriation": N_("Appropriation"),
    "above": N_("Outlay above the appropriation"),
    "count_target": N_("Count targets of the plan"),
    "at_least": N_("At least"),
    "stock_unit": N_("{unit} (2028)"),
    "yearly_unit": N_("{unit} a year"),
}


#: Decimals a table keeps of a value in each unit the catalogue uses (tests/test_cli.py checks
#: that every unit of the catalogue is here): money to 100 yuan or 1 万元, counts whole.
UNIT_DECIMALS = {"万元": 2, "亿元": 4, "家": 0, "名": 0}
#: Decimals of a probability (a fraction): 0.01 percentage point.
PROBABILITY_DECIMALS = 4


def in_precision(value: float, unit: str) -> float | int:
    """``value`` rounded to the precision of ``unit`` (``UNIT_DECIMALS``; an unknown unit
    keeps 4 decimals); whole counts as int. Not finite: as it is."""
    if not math.isfinite(value):
        return value
    decimals = UNIT_DECIMALS.get(unit, 4)
    if decimals == 0:
        return int(round(value))
    return round(float(value), decimals) + 0.0  # + 0.0: no "-0.0" in a table


def count_target_rows(results: Results, language: str = "zh") -> list[list[Any]]:
    """The plan's count targets (laboratories, measure 10's yearly counts): a blank row, a
    header, then per target its name, figure (≥), unit, probability and flag."""
    h = translated(HEADERS, language)
    summaries = results.count_targets()
    if not summaries:
        return []
    rows: list[list[Any]] = [
        [],
        [h["count_target"], h["at_least"], h["unit"], h["probability"], h["flag"]],
    ]
    for target in results.catalogue.count_targets:
        summary = summaries.get(target.id)
        if summary is None:
            continue
        unit = count_unit(target, language)
        unit = h["yearly_unit" if target.per_year else "stock_unit"].format(unit=unit)
        p = summary["probability"]
        rows.append(
            [
                target.name_zh if language == "zh" else target.name_en,
                target.at_least,
                unit,
                round(p, 4),
                h[results.flag(p)],
            ]
        )
    return rows


#: The plan's count units in words (Chinese: the plan's own 家 and 项).
_COUNT_UNITS = {"家": N_("laboratories"), "项": N_("items")}


class _CountTarget(Protocol):
    @property
    def name_zh(self) -> str: ...


def count_unit(target: _CountTarget, language: str) -> str:
    """The plan's unit of a count target in ``language``: 家 (laboratories) for the
    laboratories, 项 (items) otherwise; shown after the figure wherever it is printed."""
    plan_unit = "家" if "实验室" in target.name_zh else "项"
    return translate(_COUNT_UNITS[plan_unit], language)


#: Column-3 headers of the summary table's blocks whose column 3 is a probability.
PERCENT_HEADERS = frozenset(
    [HEADERS["probability"], HEADERS["exceed"], BUDGET_WORDS["probability"]]
)


def is_percent_header(text: str, language: str) -> bool:
    """Whether ``text`` (a column-3 header of the summary table in ``language``) heads a
    column of probabilities."""
    return any(translate(header, language) == text for header in PERCENT_HEADERS)


def summary_rows(results: Results, language: str = "zh") -> list[list[Any]]:
    """The summary table as rows (first row: headers): total outlay per year and for
    2024–2028 (mean, P5, P50, P95), each target's probability, and, with an appropriation,
    the chance that each year's outlay exceeds it. Money is in one unit throughout the
    table, 万元 or 亿元 by the size of the yearly outlays."""
    h = translated(HEADERS, language)
    stats = results.outlay()
    unit = money_unit(stats["mean"][:-1])
    unit_label = unit_name(unit, language)
    rows: list[list[Any]] = [
        [h["item"], h["year"], h["unit"], h["mean"], h["p05"], h["p50"], h["p95"]]
    ]
    labels = [str(y) for y in results.years] + [SPAN]
    for i, label in enumerate(labels):
        rows.append(
            [h["total"], label, unit_label]
            + [
                in_precision(in_unit(stats[name][i], unit), unit)
                for name in ("mean", "p05", "p50", "p95")
            ]
        )
    rows.append([])
    rows.append([h["item"], h["target"], h["unit"], h["probability"], h["flag"]])
    for indicator in results.catalogue.indicators:
        p = results.target_probability(indicator.id)
        rows.append(
            [
                indicator.name(language),
                indicator.target_2028,
                indicator.unit if language == "zh" else indicator.unit_en,
                round(p, PROBABILITY_DECIMALS),
                h[results.flag(p)],
            ]
        )
    p_all = results.all_targets_probability()
    rows.append([h["all"], "", "", round(p_all, PROBABILITY_DECIMALS), h[results.flag(p_all)]])
    rows += count_target_rows(results, language)
    exceedance = results.appropriation_exceedance()
    appropriation = results.scenario.appropriation
    if exceedance is not None and appropriation is not None:
        rows.append([])
        rows.append([h["envelope"], h["year"], h["unit"], h["exceed"], h["appropriation"]])
        for year in sorted(exceedance):
            rows.append(
                [
                    h["above"],
                    year,
                    unit_label,
                    round(exceedance[year], PROBABILITY_DECIMALS),
                    in_precision(in_unit(appropriation[year], unit), unit),
                ]
            )
    return rows + budget_rows(results, language)


def safe_cell(value: Any) -> Any:
    """A cell as it goes into a CSV or tab-separated file: a finite int or float (numpy's
    too) as it is, however negative; None as empty; anything else as text, with a leading
    ``'`` when a spreadsheet could run it as a formula (``simulator.model.formula_quoted``;
    the actuals reader takes the quote off again)."""
    if isinstance(value, (numbers.Integral, float, np.floating)) and not isinstance(value, bool):
        if not isinstance(value, numbers.Integral) and not math.isfinite(value):
            return formula_quoted(str(value))
        return value
    if value is None:
        return ""
    return formula_quoted(str(value))


def rows_to_csv_bytes(rows: list[list[Any]]) -> bytes:
    """CSV as UTF-8 with a byte-order mark, so that Excel shows Chinese correctly; every
    cell through ``safe_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# a tab or a line break would split a cell when pasted: they become spaces
_TSV_BREAKS = re.compile("[\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def rows_to_tsv(rows: list[list[Any]]) -> str:
    """Tab-separated text that pastes into a spreadsheet cell by cell; every cell through
    ``safe_cell``, tabs and line breaks inside a cell as spaces."""

    def cell(value: Any) -> str:
        return _TSV_BREAKS.sub(" ", str(safe_cell(value)))

    return "\n".join("\t".join(cell(v) for v in row) for row in rows) + "\n"


def write_csv(rows: list[list[Any]], path: str | Path) -> None:
    """Write rows as a UTF-8-with-BOM CSV atomically; raises ScenarioSaveError on failure."""
    atomic_write(path, rows_to_csv_bytes(rows))


def detail_rows(results: Results) -> list[list[Any]]:
    """Every series (line, measure, section, department, total, indicator) and year, with
    mean and percentiles; the long table `qdplan run --csv` writes (values in 万元 or the
    indicator's unit, rounded to its precision: ``in_precision``)."""
    rows: list[list[Any]] = [["quantity", "level", "id", "name_zh", "name_en", "year", *STAT_NAMES]]
    units = {i.id: i.unit for i in results.catalogue.indicators}
    for row in results.rows():
        unit = units[row["id"]] if row["level"] == "indicator" else "万元"
        rows.append(
            [
                row["quantity"],
                row["level"],
                row["id"],
                row["name_zh"],
                row["name_en"],
                row["year"],
                *[in_precision(row[n], unit) for n in STAT_NAMES],
            ]
        )
    return rows


def write_json(results: Results, path: str | Path) -> None:
    data = json.dumps(results.to_dict(), ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, data.encode("utf-8"))
