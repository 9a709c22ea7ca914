"""``derive_scenario``: the new scenario a goal-seek point makes, as `qdplan optimize --save`
writes it and the app's "apply point" puts it in the window: the point's uptake, a new name,
a description of how it was made (objective, probability, date, source scenario), and, for
each line whose uptake changed, a basis that says where its new numbers come from."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from ..model import Scenario, sampler_name
from .edits import edit, line_path, planned_uptake
from .goal_result import Optimisation, Point
from .outcomes import ALL_TARGETS

#: The validator's limits of a scenario's name and of a description or basis text.
MAX_NAME = 200
MAX_TEXT = 4000
#: What a derived name ends with (a name derived again replaces it rather than growing).
NAME_MARK = " · 目标求解 goal seek "


def derive_scenario(
    result: Optimisation,
    point: Point,
    *,
    source: str | None = None,
    base: Scenario | None = None,
    today: _dt.date | None = None,
) -> Scenario:
    """``base`` (default: the scenario the goal seek ran on) with ``point``'s uptake, named
    anew and described: how it was made and from what (``source``: the source file's name;
    default the scenario's name); each line whose uptake changed gets a basis for its new
    numbers. The lines that did not change keep theirs. Raises ValueError when the point
    does not fit the scenario (another line's years), ScenarioError when the result would
    not be valid."""
    base = base if base is not None else result.scenario
    today = today or _dt.date.today()
    date = today.isoformat()
    source = source or base.name
    changed = {
        line: uptake
        for line, uptake in point.uptake.items()
        if _differs(uptake, planned_uptake(base, line))
    }
    edits: list[tuple[tuple[str | int, ...], object]] = []
    for line_id, uptake in point.uptake.items():
        path = line_path(base, line_id)
        planned = planned_uptake(base, line_id)
        if set(uptake) != set(planned):
            raise ValueError(
                f"{line_id}: the point sets years {sorted(uptake)}, the scenario "
                f"plans {sorted(planned)}"
            )
        edits.append((path + ("uptake",), {year: float(uptake[year]) for year in planned}))
        if line_id in changed:
            multiplier = point.multipliers.get(line_id, 1.0)
            edits.append(
                (path + ("basis",), _basis(base, line_id, uptake, multiplier, source, date))
            )
    edits.append((("name",), _name(base.name, date)))
    edits.append((("description",), _description(result, point, base, source, date, changed)))
    return edit(base, edits)


def _differs(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    return any(abs(float(a[y]) - float(b.get(y, 0.0))) > 1e-9 for y in a)


def _number(value: float, decimals: int = 6) -> str:
    """As exact as the scenario holds it (uptake is rounded to 6 decimals): 12 → '12',
    0.4375 → '0.4375', 1234567.5 → '1,234,567.5'."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _values(uptake: Mapping[str, float]) -> str:
    """'18' when every year is the same, else '2024: 12, 2025: 15, …'."""
    values = [float(uptake[y]) for y in sorted(uptake)]
    if len(set(values)) == 1:
        return _number(values[0])
    return ", ".join(f"{y}: {_number(float(uptake[y]))}" for y in sorted(uptake))


def _basis(
    base: Scenario,
    line_id: str,
    uptake: Mapping[str, float],
    multiplier: float,
    source: str,
    date: str,
) -> str:
    line = base.catalogue.line(line_id)
    values = _values(uptake)
    return (
        f"assumption: 申报量由目标求解设定（{date}，源情景「{source}」申报量的×{_number(multiplier, 4)}）："
        f"每年{values}{line.uptake_unit_zh}；波动、单项金额和拨付进度与源情景相同。"
        f" Uptake set by goal seek/optimize from '{source}' on {date}: ×{_number(multiplier, 4)} of its "
        f"uptake, {values} {line.uptake_unit_en} a year; spread, award size and disbursement "
        f"as in the source."
    )[:MAX_TEXT]


def _name(old: str, date: str) -> str:
    stem = old.split(NAME_MARK)[0].rstrip()
    end = f"{NAME_MARK}{date}"
    return stem[: MAX_NAME - len(end)] + end


def _target_names(result: Optimisation) -> tuple[str, str]:
    if result.target == ALL_TARGETS:
        return "五项目标全部达成", "all five targets"
    indicator = result.catalogue.indicator(result.target)
    return indicator.name_zh, indicator.name_en


def _description(
    result: Optimisation,
    point: Point,
    base: Scenario,
    source: str,
    date: str,
    changed: Mapping[str, Mapping[str, float]],
) -> str:
    target_zh, target_en = _target_names(result)
    goal = result.probability_goal
    if result.goal == "min_cost" and goal is not None:
        objective_zh = f"达到{goal:.1%}达成概率的最低成本方案"
        objective_en = f"the cheapest levels reaching a probability of {goal:.1%}"
    else:
        objective_zh = "最高达成概率（同等概率下成本最低）"
        objective_en = "the highest probability (the cheapest such levels)"
    if point is result.best:
        reach_zh, reach_en = "采用目标方案", "this is the goal point"
    elif point is result.closest and goal is not None:
        reach_zh = f"上下限内无法达到{goal:.1%}，采用最接近的方案"
        reach_en = f"{goal:.1%} cannot be reached within the bounds; this is the closest point"
    elif point is result.baseline:
        reach_zh, reach_en = "采用当前情景的申报量", "the scenario's own uptake"
    else:
        reach_zh, reach_en = "采用规划者所选的前沿点", "a frontier point the planner chose"
    number = result.index_of(point)
    where_zh = f"前沿第{number}点" if number else "所选方案"
    where_en = f"frontier point {number}" if number else "the chosen point"
    cost = point.outlay_wan / 1e4
    p = point.probability(result.target)
    lines = ", ".join(f"{line} ×{_number(point.multipliers.get(line, 1.0), 4)}" for line in changed)
    envelope_zh = (
        f"各年超出预算安排的概率≤{result.tolerance:.0%}"
        if result.tolerance is not None
        else "未设预算安排"
    )
    envelope_en = (
        f"P(yearly outlay > appropriation) <= {result.tolerance:.0%}"
        if result.tolerance is not None
        else "no appropriation"
    )
    text = (
        f"由目标求解生成（{date}）：源情景「{base.name}」（{source}）；目标：{target_zh}，"
        f"{objective_zh}；{reach_zh}。{where_zh}：预算支出期望值（2024–2028）{cost:,.2f}亿元，"
        f"达成概率{p:.1%}。调整了{len(changed)}个条目的申报量，其余假设与源情景相同。"
        f"模拟{result.draws:,}次，种子{result.seed}，抽样方法{sampler_name(result.sampler, 'zh')}；"
        f"预算约束：{envelope_zh}。"
        f" Made by goal seek (qdplan optimize) on {date} from the scenario '{base.name}' "
        f"({source}): target {target_en}, objective {objective_en}; {reach_en}. "
        f"{where_en.capitalize()}: expected outlay 2024–2028 {cost:,.2f} 100m yuan, "
        f"probability {p:.1%}. Uptake of {len(changed)} lines changed"
        f"{f' ({lines})' if lines else ''}; every other assumption as in the source. "
        f"{result.draws:,} draws, seed {result.seed}, sampler "
        f"{sampler_name(result.sampler, 'en')}; budget "
        f"envelope: {envelope_en}."
    )
    previous = f" 源情景说明 The source's description: {base.description}"
    return (text + previous)[:MAX_TEXT]
