"""How observed values (actuals) are named on screen: their kind, item, unit and value, one
in words ("2025 R&D expenditure = 420 100m yuan"), and the undo label of a change of
the actuals; the actuals template as a planner exports it."""

from __future__ import annotations

import csv
import io

from simulator.model import template

from ..i18n import pick, tr
from .labels import format_number, indicator_name, indicator_unit, line_name, measure_name

KIND_NAMES = {"indicator": "Indicator", "line": "Line", "measure": "Measure"}


def kind_name(kind: str) -> str:
    return tr(KIND_NAMES.get(kind, str(kind)))


def item_name(scenario, kind: str, ident) -> str:
    """The shown name of an actual's item (its id when the scenario does not know it)."""
    catalogue = scenario.catalogue
    try:
        if kind == "indicator":
            return indicator_name(catalogue.indicator(ident))
        if kind == "line" and catalogue.has_line(ident):
            return line_name(catalogue.line(ident))
        if kind == "measure":
            return measure_name(catalogue.measure(int(ident)))
    except (KeyError, IndexError, StopIteration, ValueError, TypeError):
        pass
    return "" if ident is None else str(ident)


def unit_of(scenario, kind: str, ident) -> str:
    if kind == "indicator":
        try:
            return indicator_unit(scenario.catalogue.indicator(ident))
        except (KeyError, StopIteration):
            return ""
    return pick(None, "万元", "10k yuan")


def value_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def describe(scenario, entry: dict) -> str:
    """'2025 R&D expenditure = 420 (100m yuan)'."""
    unit = unit_of(scenario, entry.get("kind"), entry.get("id"))
    return (
        tr("{year} {item} = {value} {unit}")
        .format(
            year=entry.get("year"),
            item=item_name(scenario, entry.get("kind"), entry.get("id")),
            value=value_text(entry.get("value")),
            unit=unit,
        )
        .strip()
    )


def entry_key(entry: dict) -> tuple:
    return entry.get("kind"), entry.get("id"), entry.get("year")


def actuals_label(scenario, old: list[dict], new: list[dict]) -> str:
    """A readable undo label for changing the actuals from ``old`` to ``new``."""
    added = [e for e in new if e not in old]
    removed = [e for e in old if e not in new]
    if len(added) == 1 and not removed:
        return tr("Add observed value: {what}").format(what=describe(scenario, added[0]))
    if len(removed) == 1 and not added:
        return tr("Remove observed value: {what}").format(what=describe(scenario, removed[0]))
    if removed and not added:
        return tr("Remove {n} observed values").format(n=len(removed))
    if len(added) == 1 and len(removed) == 1:
        a, r = added[0], removed[0]
        if entry_key(a) == entry_key(r) and a.get("source") == r.get("source"):
            return tr("Observed {year} {item}: {old} → {new}").format(
                year=a["year"],
                item=item_name(scenario, a["kind"], a["id"]),
                old=value_text(r["value"]),
                new=value_text(a["value"]),
            )
        return tr("Edit observed value: {what}").format(what=describe(scenario, a))
    return tr("Edit observed values")


def observed_years(scenario) -> dict[str, list[int]]:
    """{indicator id: sorted observed years}."""
    out: dict[str, set[int]] = {}
    for entry in scenario.actuals:
        if entry["kind"] == "indicator":
            out.setdefault(entry["id"], set()).add(entry["year"])
    return {k: sorted(v) for k, v in out.items()}


def template_rows(scenario) -> list[list[str]]:
    """The model's CSV template with the scenario's observed values filled in, and each
    item's name and unit as extra columns (ignored on import)."""
    known = {(e["kind"], str(e["id"]), str(e["year"])): e for e in scenario.actuals}
    reader = csv.reader(io.StringIO(template(scenario)))
    rows = [next(reader) + [tr("name (ignored on import)"), tr("unit")]]
    for row in reader:
        if not row:
            continue
        kind, ident, year = row[0], row[1], row[2]
        entry = known.get((kind, ident, year))
        if entry is not None:
            row[3], row[4] = f"{entry['value']:.12g}", entry["source"]
        rows.append(row + [item_name(scenario, kind, ident), unit_of(scenario, kind, ident)])
    return rows
