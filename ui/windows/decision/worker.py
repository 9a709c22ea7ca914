"""Runs the decision analyses (``simulator.analysis``) in a worker thread.

Each analysis runs on a snapshot of the scenario, taken when the planner presses Run; the
window compares that snapshot with the document to say when a result is out of date. One
analysis runs at a time, with progress and Cancel. The base run the analyses share (a
``Probe``: every draw kept in memory) is kept between analyses of the same snapshot, draws,
seed and sampler, so that value for money after a sensitivity run does not start over.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from simulator import Scenario, analysis

from ...core.workers import Job, worker_pool

SENSITIVITY = "sensitivity"
VALUE_FOR_MONEY = "value_for_money"
OPTIMIZE = "optimize"
KINDS = (SENSITIVITY, VALUE_FOR_MONEY, OPTIMIZE)
#: Share of the progress bar given to the shared base run when it has to be made first.
BASE_RUN_SHARE = 0.15


@dataclass
class Request:
    """What to compute: the kind, the scenario snapshot, the draws and the analysis's own
    keyword arguments (e.g. ``bounds`` and ``probability`` for the goal seek)."""

    kind: str
    scenario: Scenario
    draws: int
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    """A finished analysis: its request, its result and when it ended."""

    request: Request
    result: Any
    finished_at: str
    seconds: float


class AnalysisJob(Job):
    """One analysis in the worker thread (makes the shared base run first when needed);
    ``done`` carries an Outcome."""

    def __init__(self, request: Request, probe: analysis.Probe | None):
        super().__init__()
        self.request = request
        self.probe = probe
        self.what = request.kind

    def work(self) -> Outcome:
        request = self.request
        emit = self.signals.progress.emit
        started = time.perf_counter()
        share = 0.0
        if self.probe is None:
            share = BASE_RUN_SHARE
            self.probe = analysis.Probe(
                request.scenario,
                draws=request.draws,
                progress=lambda f: emit(share * f),
                cancelled=self.cancelled,
            )

        def progress(fraction: float) -> None:
            emit(share + (1.0 - share) * fraction)

        common = dict(
            probe=self.probe, progress=progress, cancelled=self.cancelled, **request.options
        )
        if request.kind == SENSITIVITY:
            result = analysis.sensitivity(request.scenario, **common)
        elif request.kind == VALUE_FOR_MONEY:
            result = analysis.value_for_money(request.scenario, **common)
        elif request.kind == OPTIMIZE:
            result = analysis.optimize(request.scenario, **common)
        else:  # pragma: no cover - programming error
            raise ValueError(f"unknown analysis {request.kind!r}")
        return Outcome(request, result, time.strftime("%H:%M:%S"), time.perf_counter() - started)

    def after_failure(self) -> None:
        self.probe = None  # it may have been left half-way through a change


class AnalysisRunner(QObject):
    """Starts analyses one at a time and reports on them."""

    started = Signal(str)  # kind
    progress = Signal(float)  # 0..1
    finished = Signal(object)  # Outcome
    cancelled = Signal(str)  # kind
    failed = Signal(str, str)  # kind, message

    def __init__(self, parent=None):
        super().__init__(parent)
        self.job: AnalysisJob | None = None
        self._probe: analysis.Probe | None = None
        self._pool = worker_pool(self)

    @property
    def running(self) -> bool:
        return self.job is not None

    @property
    def kind(self) -> str | None:
        return self.job.request.kind if self.job is not None else None

    def _probe_for(self, request: Request) -> analysis.Probe | None:
        probe = self._probe
        scenario = request.scenario
        if (
            probe is not None
            and probe.draws == request.draws
            and probe.seed == scenario.seed
            and probe.sampler == scenario.sampler
            and probe.scenario == scenario
        ):
            return probe
        return None

    def start(self, request: Request) -> bool:
        """Start an analysis; False when one is already running."""
        if self.job is not None:
            return False
        job = AnalysisJob(request, self._probe_for(request))
        self._probe = None  # the job owns it while it runs
        job.signals.progress.connect(self.progress)
        job.signals.done.connect(lambda outcome, j=job: self._done(j, outcome))
        job.signals.cancelled.connect(lambda j=job: self._ended(j, "cancelled"))
        job.signals.failed.connect(lambda message, j=job: self._ended(j, "failed", message))
        self.job = job
        self.started.emit(request.kind)
        self._pool.start(job)
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _finish(self, job: AnalysisJob) -> bool:
        if job is not self.job:
            return False
        self.job = None
        self._probe = job.probe
        return True

    def _done(self, job: AnalysisJob, outcome: Outcome) -> None:
        if self._finish(job):
            self.finished.emit(outcome)

    def _ended(self, job: AnalysisJob, how: str, message: str = "") -> None:
        if not self._finish(job):
            return
        if how == "cancelled":
            self.cancelled.emit(job.request.kind)
        else:
            self.failed.emit(job.request.kind, message)

    def shutdown(self) -> None:
        """Cancel any analysis and wait for the worker to stop; forget the base run."""
        self.cancel()
        self._pool.waitForDone()
        self._probe = None
