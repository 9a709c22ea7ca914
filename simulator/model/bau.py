"""Business-as-usual summaries of the headline indicators: the run's own draws of start, trend
and noise without the lines' effects (``indicator_model.business_as_usual``), summarised like
a run's indicators, so a chart shows what the plan's money adds.

The paths depend only on an indicator's block, its observed values, the seed and the sampler,
so a summary is cached by those and a slider moving a line's uptake does not recompute it.
Above ``MAX_DRAWS`` draws the summary uses the first ``MAX_DRAWS`` (its percentiles are then
within about 0.5 % of the full run's).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

import numpy as np

from .indicator_model import business_as_usual, observed_indicators
from .scenario import Scenario
from .stats import summarise

MAX_DRAWS = 100_000
_CACHE: OrderedDict[str, dict[str, np.ndarray]] = OrderedDict()
_CACHE_SIZE = 32


def business_as_usual_summary(
    scenario: Scenario, indicator: str, draws: int, seed: int, sampler: str
) -> dict[str, np.ndarray]:
    """{'mean', 'p05', …, 'p95'}: each an array over the base year and the plan's years."""
    a = scenario.indicator_assumptions(indicator)
    n = min(int(draws), MAX_DRAWS)
    own: dict[str, Any] = {k: a[k] for k in ("start", "trend", "noise")}
    key = json.dumps(
        [own, observed_indicators(scenario).get(indicator, {}), n, seed, sampler, indicator],
        sort_keys=True,
        default=str,
    )
    cached = _CACHE.get(key)
    if cached is None:
        cached = summarise(business_as_usual(scenario, indicator, n, seed, sampler))
        _CACHE[key] = cached
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return cached
