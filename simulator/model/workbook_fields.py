"""The scenario workbook's layout as data: which sheet holds which part of a scenario, and in
which column (or, on the settings sheet, which row) each field goes, with its header, unit
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
    Setting,
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
    "NULLABLE",
    "OWN_COLUMNS",
    "SETTINGS",
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
    Column("line", "项目编号", "Line id", kind=TEXT, shown=lambda ln, y, lang: ln.id),
    Column("measure", "措施", "Measure", kind=INTEGER, shown=lambda ln, y, lang: ln.measure),
    Column("name", "项目名称", "Line", kind=TEXT, shown=_line_name),
    Column("year", "年份", "Year", kind=INTEGER, shown=lambda ln, y, lang: y),
    Column("form", "资金形式", "Form", kind=TEXT, shown=lambda ln, y, lang: ln.form, checked=True),
    Column(
        "cap_wan",
        "上限",
        "Cap",
        "万元",
        "10k yuan",
        shown=lambda ln, y, lang: ln.cap_wan,
        checked=True,
        number_format=AMOUNT,
    ),
    Column(
        "rate",
        "比例",
        "Rate",
        shown=lambda ln, y, lang: ln.rate,
        checked=True,
        number_format=PERCENT,
    ),
    Column("uptake_unit", "申报量单位", "Uptake unit", kind=TEXT, shown=_unit),
    Column(
        "uptake",
        "年度申报量",
        "Uptake",
        "见单位列",
        "see unit column",
        path=("uptake", YEAR),
        years=uptake_years,
        number_format=AMOUNT,
    ),
    Column(
        "uptake_cv",
        "申报量变异系数",
        "Uptake CV",
        "比值",
        "ratio",
        path=("uptake_cv", YEAR),
        years=uptake_years,
        number_format=RATIO,
    ),
    Column(
        "award_share.mean",
        "单项金额占上限比例 均值",
        "Award share of cap, mean",
        path=("award_share", YEAR, "mean"),
        number_format=PERCENT,
    ),
    Column(
        "award_share.sd",
        "单项金额占上限比例 标准差",
        "Award share of cap, sd",
        path=("award_share", YEAR, "sd"),
        number_format=PERCENT,
    ),
    Column(
        "cost.mean_wan",
        "单项费用 均值",
        "Cost per recipient, mean",
        "万元",
        "10k yuan",
        path=("cost", YEAR, "mean_wan"),
        number_format=AMOUNT,
    ),
    Column(
        "cost.cv",
        "单项费用变异系数",
        "Cost CV",
        "比值",
        "ratio",
        path=("cost", YEAR, "cv"),
        number_format=RATIO,
    ),
    Column(
        "planned_rate",
        "资助比例(规划, 不超过计划比例)",
        "Rate planned (at most the plan's)",
        path=("rate",),
        scope=FIRST,
        number_format=PERCENT,
    ),
    Column(
        "renewal_rate",
        "再次认定比例",
        "Renewal rate",
        path=("renewal_rate",),
        scope=FIRST,
        number_format=PERCENT,
    ),
    *(
        Column(
            f"cohorts_before_plan.{year}",
            f"{year}年发证数(计划前)",
            f"Certificates issued in {year} (before the plan)",
            "张",
            "certificates",
            path=("cohorts_before_plan", str(year)),
            kind=INTEGER,
            scope=FIRST,
            has=_has_cohort(year),
            number_format=WHOLE,
        )
        for year in range(YEARS[0] - 3, YEARS[0])
    ),
    Column(
        "cohorts_before_plan.basis",
        "计划前发证数依据",
        "Certificates before the plan, basis",
        kind=TEXT,
        path=("cohorts_before_plan", "basis"),
        scope=FIRST,
        width=40,
    ),
    Column(
        "award_rule.base.mean_wan",
        "单项基数 均值(2023年水平)",
        "Base per award, mean (2023 level)",
        "万元",
        "10k yuan",
        path=("award_rule", "base", "mean_wan"),
        scope=FIRST,
        number_format=AMOUNT,
    ),
    Column(
        "award_rule.base.cv",
        "单项基数变异系数",
        "Base per award, CV",
        "比值",
        "ratio",
        path=("award_rule", "base", "cv"),
        scope=FIRST,
        number_format=RATIO,
    ),
    Column(
        "award_rule.rate",
        "奖补占基数比例",
        "Award per unit of base",
        "万元/万元",
        "10k yuan per 10k yuan",
        path=("award_rule", "rate"),
        scope=FIRST,
        number_format="General",
    ),
    Column(
        "award_rule.basis",
        "奖补规则依据",
        "Award rule basis",
        kind=TEXT,
        path=("award_rule", "basis"),
        scope=FIRST,
        width=40,
    ),
    Column(
        "disbursement",
        "拨付比例 第1–10年",
        "Paid in year 1–10 after award",
        "合计100%",
        "adding up to 100%",
        path=("disbursement",),
        kind=LIST,
        scope=FIRST,
        size=10,
        number_format=PERCENT,
        width=8,
    ),
    Column("basis", "依据", "Basis", kind=TEXT, path=("basis",), scope=FIRST, width=50),
    Column("note", "备注", "Note", kind=TEXT, path=("note",), scope=FIRST, optional=True, width=30),
    Column(
        "clause",
        "计划条款",
        "Clause of the plan",
        kind=TEXT,
        shown=lambda ln, y, lang: ln.clause.quote,
        width=50,
    ),
)

#: The own-lines sheet: one row per own budget line and year (every value the planner's).
OWN_COLUMNS = (
    Column("id", "项目编号", "Line id", kind=TEXT, path=("id",)),
    Column("year", "年份", "Year", kind=INTEGER),
    Column("measure", "措施", "Measure", kind=INTEGER, path=("measure",), scope=FIRST),
    Column("name_zh", "中文名称", "Chinese name", kind=TEXT, path=("name_zh",), scope=FIRST),
    Column("name_en", "英文名称", "English name", kind=TEXT, path=("name_en",), scope=FIRST),
    Column("department", "部门", "Department", kind=TEXT, path=("department",), scope=FIRST),
    Column(
        "uptake",
        "年度预算数",
        "Yearly amount",
        "万元",
        "10k yuan",
        path=("uptake", YEAR),
        number_format=AMOUNT,
    ),
    Column(
        "uptake_cv",
        "变异系数",
        "CV",
        "比值",
        "ratio",
        path=("uptake_cv", YEAR),
        number_format=RATIO,
    ),
    *(c for c in LINE_COLUMNS if c.key in ("disbursement", "basis", "note")),
)


def _indicator_unit(item: Any, _year: int | None, language: str) -> str:
    return str(item.unit if language == "zh" else item.unit_en)


def _indicator_name(item: Any, _year: int | None, language: str) -> str:
    return str(item.name(language))


#: The indicators sheet: one row per headline indicator.
INDICATOR_COLUMNS = (
    Column("indicator", "指标编号", "Indicator id", kind=TEXT, shown=lambda i, y, lang: i.id),
    Column("name", "指标名称", "Indicator", kind=TEXT, shown=_indicator_name),
    Column("unit", "单位", "Unit", kind=TEXT, shown=_indicator_unit),
    Column(
        "target_2028",
        "2028年目标",
        "2028 target",
        "见单位列",
        "see unit",
        shown=lambda i, y, lang: i.target_2028,
        checked=True,
        number_format=AMOUNT,
    ),
    Column("start.year", "起点年份", "Start year", kind=INTEGER, path=("start", "year")),
    Column(
        "start.value",
        "起点值",
        "Start value",
        "见单位列",
        "see unit",
        path=("start", "value"),
        number_format=AMOUNT,
    ),
    Column(
        "start.sd",
        "起点 标准差",
        "Start, sd",
        "见单位列",
        "see unit",
        path=("start", "sd"),
        number_format=AMOUNT,
    ),
    Column(
        "start.basis",
        "起点依据",
        "Start basis",
        kind=TEXT,
        path=("start", "basis"),
        optional=True,
        width=40,
    ),
    Column(
        "trend.mean",
        "对数年增长 均值",
        "Yearly log growth, mean",
        path=("trend", "mean"),
        number_format=RATIO,
    ),
    Column(
        "trend.sd",
        "对数年增长 标准差",
        "Yearly log growth, sd",
        path=("trend", "sd"),
        number_format=RATIO,
    ),
    Column(
        "trend.basis",
        "趋势依据",
        "Trend basis",
        kind=TEXT,
        path=("trend", "basis"),
        optional=True,
        width=40,
    ),
    Column(
        "noise.sd",
        "年度波动 标准差",
        "Yearly noise, sd",
        path=("noise", "sd"),
        number_format=RATIO,
    ),
    Column(
        "noise.persistence",
        "年度波动 持续性",
        "Yearly noise, persistence",
        "−0.9–0.99",
        "−0.9–0.99",
        path=("noise", "persistence"),
        number_format=RATIO,
    ),
    Column(
        "noise.basis",
        "波动依据",
        "Noise basis",
        kind=TEXT,
        path=("noise", "basis"),
        optional=True,
        width=40,
    ),
    Column("basis", "依据", "Basis", kind=TEXT, path=("basis",), width=50),
    Column("note", "备注", "Note", kind=TEXT, path=("note",), optional=True, width=30),
    Column(
        "clause",
        "计划条款",
        "Clause of the plan",
        kind=TEXT,
        shown=lambda i, y, lang: i.clause.quote,
        width=50,
    ),
)

#: The indicator-effects sheet: one row per effect of a line's awards or money on an
#: indicator; an indicator's effects in the order of their rows.
EFFECT_COLUMNS = (
    Column("indicator", "指标编号", "Indicator id", kind=TEXT),
    Column("indicator_name", "指标名称", "Indicator", kind=TEXT),
    Column("line", "项目编号", "Line id", kind=TEXT, path=("line",)),
    Column("line_name", "项目名称", "Line", kind=TEXT),
    Column(
        "per",
        "按",
        "Per",
        "award 或 wan",
        "award or wan",
        kind=TEXT,
        path=("per",),
        choices=("award", "wan"),
    ),
    Column(
        "mean",
        "效应 均值",
        "Effect, mean",
        "指标单位",
        "indicator's unit",
        path=("mean",),
        number_format="General",
    ),
    Column(
        "sd",
        "效应 标准差",
        "Effect, sd",
        "指标单位",
        "indicator's unit",
        path=("sd",),
        number_format="General",
    ),
    Column(
        "above.value",
        "计划前水平",
        "Pre-plan level",
        "每年项数或万元",
        "awards or 10k yuan a year",
        path=("above", "value"),
        number_format="General",
    ),
    Column(
        "above.basis",
        "计划前水平依据",
        "Pre-plan level basis",
        kind=TEXT,
        path=("above", "basis"),
        width=40,
    ),
    Column("basis", "依据", "Basis", kind=TEXT, path=("basis",), width=50),
)

#: The departments sheet: one row per measure and responsible unit; a measure whose shares
#: are all blank goes to its lead unit in full.
DEPARTMENT_COLUMNS = (
    Column("measure", "措施", "Measure", kind=INTEGER, path=("measure",)),
    Column("measure_name", "措施名称", "Measure title", kind=TEXT),
    Column("unit", "责任单位", "Responsible unit", kind=TEXT, path=("unit",), width=30),
    Column(
        "share",
        "支出分摊比例",
        "Share of the measure's outlay",
        "各单位合计100%",
        "adding up to 100%",
        path=("share",),
        optional=True,
        number_format=PERCENT,
    ),
)

#: The investments sheet: one row per line whose money is an investment that may return
#: (``investments.lines``; measure 22's 拨改投).
INVESTMENT_COLUMNS = (
    Column("line", "项目编号", "Line id", kind=TEXT, path=("line",)),
    Column("name", "项目名称", "Line", kind=TEXT),
    Column(
        "holding_years.mean",
        "持有年限 均值",
        "Holding period, mean",
        "年",
        "years",
        path=("holding_years", "mean"),
        number_format=RATIO,
    ),
    Column(
        "holding_years.sd",
        "持有年限 标准差",
        "Holding period, sd",
        "年",
        "years",
        path=("holding_years", "sd"),
        number_format=RATIO,
    ),
    Column(
        "exit_probability",
        "退出概率",
        "Exit probability",
        path=("exit_probability",),
        number_format=PERCENT,
    ),
    Column(
        "recovery_multiple.mean",
        "回收倍数 均值",
        "Recovery multiple, mean",
        "倍",
        "×",
        path=("recovery_multiple", "mean"),
        number_format=RATIO,
    ),
    Column(
        "recovery_multiple.sd",
        "回收倍数 标准差",
        "Recovery multiple, sd",
        "倍",
        "×",
        path=("recovery_multiple", "sd"),
        number_format=RATIO,
    ),
    Column("basis", "依据", "Basis", kind=TEXT, path=("basis",), width=50),
)

#: The count-targets sheet: one row per count target of the plan.
COUNT_TARGET_COLUMNS = (
    Column("target", "目标编号", "Target id", kind=TEXT, shown=lambda t, y, lang: t.id),
    Column(
        "name",
        "目标名称",
        "Target",
        kind=TEXT,
        shown=lambda t, y, lang: t.name_zh if lang == "zh" else t.name_en,
    ),
    Column(
        "at_least",
        "计划目标(不少于)",
        "Plan's target (at least)",
        shown=lambda t, y, lang: t.at_least,
        checked=True,
        number_format=WHOLE,
    ),
    Column(
        "start_2023",
        "2023年底存量",
        "Stock at the end of 2023",
        kind=INTEGER,
        path=("start_2023",),
        number_format=WHOLE,
    ),
    Column(
        "per_award",
        "每项资助新增数",
        "Added per award",
        path=("per_award",),
        number_format="General",
    ),
    Column(
        "other_per_year.mean",
        "其他年新增数 均值",
        "Other additions a year, mean",
        path=("other_per_year", "mean"),
        number_format="General",
    ),
    Column(
        "other_per_year.cv",
        "其他年新增数 变异系数",
        "Other additions a year, CV",
        "比值",
        "ratio",
        path=("other_per_year", "cv"),
        number_format=RATIO,
    ),
    Column("basis", "依据", "Basis", kind=TEXT, path=("basis",), width=50),
    Column(
        "clause",
        "计划条款",
        "Clause of the plan",
        kind=TEXT,
        shown=lambda t, y, lang: t.clause.quote,
        width=50,
    ),
)

#: The actuals sheet (and the actuals template): one row per observed value.
ACTUAL_COLUMNS = (
    Column(
        "kind",
        "类别",
        "Kind",
        kind=TEXT,
        path=("kind",),
        choices=("indicator", "line", "measure"),
    ),
    Column("id", "编号", "Id", kind=TEXT, path=("id",)),
    Column("year", "年份", "Year", kind=INTEGER, path=("year",)),
    Column(
        "value",
        "实际值",
        "Value",
        "见单位列",
        "see unit",
        path=("value",),
        number_format=AMOUNT,
    ),
    Column("source", "来源", "Source", kind=TEXT, path=("source",), width=30),
    Column("name", "名称", "Name", kind=TEXT),
    Column("unit", "单位", "Unit", kind=TEXT),
)

_DISPLAY_YEARS = tuple(str(y) for y in YEARS)

#: The settings sheet: one row per scenario-wide value.
SETTINGS = (
    Setting(("schema_version",), "文件格式版本", "Schema version", kind=INTEGER, locked=True),
    Setting(("catalogue_version",), "计划目录版本", "Catalogue version", kind=TEXT, locked=True),
    Setting(("name",), "情景名称", "Scenario name", kind=TEXT),
    Setting(("description",), "情景说明", "Description", kind=TEXT),
    Setting(
        ("simulation", "draws"), "模拟次数", "Draws", "次", "draws", INTEGER, number_format="#,##0"
    ),
    Setting(("simulation", "seed"), "随机种子", "Seed", kind=INTEGER, number_format=WHOLE),
    Setting(
        ("simulation", "sampler"),
        "抽样方法",
        "Sampler",
        kind=TEXT,
        choices=("pseudo", "sobol", "lhs"),
    ),
    Setting(
        ("uptake_multiplier",), "申报量总系数", "Uptake multiplier", "倍", "×", number_format=RATIO
    ),
    Setting(
        ("common_factor", "loading"),
        "共同波动载荷",
        "Common factor loading",
        "0–0.99",
        "0–0.99",
        number_format=RATIO,
    ),
    Setting(("common_factor", "basis"), "共同波动依据", "Common factor basis", kind=TEXT),
    Setting(
        ("persistence", "uptake"),
        "申报量波动的年际持续性",
        "Uptake shocks, year-to-year persistence",
        "0–0.99",
        "0–0.99",
        number_format=RATIO,
    ),
    Setting(
        ("persistence", "common"),
        "共同波动的年际持续性",
        "Common factor, year-to-year persistence",
        "0–0.99",
        "0–0.99",
        number_format=RATIO,
    ),
    Setting(("persistence", "basis"), "持续性依据", "Persistence basis", kind=TEXT),
    Setting(
        ("rationing", "policy"),
        "超出预算时的分配方式",
        "Rationing policy",
        kind=TEXT,
        choices=("none", "proportional", "priority"),
    ),
    Setting(
        ("rationing", "priority"),
        "优先顺序(措施编号)",
        "Priority (measure numbers, first served first)",
        "如 14, 10, 1",
        "e.g. 14, 10, 1",
        kind=TEXT,
        optional=True,
    ),
    Setting(
        ("rationing", "backlog_cap_wan"),
        "待付上限(空=不设)",
        "Backlog cap (blank: none)",
        "万元",
        "10k yuan",
        optional=True,
        number_format=AMOUNT,
    ),
    Setting(("rationing", "basis"), "分配方式依据", "Rationing basis", kind=TEXT),
    Setting(("investments", "basis"), "投资回收依据", "Investments basis", kind=TEXT),
    Setting(
        ("department_shares", "basis"),
        "部门分摊依据",
        "Department shares basis",
        kind=TEXT,
        optional=True,
    ),
    Setting(
        ("count_targets", "basis"), "数量目标依据", "Count targets basis", kind=TEXT, optional=True
    ),
    Setting(
        ("flag_thresholds", "on_track"),
        "有望达成阈值",
        "On track from",
        "达成概率",
        "probability",
        number_format=PERCENT,
    ),
    Setting(
        ("flag_thresholds", "at_risk"),
        "存在风险阈值",
        "At risk from",
        "达成概率",
        "probability",
        number_format=PERCENT,
    ),
    Setting(("flag_thresholds", "basis"), "阈值依据", "Thresholds basis", kind=TEXT, optional=True),
    Setting(
        ("appropriation", "basis"),
        "预算安排依据",
        "Appropriation basis",
        kind=TEXT,
        optional=True,
    ),
    *(
        Setting(
            ("appropriation", "wan", year),
            f"{year}年预算安排",
            f"Appropriation {year}",
            "万元",
            "10k yuan",
            optional=True,
            number_format=AMOUNT,
        )
        for year in _DISPLAY_YEARS
    ),
)

#: Top-level parts that are null (not given) when every cell of theirs is blank.
NULLABLE = ("appropriation",)
