"""Charts of a run, drawn into a matplotlib ``Figure`` that the caller owns.

The Qt app passes the Figure of its ``FigureCanvasQTAgg``; the CLI and ``write_charts`` use a
plain Figure (Agg). Nothing here touches pyplot's global state or Qt. A chart builds its
artists once (``draw``) and then moves them to new results in place (``update``), so the app
can redraw while a slider moves; the caller redraws the canvas (``canvas.draw_idle()``).

Money is kept in 万元 by the model and shown in 亿元 once values reach 10,000 万元. Chinese
text needs a CJK font: ``effective_language`` falls back to English when none is installed, so
a chart never shows empty boxes.

    figure = Figure(figsize=(8, 4.5), dpi=100, layout="constrained")
    chart = make_chart("total_fan", figure, language="zh")
    chart.draw(results)        # first results, or after a change of series
    chart.update(new_results)  # same artists, new data
"""
from __future__ import annotations

import errno
import math
import re
import shutil
import subprocess
import textwrap
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from matplotlib import font_manager, ft2font, rc_context, rcParams
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from matplotlib.text import Annotation
from matplotlib.ticker import FixedLocator, Formatter, MaxNLocator, MultipleLocator

__all__ = [
    "CHART_KINDS", "Chart", "chart_kinds", "chinese_font_available", "effective_language",
    "make_chart", "write_charts",
]

#: 1 亿元 = 10,000 万元.
WAN_PER_YI = 10_000.0
#: The app's chart size (inches) and resolution; files are written at EXPORT_DPI.
CHART_SIZE = (8.0, 4.5)
CHART_DPI = 100
EXPORT_DPI = 150
FORMATS = ("png", "svg", "pdf")
LANGUAGES = ("zh", "en")
#: Stacked charts show at most this many series; smaller ones are summed into "other".
MAX_STACK_SERIES = 8

# Colour-blind-friendly colours: Okabe & Ito for the fans and the flags, Paul Tol's "muted"
# scheme for the stacked series (assigned by catalogue order, so a section keeps its colour).
FAN_COLOUR = "#0072B2"
MEAN_COLOUR = "#333333"
START_COLOUR = "#000000"
TARGET_COLOUR = "#D55E00"
FLAG_COLOURS = {"on_track": "#009E73", "at_risk": "#E69F00", "off_track": "#D55E00"}
STACK_COLOURS = ("#332288", "#88CCEE", "#117733", "#DDCC77", "#CC6677", "#AA4499",
                 "#44AA99", "#882255", "#999933")
OTHER_COLOUR = "#BBBBBB"
GRID_COLOUR = "#DDDDDD"
MUTED_TEXT = "#555555"

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "total_fan": "年度预算支出（合计）",
        "by_section": "年度预算支出（按行动计划部分）",
        "by_department": "年度预算支出（按牵头责任单位）",
        "indicator": "{name}：2023–2028年预测",
        "targets": "2028年目标达成概率",
        "wan": "万元",
        "yi": "亿元",
        "outlay_axis": "预算支出（{unit}）",
        "median": "中位数",
        "mean": "均值",
        "band50": "50%区间（P25–P75）",
        "band90": "90%区间（P5–P95）",
        "start": "2023年起点（假设值）",
        "observed": "实际值",
        "target": "2028年目标（行动计划）：超过{quantity}",
        "target_side": "目标\n{value}",
        "probability_box": "2028年达成目标概率 {p}（{flag}）",
        "all_targets": "{n}项全部达成",
        "target_tick": "{name}\n目标 >{quantity}",
        "probability_axis": "达成概率（模拟中2028年超过目标的比例）",
        "on_track": "有望达成",
        "at_risk": "存在风险",
        "off_track": "偏离目标",
        "flag_on": "有望达成（≥{hi}）",
        "flag_risk": "存在风险（{lo}–{hi}）",
        "flag_off": "偏离目标（<{lo}）",
        "other": "其他",
        "draws": "{draws}次模拟",
        "sub_total": "{scenario} · 2024–2028年合计：中位数{median}{unit}，"
                     "90%区间{p05}–{p95}{unit} · {draws}",
        "sub_section": "{scenario} · 各年均值，按所属部分堆叠，柱顶为合计 · {draws}",
        "sub_department": "{scenario} · 各年均值，计入第一责任单位（假设），柱顶为合计 · {draws}",
        "sub_indicator": "{scenario} · 2023年起点为假设值，目标来自行动计划 · {draws}",
        "sub_targets": "{scenario} · 颜色按情景的预警阈值 · {draws}",
        "sep": "、",
    },
    "en": {
        "total_fan": "Total outlays by year",
        "by_section": "Outlays by year and section of the plan",
        "by_department": "Outlays by year and lead department",
        "indicator": "{name}: projection 2023–2028",
        "targets": "Probability of reaching the 2028 targets",
        "wan": "10,000 yuan",
        "yi": "100 million yuan",
        "outlay_axis": "Outlay ({unit})",
        "median": "Median",
        "mean": "Mean",
        "band50": "50% range (P25–P75)",
        "band90": "90% range (P5–P95)",
        "start": "2023 start (assumed)",
        "observed": "Observed",
        "target": "2028 target (the plan): > {value}",
        "target_side": "Target\n{value}",
        "probability_box": "Chance of reaching the 2028 target: {p} ({flag})",
        "all_targets": "All {n} targets together",
        "target_tick": "{name}\ntarget > {quantity}",
        "probability_axis": "Probability (share of draws above the 2028 target)",
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "flag_on": "On track (≥{hi})",
        "flag_risk": "At risk ({lo}–{hi})",
        "flag_off": "Off track (<{lo})",
        "other": "Other",
        "draws": "{draws} draws",
        "sub_total": "{scenario} · 2024–2028 total: median {median}, "
                     "90% range {p05}–{p95} ({unit}) · {draws}",
        "sub_section": "{scenario} · mean per year by section, totals on top · {draws}",
        "sub_department": "{scenario} · mean per year by first-named department (an "
                          "assumption), totals on top · {draws}",
        "sub_indicator": "{scenario} · the 2023 start is assumed; the target is the plan's "
                         "· {draws}",
        "sub_targets": "{scenario} · colours by the scenario's flag thresholds · {draws}",
        "sep": " ",
    },
}

_CHINESE_NUMERALS = "零一二三四五六七八九十"
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\uf900-\ufaff]+")


# ---------------------------------------------------------------------------------- fonts
def _font_config() -> tuple[list[str], list[str]]:
    """Preferred CJK family names and candidate font files, from data/fonts.txt."""
    text = resources.files("simulator.present").joinpath("fonts.txt").read_text(encoding="utf-8")
    families, files = [], []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            (files if ("/" in line or "\\" in line) else families).append(line)
    return families, files


def _fc_list_files() -> list[str]:
    """Font files fontconfig says cover Chinese (empty when fc-list is missing or fails)."""
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.strip().rstrip(":").strip() for line in out.splitlines() if line.strip()})


def _covers_chinese(family: str) -> bool:
    """Whether matplotlib has a font of this family that holds Chinese glyphs."""
    for entry in font_manager.fontManager.ttflist:
        if entry.name != family:
            continue
        try:
            try:
                font = ft2font.FT2Font(entry.fname, face_index=getattr(entry, "index", 0))
            except TypeError:  # matplotlib < 3.10 reads the first face of a collection
                font = ft2font.FT2Font(entry.fname)
            if all(font.get_char_index(ord(ch)) for ch in "预算年"):
                return True
        except (OSError, RuntimeError, ValueError):
            continue
    return False


def _pick_family(preferred: list[str]) -> str | None:
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in preferred:
        if family in known and _covers_chinese(family):
            return family
    return None


@lru_cache(maxsize=1)
def cjk_font_family() -> str | None:
    """The CJK font family the charts use, or None. Registers font files with matplotlib's
    font manager when its cache does not know them yet (fonts installed after the cache)."""
    preferred, files = _font_config()
    family = _pick_family(preferred)
    if family is not None:
        return family
    known_files = {entry.fname for entry in font_manager.fontManager.ttflist}
    added: list[str] = []
    for path in list(dict.fromkeys(files + _fc_list_files())):
        if path in known_files or not Path(path).is_file():
            continue
        before = len(font_manager.fontManager.ttflist)
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
        added += [e.name for e in font_manager.fontManager.ttflist[before:]]
    family = _pick_family(preferred)
    if family is None:  # any newly registered font that covers Chinese
        family = next((name for name in dict.fromkeys(added) if _covers_chinese(name)), None)
    return family


def chinese_font_available() -> bool:
    """Whether a CJK font is installed and registered with matplotlib."""
    return cjk_font_family() is not None


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unknown chart language {language!r}; use one of {LANGUAGES}")
    return language


def effective_language(language: str) -> str:
    """The language a chart is drawn in: 'zh' only when a CJK font is available, else 'en'
    (Chinese without a font would show as empty boxes)."""
    _check_language(language)
    return "zh" if language == "zh" and chinese_font_available() else "en"


class _Look:
    """Fonts, words and number formats of one (effective) language."""

    def __init__(self, language: str):
        self.language = language
        cjk = cjk_font_family()
        if language == "zh":
            self.families = [cjk or "sans-serif", "sans-serif"]
        else:  # English text keeps the default font; Chinese in names falls back to CJK
            self.families = ["sans-serif"] + ([cjk] if cjk else [])
        self.minus = "-" if language == "zh" else "\u2212"
        self.words = TEXT[language]

    def font(self, size: float, weight: str = "normal") -> FontProperties:
        return FontProperties(family=self.families, size=size, weight=weight)

    def t(self, key: str, **values: Any) -> str:
        return self.words[key].format(**values)

    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        return text.replace("-", self.minus) if text.startswith("-") else text

    def quantity(self, value: str, unit: str) -> str:
        """'22,000家', '800亿元'; '22,000 enterprises', '800 (100 million yuan)'."""
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

    def scenario(self, results) -> str:
        name = str(getattr(results.scenario, "name", "") or "")
        if self.language == "en":
            latin = " ".join(_CJK.sub(" ", name).split())
            if latin:
                name = latin
            elif not chinese_font_available():
                name = "scenario"
        return name if len(name) <= 40 else name[:39] + "…"

    def draws(self, results) -> str:
        return self.t("draws", draws=self.number(results.draws))

    def rc(self):
        """rcParams for the build and for saving: CJK first for Chinese, ASCII minus."""
        if self.language != "zh":
            return rc_context({"svg.hashsalt": "qdplan"})
        sans = [self.families[0]] + list(rcParams["font.sans-serif"])
        return rc_context({"font.sans-serif": sans, "axes.unicode_minus": False,
                           "svg.hashsalt": "qdplan"})


class _NumberFormatter(Formatter):
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

    def format_ticks(self, values):
        values = [float(v) for v in values]
        self.decimals = 0
        for decimals in range(4):
            self.decimals = decimals
            if all(abs(round(v, decimals) - v) <= 1e-9 * max(1.0, abs(v)) for v in values):
                break
        return [self._text(v) for v in values]

    def __call__(self, value, pos=None):
        return self._text(value)


def _nice_top(value: float) -> float:
    """An upper axis limit at a round number at or above value (steps of 1, 1.2, 1.5, 2, …)."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10.0 * power


def _money_scale(max_wan: float) -> tuple[float, str]:
    """(万元 per displayed unit, unit key): 亿元 once values reach 10,000 万元."""
    return (WAN_PER_YI, "yi") if max_wan >= WAN_PER_YI else (1.0, "wan")


def _money_decimals(value: float, scale: float) -> int:
    return 1 if scale == WAN_PER_YI and abs(value) < 100 else 0


def _band_vertices(x: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return np.column_stack([np.concatenate([x, x[::-1]]), np.concatenate([low, high[::-1]])])


def _band_bounds(band: PolyCollection, n: int) -> tuple[np.ndarray, np.ndarray]:
    vertices = band.get_paths()[0].vertices
    return vertices[:n, 1].copy(), vertices[n:2 * n, 1][::-1].copy()


def _style_axes(ax, look: _Look) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("#888888")
    ax.grid(axis="y", color=GRID_COLOUR, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=9, labelfontfamily=look.families, colors="#333333")


def _set_value_axis(ax, look: _Look) -> None:
    """A y axis from 0 with round steps (1, 2, 5) and thousands separators."""
    ax.yaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_formatter(_NumberFormatter(look.minus))


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, break_long_words=False)


# ---------------------------------------------------------------------------------- charts
class Chart:
    """One chart kind drawn into a Figure it does not own.

    ``draw`` builds every artist (clearing the figure); ``update`` moves them to new results
    and falls back to ``draw`` when the series set differs; the caller redraws the canvas.
    """

    kind: str

    def __init__(self, kind: str, figure: Figure, language: str = "zh"):
        self.kind = kind
        self.figure = figure
        self.language = _check_language(language)
        self.axes = None
        self._results = None
        self._signature: Any = None
        self._look: _Look | None = None

    # -- public API
    @property
    def shown_language(self) -> str:
        """The language the chart is drawn in ('en' when Chinese was asked but no CJK font)."""
        return effective_language(self.language)

    def draw(self, results) -> None:
        """Build all artists for these results (first time, or after a language change)."""
        self._look = _Look(self.shown_language)
        self._results = results
        figure = self.figure
        figure.clear()
        figure.set_layout_engine("constrained", w_pad=0.06, h_pad=0.06)
        with self._look.rc():
            self.axes = figure.add_subplot()
            _style_axes(self.axes, self._look)
            self._build(results, self.axes, self._look)
            self._signature = self._signature_of(results)
            self._move(results, self._look)

    def update(self, results) -> None:
        """Move the existing artists to new results; draw() when the series set changed."""
        if (self._results is None or self._look is None
                or self._look.language != self.shown_language
                or self._signature_of(results) != self._signature):
            self.draw(results)
            return
        self._results = results
        self._move(results, self._look)

    def set_language(self, language: str) -> None:
        """'zh' or 'en'; redraws all text (the whole chart) when results are known."""
        self.language = _check_language(language)
        if self._results is not None:
            self.draw(self._results)

    def title(self) -> str:
        """The chart's title in the language it is shown in."""
        return self._title(self.shown_language)

    def data(self) -> dict[str, Any]:
        """What is plotted, read back from the artists, in the displayed units."""
        raise NotImplementedError

    def savefig(self, path: Path | str, format: str | None = None, dpi: float = EXPORT_DPI) -> None:
        """Save the figure (with this chart's fonts and reproducible metadata); OSError
        subclasses name the path."""
        save_figure(self.figure, self._look or _Look(self.shown_language), path, format, dpi)


    # -- for subclasses
    def _title(self, language: str) -> str:
        return TEXT[language][self.kind]

    def _signature_of(self, results) -> Any:
        return tuple(results.years)

    def _build(self, results, ax, look: _Look) -> None:
        raise NotImplementedError

    def _move(self, results, look: _Look) -> None:
        raise NotImplementedError

    def _set_titles(self, look: _Look) -> None:
        # Title and subtitle span the whole figure, above the axes and any legend on the
        # right. The title's empty second line makes constrained layout reserve room for
        # the subtitle, which hangs from it (and stays out of the layout itself).
        self._title_text = self.figure.suptitle(
            self._title(look.language) + "\n", x=0.012, ha="left", va="top", linespacing=1.05,
            fontproperties=look.font(12.5, "bold"), color="#111111")
        self._subtitle = Annotation("", xy=(0, 0), xycoords=self._title_text, xytext=(0, 2),
                                    textcoords="offset points", ha="left", va="bottom",
                                    fontproperties=look.font(8.8), color=MUTED_TEXT)
        self._subtitle.set_in_layout(False)
        self.figure.add_artist(self._subtitle)

    def _set_year_axis(self, ax, years: Iterable[int]) -> None:
        years = list(years)
        ax.xaxis.set_major_locator(FixedLocator(years))
        ax.xaxis.set_major_formatter(_YearFormatter())
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)


class _YearFormatter(Formatter):
    def __call__(self, value, pos=None):
        return f"{int(round(value))}"


class TotalFanChart(Chart):
    """Total outlay per year: median, mean and the 50% and 90% ranges over the draws."""

    def _build(self, results, ax, look):
        n = len(results.years)
        self._x = np.asarray(results.years, dtype=float)
        zeros = np.zeros(n)
        self._band90 = PolyCollection([_band_vertices(self._x, zeros, zeros)],
                                      facecolors=FAN_COLOUR, alpha=0.16, linewidths=0)
        self._band50 = PolyCollection([_band_vertices(self._x, zeros, zeros)],
                                      facecolors=FAN_COLOUR, alpha=0.34, linewidths=0)
        ax.add_collection(self._band90, autolim=False)
        ax.add_collection(self._band50, autolim=False)
        (self._mean,) = ax.plot(self._x, zeros, linestyle=(0, (5, 3)), color=MEAN_COLOUR,
                                linewidth=1.4)
        (self._median,) = ax.plot(self._x, zeros, color=FAN_COLOUR, linewidth=2.2, marker="o",
                                  markersize=5.5, markeredgecolor="white", markeredgewidth=1)
        self._set_year_axis(ax, results.years)
        _set_value_axis(ax, look)
        ax.set_ylabel("", fontproperties=look.font(10))
        self._set_titles(look)
        handles = [self._median, self._mean, self._band50, self._band90]
        labels = [look.t("median"), look.t("mean"), look.t("band50"), look.t("band90")]
        self.figure.legend(handles, labels, loc="outside lower center", ncols=4, frameon=False,
                           prop=look.font(9), handlelength=2.2)

    def _move(self, results, look):
        n = len(results.years)
        stats = results.outlay("total")
        scale, unit = _money_scale(float(np.max(stats["p95"][:n])))
        self._scale, self._unit = scale, look.t(unit)
        values = {name: np.asarray(stats[name][:n], dtype=float) / scale
                  for name in ("mean", "p05", "p25", "p50", "p75", "p95")}
        self._band90.set_verts([_band_vertices(self._x, values["p05"], values["p95"])])
        self._band50.set_verts([_band_vertices(self._x, values["p25"], values["p75"])])
        self._median.set_ydata(values["p50"])
        self._mean.set_ydata(values["mean"])
        ax = self.axes
        ax.set_ylim(0, _nice_top(1.05 * max(values["p95"].max(), values["mean"].max())))
        ax.yaxis.label.set_text(look.t("outlay_axis", unit=self._unit))
        span = {name: float(stats[name][n]) / scale for name in ("p05", "p50", "p95")}
        decimals = _money_decimals(span["p95"], scale)
        self._subtitle.set_text(look.t(
            "sub_total", scenario=look.scenario(results), unit=self._unit,
            median=look.number(span["p50"], decimals), p05=look.number(span["p05"], decimals),
            p95=look.number(span["p95"], decimals), draws=look.draws(results)))

    def data(self):
        n = len(self._x)
        p05, p95 = _band_bounds(self._band90, n)
        p25, p75 = _band_bounds(self._band50, n)
        return {"years": [int(x) for x in self._x], "unit": self._unit, "scale": self._scale,
                "median": np.asarray(self._median.get_ydata(), dtype=float).copy(),
                "mean": np.asarray(self._mean.get_ydata(), dtype=float).copy(),
                "p05": p05, "p25": p25, "p75": p75, "p95": p95}


class StackChart(Chart):
    """Mean outlay per year, stacked by section or by lead department."""

    def __init__(self, kind: str, figure: Figure, language: str = "zh"):
        super().__init__(kind, figure, language)
        self.level = "section" if kind == "by_section" else "department"

    # Groups: (group key, member series keys). Departments beyond MAX_STACK_SERIES are
    # summed into one "other" group (the smallest by their 2024–2028 mean).
    def _groups(self, results) -> list[tuple[str, tuple[str, ...]]]:
        keys = results.series(self.level)
        if len(keys) <= MAX_STACK_SERIES:
            return [(key, (key,)) for key in keys]
        n = len(results.years)
        size = {key: float(self._series_mean(results, key)[:n].sum()) for key in keys}
        kept = set(sorted(keys, key=lambda k: -size[k])[: MAX_STACK_SERIES - 1])
        others = tuple(k for k in keys if k not in kept)
        return [(key, (key,)) for key in keys if key in kept] + [("__other__", others)]

    def _series_mean(self, results, key: str) -> np.ndarray:
        # Only means are plotted: from the draws when kept (cheap), else from the summary.
        if results.has_draws:
            return results.outlay_draws(self.level, key).mean(axis=1)
        return np.asarray(results.outlay(self.level, key)["mean"], dtype=float)

    def _signature_of(self, results):
        return (tuple(results.years), tuple(self._groups(results)))

    def _label(self, results, key: str, look: _Look) -> str:
        catalogue = results.catalogue
        if key == "__other__":
            return look.t("other")
        if self.level == "section":
            section = catalogue.section(key)
            if look.language == "zh":
                short = re.split("[,;\uff0c\uff1b\u3001]", section.title_zh)[0]
                return f"{section.id}{look.t('sep')}{short}"
            number = _CHINESE_NUMERALS.find(section.id)
            prefix = f"{_ROMAN[number]}. " if 0 < number < len(_ROMAN) else ""
            return _wrap(prefix + section.title_en, 30)
        if look.language == "zh":
            return key
        return _wrap(catalogue.departments.get(key, key), 30)

    def _colour(self, results, key: str) -> str:
        if key == "__other__":
            return OTHER_COLOUR
        catalogue = results.catalogue
        order = ([s.id for s in catalogue.sections] if self.level == "section"
                 else list(catalogue.departments))
        index = order.index(key) if key in order else len(order)
        return STACK_COLOURS[index % len(STACK_COLOURS)]

    def _build(self, results, ax, look):
        n = len(results.years)
        self._x = np.asarray(results.years, dtype=float)
        self._groups_drawn = self._groups(results)
        self._bars = []
        for key, _members in self._groups_drawn:
            bars = ax.bar(self._x, np.zeros(n), width=0.62, bottom=0.0,
                          color=self._colour(results, key), edgecolor="white", linewidth=0.7,
                          label=self._label(results, key, look))
            self._bars.append(bars)
        self._total_labels = [
            ax.annotate("", xy=(x, 0), xytext=(0, 3), textcoords="offset points", ha="center",
                        va="bottom", fontproperties=look.font(8.8), color="#222222")
            for x in self._x]
        self._set_year_axis(ax, results.years)
        _set_value_axis(ax, look)
        ax.set_ylabel("", fontproperties=look.font(10))
        self._set_titles(look)
        handles = [bars.patches[0] for bars in self._bars][::-1]  # top of the stack first
        labels = [self._label(results, key, look) for key, _ in self._groups_drawn][::-1]
        self.figure.legend(handles, labels, loc="outside right upper", frameon=False,
                           prop=look.font(8.8), handlelength=1.2, handleheight=1.2,
                           labelspacing=0.7)

    def _move(self, results, look):
        n = len(results.years)
        heights = []
        for _key, members in self._groups_drawn:
            total = np.zeros(n)
            for member in members:
                total = total + self._series_mean(results, member)[:n]
            heights.append(total)
        totals = np.sum(heights, axis=0) if heights else np.zeros(n)
        scale, unit = _money_scale(float(totals.max()) if n else 0.0)
        self._scale, self._unit = scale, look.t(unit)
        bottom = np.zeros(n)
        for bars, height in zip(self._bars, heights):
            shown = height / scale
            for rect, b, h in zip(bars.patches, bottom, shown):
                rect.set_y(b)
                rect.set_height(h)
            bottom = bottom + shown
        for label, x, total in zip(self._total_labels, self._x, bottom):
            label.xy = (x, total)
            label.set_text(look.number(total, _money_decimals(total, scale)))
        ax = self.axes
        ax.set_ylim(0, _nice_top(1.1 * float(bottom.max()) if n else 1.0))
        ax.yaxis.label.set_text(look.t("outlay_axis", unit=self._unit))
        sub = "sub_section" if self.level == "section" else "sub_department"
        self._subtitle.set_text(look.t(sub, scenario=look.scenario(results), unit=self._unit,
                                       draws=look.draws(results)))

    def data(self):
        series = [key for key, _ in self._groups_drawn]
        stacks = {key: np.array([r.get_height() for r in bars.patches])
                  for key, bars in zip(series, self._bars)}
        bottoms = {key: np.array([r.get_y() for r in bars.patches])
                   for key, bars in zip(series, self._bars)}
        totals = np.sum(list(stacks.values()), axis=0) if stacks else np.zeros(len(self._x))
        return {"years": [int(x) for x in self._x], "unit": self._unit, "scale": self._scale,
                "series": series, "members": {k: list(m) for k, m in self._groups_drawn},
                "labels": [bars.get_label() for bars in self._bars],
                "stacks": stacks, "bottoms": bottoms, "totals": totals}


class IndicatorChart(Chart):
    """One headline indicator, 2023 (start) to 2028, with its 2028 target."""

    def __init__(self, kind: str, figure: Figure, language: str = "zh"):
        super().__init__(kind, figure, language)
        self.indicator_id = kind.split(":", 1)[1]

    def _indicator(self, catalogue=None):
        if catalogue is None:
            catalogue = self._results.catalogue if self._results is not None else None
        if catalogue is None:
            from ..model.catalogue import load_catalogue
            catalogue = load_catalogue()
        try:
            return catalogue.indicator(self.indicator_id)
        except StopIteration:
            raise KeyError(f"chart {self.kind!r}: the catalogue has no indicator "
                           f"{self.indicator_id!r}") from None

    def _title(self, language):
        indicator = self._indicator()
        return TEXT[language]["indicator"].format(name=indicator.name(language))

    def _signature_of(self, results):
        return (tuple(results.years), self._indicator(results.catalogue).target_2028,
                bool(self._observed_points(results)[0]))

    def _observed_points(self, results) -> tuple[list[int], list[float]]:
        """Years and values of this indicator's actuals in the scenario (sorted by year)."""
        points = sorted((a["year"], a["value"]) for a in results.scenario.actuals
                        if a["kind"] == "indicator" and a["id"] == self.indicator_id)
        return [y for y, _ in points], [v for _, v in points]

    def _unit(self, indicator, look):
        return indicator.unit if look.language == "zh" else indicator.unit_en

    def _build(self, results, ax, look):
        indicator = self._indicator(results.catalogue)
        years = [results.years[0] - 1] + list(results.years)
        self._x = np.asarray(years, dtype=float)
        n = len(years)
        zeros = np.zeros(n)
        self._band90 = PolyCollection([_band_vertices(self._x, zeros, zeros)],
                                      facecolors=FAN_COLOUR, alpha=0.16, linewidths=0)
        self._band50 = PolyCollection([_band_vertices(self._x, zeros, zeros)],
                                      facecolors=FAN_COLOUR, alpha=0.34, linewidths=0)
        ax.add_collection(self._band90, autolim=False)
        ax.add_collection(self._band50, autolim=False)
        unit = self._unit(indicator, look)
        target = indicator.target_2028
        decimals = 0 if float(target).is_integer() else 1
        self._target_line = ax.axhline(target, color=TARGET_COLOUR, linestyle=(0, (6, 3)),
                                       linewidth=1.5)
        (self._median,) = ax.plot(self._x[1:], zeros[1:], color=FAN_COLOUR, linewidth=2.2,
                                  marker="o", markersize=5.5, markeredgecolor="white",
                                  markeredgewidth=1)
        (self._link,) = ax.plot(self._x[:2], zeros[:2], color=FAN_COLOUR, linewidth=1.6,
                                linestyle=(0, (2, 2)))
        (self._start,) = ax.plot(self._x[:1], zeros[:1], linestyle="none", marker="D",
                                 markersize=7, markerfacecolor="white", markeredgewidth=1.8,
                                 markeredgecolor=START_COLOUR, zorder=4)
        (self._observed,) = ax.plot([], [], linestyle="none", marker="s", markersize=7.5,
                                    markerfacecolor=START_COLOUR, markeredgecolor="white",
                                    markeredgewidth=1, zorder=5)
        self._target_text = ax.annotate(
            look.t("target_side", value=look.number(target, decimals)),
            xy=(1, target), xycoords=("axes fraction", "data"), xytext=(4, 0),
            textcoords="offset points", ha="left", va="center", color=TARGET_COLOUR,
            fontproperties=look.font(8.8, "bold"))
        self._probability_text = ax.annotate(
            "", xy=(0.015, 0.97), xycoords="axes fraction", ha="left", va="top",
            fontproperties=look.font(9.5, "bold"), color="#222222",
            bbox={"boxstyle": "round,pad=0.45", "facecolor": "white", "linewidth": 1.6,
                  "edgecolor": FLAG_COLOURS["on_track"]})
        self._set_year_axis(ax, years)
        _set_value_axis(ax, look)
        ax.set_ylabel(f"单位：{unit}" if look.language == "zh" else unit[:1].upper() + unit[1:],
                      fontproperties=look.font(10))
        self._set_titles(look)
        handles = [self._median, self._band50, self._band90, self._start, self._target_line]
        labels = [look.t("median"), look.t("band50"), look.t("band90"), look.t("start"),
                  look.t("target", value=look.number(target, decimals),
                         quantity=look.quantity(look.number(target, decimals), unit))]
        if self._observed_points(results)[0]:
            handles.insert(4, self._observed)
            labels.insert(4, look.t("observed"))
        self.figure.legend(handles, labels, loc="outside lower center", ncols=3, frameon=False,
                           prop=look.font(9), handlelength=2.2, columnspacing=1.5)

    def _move(self, results, look):
        indicator = self._indicator(results.catalogue)
        stats = results.indicator(indicator.id)
        values = {name: np.asarray(stats[name], dtype=float)
                  for name in ("p05", "p25", "p50", "p75", "p95")}
        self._band90.set_verts([_band_vertices(self._x, values["p05"], values["p95"])])
        self._band50.set_verts([_band_vertices(self._x, values["p25"], values["p75"])])
        self._median.set_ydata(values["p50"][1:])
        self._link.set_ydata(values["p50"][:2])
        self._start.set_ydata(values["p50"][:1])
        self._observed.set_data(*self._observed_points(results))
        target = indicator.target_2028
        # Keep the target at most at 80% of the height, clear of the probability box.
        self.axes.set_ylim(0, _nice_top(max(1.05 * values["p95"].max(), target / 0.8)))
        probability = results.target_probability(indicator.id)
        self._probability = probability
        flag = results.flag(probability)
        self._probability_text.set_text(look.t("probability_box", p=look.percent(probability),
                                               flag=look.t(flag)))
        self._probability_text.get_bbox_patch().set_edgecolor(FLAG_COLOURS[flag])
        self._subtitle.set_text(look.t("sub_indicator", scenario=look.scenario(results),
                                       draws=look.draws(results)))

    def data(self):
        n = len(self._x)
        p05, p95 = _band_bounds(self._band90, n)
        p25, p75 = _band_bounds(self._band50, n)
        median = np.concatenate([np.asarray(self._start.get_ydata(), dtype=float),
                                 np.asarray(self._median.get_ydata(), dtype=float)])
        return {"years": [int(x) for x in self._x], "indicator": self.indicator_id,
                "unit": self.axes.yaxis.label.get_text(), "median": median,
                "start": float(self._start.get_ydata()[0]),
                "observed": dict(zip([int(x) for x in self._observed.get_xdata()],
                                     [float(y) for y in self._observed.get_ydata()])),
                "p05": p05, "p25": p25, "p75": p75, "p95": p95,
                "target": float(self._target_line.get_ydata()[0]),
                "probability": self._probability,
                "annotation": self._probability_text.get_text()}


class TargetsChart(Chart):
    """The probability of reaching each 2028 target, and all of them together."""

    ALL = "all"

    def _signature_of(self, results):
        thresholds = results.scenario.flag_thresholds
        return (tuple(i.id for i in results.catalogue.indicators),
                thresholds["on_track"], thresholds["at_risk"])

    def _build(self, results, ax, look):
        catalogue = results.catalogue
        indicators = list(catalogue.indicators)
        self._ids = [i.id for i in indicators] + [self.ALL]
        self._y = np.array(list(range(len(indicators))) + [len(indicators) + 0.35])
        labels = []
        for indicator in indicators:
            target = indicator.target_2028
            value = look.number(target, 0 if float(target).is_integer() else 1)
            unit = indicator.unit if look.language == "zh" else indicator.unit_en
            labels.append(look.t("target_tick", name=indicator.name(look.language),
                                 quantity=look.quantity(value, unit)))
        count = len(indicators)
        n_text = (_CHINESE_NUMERALS[count] if look.language == "zh" and count <= 10
                  else str(count))
        labels.append(look.t("all_targets", n=n_text))
        self._labels = labels
        self._bars = ax.barh(self._y, np.zeros(len(self._y)), height=0.62,
                             color=FLAG_COLOURS["off_track"])
        self._value_labels = [
            ax.annotate("", xy=(0, y), xytext=(4, 0), textcoords="offset points", ha="left",
                        va="center", fontproperties=look.font(9, "bold"))
            for y in self._y]
        thresholds = results.scenario.flag_thresholds
        for level in (thresholds["at_risk"], thresholds["on_track"]):
            ax.axvline(100 * level, color="#999999", linestyle=(0, (2, 2)), linewidth=1,
                       zorder=0)
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_locator(MultipleLocator(20))
        ax.xaxis.set_major_formatter(_NumberFormatter(look.minus, suffix="%"))
        ax.set_yticks(self._y, labels)
        ax.set_ylim(self._y[-1] + 0.6, -0.6)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        ax.tick_params(axis="y", length=0, labelsize=9)
        ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.set_xlabel(look.t("probability_axis"), fontproperties=look.font(9.5))
        self._set_titles(look)
        pct = lambda p: f"{100 * p:.0f}%"  # noqa: E731
        handles = [Patch(color=FLAG_COLOURS[f]) for f in ("on_track", "at_risk", "off_track")]
        legend_labels = [look.t("flag_on", hi=pct(thresholds["on_track"])),
                         look.t("flag_risk", lo=pct(thresholds["at_risk"]),
                                hi=pct(thresholds["on_track"])),
                         look.t("flag_off", lo=pct(thresholds["at_risk"]))]
        self.figure.legend(handles, legend_labels, loc="outside lower center", ncols=3,
                           frameon=False, prop=look.font(9), handlelength=1.2)

    def _move(self, results, look):
        probabilities = [results.target_probability(i) for i in self._ids[:-1]]
        probabilities.append(results.all_targets_probability())
        self._probabilities = probabilities
        self._flags = [results.flag(p) for p in probabilities]
        for rect, text, p, flag in zip(self._bars.patches, self._value_labels, probabilities,
                                       self._flags):
            width = 100.0 * p
            rect.set_width(width)
            rect.set_color(FLAG_COLOURS[flag])
            inside = width >= 88
            text.xy = (width, text.xy[1])
            text.set_text(look.percent(p))
            text.set_ha("right" if inside else "left")
            text.set_position((-5, 0) if inside else (4, 0))
            text.set_color("white" if inside else "#222222")
        self._subtitle.set_text(look.t("sub_targets", scenario=look.scenario(results),
                                       draws=look.draws(results)))

    def data(self):
        widths = np.array([rect.get_width() for rect in self._bars.patches])
        return {"ids": list(self._ids), "labels": list(self._labels),
                "percent": widths, "probabilities": widths / 100.0,
                "flags": list(self._flags),
                "colours": [rect.get_facecolor() for rect in self._bars.patches],
                "value_labels": [t.get_text() for t in self._value_labels]}


# ---------------------------------------------------------------------------------- API
_STATIC_KINDS = ("total_fan", "by_section", "by_department")


def chart_kinds(catalogue=None) -> list[str]:
    """Every chart kind for a catalogue (the shipped one when None), in display order."""
    if catalogue is None:
        from ..model.catalogue import load_catalogue
        catalogue = load_catalogue()
    return (list(_STATIC_KINDS) + [f"indicator:{i.id}" for i in catalogue.indicators]
            + ["targets"])


#: The UI codes against this name: ``CHART_KINDS(catalogue)`` is ``chart_kinds(catalogue)``.
CHART_KINDS = chart_kinds


def make_chart(kind: str, figure: Figure, language: str = "zh") -> Chart:
    """A chart of this kind drawing into figure; call draw(results) to show it."""
    if kind == "total_fan":
        return TotalFanChart(kind, figure, language)
    if kind in ("by_section", "by_department"):
        return StackChart(kind, figure, language)
    if kind == "targets":
        return TargetsChart(kind, figure, language)
    if kind.startswith("indicator:") and len(kind) > len("indicator:"):
        return IndicatorChart(kind, figure, language)
    raise ValueError(f"unknown chart kind {kind!r}; use one of {', '.join(_STATIC_KINDS)}, "
                     f"'indicator:<indicator id>' or 'targets'")


def chart_file_stem(kind: str) -> str:
    """A chart kind's file name without suffix ('indicator:platforms' -> 'indicator_platforms')."""
    return kind.replace(":", "_")


def _os_error(exc: OSError, message: str) -> OSError:
    """The same kind of OSError, with a message that says what could not be done and where."""
    reason = exc.strerror or str(exc)
    cls = type(exc) if isinstance(exc, OSError) else OSError
    try:
        return cls(exc.errno or errno.EIO, f"{message}: {reason}")
    except TypeError:
        return OSError(exc.errno or errno.EIO, f"{message}: {reason}")


def prepare_directory(directory) -> Path:
    """Create a chart directory (its parent must exist); OSError subclasses name the path."""
    directory = Path(directory)
    try:
        directory.mkdir(exist_ok=True)
    except FileExistsError as exc:
        raise NotADirectoryError(errno.ENOTDIR, f"cannot write charts to {directory}: "
                                 "it exists and is not a directory") from exc
    except OSError as exc:
        raise _os_error(exc, f"cannot create the chart directory {directory}") from exc
    if not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR,
                                 f"cannot write charts to {directory}: not a directory")
    return directory


def save_figure(figure: Figure, look: "_Look", path: Path | str, fmt: str | None = None,
                dpi: float = EXPORT_DPI) -> None:
    """Save a figure with its language's fonts and reproducible metadata."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt)
    try:
        with look.rc():
            figure.savefig(path, format=fmt, dpi=dpi, metadata=metadata)
    except OSError as exc:
        raise _os_error(exc, f"cannot write the chart file {path}") from exc


def write_figures(figures: dict[str, tuple[Figure, "_Look"]], directory,
                  formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write ready-made figures ({file stem: (figure, look)}) in every format."""
    directory = prepare_directory(directory)
    written = []
    for stem, (figure, look) in figures.items():
        for fmt in formats:
            path = directory / f"{stem}.{fmt}"
            save_figure(figure, look, path, fmt)
            written.append(path)
    return written


def write_charts(results, directory, language: str = "zh",
                 formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write every chart kind in every format into directory (created if its parent exists).

    Files are named after the kind (total_fan.png, by_section.svg, indicator_platforms.pdf).
    Raises ValueError for an unknown format and an OSError subclass (naming the path) when the
    directory cannot be made or a file cannot be written.
    """
    _check_language(language)
    formats = tuple(str(f).lower().lstrip(".") for f in formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown chart format(s) {unknown}; use {FORMATS}")
    directory = prepare_directory(directory)
    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
    written: list[Path] = []
    for kind in chart_kinds(results.catalogue):
        chart = make_chart(kind, figure, language)
        chart.draw(results)
        for fmt in formats:
            path = directory / f"{chart_file_stem(kind)}.{fmt}"
            chart.savefig(path, fmt)
            written.append(path)
            # The layout is done (it is in inches, the same for every format): keep it and
            # skip the extra layout pass that each further save would make.
            figure.set_layout_engine("none")
    return written
