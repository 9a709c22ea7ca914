"""Validation of the headline indicators' blocks of a scenario (schema version 2), and their
migration from version 1.

An indicator block (schema 2)::

    "rd_expenditure": {
      "basis": "...",
      "start": {"year": 2023, "value": 123.4, "sd": 0.0, "basis": "..."},
      "trend": {"mean": 0.08, "sd": 0.02, "basis": "..."},
      "noise": {"sd": 0.03, "persistence": 0.3, "df": 4, "basis": "..."},
      "effects": [{"line": ..., "per": "award" | "wan", "mean": ..., "sd": ...,
                   "above": {"value": ..., "basis": "..."}, "basis": "..."}]
    }

* ``start``: the last observed value (``year`` ≤ 2023, the as-of year) and its uncertainty
  (``sd``, 0 for an observation); the projection runs from that year.
* ``trend``: the business-as-usual mean *log* growth per year μ; ``sd`` its parameter
  uncertainty (one μ per draw).
* ``noise``: yearly shocks u_y = φ·u_{y−1} + σ·√(1−φ²)·ε_y, stationary sd σ = ``sd``,
  persistence φ; I(y) = I(y−1)·exp(μ + u_y) + effects. Optional ``df`` (an integer ν from 1
  to 1000): the two sds are estimates with ν degrees of freedom, and each draw scales both by
  √(ν/χ²_ν) (``predictive``: Student-t bands); absent, the sds are taken as known.
* effects: lognormal coefficients with the planner's mean and sd (positive by construction),
  applied only to the awards (or 万元) of a year above ``above.value``, the line's pre-plan
  level, which the trend fitted on pre-plan years already contains.

Top-level ``persistence`` {uptake, common, basis}: year-to-year correlation (AR(1)) of each
line's uptake shocks and of the common factor.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from .catalogue import Line
from .numbers import significant
from .predictive import DF_LIMIT
from .problems import Checker, join_path, short_repr

MAX_EFFECTS = 1_000
#: The earliest as-of year a start may have (the projection runs from it to 2028).
FIRST_START_YEAR = 1990
LAST_START_YEAR = 2023
INDICATOR_KEYS = ("basis", "start", "trend", "noise", "effects")
EFFECT_KEYS = ("line", "per", "mean", "sd", "above", "basis")

MIGRATED = "migrated from schema version 1: "


def _basis(ck: Checker, obj: dict[str, Any], path: str, out: dict[str, Any]) -> None:
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], join_path(path, "basis"))


def check_effect(
    ck: Checker, value: Any, path: str, lines: dict[str, Line]
) -> dict[str, Any] | None:
    obj = ck.obj(value, path, EFFECT_KEYS)
    if obj is None:
        return None
    out: dict[str, Any] = {}
    if "line" in obj:
        if not isinstance(obj["line"], str) or obj["line"] not in lines:
            ck.add(join_path(path, "line"), "unknown line id {got}", got=short_repr(obj["line"]))
        else:
            out["line"] = obj["line"]
    if "per" in obj:
        out["per"] = ck.choice(obj["per"], join_path(path, "per"), ("award", "wan"))
    if "mean" in obj:
        mean = obj["mean"]
        if isinstance(mean, (int, float)) and not isinstance(mean, bool) and mean < 0:
            ck.add(
                join_path(path, "mean"),
                "must be >= 0, got {got:g} (an effect's coefficient is lognormal, "
                "positive by construction)",
                got=mean,
            )
        else:
            out["mean"] = ck.number(mean, join_path(path, "mean"), 0.0, 1e6)
    if "sd" in obj:
        out["sd"] = ck.number(obj["sd"], join_path(path, "sd"), 0.0, 1e6)
        if out.get("mean") == 0.0 and out["sd"]:
            ck.add(join_path(path, "sd"), "must be 0 when the mean is 0 (no effect)")
    if "above" in obj:
        p = join_path(path, "above")
        o = ck.obj(obj["above"], p, ("value", "basis"))
        if o is not None:
            above: dict[str, Any] = {}
            if "value" in o:
                above["value"] = ck.number(o["value"], join_path(p, "value"), 0.0, 1e12)
            _basis(ck, o, p, above)
            out["above"] = above
    _basis(ck, obj, path, out)
    line = lines.get(out.get("line", ""))
    if line is not None and out.get("per") == "award" and not line.counts_awards:
        ck.add(join_path(path, "per"), "line {id} pays amounts, not awards: use 'wan'", id=line.id)
    if line is not None and out.get("per") == "wan" and line.form == "indicator_based":
        ck.add(
            join_path(path, "per"),
            "line {id} is paid from last year's indicator "
            "value; its effect must be per award to avoid a loop",
            id=line.id,
        )
    return {k: out.get(k) for k in EFFECT_KEYS if k in obj}


def check_indicator(
    ck: Checker, value: Any, path: str, lines: dict[str, Line]
) -> dict[str, Any] | None:
    """The canonical form of one indicator block (problems reported with their path)."""
    obj = ck.obj(value, path, INDICATOR_KEYS, ("note",))
    if obj is None:
        return None
    out: dict[str, Any] = {}
    for key in INDICATOR_KEYS + ("note",):
        if key not in obj:
            continue
        p = join_path(path, key)
        if key in ("basis", "note"):
            out[key] = ck.text(obj[key], p)
        elif key == "start":
            o = ck.obj(obj[key], p, ("year", "value", "sd"), ("basis",))
            if o is not None:
                start: dict[str, Any] = {}
                if "year" in o:
                    start["year"] = ck.number(
                        o["year"],
                        join_path(p, "year"),
                        FIRST_START_YEAR,
                        LAST_START_YEAR,
                        integer=True,
                    )
                if "value" in o:
                    start["value"] = ck.number(o["value"], join_path(p, "value"), 0.0, 1e9, True)
                if "sd" in o:
                    start["sd"] = ck.number(o["sd"], join_path(p, "sd"), 0.0, 1e9)
                _basis(ck, o, p, start)
                out[key] = start
        elif key == "trend":
            o = ck.obj(obj[key], p, ("mean", "sd"), ("basis",))
            if o is not None:
                trend: dict[str, Any] = {}
                if "mean" in o:
                    trend["mean"] = ck.number(o["mean"], join_path(p, "mean"), -0.7, 0.7)
                if "sd" in o:
                    trend["sd"] = ck.number(o["sd"], join_path(p, "sd"), 0.0, 1.0)
                _basis(ck, o, p, trend)
                out[key] = trend
        elif key == "noise":
            o = ck.obj(obj[key], p, ("sd", "persistence"), ("basis", "df"))
            if o is not None:
                noise: dict[str, Any] = {}
                if "sd" in o:
                    noise["sd"] = ck.number(o["sd"], join_path(p, "sd"), 0.0, 1.0)
                if "persistence" in o:
                    noise["persistence"] = ck.number(
                        o["persistence"], join_path(p, "persistence"), -0.9, 0.99
                    )
                if "df" in o:
                    noise["df"] = ck.number(o["df"], join_path(p, "df"), 1, DF_LIMIT, integer=True)
                _basis(ck, o, p, noise)
                out[key] = noise
        elif key == "effects":
            if not isinstance(obj[key], list):
                ck.add(p, "must be a list, got {got}", got=short_repr(obj[key]))
            elif len(obj[key]) > MAX_EFFECTS:
                ck.add(
                    p,
                    "must have at most {limit:,} entries, got {got:,}",
                    limit=MAX_EFFECTS,
                    got=len(obj[key]),
                )
                out[key] = []
            else:
                out[key] = [check_effect(ck, e, f"{p}.{i}", lines) for i, e in enumerate(obj[key])]
    return out


def check_persistence(ck: Checker, value: Any) -> dict[str, Any] | None:
    """The top-level ``persistence`` block: AR(1) correlations of uptake shocks."""
    obj = ck.obj(value, "persistence", ("uptake", "common", "basis"))
    if obj is None:
        return None
    out: dict[str, Any] = {}
    for key in ("uptake", "common"):
        if key in obj:
            out[key] = ck.number(obj[key], f"persistence.{key}", 0.0, 0.99)
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], "persistence.basis")
    return out


# --------------------------------------------------------------------------- migration
def persistence_v1(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 drew every year's uptake shocks independently."""
    return {
        "uptake": 0.0,
        "common": 0.0,
        "basis": MIGRATED + "uptake shocks independent from year to year (persistence 0)",
    }


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def migrate_indicator_v1(block: Any) -> Any:
    """A version 1 indicator block as version 2, keeping its meaning: the start is 2023's
    (mean and sd as before); v1's growth factor 1 + g + sd_g·z + σ·ε becomes exp(μ + u) with
    μ = ln(1 + g), sd(μ) = sd_g/(1 + g), σ_u = σ/(1 + g) (the same median and, to first
    order, the same spread); shocks independent (persistence 0); effects on every award
    (pre-plan level 0), lognormal with v1's mean and sd. Anything malformed is left for the
    validator to report at the planner's path. A block already of version 2's shape (its
    ``noise`` given, no ``noise_sd``: a workbook whose settings say version 1) keeps its trend,
    so that migrating twice changes nothing."""
    if not isinstance(block, dict):
        return block
    out = copy.deepcopy(block)
    start = out.pop("start_2023", None)
    if isinstance(start, dict):
        out["start"] = {"year": 2023}
        out["start"].update(
            {new: start[old] for old, new in (("mean", "value"), ("sd", "sd")) if old in start}
        )
        out["start"]["basis"] = MIGRATED + "start_2023"
    trend = out.get("trend")
    noise_sd: Any = out.pop("noise_sd", None)
    g: Any = trend.get("mean") if isinstance(trend, dict) else None
    factor: float | None = 1.0 + g if _number(g) and g > -1.0 else None
    already = "noise" in block and "noise_sd" not in block  # a version 2 block: as it is
    if isinstance(trend, dict) and factor is not None and not already:
        sd: Any = trend.get("sd")
        out["trend"] = {
            "mean": significant(math.log(factor)),
            "sd": significant(sd / factor) if _number(sd) else sd,
            "basis": MIGRATED + f"growth rate {g:g} as log growth ln(1 + g), sd / (1 + g)",
        }
    if "noise_sd" in block:
        out["noise"] = {
            "sd": significant(noise_sd / factor)
            if _number(noise_sd) and factor is not None
            else noise_sd,
            "persistence": 0.0,
            "basis": MIGRATED + "noise sd / (1 + g), shocks independent from year to year",
        }
    effects = out.get("effects")
    if isinstance(effects, list):
        for effect in effects:
            if isinstance(effect, dict) and "above" not in effect:
                effect["above"] = {"value": 0.0, "basis": MIGRATED + "effects on every award"}
    return out


def migrate_indicators_v1(raw: dict[str, Any]) -> None:
    """Migrate the indicator blocks of a version 1 document (in place)."""
    indicators = raw.get("indicators")
    if isinstance(indicators, dict):
        for key, block in indicators.items():
            indicators[key] = migrate_indicator_v1(block)
