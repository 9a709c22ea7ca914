"""What the analyses read from a run: the expected total outlay 2024–2028 (万元) and the
probability of reaching each 2028 target and all of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ..model import Catalogue, Results, Scenario

#: The output names: expected total outlay 2024–2028, each indicator id, and all together.
OUTLAY = "outlay"
ALL_TARGETS = "all"


class Analysed(Protocol):
    """An analysis's result: the scenario and the runs it was made on."""

    scenario: Scenario
    draws: int
    seed: int
    sampler: str
    elapsed: float


def run_fields(result: Analysed) -> dict[str, Any]:
    """How an analysis's JSON output starts: the scenario, its runs and the time taken."""
    return {
        "scenario": result.scenario.name,
        "draws": result.draws,
        "seed": result.seed,
        "sampler": result.sampler,
        "elapsed_seconds": round(result.elapsed, 3),
    }


def outputs(catalogue: Catalogue) -> list[str]:
    """The outputs the analyses report: 'outlay', each indicator id, then 'all'."""
    return [OUTLAY] + list(catalogue.indicator_ids) + [ALL_TARGETS]


@dataclass(frozen=True)
class Outcome:
    """What the analyses read from a run: the expected total outlay 2024–2028 (万元), the
    probability of reaching each 2028 target and all of them, and, when the scenario has an
    appropriation, the probability that each year's outlay exceeds it."""

    outlay_wan: float
    probabilities: dict[str, float]
    exceedance: dict[str, float] | None = None

    def value(self, output: str) -> float:
        return self.outlay_wan if output == OUTLAY else self.probabilities[output]


def outcome(results: Results) -> Outcome:
    """The Outcome of a run (the expected outlay from the draws when they were kept)."""
    if results.has_draws:
        outlay = float(results.outlay_draws("total").sum(axis=0).mean())
    else:
        outlay = float(results.outlay("total")["mean"][-1])
    probabilities = {i: results.target_probability(i) for i in results.catalogue.indicator_ids}
    probabilities[ALL_TARGETS] = results.all_targets_probability()
    return Outcome(outlay, probabilities, results.appropriation_exceedance())
