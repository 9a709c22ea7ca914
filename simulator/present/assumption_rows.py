"""The assumptions of a scenario that differ from another, as rows a reader understands: a
labelled assumption (with its unit), the year, the line or indicator it belongs to, and the
two values written out (a disbursement profile as percentages, an added own line or effect
summarised in words), never a field name of the file or a Python dict. The briefing report's
assumptions pages print them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import N_, Scenario, assumption_differences, translate, translated

__all__ = ["FIELD_LABELS", "difference_rows"]

#: Every assumption a scenario file holds, by its field (the keys of its path, without ids,
#: years and list positions), in Chinese and English. ``{unit}``: the line's uptake unit.
FIELD_LABELS: dict[str, str] = {
    "uptake": N_("Uptake ({unit} a year)"),
    "uptake_cv": N_("Uptake spread (coefficient of variation)"),
    "award_share.mean": N_("Award size, share of the cap (mean)"),
    "award_share.sd": N_("Award size, share of the cap (sd)"),
    "cost.mean_wan": N_("Eligible cost per recipient (mean, 10k yuan)"),
    "cost.cv": N_("Eligible cost (coefficient of variation)"),
    "disbursement": N_("Disbursement (share paid each year after the award)"),
    "renewal_rate": N_("Renewal rate at re-recognition"),
    "measure": N_("Measure"),
    "department": N_("Department"),
    "uptake_multiplier": N_("Uptake multiplier (all lines)"),
    "common_factor.loading": N_("Common factor loading"),
    "flag_thresholds.on_track": N_("Probability threshold: on track"),
    "flag_thresholds.at_risk": N_("Probability threshold: at risk"),
    "appropriation": N_("Yearly appropriation (10k yuan)"),
    "appropriation.wan": N_("Yearly appropriation (10k yuan)"),
    "start_2023.mean": N_("Start value 2023 (mean)"),
    "start_2023.sd": N_("Start value 2023 (sd)"),
    "start.year": N_("Start year"),
    "start.value": N_("Start value"),
    "start.sd": N_("Start value (sd)"),
    "trend.mean": N_("Yearly trend (mean log growth)"),
    "trend.sd": N_("Yearly trend (sd of log growth)"),
    "noise_sd": N_("Yearly noise (sd)"),
    "noise.sd": N_("Yearly noise (sd)"),
    "noise.persistence": N_("Yearly noise, persistence"),
    "effects.above": N_("Effect: pre-plan level"),
    "effects.above.value": N_("Effect: pre-plan level (awards or 10k yuan a year)"),
    "persistence.uptake": N_("Uptake shocks, year-to-year persistence"),
    "persistence.common": N_("Common factor, year-to-year persistence"),
    "cohorts_before_plan": N_("Certificates issued before the plan"),
    "rate": N_("Rate paid (at most the plan's)"),
    "award_rule.base.mean_wan": N_("Base per award (mean at the 2023 level, 10k yuan)"),
    "award_rule.base.cv": N_("Base per award (coefficient of variation)"),
    "award_rule.base": N_("Base per award"),
    "award_rule.rate": N_("Award per unit of base"),
    "award_rule": N_("Award rule (paid from an indicator)"),
    "department_shares": N_("Share of a measure's outlay by department"),
    "count_targets": N_("Count target assumptions"),
    "count_targets.start_2023": N_("Stock at the end of 2023"),
    "count_targets.per_award": N_("Added per award"),
    "count_targets.other_per_year": N_("Other additions a year"),
    "count_targets.other_per_year.mean": N_("Other additions a year (mean)"),
    "count_targets.other_per_year.cv": N_("Other additions a year (coefficient of variation)"),
    "effects": N_("Effect of a line"),
    "effects.mean": N_("Effect of a line (mean)"),
    "effects.sd": N_("Effect of a line (sd)"),
    "effects.line": N_("Effect: the line"),
    "effects.per": N_("Effect: counted per"),
    "own_line": N_("Own budget line"),
}
_PER = {"award": N_("per award"), "wan": N_("per 10k yuan paid")}
_WORDS = {
    "added": N_(" (added)"),
    "removed": N_(" (removed)"),
    "none": N_("—"),
    "a_year": N_("10k yuan a year"),
}


def _number(value: float) -> str:
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _label(field: str, language: str, unit: str = "") -> str:
    label = FIELD_LABELS.get(field)
    text = translate(label, language) if label else field.replace("_", " ")
    return text.format(unit=unit or translate(N_("awards"), language))


def _per_year(values: Mapping[str, Any]) -> str:
    """'12' when every year is the same, else '2024: 12; 2025: 15; …'."""
    numbers = [values[y] for y in sorted(values)]
    if numbers and all(isinstance(v, (int, float)) for v in numbers) and len(set(numbers)) == 1:
        return _number(float(numbers[0]))
    return "; ".join(f"{y}: {_value(values[y], '', 'en')}" for y in sorted(values))


def _value(value: Any, field: str, language: str, scenario: Scenario | None = None) -> str:
    """A value as the reader sees it, by what it is."""
    if value is None:
        return translate(_WORDS["none"], language)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(float(value))
    if field == "disbursement" and isinstance(value, list):
        return " / ".join(f"{100 * float(v):g}%" for v in value)
    if field.endswith("per") and isinstance(value, str) and value in _PER:
        return translate(_PER[value], language)
    if field.endswith("line") and isinstance(value, str) and scenario is not None:
        return _line_name(scenario, value, language)
    if isinstance(value, Mapping):
        if field in ("appropriation",) and "wan" in value:
            return _per_year(value["wan"])
        if field == "effects":
            return _effect(value, language, scenario)
        if all(str(k).isdigit() for k in value):
            return _per_year(value)
        if field == "department_shares":
            return "; ".join(
                f"{_unit(scenario, str(k), language)} {_percent(v)}" for k, v in value.items()
            )
        parts = []
        for k, v in value.items():
            if k in ("basis", "note"):
                continue
            sub = f"{field}.{k}"
            known = sub in FIELD_LABELS
            parts.append(
                f"{_label(sub if known else str(k), language)} "
                f"{_value(v, sub if known else str(k), language, scenario)}"
            )
        return "; ".join(parts)
    if isinstance(value, list):
        return " / ".join(_value(v, field, language, scenario) for v in value)
    return str(value)


def _percent(value: Any) -> str:
    return f"{100 * float(value):g}%" if isinstance(value, (int, float)) else str(value)


def _unit(scenario: Scenario | None, name: str, language: str) -> str:
    """A responsible unit in the language shown (the file holds its Chinese name)."""
    if language == "zh" or scenario is None:
        return name
    return scenario.catalogue.departments.get(name, name)


def _line_name(scenario: Scenario, line_id: str, language: str) -> str:
    if scenario.catalogue.has_line(line_id):
        return scenario.catalogue.line(line_id).name(language)
    return line_id


def _effect(effect: Mapping[str, Any], language: str, scenario: Scenario | None) -> str:
    line = effect.get("line")
    name = _line_name(scenario, line, language) if scenario and isinstance(line, str) else line
    per = str(effect.get("per"))
    per = translate(_PER[per], language) if per in _PER else ""
    spread = f" ± {_number(float(effect['sd']))}" if effect.get("sd") is not None else ""
    return f"{name}: {_number(float(effect.get('mean') or 0.0))}{spread} {per}".strip()


def _own_line(entry: Mapping[str, Any], language: str, departments: Mapping[str, str]) -> str:
    """An own line in words: '500 万元/年 (2024–2028), spread 0.2, paid 100%'."""
    words = translated(_WORDS, language)
    parts = [f"{_per_year(entry.get('uptake', {}))} {words['a_year']}"]
    if entry.get("uptake_cv"):
        parts.append(f"{_label('uptake_cv', language)} {_per_year(entry['uptake_cv'])}")
    if entry.get("disbursement"):
        parts.append(
            f"{_label('disbursement', language)} {_value(entry['disbursement'], 'disbursement', language)}"
        )
    if entry.get("department"):
        parts.append(
            f"{_label('department', language)} {_department(entry, language, departments)}"
        )
    return "; ".join(parts)


def _department(entry: Mapping[str, Any], language: str, departments: Mapping[str, str]) -> str:
    """The department in the language shown (the file holds its Chinese name)."""
    name = str(entry.get("department", ""))
    return name if language == "zh" else departments.get(name, name)


def _own_name(entry: Mapping[str, Any], language: str) -> str:
    return str(entry.get("name_zh" if language == "zh" else "name_en") or entry.get("id", ""))


def _own_line_rows(old: Scenario, new: Scenario, language: str) -> list[list[str]]:
    """Own lines matched by id (not by their place in the file): added, removed, changed."""
    words = translated(_WORDS, language)
    before = {e["id"]: e for e in old.get(("own_lines",))}
    after = {e["id"]: e for e in new.get(("own_lines",))}
    rows: list[list[str]] = []
    for line_id, entry in after.items():
        if line_id not in before:
            rows.append(
                [
                    _label("own_line", language) + words["added"],
                    "",
                    _own_name(entry, language),
                    words["none"],
                    _own_line(entry, language, new.catalogue.departments),
                ]
            )
    for line_id, entry in before.items():
        if line_id not in after:
            rows.append(
                [
                    _label("own_line", language) + words["removed"],
                    "",
                    _own_name(entry, language),
                    _own_line(entry, language, old.catalogue.departments),
                    words["none"],
                ]
            )
    for line_id in [i for i in after if i in before]:
        a, b = before[line_id], after[line_id]
        unit = translate("10k yuan", language)
        for key in ("measure", "department", "uptake", "uptake_cv", "disbursement"):
            if key == "department" and a.get(key) != b.get(key):
                departments = new.catalogue.departments
                rows.append(
                    [
                        _label(key, language),
                        "",
                        _own_name(b, language),
                        _department(a, language, departments),
                        _department(b, language, departments),
                    ]
                )
            elif key == "measure" and a.get(key) != b.get(key):
                rows.append(
                    [
                        _label(key, language),
                        "",
                        _own_name(b, language),
                        _measure(new, a.get(key), language),
                        _measure(new, b.get(key), language),
                    ]
                )
            elif key == "disbursement" and a.get(key) != b.get(key):
                rows.append(
                    [
                        _label(key, language),
                        "",
                        _own_name(b, language),
                        _value(a.get(key), key, language),
                        _value(b.get(key), key, language),
                    ]
                )
            if not isinstance(a.get(key), dict):
                continue
            for year in sorted(set(a[key]) | set(b[key])):
                if a[key].get(year) != b[key].get(year):
                    rows.append(
                        [
                            _label(key, language, unit),
                            year,
                            _own_name(b, language),
                            _value(a[key].get(year), key, language),
                            _value(b[key].get(year), key, language),
                        ]
                    )
    return rows


def _measure(scenario: Scenario, number: Any, language: str) -> str:
    measure = scenario.catalogue.measure(int(number))
    return f"{measure.number}. {measure.title_zh if language == 'zh' else measure.title_en}"


def difference_rows(old: Scenario, new: Scenario, language: str = "zh") -> list[list[str]]:
    """[assumption, year, item, value in ``old``, value in ``new``] for every assumption that
    differs (observed values excluded: the report lists them on their own page)."""
    rows: list[list[str]] = []
    for d in assumption_differences(old, new):
        parts = d.path.split(".")
        if parts[0] in ("actuals", "own_lines"):
            continue
        item, unit = "", ""
        if parts[0] == "lines":
            line = new.catalogue.line(parts[1]) if new.catalogue.has_line(parts[1]) else None
            item = line.name(language) if line else parts[1]
            if line is not None:
                unit = line.uptake_unit_zh if language == "zh" else line.uptake_unit_en
            keys = parts[2:]
        elif parts[0] == "indicators":
            item = new.catalogue.indicator(parts[1]).name(language)
            keys = parts[2:]
        elif parts[0] == "department_shares" and len(parts) >= 3 and parts[2].isdigit():
            item = _measure(new, parts[2], language)
            if len(parts) >= 4:
                item += " — " + _unit(new, parts[3], language)
            keys = ["department_shares"]
        elif parts[0] == "count_targets" and len(parts) >= 3:
            known = {t.id: t for t in new.catalogue.count_targets}
            target = known.get(parts[2])
            item = (target.name_zh if language == "zh" else target.name_en) if target else parts[2]
            keys = ["count_targets", *parts[3:]]
        else:
            keys = parts
        field = ".".join(k for k in keys if not k.isdigit())
        if field.startswith("effects") and len(keys) >= 2 and keys[1].isdigit():
            effect = (new if d.new is not None else old).get(tuple(_path(parts[:4])))
            if (
                isinstance(effect, Mapping)
                and field != "effects"
                and new.catalogue.has_line(str(effect.get("line")))
            ):
                item += " ← " + _line_name(new, str(effect["line"]), language)
        label = _label(field, language, unit)
        if field == "effects" and (d.old is None) != (d.new is None):
            label += translate(_WORDS["added" if d.old is None else "removed"], language)
        rows.append(
            [
                label,
                d.year or "",
                item,
                _value(d.old, field, language, old),
                _value(d.new, field, language, new),
            ]
        )
    return rows + _own_line_rows(old, new, language)


def _path(parts: list[str]) -> list[str | int]:
    return [
        int(p) if p.isdigit() and i > 0 and parts[i - 1] == "effects" else p
        for i, p in enumerate(parts)
    ]
