"""The global, variance-based view of a scenario's uncertainty over the draws of one run:
for each uncertain quantity, its first-order Sobol index (given-data estimate), its rank
correlation with each output, and, for the total outlay, its exact share of the variance."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from ..model import N_, Catalogue, translate
from .outcomes import ALL_TARGETS, OUTLAY
from .probe import Probe


@dataclass(frozen=True)
class Driver:
    """A global measure of one uncertain quantity's influence over the draws.

    ``first_order``: Var(E[output | quantity]) / Var(output), estimated from the draws by
    equal-count bins (a first-order Sobol index, bias-corrected); ``rank_correlation``:
    Spearman's ρ; ``variance_share`` (total outlay only): Cov(quantity, total) / Var(total),
    which adds up to 1 over the lines because the total is their sum.
    """

    id: str  # "line:<id>", "growth:<indicator>", "start:<indicator>"
    kind: str
    subject: str
    first_order: float
    rank_correlation: float
    variance_share: float | None = None

    def name(self, catalogue: Catalogue, language: str = "en") -> str:
        if self.kind == "line":
            return catalogue.line(self.subject).name(language)
        return catalogue.indicator(self.subject).name(language)

    def what(self, language: str = "en") -> str:
        words = {
            "line": N_("outlay"),
            "growth": N_("own growth (trend, noise)"),
            "start": N_("2023 start"),
        }
        return translate(words[self.kind], language)

    def label(self, catalogue: Catalogue, language: str = "en") -> str:
        name, what = self.name(catalogue, language), self.what(language)
        return f"{name}·{what}" if language == "zh" else f"{name}: {what}"


def _bins(draws: int) -> int:
    return int(min(50, max(8, round(math.sqrt(draws) / 4))))


def first_order_index(x: np.ndarray, y: np.ndarray, bins: int | None = None) -> float:
    """First-order Sobol index of y on x from given draws: the variance of y's mean in
    equal-count bins of x over y's variance, less the part that sampling noise alone would
    give ((bins − 1)/n × the within-bin variance). Clipped to [0, 1]."""
    y = np.asarray(y, dtype=float)
    n = y.size
    var_y = float(y.var())
    if var_y <= 0 or n < 4:
        return 0.0
    bins = bins or _bins(n)
    order = np.argsort(x, kind="stable")
    which = np.empty(n, dtype=np.int64)
    which[order] = np.arange(n) * bins // n
    counts = np.bincount(which, minlength=bins).astype(float)
    means = np.bincount(which, weights=y, minlength=bins) / counts
    between = float(np.sum(counts * (means - y.mean()) ** 2) / n)
    within = float((np.sum(y * y) - np.sum(counts * means * means)) / (n - bins))
    index = (between - (bins - 1) / n * within) / var_y
    return float(min(1.0, max(0.0, index)))


def _ranks(x: np.ndarray) -> np.ndarray:
    ranks: np.ndarray = stats.rankdata(x)
    return ranks


def _rank_correlation(rank_x: np.ndarray, rank_y: np.ndarray) -> float:
    sx, sy = rank_x.std(), rank_y.std()
    if sx == 0 or sy == 0:
        return 0.0
    return float(np.mean((rank_x - rank_x.mean()) * (rank_y - rank_y.mean())) / (sx * sy))


def global_drivers(probe: Probe) -> dict[str, list[Driver]]:
    """For each output, every uncertain quantity of the base run with its first-order index,
    rank correlation and (outlay) variance share, most influential first.

    Quantities: each line's outlay 2024–2028 (it carries the line's awards, award sizes and
    the common factor's share) and each indicator's own compounded growth (trend and yearly
    noise) and 2023 start. Lines are correlated through the common factor, so first-order
    indices need not add up to 1; what they leave is due to interactions and joint effects
    (reported as ``interaction_share`` by ``Sensitivity``). An output that takes the same
    value in every draw (a target no draw reaches) has no drivers: an empty list."""
    engine, results = probe.engine, probe.results
    catalogue = results.catalogue
    quantities: list[tuple[str, str, str, np.ndarray]] = []
    for line in catalogue.lines:
        quantities.append(
            (f"line:{line.id}", "line", line.id, results.outlay_draws("line", line.id).sum(axis=0))
        )
    growth = getattr(engine, "indicator_growth", {})
    start = getattr(engine, "indicator_start", {})
    for indicator in catalogue.indicator_ids:
        if indicator in growth:
            quantities.append(
                (f"growth:{indicator}", "growth", indicator, np.prod(growth[indicator], axis=0))
            )
        if indicator in start and np.ndim(start[indicator]):
            quantities.append(
                (f"start:{indicator}", "start", indicator, np.asarray(start[indicator]))
            )
    total = results.outlay_draws("total").sum(axis=0)
    reached = {
        i.id: (results.indicator_paths[i.id][-1] > i.target_2028).astype(float)
        for i in catalogue.indicators
    }
    reached[ALL_TARGETS] = np.logical_and.reduce([r > 0 for r in reached.values()]).astype(float)
    values = {OUTLAY: total, **reached}
    ranked_values = {name: _ranks(v) for name, v in values.items()}
    var_total = float(total.var())
    out: dict[str, list[Driver]] = {name: [] for name in values}
    varying = {name: y for name, y in values.items() if np.ptp(y) > 0}
    bins = _bins(probe.draws)
    for ident, kind, subject, x in quantities:
        rank_x = _ranks(x)
        for name, y in varying.items():
            share = None
            if name == OUTLAY and kind == "line":
                share = (
                    float(np.mean((x - x.mean()) * (total - total.mean())) / var_total)
                    if var_total > 0
                    else 0.0
                )
            out[name].append(
                Driver(
                    ident,
                    kind,
                    subject,
                    first_order_index(x, y, bins),
                    _rank_correlation(rank_x, ranked_values[name]),
                    share,
                )
            )
    for name, drivers in out.items():
        if name == OUTLAY:
            drivers.sort(
                key=lambda d: -(d.variance_share if d.variance_share is not None else d.first_order)
            )
        else:
            drivers.sort(key=lambda d: (-d.first_order, -abs(d.rank_correlation)))
    return out
