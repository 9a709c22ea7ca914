"""Decision support (决策支持): what drives the budget, value for money, the budget envelope
and the goal seek, in one window opened from the Analysis menu."""

from .support import DecisionSupport

__all__ = ["DecisionSupport"]
