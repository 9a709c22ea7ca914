"""Every analysis compares variants of one scenario run with **common random numbers**
(CRN): the same seed and draws, so two variants differ only by what was changed, never by
sampling noise. A ``Probe`` keeps one base run in memory and moves single lines with the
engine's fast one-line update (about 15 ms at 20,000 draws); changes to indicator
assumptions need a full run with the same seed, which is CRN too (every random stream is
keyed by seed and name)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from ..model import KEEP_DRAWS_LIMIT, Engine, Results, Scenario
from .outcomes import outcome
from .progress import CancelCheck, Progress, Steps

#: Draws used by the analyses unless the caller says otherwise: enough for the probability of
#: a target to be smooth under CRN (one draw moves it by 1/20,000), fast on two cores.
DEFAULT_DRAWS = 20_000


class Probe:
    """A base run kept in memory, to try changes of single lines with common random numbers.

    ``apply(variant, lines)`` moves the engine to a scenario that differs from the current
    one only in the assumptions of ``lines``; ``restore()`` moves it back to the base. Not
    thread-safe: one analysis at a time, and each restores the base before it returns.
    """

    def __init__(
        self,
        scenario: Scenario,
        draws: int | None = DEFAULT_DRAWS,
        seed: int | None = None,
        sampler: str | None = None,
        progress: Progress = None,
        cancelled: CancelCheck = None,
    ):
        draws = int(draws if draws is not None else scenario.draws)
        if draws > KEEP_DRAWS_LIMIT:
            raise ValueError(
                f"decision analyses keep every draw in memory: use at most "
                f"{KEEP_DRAWS_LIMIT:,} draws, got {draws:,}"
            )
        self.scenario = scenario
        started = time.perf_counter()
        self.engine = Engine(scenario, draws=draws, seed=seed, sampler=sampler, keep_draws=True)
        self.results: Results = self.engine.run(progress=progress, cancelled=cancelled)
        self.base = outcome(self.results)
        self.elapsed = time.perf_counter() - started
        self._dirty: set[str] = set()
        self._dirty_indicators: set[str] = set()

    @property
    def draws(self) -> int:
        return self.engine.draws

    @property
    def seed(self) -> int:
        return self.engine.seed

    @property
    def sampler(self) -> str:
        return self.engine.sampler

    def apply(self, variant: Scenario, lines: Iterable[str]) -> Results:
        """Recompute ``lines`` for ``variant`` (same random numbers); returns the Results."""
        results: Results | None = self.engine.results
        for line_id in lines:
            results = self.engine.update(variant, line_id)
            self._dirty.add(line_id)
        assert results is not None  # the engine ran in __init__
        return results

    def apply_indicators(self, variant: Scenario, indicators: Iterable[str]) -> Results:
        """Recompute for ``variant`` whose indicator assumptions differ (same random
        numbers); returns the Results."""
        indicators = set(indicators)
        self._dirty_indicators |= indicators
        results: Results = self.engine.update_indicators(variant, indicators)
        return results

    def restore(self) -> None:
        """Back to the base scenario."""
        for line_id in sorted(self._dirty):
            self.engine.update(self.scenario, line_id)
        self._dirty.clear()
        if self._dirty_indicators:
            self.engine.update_indicators(self.scenario, self._dirty_indicators)
            self._dirty_indicators = set()


def probe_for(
    scenario: Scenario,
    probe: Probe | None,
    draws: int | None,
    seed: int | None,
    sampler: str | None,
    steps: Steps,
) -> Probe:
    """The given probe (it must be for ``scenario``), or a new base run."""
    if probe is not None:
        if probe.scenario != scenario:
            raise ValueError("the probe was made for another scenario")
        return probe
    return Probe(scenario, draws, seed, sampler, progress=steps, cancelled=steps.cancelled)
