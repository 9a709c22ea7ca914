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
planner's value is kept (a marked assumption). The scenario gets the trend's standard error as
its sd and σ̂ as the noise sd, with ν = m − 1 degrees of freedom (``noise.df``): σ is itself
estimated, so every draw scales both sds by √(ν/χ²_ν) (``predictive``), which makes the bands
the Student-t posterior predictive rather than a normal that is too narrow for short series.
Short series borrow strength from the others: given the other series of the history
(``pooled_noise``), σ² has a scaled-inverse-χ² prior with the pooled REML variance s₀² of their
residuals as scale and ``PRIOR_DF`` degrees of freedom (an assumption), and the posterior is
σ̂² = (ν₀·s₀² + r'R⁻¹r)/(ν₀ + m − 1) with ν = ν₀ + m − 1. Without a prior, a single increment
cannot estimate σ at all: the planner's noise sd is used (without degrees of freedom) and said
so. The start is the last observation (sd 0).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .numbers import significant
from .persistence import ar1
from .predictive import sd_scales
from .problems import InputError, Message
from .scenario import Scenario
from .validation_indicators import FIRST_START_YEAR, LAST_START_YEAR

MIN_INCREMENTS_FOR_PERSISTENCE = 8
#: the weight of the pooled noise prior, in increments (an assumption: enough to tame the
#: heavy tails of a series with one or two increments, little against a long series)
PRIOR_DF = 2
#: ends the note put before the basis of an indicator without history (replaced next time)
UNCALIBRATED_END = " —— "
#: the same end in files calibrated before the notes were bilingual
OLD_UNCALIBRATED_END = "; the start, trend and noise stay the planner's: "
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
    trend_sd: float | None
    noise_sd: float | None
    #: degrees of freedom of noise_sd (and of the trend's sd): m − 1; None when not estimated
    noise_df: int | None
    persistence: float
    persistence_estimated: bool
    #: where a persistence not estimated from this series comes from (for the basis)
    persistence_note: Message | None = None
    #: the pooled prior combined with the series' own residuals into noise_sd (None: none)
    prior: NoisePrior | None = None

    @property
    def increments(self) -> int:
        return len(self.years) - 1

    def project(self, years: int, draws: int, seed: int) -> np.ndarray:
        """Business-as-usual sample paths from the start (``project``) with this fit's
        trend, noise and degrees of freedom; needs a trend and a noise sd."""
        assert self.trend_mean is not None and self.trend_sd is not None
        assert self.noise_sd is not None
        return project(
            self.start_value,
            self.trend_mean,
            self.trend_sd,
            self.noise_sd,
            self.persistence,
            years,
            draws,
            seed,
            self.noise_df,
        )

    def basis(self, source: str = "") -> str:
        """Which data and which fit produced each number (for the scenario's bases), in
        Chinese and, in brackets, English (as the shipped scenarios' bases)."""
        parts = [
            Message(
                "calibrated from history series {series}, years {years} ({points} points, "
                "{increments} increments)",
                series=self.series,
                years=", ".join(str(y) for y in self.years),
                points=len(self.years),
                increments=self.increments,
            )
        ]
        if source:
            parts.append(Message("source: {source}", source=source))
        parts.append(Message("start = the {year} observation", year=self.start_year))
        if self.trend_mean is None:
            parts.append(Message("a single observation: trend and noise are not estimated"))
            return bilingual(parts)
        parts.append(
            Message(
                "trend = mean log growth by generalised least squares on the increments "
                "between observations (AR(1) shocks)"
            )
        )
        if self.noise_sd is None:
            parts.append(Message("one increment: noise sd not estimable (planner's kept)"))
        elif self.prior is None:
            parts.append(
                Message(
                    "trend sd = its standard error; noise sd = REML residual sd; both "
                    "estimated with ν = {df} degrees of freedom, so each draw scales them by "
                    "√(ν/χ²_ν) (Student-t bands)",
                    df=self.noise_df,
                )
            )
        else:
            parts.append(
                Message(
                    "trend sd = its standard error; noise sd = REML residuals combined with "
                    "a prior pooled from the REML residuals of {series} other history series "
                    "({dof} degrees of freedom; prior sd {sd}) weighted as {weight} "
                    "increments (assumption); both estimated with ν = {df} degrees of "
                    "freedom, so each draw scales them by √(ν/χ²_ν) (Student-t bands)",
                    series=self.prior.series,
                    dof=self.prior.increments,
                    sd=f"{math.sqrt(self.prior.variance):.3g}",
                    weight=self.prior.df,
                    df=self.noise_df,
                )
            )
        if self.persistence_estimated:
            parts.append(Message("persistence = REML estimate on a grid 0…0.9"))
        else:
            why = self.persistence_note or Message(
                "assumption (fewer than {n} increments cannot estimate it)",
                n=MIN_INCREMENTS_FOR_PERSISTENCE,
            )
            parts.append(Message("persistence {phi}: {why}", phi=f"{self.persistence:g}", why=why))
        return bilingual(parts)


def bilingual(parts: list[Message]) -> str:
    """A basis in Chinese, then in English in brackets: "中文 (English)"."""
    zh = ";".join(part.text("zh") for part in parts)
    en = "; ".join(part.text("en") for part in parts)
    return f"{zh} ({en})"


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
    persistence_note: Message | None = None,
    prior: NoisePrior | None = None,
) -> Fit | None:
    """Fit the business-as-usual model to the observations up to ``as_of`` (default: all).
    ``persistence``: the φ used when the data are too few to estimate it; ``prior``: a
    pooled prior for the noise variance (``pooled_noise``), combined with the residuals.
    None when there is no positive observation up to the as-of year."""
    points = _points(series, as_of)
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
            trend_sd=None,
            noise_sd=None,
            noise_df=None,
            persistence=persistence,
            persistence_estimated=False,
            persistence_note=persistence_note,
        )
    _, d, gaps = _increments(points)
    m = d.size
    estimated = m >= MIN_INCREMENTS_FOR_PERSISTENCE
    if estimated:
        persistence = max(PERSISTENCE_GRID, key=lambda p: _gls(d, gaps, _gram(years, p))[4])
    mu, info, rss, _, _ = _gls(d, gaps, _gram(years, persistence))
    nu = m - 1
    df: int | None = None
    sigma: float | None = None
    if prior is not None:  # scaled-inverse-χ² prior and residuals: the conjugate posterior
        df = prior.df + nu
        sigma = math.sqrt((prior.df * prior.variance + rss) / df)
    elif nu >= 1:
        df, sigma = nu, math.sqrt(rss / nu)
    scale = sigma if sigma is not None else noise_fallback
    se = scale / math.sqrt(info) if scale is not None else None
    return Fit(
        **common,  # type: ignore[arg-type]
        start_value=values[-1],
        trend_mean=mu,
        trend_sd=se,
        noise_sd=sigma,
        noise_df=df,
        persistence=persistence,
        persistence_estimated=estimated,
        persistence_note=None if estimated else persistence_note,
        prior=prior,
    )


def _points(series: Mapping[int, float], as_of: int | None) -> list[tuple[int, float]]:
    """The positive observations up to ``as_of``, by year."""
    return sorted((y, v) for y, v in series.items() if (as_of is None or y <= as_of) and v > 0)


def _increments(
    points: list[tuple[int, float]],
) -> tuple[tuple[int, ...], np.ndarray, np.ndarray]:
    """(years, log increments, their lengths in years) of sorted observations."""
    years = tuple(int(y) for y, _ in points)
    logs = np.log(np.array([v for _, v in points], dtype=float))
    return years, np.diff(logs), np.diff(np.array(years, dtype=float))


@dataclass(frozen=True)
class NoisePrior:
    """A scaled-inverse-χ² prior for a series' noise variance: scale ``variance`` with ``df``
    degrees of freedom, pooled from ``series`` other series (``increments`` residual degrees
    of freedom between them)."""

    variance: float
    df: int
    series: int
    increments: int


def pooled_noise(
    histories: Mapping[str, Mapping[int, float]],
    as_of: int | None,
    persistence: float,
    exclude: str = "",
    df: int = PRIOR_DF,
) -> NoisePrior | None:
    """The noise prior of series ``exclude`` from the other series with at least three
    positive observations up to ``as_of``: the pooled REML variance Σ r'R⁻¹r / Σ (m − 1)
    (each series with its own trend, persistence φ), worth ``df`` increments; None when no
    other series has three observations."""
    rss_total, dof, n = 0.0, 0, 0
    for name, series in histories.items():
        points = _points(series, as_of)
        if name == exclude or len(points) < 3:
            continue
        years, d, gaps = _increments(points)
        rss_total += _gls(d, gaps, _gram(years, persistence))[2]
        dof += d.size - 1
        n += 1
    if not n:
        return None
    return NoisePrior(rss_total / dof, df, n, dof)


def pooled_persistence(
    histories: Iterable[Mapping[int, float]], as_of: int | None = None
) -> tuple[float, int, int] | None:
    """(φ, series, increments): the persistence that maximises the sum of the restricted
    likelihoods of every series with at least three positive observations up to ``as_of``
    (each with its own trend and noise sd); None when no series has three."""
    prepared = []
    for series in histories:
        points = _points(series, as_of)
        if len(points) >= 3:
            prepared.append(_increments(points))
    if not prepared:
        return None

    def likelihood(phi: float) -> float:
        return sum(_gls(d, gaps, _gram(years, phi))[4] for years, d, gaps in prepared)

    phi = max(PERSISTENCE_GRID, key=likelihood)
    return phi, len(prepared), sum(d.size for _, d, _ in prepared)


def pooled_note(pooled: tuple[float, int, int], as_of: int | None) -> Message:
    _phi, n, m = pooled
    if as_of is None:
        return Message(
            "pooled REML estimate over the {n} history series with at least 3 points "
            "({m} increments), grid 0…0.9",
            n=n,
            m=m,
        )
    return Message(
        "pooled REML estimate over the {n} history series with at least 3 points up to "
        "{year} ({m} increments), grid 0…0.9",
        n=n,
        m=m,
        year=as_of,
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
    df: int | None = None,
) -> np.ndarray:
    """Business-as-usual sample paths (years + 1) × draws from ``start`` (row 0), the
    indicator model without effects: I_t = I_{t−1}·exp(μ + u_t); with ``df`` both sds are
    scaled per draw by √(ν/χ²_ν) (``predictive``)."""
    rng = np.random.default_rng(seed)
    deviation = trend_sd * rng.standard_normal(draws)
    u = ar1(rng.standard_normal((years, draws)), persistence)
    u *= noise_sd
    if df:
        scale = sd_scales(rng.random(draws), df, (trend_sd, noise_sd))
        deviation *= scale
        u *= scale
    u += trend_mean + deviation
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
    noise_pool: Mapping[str, Mapping[int, float]] | None = None,
) -> Calibrated:
    """The scenario with each indicator's start, trend and noise fitted to its history up
    to ``as_of`` (default: the latest year observed, at most LAST_START_YEAR, the plan
    starting the year after). Effects and everything else are kept. ``persistence``: the φ
    assumed where a series cannot estimate it; without it, the pooled estimate over the
    series of ``pooled_from`` (every series of the history) when there is one, else each
    indicator's own. ``noise_pool``: the named series (every series of the history) whose
    residuals, other than the indicator's own, give its noise prior (``pooled_noise``)."""
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
    note: Message | None = None
    if persistence is None and pooled_from is not None:
        pooled = pooled_persistence(pooled_from, as_of)
        if pooled is not None:
            persistence, note = pooled[0], pooled_note(pooled, as_of)
    for indicator in scenario.catalogue.indicator_ids:
        block = data["indicators"][indicator]
        phi = block["noise"]["persistence"] if persistence is None else persistence
        prior = pooled_noise(noise_pool, as_of, phi, indicator) if noise_pool else None
        fit = fit_series(
            history.get(indicator, {}), as_of, phi, indicator, block["noise"]["sd"], note, prior
        )
        fits[indicator] = fit
        if fit is None or fit.start_year < FIRST_START_YEAR:
            fits[indicator] = None
            why = Message(
                "not calibrated: the history has no figure of this series up to {year}; "
                "the start, trend and noise stay the planner's",
                year=as_of,
            )
            block["basis"] = bilingual([why]) + UNCALIBRATED_END + _planners(block["basis"])
            if persistence is not None:
                block["noise"]["persistence"] = persistence
                block["noise"]["basis"] = bilingual(
                    [
                        Message(
                            "noise sd: the planner's assumption; persistence {phi}: {why}",
                            phi=f"{persistence:g}",
                            why=note
                            or Message("assumption (no history of this series to estimate it)"),
                        )
                    ]
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
        if fit.noise_df is not None:
            block["noise"]["df"] = fit.noise_df
        block["basis"] = bilingual(
            [
                Message(
                    "calibrated from the history up to {year} (qdplan calibrate): start, "
                    "trend and noise (each with its basis); the effects are the planner's",
                    year=as_of,
                )
            ]
        )
    return Calibrated(scenario.with_data(data), fits, as_of)


def _planners(basis: str) -> str:
    """An indicator's own basis without a previous calibration's note before it."""
    return basis.split(UNCALIBRATED_END)[-1].split(OLD_UNCALIBRATED_END)[-1]


def _clip(value: float, low: float, high: float) -> float:
    """A fitted number within its bounds, to ``significant`` digits."""
    return significant(min(max(value, low), high))
