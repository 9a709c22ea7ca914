"""Chinese and English: every visible string goes through Qt's translation.

Source strings are written in English. Chinese comes from the ``ZH`` dictionary (the union
of the tables in ``ui.translations``, one per part of the app), served by a QTranslator
subclass installed on the application, so ``tr()`` (a thin wrapper of
``QCoreApplication.translate``) returns Chinese while it is installed and English when it
is not. Switching language installs or removes the translator; windows then retranslate
their widgets (see ``MainWindow.set_language``).

Strings with placeholders use ``str.format`` names, e.g. ``tr("{n} draws").format(n=...)``;
the Chinese entry keeps the same names.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from .translations import chinese

LANGUAGES = ("zh", "en")
CONTEXT = "qdplan"

#: Chinese translations of every source string (tests/ui/test_i18n.py checks completeness).
ZH: dict[str, str] = chinese()

_state = {"language": "en", "translator": None}


class DictTranslator(QTranslator):
    """Looks source strings up in a Python dict; unknown strings fall back to the source."""

    def __init__(self, table: dict[str, str], parent=None):
        super().__init__(parent)
        self._table = table

    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None (a null QString) means "no translation here": Qt then uses the source text.
        # An empty string would count as a translation and blank out Qt's own strings.
        return self._table.get(source_text)

    def isEmpty(self) -> bool:
        return False


def tr(text: str) -> str:
    """Translate an English source string into the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def language() -> str:
    """The current language, 'zh' or 'en'."""
    return _state["language"]


def system_language() -> str:
    """'zh' where the system locale is Chinese, else 'en'."""
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def set_language(lang: str) -> None:
    """Install (zh) or remove (en) the Chinese translator on the running application."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    app = QCoreApplication.instance()
    translator = _state["translator"]
    if translator is not None and app is not None:
        app.removeTranslator(translator)
    _state["translator"] = None
    if lang == "zh" and app is not None:
        translator = DictTranslator(ZH, app)
        app.installTranslator(translator)
        _state["translator"] = translator
    _state["language"] = lang


def pick(lang: str | None, zh: str, en: str) -> str:
    """Choose between a Chinese and an English text (catalogue names, units)."""
    return zh if (lang or language()) == "zh" else en
