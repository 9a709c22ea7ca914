"""``optimize``: the uptake levels (one multiplier per line, within the planner's bounds)
that maximise the probability of reaching the targets, or reach a chosen probability at the
lowest expected cost, within the yearly appropriation; and the frontier of expected cost
against probability. ``apply_point`` puts a point of it into the scenario. The result types
(``Point``, ``Optimisation``) and the verdict's message are in goal_result.py."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ..model import InputError, Scenario
from .bounds import DEFAULT_BOUNDS, line_bounds
from .edits import edit, line_path, planned_uptake, scale_uptake
from .goal_result import Optimisation, Point, goal_message
from .outcomes import ALL_TARGETS, outcome
from .probe import DEFAULT_DRAWS, Probe, probe_for
from .progress import CancelCheck, Progress, Steps
from .search import ascend, cheapen, evolve, greedy
from .tables import State, Tables

#: Goal seek: multiplier levels tried per line (8 equal steps between the bounds).
DEFAULT_LEVELS = 9
#: Goal seek: the appropriation may be exceeded in at most this share of draws, each year.
DEFAULT_TOLERANCE = 0.10
#: Goal seek: search every combination of levels when there are at most this many.
EXHAUSTIVE_LIMIT = 10_000
#: Goal seek: at most this many points are reported on the frontier.
MAX_FRONTIER_POINTS = 16


def apply_point(scenario: Scenario, point: Point) -> Scenario:
    """A new scenario with the point's uptake for each of its lines (planned years only);
    the given scenario is unchanged. The app wraps this in an undoable command."""
    edits = []
    for line_id, uptake in point.uptake.items():
        path = line_path(scenario, line_id)
        planned = planned_uptake(scenario, line_id)
        if set(uptake) != set(planned):
            raise InputError(
                "{line}: the point sets years {years}, the scenario plans {planned}",
                line=line_id,
                years=sorted(uptake),
                planned=sorted(planned),
            )
        edits.append((path + ("uptake",), {year: float(uptake[year]) for year in planned}))
    return edit(scenario, edits)


def _pareto(
    points: list[tuple[tuple[int, ...], float, float]],
) -> list[tuple[tuple[int, ...], float, float]]:
    """(index, probability, cost) points that no other point beats on both (cheapest first)."""
    out = []
    best_probability = -1.0
    for index, probability, cost in sorted(points, key=lambda p: (p[2], -p[1])):
        if probability > best_probability + 1e-12:
            out.append((index, probability, cost))
            best_probability = probability
    return out


def _thin(
    points: list[tuple[tuple[int, ...], float, float]],
    keep: int,
    always: Iterable[tuple[int, ...]] = (),
) -> list[tuple[tuple[int, ...], float, float]]:
    """At most about ``keep`` (index, probability, cost) points, spread evenly in
    probability; the first, the last and those in ``always`` are kept."""
    if len(points) <= keep:
        return points
    probabilities = np.array([p[1] for p in points])
    wanted = np.linspace(probabilities[0], probabilities[-1], keep)
    chosen = {int(np.argmin(np.abs(probabilities - w))) for w in wanted}
    chosen |= {0, len(points) - 1}
    always = set(always)
    return [p for i, p in enumerate(points) if i in chosen or p[0] in always]


def optimize(
    scenario: Scenario,
    *,
    bounds: Mapping[str, Sequence[float]] | None = None,
    default_bounds: tuple[float, float] | None = DEFAULT_BOUNDS,
    probability: float | None = None,
    target: str = ALL_TARGETS,
    tolerance: float = DEFAULT_TOLERANCE,
    levels: int = DEFAULT_LEVELS,
    draws: int | None = DEFAULT_DRAWS,
    seed: int | None = None,
    sampler: str | None = None,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
    probe: Probe | None = None,
    progress: Progress = None,
    cancelled: CancelCheck = None,
) -> Optimisation:
    """Goal seek over one uptake multiplier per free line (see ``line_bounds``).

    Goal: with ``probability`` None, the levels that maximise the probability of reaching
    ``target`` ('all' five, or one indicator id), the cheapest such; else the cheapest
    levels whose probability is at least ``probability``. Both keep P(outlay in a year >
    appropriation) ≤ ``tolerance`` in every year when the scenario has an appropriation (a
    chance constraint: the budget holds in at least 90 % of draws by default).

    Method: each line's effect is measured with the engine at ``levels`` equal steps between
    its bounds (CRN), the effects are added up (exact for the indicators), and the search
    runs on these tables: every combination when there are at most ``exhaustive_limit``,
    else a coordinate search on probability − price × cost over a ladder of prices (the
    frontier) and a cost-cutting search for a probability goal. Every reported point is then
    recomputed by the engine, and the reported figures are the engine's. With a rationing
    policy the engine's runs and updates ration every variant (no draw's outlay is above
    the appropriation, and the indicators follow the funded awards); the lines are then
    coupled, so the tables' sums are estimates, and the check by the engine decides.
    """
    started = time.perf_counter()
    steps = Steps(progress, cancelled)
    catalogue = scenario.catalogue
    if target != ALL_TARGETS and target not in catalogue.indicator_ids:
        raise InputError(
            "unknown target {target}; use 'all' or one of {known}",
            target=repr(target),
            known=", ".join(catalogue.indicator_ids),
        )
    if probability is not None and not 0 <= probability <= 1:
        raise InputError("probability must be between 0 and 1, got {got}", got=probability)
    if not 0 <= tolerance <= 1:
        raise InputError("tolerance must be between 0 and 1, got {got}", got=tolerance)
    if levels < 2:
        raise InputError("levels must be at least 2, got {got}", got=levels)
    free = line_bounds(scenario, bounds, default_bounds)
    if not free:
        raise InputError("no line is free to move: give bounds for at least one line")
    timings: dict[str, float] = {}
    probe = probe_for(
        scenario, probe, draws, seed, sampler, steps.part(0.0, 0.15 if probe is None else 0.0)
    )
    timings["base_run"] = probe.elapsed
    tolerance_used = tolerance if scenario.appropriation is not None else None
    t = time.perf_counter()
    tables = Tables(probe, free, levels, target, tolerance_used, steps.part(0.15, 0.6))
    timings["tables"] = time.perf_counter() - t
    t = time.perf_counter()
    sizes = [len(m) for m in tables.multipliers]
    combinations = math.prod(sizes)
    cheapest = tuple(0 for _ in sizes)
    envelope_feasible = tables.evaluate(cheapest)[2] <= 0
    use_envelope = envelope_feasible and tolerance_used is not None
    search = steps.part(0.6, 0.85)
    candidates: list[tuple[tuple[int, ...], float, float]] = []
    goal_index: tuple[int, ...] | None = None
    if combinations <= exhaustive_limit:
        method = "exhaustive"
        feasible = []
        for n, index in enumerate(itertools.product(*[range(s) for s in sizes])):
            p, cost, violation, _ = tables.evaluate(index)
            if violation <= 0 or not use_envelope:
                feasible.append((index, p, cost))
            if n % 256 == 0:
                search(n / combinations)
        candidates = _pareto(feasible)
        if probability is None:
            goal_index = candidates[-1][0] if candidates else None
        else:
            reaching = [c for c in candidates if c[1] >= probability]
            goal_index = reaching[0][0] if reaching else None
    else:
        method = "coordinate"
        top = tuple(s - 1 for s in sizes)
        p_low, c_low = tables.evaluate(cheapest)[:2]
        p_high, c_high = tables.evaluate(top)[:2]
        slope = max((p_high - p_low) / max(c_high - c_low, 1e-9), 1e-12)
        prices = [slope * 2.0 ** (3 - j) for j in range(12)] + [slope * 1e-6]
        state = State(tables, cheapest, use_envelope)
        for j, price in enumerate(prices):
            ascend(state, price, search.part(0.5 * j / len(prices), 0.5 * (j + 1) / len(prices)))
            candidates.append((tuple(state.index), state.probability, state.cost))
        candidates += greedy(tables, cheapest, +1, use_envelope, search.part(0.5, 0.65))
        candidates += greedy(tables, top, -1, use_envelope, search.part(0.65, 0.8))
        # Down again from the best point so far: the top may break the envelope, and a
        # path down from the best fills gaps that the path up leapt over.
        highest = _pareto(candidates)[-1][0]
        if highest != top:
            candidates += greedy(tables, highest, -1, use_envelope, search.part(0.8, 0.9))
        candidates = _pareto(candidates)
        polish = search.part(0.9, 0.95)
        if probability is None:
            state = State(tables, candidates[-1][0], use_envelope)
            ascend(state, slope * 1e-6, polish)
            candidates = _pareto(candidates + [(tuple(state.index), state.probability, state.cost)])
            start = candidates[-1][0]
        else:
            reaching = [c for c in candidates if c[1] >= probability]
            start = reaching[0][0] if reaching else candidates[-1][0]
            if reaching:
                state = State(tables, reaching[0][0], use_envelope)
                cheapen(state, probability, polish)
                candidates = _pareto(
                    candidates + [(tuple(state.index), state.probability, state.cost)]
                )
                start = next(c for c in candidates if c[1] >= probability)[0]
        # Differential evolution (scipy.optimize) over the integer levels, started from the
        # best point of the coordinate search, may still find a better one.
        method = "coordinate search + differential evolution"
        evolved = evolve(
            tables, start, probability, use_envelope, probe.seed, search.part(0.95, 1.0)
        )
        if evolved is not None:
            candidates = _pareto(candidates + [evolved])
        if probability is None:
            goal_index = candidates[-1][0]
        else:
            reaching = [c for c in candidates if c[1] >= probability]
            goal_index = reaching[0][0] if reaching else None
    timings["search"] = time.perf_counter() - t
    t = time.perf_counter()
    shown = _thin(candidates, MAX_FRONTIER_POINTS, [goal_index] if goal_index else [])
    indices = [c[0] for c in shown]
    if goal_index is not None and goal_index not in indices:
        indices.append(goal_index)
    checked = _check_points(probe, tables, indices, steps.part(0.85, 1.0))
    timings["check"] = time.perf_counter() - t
    largest = max(
        (
            abs(p.estimate - p.probability(target))
            for p in checked.values()
            if p.estimate is not None
        ),
        default=0.0,
    )
    frontier = sorted(checked.values(), key=lambda p: p.outlay_wan)
    # The engine has the last word: drop points it shows to be dominated.
    kept, best_probability = [], -1.0
    for point in frontier:
        if point.probability(target) > best_probability + 1e-12:
            kept.append(point)
            best_probability = point.probability(target)
    frontier = kept
    admissible = [
        p for p in frontier if p.within_envelope(tolerance_used if use_envelope else None)
    ]
    best: Point | None
    closest: Point | None = None
    top_point = max(admissible, key=lambda p: (p.probability(target), -p.outlay_wan), default=None)
    if probability is None:
        best = top_point
        goal = "max_probability"
    else:
        reaching_points = [p for p in admissible if p.probability(target) >= probability]
        best = min(reaching_points, key=lambda p: p.outlay_wan, default=None)
        closest = top_point if best is None else None
        goal = "min_cost"
    message = goal_message(
        goal, probability, target, best, closest, frontier, envelope_feasible, tolerance_used
    )
    baseline_multipliers = {b.line: 1.0 for b in free}
    baseline = Point(
        baseline_multipliers,
        {b.line: planned_uptake(scenario, b.line) for b in free},
        probe.base.outlay_wan,
        dict(probe.base.probabilities),
        probe.base.exceedance,
    )
    steps(1.0)
    return Optimisation(
        scenario,
        target,
        goal,
        probability,
        tolerance_used,
        free,
        levels,
        method,
        baseline,
        frontier,
        best,
        envelope_feasible,
        message,
        probe.draws,
        probe.seed,
        probe.sampler,
        time.perf_counter() - started,
        timings,
        largest,
        closest,
    )


def _check_points(
    probe: Probe, tables: Tables, indices: list[tuple[int, ...]], steps: Steps
) -> dict[tuple[int, ...], Point]:
    """Recompute each point with the engine (moving only the lines that differ from the
    point before), so that every reported figure is the engine's own."""
    scenario = probe.scenario
    out: dict[tuple[int, ...], Point] = {}
    current = None
    try:
        for n, index in enumerate(indices):
            multipliers = {
                b.line: float(m[k]) for b, m, k in zip(tables.lines, tables.multipliers, index)
            }
            changed = [
                b.line
                for i, b in enumerate(tables.lines)
                if current is None or current[i] != index[i]
            ]
            variant = scale_uptake(scenario, multipliers)
            results = probe.apply(variant, changed)  # no line changed: the current results
            current = index
            result = outcome(results)
            uptake = {line: planned_uptake(variant, line) for line in multipliers}
            out[index] = Point(
                multipliers,
                uptake,
                result.outlay_wan,
                dict(result.probabilities),
                result.exceedance,
                estimate=tables.evaluate(index)[0],
            )
            steps((n + 1) / len(indices))
    finally:
        probe.restore()
    return out
