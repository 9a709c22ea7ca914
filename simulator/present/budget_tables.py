"""The summary table's budget rows: gross outlay, money returned and net cost (with
investments), and requested against funded money, the chance of rationing and the backlog
(with rationing under the appropriation). Values in 万元 or 亿元 by size."""

from __future__ import annotations

from typing import Any

from ..model import N_, Results, budget_figures, translated
from .style import in_unit, money_unit, unit_name

WORDS: dict[str, Any] = {
    "mean_p95": N_("mean / P95"),
    "unit_mean": N_("{title} ({unit}, mean)"),
    "mean_and_p95": N_("mean {mean}, P95 {p95}"),
    "item": N_("Item"),
    "year": N_("Year"),
    "unit": N_("Unit"),
    "gross": N_("Gross outlay"),
    "returns": N_("Returned"),
    "net": N_("Net fiscal cost"),
    "investments": N_("Gross and net outlay"),
    "returned_after": N_("Returned after 2028 (mean)"),
    "rationing": N_("Paid within the appropriation"),
    "probability": N_("P(rationed)"),
    "requested": N_("Requested"),
    "funded": N_("Funded"),
    "backlog": N_("Waiting at year end (mean)"),
    "backlog_end": N_("Waiting at the end of 2028"),
    "refused": N_("Refused beyond the cap (mean)"),
    "policy": {"proportional": N_("proportional"), "priority": N_("by priority")},
}
SPAN = "2024-2028"


def budget_rows(results: Results, language: str = "zh") -> list[list[Any]]:
    """Rows to append to the summary table (none without investments or rationing)."""
    w = translated(WORDS, language)
    figures = budget_figures(results)
    labels = [str(y) for y in results.years] + [SPAN]
    rows: list[list[Any]] = []
    investments = figures["investments"]
    if investments["lines"]:
        unit = money_unit([investments["gross_wan"][y]["mean"] for y in labels[:-1]])
        label = unit_name(unit, language)
        rows += [[], [w["investments"], w["year"], w["unit"], w["gross"], w["returns"], w["net"]]]
        for year in labels:
            rows.append(
                [w["investments"], year, label]
                + [
                    round(in_unit(investments[key][year]["mean"], unit), 4)
                    for key in ("gross_wan", "returns_wan", "net_wan")
                ]
            )
        rows.append(
            [
                w["returned_after"],
                "",
                label,
                "",
                round(in_unit(investments["returns_after_2028_mean"], unit), 4),
                "",
            ]
        )
    rationing = figures["rationing"]
    if rationing["active"]:
        by_line = rationing["by_line"].values()
        requested = {y: sum(entry["requested_wan"][y] for entry in by_line) for y in labels}
        funded = results.outlay()["mean"]
        unit = money_unit([requested[y] for y in labels[:-1]])
        label = unit_name(unit, language)
        title = f"{w['rationing']} ({w['policy'][rationing['policy']]})"
        rows += [
            [],
            [
                title,
                w["year"],
                w["unit"],
                w["probability"],
                w["requested"],
                w["funded"],
                w["backlog"],
            ],
        ]
        for i, year in enumerate(labels):
            last = year == SPAN
            rows.append(
                [
                    title,
                    year,
                    label,
                    "" if last else round(rationing["probability_by_year"][year], 4),
                    round(in_unit(requested[year], unit), 4),
                    round(in_unit(float(funded[i]), unit), 4),
                    "" if last else round(in_unit(rationing["backlog_wan"][year]["mean"], unit), 4),
                ]
            )
        end = rationing["backlog_end_2028_wan"]
        rows.append(
            [
                w["backlog_end"],
                w["mean_p95"],
                label,
                "",
                round(in_unit(end["mean"], unit), 4),
                round(in_unit(end["p95"], unit), 4),
                "",
            ]
        )
        if rationing["backlog_cap_wan"] is not None:
            refused = rationing["refused_wan_mean"][SPAN]
            rows.append([w["refused"], SPAN, label, "", round(in_unit(refused, unit), 4), "", ""])
    return rows


def budget_text(results: Results, language: str = "zh") -> list[str]:
    """The terminal summary's budget lines: gross, returned and net by year (investments);
    P(rationed), requested, funded and waiting by year, and the backlog at the end of 2028
    (rationing)."""
    w = translated(WORDS, language)
    figures = budget_figures(results)
    labels = [str(y) for y in results.years] + [SPAN]
    out: list[str] = []
    investments = figures["investments"]
    if investments["lines"]:
        unit = money_unit([investments["gross_wan"][y]["mean"] for y in labels[:-1]])
        out += ["", w["unit_mean"].format(title=w["investments"], unit=unit_name(unit, language))]
        out.append(f"  {'':10}{w['gross']:>16}{w['returns']:>16}{w['net']:>16}")
        for year in labels:
            cells = "".join(
                f"{in_unit(investments[k][year]['mean'], unit):>16,.2f}"
                for k in ("gross_wan", "returns_wan", "net_wan")
            )
            out.append(f"  {year:10}{cells}")
        after = in_unit(investments["returns_after_2028_mean"], unit)
        out.append(f"  {w['returned_after']}: {after:,.2f}")
    rationing = figures["rationing"]
    if rationing["active"]:
        by_line = rationing["by_line"].values()
        funded = results.outlay()["mean"]
        requested = [sum(e["requested_wan"][y] for e in by_line) for y in labels]
        unit = money_unit(requested[:-1])
        policy = w["policy"][rationing["policy"]]
        title = f"{w['rationing']}: {policy}"
        out += ["", w["unit_mean"].format(title=title, unit=unit_name(unit, language))]
        out.append(
            f"  {'':10}{w['probability']:>14}{w['requested']:>14}{w['funded']:>14}"
            f"{w['backlog']:>28}"
        )
        for i, year in enumerate(labels):
            p = "" if year == SPAN else f"{rationing['probability_by_year'][year]:.1%}"
            waiting = (
                ""
                if year == SPAN
                else f"{in_unit(rationing['backlog_wan'][year]['mean'], unit):,.2f}"
            )
            out.append(
                f"  {year:10}{p:>14}{in_unit(requested[i], unit):>14,.2f}"
                f"{in_unit(float(funded[i]), unit):>14,.2f}{waiting:>28}"
            )
        end = rationing["backlog_end_2028_wan"]
        out.append(
            f"  {w['backlog_end']}: "
            + w["mean_and_p95"].format(
                mean=f"{in_unit(end['mean'], unit):,.2f}", p95=f"{in_unit(end['p95'], unit):,.2f}"
            )
        )
    return out
