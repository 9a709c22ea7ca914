"""The app's translations come from a compiled Qt catalogue that ``ui.i18n`` loads when the
language is set, not from importing windows or any other side effect. (Which modules the app
may import, its layers and the absence of cycles are import-linter contracts in
pyproject.toml, checked by scripts/lint.sh.)"""

import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def test_translations_load_without_importing_windows_and_not_on_import():
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "from ui import i18n\n"
        "assert i18n.tr('&File') == '&File', 'importing ui.i18n installed a translator'\n"
        "i18n.set_language('zh')\n"
        "assert i18n.tr('&File') == '文件(&F)'\n"
        "bad = [m for m in sys.modules if m.startswith(('ui.windows', 'ui.widgets'))]\n"
        "print(bad); raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=UI.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_translations_package_holds_no_tables():
    """One file per language for translators: the .ts, no Python dicts beside it."""
    folder = UI / "translations"
    assert sorted(p.name for p in folder.glob("*.py")) == ["__init__.py"]
    assert sorted(p.name for p in folder.glob("*.ts")) == ["qdplan_zh_CN.ts"]
