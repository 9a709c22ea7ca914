"""The budget figures of a run: rationing under the appropriation (requested against funded
money and awards, the backlog, the chance of rationing) and investments (money returned and
net fiscal cost beside the gross outlay). See ``rationing`` and ``investments``.

A run stores them as series (``BACKLOG``, ``RETURNS``, ``NET`` and each investment line's
returns: means and percentiles like any outlay) and as sums over the draws (``Results.sums``,
names below), so runs drawn in parts add them up like the rest.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from .scenario import Scenario
from .stats import QUANTILE_NAMES


class Results(Protocol):
    """What the figures read from a run's results (``results.Results``)."""

    scenario: Scenario
    years: tuple[int, ...]
    draws: int
    sums: dict[str, np.ndarray]
    awards_mean: dict[str, np.ndarray]

    def series(self, kind: str) -> list[str]: ...

    def outlay(self, kind: str = "total", key: str = "total") -> dict[str, np.ndarray]: ...

    def outlay_mean(self, kind: str = "total", key: str = "total") -> np.ndarray: ...

    def after_horizon_mean(self, kind: str = "total", key: str = "total") -> float: ...


BACKLOG = ("backlog", "total")
RETURNS = ("returns", "total")
NET = ("net", "total")
#: sums over the draws: draws rationed by year, money refused by year, returns after 2028 by
#: year (2029 first), and per line (suffix "/<line id>") requested money and awards by year
#: and money still waiting at the end of 2028
RATIONED = "rationed"
REFUSED = "refused"
RETURNS_LATE = "returns_late"
REQUESTED_PAID = "requested_paid/"
REQUESTED_AWARDS = "requested_awards/"
WAITING = "waiting/"
STATS = ("mean",) + QUANTILE_NAMES
SPAN = "2024-2028"


def _table(stats: dict[str, np.ndarray], labels: list[str]) -> dict[str, Any]:
    return {
        label: {name: float(stats[name][i]) for name in STATS} for i, label in enumerate(labels)
    }


def _by_year(values: np.ndarray, years: tuple[int, ...], draws: int) -> dict[str, float]:
    return {str(y): float(v) / draws for y, v in zip(years, values)}


def has_series(results: Results, key: tuple[str, str]) -> bool:
    return key[1] in results.series(key[0])


def rationing_figures(results: Results) -> dict[str, Any]:
    """Requested against funded money and awards per line and year, the backlog at the end
    of each year (2028: the end of the plan), money refused, the chance of rationing."""
    rationing = results.scenario.rationing
    out: dict[str, Any] = {
        "policy": rationing["policy"],
        "priority": rationing["priority"],
        "backlog_cap_wan": rationing["backlog_cap_wan"],
        "active": RATIONED in results.sums,
    }
    if not out["active"]:
        return out
    years, draws = results.years, results.draws
    labels = [str(y) for y in years]
    backlog = results.outlay(*BACKLOG)
    out["probability_by_year"] = _by_year(results.sums[RATIONED], years, draws)
    out["backlog_wan"] = _table(backlog, labels)
    out["backlog_end_2028_wan"] = {name: float(backlog[name][len(years) - 1]) for name in STATS}
    refused = results.sums[REFUSED]
    out["refused_wan_mean"] = {
        **_by_year(refused, years, draws),
        SPAN: float(refused.sum()) / draws,
    }
    by_line: dict[str, Any] = {}
    for line_id in results.series("line"):
        requested = results.sums.get(REQUESTED_PAID + line_id)
        if requested is None:
            continue
        funded = results.outlay_mean("line", line_id)
        entry: dict[str, Any] = {
            "requested_wan": {
                **_by_year(requested, years, draws),
                SPAN: float(requested.sum()) / draws,
            },
            "funded_wan": {str(y): float(funded[i]) for i, y in enumerate(years)}
            | {SPAN: float(funded[len(years)])},
            "waiting_end_2028_wan_mean": float(results.sums[WAITING + line_id][0]) / draws,
        }
        awards = results.sums.get(REQUESTED_AWARDS + line_id)
        if awards is not None and line_id in results.awards_mean:
            entry["requested_awards"] = _by_year(awards, years, draws)
            entry["funded_awards"] = {
                str(y): float(v) for y, v in zip(years, results.awards_mean[line_id])
            }
        by_line[line_id] = entry
    out["by_line"] = by_line
    return out


def investment_figures(results: Results) -> dict[str, Any]:
    """Gross outlay, money returned (by year, within the plan's years and after) and net
    fiscal cost, side by side."""
    lines = [k for k in results.series("returns") if k != "total"]
    out: dict[str, Any] = {"lines": lines}
    if not lines:
        return out
    years, draws = results.years, results.draws
    labels = [str(y) for y in years] + [SPAN]
    late = results.sums.get(RETURNS_LATE, np.zeros(0))
    out["gross_wan"] = _table(results.outlay(), labels)
    out["gross_after_2028_mean"] = results.after_horizon_mean()
    out["returns_wan"] = _table(results.outlay(*RETURNS), labels)
    out["returns_after_2028_mean"] = results.after_horizon_mean(*RETURNS)
    out["returns_after_2028_by_year_mean"] = {
        str(years[-1] + 1 + i): float(v) / draws for i, v in enumerate(late) if v != 0
    }
    out["net_wan"] = _table(results.outlay(*NET), labels)
    out["net_after_2028_mean"] = results.after_horizon_mean(*NET)
    out["by_line"] = {
        line_id: {
            "gross_wan": _table(results.outlay("line", line_id), labels),
            "returns_wan": _table(results.outlay("returns", line_id), labels),
            "returns_after_2028_mean": results.after_horizon_mean("returns", line_id),
        }
        for line_id in lines
    }
    return out


def budget_figures(results: Results) -> dict[str, Any]:
    """Both, as the JSON output holds them."""
    return {"rationing": rationing_figures(results), "investments": investment_figures(results)}
