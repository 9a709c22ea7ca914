"""The analysis layer: what drives the budget and the targets (sensitivity), value for money,
the budget envelope and the goal seek. Built on ``simulator.model`` only.

Every analysis compares variants of one scenario run with common random numbers (a
``Probe``, see ``probe``); each takes ``progress(fraction)`` and ``cancelled()`` callables
(for a worker thread) and raises ``Cancelled`` when asked to stop. Money is in 万元
throughout. Pure numpy/scipy. The modules, each on top of the ones before it:

* ``progress``: progress and cancellation of a long analysis;
* ``outcomes``: the outputs (the expected total outlay 2024–2028, the probability of each
  2028 target and of all of them) and what a run gives for them;
* ``edits``: the scenario edits (a line's planned uptake, scaled);
* ``probe``: a base run kept in memory, for variants on common random numbers;
* ``factors``, ``drivers``, ``sensitivity_analysis``: the tornado's assumptions, the global
  drivers over the draws, and ``sensitivity`` putting both together;
* ``value``: ``value_for_money`` per measure;
* ``bounds``: the free lines of the goal seek and their bounds;
* ``tables``, ``search``, ``goal_seek``: the goal seek's tables of line effects, its
  searches on them, and ``optimize`` (the frontier and the goal point) with ``apply_point``;
* ``derive``: ``derive_scenario``, the new scenario a goal-seek point makes (new name,
  description of how it was made, bases of the changed lines), for `optimize --save` and
  the app's "apply point".

Code outside the analysis layer imports these names from this package, not from its
modules, so the modules can be rearranged freely."""

from __future__ import annotations

from .backtest import METHODS, Backtest, Forecast, Score, backtest, crps_samples
from .bounds import (
    DEFAULT_BOUNDS,
    BoundsError,
    LineBounds,
    candidate_lines,
    check_bounds,
    default_award_bounds,
    default_free_lines,
    line_bounds,
    load_bounds,
    parse_bounds,
)
from .derive import derive_scenario
from .drivers import Driver, first_order_index
from .edits import scale_uptake
from .factors import Factor, factor_scenario, sensitivity_factors
from .goal_result import Optimisation, Point, goal_message
from .goal_seek import (
    DEFAULT_LEVELS,
    DEFAULT_TOLERANCE,
    EXHAUSTIVE_LIMIT,
    apply_point,
    optimize,
)
from .outcomes import ALL_TARGETS, OUTLAY, Outcome, outcome, outputs
from .probe import DEFAULT_DRAWS, Probe
from .sensitivity_analysis import Sensitivity, Swing, sensitivity
from .value import VFM_BLOCK_WAN, MeasureValue, ValueForMoney, value_for_money

__all__ = [
    "ALL_TARGETS",
    "DEFAULT_BOUNDS",
    "DEFAULT_DRAWS",
    "DEFAULT_LEVELS",
    "DEFAULT_TOLERANCE",
    "EXHAUSTIVE_LIMIT",
    "METHODS",
    "OUTLAY",
    "VFM_BLOCK_WAN",
    "Backtest",
    "BoundsError",
    "Driver",
    "Factor",
    "Forecast",
    "LineBounds",
    "MeasureValue",
    "Optimisation",
    "Outcome",
    "Point",
    "Probe",
    "Score",
    "Sensitivity",
    "Swing",
    "ValueForMoney",
    "apply_point",
    "backtest",
    "candidate_lines",
    "check_bounds",
    "crps_samples",
    "default_award_bounds",
    "default_free_lines",
    "derive_scenario",
    "factor_scenario",
    "first_order_index",
    "goal_message",
    "line_bounds",
    "load_bounds",
    "optimize",
    "outcome",
    "outputs",
    "parse_bounds",
    "scale_uptake",
    "sensitivity",
    "sensitivity_factors",
    "value_for_money",
]
