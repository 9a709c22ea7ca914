"""The base of the charts of the decision analyses (``simulator.analysis``): their words, a
static ``DecisionChart`` and the helpers for their labels and rows of bars."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.text import Text

from ..analysis import ALL_TARGETS, OUTLAY
from ..model import N_, Catalogue, translate, translated
from .chart_base import Chart, R
from .style import Look, wrap

__all__ = [
    "TEXT",
    "TOP_FACTORS",
    "DecisionChart",
    "empty_note",
    "fit_rows",
    "output_name",
    "shorten",
    "tick_label",
]

#: Bars of the tornado and the drivers chart (the rest are in the tables).
TOP_FACTORS = 10

TEXT: dict[str, str] = {
    "tornado": N_("Tornado: {output}"),
    "drivers": N_("Sources of uncertainty: {output}"),
    "value_for_money": N_("Value for money: change in probability per extra 1,000 10k yuan"),
    "frontier": N_("Frontier: expected cost against probability"),
    "exceedance": N_("Yearly outlay against the appropriation"),
    "out_outlay": N_("expected total outlay 2024–2028"),
    "out_target": N_("P(reaching the {name} target)"),
    "out_all": N_("P(all five targets)"),
    "axis_outlay": N_("Expected total outlay 2024–2028 ({unit})"),
    "axis_probability": N_("{output} (%)"),
    "low": N_("Assumption at its low value"),
    "high": N_("Assumption at its high value"),
    "central": N_("Central value {value}"),
    "sub_tornado": N_(
        "{scenario} · one assumption at a time, others central · ranges: P10–P90 of the stated uncertainty (else ±20%) · {draws}"
    ),
    "sub_tornado_relative": N_(
        "{scenario} · one assumption at a time, others central · ranges ±{swing} · {draws}"
    ),
    "no_swing": N_(
        "No assumption moves this output: at its low and at its high value, each leaves it at {value}"
    ),
    "constant": N_("This output is {value} in every draw: no source of uncertainty moves it"),
    "sub_drivers_constant": N_("{scenario} · estimated from the draws · {draws}"),
    "axis_share": N_("Share of the variance of the total outlay (%)"),
    "axis_first_order": N_("First-order Sobol index: share of variance explained alone (%)"),
    "sub_drivers": N_(
        "{scenario} · estimated from the draws · labels: rank correlation ρ · interactions and joint effects {rest} · {draws}"
    ),
    "sub_drivers_outlay": N_(
        "{scenario} · each line's covariance with the total over the total's variance (all lines add up to 100%) · ρ: rank correlation · {draws}"
    ),
    "axis_vfm": N_("Change in {output}, points per 1,000 10k yuan"),
    "axis_vfm_share": N_("Share of outlay variance (%)"),
    "sub_vfm": N_(
        "{scenario} · each measure's uptake ±{step} (all its lines) · top {n} of {total} measures with money · {draws}"
    ),
    "frontier_line": N_("Frontier (best uptake levels)"),
    "baseline": N_("Scenario as it is"),
    "best": N_("Goal point"),
    "closest": N_("Closest point (goal not reached)"),
    "goal": N_("Probability goal {p}"),
    "sub_frontier": N_(
        "{scenario} · {n} adjustable lines · {envelope} · numbers: frontier points · {draws}"
    ),
    "envelope": N_("P(yearly outlay > appropriation) ≤ {tol}"),
    "no_envelope": N_("no appropriation set"),
    "envelope_infeasible": N_("appropriation cannot be met"),
    "appropriation": N_("Appropriation"),
    "median": N_("Median"),
    "band50": N_("50% range"),
    "band90": N_("90% range"),
    "exceed": N_("over\n{p}"),
    "sub_exceedance": N_(
        "{scenario} · above each year: the probability that its outlay exceeds the appropriation · {draws}"
    ),
    "axis_year_outlay": N_("Outlay per year ({unit})"),
    "wan": N_("10k yuan"),
    "yi": N_("100m yuan"),
    "draws": N_("{draws} draws"),
}


def output_name(catalogue: Catalogue, output: str, language: str) -> str:
    words = translated(TEXT, language)
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


def empty_note(ax: Axes, text: str, look: Look) -> Text:
    """A note in the middle of a chart that has no bars to show (and says why); the axis
    keeps no ticks or grid (it would measure nothing)."""
    ax.set_yticks([])
    ax.set_xticks([])
    ax.grid(False)
    return ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        wrap=True,
        fontproperties=look.font(10),
        color="#333333",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 6},
        zorder=5,
    )


def fit_rows(ax: Axes, count: int, least: int = 6) -> None:
    """Room for ``count`` bars, but never less than for ``least`` (a few bars stay slim and
    are centred)."""
    pad = max(0, least - count) / 2
    ax.set_ylim(-0.6 - pad, max(count, 1) - 0.4 + pad)


class DecisionChart(Chart[R]):
    """A static chart of one analysis result: ``draw`` builds it, ``update`` redraws it."""

    TEXT = TEXT

    def _title(self, language: str) -> str:
        return translate(self.TEXT[self.kind.split(":", 1)[0]], language)

    def _signature_of(self, result: R) -> Any:
        return id(result)

    def _move(self, result: R, look: Look) -> None:
        pass
