"""The published history as text, CSV rows and JSON (``qdplan history``)."""

from __future__ import annotations

from typing import Any

from ..model import HISTORY_COLUMNS, History, HistoryRow, translate

__all__ = [
    "history_csv_rows",
    "history_document",
    "history_table",
    "observed_label",
    "short_publisher",
]


def _value(row: HistoryRow) -> str:
    """The value as written, with thousands separators for whole numbers of 5+ digits."""
    text = row.value_text
    return f"{row.value:,}" if isinstance(row.value, int) and len(text) > 4 else text


#: How ``load_history`` names the shipped history: "history-qingdao.csv (shipped)".
SHIPPED_MARK = " (shipped)"


def _source(history: History, language: str) -> str:
    """The history's file, "(shipped)" in words of ``language`` for the shipped one."""
    if not history.source.endswith(SHIPPED_MARK):
        return history.source  # a planner's own file: its name
    name = history.source.removesuffix(SHIPPED_MARK)
    return translate("{file} (shipped)", language).format(file=name)


def history_table(history: History, language: str = "zh") -> str:
    """Every series with its rows, year by year: the used value marked ``*``, then the source;
    notes (how a figure was read, breaks) below each row."""
    zh = language == "zh"
    series = history.ids
    out = [
        translate("Published history — {source}, {rows} rows, {series} series", language).format(
            source=_source(history, language), rows=len(history.rows), series=len(series)
        ),
        translate(
            "* = the figure the model uses; unmarked rows are other sources kept. "
            "Definitions and gaps: docs/history.md",
            language,
        ),
    ]
    for id, info in history.series_info.items():
        if info.headline and id not in series:
            out.append("")
            out.append(
                f"{info.name(language)} — {id}: "
                + translate("no published figure found (see docs/history.md)", language)
            )
    for id in series:
        info = history.info(id)
        rows = history.rows_of(id)
        width = max(len(_value(r)) for r in rows)
        out.append("")
        out.append(f"{info.name(language)} — {id} ({info.unit if zh else info.unit_en})")
        for row in rows:
            mark = "*" if row.used else " "
            out.append(
                f"  {row.year}  {mark} {_value(row):>{width}}  {row.publisher}, {row.date}"
                + (f"  {row.url}" if row.url else "")
            )
            if row.note:
                out.append(f"{'':{10 + width}}  {row.note}")
    return "\n".join(out)


def history_csv_rows(history: History) -> list[list[Any]]:
    """The history as CSV rows (the header, then every row as in the file); write them with
    ``rows_to_csv_bytes`` so that no cell runs as a spreadsheet formula."""
    return [list(HISTORY_COLUMNS)] + [row.cells() for row in history.rows]


def history_document(history: History) -> dict[str, Any]:
    """The history as a JSON document: per series its names, unit, the used values by year
    and every row with its source."""
    series = []
    for id in history.ids:
        info = history.info(id)
        series.append(
            {
                "id": id,
                "name_zh": info.name_zh,
                "name_en": info.name_en,
                "unit": info.unit,
                "headline": info.headline,
                "used": {str(year): value for year, value in history.series(id).items()},
                "rows": [
                    dict(zip(HISTORY_COLUMNS, row.cells(), strict=True))
                    | {"year": row.year, "value": row.value, "used": row.used, "row": row.row}
                    for row in history.rows_of(id)
                ],
            }
        )
    return {"source": history.source, "columns": list(HISTORY_COLUMNS), "series": series}


def short_publisher(publisher: str) -> str:
    """A publisher as named in a legend: what comes before any bracket ("China Daily (Hu
    Qing)" is "China Daily")."""
    return publisher.split(" (")[0].split("(")[0].split("（")[0].strip()


def observed_label(history: History, id: str, language: str = "zh") -> str:
    """The legend entry of a series' observed points: "observed (source: …)", naming the
    publishers of the used rows (the first, then how many more)."""
    names: dict[str, None] = {}
    for row in history.rows_of(id):
        if row.used:
            names.setdefault(short_publisher(row.publisher), None)
    shown = list(names)
    first = shown[0] if shown else ""
    if len(first) > 16:  # a legend entry must stay short (the legend sits under the axes)
        first = first[:15].rstrip() + "…"
    if len(shown) > 1:
        text = translate("observed (source: {first} +{more})", language)
    else:
        text = translate("observed (source: {first})", language)
    return text.format(first=first, more=len(shown) - 1)
