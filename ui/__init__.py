"""qdplan's desktop app (PySide6): edits a Scenario, runs the model, shows its Results.

Qt lives only here; the model (``simulator``) never imports Qt. Nothing in this package
computes outlays or indicators: widgets edit a scenario through undoable commands and model
functions, the controller hands it to the engine and passes the results back, and the views
show them. Layers, each importing only from those below it:

    ui.app, ui.__main__   the entry point
    ui.windows            one package per window (main, review, compare, decision)
    ui.widgets            reusable widgets: the chart view, tables, export, dialogs, …
    ui.core               the document and its undo, the controller, workers, recovery
    ui.i18n               tr() and the language switch (Chinese: ui/translations/*.ts, compiled to .qm)

The app imports ``simulator`` only through its package roots (``simulator``,
``simulator.model``, ``simulator.analysis``, ``simulator.present``).
"""
