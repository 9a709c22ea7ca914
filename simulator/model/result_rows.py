"""A run's results as flat rows (one per series and year, and per indicator and year): the
long table `qdplan run --csv` writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Protocol

import numpy as np

from .catalogue import Catalogue
from .messages import translate
from .stats import QUANTILE_NAMES

SPAN = "2024-2028"
SERIES_KINDS = ("line", "measure", "section", "department", "total")
STAT_NAMES = ("mean",) + QUANTILE_NAMES


class Results(Protocol):
    """What the rows read from a run's results (``results.Results``)."""

    years: tuple[int, ...]
    catalogue: Catalogue

    def series(self, kind: str) -> list[str]: ...

    def outlay(self, kind: str = "total", key: str = "total") -> dict[str, np.ndarray]: ...

    def indicator(self, indicator_id: str) -> dict[str, np.ndarray]: ...


def result_rows(results: Results) -> Iterator[dict[str, Any]]:
    """Flat rows for CSV: one per series and year (incl. the 2024–2028 span)."""
    labels = [str(y) for y in results.years] + [SPAN]
    for kind in SERIES_KINDS:
        for key in results.series(kind):
            stats = results.outlay(kind, key)
            for i, label in enumerate(labels):
                yield {
                    "quantity": "outlay_wan",
                    "level": kind,
                    "id": key,
                    "name_zh": _name(results, kind, key, "zh"),
                    "name_en": _name(results, kind, key, "en"),
                    "year": label,
                    **{n: float(stats[n][i]) for n in STAT_NAMES},
                }
    for indicator in results.catalogue.indicators:
        stats = results.indicator(indicator.id)
        for i, label in enumerate(["2023"] + [str(y) for y in results.years]):
            yield {
                "quantity": quantity_key(indicator.unit, indicator.unit_en),
                "level": "indicator",
                "id": indicator.id,
                "name_zh": indicator.name_zh,
                "name_en": indicator.name_en,
                "year": label,
                **{n: float(stats[n][i]) for n in STAT_NAMES},
            }


#: The ASCII key of a money unit (the table units' keys, as ``outlay_wan``).
_MONEY_KEYS = {"万元": "wan", "亿元": "yi"}


def quantity_key(unit: str, unit_en: str) -> str:
    """The ``quantity`` of an indicator's rows, an ASCII key from its unit: ``indicator_yi``
    (亿元), ``indicator_enterprises`` (家, enterprises), ``indicator_brokers`` (名)."""
    key = _MONEY_KEYS.get(unit) or re.sub(r"[^a-z0-9]+", "_", unit_en.lower()).strip("_")
    return f"indicator_{key}"


def _name(results: Results, kind: str, key: str, language: str) -> str:
    catalogue = results.catalogue
    zh = language == "zh"
    if kind == "line":
        return catalogue.line(key).name(language)
    if kind == "measure":
        m = catalogue.measure(int(key))
        return f"{m.number}. {m.title_zh if zh else m.title_en}"
    if kind == "section":
        s = catalogue.section(key)
        return f"{s.id}、{s.title_zh}" if zh else s.title_en
    if kind == "department":
        return key if zh else catalogue.departments.get(key, key)
    return translate("Total", language)
