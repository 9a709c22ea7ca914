"""Calibration of an indicator's business-as-usual model from its published history.

The model (``indicator_model``): log I(t) − log I(t−1) = μ + u_t, u_t a stationary AR(1) with
sd σ and persistence φ. Published series have gaps (a figure in 2011, 2016, 2020 …), so the
fit works on the increments between consecutive observations: the increment over the years
A_i = (t_{i−1}, t_i] is d_i = μ·Δ_i + Σ_{k∈A_i} u_k, with covariance σ²·R_ij(φ),
R_ij = Σ_{k∈A_i} Σ_{l∈A_j} φ^|k−l|. For a given φ:

* μ̂ = Δ'R⁻¹d / Δ'R⁻¹Δ (generalised least squares), its standard error σ̂/√(Δ'R⁻¹Δ);
* σ̂² = r'R⁻¹r / (m − 1), r = d − μ̂Δ (unbiased, REML), m increments.

φ is estimated by the restricted (REML) likelihood on a grid when there are at least
``MIN_INCREMENTS_FOR_PERSISTENCE`` increments; with fewer the data cannot tell it and the
planner's value is kept (a marked assumption). The trend's parameter uncertainty given to the
scenario is the standard error widened to the variance of Student's t with m − 1 degrees of
freedom (σ is estimated), √(ν/(ν − 2)); below ν = 3 it is widened as for ν = 3, and with a
single increment σ cannot be estimated at all: the planner's noise sd is used and said so.
The start is the last observation (sd 0).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .numbers import significant
from .persistence import ar1
from .problems import InputError
from .scenario import Scenario
from .validation_indicators import FIRST_START_YEAR, LAST_START_YEAR

MIN_INCREMENTS_FOR_PERSISTENCE = 8
#: ends the note put before the basis of an indicator without history (replaced next time)
UNCALIBRATED_END = "; the start, trend and noise stay the planner's: "
PERSISTENCE_GRID = tuple(round(0.05 * k, 2) for k in range(0, 19))  # 0 … 0.9


@dataclass(frozen=True)
class Fit:
    """What one series says, up to the as-of year. ``noise_sd`` is None when it cannot be
    estimated (one increment); ``trend_mean`` None with a single observation."""

    series: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    start_year: int
    start_value: float
    trend_mean: float | None
    trend_se: float | None
    trend_sd: float | None
    noise_sd: float | None
    persistence: float
    persistence_estimated: bool
    #: where a persistence not estimated from this series comes from (for the basis)
    persistence_note: str = ""

    @property
    def increments(self) -> int:
        return len(self.years) - 1

    def basis(self, source: str = "") -> str:
        """Which data and which fit produced each number (for the scenario's bases)."""
        years = ", ".join(str(y) for y in self.years)
        where = f"; source: {source}" if source else ""
        text = (
            f"calibrated from history series {self.series}, years {years} "
            f"({len(self.years)} points, {self.increments} increments){where}. "
            f"start = the {self.start_year} observation"
        )
        if self.trend_mean is None:
            return text + "; a single observation: trend and noise are not estimated"
        nu = self.increments - 1
        text += (
            "; trend = mean log growth by generalised least squares on the increments "
            "between observations (AR(1) shocks)"
        )
        if self.noise_sd is None:
            text += "; one increment: noise sd not estimable (planner's kept)"
        else:
            widen = f"√(ν/(ν−2)), ν = {nu}" if nu >= 3 else f"as for ν = 3 (ν = {nu})"
            text += f"; trend sd = standard error × {widen}; noise sd = REML residual sd"
        if self.persistence_estimated:
            text += "; persistence = REML estimate on a grid 0…0.9"
        else:
            text += f"; persistence {self.persistence:g}: " + (
                self.persistence_note
                or f"assumption (fewer than {MIN_INCREMENTS_FOR_PERSISTENCE} increments "
                "cannot estimate it)"
            )
        return text


def _gram(years: tuple[int, ...], phi: float) -> np.ndarray:
    """R(φ) of the increments between consecutive ``years``."""
    t = np.arange(years[0] + 1, years[-1] + 1)
    lag = np.abs(t[:, None] - t[None, :])
    cov = np.power(phi, lag) if phi else (lag == 0).astype(float)
    owner = np.searchsorted(np.array(years[1:]), t)  # increment index of each year
    m = len(years) - 1
    member = np.zeros((m, t.size))
    member[owner, np.arange(t.size)] = 1.0
    return np.asarray(member @ cov @ member.T)


def _gls(
    d: np.ndarray, gaps: np.ndarray, r: np.ndarray
) -> tuple[float, float, float, float, float]:
    """(μ̂, Δ'R⁻¹Δ, r'R⁻¹r, log|R|, restricted log-likelihood up to a constant)."""
    chol = np.linalg.cholesky(r)
    wd = np.linalg.solve(chol, d)
    wg = np.linalg.solve(chol, gaps)
    info = float(wg @ wg)
    mu = float(wg @ wd) / info
    resid = wd - mu * wg
    rss = float(resid @ resid)
    logdet = 2.0 * float(np.sum(np.log(np.diag(chol))))
    m = d.size
    sigma2 = max(rss / max(m - 1, 1), 1e-300)
    reml = -0.5 * ((m - 1) * math.log(sigma2) + logdet + math.log(info))
    return mu, info, rss, logdet, reml


def fit_series(
    series: Mapping[int, float],
    as_of: int | None = None,
    persistence: float = 0.5,
    name: str = "",
    noise_fallback: float | None = None,
    persistence_note: str = "",
) -> Fit | None:
    """Fit the business-as-usual model to the observations up to ``as_of`` (default: all).
    ``persistence``: the φ used when the data are too few to estimate it. None when there
    is no positive observation up to the as-of year."""
    points = sorted((y, v) for y, v in series.items() if (as_of is None or y <= as_of) and v > 0)
    if not points:
        return None
    years = tuple(int(y) for y, _ in points)
    values = tuple(float(v) for _, v in points)
    common = dict(series=name, years=years, values=values, start_year=years[-1])
    if len(points) == 1:
        return Fit(
            **common,  # type: ignore[arg-type]
            start_value=values[-1],
            trend_mean=None,
            trend_se=None,
            trend_sd=None,
            noise_sd=None,
            persistence=persistence,
            persistence_estimated=False,
            persistence_note=persistence_note,
        )
    logs = np.log(np.array(values))
    d = np.diff(logs)
    gaps = np.diff(np.array(years, dtype=float))
    m = d.size
    estimated = m >= MIN_INCREMENTS_FOR_PERSISTENCE
    if estimated:
        persistence = max(PERSISTENCE_GRID, key=lambda p: _gls(d, gaps, _gram(years, p))[4])
    mu, info, rss, _, _ = _gls(d, gaps, _gram(years, persistence))
    nu = m - 1
    if nu >= 1:
        sigma: float | None = math.sqrt(rss / nu)
    else:
        sigma = None
    scale = sigma if sigma is not None else noise_fallback
    se = scale / math.sqrt(info) if scale is not None else None
    widen = math.sqrt(max(nu, 3) / (max(nu, 3) - 2)) if sigma is not None else 1.0
    return Fit(
        **common,  # type: ignore[arg-type]
        start_value=values[-1],
        trend_mean=mu,
        trend_se=se,
        trend_sd=se * widen if se is not None else None,
        noise_sd=sigma,
        persistence=persistence,
        persistence_estimated=estimated,
        persistence_note="" if estimated else persistence_note,
    )


def pooled_persistence(
    histories: Iterable[Mapping[int, float]], as_of: int | None = None
) -> tuple[float, int, int] | None:
    """(φ, series, increments): the persistence that maximises the sum of the restricted
    likelihoods of every series with at least three positive observations up to ``as_of``
    (each with its own trend and noise sd); None when no series has three."""
    prepared = []
    for series in histories:
        points = sorted(
            (y, v) for y, v in series.items() if (as_of is None or y <= as_of) and v > 0
        )
        if len(points) >= 3:
            years = tuple(int(y) for y, _ in points)
            logs = np.log(np.array([v for _, v in points], dtype=float))
            prepared.append((years, np.diff(logs), np.diff(np.array(years, dtype=float))))
    if not prepared:
        return None

    def likelihood(phi: float) -> float:
        return sum(_gls(d, gaps, _gram(years, phi))[4] for years, d, gaps in prepared)

    phi = max(PERSISTENCE_GRID, key=likelihood)
    return phi, len(prepared), sum(d.size for _, d, _ in prepared)


def pooled_note(pooled: tuple[float, int, int], as_of: int | None) -> str:
    _phi, n, m = pooled
    upto = f" up to {as_of}" if as_of is not None else ""
    return (
        f"pooled REML estimate over the {n} history series with at least 3 points{upto} "
        f"({m} increments), grid 0…0.9"
    )


def project(
    start: float,
    trend_mean: float,
    trend_sd: float,
    noise_sd: float,
    persistence: float,
    years: int,
    draws: int,
    seed: int,
) -> np.ndarray:
    """Business-as-usual sample paths (years + 1) × draws from ``start`` (row 0), the
    indicator model without effects: I_t = I_{t−1}·exp(μ + u_t)."""
    rng = np.random.default_rng(seed)
    mu = trend_mean + trend_sd * rng.standard_normal(draws)
    u = ar1(rng.standard_normal((years, draws)), persistence)
    u *= noise_sd
    u += mu
    paths = np.empty((years + 1, draws))
    paths[0] = start
    paths[1:] = start * np.exp(np.cumsum(u, axis=0))
    return paths


@dataclass(frozen=True)
class Calibrated:
    """A recalibrated scenario and, per indicator, its fit (None: no history, unchanged)."""

    scenario: Scenario
    fits: dict[str, Fit | None]
    as_of: int


def calibrate_scenario(
    scenario: Scenario,
    history: Mapping[str, Mapping[int, float]],
    as_of: int | None = None,
    sources: Mapping[str, str] | None = None,
    persistence: float | None = None,
    pooled_from: Iterable[Mapping[int, float]] | None = None,
) -> Calibrated:
    """The scenario with each indicator's start, trend and noise fitted to its history up
    to ``as_of`` (default: the latest year observed, at most LAST_START_YEAR, the plan
    starting the year after). Effects and everything else are kept. ``persistence``: the φ
    assumed where a series cannot estimate it; without it, the pooled estimate over the
    series of ``pooled_from`` (every series of the history) when there is one, else each
    indicator's own."""
    observed = [y for s in history.values() for y in s]
    if as_of is None:
        as_of = min(max(observed, default=LAST_START_YEAR), LAST_START_YEAR)
    if as_of > LAST_START_YEAR:
        raise InputError(
            "as-of year {year} is after {last}: the plan's projection starts in "
            "{start}; later observations go in the scenario's actuals",
            year=as_of,
            last=LAST_START_YEAR,
            start=LAST_START_YEAR + 1,
        )
    data = scenario.data
    fits: dict[str, Fit | None] = {}
    note = ""
    if persistence is None and pooled_from is not None:
        pooled = pooled_persistence(pooled_from, as_of)
        if pooled is not None:
            persistence, note = pooled[0], pooled_note(pooled, as_of)
    for indicator in scenario.catalogue.indicator_ids:
        block = data["indicators"][indicator]
        phi = block["noise"]["persistence"] if persistence is None else persistence
        fit = fit_series(
            history.get(indicator, {}), as_of, phi, indicator, block["noise"]["sd"], note
        )
        fits[indicator] = fit
        if fit is None or fit.start_year < FIRST_START_YEAR:
            fits[indicator] = None
            why = f"not calibrated: the history has no figure of this series up to {as_of}"
            block["basis"] = why + UNCALIBRATED_END + block["basis"].split(UNCALIBRATED_END)[-1]
            if persistence is not None:
                block["noise"]["persistence"] = persistence
                block["noise"]["basis"] = (
                    f"noise sd: the planner's assumption; persistence {persistence:g}: "
                    + (note or "assumption (no history of this series to estimate it)")
                )
            continue
        basis = fit.basis((sources or {}).get(indicator, ""))
        block["start"] = {
            "year": fit.start_year,
            "value": fit.start_value,
            "sd": 0.0,
            "basis": basis,
        }
        if fit.trend_mean is not None and fit.trend_sd is not None:
            block["trend"] = {
                "mean": _clip(fit.trend_mean, -0.7, 0.7),
                "sd": _clip(fit.trend_sd, 0.0, 1.0),
                "basis": basis,
            }
        block["noise"] = {
            "sd": _clip(fit.noise_sd, 0.0, 1.0)
            if fit.noise_sd is not None
            else block["noise"]["sd"],
            "persistence": significant(fit.persistence),
            "basis": basis,
        }
        block["basis"] = (
            f"calibrated from the history up to {as_of} (qdplan calibrate): start, trend and "
            "noise (each with its basis); the effects are the planner's"
        )
    return Calibrated(scenario.with_data(data), fits, as_of)


def _clip(value: float, low: float, high: float) -> float:
    """A fitted number within its bounds, to ``significant`` digits."""
    return significant(min(max(value, low), high))
