"""Progress and cancellation of the long analyses: each takes ``progress(fraction)`` and
``cancelled()`` callables (for a worker thread) and raises ``Cancelled`` when asked to stop."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Cancelled

Progress = Callable[[float], None] | None
CancelCheck = Callable[[], bool] | None


class Steps:
    """Progress of a long analysis (monotone fractions 0…1) and its cancellation."""

    def __init__(
        self,
        progress: Progress,
        cancelled: CancelCheck,
        start: float = 0.0,
        end: float = 1.0,
        _last: list[float] | None = None,
    ):
        self.progress, self.cancelled = progress, cancelled
        self.start, self.end = start, end
        self._last = _last if _last is not None else [-1.0]

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()

    def __call__(self, fraction: float) -> None:
        value = self.start + (self.end - self.start) * min(1.0, max(0.0, fraction))
        if self.progress is not None and value > self._last[0]:
            self._last[0] = value
            self.progress(value)
        self.check()

    def part(self, start: float, end: float) -> Steps:
        """The sub-range [start, end] of this one (fractions of it)."""
        span = self.end - self.start
        return Steps(
            self.progress,
            self.cancelled,
            self.start + span * start,
            self.start + span * end,
            self._last,
        )
