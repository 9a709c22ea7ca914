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

import logging
import weakref
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from simulator import Cancelled, Engine, Scenario

log = logging.getLogger(__name__)

#: More changed lines than this at once (e.g. after opening another file): run in full.
MAX_FAST_LINES = 6


class _Parts:
    """A scenario split into what line updates may change and what they may not. Scenarios
    are immutable, so this is computed once per Scenario object (copying a whole scenario
    on every slider move would cost more than the engine's update)."""

    _cache: dict[int, tuple[weakref.ref, "_Parts"]] = {}

    def __init__(self, scenario: Scenario):
        data = scenario.data
        self.lines = data.pop("lines")
        self.own = {e["id"]: e for e in data["own_lines"]}
        for key in ("simulation", "name", "description"):
            data.pop(key, None)
        data["own_lines"] = [(e["id"], e["measure"], e["name_zh"], e["name_en"],
                              e["department"]) for e in data["own_lines"]]
        self.signature = data

    @classmethod
    def of(cls, scenario: Scenario) -> "_Parts":
        key = id(scenario)
        hit = cls._cache.get(key)
        if hit is not None and hit[0]() is scenario:
            return hit[1]
        parts = cls(scenario)
        if len(cls._cache) > 64:
            cls._cache = {k: v for k, v in cls._cache.items() if v[0]() is not None}
        cls._cache[key] = (weakref.ref(scenario), parts)
        return parts


def model_signature(scenario: Scenario) -> dict[str, Any]:
    """Everything but the per-line assumptions and the simulation settings: when this is
    equal, a change can be recomputed line by line."""
    return _Parts.of(scenario).signature


def changed_lines(old: Scenario, new: Scenario) -> list[str]:
    """Ids of the lines (catalogue or own) whose assumptions differ."""
    a, b = _Parts.of(old), _Parts.of(new)
    ids = [line_id for line_id in b.lines if a.lines.get(line_id) != b.lines[line_id]]
    ids += [line_id for line_id, entry in b.own.items() if a.own.get(line_id) != entry]
    return ids


def simulation_settings(scenario: Scenario) -> tuple[int, int, str]:
    return scenario.draws, scenario.seed, scenario.sampler


class JobSignals(QObject):
    progress = Signal(float)
    done = Signal(object)
    cancelled = Signal()
    failed = Signal(str)


class RunJob(QRunnable):
    """One full run of a fresh engine in a worker thread."""

    def __init__(self, engine: Engine):
        super().__init__()
        self.setAutoDelete(False)
        self.engine = engine
        self.scenario = engine.scenario
        self.signals = JobSignals()
        self.cancel_requested = False
        self.superseded = False  # cancelled because a newer change needs another run

    def cancel(self, superseded: bool = False) -> None:
        self.superseded = self.superseded or superseded
        self.cancel_requested = True

    def run(self) -> None:
        try:
            results = self.engine.run(progress=self.signals.progress.emit,
                                      cancelled=lambda: self.cancel_requested)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # shown to the user as a message, logged in full
            log.exception("simulation run failed")
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(results)


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
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
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
        return engine is not None and engine.scenario == target \
            and (engine.draws, engine.seed, engine.sampler) == simulation_settings(target)

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
            same_model = model_signature(self.job.scenario) == model_signature(target) \
                and simulation_settings(self.job.scenario) == simulation_settings(target)
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
        if change is None or self.document.scenario is not target \
                or change[0] is not self.engine.scenario:
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
        if same_settings and (engine.draws, engine.seed, engine.sampler) \
                != simulation_settings(target):
            return False
        if self._hinted_line(target) is not None:
            return True
        if model_signature(engine.scenario) != model_signature(target):
            return False
        return len(changed_lines(engine.scenario, target)) <= MAX_FAST_LINES

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

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Cancel any run and wait for the worker to stop (on close)."""
        self._timer.stop()
        if self.job is not None:
            self.job.cancel()
        self._pool.waitForDone()
