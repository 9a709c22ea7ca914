"""The goal seek's searches over the levels of the free lines, on the tables: a coordinate
search on probability − price × cost (``ascend``), cost cutting at a probability goal
(``cheapen``), greedy paths up and down (``greedy``) and differential evolution
(``evolve``)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from .progress import Steps
from .tables import State, Tables

#: A violation of the envelope (in probability above the tolerance) weighs like this much
#: objective probability: any reduction of a violation beats any gain elsewhere.
_PENALTY = 1e3


def _score(probability: float, cost: float, violation: float, price: float) -> float:
    """What the coordinate search maximises: probability − price × cost (price in
    probability per 万元), with the envelope's violation as a heavy penalty."""
    return probability - price * cost - _PENALTY * violation


def ascend(state: State, price: float, steps: Steps, max_rounds: int = 200) -> None:
    """Coordinate search: move one line to its best level, the others fixed, in turn; when no
    single move helps, try pairs (one line a level up, another a level down). Stops when no
    move raises the score. Every accepted move raises it, so it ends."""
    sizes = [len(m) for m in state.t.multipliers]
    for _ in range(max_rounds):
        steps.check()
        improved = False
        for n, size in enumerate(sizes):
            steps.check()  # cancelling answers within one line's trials
            current = _score(state.probability, state.cost, state.violation, price)
            best, best_trial = None, None
            for k in range(size):
                if k == state.index[n]:
                    continue
                trial = state.trial({n: k})
                value = _score(*trial[:3], price)
                if value > current + 1e-12:
                    current, best, best_trial = value, k, trial
            if best is not None and best_trial is not None:
                state.commit({n: best}, best_trial)
                improved = True
        if improved:
            continue
        for a, b in itertools.permutations(range(len(sizes)), 2):
            steps.check()
            up, down = state.index[a] + 1, state.index[b] - 1
            if up >= sizes[a] or down < 0:
                continue
            moves = {a: up, b: down}
            trial = state.trial(moves)
            if (
                _score(*trial[:3], price)
                > _score(state.probability, state.cost, state.violation, price) + 1e-12
            ):
                state.commit(moves, trial)
                improved = True
        if not improved:
            return


def cheapen(state: State, goal: float, steps: Steps, max_rounds: int = 200) -> None:
    """From a state that reaches ``goal`` within the envelope, lower the cost while keeping
    both: single lines down any number of levels, or one line one or two levels down and
    another one level up, whichever saves most, until nothing saves."""
    sizes = [len(m) for m in state.t.multipliers]
    for _ in range(max_rounds):
        steps.check()
        best, best_trial, best_cost = None, None, state.cost - 1e-9
        candidates: list[dict[int, int]] = [
            {n: k} for n in range(len(sizes)) for k in range(state.index[n])
        ]
        candidates += [
            {a: state.index[a] - d, b: state.index[b] + 1}
            for a, b in itertools.permutations(range(len(sizes)), 2)
            for d in (1, 2)
            if d <= state.index[a] and state.index[b] + 1 < sizes[b]
        ]
        for moves in candidates:
            steps.check()
            trial = state.trial(moves)
            probability, cost, violation, _ = trial
            if cost < best_cost and probability >= goal and violation <= 0:
                best, best_trial, best_cost = moves, trial, cost
        if best is None or best_trial is None:
            return
        state.commit(best, best_trial)


def greedy(
    tables: Tables, start: Sequence[int], direction: int, use_envelope: bool, steps: Steps
) -> list[tuple[tuple[int, ...], float, float]]:
    """A path of states from ``start``: upwards (direction +1), each step raises one line by
    one or two levels or to its top, whichever adds most probability per 万元; downwards
    (−1), each step lowers one line, whichever loses least probability per 万元 saved.
    Where probability − price × cost is not concave (all five targets must be reached
    together), these paths reach the parts of the frontier that no single price finds."""
    state = State(tables, start, use_envelope)
    if state.violation > 0:
        return []
    sizes = [len(m) for m in tables.multipliers]
    path = [(tuple(state.index), state.probability, state.cost)]
    while True:
        steps.check()
        best, best_trial, best_key = None, None, -math.inf
        for n, size in enumerate(sizes):
            current = state.index[n]
            if direction > 0:
                moves = {current + 1, current + 2, size - 1}
            else:
                moves = {current - 1, current - 2, 0}
            for k in sorted(m for m in moves if 0 <= m < size and m != current):
                trial = state.trial({n: k})
                probability, cost, violation, _ = trial
                if violation > 0:
                    continue
                gained, spent = probability - state.probability, cost - state.cost
                if direction > 0:
                    if gained <= 0:
                        continue
                    key = gained / spent if spent > 1e-9 else math.inf
                else:
                    if spent >= -1e-9:
                        continue
                    key = gained / -spent  # the loss per 万元 saved, negated
                if key > best_key:
                    best, best_trial, best_key = {n: k}, trial, key
        if best is None or best_trial is None:
            return path
        state.commit(best, best_trial)
        path.append((tuple(state.index), state.probability, state.cost))


def evolve(
    tables: Tables,
    start: Sequence[int],
    goal: float | None,
    use_envelope: bool,
    seed: int,
    steps: Steps,
    generations: int = 30,
    popsize: int = 5,
) -> tuple[tuple[int, ...], float, float] | None:
    """scipy.optimize.differential_evolution over one integer level per free line, on the
    tables: maximise the probability (cheapest on ties) or, with a goal, minimise the cost
    while reaching it; the envelope as a penalty. Returns (levels, probability, cost) of the
    best admissible point found, or None."""
    from scipy.optimize import differential_evolution

    sizes = [len(m) for m in tables.multipliers]
    scale = max(abs(tables.base_cost), 1.0)

    def objective(x: np.ndarray) -> float:
        steps.check()
        p, cost, violation, _ = tables.evaluate(tuple(int(round(v)) for v in x))
        penalty = 1e3 * violation if use_envelope else 0.0
        if goal is None:
            return -p + 1e-6 * cost / scale + penalty
        return cost / scale + 1e3 * max(0.0, goal - p) + penalty

    generation = [0]

    def callback(intermediate_result: object = None) -> None:
        generation[0] += 1
        steps(generation[0] / generations)  # raises Cancelled when asked to stop

    result = differential_evolution(
        objective,
        [(0, s - 1) for s in sizes],
        integrality=[True] * len(sizes),
        x0=np.asarray(start, dtype=float),
        seed=seed % 2**32,
        popsize=popsize,
        maxiter=generations,
        tol=0.0,
        polish=False,
        callback=callback,
    )
    index = tuple(int(round(v)) for v in result.x)
    p, cost, violation, _ = tables.evaluate(index)
    if use_envelope and violation > 0:
        return None
    return index, p, cost
