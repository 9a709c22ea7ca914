"""The main window: catalogue tree, the editor tabs (line, scenario, indicators), the result
charts and the summary table, files and recovery."""

from .files import BASELINE, load_baseline
from .window import MainWindow

__all__ = ["BASELINE", "MainWindow", "load_baseline"]
