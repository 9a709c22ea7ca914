"""Chinese for Excel workbooks: the scenario workbook (File ▸ Import/Export), the results
workbook and the actuals template as .xlsx."""

from __future__ import annotations

ZH = {
    "&Import": "导入(&I)",
    "&Export": "导出(&E)",
    "Workbook (Excel)…": "工作簿(Excel)…",
    "Results to Excel…": "结果导出为 Excel…",
    "Excel workbook (*.xlsx)": "Excel 工作簿 (*.xlsx)",
    "Excel workbook (*.xlsx);;All files (*)": "Excel 工作簿 (*.xlsx);;所有文件 (*)",
    "Import workbook": "导入工作簿",
    "Export workbook": "导出工作簿",
    "Export results": "导出结果",
    "Import workbook {file}": "导入工作簿 {file}",
    "Imported {file}": "已导入 {file}",
    "{file} holds the scenario as it is; nothing changed.": "{file} 与当前情景相同,未作修改。",
    "Export Excel template…": "导出 Excel 模板…",
    "Export Excel template": "导出 Excel 模板",
    "Import observed values (CSV or Excel)…": "导入实际值(CSV 或 Excel)…",
    "CSV or Excel (*.csv *.xlsx);;All files (*)": "CSV 或 Excel (*.csv *.xlsx);;所有文件 (*)",
}
