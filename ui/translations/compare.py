"""Chinese for the scenario comparison window."""
from __future__ import annotations

ZH = {
    "Compare scenarios": "情景比较",
    "Scenarios to compare (the first is the reference)": "参与比较的情景(第一个为参照情景)",
    "Role": "角色",
    "File": "文件",
    "Reference": "参照情景",
    "Compared": "比较情景",
    "current, unsaved changes included": "当前情景,含未保存的修改",
    "(not saved)": "(未保存)",
    "Add scenario files…": "添加情景文件…",
    "Add the current scenario": "添加当前情景",
    "Remove": "移除",
    "Make reference": "设为参照情景",
    "Compare": "开始比较",
    "Cancel": "取消",
    "Every scenario runs with the reference's seed and sampler and the same number of draws "
    "(common random numbers), so the differences come from the assumptions, not from chance.":
        "所有情景均使用参照情景的随机种子、抽样方法和相同的抽样次数(共同随机数),"
        "因此差异来自假设本身,而非随机波动。",
    "Differences in assumptions": "假设差异",
    "Charts": "图表",
    "Totals and targets": "支出与目标",
    "Filter: line, year, setting…": "筛选:支持政策、年份、设置…",
    "Export charts…": "导出图表…",
    "Differences are computed draw by draw against the reference: Δ mean is the mean of the "
    "differences.":
        "差额按每次抽样与参照情景逐一相减计算:Δ 为差额的均值。",
    "Setting": "设置",
    "This scenario": "本情景",
    "Add at least one more scenario to compare.": "请至少再添加一个情景进行比较。",
    "Add scenarios to compare": "添加要比较的情景",
    "Comparing {n} scenarios, {draws} draws each…": "正在比较 {n} 个情景,每个 {draws} 次抽样…",
    "Compared {n} scenarios: {draws} draws, seed {seed}.":
        "已比较 {n} 个情景:{draws} 次抽样,随机种子 {seed}。",
    "Comparison cancelled.": "已取消比较。",
    "The previous comparison is still shown.": "仍显示上一次的比较结果。",
    "Comparison failed: {message}": "比较失败:{message}",
    "No assumption differs.": "没有不同的假设。",
    "{n} differences": "{n} 处差异",
    "{shown} of {n} differences shown": "显示 {shown} / {n} 处差异",
    "Total outlays": "支出总额",
    "Difference to the reference": "与参照情景的差额",
    "Target probabilities": "目标达成概率",
    "Mean total outlay ({unit})": "预算支出合计均值({unit})",
    "Δ {name} − {reference}": "Δ {name} − {reference}",
    "Δ {name}": "Δ {name}",
    "Probability of reaching the 2028 target": "2028年目标达成概率",
    "All five targets": "五项目标全部达成",
    "Export differences": "导出假设差异",
    "yearly appropriation (万元)": "年度预算额度(万元)",
    "Observed value": "实际值",
    "observed value": "实际值",
    "{value} pp": "{value} 个百分点",
    "Give every scenario the reference's observed values": "所有情景均采用参照情景的实际值",
    "Observed values are facts, not assumptions: with this on, the scenarios differ in their "
    "assumptions only.": "实际值是事实而非假设:选中后各情景之间只有假设不同。",
    "Kept their own observed values (the reference's do not fit): {names}.":
        "以下情景保留了自己的实际值(参照情景的实际值不适用):{names}。",
}
