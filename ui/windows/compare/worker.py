"""The comparison in a worker thread (``simulator.model.compare``): every scenario a full run
with the reference's seed and sampler; it checks for Cancel between chunks."""

from __future__ import annotations

from simulator.model import compare

from ...core.workers import Job


class CompareJob(Job):
    """``compare`` in a worker thread; ``done`` carries the Comparison."""

    what = "comparison"

    def __init__(self, scenarios, draws: int):
        super().__init__()
        self.scenarios = scenarios
        self.draws = draws
        self.kept_own_actuals: list[str] = []  # names of scenarios not given shared actuals

    def work(self):
        return compare(
            self.scenarios,
            draws=self.draws,
            progress=self.signals.progress.emit,
            cancelled=self.cancelled,
        )
