"""The differences between two scenarios' assumptions in words: one row (item, year,
setting, reference value, other value) per ``simulator.model.Difference``."""

from __future__ import annotations

from ...core.actual_labels import describe, item_name
from ...core.labels import (
    format_number,
    format_percent,
    indicator_name,
    indicator_setting,
    line_name,
    line_setting,
)
from ...i18n import QT_TR_NOOP, tr

ACTUAL_FIELDS = {
    "kind": QT_TR_NOOP("Kind"),
    "id": QT_TR_NOOP("Item"),
    "year": QT_TR_NOOP("Year"),
    "value": QT_TR_NOOP("Value"),
    "source": QT_TR_NOOP("Source"),
}


def _format(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_format(v)}" for k, v in value.items() if k != "basis")
    if isinstance(value, (list, tuple)) and not all(isinstance(v, (int, float)) for v in value):
        return "; ".join(_format(v) for v in value)
    return format_number(value)


def _line_setting(line, rest: list[str]) -> str:
    return line_setting(line, rest[0] if rest else "", rest[-1] if rest else "")


def difference_row(difference, reference, other) -> list[str]:
    """[item, year, setting, reference value, other value] of one Difference, in words."""
    parts = difference.path.split(".")
    head = parts[0]
    year = difference.year or ""
    rest = [p for p in parts[2:] if not (p.isdigit() and len(p) == 4)]
    item, setting = "", difference.field
    if head == "lines" and len(parts) > 1:
        catalogue = other.catalogue
        line = catalogue.line(parts[1]) if catalogue.has_line(parts[1]) else None
        item = line_name(line) if line is not None else parts[1]
        setting = _line_setting(line, rest)
    elif head == "own_lines" and len(parts) > 1 and parts[1].isdigit():
        index = int(parts[1])
        entry = None
        for scenario in (other, reference):
            own = scenario.get(("own_lines",))
            if index < len(own):
                entry = own[index]
                break
        line = (
            other.catalogue.line(entry["id"])
            if entry and other.catalogue.has_line(entry["id"])
            else None
        )
        item = (
            line_name(line) if line is not None else (entry or {}).get("id", "")
        ) + f" ({tr('own budget line')})"
        setting = (
            _line_setting(line, rest[1:] if rest and rest[0].isdigit() else rest)
            if len(parts) > 2
            else tr("own budget line")
        )
    elif head == "indicators" and len(parts) > 1:
        try:
            item = indicator_name(other.catalogue.indicator(parts[1]))
        except (KeyError, StopIteration):
            item = parts[1]
        field = parts[2] if len(parts) > 2 else ""
        if field == "effects":
            index = int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else None
            effects = other.get(("indicators", parts[1], "effects"))
            effect_line = (
                effects[index]["line"] if index is not None and index < len(effects) else None
            )
            name = (
                line_name(other.catalogue.line(effect_line))
                if effect_line and other.catalogue.has_line(effect_line)
                else (effect_line or "")
            )
            setting = indicator_setting(field, parts[-1], name)
        elif field in ("start", "trend", "noise"):
            setting = indicator_setting(field, parts[-1])
    elif head == "uptake_multiplier":
        setting = tr("uptake multiplier")
    elif head == "common_factor":
        setting = tr("common factor loading")
    elif head == "simulation" and len(parts) > 1:
        setting = tr(parts[1])
    elif head == "flag_thresholds" and len(parts) > 1:
        setting = tr("on-track threshold") if parts[1] == "on_track" else tr("at-risk threshold")
    elif head == "appropriation":
        setting = tr("yearly appropriation (10k yuan)")
    elif head == "actuals":
        index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        entry = None
        for scenario in (other, reference):
            actuals = scenario.actuals
            if index is not None and index < len(actuals):
                entry = actuals[index]
                break
        item = tr("Observed value")
        if entry is not None:
            item += ": " + item_name(other, entry["kind"], entry["id"])
            year = str(entry["year"])
        setting = (
            tr("observed value") if len(parts) <= 2 else tr(ACTUAL_FIELDS.get(parts[2], parts[2]))
        )
    old, new = difference.old, difference.new
    if head == "actuals" and len(parts) <= 2:
        old = describe(reference, old) if isinstance(old, dict) else old
        new = describe(other, new) if isinstance(new, dict) else new
    if head == "flag_thresholds":
        old = format_percent(old) if isinstance(old, (int, float)) else old
        new = format_percent(new) if isinstance(new, (int, float)) else new
    return [
        item,
        year,
        setting,
        old if isinstance(old, str) else _format(old),
        new if isinstance(new, str) else _format(new),
    ]
