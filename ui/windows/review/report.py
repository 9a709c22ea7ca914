"""The briefing report (PDF) is written in a worker thread; a path that cannot be written is
said at once, before anything is computed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from simulator import Engine, ScenarioSaveError
from simulator.present import write_report

from ...core.workers import Job
from ...i18n import tr


def unwritable(path: Path) -> str:
    """Why a file cannot be written at ``path`` ('' when it looks writable), so that the
    planner hears it at once rather than after the report has been computed."""
    target = Path(os.path.realpath(path))  # a link's file is the one replaced
    folder = target.parent
    if not folder.is_dir():
        return tr("{file}: the folder {folder} does not exist.").format(file=path, folder=folder)
    if target.is_file() and not target.stat().st_mode & stat.S_IWUSR:
        return tr("{file}: the file is read-only.").format(file=path)
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return tr("{file}: permission denied.").format(file=path)
    return ""


class ReportJob(Job):
    """Write the briefing PDF in a worker thread (running the scenario first when the
    results shown are not up to date); ``done`` carries the path written."""

    what = "briefing report"
    expected = (ScenarioSaveError,)

    def __init__(self, results, scenario, path: Path, lang: str, baseline):
        super().__init__()
        self.results = results
        self.scenario = scenario
        self.path = path
        self.language = lang
        self.baseline = baseline

    def work(self) -> str:
        results = self.results
        if results is None:
            results = Engine(self.scenario).run()
        write_report(results, self.path, self.language, baseline=self.baseline)
        return str(self.path)
