"""The scenario comparison window: differences in assumptions, comparison charts, totals and
target probabilities, computed in a worker thread."""

from .window import CompareWindow

__all__ = ["CompareWindow"]
