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
from typing import Any

import numpy as np

from ..model import SPAN, STAT_NAMES, Results, atomic_write, formula_quoted
from .budget_tables import WORDS as BUDGET_WORDS
from .budget_tables import budget_rows
from .style import UNIT_EN, in_unit, money_unit

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
    "zh": {
        "item": "项目",
        "year": "年份",
        "unit": "单位",
        "mean": "均值",
        "p05": "P5",
        "p50": "P50(中位数)",
        "p95": "P95",
        "probability": "达成概率",
        "target": "2028年目标",
        "total": "预算支出合计",
        "all": "五项目标全部达成",
        "flag": "状态",
        "on_track": "有望达成",
        "at_risk": "存在风险",
        "off_track": "偏离目标",
        "envelope": "年度预算安排",
        "exceed": "超出预算安排的概率",
        "appropriation": "预算安排",
        "above": "支出超出预算安排",
        "count_target": "计划数量目标",
        "at_least": "不少于",
        "stock_unit": "{unit}(2028年)",
        "yearly_unit": "{unit}/年(每年)",
    },
    "en": {
        "item": "Item",
        "year": "Year",
        "unit": "Unit",
        "mean": "Mean",
        "p05": "P5",
        "p50": "P50 (median)",
        "p95": "P95",
        "probability": "Probability",
        "target": "2028 target",
        "total": "Total outlay",
        "all": "All five targets",
        "flag": "Status",
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "envelope": "Budget envelope",
        "exceed": "P(outlay > appropriation)",
        "appropriation": "Appropriation",
        "above": "Outlay above the appropriation",
        "count_target": "Count targets of the plan",
        "at_least": "At least",
        "stock_unit": "{unit} (2028)",
        "yearly_unit": "{unit} a year (every year)",
    },
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
    h = HEADERS["zh" if language == "zh" else "en"]
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
        unit = (
            _count_unit(target.name_zh)
            if language == "zh"
            else _COUNT_UNIT_EN[_count_unit(target.name_zh)]
        )
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


_COUNT_UNIT_EN = {"家": "laboratories", "项": "items"}


def _count_unit(name_zh: str) -> str:
    """The plan's unit of a count target: 家 for laboratories, 项 otherwise."""
    return "家" if "实验室" in name_zh else "项"


#: Column-3 headers of the summary table's blocks whose column 3 is a probability.
PERCENT_HEADERS = frozenset(
    [HEADERS[lang][key] for lang in HEADERS for key in ("probability", "exceed")]
    + [BUDGET_WORDS[lang]["probability"] for lang in BUDGET_WORDS]
)


def summary_rows(results: Results, language: str = "zh") -> list[list[Any]]:
    """The summary table as rows (first row: headers): total outlay per year and for
    2024–2028 (mean, P5, P50, P95), each target's probability, and, with an appropriation,
    the chance that each year's outlay exceeds it. Money is in one unit throughout the
    table, 万元 or 亿元 by the size of the yearly outlays."""
    h = HEADERS["zh" if language == "zh" else "en"]
    stats = results.outlay()
    unit = money_unit(stats["mean"][:-1])
    unit_label = unit if language == "zh" else UNIT_EN[unit]
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
