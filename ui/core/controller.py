"""Keeps results in step with the document: fast updates on the UI thread, full runs in a
worker thread.

* A change of one or a few lines' assumptions (a slider) is recomputed with
  ``Engine.update`` (common random numbers, milliseconds) on the UI thread. Changes are
  coalesced by a 0-ms single-shot timer, so only the latest value is computed.
* Any other change (multiplier, common factor, indicators, draws, seed, sampler, own lines)
  needs a full run. It runs on a fresh Engine in a worker thread, with progress and Cancel;
  the engine in use keeps serving line updates meanwhile and is swapped out when the run
  ends. An engine is only ever used by one thread at a time: the worker owns the new one.
* A cancelled run keeps the previous results; they are marked out of date until the user
  runs again or changes something.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from simulator import Engine, Scenario
from simulator.model import changed_lines, model_signature

from .workers import Job, worker_pool

#: More changed lines than this at once (e.g. after opening another file): run in full.
MAX_FAST_LINES = 6


def simulation_settings(scenario: Scenario) -> tuple[int, int, str]:
    return scenario.draws, scenario.seed, scenario.sampler


class RunJob(Job):
    """One full run of a fresh engine in a worker thread."""

    what = "simulation run"

    def __init__(self, engine: Engine):
        super().__init__()
        self.engine = engine
        self.scenario = engine.scenario
        self.superseded = False  # cancelled because a newer change needs another run

    def cancel(self, superseded: bool = False) -> None:
        self.superseded = self.superseded or superseded
        super().cancel()

    def work(self):
        return self.engine.run(progress=self.signals.progress.emit, cancelled=self.cancelled)


class SimulationController(QObject):
    """Owns the engine and the worker; emits results for the views."""

    resultsReady = Signal(object, str)  # Results, 'full' or 'update'
    runStarted = Signal(int)  # draws
    runProgress = Signal(float)  # 0..1
    runEnded = Signal(str)  # 'done', 'cancelled' or 'failed'
    runFailed = Signal(str)
    staleChanged = Signal(bool)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.engine: Engine | None = None
        self.results = None
        self.job: RunJob | None = None
        self._held: Scenario | None = None  # scenario whose run the user cancelled
        self._pool = worker_pool(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.sync_now)
        document.scenarioChanged.connect(self.schedule)

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        return self.job is not None

    @property
    def stale(self) -> bool:
        """Whether the results shown do not reflect the current scenario."""
        return self.results is None or self.running or not self._in_step(self.document.scenario)

    def _in_step(self, target: Scenario) -> bool:
        engine = self.engine
        return (
            engine is not None
            and engine.scenario == target
            and (engine.draws, engine.seed, engine.sampler) == simulation_settings(target)
        )

    # ------------------------------------------------------------------ syncing
    def schedule(self) -> None:
        """Recompute soon (coalesces bursts of changes into one computation)."""
        if not self._timer.isActive():
            self._timer.start()

    def sync_now(self) -> None:
        """Bring results in step with the document now (or start the run that will)."""
        self._timer.stop()
        target = self.document.scenario
        if self.job is not None:
            if self.job.scenario == target:
                return
            # Preview line changes on the engine in use while the worker runs.
            if self._can_update(target, same_settings=False):
                self._fast_update(target)
            same_model = model_signature(self.job.scenario) == model_signature(
                target
            ) and simulation_settings(self.job.scenario) == simulation_settings(target)
            if not same_model:
                self.job.cancel(superseded=True)  # its end starts the run we need
            return
        if self._in_step(target):
            self.staleChanged.emit(False)
            return
        if self._held is not None and self._held == target:
            return  # the user cancelled this run; wait for "Run again" or another change
        self._held = None
        if self._can_update(target, same_settings=True):
            self._fast_update(target)
        else:
            self.start_run()

    def _hinted_line(self, target: Scenario) -> str | None:
        """The line changed by the document's last single-value edit, when that edit led
        from the engine's scenario to the target (the common case of a slider move)."""
        change = self.document.last_change
        if (
            change is None
            or self.document.scenario is not target
            or change[0] is not self.engine.scenario
        ):
            return None
        path = change[1]
        if path[0] == "lines":
            return path[1]
        if path[0] == "own_lines" and path[2] in ("uptake", "uptake_cv", "disbursement"):
            return target.get(("own_lines", path[1], "id"))
        return None

    def _changed(self, target: Scenario) -> list[str]:
        hinted = self._hinted_line(target)
        return [hinted] if hinted is not None else changed_lines(self.engine.scenario, target)

    def _can_update(self, target: Scenario, same_settings: bool) -> bool:
        engine = self.engine
        if engine is None or engine.results is None or not engine.keep_draws:
            return False
        if same_settings and (engine.draws, engine.seed, engine.sampler) != simulation_settings(
            target
        ):
            return False
        if self._hinted_line(target) is not None:
            return True
        if model_signature(engine.scenario) != model_signature(target):
            return False
        return len(changed_lines(engine.scenario, target)) <= MAX_FAST_LINES

    def prepare(self, line_id: str) -> None:
        """Get the engine in use ready for edits of one line, once the event loop is idle
        (a line was selected: its first slider move is then as quick as the next)."""
        QTimer.singleShot(0, self, lambda: self._prepare(line_id))

    def _prepare(self, line_id: str) -> None:
        if self.engine is not None:
            self.engine.prepare(line_id)

    def _fast_update(self, target: Scenario) -> None:
        engine = self.engine
        results = self.results
        for line_id in self._changed(target):
            results = engine.update(target, line_id)
        if results is self.results:
            engine.scenario = target  # nothing to recompute (e.g. only the name changed)
            self.staleChanged.emit(self.stale)
            return
        self.results = results
        self.resultsReady.emit(results, "update")
        self.staleChanged.emit(self.stale)

    # ------------------------------------------------------------------ full runs
    def start_run(self) -> None:
        """Run the current scenario in full in the worker (cancels an outdated run)."""
        self._held = None
        if self.job is not None:
            self.job.cancel(superseded=True)
            return
        scenario = self.document.scenario
        try:
            engine = Engine(scenario)
        except ValueError as exc:
            self.runFailed.emit(str(exc))
            return
        job = RunJob(engine)
        job.signals.progress.connect(self.runProgress)
        job.signals.done.connect(lambda results, j=job: self._job_done(j, results))
        job.signals.cancelled.connect(lambda j=job: self._job_cancelled(j))
        job.signals.failed.connect(lambda message, j=job: self._job_failed(j, message))
        self.job = job
        self.runStarted.emit(engine.draws)
        self.staleChanged.emit(True)
        self._pool.start(job)

    def cancel(self) -> None:
        """Cancel the running full run (the user pressed Cancel)."""
        if self.job is not None:
            self.job.cancel()

    def _finish_job(self, job: RunJob) -> bool:
        if job is not self.job:
            return False
        self.job = None
        return True

    def _job_done(self, job: RunJob, results) -> None:
        if not self._finish_job(job):
            return
        self.engine = job.engine
        self.results = results
        self.runEnded.emit("done")
        self.resultsReady.emit(results, "full")
        self.sync_now()  # changes made while it ran
        self.staleChanged.emit(self.stale)

    def _job_cancelled(self, job: RunJob) -> None:
        if not self._finish_job(job):
            return
        self.runEnded.emit("cancelled")
        if job.superseded:
            self.sync_now()
        else:
            self._held = self.document.scenario
        self.staleChanged.emit(self.stale)

    def _job_failed(self, job: RunJob, message: str) -> None:
        if not self._finish_job(job):
            return
        self._held = self.document.scenario
        self.runEnded.emit("failed")
        self.runFailed.emit(message)
        self.staleChanged.emit(self.stale)

    def shutdown(self) -> None:
        """Cancel any run and wait for the worker to stop (on close)."""
        self._timer.stop()
        if self.job is not None:
            self.job.cancel()
        self._pool.waitForDone()
