"""``sensitivity``: a tornado (one assumption at a time swung from its low to its high value,
everything else at its central value) for the expected total outlay 2024–2028 and the
probability of each 2028 target, with common random numbers; and the global drivers over
the draws (``drivers``)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import Catalogue, Scenario
from .drivers import Driver, global_drivers
from .factors import Factor, factor_scenario, sensitivity_factors
from .outcomes import OUTLAY, Outcome, outcome, outputs, run_fields
from .probe import DEFAULT_DRAWS, Probe, probe_for
from .progress import CancelCheck, Progress, Steps


@dataclass(frozen=True)
class Swing:
    """One tornado bar: the outputs with the factor at its low and at its high value."""

    factor: Factor
    low: Outcome
    high: Outcome

    def width(self, output: str) -> float:
        return abs(self.high.value(output) - self.low.value(output))


@dataclass
class Sensitivity:
    """A tornado per output and the global drivers, for one scenario."""

    scenario: Scenario
    draws: int
    seed: int
    sampler: str
    central: Outcome
    swings: list[Swing]
    drivers: dict[str, list[Driver]]
    elapsed: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def catalogue(self) -> Catalogue:
        return self.scenario.catalogue

    def tornado(self, output: str, top: int | None = None) -> list[Swing]:
        """The swings for one output, widest first (zero-width swings left out)."""
        swings = [s for s in self.swings if s.width(output) > 0]
        swings.sort(key=lambda s: (-s.width(output), s.factor.id))
        return swings[:top] if top else swings

    def top_drivers(self, output: str, top: int | None = None) -> list[Driver]:
        drivers = self.drivers[output]
        return drivers[:top] if top else list(drivers)

    def varies(self, output: str) -> bool:
        """Whether the output differs between the base run's draws (else it has no drivers:
        e.g. a target reached in no draw)."""
        return bool(self.drivers[output])

    def interaction_share(self, output: str) -> float | None:
        """1 − Σ first-order indices (at least 0): variance no single quantity explains;
        None for an output that does not vary (no variance to share out)."""
        if not self.varies(output):
            return None
        return max(0.0, 1.0 - sum(d.first_order for d in self.drivers[output]))

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        catalogue = self.catalogue
        result: dict[str, Any] = {
            **run_fields(self),
            "timings_seconds": {k: round(v, 3) for k, v in self.timings.items()},
            "units": {
                "outlay": "万元 (expected total 2024–2028)",
                "probability": "share of draws reaching the 2028 target",
            },
            "central": _outcome_dict(self.central),
            "tornado": {},
            "global": {},
        }
        for output in outputs(catalogue):
            result["tornado"][output] = [
                {
                    **s.factor.to_dict(catalogue),
                    "output_low": s.low.value(output),
                    "output_high": s.high.value(output),
                    "swing": s.width(output),
                }
                for s in self.tornado(output, top)
            ]
            result["global"][output] = {
                "method": "first-order Sobol index from the draws (equal-count bins, "
                "bias-corrected) and Spearman rank correlation"
                + ("; variance share = Cov(line, total) / Var(total)" if output == OUTLAY else ""),
                "varies": self.varies(output),
                "interaction_share": self.interaction_share(output),
                "drivers": [
                    {
                        "id": d.id,
                        "kind": d.kind,
                        "subject": d.subject,
                        "label_zh": d.label(catalogue, "zh"),
                        "label_en": d.label(catalogue, "en"),
                        "first_order": d.first_order,
                        "rank_correlation": d.rank_correlation,
                        **(
                            {"variance_share": d.variance_share}
                            if d.variance_share is not None
                            else {}
                        ),
                    }
                    for d in self.top_drivers(output, top)
                ],
            }
        return result


def _outcome_dict(o: Outcome) -> dict[str, Any]:
    return {
        "expected_outlay_2024_2028_wan": o.outlay_wan,
        "probabilities": dict(o.probabilities),
        "appropriation_exceedance": o.exceedance,
    }


def sensitivity(
    scenario: Scenario,
    *,
    draws: int | None = DEFAULT_DRAWS,
    seed: int | None = None,
    sampler: str | None = None,
    swing: float | None = None,
    indicator_assumptions: bool = True,
    probe: Probe | None = None,
    progress: Progress = None,
    cancelled: CancelCheck = None,
) -> Sensitivity:
    """Tornado and global drivers of a scenario (see the module docstring).

    Line assumptions are swung with the engine's one-line update (CRN); indicator
    assumptions need a full run each (about 1 s at 20,000 draws), so
    ``indicator_assumptions=False`` makes the tornado much faster. Raises Cancelled.
    """
    started = time.perf_counter()
    steps = Steps(progress, cancelled)
    factors = sensitivity_factors(scenario, swing, indicator_assumptions)
    line_factors = [f for f in factors if f.is_line]
    other_factors = [f for f in factors if not f.is_line]
    # Weights by the expected time of each phase: a line swing ~ 3 updates, a full run ~ 60.
    work = np.array(
        [60.0 if probe is None else 0.0, 3.0 * len(line_factors), 120.0 * len(other_factors), 20.0]
    )
    edges = np.concatenate([[0.0], np.cumsum(work) / work.sum()])
    probe = probe_for(scenario, probe, draws, seed, sampler, steps.part(edges[0], edges[1]))
    timings = {"base_run": probe.elapsed if probe else 0.0}
    swings: list[Swing] = []
    t = time.perf_counter()
    line_steps = steps.part(edges[1], edges[2])
    try:
        for n, factor in enumerate(line_factors):
            ends = []
            for side in ("low", "high"):
                variant = factor_scenario(scenario, factor, side)
                ends.append(outcome(probe.apply(variant, [factor.subject])))
            probe.restore()
            swings.append(Swing(factor, *ends))
            line_steps((n + 1) / max(1, len(line_factors)))
    finally:
        probe.restore()
    timings["line_swings"] = time.perf_counter() - t
    t = time.perf_counter()
    other_steps = steps.part(edges[2], edges[3])
    try:
        for n, factor in enumerate(other_factors):
            ends = []
            for side in ("low", "high"):
                variant = factor_scenario(scenario, factor, side)
                ends.append(outcome(probe.apply_indicators(variant, [factor.subject])))
                probe.restore()
            swings.append(Swing(factor, *ends))
            other_steps((n + 1) / max(1, len(other_factors)))
    finally:
        probe.restore()
    timings["indicator_swings"] = time.perf_counter() - t
    t = time.perf_counter()
    drivers = global_drivers(probe)
    timings["global"] = time.perf_counter() - t
    steps(1.0)
    return Sensitivity(
        scenario,
        probe.draws,
        probe.seed,
        probe.sampler,
        probe.base,
        swings,
        drivers,
        time.perf_counter() - started,
        timings,
    )
