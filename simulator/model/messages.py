"""The words of the command line, charts, report and exported tables in the reader's language.

One gettext catalogue per language (``simulator/model/locale/<locale>/LC_MESSAGES/qdplan.po``,
English is the source language), compiled to ``qdplan.mo`` at build time (scripts/setup.sh for
a checkout, setup.py for the wheel) and read with the standard ``gettext`` module. The app's
own widgets use Qt's catalogue instead (ui/translations); catalogue and plan names are data
(``name_zh``/``name_en``), not messages.

* ``translate("Total outlay", language)`` returns the text in ``language`` ("zh" or "en");
  placeholders are ``str.format`` names, formatted after translation:
  ``translate("{n} draws", language).format(n=...)``.
* ``N_("…")`` marks a text that is translated later, where it is shown (a table of labels);
  it returns the text unchanged.

``scripts/translations.sh update`` collects every literal passed to ``translate`` or ``N_``
into the .po files; tests/test_messages.py fails on a message with no translation.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib import resources
from typing import Any, TypeVar, cast

T = TypeVar("T")

DOMAIN = "qdplan"
#: The gettext locale of each language other than the source language (English).
LOCALES = {"zh": "zh_CN"}


class MissingCatalogue(RuntimeError):
    """The compiled catalogue of a language is not installed."""


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English: none, the source texts are English)."""
    if language not in LOCALES:
        return gettext.NullTranslations()
    path = (
        resources.files(__package__ or "simulator.model")
        / "locale"
        / LOCALES[language]
        / "LC_MESSAGES"
        / f"{DOMAIN}.mo"
    )
    try:
        with path.open("rb") as file:
            return gettext.GNUTranslations(file)
    except FileNotFoundError:
        raise MissingCatalogue(
            f"{path} is missing: compile the translations with scripts/translations.sh "
            "compile (scripts/setup.sh does)"
        ) from None


def translate(text: str, language: str) -> str:
    """``text`` (an English message) in ``language``; unknown texts stay English."""
    return catalogue(language).gettext(text)


def N_(text: str) -> str:
    """Mark ``text`` as a message translated later (returns it unchanged)."""
    return text


def translated(table: T, language: str) -> T:
    """A table of messages (strings, lists and dicts of them, keyed by name) in ``language``:
    the same shape with every string translated."""
    shaped: Any
    if isinstance(table, str):
        shaped = translate(table, language)
    elif isinstance(table, list):
        shaped = [translated(item, language) for item in table]
    elif isinstance(table, tuple):
        shaped = tuple(translated(item, language) for item in table)
    elif isinstance(table, dict):
        shaped = {key: translated(value, language) for key, value in table.items()}
    else:
        raise TypeError(f"not a table of messages: {type(table).__name__}")
    return cast(T, shaped)


#: The words of the samplers (a scenario's simulation.sampler holds the ids): every text
#: that names a run's sampler (tables, charts, the report, a derived scenario's description).
SAMPLER_NAMES: dict[str, str] = {
    "pseudo": N_("pseudo-random"),
    "sobol": N_("Sobol (quasi-random)"),
    "lhs": N_("Latin hypercube"),
}


def sampler_name(sampler: str, language: str) -> str:
    """A sampler id ('sobol') as words in ``language``; an unknown id stays as it is."""
    return translate(SAMPLER_NAMES[sampler], language) if sampler in SAMPLER_NAMES else sampler
