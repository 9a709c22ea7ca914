"""The terminal reports of the decision analyses: `qdplan sensitivity` (tornado, global
drivers, value for money, the budget envelope) and `qdplan optimize` (the goal seek and its
frontier)."""

from __future__ import annotations

import unicodedata

from ..analysis import (
    ALL_TARGETS,
    OUTLAY,
    VFM_BLOCK_WAN,
    Optimisation,
    Point,
    Sensitivity,
    ValueForMoney,
    outputs,
)
from ..model import N_, Catalogue, translate
from .style import format_money, money_unit, run_values


def _output_title(catalogue: Catalogue, output: str, zh: bool) -> str:
    if output == OUTLAY:
        return translate("Expected total outlay 2024–2028", "zh" if zh else "en")
    if output == ALL_TARGETS:
        return translate("Probability of reaching all five targets", "zh" if zh else "en")
    name = catalogue.indicator(output).name("zh" if zh else "en")
    return translate("Probability of reaching the target: {name}", "zh" if zh else "en").format(
        name=name
    )


def _money_width(language: str) -> int:
    """Terminal columns of a money cell: '1,234.56 亿元', '1,234.56 100m yuan'."""
    return 13 if language == "zh" else 18


def _value_text(output: str, value: float, language: str, unit: str = "万元") -> str:
    return format_money(value, unit, language) if output == OUTLAY else f"{100 * value:.1f}%"


#: The steps of an analysis whose times are shown (the keys of its ``timings``).
STEP_NAMES = {
    "base_run": N_("base run"),
    "line_swings": N_("line swings"),
    "indicator_swings": N_("indicator swings"),
    "global": N_("global"),
    "tables": N_("tables"),
    "search": N_("search"),
    "check": N_("check"),
}

#: The goal seek's search methods (``Optimisation.method``).
METHOD_NAMES = {
    "exhaustive": N_("every combination"),
    "coordinate": N_("coordinate search"),
    "coordinate search + differential evolution": N_("coordinate search + differential evolution"),
}


def _timings(timings: dict[str, float], language: str) -> str:
    step = translate("{step} {seconds} s", language)
    names = {key: translate(name, language) for key, name in STEP_NAMES.items()}
    return translate(", ", language).join(
        step.format(step=names.get(key, key.replace("_", " ")), seconds=f"{seconds:.1f}")
        for key, seconds in timings.items()
    )


def render_sensitivity(
    sens: Sensitivity,
    vfm: ValueForMoney,
    language: str = "zh",
    top: int = 10,
    seconds: float | None = None,
) -> str:
    """The terminal report of `qdplan sensitivity`; ``seconds``: the time of it all, from
    the base run on (default: the analyses' own, which leave out a base run made before)."""
    zh = language == "zh"
    catalogue = sens.catalogue
    out = [
        translate(
            "{scenario} — {draws} draws, seed {seed}, sampler {sampler}; {seconds} s "
            "({timings}, value for money {vfm} s)",
            language,
        ).format(
            **run_values(sens, language),
            seconds=f"{sens.elapsed + vfm.elapsed if seconds is None else seconds:.1f}",
            timings=_timings(sens.timings, language),
            vfm=f"{vfm.elapsed:.1f}",
        )
    ]
    out.append(
        translate(
            "Tornado: one assumption at a time from its low to its high value, others central; ranges are the 10th–90th percentiles of each stated uncertainty (±20% where none is stated)",
            language,
        )
    )
    if any(s.factor.basis == "relative" and s.factor.kind == "uptake" for s in sens.swings):
        out[-1] = translate(
            "Tornado: one assumption at a time, each swung by the same share", language
        )
    points = translate("{value} pt", language)  # percentage points
    for output in outputs(catalogue):
        value_width = _money_width(language) if output == OUTLAY else 11
        shown = sens.tornado(output, top)
        # the outlay's table in one unit, by its largest figure (the heading's too)
        unit = money_unit(
            [sens.central.value(output)]
            + [s.low.value(output) for s in shown]
            + [s.high.value(output) for s in shown]
        )
        # a swing in percentage points: "12.3 pt", "12.3 百分点" (11 columns)
        swing_width = value_width if output == OUTLAY else (11 if language == "en" else 13)
        out.append("")
        out.append(
            f"== {_output_title(catalogue, output, zh)}: "
            f"{_value_text(output, sens.central.value(output), language, unit)}"
        )
        head = (
            "  "
            + _cell(translate("at low", language), value_width)
            + " → "
            + _cell(translate("at high", language), value_width, right=False)
            + _cell(translate("swing", language), swing_width)
            + "  "
            + translate("assumption [range]", language)
        )
        out.append(head)
        if not shown:
            out.append("  " + translate("(no assumption moves it)", language))
        for swing in shown:
            low, high = swing.low.value(output), swing.high.value(output)
            width = (
                _value_text(output, abs(high - low), language, unit)
                if output == OUTLAY
                else points.format(value=f"{100 * abs(high - low):.1f}")
            )
            out.append(
                "  "
                + _cell(_value_text(output, low, language, unit), value_width)
                + " → "
                + _cell(_value_text(output, high, language, unit), value_width, right=False)
                + _cell(width, swing_width)
                + f"  {swing.factor.label(catalogue, language)} "
                f"[{swing.factor.range_text(catalogue, language)}]"
            )
        rest = sens.interaction_share(output)
        if rest is None:
            out.append(
                translate(
                    "  Global: the same in every draw; no source of uncertainty moves it",
                    language,
                )
            )
        elif output == OUTLAY:
            out.append(
                translate(
                    "  Global (variance share = Cov(line, total)/Var(total); first-order Sobol index; rank correlation ρ)",
                    language,
                )
            )
        else:
            out.append(
                translate(
                    "  Global (first-order Sobol index; rank correlation ρ); interactions "
                    "and joint effects {share}",
                    language,
                ).format(share=f"{rest:.0%}")
            )
        for driver in sens.top_drivers(output, min(top, 5)):
            share = (
                f"{100 * driver.variance_share:5.1f}%  "
                if driver.variance_share is not None
                else ""
            )
            out.append(
                f"    {share}S1 {driver.first_order:5.3f}  ρ {driver.rank_correlation:+.2f}"
                f"  {driver.label(catalogue, language)}"
            )
    out.append("")
    out.append(render_value_for_money(vfm, language))
    exceedance = sens.central.exceedance
    appropriation = sens.scenario.appropriation  # set whenever there is an exceedance
    if exceedance is not None and appropriation is not None:
        out.append("")
        out.append(render_exceedance(appropriation, exceedance, language))
    return "\n".join(out)


def render_value_for_money(vfm: ValueForMoney, language: str = "zh") -> str:
    """The value-for-money table: probability change per 1,000 万元 through each measure."""
    zh = language == "zh"
    catalogue = vfm.catalogue
    indicators = list(catalogue.indicator_ids)
    out = [
        translate(
            "Value for money: change in probability (percentage points) per extra {block} "
            "through the measure (its uptake ±{step})",
            language,
        ).format(block=format_money(VFM_BLOCK_WAN, "万元", language), step=f"{vfm.step:.0%}")
    ]
    ranked = vfm.ranked()
    unit = money_unit(m.outlay_wan for m in ranked)
    short = {
        "tech_enterprises": N_("firms"),
        "rd_expenditure": N_("R&D"),
        "platforms": N_("platf"),
        "contract_turnover": N_("contr"),
        "tech_brokers": N_("brokers"),
    }
    names = [translate(short[i], language) if i in short else i[:7] for i in indicators]
    out.append(
        f"  {'#':>2} "
        + _cell(translate("measure", language), 36, right=False)
        + _cell(translate("exp. outlay", language), _money_width(language))
        + _cell(translate("all", language), 8)
        + "".join(_cell(n, 8) for n in names)
        + _cell(translate("var.share", language), 10)
    )
    for rank, m in enumerate(ranked, 1):
        measure = catalogue.measure(m.measure)
        title = f"{m.measure}. {measure.title_zh if zh else measure.title_en}"
        cells = "".join(_cell(_points(m.per_block.get(o)), 8) for o in [ALL_TARGETS] + indicators)
        out.append(
            f"  {rank:>2} "
            + _cell(title, 36, right=False)
            + _cell(format_money(m.outlay_wan, unit, language), _money_width(language))
            + cells
            + _cell(f"{100 * m.variance_share:.1f}%", 10)
        )
    return "\n".join(out)


def _columns(text: str) -> int:
    """Terminal columns of a text: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int, right: bool = True) -> str:
    """A text padded to ``width`` terminal columns (cut with '…' when longer)."""
    if _columns(text) > width:
        while text and _columns(text + "…") > width:
            text = text[:-1]
        text += "…"
    pad = " " * max(0, width - _columns(text))
    return pad + text if right else text + pad


def _points(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.3f}"


def render_exceedance(
    appropriation: dict[str, float], exceedance: dict[str, float], language: str = "zh"
) -> str:
    """P(outlay > appropriation), year by year."""
    out = [translate("Probability that each year's outlay exceeds the appropriation", language)]
    unit = money_unit(appropriation[year] for year in exceedance)
    for year, p in exceedance.items():
        money = _cell(format_money(appropriation[year], unit, language), _money_width(language))
        out.append(f"  {year}  {money}  {100 * p:5.1f}%")
    return "\n".join(out)


def render_optimisation(
    result: Optimisation,
    language: str = "zh",
    chosen: Point | None = None,
    seconds: float | None = None,
) -> str:
    """The terminal report of `qdplan optimize`; ``seconds``: the time of it all, from the
    base run on (default: the goal seek's own, which leaves out a base run made before)."""
    zh = language == "zh"
    catalogue = result.catalogue
    target = result.target
    indicators = list(catalogue.indicator_ids)
    chosen = chosen if chosen is not None else result.best
    out = [
        translate(
            "{scenario} — {draws} draws, seed {seed}, sampler {sampler}; {seconds} s "
            "({timings}); search: {method}, {levels} levels per line",
            language,
        ).format(
            **run_values(result, language),
            seconds=f"{result.elapsed if seconds is None else seconds:.1f}",
            timings=_timings(result.timings, language),
            method=translate(METHOD_NAMES[result.method], language)
            if result.method in METHOD_NAMES
            else result.method,
            levels=result.levels,
        )
    ]
    if result.tolerance is None:
        out.append(translate("No appropriation: no budget constraint", language))
    else:
        out.append(
            translate(
                "Budget envelope: P(outlay in a year > appropriation) <= {tolerance}", language
            ).format(tolerance=f"{result.tolerance:.0%}")
            + (
                ""
                if result.envelope_feasible
                else (
                    translate(
                        " (cannot be met even at the lowest levels; frontier ignores it)", language
                    )
                )
            )
        )
    out.append(translate("Adjustable lines (multipliers of the scenario's own uptake):", language))
    for b in result.lines:
        sources = {"bounds": N_("bounds file"), "default": N_("default 0.5×–1.5×")}
        source = translate(sources[b.source], language)
        out.append(
            f"  {b.line:<28} ×{b.low:.3g}–×{b.high:.3g}  ({source})  "
            f"{catalogue.line(b.line).name(language)}"
        )
    out.append("")
    goal = _output_title(catalogue, target, zh)
    if result.probability_goal is None:
        out.append(translate("Goal: {goal}, as high as possible", language).format(goal=goal))
    else:
        p = result.probability_goal
        out.append(
            translate("Goal: {goal} >= {p} at the lowest expected cost", language).format(
                goal=goal, p=f"{p:.1%}"
            )
        )
    out.append(translate("Result: ", language) + result.message.text(language))
    out.append("")
    short = [
        translate(text, language) for text in (N_("firms"), N_("R&D"), N_("platf"), N_("contr"))
    ] + [translate(N_("brokers"), language)]
    short = short[: len(indicators)] + [i[:6] for i in indicators[len(short) :]]
    out.append(translate("Frontier (expected outlay vs probability)", language))
    header = (
        "  "
        + _cell("#", 4)
        + _cell(translate("exp. outlay", language), _money_width(language))
        + _cell(translate("goal", language), 8)
        + "".join(_cell(n, 8) for n in short)
        + _cell(translate("max over", language), 10)
    )
    out.append(header)
    unit = money_unit(p.outlay_wan for p in [*result.frontier, result.baseline])

    def row(label: str, point: Point) -> str:
        over = f"{100 * max(point.exceedance.values()):.1f}%" if point.exceedance else "–"
        mark = " ◀" if chosen is not None and point is chosen else ""
        return (
            "  "
            + _cell(label, 4)
            + _cell(format_money(point.outlay_wan, unit, language), _money_width(language))
            + _cell(f"{100 * point.probability(target):.1f}%", 8)
            + "".join(_cell(f"{100 * point.probabilities[i]:.1f}%", 8) for i in indicators)
            + _cell(over, 10)
            + mark
        )

    for n, point in enumerate(result.frontier, 1):
        out.append(row(str(n), point))
    out.append(row(translate("now", language), result.baseline))
    if chosen is not None:
        out.append("")
        out.append(translate("Uptake of the chosen point (per year):", language))
        for line_id, multiplier in chosen.multipliers.items():
            uptake = chosen.uptake[line_id]
            values = ", ".join(f"{year} {value:,.4g}" for year, value in uptake.items())
            line = catalogue.line(line_id)
            unit = line.uptake_unit_zh if zh else line.uptake_unit_en
            out.append(f"  {line_id:<28} ×{multiplier:.3f}  {values} {unit}")
    out.append("")
    out.append(
        translate(
            "largest difference between the search's tables and the engine: {difference}",
            language,
        ).format(difference=f"{result.largest_check_difference:.4f}")
    )
    return "\n".join(out)
