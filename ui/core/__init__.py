"""The app's core, below every widget and window: the open scenario with its undo history
(``document``), the controller that keeps results in step with it (``controller``), worker
threads (``workers``), autosave and recovery (``recovery``), the error hook (``errors``) and
how things are named on screen (``labels``)."""
