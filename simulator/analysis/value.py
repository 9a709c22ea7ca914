"""``value_for_money``: per measure, the change of each target's probability per extra
1,000 万元 (10,000,000 yuan) spent through it (central finite difference on the measure's
uptake, common random numbers), and its share of the variance of the total outlay."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import Catalogue, Scenario
from .edits import scale_uptake
from .outcomes import ALL_TARGETS, outcome, run_fields
from .probe import DEFAULT_DRAWS, Probe, probe_for
from .progress import CancelCheck, Progress, Steps

#: Value for money: relative step of a measure's uptake (central difference, ±15 %) and the
#: money block the result is quoted for (1,000 万元 = 10,000,000 yuan).
VFM_STEP = 0.15
VFM_BLOCK_WAN = 1_000.0


@dataclass(frozen=True)
class MeasureValue:
    """Value for money of one measure (all its lines scaled together, in proportion).

    ``per_block[output]``: change of the probability per extra 1,000 万元 of the measure's
    expected outlay 2024–2028 (None when the step moves no money); ``variance_share``: the
    measure's share of the variance of the total outlay."""

    measure: int
    lines: tuple[str, ...]
    outlay_wan: float
    step_outlay_wan: float
    per_block: dict[str, float | None]
    variance_share: float

    def value(self, output: str) -> float:
        v = self.per_block.get(output)
        return v if v is not None else 0.0


@dataclass
class ValueForMoney:
    scenario: Scenario
    draws: int
    seed: int
    sampler: str
    step: float
    measures: list[MeasureValue]
    elapsed: float

    @property
    def catalogue(self) -> Catalogue:
        return self.scenario.catalogue

    def ranked(self, output: str = ALL_TARGETS) -> list[MeasureValue]:
        """Measures by value for money for one output, best first (ties: by the expected
        number of targets reached per 1,000 万元, then by measure number)."""
        return sorted(
            self.measures, key=lambda m: (-m.value(output), -m.value("targets"), m.measure)
        )

    def to_dict(self, output: str = ALL_TARGETS) -> dict[str, Any]:
        catalogue = self.catalogue
        return {
            **run_fields(self),
            "method": f"central difference: the measure's uptake ×(1 ± {self.step:g}) in all "
            "planned years, common random numbers; Δprobability / Δexpected outlay "
            "of the measure 2024–2028 × 1,000 万元",
            "block_wan": VFM_BLOCK_WAN,
            "ranked_by": output,
            "measures": [
                {
                    "measure": m.measure,
                    "title_zh": catalogue.measure(m.measure).title_zh,
                    "title_en": catalogue.measure(m.measure).title_en,
                    "lines": list(m.lines),
                    "expected_outlay_2024_2028_wan": m.outlay_wan,
                    "step_outlay_wan": m.step_outlay_wan,
                    "probability_change_per_1000_wan": dict(m.per_block),
                    "variance_share": m.variance_share,
                }
                for m in self.ranked(output)
            ],
        }


def value_for_money(
    scenario: Scenario,
    *,
    draws: int | None = DEFAULT_DRAWS,
    seed: int | None = None,
    sampler: str | None = None,
    step: float = VFM_STEP,
    probe: Probe | None = None,
    progress: Progress = None,
    cancelled: CancelCheck = None,
) -> ValueForMoney:
    """Value for money of every measure with a money line (see ``MeasureValue``).

    ``per_block`` also holds 'targets': the change in the expected number of targets reached
    (the sum over the five) per 1,000 万元. Raises Cancelled."""
    if not 0 < step < 1:
        raise ValueError(f"step must be between 0 and 1, got {step}")
    started = time.perf_counter()
    steps = Steps(progress, cancelled)
    probe = probe_for(
        scenario, probe, draws, seed, sampler, steps.part(0.0, 0.3 if probe is None else 0.0)
    )
    catalogue = scenario.catalogue
    results = probe.results
    total = results.outlay_draws("total").sum(axis=0)
    var_total = float(total.var())
    indicators = list(catalogue.indicator_ids)
    measures = sorted({line.measure for line in catalogue.lines})
    rest = steps.part(0.3 if probe is None else 0.0, 1.0)
    values: list[MeasureValue] = []
    try:
        for n, number in enumerate(measures):
            lines = tuple(line.id for line in catalogue.lines if line.measure == number)
            base_draws = results.outlay_draws("measure", str(number)).sum(axis=0)
            share = (
                float(
                    np.mean((base_draws - base_draws.mean()) * (total - total.mean())) / var_total
                )
                if var_total > 0
                else 0.0
            )
            ends = []
            for multiplier in (1 - step, 1 + step):
                variant = scale_uptake(scenario, {line: multiplier for line in lines})
                r = probe.apply(variant, lines)
                spent = float(r.outlay_draws("measure", str(number)).sum(axis=0).mean())
                ends.append((spent, outcome(r)))
            probe.restore()
            extra = ends[1][0] - ends[0][0]
            per_block: dict[str, float | None] = {}
            for output in indicators + [ALL_TARGETS]:
                change = ends[1][1].value(output) - ends[0][1].value(output)
                per_block[output] = change / extra * VFM_BLOCK_WAN if extra > 1e-9 else None
            per_block["targets"] = (
                sum(p for i in indicators if (p := per_block[i]) is not None)
                if extra > 1e-9
                else None
            )
            values.append(
                MeasureValue(number, lines, float(base_draws.mean()), extra, per_block, share)
            )
            rest((n + 1) / len(measures))
    finally:
        probe.restore()
    return ValueForMoney(
        scenario,
        probe.draws,
        probe.seed,
        probe.sampler,
        step,
        values,
        time.perf_counter() - started,
    )
