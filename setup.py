"""Compiles the translation catalogues while building the package: the app's Qt Linguist
sources (ui/translations/*.ts) to .qm with pyside6-lrelease, and the gettext catalogues of
the command line, charts and report (simulator/model/locale/*/LC_MESSAGES/*.po) to .mo with
Babel. The compiled files are not committed; everything else is configured in pyproject.toml
(whose build-system requires list PySide6 and Babel for this step)."""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithTranslations(build_py):
    """build_py, then the compiled catalogues: into the build folder for a wheel, into the
    source folders for an editable install (whose packages are the source folders)."""

    def run(self) -> None:
        super().run()
        sys.path.insert(0, str(HERE / "scripts"))
        try:
            from compile_translations import compile_all
        finally:
            sys.path.pop(0)
        target = HERE if self.editable_mode else Path(self.build_lib)
        compile_all(HERE, target)


setup(cmdclass={"build_py": BuildPyWithTranslations})
