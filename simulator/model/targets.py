"""The plan's count targets (catalogue ``count_targets``): laboratories by 2028 (national ≥ 15,
provincial ≥ 70, municipal ≥ 300, measure 5) and measure 10's yearly counts.

Each is projected per draw from the awards of the lines the catalogue names for it plus the
planner's assumptions in the scenario's ``count_targets`` block:

    added(y) = per_award × Σ awards of its lines in y + other(y),
    other(y) ~ negative binomial (mean, cv) per year (units added without such an award),

and a stock target (laboratories) counts start_2023 + Σ added up to 2028, a yearly target
(measure 10) added(y) in each year. A target is reached when the count is at least the
target (the plan writes "达到…以上", "不少于"): count ≥ target; a yearly target in every year.

    "count_targets": {
        "basis": "...",
        "targets": {
            "national_key_labs": {"start_2023": 9, "per_award": 1.0,
                                   "other_per_year": {"mean": 0.0, "cv": 0.0}, "basis": "..."},
            "major_results_per_year": {"other_per_year": {"mean": 12.0, "cv": 0.2}, "basis": "..."}
        }
    }
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .catalogue import Catalogue, CountTarget
from .distributions import count_table
from .problems import Checker, Message, join_path
from .randomness import RandomSource, stream_key
from .years import YEARS

MAX_STOCK = 1_000_000


def target_keys(target: CountTarget) -> tuple[str, ...]:
    """The keys a target's entry must have."""
    keys = ["basis", "other_per_year"]
    if not target.per_year:
        keys.append("start_2023")
    if target.lines:
        keys.append("per_award")
    return tuple(keys)


def check_count_targets(ck: Checker, value: Any, catalogue: Catalogue) -> dict[str, Any]:
    """The canonical ``count_targets`` block (every catalogue count target given)."""
    path = "count_targets"
    obj = ck.obj(value, path, ("basis", "targets"))
    out: dict[str, Any] = {"basis": None, "targets": {}}
    if obj is None:
        return out
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], join_path(path, "basis"))
    if "targets" not in obj:
        return out
    p = join_path(path, "targets")
    ids = tuple(t.id for t in catalogue.count_targets)
    targets = ck.obj(obj["targets"], p, ids, unknown=Message("unknown count target id"))
    if targets is None:
        return out
    for target in catalogue.count_targets:
        if target.id not in targets:
            continue
        q = join_path(p, target.id)
        entry = ck.obj(targets[target.id], q, target_keys(target))
        if entry is None:
            continue
        checked: dict[str, Any] = {}
        for key in target_keys(target):
            if key not in entry:
                continue
            r = join_path(q, key)
            if key == "basis":
                checked[key] = ck.text(entry[key], r)
            elif key == "start_2023":
                checked[key] = ck.number(entry[key], r, 0, MAX_STOCK, integer=True)
            elif key == "per_award":
                checked[key] = ck.number(entry[key], r, 0.0, 100.0)
            else:
                other = ck.obj(entry[key], r, ("mean", "cv"))
                if other is not None:
                    checked[key] = {
                        k: ck.number(
                            other[k], join_path(r, k), 0.0, MAX_STOCK if k == "mean" else 10.0
                        )
                        for k in ("mean", "cv")
                        if k in other
                    }
        out["targets"][target.id] = checked
    return out


def count_target_draws(
    catalogue: Catalogue,
    block: dict[str, Any],
    awards: Mapping[str, np.ndarray],
    random: RandomSource,
    draws: int,
    first_block: int = 0,
    only: set[str] | None = None,
    others: dict[tuple[str, float, float], np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Per target, its count per year and draw (years × draws): the stock at each year's end
    (stock targets) or the year's additions (yearly targets). ``only``: just the targets
    that follow one of these lines (after a one-line update); ``others``: where the units
    added without an award are kept, by target and distribution, to be drawn only once.
    The arrays returned are for reading (one may be such kept draws)."""
    out: dict[str, np.ndarray] = {}
    n_years = len(YEARS)
    for target in catalogue.count_targets:
        entry = block.get("targets", {}).get(target.id)
        if entry is None or (only is not None and not only.intersection(target.lines)):
            continue
        # the sum of what applies, in this order, without adding zeros (the same values: a
        # per-award factor of 0 adds nothing); the kept ``others`` are never written to
        # (a yearly target of other units only is those draws themselves: read only)
        added: np.ndarray | None = None
        per_award = entry.get("per_award", 1.0)
        for line_id in target.lines:
            line_awards = awards.get(line_id)
            if line_awards is not None and per_award != 0.0:
                part = per_award * line_awards[:, :draws]
                added = part if added is None else np.add(added, part, out=added)
        drawn = other_draws(target, entry, random, draws, first_block, others)
        if drawn is not None:
            added = drawn if added is None else np.add(added, drawn, out=added)
        if added is None:
            added = np.zeros((n_years, draws))
        if target.per_year:
            out[target.id] = added
        else:
            stock = np.cumsum(added, axis=0)
            stock += entry["start_2023"]
            out[target.id] = stock
    return out


def other_draws(
    target: CountTarget,
    entry: dict[str, Any],
    random: RandomSource,
    draws: int,
    first_block: int = 0,
    others: dict[tuple[str, float, float], np.ndarray] | None = None,
) -> np.ndarray | None:
    """The units a target adds per year without an award (years × draws; None if none),
    from ``others`` if drawn before (and put there when drawn)."""
    other = entry["other_per_year"]
    if other["mean"] <= 0:
        return None
    key = (target.id, float(other["mean"]), float(other["cv"]))
    drawn = None if others is None else others.get(key)
    if drawn is None:
        z = random.normals_for(stream_key("target", target.id), len(YEARS), draws, first_block)
        drawn = count_table(other["mean"], other["cv"]).sample(z)
        if others is not None:
            others[key] = drawn
    return drawn


def reached(target: CountTarget, counts: np.ndarray) -> np.ndarray:
    """Per draw, whether the target is reached: count ≥ target (every year for a yearly
    target, in the target's year, 2028, for a stock)."""
    if target.per_year:
        every: np.ndarray = np.all(counts >= target.at_least, axis=0)
        return every
    year = target.year or YEARS[-1]
    final: np.ndarray = counts[YEARS.index(year)] >= target.at_least
    return final


def target_tallies(catalogue: Catalogue, values: Mapping[str, np.ndarray]) -> dict[str, Any]:
    """Sums and counts of draws (to combine parts of a run): per target the sum of its
    count per year, the draws reaching it in each year and overall."""
    out: dict[str, Any] = {}
    for target in catalogue.count_targets:
        if target.id not in values:
            continue
        counts = values[target.id]
        out[target.id] = {
            "sum": counts.sum(axis=1),
            "reached_by_year": np.count_nonzero(counts >= target.at_least, axis=1),
            "reached": int(np.count_nonzero(reached(target, counts))),
        }
    return out


def summarise_tallies(
    catalogue: Catalogue, tallies: Mapping[str, Any], draws: int
) -> dict[str, dict[str, Any]]:
    """JSON-ready summary per target: the target, its mean count per year, and the
    probability of reaching it (and, per year, of reaching the count that year)."""
    out: dict[str, dict[str, Any]] = {}
    for target in catalogue.count_targets:
        tally = tallies.get(target.id)
        if tally is None:
            continue
        out[target.id] = {
            "target": target.at_least,
            "per_year": target.per_year,
            "year": target.year,
            "mean": {str(y): float(v / draws) for y, v in zip(YEARS, tally["sum"])},
            "probability_by_year": {
                str(y): float(v / draws) for y, v in zip(YEARS, tally["reached_by_year"])
            },
            "probability": tally["reached"] / draws,
        }
    return out


_LAB_SOURCE = (
    "化工仪器网 (宋池), 青岛新增119家市重点实验室多家检验检测实验室入选, 2022-11-15, "
    "https://m.xwboo.com/news/detail/70342.html"
)


def default_count_targets() -> dict[str, Any]:
    """Starting stocks from the published history (the latest count before the plan, taken
    as the stock at the end of 2023: an assumption, as later counts are not published) and
    the planner's assumptions for the additions."""

    def stock(count: int, what: str, per_award: float, other: float, note: str) -> dict[str, Any]:
        return {
            "start_2023": count,
            "per_award": per_award,
            "other_per_year": {"mean": other, "cv": 0.3 if other else 0.0},
            "basis": f"start: published count {count} ({what}, November 2022; {_LAB_SOURCE}), "
            f"assumed unchanged to the end of 2023; {note}",
        }

    def yearly(count: int) -> dict[str, Any]:
        return {
            "other_per_year": {"mean": float(count), "cv": 0.1},
            "basis": "assumption: no line of the plan pays for these; planned at the plan's "
            "own yearly figure with a 10 % spread",
        }

    return {
        "basis": "starting stocks from published counts (sources in each entry); additions "
        "are assumptions",
        "targets": {
            "national_key_labs": stock(
                9,
                "'青岛市还拥有国家重点实验室9家'",
                1.0,
                0.0,
                "assumption: each lead-builder award (measure 5) is one new national key lab",
            ),
            "provincial_key_labs": stock(
                51,
                "'山东省重点实验室51家'",
                1.0,
                0.0,
                "assumption: each award (measure 5) is one newly approved provincial key lab",
            ),
            "municipal_key_labs": stock(
                194,
                "'青岛市重点实验室数量已达194家'",
                0.0,
                20.0,
                "assumption: awards go to existing labs with notable results (no new lab); "
                "about 20 new municipal labs a year",
            ),
            "major_results_per_year": yearly(10),
            "industry_projects_per_year": yearly(100),
            "tech_needs_per_year": yearly(1000),
        },
    }
