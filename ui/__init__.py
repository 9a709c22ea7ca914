"""qdplan's desktop app (PySide6): edits a Scenario, runs the model, shows its Results.

Qt lives only here; the model (``simulator``) never imports Qt. Nothing in this package
computes outlays or indicators: widgets edit a scenario through undoable commands
(``document.py``), ``controller.py`` hands it to the engine and passes the results back, and
the views show them.
"""
