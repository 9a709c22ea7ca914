"""The plan's years: outlays 2024–2028, headline indicators from their 2023 start."""

from __future__ import annotations

from .catalogue import Line

YEARS = (2024, 2025, 2026, 2027, 2028)
INDICATOR_YEARS = (2023,) + YEARS


def uptake_years(line: Line, years: tuple[int, ...] = YEARS) -> tuple[int, ...]:
    """Years whose uptake the planner sets: none for re-recognition, whose every year
    follows from the certificates issued ``lag_years`` before (``renewals``)."""
    if line.form == "re_recognition":
        return ()
    return years


def cohort_years(line: Line, years: tuple[int, ...] = YEARS) -> tuple[int, ...]:
    """The years before the plan whose certificates come up for renewal within it (a
    re-recognition line's ``cohorts_before_plan``)."""
    if line.form != "re_recognition":
        return ()
    lag = line.lag_years or 0
    return tuple(range(years[0] - lag, years[0]))
