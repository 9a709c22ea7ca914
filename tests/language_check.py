"""Find untranslated fragments in text shown to a reader.

Chinese output may hold no English word except a short list of proper names and symbols;
English output may hold no Chinese character except in names that come from the catalogue
or scenario data (plan, line and indicator names, a scenario's own name), which the caller
passes as ``data`` and which are removed before the check."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Proper names, file formats, statistics and unit symbols that stay as they are in Chinese.
ALLOWED_WORDS = {
    "qdplan",
    "Sobol",
    "Excel",
    "WPS",
    "CSV",
    "PDF",
    "PNG",
    "SVG",
    "xlsx",
    "csv",
    "pdf",
    "png",
    "svg",
    "json",
    "JSON",
    "Monte",
    "Carlo",
    "Qingdao",
    "English",  # the language menu names each language in itself
    "ms",  # milliseconds
    "CRPS",  # continuous ranked probability score (the backtest's score)
    # publishers named as the source of the published history (data, not messages)
    "Business",
    "Wire",
}
#: P5 … P95 (percentiles), P10–P90.
PERCENTILE = re.compile(r"^P\d{1,2}$")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
#: Language names shown in their own language (the Language menu).
OWN_NAMES = ("中文",)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: The plan's document number, quoted in English text as the plan's own name.
PLAN_NUMBER = "青政字〔2024〕20号"


def _without(text: str, data: Iterable[str]) -> str:
    for item in sorted({d for d in data if d}, key=len, reverse=True):
        text = text.replace(item, " ")
    return text


def english_words(text: str, data: Iterable[str] = ()) -> list[str]:
    """The English words of Chinese ``text`` that are not allowed names or symbols."""
    text = _without(text, data)
    return [
        w
        for w in WORD.findall(text)
        if len(w) > 1 and w not in ALLOWED_WORDS and not PERCENTILE.match(w)
    ]


def chinese_fragments(text: str, data: Iterable[str] = ()) -> list[str]:
    """The Chinese characters of English ``text`` outside names from the data."""
    return CJK.findall(_without(text, [PLAN_NUMBER, *OWN_NAMES, *data]))


def untranslated(
    texts: Iterable[str], language: str, data: Iterable[str] = ()
) -> dict[str, list[str]]:
    """{text: offending fragments} of every text with an untranslated fragment."""
    data = list(data)
    check = english_words if language == "zh" else chinese_fragments
    found = {}
    for text in texts:
        bad = check(text, data)
        if bad:
            found[text] = bad
    return found


def catalogue_data(catalogue, language: str, scenario=None, both: bool = False) -> list[str]:
    """The names from data shown in ``language`` (removed before the check): catalogue names
    in that language (in both with ``both``: the app's item pages show a line's name in the
    other language under its title, by design), and the scenario's own name and description
    (a planner's text)."""
    if both:
        other = "en" if language == "zh" else "zh"
        return catalogue_data(catalogue, language, scenario) + catalogue_data(catalogue, other)
    zh = language == "zh"
    names: list[str] = []
    for line in catalogue.lines:
        names += [line.name(language), line.clause.quote]  # the plan's words, verbatim
    for measure in catalogue.measures:
        names.append(measure.title_zh if zh else measure.title_en)
    for section in catalogue.sections:
        names.append(section.title_zh if zh else section.title_en)
    for indicator in catalogue.indicators:
        names += [indicator.name(language), indicator.unit if zh else indicator.unit_en]
        names.append(indicator.clause.quote)
    names += list(catalogue.departments) if zh else list(catalogue.departments.values())
    names.append(catalogue.version)  # an identifier, e.g. qingdao-2024-2028
    if scenario is not None:
        names += [scenario.name, scenario.description]
    return [n for n in names if n]
