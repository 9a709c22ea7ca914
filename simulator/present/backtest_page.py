"""The briefing's backtest page: how well the indicator model's business-as-usual projections,
calibrated on the data up to each origin year only, matched what was later published (the
shipped history), next to two naive forecasts."""

from __future__ import annotations

import io
from typing import Any

from matplotlib.image import imread

from ..analysis.backtest import backtest
from ..model import N_, History, load_catalogue, shipped_history, translated
from .backtest_charts import backtest_figure
from .backtest_text import backtest_rows
from .chart_files import save_figure
from .page_writer import PageWriter

#: noise persistence where a series cannot estimate it (as ``qdplan backtest``'s default)
PERSISTENCE = 0.3

WORDS = {
    "title": N_("Backtest: the indicator model against the published figures"),
    "intro": N_(
        "From each origin year the model is calibrated on the data up to that year only (start, trend and its uncertainty, noise, its persistence and the uncertainty of its sd: Student-t bands, with a prior pooled from the other published series), projects the later years (business as usual: no plan money before 2024) and is scored against what was published later. Naive forecasts: last growth carried forward (a point), random walk with drift on log values."
    ),
    "targets": N_(
        "Targets: 90% bands cover >= 85%, 50% bands 40–60%, CRPS better than both naive forecasts for >= 4 of 5 indicators. n: the observations each figure rests on; with so few, the scores are indicative only."
    ),
    "none": N_(
        "Too few published figures: no origin with 3 observations, a noise sd with 2 degrees of freedom and a later observation."
    ),
}


def backtest_page(writer: PageWriter, history: History | None = None) -> None:
    """Add the backtest page (on the shipped history unless another is given)."""
    look = writer.look
    words: dict[str, Any] = translated(WORDS, look.language)
    history = history if history is not None else shipped_history()
    ids = load_catalogue().indicator_ids
    series = {i: history.series(i) for i in ids if i in history.ids}
    pool = {i: history.series(i) for i in history.ids}
    result = backtest(series, ids, persistence=PERSISTENCE, pooled_from=pool)
    figure = writer.page()
    figure.text(0.05, 0.93, words["title"], fontproperties=look.font(14, "bold"), va="top")
    width = 150 if look.language == "en" else 75
    lines = _lines(words["intro"], width) + _lines(words["targets"], width)
    figure.text(
        0.05, 0.87, "\n".join(lines), fontproperties=look.font(9.5), va="top", linespacing=1.5
    )
    # the table starts below the text: each line 9.5 pt × 1.5 of the page's height
    top = 0.87 - len(lines) * 9.5 * 1.5 / (figure.get_figheight() * 72) - 0.03
    if not result.forecasts:
        figure.text(0.05, 0.6, words["none"], fontproperties=look.font(11), va="top")
    else:
        rows = backtest_rows(result, look.language)
        writer.table(
            figure, top, rows[0], rows[1:], [0.26, 0.16, 0.05, 0.09, 0.09, 0.09, 0.1], size=8.5
        )
        scored = [i for i in ids if result.origins(i)][:2]
        for k, indicator in enumerate(scored):  # the fans of up to two scored indicators
            chart = backtest_figure(result, series, indicator, look.language)
            image = io.BytesIO()
            save_figure(chart, look, image, "png", dpi=160)
            image.seek(0)
            axes = figure.add_axes((0.05 + 0.46 * k, 0.05, 0.44, 0.28))
            axes.imshow(imread(image), interpolation="none")
            axes.set_axis_off()
    writer.save(figure)


def _lines(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split(" ") if " " in text else list(text):
        joiner = " " if " " in text and line else ""
        if len(line) + len(joiner) + len(word) > width:
            out.append(line)
            line = word
        else:
            line += joiner + word
    return out + ([line] if line else [])
