"""The app's translations are registered by ``ui.i18n``, not by importing windows. (Which
modules the app may import, its layers and the absence of cycles are import-linter contracts
in pyproject.toml, checked by scripts/lint.sh.)"""

import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def test_translations_are_registered_without_importing_windows():
    code = (
        "import sys\n"
        "from ui import i18n\n"
        "from ui.translations import TABLES\n"
        "assert all(set(t) <= set(i18n.ZH) for t in TABLES.values())\n"
        "bad = [m for m in sys.modules if m.startswith(('ui.windows', 'ui.widgets'))]\n"
        "print(bad); raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=UI.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_string_shared_by_two_parts_has_one_chinese():
    from ui.translations import TABLES

    seen: dict[str, tuple[str, str]] = {}
    conflicts = []
    for part, table in TABLES.items():
        for source, chinese in table.items():
            if source in seen and seen[source][1] != chinese:
                conflicts.append((source, seen[source][0], part))
            seen.setdefault(source, (part, chinese))
    assert not conflicts, conflicts
