"""The terminal summary of a run (`qdplan run --format table`)."""

from __future__ import annotations

from ..model import Results
from .budget_tables import budget_text
from .style import format_money, in_unit, money_unit


def render_run_table(results: Results, language: str, elapsed: float) -> str:
    """The terminal summary: totals per year, by section, and the targets."""
    zh = language == "zh"
    out = []
    out.append(
        f"{results.scenario.name} — {results.draws:,} draws, seed {results.seed}, "
        f"sampler {results.sampler}, {elapsed:.2f} s"
    )
    stats = results.outlay()
    unit = money_unit(stats["mean"])
    labels = [str(y) for y in results.years] + ["2024-2028"]
    out.append("")
    out.append(("预算支出合计" if zh else "Total outlay") + f" ({unit})")
    out.append(f"  {'':10}{'mean':>10}{'P5':>10}{'P25':>10}{'P50':>10}{'P75':>10}{'P95':>10}")
    for i, label in enumerate(labels):
        cells = "".join(
            f"{in_unit(stats[n][i], unit):>10,.2f}"
            for n in ("mean", "p05", "p25", "p50", "p75", "p95")
        )
        out.append(f"  {label:10}{cells}")
    out.append("")
    out.append("按部分 (均值, 2024–2028)" if zh else "By section (mean, 2024–2028)")
    for key in results.series("section"):
        section = results.catalogue.section(key)
        name = f"{section.id}、{section.title_zh}" if zh else f"{section.id}. {section.title_en}"
        out.append(f"  {format_money(results.outlay('section', key)['mean'][-1]):>14}  {name}")
    after = results.after_horizon_mean()
    if after > 0:
        out.append(
            ("  2028年后仍需支付 " if zh else "  still to pay after 2028: ") + format_money(after)
        )
    out.append("")
    out.append("2028年目标达成概率" if zh else "Probability of reaching the 2028 targets")
    for indicator in results.catalogue.indicators:
        p = results.target_probability(indicator.id)
        median = results.indicator(indicator.id)["p50"][-1]
        unit_i = indicator.unit if zh else indicator.unit_en
        out.append(
            f"  {p:6.1%}  {results.flag(p):<9}  > {indicator.target_2028:,g} {unit_i}"
            f"  (median {median:,.0f})  {indicator.name(language)}"
        )
    p_all = results.all_targets_probability()
    out.append(
        f"  {p_all:6.1%}  {results.flag(p_all):<9}  "
        + ("五项目标全部达成" if zh else "all five targets")
    )
    counts = results.count_targets()
    if counts:
        out.append("")
        out.append("计划数量目标达成概率 (≥)" if zh else "Count targets of the plan (≥)")
        for target in results.catalogue.count_targets:
            summary = counts.get(target.id)
            if summary is None:
                continue
            p = summary["probability"]
            when = ("每年" if zh else "every year") if target.per_year else "2028"
            mean = summary["mean"][str(results.years[-1])]
            name = target.name_zh if zh else target.name_en
            out.append(
                f"  {p:6.1%}  {results.flag(p):<9}  ≥ {target.at_least:,} ({when})"
                f"  (mean 2028 {mean:,.1f})  {name}"
            )
    out += budget_text(results, language)
    return "\n".join(out)
