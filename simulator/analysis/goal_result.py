"""What a goal seek gives (``optimize`` in goal_seek.py): the points it checked with the
engine (``Point``), the whole result (``Optimisation``) and its one-line verdict
(``goal_message``), a ``Message`` shown in the reader's language (``message.text("zh")``;
``str(message)`` is the English text, what the JSON output holds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Catalogue, Message, Scenario
from .bounds import LineBounds
from .edits import planned_uptake, scaled
from .outcomes import ALL_TARGETS, run_fields


@dataclass
class Point:
    """Uptake levels of the free lines and what they give (engine figures, CRN).

    ``multipliers``: of the scenario's own uptake; ``uptake``: the resulting planned uptake
    per line and year (what ``apply_point`` writes); ``outlay_wan``: expected total outlay
    2024–2028 of the whole scenario; ``probabilities``: per indicator and 'all';
    ``exceedance``: P(outlay > appropriation) per year, or None."""

    multipliers: dict[str, float]
    uptake: dict[str, dict[str, float]]
    outlay_wan: float
    probabilities: dict[str, float]
    exceedance: dict[str, float] | None
    estimate: float | None = None  # the search's own figure for the objective, before checking

    def probability(self, target: str = ALL_TARGETS) -> float:
        return self.probabilities[target]

    def within_envelope(self, tolerance: float | None) -> bool:
        if self.exceedance is None or tolerance is None:
            return True
        return all(p <= tolerance + 1e-12 for p in self.exceedance.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "multipliers": dict(self.multipliers),
            "uptake": self.uptake,
            "expected_outlay_2024_2028_wan": self.outlay_wan,
            "probabilities": dict(self.probabilities),
            "appropriation_exceedance": self.exceedance,
        }


@dataclass
class Optimisation:
    """The result of a goal seek: the frontier of expected cost against probability, the
    point that meets the goal (``best``; None when it cannot be met), and the scenario as it
    is. When a probability goal cannot be reached, ``closest`` is the point that comes
    nearest (the highest probability within the envelope, the cheapest such), and
    ``chosen`` (what is saved and charted) falls back to it."""

    scenario: Scenario
    target: str
    goal: str  # "max_probability" or "min_cost"
    probability_goal: float | None
    tolerance: float | None  # None: no appropriation in the scenario
    lines: list[LineBounds]
    levels: int
    method: str  # "exhaustive" or "coordinate"
    baseline: Point
    frontier: list[Point]
    best: Point | None
    envelope_feasible: bool
    message: Message
    draws: int
    seed: int
    sampler: str
    elapsed: float
    timings: dict[str, float] = field(default_factory=dict)
    largest_check_difference: float = 0.0
    closest: Point | None = None

    @property
    def catalogue(self) -> Catalogue:
        return self.scenario.catalogue

    @property
    def goal_reached(self) -> bool:
        return self.best is not None

    @property
    def chosen(self) -> Point | None:
        """The point to save, apply and mark on the chart: the goal point, or, when the
        probability goal cannot be reached, the closest point (None: no admissible point)."""
        return self.best if self.best is not None else self.closest

    def index_of(self, point: Point | None) -> int | None:
        """A point's number on the frontier (1 = cheapest), or None."""
        for n, candidate in enumerate(self.frontier, 1):
            if point is not None and candidate is point:
                return n
        return None

    @property
    def best_index(self) -> int | None:
        """The goal point's number on the frontier (1 = cheapest), or None."""
        return self.index_of(self.best)

    @property
    def chosen_index(self) -> int | None:
        """The chosen point's number on the frontier (1 = cheapest), or None."""
        return self.index_of(self.chosen)

    def to_dict(self) -> dict[str, Any]:
        return {
            **run_fields(self),
            "timings_seconds": {k: round(v, 3) for k, v in self.timings.items()},
            "goal": self.goal,
            "target": self.target,
            "probability_goal": self.probability_goal,
            "appropriation_wan": self.scenario.appropriation,
            "exceedance_tolerance": self.tolerance,
            "envelope": (
                "P(outlay in a year > appropriation) <= tolerance, every year"
                if self.tolerance is not None
                else None
            ),
            "cost": "expected total outlay 2024–2028 of all lines (万元)",
            "method": self.method,
            "levels": self.levels,
            "free_lines": [
                {
                    "line": b.line,
                    "multiplier_low": b.low,
                    "multiplier_high": b.high,
                    "uptake_low": {
                        y: scaled(v, b.low)
                        for y, v in planned_uptake(self.scenario, b.line).items()
                    },
                    "uptake_high": {
                        y: scaled(v, b.high)
                        for y, v in planned_uptake(self.scenario, b.line).items()
                    },
                    "source": b.source,
                }
                for b in self.lines
            ],
            "envelope_feasible": self.envelope_feasible,
            "message": str(self.message),
            "largest_check_difference": self.largest_check_difference,
            "baseline": self.baseline.to_dict(),
            "goal_reached": self.goal_reached,
            "best": self.best.to_dict() if self.best is not None else None,
            "best_frontier_point": self.best_index,
            "closest": self.closest.to_dict() if self.closest is not None else None,
            "closest_frontier_point": self.index_of(self.closest),
            "frontier": [p.to_dict() for p in self.frontier],
        }


def _percent(value: float) -> str:
    return f"{value:.1%}"


def _expected_cost(point: Point) -> Message:
    """A point's expected total outlay, in 亿元 (100m yuan) to two decimals."""
    return Message("{amount} 100m yuan", amount=f"{point.outlay_wan / 1e4:,.2f}")


def goal_message(
    goal: str,
    probability: float | None,
    target: str,
    best: Point | None,
    closest: Point | None,
    frontier: list[Point],
    envelope_feasible: bool,
    tolerance: float | None,
) -> Message:
    """The goal seek's verdict: the goal point, or why there is none (and the closest)."""
    if not envelope_feasible:
        return Message(
            "even the lowest levels exceed the appropriation in more than {share} of draws "
            "in some year; the frontier ignores the envelope",
            share=f"{tolerance or 0:.0%}",
        )
    if best is None:
        top = _percent(max((p.probability(target) for p in frontier), default=0.0))
        goal_text = _percent(probability or 0.0)
        if closest is None:
            return Message(
                "no levels within the bounds reach {goal}; the highest is {top}",
                goal=goal_text,
                top=top,
            )
        return Message(
            "no levels within the bounds reach {goal}; the highest is {top}; closest point: "
            "{p} at {cost} expected",
            goal=goal_text,
            top=top,
            p=_percent(closest.probability(target)),
            cost=_expected_cost(closest),
        )
    if goal == "min_cost":
        return Message(
            "cheapest levels reaching {goal}: {p} at {cost} expected",
            goal=_percent(probability or 0.0),
            p=_percent(best.probability(target)),
            cost=_expected_cost(best),
        )
    return Message(
        "highest probability {p} at {cost} expected",
        p=_percent(best.probability(target)),
        cost=_expected_cost(best),
    )
