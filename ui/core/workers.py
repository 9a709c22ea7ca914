"""Work in a worker thread: the full runs, the comparison, the briefing report and the
decision analyses all run as a ``Job`` on a one-thread pool, so the window stays responsive.

A job reports through its ``signals`` (delivered on the UI thread): ``progress`` (0..1),
``done`` with its result, ``cancelled`` (the work raised ``Cancelled``, which the model does
when ``cancelled()`` says so), or ``failed`` with a short message (the traceback goes to the
log).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from simulator import Cancelled
from simulator.model import message_of, text_of

from ..i18n import language

log = logging.getLogger(__name__)


class JobSignals(QObject):
    progress = Signal(float)
    done = Signal(object)
    cancelled = Signal()
    failed = Signal(str)


class Job(QRunnable):
    """One piece of work for a worker thread; subclasses implement ``work``."""

    #: What the log says when the work fails unexpectedly.
    what = "job"
    #: Exceptions that are the user's business (e.g. a file that cannot be written): shown,
    #: not logged.
    expected: tuple[type[BaseException], ...] = ()

    def __init__(self):
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self.cancel_requested = False

    def cancel(self) -> None:
        self.cancel_requested = True

    def cancelled(self) -> bool:
        return self.cancel_requested

    def work(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def run(self) -> None:
        try:
            result = self.work()
        except Cancelled:
            self.signals.cancelled.emit()
        except self.expected as exc:  # an input's problem, in the app's language
            self.signals.failed.emit(text_of(message_of(exc), language()))
        except Exception as exc:  # shown to the user as a message, logged in full
            log.exception("%s failed", self.what)
            self.after_failure()
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(result)

    def after_failure(self) -> None:
        """Forget state the failed work may have left half-changed."""


def worker_pool(parent: QObject) -> QThreadPool:
    """A pool of one thread: jobs run one after another."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool
