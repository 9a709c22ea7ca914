"""Chinese and English: every visible string goes through Qt's translation.

Source strings are written in English. Chinese comes from the ``ZH`` dictionary below,
served by a QTranslator subclass installed on the application, so ``tr()`` (a thin wrapper
of ``QCoreApplication.translate``) returns Chinese while it is installed and English when it
is not. Switching language installs or removes the translator; windows then retranslate
their widgets (see ``MainWindow.set_language``).

Strings with placeholders use ``str.format`` names, e.g. ``tr("{n} draws").format(n=...)``;
the Chinese entry keeps the same names.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = ("zh", "en")
CONTEXT = "qdplan"

_state = {"language": "en", "translator": None}


class DictTranslator(QTranslator):
    """Looks source strings up in a Python dict; unknown strings fall back to the source."""

    def __init__(self, table: dict[str, str], parent=None):
        super().__init__(parent)
        self._table = table

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401
        # None (a null QString) means "no translation here": Qt then uses the source text.
        # An empty string would count as a translation and blank out Qt's own strings.
        return self._table.get(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def tr(text: str) -> str:
    """Translate an English source string into the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def language() -> str:
    """The current language, 'zh' or 'en'."""
    return _state["language"]


def system_language() -> str:
    """'zh' where the system locale is Chinese, else 'en'."""
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def set_language(lang: str) -> None:
    """Install (zh) or remove (en) the Chinese translator on the running application."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    app = QCoreApplication.instance()
    translator = _state["translator"]
    if translator is not None and app is not None:
        app.removeTranslator(translator)
    _state["translator"] = None
    if lang == "zh" and app is not None:
        translator = DictTranslator(ZH, app)
        app.installTranslator(translator)
        _state["translator"] = translator
    _state["language"] = lang


def pick(lang: str | None, zh: str, en: str) -> str:
    """Choose between a Chinese and an English text (catalogue names, units)."""
    return zh if (lang or language()) == "zh" else en


# --------------------------------------------------------------------------------------------
# Chinese translations of every source string (tests/ui/test_i18n.py checks completeness).
ZH: dict[str, str] = {
    # application, menus and actions
    "qdplan": "qdplan 青岛科技行动计划预算情景模拟",
    "Untitled": "未命名",
    "&File": "文件(&F)",
    "&Edit": "编辑(&E)",
    "&Simulation": "模拟(&S)",
    "E&xport": "导出(&X)",
    "&Language": "语言(&L)",
    "&Help": "帮助(&H)",
    "&New": "新建(&N)",
    "&Open…": "打开(&O)…",
    "&Save": "保存(&S)",
    "Save &As…": "另存为(&A)…",
    "Open &Recent": "最近打开(&R)",
    "Clear list": "清除列表",
    "(none)": "(无)",
    "&Quit": "退出(&Q)",
    "&Undo": "撤销(&U)",
    "&Redo": "重做(&R)",
    "Undo {action}": "撤销 {action}",
    "Redo {action}": "重做 {action}",
    "Run again": "重新运行",
    "Run again with a new seed": "换一个随机种子重新运行",
    "Cancel run": "取消运行",
    "Current chart…": "当前图表…",
    "All charts to a folder…": "全部图表导出到文件夹…",
    "Summary table to CSV…": "汇总表导出为 CSV…",
    "Copy summary table": "复制汇总表",
    "中文": "中文",
    "English": "English",
    "About qdplan": "关于 qdplan",
    "qdplan simulates the budget of Qingdao's science and technology action plan "
    "2024–2028 (青政字〔2024〕20号). Caps, rates, clauses and targets come from the plan; "
    "every other number is a planner's assumption.":
        "qdplan 模拟青岛市科技创新行动计划(2024—2028年)(青政字〔2024〕20号)的预算支出。"
        "上限、比例、条款和目标来自行动计划;其他所有数字均为规划者的假设。",
    # panels
    "Plan catalogue": "行动计划目录",
    "Filter measures and lines…": "筛选措施和支持政策…",
    "Item": "项目",
    "Money rule": "资金规则",
    "no money rule": "无资金规则",
    "{n} lines": "{n} 条支持政策",
    "1 line": "1 条支持政策",
    "Subsidy line": "支持政策",
    "Scenario": "情景",
    "Indicators": "指标",
    "Select a subsidy line in the catalogue to edit its assumptions.":
        "在左侧目录中选择一条支持政策以编辑其假设。",
    # fixed facts
    "Fixed by the plan": "由行动计划规定",
    "These values come from the plan and cannot be changed here.":
        "以下数值来自行动计划,不可在此修改。",
    "Measure": "措施",
    "Section": "部分",
    "Responsible departments": "责任单位",
    "Money rule (cap or rate)": "资金规则(上限或比例)",
    "Form": "形式",
    "Clause": "条款",
    "Target 2028": "2028年目标",
    "Unit": "单位",
    "Measure {n}": "第{n}条",
    "Own budget line (not from the plan)": "自定预算项目(非行动计划规定)",
    "Add own budget line…": "添加自定预算项目…",
    "Remove own budget line": "删除自定预算项目",
    "This measure has no money rule in the plan. You can attach an own budget line with "
    "your own yearly figures.":
        "该措施在行动计划中没有资金规则。可为其添加自定预算项目,填写自己的年度数额。",
    "Lines of this measure": "本措施的支持政策",
    # forms
    "cap per award": "每项设上限",
    "paid over the construction period": "建设期内拨付",
    "share of cost, capped": "按费用比例、设上限",
    "share of investment": "按投资额比例",
    "award follows an indicator": "按指标核定",
    "first recognition": "首次认定",
    "re-recognition": "再次认定",
    "uncapped, case by case": "不设上限、一事一议",
    # assumptions
    "Assumptions (planner's, editable)": "假设(规划者设定,可修改)",
    "Basis": "依据",
    "Year": "年份",
    "Awards ({unit})": "数量({unit})",
    "Amount ({unit})": "金额({unit})",
    "Spread (CV)": "波动(变异系数)",
    "Award size, share of cap": "单项金额占上限比例",
    "Eligible cost per recipient": "每个对象的费用",
    "mean": "均值",
    "sd": "标准差",
    "mean ({unit})": "均值({unit})",
    "CV": "变异系数",
    "derived": "推算",
    "≈ {value} (renewals of {year} first recognitions)": "≈ {value}({year}年首次认定的续期)",
    "Disbursement profile (% per year after the award)": "拨付进度(授予后每年拨付%)",
    "e.g. 40 / 30 / 30": "例如 40 / 30 / 30",
    "The percentages must add up to 100.": "各年百分比之和必须为100。",
    "Renewal rate": "续期比例",
    "Could not apply the change: {problem}": "无法应用此修改: {problem}",
    "Projected outlay of this line": "本项支持政策的预计支出",
    "P5–P95": "P5–P95",
    # scenario panel
    "Name": "名称",
    "Description": "说明",
    "Uptake multiplier (all lines)": "申报量乘数(全部支持政策)",
    "Scales the planned uptake of every line; 100% keeps the planned figures.":
        "按比例放大或缩小所有支持政策的计划申报量;100%即保持原计划数。",
    "Common factor loading": "共同因子载荷",
    "How strongly uptake moves together across lines (0 = independently).":
        "各支持政策申报量同向波动的程度(0表示相互独立)。",
    "Simulation": "模拟设置",
    "Draws": "抽样次数",
    "Seed": "随机种子",
    "Sampler": "抽样方法",
    "New seed": "新种子",
    "pseudo-random": "伪随机",
    "Sobol (quasi-random)": "Sobol 低差异序列",
    "Latin hypercube": "拉丁超立方",
    "Scenario-wide assumptions": "全局假设",
    # indicator panel
    "Indicator": "指标",
    "Indicator model assumptions": "指标模型假设",
    "Start 2023": "2023年起点",
    "Trend per year": "年增长趋势",
    "Yearly noise (sd)": "年度波动(标准差)",
    "Effects of funded awards": "资助带来的增量效应",
    "Line": "支持政策",
    "Per": "单位",
    "per award": "每项",
    "per 万元 paid": "每万元拨款",
    "Mean": "均值",
    "SD": "标准差",
    "Changing the indicator model reruns the whole simulation.":
        "修改指标模型会重新运行整个模拟。",
    # results
    "Total outlay": "支出总额",
    "By section": "按部分",
    "By department": "按部门",
    "Targets": "目标",
    "Summary": "汇总",
    "Export chart…": "导出图表…",
    "Copy": "复制",
    "Export CSV…": "导出 CSV…",
    "Results are being computed…": "正在计算结果…",
    "Results are out of date: press Run again.": "结果已过期:请点击“重新运行”。",
    # status bar
    "{draws} draws · {sampler} · seed {seed} · {elapsed} · {time}":
        "{draws} 次抽样 · {sampler} · 种子 {seed} · 用时 {elapsed} · {time}",
    "Running {draws} draws…": "正在运行 {draws} 次抽样…",
    "Run cancelled; the previous results are still shown.": "已取消运行;仍显示上一次的结果。",
    "Run failed: {message}": "运行失败:{message}",
    "Saved {file}": "已保存 {file}",
    "Copied the summary table ({rows} rows) to the clipboard.":
        "已将汇总表({rows} 行)复制到剪贴板。",
    "Wrote {n} files to {folder}": "已写入 {n} 个文件到 {folder}",
    "Wrote {file}": "已写入 {file}",
    "Opened {file}": "已打开 {file}",
    # dialogs
    "Open scenario": "打开情景",
    "Save scenario": "保存情景",
    "Scenario files (*.json);;All files (*)": "情景文件 (*.json);;所有文件 (*)",
    "The scenario could not be opened": "无法打开情景",
    "{file} has {n} problem(s); the current scenario is unchanged.":
        "{file} 有 {n} 处问题;当前情景保持不变。",
    "Where": "位置",
    "Problem": "问题",
    "(whole file)": "(整个文件)",
    "Unsaved changes": "未保存的修改",
    "“{name}” has unsaved changes. Save them first?": "“{name}”有未保存的修改。是否先保存?",
    "Could not save": "无法保存",
    "Could not write the file": "无法写入文件",
    "Could not write the charts": "无法写入图表",
    "Export chart": "导出图表",
    "PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)":
        "PNG 图片 (*.png);;SVG 图片 (*.svg);;PDF 文档 (*.pdf)",
    "Choose a folder for the charts": "选择保存图表的文件夹",
    "Export summary table": "导出汇总表",
    "CSV (*.csv)": "CSV 文件 (*.csv)",
    "Restore unsaved work?": "恢复未保存的工作?",
    "qdplan did not close properly last time. Restore the unsaved changes of “{name}” "
    "(autosaved {time})?":
        "qdplan 上次未正常关闭。是否恢复“{name}”的未保存修改(自动保存于 {time})?",
    "The recovery file could not be read and was set aside: {problem}":
        "无法读取恢复文件,已将其移到一旁:{problem}",
    "Something went wrong": "出现错误",
    "qdplan hit an unexpected error: {message}\nDetails were written to {log}.":
        "qdplan 遇到意外错误:{message}\n详细信息已写入 {log}。",
    "Add own budget line": "添加自定预算项目",
    "Name (Chinese)": "名称(中文)",
    "Name (English)": "名称(英文)",
    "Department": "部门",
    "Amount per year (万元)": "每年金额(万元)",
    "own budget line": "自定预算项目",
    "planner's own figure": "规划者自定数额",
    # undo labels
    "{year} {line}: {what} {old} → {new}": "{year}年 {line} {what} {old} → {new}",
    "{line}: {what} {old} → {new}": "{line} {what} {old} → {new}",
    "{indicator}: {what} {old} → {new}": "{indicator} {what} {old} → {new}",
    "{what} {old} → {new}": "{what} {old} → {new}",
    "awards": "申报数",
    "amount": "金额",
    "spread": "波动",
    "award share mean": "单项比例均值",
    "award share sd": "单项比例标准差",
    "cost mean": "费用均值",
    "cost CV": "费用变异系数",
    "disbursement": "拨付进度",
    "renewal rate": "续期比例",
    "uptake multiplier": "申报量乘数",
    "common factor loading": "共同因子载荷",
    "start 2023 mean": "2023年起点均值",
    "start 2023 sd": "2023年起点标准差",
    "trend mean": "趋势均值",
    "trend sd": "趋势标准差",
    "noise sd": "波动标准差",
    "effect of {line} (mean)": "{line}的效应(均值)",
    "effect of {line} (sd)": "{line}的效应(标准差)",
    "draws": "抽样次数",
    "seed": "随机种子",
    "sampler": "抽样方法",
    "name": "名称",
    "description": "说明",
    "Add {line}": "添加 {line}",
    "Remove {line}": "删除 {line}",
    "Edit {what}": "修改 {what}",
}
