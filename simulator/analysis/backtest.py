"""A backtest of the indicator model against the published history.

For each origin year (an observed year in the range) and indicator: calibrate on the data up
to the origin only (``calibration.fit_series``), project business as usual (no plan money
before 2024) to every later observation, and score the forecast distribution against it:

* coverage of the central 50 % and 90 % bands (the share of held-out points inside);
* MdAPE: the median absolute percentage error of the forecast median;
* CRPS, sample-based: E|X − y| − ½E|X − X′| (lower is better; in the indicator's unit).

Next to two naive forecasts: *last growth*, the last observed yearly log growth carried
forward (a point forecast: bands of width 0, CRPS = absolute error), and a *random walk with
drift* on log values (drift = the mean yearly log growth so far, variance s²·(h + h²/T) for a
horizon h, s² from the increments, T the years observed: its own spread). An origin needs at
least three observations (two increments) so that every method has a spread, and a noise sd
with at least two degrees of freedom (its own residuals and the prior pooled from the other
series, ``pooled_noise``): with one, the model's forecast is a Student t with ν = 1, which has
no mean, and the CRPS of a forecast without a mean is not defined.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model.calibration import Fit, fit_series, pooled_noise, pooled_persistence

METHODS = ("model", "last_growth", "random_walk")
DRAWS = 20_000
MIN_POINTS = 3
MIN_DF = 2


def crps_samples(samples: np.ndarray, y: float) -> float:
    """Sample CRPS E|X − y| − ½E|X − X′| (the pairs term by the sorted-sample identity
    E|X − X′| = 2/n² Σ (2i − n − 1) x_(i), i = 1…n)."""
    x = np.sort(np.asarray(samples, dtype=float))
    n = x.size
    weights = 2.0 * np.arange(1, n + 1) - n - 1
    pairs = 2.0 * float(weights @ x) / (n * n)
    return float(np.mean(np.abs(x - y))) - 0.5 * pairs


@dataclass(frozen=True)
class Forecast:
    """One held-out observation and each method's forecast of it."""

    indicator: str
    origin: int
    year: int
    observed: float
    points: int  # observations the fit used
    samples: dict[str, np.ndarray] = field(repr=False)

    def quantile(self, method: str, q: float) -> float:
        return float(np.quantile(self.samples[method], q))


@dataclass(frozen=True)
class Score:
    """The scores of one method over a set of forecasts (``n`` of them)."""

    n: int
    coverage50: float
    coverage90: float
    mdape: float
    crps: float


def _score(forecasts: Sequence[Forecast], method: str) -> Score | None:
    if not forecasts:
        return None
    in50 = in90 = 0
    ape, crps = [], []
    for f in forecasts:
        x = f.samples[method]
        q05, q25, q50, q75, q95 = np.quantile(x, (0.05, 0.25, 0.5, 0.75, 0.95))
        in50 += int(q25 <= f.observed <= q75)
        in90 += int(q05 <= f.observed <= q95)
        ape.append(abs(q50 - f.observed) / f.observed)
        crps.append(crps_samples(x, f.observed))
    n = len(forecasts)
    return Score(n, in50 / n, in90 / n, float(np.median(ape)), float(np.mean(crps)))


@dataclass(frozen=True)
class Backtest:
    forecasts: list[Forecast]
    indicators: tuple[str, ...]
    first_origin: int | None
    last_origin: int | None
    #: the fit each (indicator, origin) was projected with
    fits: dict[tuple[str, int], Fit] = field(default_factory=dict)

    def of(self, indicator: str | None = None) -> list[Forecast]:
        return [f for f in self.forecasts if indicator is None or f.indicator == indicator]

    def score(self, method: str, indicator: str | None = None) -> Score | None:
        return _score(self.of(indicator), method)

    def origins(self, indicator: str) -> list[int]:
        return sorted({f.origin for f in self.of(indicator)})

    def model_beats_naive(self) -> tuple[int, int]:
        """(indicators where the model's CRPS is below both naive forecasts', indicators
        scored)."""
        better = scored = 0
        for indicator in self.indicators:
            scores = [self.score(m, indicator) for m in METHODS]
            if any(s is None for s in scores):
                continue
            scored += 1
            model, *naive = (s.crps for s in scores if s is not None)
            better += int(all(model < other for other in naive))
        return better, scored

    def to_dict(self) -> dict[str, object]:
        def score(s: Score | None) -> dict[str, float | int] | None:
            return None if s is None else dict(s.__dict__)

        return {
            "first_origin": self.first_origin,
            "last_origin": self.last_origin,
            "overall": {m: score(self.score(m)) for m in METHODS},
            "indicators": {
                i: {
                    "origins": self.origins(i),
                    **{m: score(self.score(m, i)) for m in METHODS},
                }
                for i in self.indicators
            },
            "model_crps_better_than_both_naive": dict(
                zip(("indicators", "of"), self.model_beats_naive())
            ),
            "forecasts": [
                {
                    "indicator": f.indicator,
                    "origin": f.origin,
                    "year": f.year,
                    "observed": f.observed,
                    "points": f.points,
                    **{
                        m: {
                            "p05": f.quantile(m, 0.05),
                            "p50": f.quantile(m, 0.5),
                            "p95": f.quantile(m, 0.95),
                        }
                        for m in METHODS
                    },
                }
                for f in self.forecasts
            ],
        }


def _random_walk(
    years: Sequence[int], values: Sequence[float], horizon: int, rng: np.random.Generator
) -> np.ndarray:
    logs = np.log(np.asarray(values))
    t = np.asarray(years, dtype=float)
    span = t[-1] - t[0]
    drift = (logs[-1] - logs[0]) / span
    d, gaps = np.diff(logs), np.diff(t)
    s2 = float(np.sum((d - drift * gaps) ** 2 / gaps)) / max(d.size - 1, 1)
    sd = math.sqrt(s2 * (horizon + horizon * horizon / span))
    return np.asarray(values[-1] * np.exp(drift * horizon + sd * rng.standard_normal(DRAWS)))


def backtest(
    history: Mapping[str, Mapping[int, float]],
    indicators: Sequence[str],
    first: int | None = None,
    last: int | None = None,
    persistence: float | None = None,
    seed: int = 20240731,
    pooled_from: Mapping[str, Mapping[int, float]] | None = None,
) -> Backtest:
    """Score the model and the naive forecasts from every origin year in [first, last]
    (default: every year observed) against every later observation. The noise persistence
    where a series is too short to estimate it: ``persistence``, else (None) the pooled
    estimate over ``pooled_from`` (default: the scored series) up to the origin, else 0.5.
    Each fit's noise prior is pooled from the other series of ``pooled_from`` up to the
    origin (``pooled_noise``)."""
    forecasts: list[Forecast] = []
    used: dict[tuple[str, int], Fit] = {}
    pool = dict(pooled_from) if pooled_from is not None else dict(history)
    pooled: dict[int, float] = {}

    def phi_at(origin: int) -> float:
        if persistence is not None:
            return persistence
        if origin not in pooled:
            estimate = pooled_persistence(pool.values(), origin)
            pooled[origin] = estimate[0] if estimate is not None else 0.5
        return pooled[origin]

    rng = np.random.default_rng(seed)
    for indicator in indicators:
        stream = zlib.crc32(indicator.encode("utf-8"))  # the same numbers in any order
        series = {y: v for y, v in history.get(indicator, {}).items() if v > 0}
        years = sorted(series)
        for origin in years:
            if (first is not None and origin < first) or (last is not None and origin > last):
                continue
            phi = phi_at(origin)
            prior = pooled_noise(pool, origin, phi, indicator)
            fit = fit_series(series, origin, phi, indicator, prior=prior)
            later = [y for y in years if y > origin]
            if fit is None or len(fit.years) < MIN_POINTS or not later:
                continue
            if fit.noise_df is None or fit.noise_df < MIN_DF:
                continue
            used[(indicator, origin)] = fit
            horizon = later[-1] - origin
            paths = fit.project(horizon, DRAWS, seed + stream + origin)
            last_growth = math.log(fit.values[-1] / fit.values[-2]) / (
                fit.years[-1] - fit.years[-2]
            )
            for year in later:
                h = year - origin
                forecasts.append(
                    Forecast(
                        indicator,
                        origin,
                        year,
                        series[year],
                        len(fit.years),
                        {
                            "model": paths[h],
                            "last_growth": np.full(1, fit.start_value * math.exp(last_growth * h)),
                            "random_walk": _random_walk(fit.years, fit.values, h, rng),
                        },
                    )
                )
    origins = [f.origin for f in forecasts]
    return Backtest(
        forecasts,
        tuple(indicators),
        min(origins) if origins else None,
        max(origins) if origins else None,
        used,
    )
