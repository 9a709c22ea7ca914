"""A planner's own budget lines: a yearly amount attached to a measure of the plan (e.g. one
without a money rule), outside the plan's caps and rates.

``own_line_entry`` makes the entry for the scenario file with the defaults the app offers;
``add_own_line`` and ``remove_own_line`` return the edited, validated scenario.
"""

from __future__ import annotations

from typing import Any

from .catalogue import Measure
from .scenario import Scenario
from .years import YEARS

#: What the app proposes for a new own line: its yearly amount (万元) and spread.
OWN_LINE_AMOUNT_WAN = 1000.0
DEFAULT_CV = 0.2
DEFAULT_NAME_ZH = "自定预算项目"
DEFAULT_NAME_EN = "Own budget line"
BASIS = "assumption: 规划者自定预算数; planner's own budget figure"


def own_line_names(measure: Measure) -> tuple[str, str]:
    """The proposed Chinese and English names of an own line of this measure."""
    return f"{measure.title_zh}(自定预算)", f"{measure.title_en} (own budget)"


def own_line_entry(
    scenario: Scenario, measure_number: int, values: dict[str, Any]
) -> dict[str, Any]:
    """A new own-line entry for the scenario file (ids: own-m<measure>-<n>). ``values``:
    name_zh, name_en (blank: the defaults), department and amount (万元 per year)."""
    taken = {e["id"] for e in scenario.get(("own_lines",))}
    n = 1
    while f"own-m{measure_number:02d}-{n}" in taken:
        n += 1
    years = [str(y) for y in YEARS]
    return {
        "id": f"own-m{measure_number:02d}-{n}",
        "measure": measure_number,
        "name_zh": values.get("name_zh", "").strip() or DEFAULT_NAME_ZH,
        "name_en": values.get("name_en", "").strip() or DEFAULT_NAME_EN,
        "department": values["department"],
        "basis": BASIS,
        "uptake": {y: float(values.get("amount", OWN_LINE_AMOUNT_WAN)) for y in years},
        "uptake_cv": {y: DEFAULT_CV for y in years},
        "disbursement": [1.0],
    }


def add_own_line(scenario: Scenario, entry: dict[str, Any]) -> Scenario:
    """The scenario with this own line added; raises ScenarioError when it is not valid."""
    data = scenario.data
    data["own_lines"].append(entry)
    return scenario.with_data(data)


def remove_own_line(scenario: Scenario, line_id: str) -> Scenario:
    """The scenario without this own line and without the indicator effects of it."""
    data = scenario.data
    data["own_lines"] = [e for e in data["own_lines"] if e["id"] != line_id]
    for indicator in data["indicators"].values():
        indicator["effects"] = [e for e in indicator["effects"] if e["line"] != line_id]
    return scenario.with_data(data)


__all__ = [
    "OWN_LINE_AMOUNT_WAN",
    "add_own_line",
    "own_line_entry",
    "own_line_names",
    "remove_own_line",
]
