"""How the decision-support window words things: money in 亿元, the appropriation, the
analyses' outputs, uptake by year."""

from __future__ import annotations

from typing import Any

from simulator import analysis
from simulator.present import WAN_PER_YI

from ...core.labels import format_number, indicator_name
from ...i18n import pick, tr


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
