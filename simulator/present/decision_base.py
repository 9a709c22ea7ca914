"""The base of the charts of the decision analyses (``simulator.analysis``): their words, a
static ``DecisionChart`` and the helpers for their labels and rows of bars."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes

from ..analysis import ALL_TARGETS, OUTLAY
from ..model import Catalogue
from .chart_base import Chart, R
from .style import Look, wrap

__all__ = [
    "TEXT",
    "TOP_FACTORS",
    "DecisionChart",
    "fit_rows",
    "output_name",
    "shorten",
    "tick_label",
]

#: Bars of the tornado and the drivers chart (the rest are in the tables).
TOP_FACTORS = 10

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
        "closest": "最接近目标的方案（未达到）",
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
        "closest": "Closest point (goal not reached)",
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


def output_name(catalogue: Catalogue, output: str, language: str) -> str:
    words = TEXT[language]
    if output == OUTLAY:
        return words["out_outlay"]
    if output == ALL_TARGETS:
        return words["out_all"]
    return words["out_target"].format(name=catalogue.indicator(output).name(language))


def shorten(text: str, language: str, width: int) -> str:
    """One line of at most about ``width`` characters (Chinese characters count double in
    width, so they get half as many), cut with '…' when longer."""
    limit = width // 2 if language == "zh" else width
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,(（") + "…"


def tick_label(text: str, language: str, width: int, lines: int = 2) -> str:
    """A tick label of at most ``lines`` lines of about ``width`` characters."""
    if language == "zh":
        limit = width // 2
        parts = [text[i : i + limit] for i in range(0, len(text), limit)]
    else:
        parts = wrap(text, width).split("\n")
    if len(parts) > lines:
        parts = parts[: lines - 1] + [
            shorten(
                "".join(parts[lines - 1 :]) if language == "zh" else " ".join(parts[lines - 1 :]),
                language,
                width,
            )
        ]
    return "\n".join(parts)


def fit_rows(ax: Axes, count: int, least: int = 6) -> None:
    """Room for ``count`` bars, but never less than for ``least`` (a few bars stay slim and
    are centred)."""
    pad = max(0, least - count) / 2
    ax.set_ylim(-0.6 - pad, max(count, 1) - 0.4 + pad)


class DecisionChart(Chart[R]):
    """A static chart of one analysis result: ``draw`` builds it, ``update`` redraws it."""

    TEXT = TEXT

    def _title(self, language: str) -> str:
        return self.TEXT[language][self.kind.split(":", 1)[0]]

    def _signature_of(self, result: R) -> Any:
        return id(result)

    def _move(self, result: R, look: Look) -> None:
        pass
