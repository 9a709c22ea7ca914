"""The look shared by every chart, table and report: sizes, colours, the languages and their
fonts, number formats, the styling of axes, and money units.

Money is kept in 万元 by the model and shown in 亿元 once values reach 10,000 万元. Chinese
text needs a CJK font (``simulator.present.fonts``): ``effective_language`` falls back to
English when none is installed, so a chart never shows empty boxes.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol

import numpy as np
from matplotlib import rc_context, rcParams
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.ticker import Formatter, MaxNLocator

from ..model import N_, SAMPLER_NAMES, Scenario, sampler_name, translate, translated
from .fonts import chinese_font_available, cjk_font_family

__all__ = [
    "APPROPRIATION_COLOUR",
    "BASELINE_COLOUR",
    "CHART_DPI",
    "CHART_SIZE",
    "COMPARE_COLOURS",
    "EXPORT_DPI",
    "FAN_COLOUR",
    "FLAG_COLOURS",
    "FLAG_NAMES",
    "GRID_COLOUR",
    "HIGH_COLOUR",
    "HISTORY_COLOUR",
    "LANGUAGES",
    "LOW_COLOUR",
    "MEAN_COLOUR",
    "MUTED_TEXT",
    "NET_COLOUR",
    "OTHER_COLOUR",
    "SAMPLER_NAMES",
    "SCENARIO_COLOURS",
    "SHARE_COLOUR",
    "STACK_COLOURS",
    "START_COLOUR",
    "TARGET_COLOUR",
    "UNIT_EN",
    "WAN_PER_YI",
    "Look",
    "NumberFormatter",
    "check_language",
    "effective_language",
    "flag_name",
    "format_money",
    "in_unit",
    "money_decimals",
    "money_scale",
    "money_unit",
    "nice_top",
    "run_values",
    "sampler_name",
    "set_value_axis",
    "style_axes",
    "unit_name",
    "wrap",
]

#: The app's chart size (inches) and resolution; files are written at EXPORT_DPI.
CHART_SIZE = (8.0, 4.5)
CHART_DPI = 100
EXPORT_DPI = 150
LANGUAGES = ("zh", "en")

# Colour-blind-friendly colours: Okabe & Ito for the fans and the flags, Paul Tol's "muted"
# scheme for the stacked series (assigned by catalogue order, so a section keeps its colour).
FAN_COLOUR = "#0072B2"
#: business as usual (the same draws without the plan's effects)
BAU_COLOUR = "#6b6b6b"
MEAN_COLOUR = "#333333"
START_COLOUR = "#000000"
#: Published history before the plan (hollow points): Okabe & Ito's reddish purple.
HISTORY_COLOUR = "#CC79A7"
TARGET_COLOUR = "#D55E00"
APPROPRIATION_COLOUR = "#D55E00"  # Okabe & Ito vermillion: the yearly appropriation
NET_COLOUR = "#009E73"  # Okabe & Ito bluish green: net fiscal cost (less returns)
FLAG_COLOURS = {"on_track": "#009E73", "at_risk": "#E69F00", "off_track": "#D55E00"}
STACK_COLOURS = (
    "#332288",
    "#88CCEE",
    "#117733",
    "#DDCC77",
    "#CC6677",
    "#AA4499",
    "#44AA99",
    "#882255",
    "#999933",
)
OTHER_COLOUR = "#BBBBBB"
GRID_COLOUR = "#DDDDDD"
MUTED_TEXT = "#555555"
# The decision charts.
LOW_COLOUR = "#0072B2"  # Okabe & Ito blue: an assumption at its low value
HIGH_COLOUR = "#E69F00"  # Okabe & Ito orange: at its high value
SHARE_COLOUR = "#999999"
BASELINE_COLOUR = "#CC79A7"  # Okabe & Ito reddish purple: the scenario as it is
COMPARE_COLOURS = (FAN_COLOUR, "#009E73")  # two runs side by side
#: Scenarios of a comparison, in order (Okabe & Ito).
SCENARIO_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")

_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\uf900-\ufaff]+")


# ---------------------------------------------------------------------------------- money
#: 1 亿元 = 10,000 万元.
WAN_PER_YI = 10_000.0
#: The English names of the table units.
UNIT_EN = {"亿元": "100m yuan", "万元": "10k yuan"}


def money_scale(max_wan: float) -> tuple[float, str]:
    """(万元 per displayed unit, unit key): 亿元 once values reach 10,000 万元."""
    return (WAN_PER_YI, "yi") if max_wan >= WAN_PER_YI else (1.0, "wan")


def money_decimals(value: float, scale: float) -> int:
    return 1 if scale == WAN_PER_YI and abs(value) < 100 else 0


def money_unit(values_wan: Iterable[float]) -> str:
    """'亿元' when the largest magnitude reaches 1 亿元, else '万元'."""
    largest = max((abs(v) for v in values_wan), default=0.0)
    return "亿元" if largest >= WAN_PER_YI else "万元"


def in_unit(value_wan: float, unit: str) -> float:
    return value_wan / WAN_PER_YI if unit == "亿元" else value_wan


def unit_name(unit: str, language: str) -> str:
    """A money unit ('亿元' or '万元') in ``language``: the one English unit vocabulary is
    UNIT_EN ('100m yuan', '10k yuan'), used by charts, tables, CSV headers and the report."""
    return unit if language == "zh" else UNIT_EN[unit]


def format_money(value_wan: float, unit: str | None = None, language: str = "zh") -> str:
    """A money figure with its unit, e.g. '16.61 亿元' or '3,600 万元' ('16.61 100m yuan',
    '3,600 10k yuan' in English)."""
    unit = unit or money_unit([value_wan])
    value = in_unit(value_wan, unit)
    number = f"{value:,.2f}" if unit == "亿元" else f"{value:,.0f}"
    return f"{number} {unit_name(unit, language)}"


#: The words of the target flags (results.flag gives the ids).
FLAG_NAMES: dict[str, str] = {
    "on_track": N_("on track"),
    "at_risk": N_("at risk"),
    "off_track": N_("off track"),
}


class _Run(Protocol):
    scenario: Scenario
    draws: int
    seed: int
    sampler: str


def run_values(run: _Run, language: str) -> dict[str, Any]:
    """The placeholders {scenario}, {draws}, {seed} and {sampler} of a heading that says
    which run a table comes from (the run itself, or an analysis made on runs)."""
    return {
        "scenario": run.scenario.name,
        "draws": f"{run.draws:,}",
        "seed": run.seed,
        "sampler": sampler_name(run.sampler, language),
    }


def flag_name(flag: str, language: str) -> str:
    """A target flag ('on_track') as a word in ``language`` ('on track', '有望达成')."""
    return translate(FLAG_NAMES[flag], language)


# ---------------------------------------------------------------------------------- language
class _Described(Protocol):
    """A run or an analysis result: its scenario and draws name it in a chart's subtitle."""

    @property
    def scenario(self) -> Scenario: ...

    @property
    def draws(self) -> int: ...


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unknown chart language {language!r}; use one of {LANGUAGES}")
    return language


def effective_language(language: str) -> str:
    """The language a chart is drawn in: 'zh' only when a CJK font is available, else 'en'
    (Chinese without a font would show as empty boxes)."""
    check_language(language)
    return "zh" if language == "zh" and chinese_font_available() else "en"


class Look:
    """Fonts, words and number formats of one (effective) language. ``text`` holds a chart
    family's words (English messages by key, translated here for ``t``)."""

    def __init__(self, language: str, text: Mapping[str, str] | None = None):
        self.language = language
        cjk = cjk_font_family()
        if language == "zh":
            self.families = [cjk or "sans-serif", "sans-serif"]
        else:  # English text keeps the default font; Chinese in names falls back to CJK
            self.families = ["sans-serif"] + ([cjk] if cjk else [])
        self.minus = "-" if language == "zh" else "\u2212"
        self.words: dict[str, str] = translated(dict(text), language) if text is not None else {}

    def font(self, size: float, weight: str = "normal") -> FontProperties:
        return FontProperties(family=self.families, size=size, weight=weight)

    def t(self, key: str, **values: Any) -> str:
        return self.words[key].format(**values)

    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        return text.replace("-", self.minus) if text.startswith("-") else text

    def quantity(self, value: str, unit: str) -> str:
        """'22,000家', '800亿元'; '22,000 enterprises', '800 (100m yuan)'."""
        if self.language == "zh":
            return f"{value}{unit}"
        return f"{value} ({unit})" if unit[:1].isdigit() else f"{value} {unit}"

    def percent(self, probability: float) -> str:
        """A probability as a percentage that never rounds a chance to 0% or 100% falsely."""
        pct = 100.0 * probability
        if pct <= 0 or pct >= 100:
            return f"{pct:.0f}%"
        if pct < 1 or pct > 99:
            return f"{pct:.1f}%"
        return f"{pct:.0f}%"

    def scenario(self, results: _Described) -> str:
        name = str(getattr(results.scenario, "name", "") or "")
        if self.language == "en":
            latin = " ".join(_CJK.sub(" ", name).split())
            if latin:
                name = latin
            elif not chinese_font_available():
                name = "scenario"
        return name if len(name) <= 40 else name[:39] + "…"

    def draws(self, results: _Described) -> str:
        return self.t("draws", draws=self.number(results.draws))

    def rc(self) -> AbstractContextManager[None]:
        """rcParams for the build and for saving: CJK first for Chinese, ASCII minus; no
        mathtext, so that a planner's text with dollar signs (a scenario or line name such as
        ``$\\frac{$``) is drawn as written instead of being parsed as a formula (which
        failed the whole chart)."""
        if self.language != "zh":
            return rc_context({"svg.hashsalt": "qdplan", "text.parse_math": False})
        sans = [self.families[0]] + list(rcParams["font.sans-serif"])
        return rc_context(
            {
                "font.sans-serif": sans,
                "axes.unicode_minus": False,
                "svg.hashsalt": "qdplan",
                "text.parse_math": False,
            }
        )


def bottom_legend(
    figure: Figure,
    handles: list[Any],
    labels: list[str],
    look: Look,
    size: float,
    ncols: int,
    handlelength: float,
    **more: Any,
) -> Legend:
    """The legend of a chart, in one row (or ``ncols`` columns) below its plot, unframed, in
    the chart's language's font at ``size`` points."""
    return figure.legend(
        handles,
        labels,
        loc="outside lower center",
        ncols=ncols,
        frameon=False,
        prop=look.font(size),
        handlelength=handlelength,
        **more,
    )


def plain_texts(figure: Figure) -> None:
    """Every text of the figure drawn as written, never as a mathtext formula: ``Look.rc``
    covers the texts made within it, this the others (a report page's), before a save."""
    for text in figure.findobj(Text):
        text.set_parse_math(False)


# ---------------------------------------------------------------------------------- axes
class NumberFormatter(Formatter):
    """Tick labels with thousands separators and just enough decimals to tell ticks apart."""

    def __init__(self, minus: str = "\u2212", suffix: str = ""):
        self.minus = minus
        self.suffix = suffix
        self.decimals = 0

    def _text(self, value: float) -> str:
        text = f"{value:,.{self.decimals}f}"
        if text.startswith("-"):
            text = self.minus + text[1:] if value != 0 else text[1:]
        return text + self.suffix

    def format_ticks(self, values: list[float]) -> list[str]:
        values = [float(v) for v in values]
        self.decimals = 0
        for decimals in range(4):
            self.decimals = decimals
            if all(abs(round(v, decimals) - v) <= 1e-9 * max(1.0, abs(v)) for v in values):
                break
        return [self._text(v) for v in values]

    def __call__(self, value: float, pos: int | None = None) -> str:
        return self._text(value)


def style_axes(ax: Axes, look: Look) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("#888888")
    ax.grid(axis="y", color=GRID_COLOUR, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=9, labelfontfamily=look.families, colors="#333333")


def set_value_axis(ax: Axes, look: Look) -> None:
    """A y axis from 0 with round steps (1, 2, 5) and thousands separators."""
    ax.yaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_formatter(NumberFormatter(look.minus))


def nice_top(value: float) -> float:
    """An upper axis limit at a round number at or above value (steps of 1, 1.2, 1.5, 2, …)."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10.0 * power


def wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, break_long_words=False)
