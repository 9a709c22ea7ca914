"""Chinese and English: every visible string of the app goes through Qt's translation.

Source strings are written in English (the code's strings were English already, so English
is the source language and only Chinese needs a catalogue). The Chinese is in the Qt Linguist
source ``ui/translations/qdplan_zh_CN.ts``, which ``scripts/translations.sh update`` refreshes
from the code with ``pyside6-lupdate``; ``pyside6-lrelease`` compiles it to
``qdplan_zh_CN.qm`` (scripts/setup.sh for a checkout, setup.py for the wheel). A plain
QTranslator loads the .qm; ``tr()`` (``QCoreApplication.translate`` in the global context
"", which is where lupdate files a bare ``tr("…")`` call) returns Chinese while it is
installed and English when it is not. Switching language installs or removes the translator;
Qt then sends every widget a LanguageChange event and windows retranslate their texts.

Strings with placeholders use ``str.format`` names, e.g. ``tr("{n} draws").format(n=...)``;
the Chinese keeps the same names. A string that is chosen at run time (a table of labels, a
file filter) is marked where it is written with ``QT_TR_NOOP("…")``, so lupdate finds it, and
translated where it is shown with ``tr(variable)``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("zh", "en")
#: The translation context of every string of the app (lupdate's context of a bare tr()).
CONTEXT = ""
#: The compiled catalogue of each language other than the source language.
CATALOGUES = {"zh": "qdplan_zh_CN.qm"}
#: Qt's own catalogue of each language (standard buttons such as OK and Cancel, the file
#: dialog), shipped with Qt in its translations folder.
QT_CATALOGUES = {"zh": "qtbase_zh_CN"}

_state: dict[str, object] = {"language": "en", "translator": None, "qt_translator": None}


def catalogue_path(lang: str) -> Path:
    """The compiled Qt catalogue (.qm) of ``lang``, shipped in ui/translations."""
    return Path(str(resources.files("ui.translations").joinpath(CATALOGUES[lang])))


def load_translator(lang: str, parent: QCoreApplication | None = None) -> QTranslator:
    """A QTranslator holding ``lang``'s compiled catalogue; a clear error when it is missing."""
    path = catalogue_path(lang)
    translator = QTranslator(parent)
    if not translator.load(str(path)):
        raise FileNotFoundError(
            f"{path} is missing or unreadable: compile the translations with "
            "scripts/translations.sh compile (scripts/setup.sh does)"
        )
    return translator


def tr(text: str) -> str:
    """Translate an English source string into the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def language() -> str:
    """The current language, 'zh' or 'en'."""
    return str(_state["language"])


def system_language() -> str:
    """'zh' where the system locale is Chinese, else 'en'."""
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def set_language(lang: str) -> None:
    """Install (zh) or remove (en) the Chinese translator on the running application."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    app = QCoreApplication.instance()
    for slot in ("translator", "qt_translator"):
        translator = _state[slot]
        if isinstance(translator, QTranslator) and app is not None:
            app.removeTranslator(translator)
        _state[slot] = None
    if lang in CATALOGUES and app is not None:
        translator = load_translator(lang, app)
        app.installTranslator(translator)
        _state["translator"] = translator
        _state["qt_translator"] = _qt_translator(lang, app)
    _state["language"] = lang


def _qt_translator(lang: str, app: QCoreApplication) -> QTranslator | None:
    """Qt's own catalogue of ``lang``, installed on ``app`` (None where this Qt has none:
    its standard buttons then stay English)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(QT_CATALOGUES[lang], folder):
        return None
    app.installTranslator(translator)
    return translator


def in_every_language(text: str) -> set[str]:
    """``text`` and its translation in every language (to recognise a default text that was
    shown in the language before a switch)."""
    found = {text}
    for lang in CATALOGUES:
        translated = load_translator(lang).translate(CONTEXT, text)
        if translated:
            found.add(translated)
    return found


def pick(lang: str | None, zh: str, en: str) -> str:
    """Choose between a Chinese and an English text (catalogue names, units)."""
    return zh if (lang or language()) == "zh" else en


__all__ = [
    "CONTEXT",
    "LANGUAGES",
    "QT_TR_NOOP",
    "catalogue_path",
    "in_every_language",
    "language",
    "load_translator",
    "pick",
    "set_language",
    "system_language",
    "tr",
]
