"""The terminal summary of a run (`qdplan run --format table`)."""

from __future__ import annotations

from ..model import Results, translate
from .budget_tables import budget_text
from .style import flag_name, format_money, in_unit, money_unit, run_values, unit_name
from .tables import count_unit


def render_run_table(results: Results, language: str, elapsed: float) -> str:
    """The terminal summary: totals per year, by section, and the targets."""

    zh = language == "zh"
    out = []
    out.append(
        translate(
            "{scenario} — {draws} draws, seed {seed}, sampler {sampler}, {seconds} s", language
        ).format(
            **run_values(results, language),
            seconds=f"{elapsed:.2f}",
        )
    )
    stats = results.outlay()
    unit = money_unit(stats["mean"])
    labels = [str(y) for y in results.years] + ["2024-2028"]
    out.append("")
    out.append(translate("Total outlay", language) + f" ({unit_name(unit, language)})")
    head = [translate("mean", language), "P5", "P25", "P50", "P75", "P95"]
    out.append("  " + " " * 10 + "".join(f"{h:>10}" for h in head))
    for i, label in enumerate(labels):
        cells = "".join(
            f"{in_unit(stats[n][i], unit):>10,.2f}"
            for n in ("mean", "p05", "p25", "p50", "p75", "p95")
        )
        out.append(f"  {label:10}{cells}")
    out.append("")
    out.append(translate("By section (mean, 2024–2028)", language))
    sections = {
        key: results.outlay("section", key)["mean"][-1] for key in results.series("section")
    }
    section_unit = money_unit(sections.values())  # one unit for the list, by its largest
    monies = {key: format_money(mean, section_unit, language) for key, mean in sections.items()}
    width = max((len(money) for money in monies.values()), default=0)
    for key, money in monies.items():
        out.append(f"  {money:>{width}}  {results.catalogue.section(key).heading(language)}")
    after = results.after_horizon_mean()
    if after > 0:
        out.append(
            "  "
            + translate("still to pay after 2028: {money}", language).format(
                money=format_money(after, language=language)
            )
        )
    out.append("")
    out.append(translate("Probability of reaching the 2028 targets", language))
    median_word = translate("median", language)
    for indicator in results.catalogue.indicators:
        p = results.target_probability(indicator.id)
        median = results.indicator(indicator.id)["p50"][-1]
        unit_i = indicator.unit if zh else indicator.unit_en
        target = f"> {indicator.target_2028:,g} {unit_i}"
        out.append(
            f"  {p:6.1%}  {flag_name(results.flag(p), language):<9}  {target}"
            f"  ({median_word} {median:,.0f})  {indicator.name(language)}"
        )
    p_all = results.all_targets_probability()
    out.append(
        f"  {p_all:6.1%}  {flag_name(results.flag(p_all), language):<9}  "
        + translate("all five targets", language)
    )
    counts = results.count_targets()
    if counts:
        out.append("")
        out.append(translate("Count targets of the plan (≥)", language))
        for count_target in results.catalogue.count_targets:
            summary = counts.get(count_target.id)
            if summary is None:
                continue
            p = summary["probability"]
            when = translate("every year", language) if count_target.per_year else "2028"
            mean = summary["mean"][str(results.years[-1])]
            name = count_target.name_zh if zh else count_target.name_en
            out.append(
                f"  {p:6.1%}  {flag_name(results.flag(p), language):<9}  "
                f"≥ {count_target.at_least:,} {count_unit(count_target, language)} ({when})  "
                + translate("(mean 2028 {mean})", language).format(mean=f"{mean:,.1f}")
                + f"  {name}"
            )
    out += budget_text(results, language)
    return "\n".join(out)
