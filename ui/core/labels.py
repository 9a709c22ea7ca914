"""How things are named on screen: catalogue names in the chosen language, numbers, and the
readable labels of undoable edits ("2026年 行业共性技术攻关项目 申报数 12 → 15")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.model import shipped_scenario_path

from ..i18n import QT_TR_NOOP, language, pick, tr

#: Settings named by their path in the scenario (edit labels translate them at run time).
SETTING_NAMES = (
    QT_TR_NOOP("draws"),
    QT_TR_NOOP("seed"),
    QT_TR_NOOP("sampler"),
    QT_TR_NOOP("name"),
    QT_TR_NOOP("description"),
)

FORM_NAMES = {
    "cap_per_award": QT_TR_NOOP("cap per award"),
    "construction_period": QT_TR_NOOP("paid over the construction period"),
    "share_of_cost": QT_TR_NOOP("share of cost, capped"),
    "share_of_investment": QT_TR_NOOP("share of investment"),
    "indicator_based": QT_TR_NOOP("award follows an indicator"),
    "first_recognition": QT_TR_NOOP("first recognition"),
    "re_recognition": QT_TR_NOOP("re-recognition"),
    "uncapped": QT_TR_NOOP("uncapped, case by case"),
    "amount_not_stated": QT_TR_NOOP("amount not stated in the plan (own figure)"),
}

SAMPLER_NAMES = {
    "pseudo": QT_TR_NOOP("pseudo-random"),
    "sobol": QT_TR_NOOP("Sobol (quasi-random)"),
    "lhs": QT_TR_NOOP("Latin hypercube"),
}


def form_name(form: str) -> str:
    return tr(FORM_NAMES.get(form, form))


def sampler_name(sampler: str) -> str:
    return tr(SAMPLER_NAMES.get(sampler, sampler))


def line_name(line, lang: str | None = None) -> str:
    return pick(lang, line.name_zh, line.name_en)


def measure_name(measure, lang: str | None = None) -> str:
    return f"{measure.number}. {pick(lang, measure.title_zh, measure.title_en)}"


def section_name(section, lang: str | None = None) -> str:
    if (lang or language()) == "zh":
        return f"{section.id}、{section.title_zh}"
    return section.title_en


def department_name(catalogue, department: str, lang: str | None = None) -> str:
    return pick(lang, department, catalogue.departments.get(department, department))


def indicator_name(indicator, lang: str | None = None) -> str:
    return pick(lang, indicator.name_zh, indicator.name_en)


def indicator_unit(indicator, lang: str | None = None) -> str:
    return pick(lang, indicator.unit, indicator.unit_en)


def uptake_unit(line, lang: str | None = None) -> str:
    return pick(lang, line.uptake_unit_zh, line.uptake_unit_en)


def lines_count(n: int) -> str:
    """'2 lines', '1 line' or 'no money rule'."""
    if n == 0:
        return tr("no money rule")
    return tr("1 line") if n == 1 else tr("{n} lines").format(n=n)


def is_shipped(path: Path | str | None) -> bool:
    """True when ``path`` is one of the scenario files shipped with qdplan."""
    if not path:
        return False
    path = Path(path)
    try:
        return path.resolve() == shipped_scenario_path(path.stem).resolve()
    except (ValueError, OSError):  # not a shipped name, or a path that cannot be resolved
        return False


def shipped_label(path: Path | str) -> str:
    """A shipped scenario file as the app names it: 'baseline.json (shipped with qdplan)'."""
    return tr("{file} (shipped with qdplan)").format(file=Path(path).name)


def format_number(value: Any) -> str:
    """A compact, readable number: 12, 0.35, 1,200, 40 / 30 / 30 for a profile."""
    if isinstance(value, (list, tuple)):
        return " / ".join(f"{100 * v:g}" for v in value) + "%"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.1f}"
    return f"{value:.4g}"


def format_percent(p: float) -> str:
    return f"{100 * p:.1f}%"


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


LINE_FIELDS = {
    "uptake_cv": QT_TR_NOOP("spread"),
    "disbursement": QT_TR_NOOP("disbursement"),
    "renewal_rate": QT_TR_NOOP("renewal rate"),
    "cohorts_before_plan": QT_TR_NOOP("certificates issued"),
    "rate": QT_TR_NOOP("rate"),
    "award_rule": QT_TR_NOOP("award rule"),
}


def line_setting(line, field: str, last: str) -> str:
    """A line's setting in words: ``field`` of its assumptions (``last``: the final key of
    the path, e.g. 'mean' of award_share.mean)."""
    if field == "uptake":
        return tr("amount") if line is not None and not line.counts_awards else tr("awards")
    if field == "award_share":
        return tr("award share mean") if last == "mean" else tr("award share sd")
    if field == "cost":
        return tr("cost mean") if last == "mean_wan" else tr("cost CV")
    return tr(LINE_FIELDS.get(field, field))


def indicator_setting(field: str, last: str, effect_line: str = "") -> str:
    """An indicator's setting in words (``effect_line``: the line's name of an effect)."""
    if field == "effects":
        key = {
            "mean": QT_TR_NOOP("effect of {line} (mean)"),
            "sd": QT_TR_NOOP("effect of {line} (sd)"),
        }.get(last, QT_TR_NOOP("effect of {line} (pre-plan level)"))
        return tr(key).format(line=effect_line)
    if field == "noise":
        if last == "df":
            return tr("noise sd degrees of freedom")
        return tr("noise sd") if last == "sd" else tr("noise persistence")
    if field == "start":
        return tr("start value") if last == "value" else tr("start sd")
    if field == "trend":
        return tr("trend mean") if last == "mean" else tr("trend sd")
    return field


def edit_label(scenario, path: tuple, old: Any, new: Any) -> str:
    """A readable label for changing the setting at ``path`` from ``old`` to ``new``."""
    catalogue = scenario.catalogue
    o, n = format_number(old), format_number(new)
    head = path[0]
    if head in ("lines", "own_lines"):
        if head == "lines":
            line = catalogue.line(path[1])
        else:
            line = catalogue.line(scenario.get(("own_lines", path[1], "id")))
        name = line_name(line)
        field = path[2]
        year = path[3] if len(path) > 3 else None
        what = line_setting(line, field, str(path[-1]))
        if year is not None and str(year).isdigit():
            return tr("{year} {line}: {what} {old} → {new}").format(
                year=year, line=name, what=what, old=o, new=n
            )
        return tr("{line}: {what} {old} → {new}").format(line=name, what=what, old=o, new=n)
    if head == "indicators":
        indicator = catalogue.indicator(path[1])
        rest = path[2:]
        effect_line = ""
        if rest[0] == "effects":
            effect_line = line_name(
                catalogue.line(scenario.get(("indicators", path[1], "effects", rest[1], "line")))
            )
        what = indicator_setting(str(rest[0]), str(rest[-1]), effect_line)
        return tr("{indicator}: {what} {old} → {new}").format(
            indicator=indicator_name(indicator), what=what, old=o, new=n
        )
    if head == "uptake_multiplier":
        what = tr("uptake multiplier")
    elif head == "common_factor":
        what = tr("common factor loading")
    elif head == "simulation":
        what = tr(path[1])
        if path[1] == "sampler":
            o, n = sampler_name(old), sampler_name(new)
    elif head in ("name", "description"):
        return tr("Edit {what}").format(what=tr(head))
    else:
        what = ".".join(map(str, path))
    return tr("{what} {old} → {new}").format(what=what, old=o, new=n)
