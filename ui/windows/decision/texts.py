"""How the decision-support window words things: money in 亿元, the appropriation, the
analyses' outputs, uptake by year."""

from __future__ import annotations

from typing import Any

from simulator import analysis
from simulator.present import WAN_PER_YI

from ...core.labels import format_number, format_percent, indicator_name
from ...i18n import QT_TR_NOOP, pick, tr


def yi_unit() -> str:
    return pick(None, "亿元", "100m yuan")


def money_yi(wan: float) -> str:
    """A money figure in 亿元 with two decimals and its unit."""
    return f"{wan / WAN_PER_YI:,.2f} {yi_unit()}"


def appropriation_text(value: Any) -> str:
    """A yearly appropriation in words: 'none' or '15.00 / 16.00 / … 亿元'."""
    if not value or not value.get("wan"):
        return tr("none")
    wan = value["wan"]
    return " / ".join(f"{wan[y] / WAN_PER_YI:,.2f}" for y in sorted(wan)) + f" {yi_unit()}"


def output_name(catalogue, output: str) -> str:
    """'Total outlay 2024–2028', 'P(all five targets)' or 'P(<indicator> target)'."""
    if output == analysis.OUTLAY:
        return tr("Total outlay 2024–2028 (expected)")
    if output == analysis.ALL_TARGETS:
        return tr("Probability of reaching all five targets")
    return tr("Probability of reaching the target: {indicator}").format(
        indicator=indicator_name(catalogue.indicator(output))
    )


def short_output(catalogue, output: str) -> str:
    if output == analysis.ALL_TARGETS:
        return tr("P(all five)")
    return tr("P({indicator})").format(indicator=indicator_name(catalogue.indicator(output)))


def uptake_text(values: dict[str, float]) -> str:
    """Uptake by year, compact: '12' when every year is the same, else '10 / 12 / 15 / 15 /
    15'."""
    texts = [format_number(round(values[y], 2)) for y in sorted(values)]
    return texts[0] if len(set(texts)) == 1 else " / ".join(texts)


def goal_message(result: Any) -> str:
    """The goal seek's result in words: the scenario as it is, the envelope, the point found."""
    catalogue = result.catalogue
    target = result.target
    what = short_output(catalogue, target)
    base = result.baseline
    text = tr("Scenario as it is: {what} {p} at {cost} expected.").format(
        what=what, p=format_percent(base.probability(target)), cost=money_yi(base.outlay_wan)
    )
    if (
        result.tolerance is not None
        and result.envelope_feasible
        and base.exceedance
        and not base.within_envelope(result.tolerance)
    ):
        text += " " + tr(
            "It exceeds the appropriation in {p} of draws in its worst year "
            "(tolerance {tol}), so the frontier keeps below it."
        ).format(
            p=format_percent(max(base.exceedance.values())),
            tol=format_percent(result.tolerance),
        )
    if not result.envelope_feasible:
        return (
            text
            + " "
            + tr(
                "Even the lowest levels exceed the appropriation in more "
                "than {tol} of draws in some year: the frontier ignores "
                "the envelope."
            ).format(tol=format_percent(result.tolerance))
        )
    best = result.best
    if best is None:
        top = max((p.probability(target) for p in result.frontier), default=0.0)
        text += " " + tr("No levels within the bounds reach {goal}; the highest is {top}.").format(
            goal=format_percent(result.probability_goal), top=format_percent(top)
        )
        if result.chosen_index is not None:
            text += " " + tr("The closest is point {n}, selected below.").format(
                n=result.chosen_index
            )
        return text
    key = (
        QT_TR_NOOP("Cheapest levels reaching {goal}: point {n}, {what} {p} at {cost} expected.")
        if result.goal == "min_cost"
        else QT_TR_NOOP("Highest probability: point {n}, {what} {p} at {cost} expected.")
    )
    return (
        text
        + " "
        + tr(key).format(
            goal=format_percent(result.probability_goal or 0.0),
            n=result.best_index,
            what=what,
            p=format_percent(best.probability(target)),
            cost=money_yi(best.outlay_wan),
        )
    )
