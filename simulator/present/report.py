"""The briefing report: a multi-page PDF a planner can hand to a superior.

Pages (A4 landscape): the key figures with everything needed to reproduce them; every chart;
the assumptions that differ from the baseline; the actuals used. In the chosen language;
Chinese text needs a CJK font (without one the report is written in English).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.lines import Line2D

from ..model import N_, Results, Scenario, __version__, atomic_write, translated
from .assumption_rows import difference_rows
from .backtest_page import backtest_page
from .charts import chart_kinds, make_chart
from .report_budget import budget_page
from .style import (
    CHART_DPI,
    CHART_SIZE,
    FLAG_COLOURS,
    Look,
    effective_language,
    in_unit,
    money_unit,
    plain_texts,
    sampler_name,
    unit_name,
)
from .tables import count_unit

__all__ = ["write_report"]

PAGE = (11.69, 8.27)  # A4 landscape, inches
ROWS_PER_PAGE = 30

WORDS: dict[str, Any] = {
    "title": N_("Qingdao S&T action plan 2024–2028: budget and targets briefing"),
    "scenario": N_("Scenario"),
    "date": N_("Date"),
    "made_with": N_("Made with"),
    "repro": N_(
        "qdplan {version} · catalogue {catalogue} · seed {seed} · {draws} draws · sampler {sampler}"
    ),
    "key": N_("Key figures"),
    "total": N_("Total outlay 2024–2028: mean {mean}, 90% range {p05}–{p95}"),
    "after": N_("A further {after} falls due after 2028 (construction periods etc.)."),
    "year_table": [N_("Year"), N_("Mean"), N_("P5"), N_("P50"), N_("P95")],
    "outlay_caption": N_("Outlay by year ({unit})"),
    "targets_caption": N_("Probability of reaching the 2028 targets"),
    "target_table": [N_("2028 target"), N_("Target"), N_("Probability"), N_("Status")],
    "all": N_("All five targets"),
    "every_year": N_(" (every year)"),
    "flags": {"on_track": N_("on track"), "at_risk": N_("at risk"), "off_track": N_("off track")},
    "appropriation": N_("Chance of exceeding the yearly appropriation: {items}"),
    "actuals_used": N_("{n} observed values used (listed on the last page)."),
    "no_actuals": N_("No observed values used."),
    "facts": N_(
        "Caps, rates and targets come from the plan (青政字〔2024〕20号); every other number is a planner's assumption."
    ),
    "diff_title": N_("Assumptions that differ from the baseline ({n})"),
    "diff_none": N_("No assumption differs from the baseline."),
    "diff_head": [N_("Assumption"), N_("Year"), N_("Item"), N_("Baseline"), N_("This scenario")],
    "actuals_title": N_("Observed values used ({n})"),
    "actuals_head": [N_("Kind"), N_("Name"), N_("Year"), N_("Value"), N_("Source")],
    "kinds": {"indicator": N_("indicator"), "line": N_("line"), "measure": N_("measure")},
    "page": N_("page {n}"),
}


def _money(value_wan: float, unit: str, language: str) -> str:
    unit_text = unit_name(unit, language)
    decimals = 2 if unit == "亿元" else 0
    return f"{in_unit(value_wan, unit):,.{decimals}f} {unit_text}"


class _Writer:
    def __init__(self, pdf: PdfPages, look: Look, words: dict[str, Any], footer: str):
        self.pdf, self.look, self.words, self.footer = pdf, look, words, footer
        self.page_number = 0

    def page(self) -> Figure:
        return Figure(figsize=PAGE)

    def save(self, figure: Figure) -> None:
        """Add the footer (what and how to reproduce, page number) and write the page."""
        self.page_number += 1
        for x, text, align in (
            (0.04, self.footer, "left"),
            (0.96, self.words["page"].format(n=self.page_number), "right"),
        ):
            footer = figure.text(
                x, 0.025, text, ha=align, fontproperties=self.look.font(7.5), color="#666666"
            )
            footer.set_in_layout(False)
        plain_texts(figure)
        with self.look.rc():
            self.pdf.savefig(figure)  # type: ignore[no-untyped-call]  # backend_pdf: no hints

    def table(
        self,
        figure: Figure,
        top: float,
        head: list[str],
        rows: list[list[str]],
        widths: list[float],
        left: float = 0.05,
        size: float = 9.0,
        colours: Sequence[str | None] | None = None,
    ) -> float:
        """Draw a simple table from ``top`` (figure fraction) down; returns the next top."""
        step = 0.027 * size / 9.0
        x_positions = [left]
        for width in widths[:-1]:
            x_positions.append(x_positions[-1] + width)
        for x, text in zip(x_positions, head):
            figure.text(x, top, text, fontproperties=self.look.font(size, "bold"), va="top")
        top -= step * 1.1
        figure.add_artist(_rule(figure, left, top + step * 0.35, sum(widths)))
        for r, row in enumerate(rows):
            for c, (x, text) in enumerate(zip(x_positions, row)):
                colour = (colours[r] if colours and c == len(row) - 1 else None) or "#111111"
                figure.text(
                    x,
                    top,
                    text,
                    fontproperties=self.look.font(size),
                    va="top",
                    color=colour,
                    linespacing=1.15,
                )
            top -= step * _row_steps(row)
        return top


def _rule(figure: Figure, left: float, y: float, width: float) -> Line2D:
    return Line2D(
        [left, left + width], [y, y], transform=figure.transFigure, color="#999999", linewidth=0.6
    )


def _wrap_display(text: str, width: int) -> str:
    """Wrap mixed Chinese and Latin text to a display width (a CJK character counts 2)."""
    lines, current, used = [], "", 0
    for token in re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|\S+\s*|\s+", text):
        size = sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in token)
        if used + size > width and current.strip():
            lines.append(current.rstrip())
            current, used = "", 0
            token = token.lstrip()
            size = sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in token)
        current += token
        used += size
    if current.strip():
        lines.append(current.rstrip())
    return "\n".join(lines)


def _height(row: Sequence[str]) -> int:
    """Lines a table row takes (a cell may be wrapped onto several)."""
    return max((str(cell).count("\n") + 1 for cell in row), default=1)


def _row_steps(row: Sequence[str]) -> float:
    """The height of a table row in one-line rows: a wrapped line is set closer than a row
    (line spacing 1.15 of the font size)."""
    return 1 + 0.78 * (_height(row) - 1)


def _wrapped(text: str, width: int, lines: int = 6) -> str:
    """Wrapped to a display width, at most ``lines`` lines (the last one ends with …)."""
    parts = _wrap_display(str(text), width).split("\n")
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip() + "…"
    return "\n".join(parts)


def _clip(text: str, width: int) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def write_report(
    results: Results,
    path: str | Path,
    language: str = "zh",
    baseline: Scenario | None = None,
    today: _dt.date | None = None,
) -> Path:
    """Write the briefing PDF atomically; returns the path. Raises ScenarioSaveError when the
    file cannot be written (the old file, if any, is left as it was)."""
    shown = effective_language(language)
    look = Look(shown)
    words = translated(WORDS, shown)
    scenario = results.scenario
    today = today or _dt.date.today()
    repro = words["repro"].format(
        version=__version__,
        catalogue=results.catalogue.version,
        seed=results.seed,
        draws=f"{results.draws:,}",
        sampler=sampler_name(results.sampler, shown),
    )
    footer = f"{scenario.name} · {today.isoformat()} · {repro}"
    buffer = io.BytesIO()
    metadata = {
        "Title": words["title"],
        "Subject": scenario.name,
        "Creator": f"qdplan {__version__}",
        "CreationDate": None,
    }
    with PdfPages(buffer, metadata=metadata) as pdf:
        writer = _Writer(pdf, look, words, footer)
        _key_page(writer, results, today, repro)
        budget_page(writer, results, shown)
        chart_figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
        for kind in chart_kinds(results.catalogue):
            # Each chart is laid out at its own size and placed on the page as a sharp
            # image, so its legends never collide with the page's footer.
            chart = make_chart(kind, chart_figure, shown)
            chart.draw(results)
            image = io.BytesIO()
            chart.savefig(image, "png", dpi=220)
            image.seek(0)
            figure = writer.page()
            axes = figure.add_axes((0.04, 0.07, 0.92, 0.88))
            axes.imshow(imread(image), interpolation="none")  # embedded as drawn
            axes.set_axis_off()
            writer.save(figure)
        backtest_page(writer)
        if baseline is not None:
            _differences_pages(writer, scenario, baseline)
        _actuals_pages(writer, scenario)
    atomic_write(path, buffer.getvalue())
    return Path(path)


def _key_page(writer: _Writer, results: Results, today: _dt.date, repro: str) -> None:
    look, words = writer.look, writer.words
    scenario = results.scenario
    language = look.language
    figure = writer.page()
    figure.text(0.05, 0.93, words["title"], fontproperties=look.font(16, "bold"), va="top")
    figure.text(
        0.05,
        0.875,
        f"{words['scenario']}: {scenario.name}",
        fontproperties=look.font(12, "bold"),
        va="top",
    )
    description = _wrap_display(scenario.description, 150)
    figure.text(0.05, 0.84, description, fontproperties=look.font(9), va="top", color="#333333")
    figure.text(
        0.05,
        0.74,
        f"{words['date']}: {today.isoformat()}    {repro}",
        fontproperties=look.font(8.5),
        va="top",
        color="#555555",
    )
    stats = results.outlay()
    unit = money_unit(stats["mean"][:-1])
    span_unit = money_unit([stats["mean"][-1]])
    figure.text(0.05, 0.69, words["key"], fontproperties=look.font(12, "bold"), va="top")
    figure.text(
        0.05,
        0.655,
        words["total"].format(
            mean=_money(stats["mean"][-1], span_unit, language),
            p05=_money(stats["p05"][-1], span_unit, language),
            p95=_money(stats["p95"][-1], span_unit, language),
        ),
        fontproperties=look.font(10.5),
        va="top",
    )
    after = results.after_horizon_mean()
    notes = []
    if after > 0:
        notes.append(words["after"].format(after=_money(after, money_unit([after]), language)))
    exceed = results.appropriation_exceedance()
    if exceed:
        notes.append(
            words["appropriation"].format(
                items=", ".join(f"{y}: {p:.0%}" for y, p in exceed.items())
            )
        )
    notes.append(
        words["actuals_used"].format(n=len(scenario.actuals))
        if scenario.actuals
        else words["no_actuals"]
    )
    notes.append(words["facts"])
    figure.text(
        0.05,
        0.62,
        "\n".join(notes),
        fontproperties=look.font(8.5),
        va="top",
        color="#333333",
        linespacing=1.5,
    )
    unit_label = unit_name(unit, language)
    figure.text(
        0.05,
        0.535,
        words["outlay_caption"].format(unit=unit_label),
        fontproperties=look.font(9.5, "bold"),
        va="top",
    )
    rows = [
        [str(year)] + [f"{in_unit(stats[k][i], unit):,.2f}" for k in ("mean", "p05", "p50", "p95")]
        for i, year in enumerate(results.years)
    ]
    writer.table(figure, 0.5, words["year_table"], rows, [0.06, 0.075, 0.075, 0.075, 0.075])
    target_rows, colours = [], []
    for indicator in results.catalogue.indicators:
        p = results.target_probability(indicator.id)
        target = f"{indicator.target_2028:,g}"
        target = (
            f"> {look.quantity(target, indicator.unit if language == 'zh' else indicator.unit_en)}"
        )
        target_rows.append(
            [
                _clip(indicator.name(language), 34),
                target,
                f"{p:.1%}",
                words["flags"][results.flag(p)],
            ]
        )
        colours.append(FLAG_COLOURS[results.flag(p)])
    p_all = results.all_targets_probability()
    target_rows.append([words["all"], "", f"{p_all:.1%}", words["flags"][results.flag(p_all)]])
    colours.append(FLAG_COLOURS[results.flag(p_all)])
    counts = results.count_targets()
    for count_target in results.catalogue.count_targets:
        summary = counts.get(count_target.id)
        if summary is None:
            continue
        p = summary["probability"]
        when = words["every_year"] if count_target.per_year else ""
        target_rows.append(
            [
                _clip(count_target.name_zh if language == "zh" else count_target.name_en, 34),
                "≥ "
                + look.quantity(f"{count_target.at_least:,}", count_unit(count_target, language))
                + when,
                f"{p:.1%}",
                words["flags"][results.flag(p)],
            ]
        )
        colours.append(FLAG_COLOURS[results.flag(p)])
    figure.text(
        0.45, 0.535, words["targets_caption"], fontproperties=look.font(9.5, "bold"), va="top"
    )
    writer.table(
        figure,
        0.5,
        words["target_table"],
        target_rows,
        [0.22, 0.15, 0.08, 0.08],
        left=0.45,
        colours=colours,
    )
    writer.save(figure)


def _paged_table(
    writer: _Writer, title: str, head: list[str], rows: list[list[str]], widths: list[float]
) -> None:
    pages: list[list[list[str]]] = [[]]
    used = 0.0
    for row in rows:  # room for ROWS_PER_PAGE one-line rows a page
        height = _row_steps(row)
        if pages[-1] and used + height > ROWS_PER_PAGE + 1e-9:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += height
    for page_rows in pages:
        figure = writer.page()
        figure.text(0.05, 0.93, title, fontproperties=writer.look.font(14, "bold"), va="top")
        writer.table(figure, 0.87, head, page_rows, widths, size=8.5)
        writer.save(figure)


def _differences_pages(writer: _Writer, scenario: Scenario, baseline: Scenario) -> None:
    """The assumptions that differ from the baseline, labelled and written out
    (``assumption_rows.difference_rows``), long cells wrapped."""
    words = writer.words
    rows = difference_rows(baseline, scenario, writer.look.language)
    if not rows:
        figure = writer.page()
        figure.text(0.05, 0.93, words["diff_none"], fontproperties=writer.look.font(12), va="top")
        writer.save(figure)
        return
    widths = [0.22, 0.05, 0.29, 0.17, 0.17]
    wraps = [34, 6, 50, 27, 27]  # display widths (a CJK character counts 2)
    _paged_table(
        writer,
        words["diff_title"].format(n=len(rows)),
        words["diff_head"],
        [[_wrapped(cell, wrap) for cell, wrap in zip(row, wraps)] for row in rows],
        widths,
    )


def _actuals_pages(writer: _Writer, scenario: Scenario) -> None:
    actuals = scenario.actuals
    if not actuals:
        return
    words = writer.words
    language = writer.look.language
    catalogue = scenario.catalogue

    def name(actual: dict[str, Any]) -> str:
        if actual["kind"] == "indicator":
            return catalogue.indicator(actual["id"]).name(language)
        if actual["kind"] == "line":
            return catalogue.line(actual["id"]).name(language)
        measure = catalogue.measure(int(actual["id"]))
        return f"{measure.number}. {measure.title_zh if language == 'zh' else measure.title_en}"

    rows = [
        [
            words["kinds"][a["kind"]],
            _clip(name(a), 30),
            str(a["year"]),
            f"{a['value']:,.6g}",
            _clip(a["source"], 60),
        ]
        for a in actuals
    ]
    _paged_table(
        writer,
        words["actuals_title"].format(n=len(actuals)),
        words["actuals_head"],
        rows,
        [0.1, 0.22, 0.06, 0.12, 0.45],
    )
