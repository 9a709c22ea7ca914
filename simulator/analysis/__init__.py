"""The analysis layer: what drives the budget and the targets (sensitivity), value for money,
the budget envelope and the goal seek. Built on ``simulator.model`` only."""

from .decision import (
    ALL_TARGETS,
    DEFAULT_BOUNDS,
    DEFAULT_DRAWS,
    DEFAULT_LEVELS,
    DEFAULT_TOLERANCE,
    EXHAUSTIVE_LIMIT,
    OUTLAY,
    VFM_BLOCK_WAN,
    BoundsError,
    Point,
    Probe,
    apply_point,
    candidate_lines,
    check_bounds,
    default_award_bounds,
    default_free_lines,
    factor_scenario,
    load_bounds,
    optimize,
    outcome,
    outputs,
    sensitivity,
    sensitivity_factors,
    value_for_money,
)

__all__ = [
    "ALL_TARGETS", "DEFAULT_BOUNDS", "DEFAULT_DRAWS", "DEFAULT_LEVELS", "DEFAULT_TOLERANCE",
    "EXHAUSTIVE_LIMIT", "OUTLAY", "VFM_BLOCK_WAN", "BoundsError", "Point", "Probe",
    "apply_point", "candidate_lines", "check_bounds", "default_award_bounds",
    "default_free_lines", "factor_scenario", "load_bounds", "optimize",
    "outcome", "outputs", "sensitivity", "sensitivity_factors", "value_for_money",
]
