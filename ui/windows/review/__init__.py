"""The mid-term review: observed values and target flags (the actuals tab), CSV import and
template, the briefing report, and the menu that also opens the scenario comparison."""

from .tools import ReviewTools

__all__ = ["ReviewTools"]
