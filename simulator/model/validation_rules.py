"""Validation of the blocks the plan's rules add to a scenario (schema version 2, issue 10):
a re-recognition line's certificates issued before the plan, a share line's rate (a
ceiling: at most the plan's figure), the per-point rule of the contract service points and
the R&D reward's rule, department shares, and count-target starting stocks."""

from __future__ import annotations

from typing import Any

from .catalogue import Line
from .problems import Checker, join_path
from .years import cohort_years

#: The most certificates a year's cohort may hold (far beyond any city).
MAX_COHORT = 1_000_000


def check_cohorts(ck: Checker, line: Line, value: Any, path: str) -> dict[str, Any] | None:
    """``cohorts_before_plan``: certificates issued (first and renewed) in each year before
    the plan whose renewals fall in it (whole numbers), and their basis."""
    keys = tuple(str(y) for y in cohort_years(line)) + ("basis",)
    obj = ck.obj(value, path, keys)
    if obj is None:
        return None
    out: dict[str, Any] = {}
    for key in keys:
        if key not in obj:
            continue
        p = join_path(path, key)
        if key == "basis":
            out[key] = ck.text(obj[key], p)
        else:
            out[key] = ck.number(obj[key], p, 0, MAX_COHORT, integer=True)
    return out


def check_rate(ck: Checker, line: Line, value: Any, path: str) -> float | None:
    """A share line's rate: the planner's, above 0 and at most the plan's figure (the plan
    writes a ceiling: "不超过…50%", "最高50%")."""
    ceiling = line.rate if line.rate is not None else 1.0
    rate = ck.number(value, path, 0.0, None, low_open=True)
    if rate is not None and rate > ceiling + 1e-12:
        ck.add(
            path,
            "must be at most {ceiling:g}, the plan's ceiling "
            "(measure {measure}: “{quote}”), got {got:g}",
            ceiling=ceiling,
            measure=line.measure,
            quote=line.clause.quote,
            got=rate,
        )
        return None
    return rate


#: The largest base of one award (万元): a service point's turnover, an enterprise's
#: R&D increment; far beyond any real one.
MAX_BASE_WAN = 1.0e8


def check_award_rule(ck: Checker, line: Line, value: Any, path: str) -> dict[str, Any] | None:
    """A line paid per award from an indicator: each award is min(cap, rate × base ×
    scale), base lognormal per award (``base.mean_wan`` at the 2023 reference, ``base.cv``),
    ``rate`` the planner's rule (万元 of award per 万元 of base)."""
    obj = ck.obj(value, path, ("base", "rate", "basis"))
    if obj is None:
        return None
    out: dict[str, Any] = {}
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], join_path(path, "basis"))
    if "rate" in obj:
        out["rate"] = ck.number(obj["rate"], join_path(path, "rate"), 0.0, 1.0)
    if "base" in obj:
        p = join_path(path, "base")
        base = ck.obj(obj["base"], p, ("mean_wan", "cv"))
        if base is not None:
            out["base"] = {
                "mean_wan": ck.number(
                    base.get("mean_wan"), join_path(p, "mean_wan"), 0.0, MAX_BASE_WAN, True
                )
                if "mean_wan" in base
                else None,
                "cv": ck.number(base.get("cv"), join_path(p, "cv"), 0.0, 10.0)
                if "cv" in base
                else None,
            }
    return out
