"""The assumptions of the tornado (``Factor``), their low and high values, and the scenario
with one of them at its low or high value."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from ..model import AMOUNT_FORMS, N_, Catalogue, Line, Scenario, translate, uptake_years
from .edits import edit, line_path, scaled

#: Tornado ranges where the scenario states an uncertainty: its 10th and 90th percentiles.
STATED_RANGE = (0.10, 0.90)
#: Tornado range (relative) for assumptions without a stated uncertainty of their own
#: (award size, renewal rate), and for every assumption when a relative swing is asked for.
DEFAULT_RELATIVE_SWING = 0.20
LINE_KINDS = ("uptake", "award_size", "renewal")


@dataclass(frozen=True)
class Factor:
    """One assumption of the tornado and its low and high values.

    For line factors (uptake, award size, renewal rate) ``low``/``central``/``high`` are
    multipliers of the scenario's own value (uptake: averaged over the planned years when the
    per-year multipliers differ); for indicator factors they are values: the trend as a
    yearly growth rate, the 2023 start in the indicator's unit; for ``effects`` they are
    shifts of every effect on the indicator, in its own standard deviations.
    """

    id: str
    kind: str
    subject: str
    central: float
    low: float
    high: float
    basis: str  # "stated" (P10–P90 of the scenario's own uncertainty) or "relative"
    per_year: tuple[tuple[str, float, float], ...] = ()  # uptake: (year, low ×, high ×)

    @property
    def is_line(self) -> bool:
        return self.kind in LINE_KINDS

    def name(self, catalogue: Catalogue, language: str = "en") -> str:
        """The line's or indicator's name."""
        if self.is_line:
            return catalogue.line(self.subject).name(language)
        return catalogue.indicator(self.subject).name(language)

    def what(self, language: str = "en") -> str:
        """Which of its assumptions, in a word or two."""
        words = {
            "uptake": N_("uptake"),
            "award_size": N_("award size"),
            "renewal": N_("renewal rate"),
            "trend": N_("own trend"),
            "start": N_("2023 start"),
            "effects": N_("policy effects"),
        }
        return translate(words[self.kind], language)

    def label(self, catalogue: Catalogue, language: str = "en") -> str:
        name, what = self.name(catalogue, language), self.what(language)
        return f"{name}·{what}" if language == "zh" else f"{name}: {what}"

    def range_text(self, catalogue: Catalogue, language: str = "en") -> str:
        """The low and high values in words, e.g. '×0.62–×1.38' or '6.2%–13.8%'."""
        if self.is_line:
            return f"×{self.low:.2f}–×{self.high:.2f}"
        if self.kind == "trend":
            return f"{100 * self.low:.1f}%–{100 * self.high:.1f}%"
        if self.kind == "start":
            indicator = catalogue.indicator(self.subject)
            unit = indicator.unit if language == "zh" else indicator.unit_en
            space = "" if language == "zh" else " "
            return f"{self.low:,.0f}–{self.high:,.0f}{space}{unit}".rstrip()
        if self.basis == "relative":
            return f"×{1 + self.low:.2f}–×{1 + self.high:.2f}"
        z = self.high
        return translate("mean ±{z} sd", language).format(z=f"{z:.2f}")

    def to_dict(self, catalogue: Catalogue) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "subject": self.subject,
            "label_zh": self.label(catalogue, "zh"),
            "label_en": self.label(catalogue, "en"),
            "central": self.central,
            "low": self.low,
            "high": self.high,
            "range_en": self.range_text(catalogue, "en"),
            "basis": self.basis,
        }
        if self.per_year:
            out["per_year"] = {year: {"low": lo, "high": hi} for year, lo, hi in self.per_year}
        return out


def _rate_quantile_multipliers(
    line: Line, cv: float, probabilities: tuple[float, float] = STATED_RANGE
) -> tuple[float, float]:
    """P10 and P90 of an uptake rate relative to its mean, by the engine's own model: a
    Gamma rate for counted awards, a lognormal amount for amount lines (mean 1 both)."""
    if cv <= 0:
        return 1.0, 1.0
    if line.form in AMOUNT_FORMS:
        sigma = math.sqrt(math.log1p(cv * cv))
        low, high = (math.exp(sigma * stats.norm.ppf(p) - sigma * sigma / 2) for p in probabilities)
        return low, high
    shape = 1.0 / (cv * cv)
    low, high = (float(stats.gamma.ppf(p, shape, scale=1.0 / shape)) for p in probabilities)
    return low, high


def sensitivity_factors(
    scenario: Scenario, swing: float | None = None, indicator_assumptions: bool = True
) -> list[Factor]:
    """The tornado's assumptions and their ranges.

    With ``swing`` None: each line's uptake between the 10th and 90th percentile of its own
    stated spread (``uptake_cv``, by the engine's Gamma/lognormal model), award size and
    renewal rate ±20 % (the scenario states no uncertainty of their means), and each
    indicator's trend, 2023 start and effects between the 10th and 90th percentile of their
    stated normal uncertainty (mean ± 1.28 sd). With ``swing`` r: every assumption ±r.
    """
    catalogue = scenario.catalogue
    relative = swing is not None
    r = float(swing) if swing is not None else DEFAULT_RELATIVE_SWING
    if not 0 < r < 1:
        raise ValueError(f"swing must be between 0 and 1, got {r}")
    z = float(stats.norm.ppf(STATED_RANGE[1]))
    factors: list[Factor] = []
    for line in catalogue.lines:
        a = scenario.line_assumptions(line.id)
        planned = [str(y) for y in uptake_years(line)]
        per_year = []
        for year in planned:
            lo, hi = (
                (1 - r, 1 + r)
                if relative
                else _rate_quantile_multipliers(line, a["uptake_cv"][year])
            )
            per_year.append((year, lo, hi))
        weights = np.array([a["uptake"][y] for y in planned])
        if weights.sum() > 0:
            lo = float(np.average([p[1] for p in per_year], weights=weights))
            hi = float(np.average([p[2] for p in per_year], weights=weights))
            factors.append(
                Factor(
                    f"uptake:{line.id}",
                    "uptake",
                    line.id,
                    1.0,
                    lo,
                    hi,
                    "relative" if relative else "stated",
                    tuple(per_year),
                )
            )
        if line.form not in AMOUNT_FORMS:
            factors.append(
                Factor(
                    f"award_size:{line.id}",
                    "award_size",
                    line.id,
                    1.0,
                    *_award_size_range(scenario, line, r),
                    "relative",
                )
            )
        if line.form == "re_recognition":
            rate = a["renewal_rate"]
            if rate > 0:
                factors.append(
                    Factor(
                        f"renewal:{line.id}",
                        "renewal",
                        line.id,
                        1.0,
                        1 - r,
                        min(1 + r, 1.0 / rate),
                        "relative",
                    )
                )
    if not indicator_assumptions:
        return factors
    for indicator in catalogue.indicator_ids:
        a = scenario.indicator_assumptions(indicator)
        trend = a["trend"]
        if relative:
            lo, hi = trend["mean"] * (1 - r), trend["mean"] * (1 + r)
        else:
            lo, hi = trend["mean"] - z * trend["sd"], trend["mean"] + z * trend["sd"]
        lo, hi = max(lo, -0.7), min(hi, 0.7)  # the scenario's own limits
        factors.append(
            Factor(
                f"trend:{indicator}",
                "trend",
                indicator,
                trend["mean"],
                min(lo, hi),
                max(lo, hi),
                "relative" if relative else "stated",
            )
        )
        start = dict(a["start"], mean=a["start"]["value"])
        delta = r * start["mean"] if relative else z * start["sd"]
        factors.append(
            Factor(
                f"start:{indicator}",
                "start",
                indicator,
                start["mean"],
                max(start["mean"] - delta, 1e-9 * start["mean"]),
                start["mean"] + delta,
                "relative" if relative else "stated",
            )
        )
        if a["effects"]:
            factors.append(
                Factor(
                    f"effects:{indicator}",
                    "effects",
                    indicator,
                    0.0,
                    -(r if relative else z),
                    r if relative else z,
                    "relative" if relative else "stated",
                )
            )
    return factors


def _award_size_range(scenario: Scenario, line: Line, r: float) -> tuple[float, float]:
    """Award-size multipliers ×(1−r) and ×(1+r), the high one cut where a share would pass
    the cap (a share of the cap is at most 1)."""
    a = scenario.line_assumptions(line.id)
    if line.form == "share_of_cost":
        return 1 - r, 1 + r
    if "award_rule" in a:  # paid per award from an indicator: the rate (at most 1)
        rate = a["award_rule"]["rate"]
        return 1 - r, min(1 + r, 1.0 / rate) if rate > 0 else 1 + r
    top = max(s["mean"] for s in a["award_share"].values())
    return 1 - r, min(1 + r, 1.0 / top)


def _share(mean: float, sd: float, multiplier: float) -> dict[str, float]:
    """An award-size Beta moved to mean × multiplier, its sd scaled alike and kept valid."""
    new_mean = min(1.0, mean * multiplier)
    new_sd = sd * multiplier
    limit = math.sqrt(max(new_mean * (1 - new_mean) * 0.999, 0.0)) * 0.99
    return {"mean": new_mean, "sd": min(new_sd, limit)}


def factor_scenario(scenario: Scenario, factor: Factor, side: str) -> Scenario:
    """The scenario with one assumption at its 'low' or 'high' value."""
    if side not in ("low", "high"):
        raise ValueError(side)
    value = factor.low if side == "low" else factor.high
    if factor.is_line:
        path = line_path(scenario, factor.subject)
        a = scenario.line_assumptions(factor.subject)
        if factor.kind == "uptake":
            multipliers = {year: (lo if side == "low" else hi) for year, lo, hi in factor.per_year}
            uptake = {year: scaled(v, multipliers[year]) for year, v in a["uptake"].items()}
            return edit(scenario, [(path + ("uptake",), uptake)])
        if factor.kind == "renewal":
            return edit(scenario, [(path + ("renewal_rate",), min(1.0, a["renewal_rate"] * value))])
        if "cost" in a:
            cost = {
                year: {"mean_wan": c["mean_wan"] * value, "cv": c["cv"]}
                for year, c in a["cost"].items()
            }
            return edit(scenario, [(path + ("cost",), cost)])
        if "award_rule" in a:
            rate = min(1.0, a["award_rule"]["rate"] * value)
            return edit(scenario, [(path + ("award_rule", "rate"), rate)])
        share = {year: _share(s["mean"], s["sd"], value) for year, s in a["award_share"].items()}
        return edit(scenario, [(path + ("award_share",), share)])
    path = ("indicators", factor.subject)
    a = scenario.indicator_assumptions(factor.subject)
    if factor.kind == "trend":
        return edit(scenario, [(path + ("trend", "mean"), value)])
    if factor.kind == "start":
        return edit(scenario, [(path + ("start", "value"), value)])
    shift = value
    effects = [
        # effects stay positive (lognormal): a shift down stops at 1 % of the mean
        dict(e, mean=max(e["mean"] + shift * e["sd"], 0.01 * e["mean"]))
        if factor.basis == "stated"
        else dict(e, mean=e["mean"] * (1 + shift))
        for e in a["effects"]
    ]
    return edit(scenario, [(path + ("effects",), effects)])
