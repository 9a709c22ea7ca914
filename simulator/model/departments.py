"""Outlay by department: per-measure shares among the plan's 责任单位.

The plan names the units responsible for each measure (the lead unit first, groups of units
separated by ","), not who pays. A scenario's ``department_shares`` block splits a measure's
outlay among its units; a measure not listed goes to its lead unit in full (an assumption,
said in the block's basis). A planner's own line goes to the department it names.

    "department_shares": {
        "basis": "...",
        "measures": {"10": {"市科技局": 0.7, "市工业和信息化局": 0.3}}
    }
"""

from __future__ import annotations

import copy
from typing import Any

from .catalogue import Catalogue, Line
from .problems import Checker, Message, join_path, short_repr

#: How far a measure's shares may be from summing to 1.
SHARE_TOLERANCE = 1e-6

DEFAULT_BASIS = (
    "assumption: 各项措施支出计入第一责任单位(牵头单位)100%; the plan names the units "
    "responsible, not who pays: each measure's outlay goes to its lead unit in full"
)


def default_department_shares() -> dict[str, Any]:
    """The block that keeps every measure with its lead unit (and says it is an assumption)."""
    return {"basis": DEFAULT_BASIS, "measures": {}}


def check_department_shares(ck: Checker, value: Any, catalogue: Catalogue) -> dict[str, Any]:
    """The canonical block; problems carry their path (``department_shares.measures.10``)."""
    path = "department_shares"
    obj = ck.obj(value, path, ("basis", "measures"))
    out = default_department_shares()
    if obj is None:
        return out
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], join_path(path, "basis"))
    if "measures" not in obj:
        return out
    p = join_path(path, "measures")
    measures = obj["measures"]
    if not isinstance(measures, dict):
        ck.add(p, "must be an object, got {got}", got=short_repr(measures))
        return out
    numbers = {str(m.number): m for m in catalogue.measures}
    for key, shares in measures.items():
        q = join_path(p, str(key))
        measure = numbers.get(key) if isinstance(key, str) else None
        if measure is None:
            ck.add(q, "unknown measure number (1–28)")
            continue
        units = ck.obj(shares, q, (), measure.departments, unknown=_not_listed(measure))
        if units is None:
            continue
        checked = {
            unit: ck.number(units[unit], join_path(q, unit), 0.0, 1.0)
            for unit in measure.departments
            if unit in units
        }
        if any(v is None for v in checked.values()):
            continue
        total = sum(v for v in checked.values() if v is not None)
        if not checked or abs(total - 1.0) > SHARE_TOLERANCE:
            ck.add(q, "shares must add up to 1, got {got:.6g}", got=total)
            continue
        out["measures"][key] = {unit: v for unit, v in checked.items() if v is not None}
    return out


def _not_listed(measure: Any) -> Message:
    return Message(
        "not a responsible unit of measure {number} ({units})",
        number=measure.number,
        units="、".join(measure.departments),
    )


def department_shares(data: dict[str, Any], catalogue: Catalogue, line: Line) -> dict[str, float]:
    """{department: share} of one line's outlay (shares add up to 1)."""
    measure = catalogue.measure(line.measure)
    if line.own:
        for entry in data["own_lines"]:
            if entry["id"] == line.id:
                return {entry.get("department") or measure.lead_department: 1.0}
    block = data.get("department_shares") or default_department_shares()
    shares = block["measures"].get(str(line.measure))
    if not shares:
        return {measure.lead_department: 1.0}
    return {unit: share for unit, share in shares.items() if share > 0}


def shares_edited(
    data: dict[str, Any], measure: int, shares: dict[str, float] | None
) -> dict[str, Any]:
    """A copy of a scenario's data with measure ``measure``'s outlay split by ``shares``
    (None: back to its lead unit in full); validated when made into a scenario."""
    data = copy.deepcopy(data)
    block = data.get("department_shares") or default_department_shares()
    if shares is None:
        block["measures"].pop(str(measure), None)
    else:
        block["measures"][str(measure)] = dict(shares)
    data["department_shares"] = block
    return data
