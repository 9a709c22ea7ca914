"""Chinese for the decision-support window: sensitivity, value for money, budget envelope
and goal seek."""

from __future__ import annotations

ZH: dict[str, str] = {
    # menu and window
    "&Analysis": "分析(&A)",
    "Decision support: sensitivity…": "决策支持：敏感性分析…",
    "Value for money…": "性价比…",
    "Budget envelope…": "预算约束…",
    "Goal seek…": "目标求解…",
    "Decision support": "决策支持",
    "Decision support — {name}": "决策支持 — {name}",
    "Draws for the analyses": "分析用抽样次数",
    "Every analysis runs on a snapshot of “{scenario}” with its seed {seed} and {sampler} "
    "sampling, and these draws; variants are compared with the same random numbers.": "每项分析都基于“{scenario}”当前的快照，使用其随机种子{seed}、{sampler}抽样和此处的抽样次数；"
    "各方案使用相同的随机数比较。",
    "Sensitivity": "敏感性分析",
    "Value for money": "性价比",
    "Budget envelope": "预算约束",
    "Goal seek": "目标求解",
    "Cancel": "取消",
    "Run": "运行",
    "Copy table": "复制表格",
    "{analysis}: running on a snapshot of the scenario ({draws} draws)…": "{analysis}：正在基于情景快照运行（{draws}次抽样）…",
    "{analysis} done in {seconds}.": "{analysis}完成，用时{seconds}。",
    "{analysis} cancelled; the previous result, if any, is still shown.": "{analysis}已取消；仍显示此前的结果（如有）。",
    "{analysis} failed: {message}": "{analysis}失败：{message}",
    "{scenario} · {draws} draws · seed {seed} · {sampler} · {seconds} · at {time}": "{scenario} · {draws}次抽样 · 随机种子{seed} · {sampler} · 用时{seconds} · {time}完成",
    "Out of date: the scenario has changed since this analysis ran. Press Run to bring it "
    "up to date.": "已过期：此分析运行后情景已有改动。请点击“运行”更新。",
    # outputs
    "Total outlay 2024–2028 (expected)": "2024–2028年预算支出合计（期望值）",
    "Probability of reaching all five targets": "五项目标全部达成的概率",
    "Probability of reaching the target: {indicator}": "目标达成概率：{indicator}",
    "P(all five)": "五项全部达成概率",
    "P({indicator})": "{indicator}达成概率",
    # sensitivity
    "Output": "分析对象",
    "Include the indicator model's assumptions (slower)": "包括指标模型的假设（较慢）",
    "Trend, 2023 start and effects of each indicator: each needs a full run.": "各指标的趋势、2023年起点和政策效应：每项都需要一次完整模拟。",
    "Not run yet. Press Run: about 6 s at 20,000 draws (4 s without the indicator model's "
    "assumptions).": "尚未运行。请点击“运行”：20,000次抽样约需6秒（不含指标模型假设约4秒）。",
    "Press Run to see which assumptions move the outlay and the targets most.": "点击“运行”，查看哪些假设对预算支出和目标影响最大。",
    "Tornado": "龙卷风图",
    "Global drivers": "全局驱动因素",
    "Global drivers over the draws": "全局驱动因素（基于全部抽样）",
    "Uncertain quantity": "不确定量",
    "Which part": "哪一部分",
    "Share of outlay variance": "占支出方差份额",
    "First-order index": "一阶指数",
    "Rank correlation ρ": "秩相关系数ρ",
    "Variance share: each line's covariance with the total over the total's variance (all "
    "lines add up to 100%). First-order index: the share of the variance the quantity "
    "explains alone.": "方差份额：各条目与合计的协方差除以合计的方差（全部条目合计100%）。"
    "一阶指数：该量单独可解释的方差份额。",
    "First-order index: the share of the variance the quantity explains alone. Interactions "
    "and joint effects: {share}.": "一阶指数：该量单独可解释的方差份额。交互与联合效应：{share}。",
    # value for money
    "Target": "目标",
    "Not run yet. Press Run: a few seconds at 20,000 draws.": "尚未运行。请点击“运行”：20,000次抽样需数秒。",
    "Press Run to rank the measures by the change in a target's probability per extra "
    "1,000 万元.": "点击“运行”，按每多投入1,000万元带来的目标达成概率变化对各项措施排序。",
    "Measures ranked by value for money (Δ: change per extra 1,000 万元 spent through the "
    "measure)": "各项措施按性价比排序（Δ：通过该措施每多投入1,000万元带来的变化）",
    "Outlay 2024–2028 ({unit})": "2024–2028年支出（{unit}）",
    "Δ {output} (points)": "Δ{output}（百分点）",
    "Δ targets reached": "Δ可达成目标数",
    "Expected outlay of the measure 2024–2028": "该措施2024–2028年预算支出期望值",
    "The measure's share of the variance of the total outlay": "该措施占预算支出合计方差的份额",
    "Rank": "排名",
    "Change in {output} per extra 1,000 万元 (points)": "每多投入1,000万元{output}的变化（百分点）",
    "Change in targets reached per extra 1,000 万元": "每多投入1,000万元可达成目标数的变化",
    "Each measure's uptake is moved ±{step} in all its lines with the same random draws; the "
    "change in probability is divided by the change in the measure's expected outlay and "
    "quoted in percentage points per 1,000 万元 (10 million yuan). “—”: the step moves no "
    "money.": "每项措施的全部资金条目申报量在相同随机抽样下变动±{step}；目标达成概率的变化除以该措施"
    "预算支出期望值的变化，以每1,000万元的百分点表示。“—”表示该变动不涉及资金。",
    # budget envelope
    "Budget envelope: the yearly appropriation": "预算约束：年度预算安排",
    "Appropriation (planner's assumption, editable)": "预算安排（规划者设定的假设，可修改）",
    "No appropriation": "不设预算安排",
    "Yearly appropriation": "按年设定预算安排",
    "2024–2028": "2024–2028年合计",
    "Fill with the expected outlay": "按预算支出期望值填入",
    "Each year's expected outlay from the current results, rounded up": "取当前模拟结果中各年的预算支出期望值（向上取整）",
    "Revert": "还原",
    "Apply": "应用",
    "Not applied yet": "尚未应用",
    "assumption: yearly appropriation set by the planner": "假设：规划者设定的年度预算安排",
    "none": "无",
    "Appropriation {old} → {new}": "预算安排 {old} → {new}",
    "Chance that the outlay exceeds the appropriation": "预算支出超出预算安排的概率",
    "Appropriation ({unit})": "预算安排（{unit}）",
    "Expected outlay ({unit})": "预算支出期望值（{unit}）",
    "P95 outlay ({unit})": "预算支出P95（{unit}）",
    "P(outlay > appropriation)": "支出超出预算安排的概率",
    "No appropriation is set. Choose “Yearly appropriation”, enter the amounts and press "
    "Apply to see the chance that each year's outlay exceeds it.": "尚未设定预算安排。选择“按年设定预算安排”，输入各年金额并点击“应用”，即可看到各年预算支出"
    "超出预算安排的概率。",
    "Share of the {draws} draws of the main results in which the year's outlay is above its "
    "appropriation. Green: at most {tol} (the goal seek's tolerance); amber: up to 50%; red: "
    "above.": "主窗口{draws}次抽样中当年预算支出高于预算安排的比例。绿色：不超过{tol}（目标求解的"
    "容许度）；黄色：不超过50%；红色：超过50%。",
    # goal seek
    "Goal": "目标设定",
    "Objective": "求解目标",
    "Highest probability (the cheapest such levels)": "达成概率最高（其中成本最低的方案）",
    "Cheapest levels reaching": "成本最低且达成概率不低于",
    "Tolerance": "容许度",
    "The appropriation may be exceeded in at most this share of draws, every year.": "每年超出预算安排的抽样比例不得高于此值。",
    "No appropriation is set, so the budget envelope is not checked (set one in the Budget "
    "envelope tab).": "尚未设定预算安排，因此不检查预算约束（可在“预算约束”页设定）。",
    "Levels per line": "每条目取值档数",
    "Uptake levels tried per line, in equal steps between its bounds": "每个条目在上下限之间等距尝试的申报量档数",
    "Free lines and their bounds ({n} free)": "可调整条目及其上下限（{n}条可调整）",
    "Awards per year (万元 per year for amount lines). Each free line's planned uptake is "
    "scaled by one multiplier, so every planned year stays within its bounds. Defaults: half "
    "the smallest to 1.5 times the largest planned year. Lines not free stay as they are.": "单位为每年申报数（金额类条目为每年万元）。每个可调整条目的计划申报量按同一乘数缩放，使各计划"
    "年份都在上下限之内。默认：计划最少年份的一半至最多年份的1.5倍。未勾选的条目保持不变。",
    "Line (tick to free)": "支持政策（勾选即可调整）",
    "Planned per year": "各年计划",
    "Min per year": "每年下限",
    "Max per year": "每年上限",
    "Also list lines that do not move a target": "同时列出不影响目标的条目",
    "Free all": "全部勾选",
    "Free none": "全部取消",
    "Reset to defaults": "恢复默认",
    "Choose at least one free line.": "请至少勾选一个可调整条目。",
    "Not run yet. Press Run: 10–30 s at 20,000 draws with every default line free; a "
    "few seconds with a handful of lines.": "尚未运行。请点击“运行”：20,000次抽样、默认条目全部可调整时"
    "约需10–30秒；只调整少数条目时需数秒。",
    "Set the bounds and the objective, then press Run to see the frontier of expected cost "
    "against probability.": "设定上下限和求解目标后点击“运行”，查看预算支出期望值与达成概率的前沿。",
    "Scenario as it is: {what} {p} at {cost} expected.": "当前情景：{what}{p}，预算支出期望值{cost}。",
    "Even the lowest levels exceed the appropriation in more than {tol} of draws in some "
    "year: the frontier ignores the envelope.": "即使全部取下限，某些年份超出预算安排的抽样比例仍高于"
    "{tol}：前沿未考虑预算约束。",
    "No levels within the bounds reach {goal}; the highest is {top}.": "上下限内没有方案能达到{goal}；最高为{top}。",
    "The closest is point {n}, selected below.": "最接近的是第{n}点，已在下表选中。",
    "Cheapest levels reaching {goal}: point {n}, {what} {p} at {cost} expected.": "达到{goal}的最低成本方案：第{n}点，{what}{p}，预算支出期望值{cost}。",
    "Highest probability: point {n}, {what} {p} at {cost} expected.": "最高达成概率：第{n}点，{what}{p}，预算支出期望值{cost}。",
    "Frontier points, cheapest first (money in {unit})": "前沿各点，按成本从低到高（金额单位：{unit}）",
    "Outlay 2024–2028": "2024–2028年支出",
    "vs. now": "与当前相比",
    "Max. P(over budget)": "超预算概率最大值",
    "Expected total outlay 2024–2028 of all lines ({unit})": "全部条目2024–2028年预算支出期望值（{unit}）",
    "Change from the scenario as it is ({unit})": "与当前情景相比的变化（{unit}）",
    "It exceeds the appropriation in {p} of draws in its worst year (tolerance {tol}), so "
    "the frontier keeps below it.": "当前情景在最不利年份有{p}的抽样超出预算安排（容许度{tol}），"
    "因此前沿各点都控制在预算安排之内。",
    "Point": "点",
    "Highest yearly P(outlay > appropriation)": "各年超出预算安排概率的最大值",
    "Scenario as it is": "当前情景",
    "{n} (goal)": "{n}（目标方案）",
    "Uptake at the selected point": "所选点的申报量",
    "Uptake at point {n}": "第{n}点的申报量",
    "Uptake of the scenario as it is": "当前情景的申报量",
    "Planned now (per year)": "当前计划（各年）",
    "At this point (per year)": "此点（各年）",
    "Multiplier": "乘数",
    "Apply point to the scenario": "将所选点应用到情景",
    "Apply point {n} to the scenario": "将第{n}点应用到情景",
    "The scenario has changed since the goal seek ran: run it again first.": "目标求解运行后情景已有改动：请先重新运行。",
    "Sets the uptake of the free lines to this point's levels, as one step you can undo.": "将可调整条目的申报量设为此点的取值，作为可撤销的一步操作。",
    "Apply goal-seek point {n}: uptake of {k} lines ({what} {p}, {cost})": "应用目标求解第{n}点：{k}个条目的申报量（{what}{p}，{cost}）",
    "Applied point {n} to the scenario. Undo restores the previous uptake.": "已将第{n}点应用到情景。撤销可恢复原来的申报量。",
}
