"""Charts of the decision analyses (``simulator.decision``), drawn into a matplotlib Figure the
caller owns, with the fonts, colours and number formats of ``simulator.charts``.

    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
    chart = make_decision_chart("tornado:all", figure, language="zh")
    chart.draw(sensitivity_result)     # or .draw(value_for_money_result), .draw(optimisation)

Kinds and what ``draw`` takes:

* ``tornado:<output>`` and ``drivers:<output>``: a ``Sensitivity`` (output: 'outlay', an
  indicator id or 'all');
* ``value_for_money``: a ``ValueForMoney``;
* ``frontier``: an ``Optimisation``;
* ``exceedance``: a ``Results`` (or a list of (label, Results) to compare) of a scenario with
  an appropriation.

Each chart's ``data()`` returns what is plotted, read back from the artists (for tests).
Nothing here touches pyplot or Qt.
"""
from __future__ import annotations

import errno
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator

from .charts import (
    CHART_DPI, CHART_SIZE, FAN_COLOUR, FLAG_COLOURS, FORMATS, GRID_COLOUR, MEAN_COLOUR,
    MUTED_TEXT, TARGET_COLOUR, WAN_PER_YI, Chart, _check_language, _Look, _money_scale,
    _nice_top, _NumberFormatter, _os_error, _style_axes, _wrap, chart_file_stem,
)
from ..analysis import ALL_TARGETS, OUTLAY, outputs

__all__ = ["decision_chart_kinds", "make_decision_chart", "write_decision_charts"]

#: Bars of the tornado and the drivers chart (the rest are in the tables).
TOP_FACTORS = 10
#: Drivers explaining less of the variance than this are not drawn (unless fewer than 3 are).
MIN_SHARE = 0.005
#: Measures shown in the value-for-money chart.
TOP_MEASURES = 12
LOW_COLOUR = "#0072B2"  # Okabe & Ito blue: the assumption at its low value
HIGH_COLOUR = "#E69F00"  # Okabe & Ito orange: at its high value
SHARE_COLOUR = "#999999"
BASELINE_COLOUR = "#CC79A7"  # Okabe & Ito reddish purple: the scenario as it is
COMPARE_COLOURS = (FAN_COLOUR, "#009E73")

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "tornado": "龙卷风图：{output}",
        "drivers": "不确定性来源：{output}",
        "value_for_money": "性价比：每多投入1,000万元，目标达成概率的变化",
        "frontier": "预算与目标达成概率的前沿",
        "exceedance": "年度预算支出与预算安排",
        "out_outlay": "预算支出合计（2024–2028年期望值）",
        "out_target": "{name}目标达成概率",
        "out_all": "五项目标全部达成概率",
        "axis_outlay": "2024–2028年预算支出合计期望值（{unit}）",
        "axis_probability": "{output}（%）",
        "low": "假设取低值",
        "high": "假设取高值",
        "central": "中心值 {value}",
        "sub_tornado": "{scenario} · 一次只改变一项假设，其余取中心值 · 区间：自身不确定性的P10–P90"
                       "（未说明者±20%） · {draws}",
        "sub_tornado_relative": "{scenario} · 一次只改变一项假设，其余取中心值 · 区间：各项±{swing} · "
                                "{draws}",
        "axis_share": "占预算支出合计方差的份额（%）",
        "axis_first_order": "一阶Sobol指数：可由该项单独解释的方差份额（%）",
        "sub_drivers": "{scenario} · 由模拟结果估计 · 标注为秩相关系数ρ · 交互与联合效应{rest} · {draws}",
        "sub_drivers_outlay": "{scenario} · 各条目支出与合计的协方差占合计方差的份额（全部条目合计100%） · "
                              "ρ为秩相关系数 · {draws}",
        "axis_vfm": "{output}的变化（百分点/1,000万元）",
        "axis_vfm_share": "占支出方差份额（%）",
        "sub_vfm": "{scenario} · 每项措施的全部资金条目申报量±{step} · 前{n}项（共{total}项有资金规定） · "
                   "{draws}",
        "frontier_line": "前沿（自由条目申报量的最优组合）",
        "baseline": "当前情景",
        "best": "目标方案",
        "goal": "概率目标 {p}",
        "sub_frontier": "{scenario} · {n}条可调整条目 · {envelope} · 数字为前沿点编号 · {draws}",
        "envelope": "各年超出预算安排的概率≤{tol}",
        "no_envelope": "未设预算安排",
        "envelope_infeasible": "预算安排无法满足",
        "appropriation": "预算安排",
        "median": "中位数",
        "band50": "50%区间",
        "band90": "90%区间",
        "exceed": "超出\n{p}",
        "sub_exceedance": "{scenario} · 上方为当年支出超出预算安排的概率 · {draws}",
        "axis_year_outlay": "年度预算支出（{unit}）",
        "wan": "万元",
        "yi": "亿元",
        "draws": "{draws}次模拟",
    },
    "en": {
        "tornado": "Tornado: {output}",
        "drivers": "Sources of uncertainty: {output}",
        "value_for_money": "Value for money: change in probability per extra 10 million yuan",
        "frontier": "Frontier: expected cost against probability",
        "exceedance": "Yearly outlay against the appropriation",
        "out_outlay": "expected total outlay 2024–2028",
        "out_target": "P(reaching the {name} target)",
        "out_all": "P(all five targets)",
        "axis_outlay": "Expected total outlay 2024–2028 ({unit})",
        "axis_probability": "{output} (%)",
        "low": "Assumption at its low value",
        "high": "Assumption at its high value",
        "central": "Central value {value}",
        "sub_tornado": "{scenario} · one assumption at a time, others central · ranges: P10–P90 "
                       "of the stated uncertainty (else ±20%) · {draws}",
        "sub_tornado_relative": "{scenario} · one assumption at a time, others central · "
                                "ranges ±{swing} · {draws}",
        "axis_share": "Share of the variance of the total outlay (%)",
        "axis_first_order": "First-order Sobol index: share of variance explained alone (%)",
        "sub_drivers": "{scenario} · estimated from the draws · labels: rank correlation ρ · "
                       "interactions and joint effects {rest} · {draws}",
        "sub_drivers_outlay": "{scenario} · each line's covariance with the total over the "
                              "total's variance (all lines add up to 100%) · ρ: rank "
                              "correlation · {draws}",
        "axis_vfm": "Change in {output}, points per 10 million yuan",
        "axis_vfm_share": "Share of outlay variance (%)",
        "sub_vfm": "{scenario} · each measure's uptake ±{step} (all its lines) · top {n} of "
                   "{total} measures with money · {draws}",
        "frontier_line": "Frontier (best uptake levels)",
        "baseline": "Scenario as it is",
        "best": "Goal point",
        "goal": "Probability goal {p}",
        "sub_frontier": "{scenario} · {n} adjustable lines · {envelope} · numbers: frontier "
                        "points · {draws}",
        "envelope": "P(yearly outlay > appropriation) ≤ {tol}",
        "no_envelope": "no appropriation set",
        "envelope_infeasible": "appropriation cannot be met",
        "appropriation": "Appropriation",
        "median": "Median",
        "band50": "50% range",
        "band90": "90% range",
        "exceed": "over\n{p}",
        "sub_exceedance": "{scenario} · above each year: the probability that its outlay "
                          "exceeds the appropriation · {draws}",
        "axis_year_outlay": "Outlay per year ({unit})",
        "wan": "10,000 yuan",
        "yi": "100 million yuan",
        "draws": "{draws} draws",
    },
}


def _t(look: _Look, key: str, **values: Any) -> str:
    return TEXT[look.language][key].format(**values)


def _output_name(catalogue, output: str, language: str) -> str:
    words = TEXT[language]
    if output == OUTLAY:
        return words["out_outlay"]
    if output == ALL_TARGETS:
        return words["out_all"]
    return words["out_target"].format(name=catalogue.indicator(output).name(language))


def _percent_text(look: _Look, value: float) -> str:
    return look.percent(value)


def _shorten(text: str, language: str, width: int) -> str:
    """One line of at most about ``width`` characters (Chinese characters count double in
    width, so they get half as many), cut with '…' when longer."""
    limit = width // 2 if language == "zh" else width
    return text if len(text) <= limit else text[:limit - 1].rstrip(" ,(（") + "…"


def _label(text: str, language: str, width: int, lines: int = 2) -> str:
    """A tick label of at most ``lines`` lines of about ``width`` characters."""
    if language == "zh":
        limit = width // 2
        parts = [text[i:i + limit] for i in range(0, len(text), limit)]
    else:
        parts = _wrap(text, width).split("\n")
    if len(parts) > lines:
        parts = parts[:lines - 1] + [_shorten("".join(parts[lines - 1:]) if language == "zh"
                                               else " ".join(parts[lines - 1:]),
                                               language, width)]
    return "\n".join(parts)


def _rows(ax, count: int, least: int = 6) -> None:
    """Room for ``count`` bars, but never less than for ``least`` (a few bars stay slim and
    are centred)."""
    pad = max(0, least - count) / 2
    ax.set_ylim(-0.6 - pad, max(count, 1) - 0.4 + pad)


class _DecisionChart(Chart):
    """A static chart of one analysis result: ``draw`` builds it, ``update`` redraws it."""

    def _title(self, language: str) -> str:
        return TEXT[language][self.kind.split(":", 1)[0]]

    def _signature_of(self, result) -> Any:
        return id(result)

    def _move(self, result, look) -> None:
        pass

    def _draws(self, look: _Look, result) -> str:
        return _t(look, "draws", draws=look.number(result.draws))

    def _scenario(self, look: _Look, result) -> str:
        return look.scenario(result)


# ---------------------------------------------------------------------------------- tornado
class TornadoChart(_DecisionChart):
    """Bars from the central value to the output with each assumption at its low (blue) and
    high (orange) value; the widest swing on top."""

    def __init__(self, kind: str, figure: Figure, language: str = "zh", top: int = TOP_FACTORS):
        super().__init__(kind, figure, language)
        self.output = kind.split(":", 1)[1]
        self.top = top

    def _title(self, language):
        catalogue = self._results.catalogue if self._results is not None else None
        name = _output_name(catalogue, self.output, language) if catalogue is not None \
            else self.output
        return TEXT[language]["tornado"].format(output=name)

    def _build(self, result, ax, look):
        catalogue = result.catalogue
        output = self.output
        swings = result.tornado(output, self.top)[::-1]  # widest at the top
        central = result.central.value(output)
        if output == OUTLAY:
            scale, unit = _money_scale(max([central] + [max(s.low.value(output),
                                                            s.high.value(output))
                                                        for s in swings]))
            decimals = 2 if scale == WAN_PER_YI else 0
            axis = _t(look, "axis_outlay", unit=_t(look, unit))
            fmt = lambda v: look.number(v, decimals)  # noqa: E731
        else:
            scale, decimals = 0.01, 1
            axis = _t(look, "axis_probability",
                      output=_output_name(catalogue, output, look.language))
            fmt = lambda v: f"{v:.1f}%"  # noqa: E731
        y = np.arange(len(swings), dtype=float)
        low = np.array([s.low.value(output) for s in swings]) / scale
        high = np.array([s.high.value(output) for s in swings]) / scale
        c = central / scale
        self._low_bars = ax.barh(y, low - c, left=c, height=0.62, color=LOW_COLOUR,
                                 label=_t(look, "low"))
        self._high_bars = ax.barh(y, high - c, left=c, height=0.62, color=HIGH_COLOUR,
                                  label=_t(look, "high"))
        self._central_line = ax.axvline(c, color=MEAN_COLOUR, linewidth=1.2, zorder=3)
        labels = [_shorten(s.factor.name(catalogue, look.language), look.language, 50)
                  + "\n" + s.factor.what(look.language) + " "
                  + s.factor.range_text(catalogue, look.language) for s in swings]
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=7.6)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        values = np.concatenate([low, high, [c]]) if len(swings) else np.array([c])
        span = float(values.max() - values.min()) or max(abs(c), 1.0) * 0.1
        ax.set_xlim(values.min() - 0.16 * span, values.max() + 0.16 * span)
        _rows(ax, len(swings))
        self._value_texts = []
        for yi, lo, hi in zip(y, low, high):
            for value in (lo, hi):
                right = value >= c
                self._value_texts.append(ax.annotate(
                    fmt(value), xy=(value, yi), xytext=(3 if right else -3, 0),
                    textcoords="offset points", ha="left" if right else "right", va="center",
                    fontproperties=look.font(7.4), color="#333333"))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(_NumberFormatter(look.minus))
        ax.set_xlabel(axis, fontproperties=look.font(9))
        self._set_titles(look)
        subtitle = "sub_tornado"
        swing = next((s.factor for s in result.swings if s.factor.basis == "relative"
                      and s.factor.kind == "uptake"), None)
        if swing is not None:
            subtitle = "sub_tornado_relative"
        self._subtitle.set_text(_t(look, subtitle, scenario=self._scenario(look, result),
                                   draws=self._draws(look, result),
                                   swing=f"{(1 - swing.low):.0%}" if swing else ""))
        handles = [Patch(color=LOW_COLOUR), Patch(color=HIGH_COLOUR), self._central_line]
        legend = [_t(look, "low"), _t(look, "high"), _t(look, "central", value=fmt(c))]
        self.figure.legend(handles, legend, loc="outside lower center", ncols=3,
                           frameon=False, prop=look.font(8.8), handlelength=1.6)
        self._data = {"output": output, "central": c, "scale": scale,
                      "factors": [s.factor.id for s in swings][::-1],
                      "low": low[::-1], "high": high[::-1], "labels": labels[::-1]}

    def data(self):
        return dict(self._data)


# ---------------------------------------------------------------------------------- drivers
class DriversChart(_DecisionChart):
    """The largest first-order indices (total outlay: variance shares) over the draws."""

    def __init__(self, kind: str, figure: Figure, language: str = "zh", top: int = TOP_FACTORS):
        super().__init__(kind, figure, language)
        self.output = kind.split(":", 1)[1]
        self.top = top

    def _title(self, language):
        catalogue = self._results.catalogue if self._results is not None else None
        name = _output_name(catalogue, self.output, language) if catalogue is not None \
            else self.output
        return TEXT[language]["drivers"].format(output=name)

    def _build(self, result, ax, look):
        catalogue = result.catalogue
        outlay = self.output == OUTLAY
        drivers = result.top_drivers(self.output, self.top)
        # Quantities explaining under half a percent are left out (the tables list them).
        shown = [d for d in drivers if (d.variance_share if outlay and d.variance_share
                                        is not None else d.first_order) >= MIN_SHARE]
        drivers = (shown if len(shown) >= 3 else drivers[:3])[::-1]
        values = np.array([(d.variance_share if outlay and d.variance_share is not None
                            else d.first_order) for d in drivers]) * 100.0
        y = np.arange(len(drivers), dtype=float)
        self._bars = ax.barh(y, values, height=0.62, color=FAN_COLOUR)
        labels = [_shorten(d.name(catalogue, look.language), look.language, 50) + "\n"
                  + d.what(look.language) for d in drivers]
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=7.6)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        top = _nice_top(max(float(values.max()) if len(values) else 1.0, 1.0) * 1.25)
        ax.set_xlim(0, top)
        _rows(ax, len(drivers))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
        ax.xaxis.set_major_formatter(_NumberFormatter(look.minus, suffix="%"))
        self._notes = [ax.annotate(f"{v:.1f}% · ρ {look.number(d.rank_correlation, 2)}",
                                   xy=(v, yi), xytext=(3, 0), textcoords="offset points",
                                   ha="left", va="center", fontproperties=look.font(7.6),
                                   color="#333333")
                       for yi, v, d in zip(y, values, drivers)]
        ax.set_xlabel(_t(look, "axis_share" if outlay else "axis_first_order"),
                      fontproperties=look.font(9))
        self._set_titles(look)
        if outlay:
            subtitle = _t(look, "sub_drivers_outlay", scenario=self._scenario(look, result),
                          draws=self._draws(look, result))
        else:
            subtitle = _t(look, "sub_drivers", scenario=self._scenario(look, result),
                          rest=look.percent(result.interaction_share(self.output)),
                          draws=self._draws(look, result))
        self._subtitle.set_text(subtitle)
        self._data = {"output": self.output, "drivers": [d.id for d in drivers][::-1],
                      "percent": values[::-1], "labels": labels[::-1]}

    def data(self):
        return dict(self._data)


# ---------------------------------------------------------------------------------- value for money
class ValueForMoneyChart(_DecisionChart):
    """Measures ranked by the change of P(all targets) per 1,000 万元, with their share of the
    outlay's variance beside."""

    output = ALL_TARGETS

    def draw(self, result) -> None:
        self._look = _Look(self.shown_language)
        self._results = result
        figure = self.figure
        figure.clear()
        figure.set_layout_engine("constrained", w_pad=0.06, h_pad=0.06)
        with self._look.rc():
            grid = figure.add_gridspec(1, 2, width_ratios=(3.2, 1.0), wspace=0.04)
            self.axes = figure.add_subplot(grid[0, 0])
            self.share_axes = figure.add_subplot(grid[0, 1], sharey=self.axes)
            for ax in (self.axes, self.share_axes):
                _style_axes(ax, self._look)
            self._build(result, self.axes, self._look)
            self._signature = self._signature_of(result)

    def _build(self, result, ax, look):
        catalogue = result.catalogue
        ranked = result.ranked(self.output)
        shown = ranked[:TOP_MEASURES][::-1]
        y = np.arange(len(shown), dtype=float)
        values = np.array([100.0 * m.value(self.output) for m in shown])
        shares = np.array([100.0 * m.variance_share for m in shown])
        self._bars = ax.barh(y, values, height=0.62, color=FLAG_COLOURS["on_track"])
        width = 32 if look.language == "zh" else 34
        labels = []
        for m in shown:
            measure = catalogue.measure(m.measure)
            title = measure.title_zh if look.language == "zh" else measure.title_en
            labels.append(_label(f"{m.measure}. {title}", look.language, width))
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=8)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        low = min(0.0, float(values.min()) if len(values) else 0.0)
        high = max(float(values.max()) if len(values) else 0.0, 1e-6)
        ax.set_xlim(low * 1.3 if low < 0 else 0.0, _nice_top(high * 1.3))
        _rows(ax, len(shown))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(_NumberFormatter(look.minus))
        self._value_texts = [ax.annotate(look.number(v, 3), xy=(max(v, 0.0), yi),
                                         xytext=(3, 0), textcoords="offset points",
                                         ha="left", va="center", fontproperties=look.font(7.6),
                                         color="#333333")
                             for yi, v in zip(y, values)]
        ax.set_xlabel(_t(look, "axis_vfm", output=_output_name(catalogue, self.output,
                                                                  look.language)),
                      fontproperties=look.font(8.8))
        share_ax = self.share_axes
        self._share_bars = share_ax.barh(y, shares, height=0.62, color=SHARE_COLOUR)
        share_ax.tick_params(axis="y", left=False, labelleft=False)
        share_ax.grid(axis="y", visible=False)
        share_ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        share_ax.set_xlim(0, _nice_top(max(float(shares.max()) if len(shares) else 1.0, 1.0)
                                       * 1.35))
        share_ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
        share_ax.xaxis.set_major_formatter(_NumberFormatter(look.minus, suffix="%"))
        for yi, v in zip(y, shares):
            share_ax.annotate(f"{v:.1f}%", xy=(v, yi), xytext=(3, 0), textcoords="offset points",
                              ha="left", va="center", fontproperties=look.font(7.4),
                              color="#333333")
        share_ax.set_xlabel(_t(look, "axis_vfm_share"), fontproperties=look.font(8.8))
        self._set_titles(look)
        self._subtitle.set_text(_t(look, "sub_vfm", scenario=self._scenario(look, result),
                                   step=f"{result.step:.0%}", n=len(shown),
                                   total=len(ranked), draws=self._draws(look, result)))
        self._data = {"measures": [m.measure for m in shown][::-1],
                      "points_per_block": values[::-1], "variance_share_percent": shares[::-1],
                      "labels": labels[::-1]}

    def data(self):
        return dict(self._data)


# ---------------------------------------------------------------------------------- frontier
class FrontierChart(_DecisionChart):
    """Expected total outlay against the probability of the goal's target, per frontier
    point; the scenario as it is, the goal point and the probability goal marked."""

    def _build(self, result, ax, look):
        catalogue = result.catalogue
        target = result.target
        points = result.frontier
        every = [p.outlay_wan for p in points] + [result.baseline.outlay_wan]
        scale, unit = _money_scale(max(every))
        x = np.array([p.outlay_wan for p in points]) / scale
        y = np.array([100.0 * p.probability(target) for p in points])
        (self._line,) = ax.plot(x, y, color=FAN_COLOUR, linewidth=1.8, marker="o",
                                markersize=5, markeredgecolor="white", markeredgewidth=0.8,
                                drawstyle="steps-post", zorder=3)
        ax.plot(x, y, linestyle="none", marker="o", markersize=5, color=FAN_COLOUR,
                markeredgecolor="white", markeredgewidth=0.8, zorder=4)
        self._numbers = []
        bx = result.baseline.outlay_wan / scale
        by = 100.0 * result.baseline.probability(target)
        (self._baseline,) = ax.plot([bx], [by], linestyle="none", marker="D", markersize=7,
                                    color=BASELINE_COLOUR, markeredgecolor="white", zorder=5)
        handles = [self._line, self._baseline]
        labels = [_t(look, "frontier_line"), _t(look, "baseline")]
        self._best = None
        if result.best is not None:
            (self._best,) = ax.plot([result.best.outlay_wan / scale],
                                    [100.0 * result.best.probability(target)],
                                    linestyle="none", marker="o", markersize=13,
                                    markerfacecolor="none", markeredgecolor=TARGET_COLOUR,
                                    markeredgewidth=2.0, zorder=6)
            handles.append(self._best)
            labels.append(_t(look, "best"))
        if result.probability_goal is not None:
            goal_line = ax.axhline(100.0 * result.probability_goal, color=TARGET_COLOUR,
                                   linestyle=(0, (5, 3)), linewidth=1.1)
            handles.append(goal_line)
            labels.append(_t(look, "goal", p=look.percent(result.probability_goal)))
        all_x = np.concatenate([x, [bx]])
        all_y = np.concatenate([y, [by]])
        span = float(all_x.max() - all_x.min()) or 1.0
        ax.set_xlim(all_x.min() - 0.05 * span, all_x.max() + 0.05 * span)
        top = max(float(all_y.max()), 100.0 * (result.probability_goal or 0.0))
        ax.set_ylim(0, _nice_top(top * 1.12 if top > 0 else 1.0))
        # Number the points (for `qdplan optimize --point N`), skipping a number that would
        # touch the one before it.
        x_span = np.diff(ax.get_xlim())[0]
        y_span = np.diff(ax.get_ylim())[0]
        last = None
        for n, (xi, yi) in enumerate(zip(x, y)):
            here = np.array([xi / x_span, yi / y_span])
            if last is not None and np.hypot(*(here - last)) < 0.035 and n != len(x) - 1:
                continue
            last = here
            self._numbers.append(ax.annotate(
                str(n + 1), xy=(xi, yi), xytext=(-4, 5), textcoords="offset points",
                ha="right", va="bottom", fontproperties=look.font(7.2), color=MUTED_TEXT))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8))
        ax.xaxis.set_major_formatter(_NumberFormatter(look.minus))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(_NumberFormatter(look.minus, suffix="%"))
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        ax.set_xlabel(_t(look, "axis_outlay", unit=_t(look, unit)), fontproperties=look.font(9))
        ax.set_ylabel(_t(look, "axis_probability",
                         output=_output_name(catalogue, target, look.language)),
                      fontproperties=look.font(9))
        self._set_titles(look)
        if result.tolerance is None:
            envelope = _t(look, "no_envelope")
        elif not result.envelope_feasible:
            envelope = _t(look, "envelope_infeasible")
        else:
            envelope = _t(look, "envelope", tol=look.percent(result.tolerance))
        self._subtitle.set_text(_t(look, "sub_frontier", scenario=self._scenario(look, result),
                                   n=len(result.lines), envelope=envelope,
                                   draws=self._draws(look, result)))
        self.figure.legend(handles, labels, loc="outside lower center", ncols=len(handles),
                           frameon=False, prop=look.font(8.8), handlelength=1.8)
        self._data = {"outlay": x, "probability_percent": y, "scale": scale,
                      "baseline": (bx, by),
                      "best": ((result.best.outlay_wan / scale,
                                100.0 * result.best.probability(target))
                               if result.best is not None else None)}

    def data(self):
        return dict(self._data)


# ---------------------------------------------------------------------------------- exceedance
class ExceedanceChart(_DecisionChart):
    """Each year's total outlay (median, 50 % and 90 % ranges) against the appropriation, with
    the probability of exceeding it; one or two runs side by side."""

    def _series(self, data) -> list[tuple[str, Any]]:
        if isinstance(data, (list, tuple)):
            return list(data)
        return [("", data)]

    def _signature_of(self, data):
        return tuple(id(r) for _, r in self._series(data))

    def _build(self, data, ax, look):
        series = self._series(data)
        first = series[0][1]
        appropriation = first.scenario.appropriation
        if appropriation is None:
            raise ValueError("the scenario has no appropriation to compare the outlay with")
        years = list(first.years)
        n = len(years)
        x = np.arange(n, dtype=float)
        stats = [r.outlay("total") for _, r in series]
        top_value = max(max(float(s["p95"][:n].max()) for s in stats),
                        max(appropriation.values()))
        scale, unit = _money_scale(top_value)
        width = 0.7 / len(series)
        offsets = (np.arange(len(series)) - (len(series) - 1) / 2) * width
        # Probability labels sit above the highest of the year's ranges and appropriation.
        label_height = np.maximum(
            np.max([np.asarray(s["p95"][:n]) for s in stats], axis=0),
            np.array([appropriation[str(y)] for y in years])) / scale
        self._exceedance = []
        handles, labels = [], []
        for (label, results), s, offset, colour in zip(series, stats, offsets,
                                                       COMPARE_COLOURS):
            xs = x + offset
            p05, p25, p50, p75, p95 = (np.asarray(s[k][:n]) / scale
                                       for k in ("p05", "p25", "p50", "p75", "p95"))
            ax.vlines(xs, p05, p95, color=colour, linewidth=1.4, alpha=0.8)
            ax.bar(xs, p75 - p25, bottom=p25, width=width * 0.55, color=colour, alpha=0.45,
                   linewidth=0)
            ax.plot(xs, p50, linestyle="none", marker="_", markersize=14, markeredgewidth=2.2,
                    color=colour)
            exceed = results.appropriation_exceedance()
            self._exceedance.append([exceed[str(y)] for y in years])
            for xi, yi, year in zip(xs, label_height, years):
                ax.annotate(_t(look, "exceed", p=look.percent(exceed[str(year)])),
                            xy=(xi, yi), xytext=(0, 4), textcoords="offset points",
                            ha="center", va="bottom", fontproperties=look.font(7.4),
                            color="#222222", linespacing=1.0)
            if label:
                handles.append(Patch(color=colour, alpha=0.6))
                labels.append(label)
        appropriation_values = np.array([appropriation[str(y)] for y in years]) / scale
        self._appropriation = ax.hlines(appropriation_values, x - 0.45, x + 0.45,
                                        color=TARGET_COLOUR, linewidth=2.0,
                                        linestyles=(0, (4, 2)), zorder=4)
        ax.xaxis.set_major_locator(FixedLocator(x))
        ax.set_xticks(x, [str(y) for y in years])
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylim(0, _nice_top(top_value / scale * 1.22))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_formatter(_NumberFormatter(look.minus))
        ax.set_ylabel(_t(look, "axis_year_outlay", unit=_t(look, unit)),
                      fontproperties=look.font(9))
        self._set_titles(look)
        self._subtitle.set_text(_t(look, "sub_exceedance", scenario=look.scenario(first),
                                   draws=_t(look, "draws", draws=look.number(first.draws))))
        grey = "#777777"
        handles += [Line2D([], [], color=TARGET_COLOUR, linestyle=(0, (4, 2)), linewidth=2),
                    Line2D([], [], color=grey, marker="_", linestyle="none", markersize=12,
                           markeredgewidth=2),
                    Patch(color=grey, alpha=0.45), Line2D([], [], color=grey, linewidth=1.4)]
        labels += [_t(look, "appropriation"), _t(look, "median"), _t(look, "band50"),
                   _t(look, "band90")]
        self.figure.legend(handles, labels, loc="outside lower center", ncols=len(handles),
                           frameon=False, prop=look.font(8.8), handlelength=1.6)
        self._data = {"years": years, "appropriation": appropriation_values, "scale": scale,
                      "exceedance": self._exceedance}

    def data(self):
        return dict(self._data)


# ---------------------------------------------------------------------------------- API
def decision_chart_kinds(catalogue, sensitivity: bool = True, value_for_money: bool = True,
                         frontier: bool = True, exceedance: bool = False) -> list[str]:
    """The chart kinds of the analyses asked for, in display order."""
    kinds: list[str] = []
    if sensitivity:
        kinds += [f"tornado:{o}" for o in outputs(catalogue)]
        kinds += [f"drivers:{o}" for o in outputs(catalogue)]
    if value_for_money:
        kinds.append("value_for_money")
    if frontier:
        kinds.append("frontier")
    if exceedance:
        kinds.append("exceedance")
    return kinds


def make_decision_chart(kind: str, figure: Figure, language: str = "zh") -> Chart:
    """A chart of this kind drawing into ``figure``; call ``draw(result)`` to show it."""
    head, _, output = kind.partition(":")
    if head == "tornado" and output:
        return TornadoChart(kind, figure, language)
    if head == "drivers" and output:
        return DriversChart(kind, figure, language)
    if kind == "value_for_money":
        return ValueForMoneyChart(kind, figure, language)
    if kind == "frontier":
        return FrontierChart(kind, figure, language)
    if kind == "exceedance":
        return ExceedanceChart(kind, figure, language)
    raise ValueError(f"unknown decision chart kind {kind!r}; use 'tornado:<output>', "
                     "'drivers:<output>', 'value_for_money', 'frontier' or 'exceedance'")


def write_decision_charts(directory, *, sensitivity=None, value_for_money=None,
                          optimisation=None, exceedance=None, language: str = "zh",
                          formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write the charts of whichever results are given (``exceedance``: a Results or a list of
    (label, Results) of a scenario with an appropriation) into ``directory`` (created if its
    parent exists), each in every format. Raises ValueError for an unknown format and an
    OSError (naming the path) when a file cannot be written."""
    _check_language(language)
    formats = tuple(str(f).lower().lstrip(".") for f in formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown chart format(s) {unknown}; use {FORMATS}")
    directory = Path(directory)
    try:
        directory.mkdir(exist_ok=True)
    except FileExistsError as exc:
        raise NotADirectoryError(errno.ENOTDIR, f"cannot write charts to {directory}: "
                                 "it exists and is not a directory") from exc
    except OSError as exc:
        raise _os_error(exc, f"cannot create the chart directory {directory}") from exc
    jobs: list[tuple[str, Any]] = []
    if sensitivity is not None:
        jobs += [(k, sensitivity) for k in decision_chart_kinds(
            sensitivity.catalogue, value_for_money=False, frontier=False)]
    if value_for_money is not None:
        jobs.append(("value_for_money", value_for_money))
    if optimisation is not None:
        jobs.append(("frontier", optimisation))
    if exceedance is not None:
        jobs.append(("exceedance", exceedance))
    written: list[Path] = []
    for kind, result in jobs:
        figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
        chart = make_decision_chart(kind, figure, language)
        chart.draw(result)
        for fmt in formats:
            path = directory / f"{chart_file_stem(kind)}.{fmt}"
            try:
                chart.savefig(path, fmt)
            except OSError as exc:
                raise _os_error(exc, f"cannot write the chart file {path}") from exc
            written.append(path)
            figure.set_layout_engine("none")
    return written
