"""The plan's years: outlays 2024–2028, headline indicators from their 2023 start."""

from __future__ import annotations

from .catalogue import Line

YEARS = (2024, 2025, 2026, 2027, 2028)
INDICATOR_YEARS = (2023,) + YEARS


def uptake_years(line: Line, years: tuple[int, ...] = YEARS) -> tuple[int, ...]:
    """Years whose uptake the planner sets. For re-recognition, only years whose cohort was
    first recognised before the plan; later years follow from first recognitions."""
    if line.form == "re_recognition":
        return tuple(y for y in years if y - (line.lag_years or 0) < years[0])
    return years
