<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>{year} {item} = {value} {unit}</source>
        <translation>{year}年 {item} = {value} {unit}</translation>
    </message>
    <message>
        <source>Add observed value: {what}</source>
        <translation>添加实际值:{what}</translation>
    </message>
    <message>
        <source>Remove observed value: {what}</source>
        <translation>删除实际值:{what}</translation>
    </message>
    <message>
        <source>Remove {n} observed values</source>
        <translation>删除 {n} 项实际值</translation>
    </message>
    <message>
        <source>Observed {year} {item}: {old} → {new}</source>
        <translation>{year}年 {item} 实际值 {old} → {new}</translation>
    </message>
    <message>
        <source>Edit observed value: {what}</source>
        <translation>修改实际值:{what}</translation>
    </message>
    <message>
        <source>Edit observed values</source>
        <translation>修改实际值</translation>
    </message>
    <message>
        <source>{name} · {file}</source>
        <extracomment>Edits of the same setting merge into one undo step while ``open`` (e.g. a slider drag). The shipped file the scenario was read from, when it has no file of its own (the baseline the app starts with): named in titles, never written to. (previous scenario, path) of the last single-value change: lets the controller skip comparing whole scenarios to find what changed.</extracomment>
        <translation>{name} · {file}</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>(not saved)</source>
        <translation>(未保存)</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <source>qdplan hit an unexpected error: {message}
Details were written to {log}.</source>
        <translation>qdplan 遇到意外错误:{message}
详细信息已写入 {log}。</translation>
    </message>
    <message>
        <source>draws</source>
        <extracomment>Settings named by their path in the scenario (edit labels translate them at run time).</extracomment>
        <translation>模拟次数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>sampler</source>
        <translation>抽样方法</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>cap per award</source>
        <translation>每项设上限</translation>
    </message>
    <message>
        <source>paid over the construction period</source>
        <translation>建设期内拨付</translation>
    </message>
    <message>
        <source>share of cost, capped</source>
        <translation>按费用比例、设上限</translation>
    </message>
    <message>
        <source>share of investment</source>
        <translation>按投资额比例</translation>
    </message>
    <message>
        <source>award follows an indicator</source>
        <translation>按指标核定</translation>
    </message>
    <message>
        <source>first recognition</source>
        <translation>首次认定</translation>
    </message>
    <message>
        <source>re-recognition</source>
        <translation>再次认定</translation>
    </message>
    <message>
        <source>uncapped, case by case</source>
        <translation>不设上限、一事一议</translation>
    </message>
    <message>
        <source>amount not stated in the plan (own figure)</source>
        <translation>计划未列明金额(规划者自定数额)</translation>
    </message>
    <message>
        <source>pseudo-random</source>
        <translation>伪随机</translation>
    </message>
    <message>
        <source>Sobol (quasi-random)</source>
        <translation>Sobol 低差异序列</translation>
    </message>
    <message>
        <source>Latin hypercube</source>
        <translation>拉丁超立方</translation>
    </message>
    <message>
        <source>no money rule</source>
        <translation>无资金规则</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 条支持政策</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>{n} 条支持政策</translation>
    </message>
    <message>
        <source>{file} (shipped with qdplan)</source>
        <translation>{file}(qdplan 内置)</translation>
    </message>
    <message>
        <source>spread</source>
        <translation>波动</translation>
    </message>
    <message>
        <source>disbursement</source>
        <translation>拨付进度</translation>
    </message>
    <message>
        <source>renewal rate</source>
        <translation>续期比例</translation>
    </message>
    <message>
        <source>certificates issued</source>
        <translation>颁发证书数</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>award rule</source>
        <translation>奖补规则</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>awards</source>
        <translation>申报数</translation>
    </message>
    <message>
        <source>award share mean</source>
        <translation>单项比例均值</translation>
    </message>
    <message>
        <source>award share sd</source>
        <translation>单项比例标准差</translation>
    </message>
    <message>
        <source>cost mean</source>
        <translation>费用均值</translation>
    </message>
    <message>
        <source>cost CV</source>
        <translation>费用变异系数</translation>
    </message>
    <message>
        <source>noise sd degrees of freedom</source>
        <translation>波动标准差自由度</translation>
    </message>
    <message>
        <source>{year} {line}: {what} {old} → {new}</source>
        <translation>{year}年 {line} {what} {old} → {new}</translation>
    </message>
    <message>
        <source>{line}: {what} {old} → {new}</source>
        <translation>{line} {what} {old} → {new}</translation>
    </message>
    <message>
        <source>effect of {line} (mean)</source>
        <translation>{line}的效应(均值)</translation>
    </message>
    <message>
        <source>effect of {line} (sd)</source>
        <translation>{line}的效应(标准差)</translation>
    </message>
    <message>
        <source>effect of {line} (pre-plan level)</source>
        <translation>{line}的效应(计划前水平)</translation>
    </message>
    <message>
        <source>noise sd</source>
        <translation>波动标准差</translation>
    </message>
    <message>
        <source>noise persistence</source>
        <translation>波动持续性</translation>
    </message>
    <message>
        <source>start value</source>
        <translation>起点值</translation>
    </message>
    <message>
        <source>start sd</source>
        <translation>起点标准差</translation>
    </message>
    <message>
        <source>trend mean</source>
        <translation>趋势均值</translation>
    </message>
    <message>
        <source>trend sd</source>
        <translation>趋势标准差</translation>
    </message>
    <message>
        <source>{indicator}: {what} {old} → {new}</source>
        <translation>{indicator} {what} {old} → {new}</translation>
    </message>
    <message>
        <source>uptake multiplier</source>
        <translation>申报量乘数</translation>
    </message>
    <message>
        <source>common factor loading</source>
        <translation>共同因子载荷</translation>
    </message>
    <message>
        <source>Edit {what}</source>
        <translation>修改 {what}</translation>
    </message>
    <message>
        <source>{what} {old} → {new}</source>
        <translation>{what} {old} → {new}</translation>
    </message>
    <message>
        <source>Filter measures and lines…</source>
        <extracomment>The money-rule column: at most this wide, and at most this share of the tree&apos;s width. Below this width (pixels) the tree shows the names only.</extracomment>
        <translation>筛选措施和支持政策…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Money rule</source>
        <translation>资金规则</translation>
    </message>
    <message>
        <source>planner&apos;s own figure</source>
        <translation>规划者自定数额</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <extracomment>Charts are composed for canvases at least this wide (pixels); a narrower canvas draws the whole chart smaller, text included, down to MIN_CHART_SCALE, so that titles and legends are not cut off on small screens.</extracomment>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>The scenario could not be opened</source>
        <translation>无法打开情景</translation>
    </message>
    <message>
        <source>{file} has {n} problem(s); the current scenario is unchanged.</source>
        <translation>{file} 有 {n} 处问题;当前情景保持不变。</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>(whole file)</source>
        <translation>(整个文件)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>“{name}” has unsaved changes. Save them first?</source>
        <translation>“{name}”有未保存的修改。是否先保存?</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;SVG 图片 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Could not write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>Choose a folder for the charts</source>
        <translation>选择保存图表的文件夹</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Add own budget line</source>
        <translation>添加自定预算项目</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称(中文)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称(英文)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Amount per year (10k yuan)</source>
        <translation>每年金额(万元)</translation>
    </message>
    <message>
        <source>Projected outlay of this line</source>
        <translation>本项支持政策的预计支出</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>P5–P95</source>
        <translation>P5–P95</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Mean ({unit})</source>
        <translation>均值({unit})</translation>
    </message>
    <message>
        <source>P5–P95 ({unit})</source>
        <translation>P5–P95({unit})</translation>
    </message>
    <message>
        <source>Copied {rows} rows to the clipboard.</source>
        <translation>已复制 {rows} 行到剪贴板。</translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation>复制表格</translation>
    </message>
    <message>
        <source>Export charts…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Total outlays</source>
        <translation>支出总额</translation>
    </message>
    <message>
        <source>Difference to the reference</source>
        <translation>与参照情景的差额</translation>
    </message>
    <message>
        <source>Target probabilities</source>
        <translation>目标达成概率</translation>
    </message>
    <message>
        <source>Could not write the charts</source>
        <translation>无法写入图表</translation>
    </message>
    <message>
        <source>Wrote {n} files to {folder}</source>
        <translation>已写入 {n} 个文件到 {folder}</translation>
    </message>
    <message>
        <source>own budget line</source>
        <translation>自定预算项目</translation>
    </message>
    <message>
        <source>on-track threshold</source>
        <translation>有望达成阈值</translation>
    </message>
    <message>
        <source>at-risk threshold</source>
        <translation>存在风险阈值</translation>
    </message>
    <message>
        <source>yearly appropriation (10k yuan)</source>
        <translation>年度预算安排(万元)</translation>
    </message>
    <message>
        <source>Observed value</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>observed value</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Filter: line, year, setting…</source>
        <translation>筛选:支持政策、年份、设置…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参照情景</translation>
    </message>
    <message>
        <source>This scenario</source>
        <translation>本情景</translation>
    </message>
    <message>
        <source>No assumption differs.</source>
        <translation>没有不同的假设。</translation>
    </message>
    <message>
        <source>{n} differences</source>
        <translation>{n} 处差异</translation>
    </message>
    <message>
        <source>{shown} of {n} differences shown</source>
        <translation>显示 {shown} / {n} 处差异</translation>
    </message>
    <message>
        <source>Export differences</source>
        <translation>导出假设差异</translation>
    </message>
    <message>
        <source>Differences are computed draw by draw against the reference: Δ mean is the mean of the differences.</source>
        <translation>差额按每次模拟与参照情景逐一相减计算:Δ 为差额的均值。</translation>
    </message>
    <message>
        <source>Mean total outlay ({unit})</source>
        <translation>预算支出合计均值({unit})</translation>
    </message>
    <message>
        <source>Δ {name} − {reference}</source>
        <translation>Δ {name} − {reference}</translation>
    </message>
    <message>
        <source>Probability of reaching the 2028 target</source>
        <translation>2028年目标达成概率</translation>
    </message>
    <message>
        <source>Δ {name}</source>
        <translation>Δ {name}</translation>
    </message>
    <message>
        <source>All five targets</source>
        <translation>五项目标全部达成</translation>
    </message>
    <message>
        <source>{value} pp</source>
        <translation>{value} 个百分点</translation>
    </message>
    <message>
        <source>Compare scenarios</source>
        <extracomment>The window&apos;s size where the screen has room, and where it keeps its geometry.</extracomment>
        <translation>情景比较</translation>
    </message>
    <message>
        <source>Scenarios to compare (the first is the reference)</source>
        <translation>参与比较的情景(第一个为参照情景)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Add scenario files…</source>
        <translation>添加情景文件…</translation>
    </message>
    <message>
        <source>Add the current scenario</source>
        <translation>添加当前情景</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Make reference</source>
        <translation>设为参照情景</translation>
    </message>
    <message>
        <source>Draws</source>
        <translation>模拟次数</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>开始比较</translation>
    </message>
    <message>
        <source>Give every scenario the reference&apos;s observed values</source>
        <translation>所有情景均采用参照情景的实际值</translation>
    </message>
    <message>
        <source>Observed values are facts, not assumptions: with this on, the scenarios differ in their assumptions only.</source>
        <translation>实际值是事实而非假设:选中后各情景之间只有假设不同。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Every scenario runs with the reference&apos;s seed and sampler and the same number of draws (common random numbers), so the differences come from the assumptions, not from chance.</source>
        <translation>所有情景均使用参照情景的随机种子、抽样方法和相同的模拟次数(共同随机数),因此差异来自假设本身,而非随机波动。</translation>
    </message>
    <message>
        <source>Differences in assumptions</source>
        <translation>假设差异</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Totals and targets</source>
        <translation>支出与目标</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>比较情景</translation>
    </message>
    <message>
        <source>current, unsaved changes included</source>
        <translation>当前情景,含未保存的修改</translation>
    </message>
    <message>
        <source>current scenario</source>
        <translation>当前情景</translation>
    </message>
    <message>
        <source>Add at least one more scenario to compare.</source>
        <translation>请至少再添加一个情景进行比较。</translation>
    </message>
    <message>
        <source>Add scenarios to compare</source>
        <translation>添加要比较的情景</translation>
    </message>
    <message>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation>情景文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Comparing {n} scenarios, {draws} draws each…</source>
        <translation>正在比较 {n} 个情景,每个 {draws} 次模拟…</translation>
    </message>
    <message>
        <source>Compared {n} scenarios: {draws} draws, seed {seed}.</source>
        <translation>已比较 {n} 个情景:{draws} 次模拟,随机种子 {seed}。</translation>
    </message>
    <message>
        <source>Kept their own observed values (the reference&apos;s do not fit): {names}.</source>
        <translation>以下情景保留了自己的实际值(参照情景的实际值不适用):{names}。</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>已取消比较。</translation>
    </message>
    <message>
        <source>The previous comparison is still shown.</source>
        <translation>仍显示上一次的比较结果。</translation>
    </message>
    <message>
        <source>Comparison failed: {message}</source>
        <translation>比较失败:{message}</translation>
    </message>
    <message>
        <source>Wrote {file}</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <source>{scenario} · {draws} draws · seed {seed} · {sampler} · {seconds} · at {time}</source>
        <translation>{scenario} · {draws}次模拟 · 随机种子{seed} · {sampler} · 用时{seconds} · {time}完成</translation>
    </message>
    <message>
        <source>Out of date: the scenario has changed since this analysis ran. Press Run to bring it up to date.</source>
        <translation>已过期：此分析运行后情景已有改动。请点击“运行”更新。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>assumption: yearly appropriation set by the planner</source>
        <translation>假设：规划者设定的年度预算安排</translation>
    </message>
    <message>
        <source>Not applied yet</source>
        <translation>尚未应用</translation>
    </message>
    <message>
        <source>Appropriation {old} → {new}</source>
        <translation>预算安排 {old} → {new}</translation>
    </message>
    <message>
        <source>Could not apply the change: {problem}</source>
        <translation>无法应用此修改: {problem}</translation>
    </message>
    <message>
        <source>Appropriation ({unit})</source>
        <translation>预算安排（{unit}）</translation>
    </message>
    <message>
        <source>Expected outlay ({unit})</source>
        <translation>预算支出期望值（{unit}）</translation>
    </message>
    <message>
        <source>P95 outlay ({unit})</source>
        <translation>预算支出P95（{unit}）</translation>
    </message>
    <message>
        <source>P(outlay &gt; appropriation)</source>
        <translation>支出超出预算安排的概率</translation>
    </message>
    <message>
        <source>No appropriation is set. Choose “Yearly appropriation”, enter the amounts and press Apply to see the chance that each year&apos;s outlay exceeds it.</source>
        <translation>尚未设定预算安排。选择“按年设定预算安排”，输入各年金额并点击“应用”，即可看到各年预算支出超出预算安排的概率。</translation>
    </message>
    <message>
        <source>Results are being computed…</source>
        <translation>正在计算结果…</translation>
    </message>
    <message>
        <source>Share of the {draws} draws of the main results in which the year&apos;s outlay is above its appropriation. Green: at most {tol} (the goal seek&apos;s tolerance); amber: up to 50%; red: above.</source>
        <translation>主窗口{draws}次模拟中当年预算支出高于预算安排的比例。绿色：不超过{tol}（目标求解的容许度）；黄色：不超过50%；红色：超过50%。</translation>
    </message>
    <message>
        <source>Budget envelope: the yearly appropriation</source>
        <translation>预算约束：年度预算安排</translation>
    </message>
    <message>
        <source>Appropriation (planner&apos;s assumption, editable)</source>
        <translation>预算安排（规划者设定的假设，可修改）</translation>
    </message>
    <message>
        <source>No appropriation</source>
        <translation>不设预算安排</translation>
    </message>
    <message>
        <source>Yearly appropriation</source>
        <translation>按年设定预算安排</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>2024–2028</source>
        <translation>2024–2028年合计</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Fill with the expected outlay</source>
        <translation>按预算支出期望值填入</translation>
    </message>
    <message>
        <source>Each year&apos;s expected outlay from the current results, rounded up</source>
        <translation>取当前模拟结果中各年的预算支出期望值（向上取整）</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Chance that the outlay exceeds the appropriation</source>
        <translation>预算支出超出预算安排的概率</translation>
    </message>
    <message>
        <source>Choose at least one free line.</source>
        <translation>请至少勾选一个可调整条目。</translation>
    </message>
    <message>
        <source>Not run yet. Press Run: 10–30 s at 20,000 draws with every default line free; a few seconds with a handful of lines.</source>
        <translation>尚未运行。请点击“运行”：20,000次模拟、默认条目全部可调整时约需10–30秒；只调整少数条目时需数秒。</translation>
    </message>
    <message>
        <source>Set the bounds and the objective, then press Run to see the frontier of expected cost against probability.</source>
        <translation>设定上下限和求解目标后点击“运行”，查看预算支出期望值与达成概率的前沿。</translation>
    </message>
    <message>
        <source>Scenario as it is: {what} {p} at {cost} expected.</source>
        <translation>当前情景：{what}{p}，预算支出期望值{cost}。</translation>
    </message>
    <message>
        <source>It exceeds the appropriation in {p} of draws in its worst year (tolerance {tol}), so the frontier keeps below it.</source>
        <translation>当前情景在最不利年份有{p}的模拟超出预算安排（容许度{tol}），因此前沿各点都控制在预算安排之内。</translation>
    </message>
    <message>
        <source>Even the lowest levels exceed the appropriation in more than {tol} of draws in some year: the frontier ignores the envelope.</source>
        <translation>即使全部取下限，某些年份超出预算安排的模拟比例仍高于{tol}：前沿未考虑预算约束。</translation>
    </message>
    <message>
        <source>No levels within the bounds reach {goal}; the highest is {top}.</source>
        <translation>上下限内没有方案能达到{goal}；最高为{top}。</translation>
    </message>
    <message>
        <source>The closest is point {n}, selected below.</source>
        <translation>最接近的是第{n}点，已在下表选中。</translation>
    </message>
    <message>
        <source>Cheapest levels reaching {goal}: point {n}, {what} {p} at {cost} expected.</source>
        <translation>达到{goal}的最低成本方案：第{n}点，{what}{p}，预算支出期望值{cost}。</translation>
    </message>
    <message>
        <source>Highest probability: point {n}, {what} {p} at {cost} expected.</source>
        <translation>最高达成概率：第{n}点，{what}{p}，预算支出期望值{cost}。</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Outlay 2024–2028</source>
        <translation>2024–2028年支出</translation>
    </message>
    <message>
        <source>vs. now</source>
        <translation>与当前相比</translation>
    </message>
    <message>
        <source>Max. P(over budget)</source>
        <translation>超预算概率最大值</translation>
    </message>
    <message>
        <source>Expected total outlay 2024–2028 of all lines ({unit})</source>
        <translation>全部条目2024–2028年预算支出期望值（{unit}）</translation>
    </message>
    <message>
        <source>Change from the scenario as it is ({unit})</source>
        <translation>与当前情景相比的变化（{unit}）</translation>
    </message>
    <message>
        <source>Highest yearly P(outlay &gt; appropriation)</source>
        <translation>各年超出预算安排概率的最大值</translation>
    </message>
    <message>
        <source>Scenario as it is</source>
        <translation>当前情景</translation>
    </message>
    <message>
        <source>{n} (goal)</source>
        <translation>{n}（目标方案）</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>支持政策</translation>
    </message>
    <message>
        <source>Planned now (per year)</source>
        <translation>当前计划（各年）</translation>
    </message>
    <message>
        <source>At this point (per year)</source>
        <translation>此点（各年）</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>乘数</translation>
    </message>
    <message>
        <source>Uptake at the selected point</source>
        <translation>所选点的申报量</translation>
    </message>
    <message>
        <source>Uptake at point {n}</source>
        <translation>第{n}点的申报量</translation>
    </message>
    <message>
        <source>Uptake of the scenario as it is</source>
        <translation>当前情景的申报量</translation>
    </message>
    <message>
        <source>Apply point {n} to the scenario</source>
        <translation>将第{n}点应用到情景</translation>
    </message>
    <message>
        <source>Apply point to the scenario</source>
        <translation>将所选点应用到情景</translation>
    </message>
    <message>
        <source>The scenario has changed since the goal seek ran: run it again first.</source>
        <translation>目标求解运行后情景已有改动：请先重新运行。</translation>
    </message>
    <message>
        <source>Sets the uptake of the free lines to this point&apos;s levels, as one step you can undo.</source>
        <translation>将可调整条目的申报量设为此点的取值，作为可撤销的一步操作。</translation>
    </message>
    <message>
        <source>Apply goal-seek point {n}: uptake of {k} lines ({what} {p}, {cost})</source>
        <translation>应用目标求解第{n}点：{k}个条目的申报量（{what}{p}，{cost}）</translation>
    </message>
    <message>
        <source>Applied point {n} to the scenario. Undo restores the previous uptake.</source>
        <translation>已将第{n}点应用到情景。撤销可恢复原来的申报量。</translation>
    </message>
    <message>
        <source>The appropriation may be exceeded in at most this share of draws, every year.</source>
        <translation>每年超出预算安排的模拟比例不得高于此值。</translation>
    </message>
    <message>
        <source>No appropriation is set, so the budget envelope is not checked (set one in the Budget envelope tab).</source>
        <translation>尚未设定预算安排，因此不检查预算约束（可在“预算约束”页设定）。</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目标设定</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>求解目标</translation>
    </message>
    <message>
        <source>Highest probability (the cheapest such levels)</source>
        <translation>达成概率最高（其中成本最低的方案）</translation>
    </message>
    <message>
        <source>Cheapest levels reaching</source>
        <translation>成本最低且达成概率不低于</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容许度</translation>
    </message>
    <message>
        <source>Levels per line</source>
        <translation>每条目取值档数</translation>
    </message>
    <message>
        <source>Uptake levels tried per line, in equal steps between its bounds</source>
        <translation>每个条目在上下限之间等距尝试的申报量档数</translation>
    </message>
    <message>
        <source>Frontier points, cheapest first (money in {unit})</source>
        <translation>前沿各点，按成本从低到高（金额单位：{unit}）</translation>
    </message>
    <message>
        <source>Awards per year (10k yuan per year for amount lines). Each free line&apos;s planned uptake is scaled by one multiplier, so every planned year stays within its bounds. Defaults: half the smallest to 1.5 times the largest planned year. Lines not free stay as they are.</source>
        <translation>单位为每年申报数（金额类条目为每年万元）。每个可调整条目的计划申报量按同一乘数缩放，使各计划年份都在上下限之内。默认：计划最少年份的一半至最多年份的1.5倍。未勾选的条目保持不变。</translation>
    </message>
    <message>
        <source>Line (tick to free)</source>
        <translation>支持政策（勾选即可调整）</translation>
    </message>
    <message>
        <source>Planned per year</source>
        <translation>各年计划</translation>
    </message>
    <message>
        <source>Min per year</source>
        <translation>每年下限</translation>
    </message>
    <message>
        <source>Max per year</source>
        <translation>每年上限</translation>
    </message>
    <message>
        <source>Also list lines that do not move a target</source>
        <translation>同时列出不影响目标的条目</translation>
    </message>
    <message>
        <source>Free all</source>
        <translation>全部勾选</translation>
    </message>
    <message>
        <source>Free none</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Free lines and their bounds ({n} free)</source>
        <translation>可调整条目及其上下限（{n}条可调整）</translation>
    </message>
    <message>
        <source>Not run yet. Press Run: about 6 s at 20,000 draws (4 s without the indicator model&apos;s assumptions).</source>
        <extracomment>The least height of the tornado and drivers charts (pixels): below it their labels overlap; the tab scrolls on a smaller screen instead.</extracomment>
        <translation>尚未运行。请点击“运行”：20,000次模拟约需6秒（不含指标模型假设约4秒）。</translation>
    </message>
    <message>
        <source>Press Run to see which assumptions move the outlay and the targets most.</source>
        <translation>点击“运行”，查看哪些假设对预算支出和目标影响最大。</translation>
    </message>
    <message>
        <source>Uncertain quantity</source>
        <translation>不确定量</translation>
    </message>
    <message>
        <source>Which part</source>
        <translation>哪一部分</translation>
    </message>
    <message>
        <source>Share of outlay variance</source>
        <translation>占支出方差份额</translation>
    </message>
    <message>
        <source>First-order index</source>
        <translation>一阶指数</translation>
    </message>
    <message>
        <source>Rank correlation ρ</source>
        <translation>秩相关系数ρ</translation>
    </message>
    <message>
        <source>This output is the same in every draw: no source of uncertainty moves it.</source>
        <translation>该结果在每次模拟中都相同：没有不确定性来源能使其变化。</translation>
    </message>
    <message>
        <source>Variance share: each line&apos;s covariance with the total over the total&apos;s variance (all lines add up to 100%). First-order index: the share of the variance the quantity explains alone.</source>
        <translation>方差份额：各条目与合计的协方差除以合计的方差（全部条目合计100%）。一阶指数：该量单独可解释的方差份额。</translation>
    </message>
    <message>
        <source>First-order index: the share of the variance the quantity explains alone. Interactions and joint effects: {share}.</source>
        <translation>一阶指数：该量单独可解释的方差份额。交互与联合效应：{share}。</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>分析对象</translation>
    </message>
    <message>
        <source>Include the indicator model&apos;s assumptions (slower)</source>
        <translation>包括指标模型的假设（较慢）</translation>
    </message>
    <message>
        <source>Trend, 2023 start and effects of each indicator: each needs a full run.</source>
        <translation>各指标的趋势、2023年起点和政策效应：每项都需要一次完整模拟。</translation>
    </message>
    <message>
        <source>Tornado</source>
        <translation>龙卷风图</translation>
    </message>
    <message>
        <source>Global drivers</source>
        <translation>全局驱动因素</translation>
    </message>
    <message>
        <source>Global drivers over the draws</source>
        <translation>全局驱动因素（基于全部模拟）</translation>
    </message>
    <message>
        <source>Decision support — {name}</source>
        <translation>决策支持 — {name}</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>Decision support: sensitivity…</source>
        <translation>决策支持：敏感性分析…</translation>
    </message>
    <message>
        <source>Value for money…</source>
        <translation>性价比…</translation>
    </message>
    <message>
        <source>Budget envelope…</source>
        <translation>预算约束…</translation>
    </message>
    <message>
        <source>Goal seek…</source>
        <translation>目标求解…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Total outlay 2024–2028 (expected)</source>
        <translation>2024–2028年预算支出合计（期望值）</translation>
    </message>
    <message>
        <source>Probability of reaching all five targets</source>
        <translation>五项目标全部达成的概率</translation>
    </message>
    <message>
        <source>Probability of reaching the target: {indicator}</source>
        <translation>目标达成概率：{indicator}</translation>
    </message>
    <message>
        <source>P(all five)</source>
        <translation>五项全部达成概率</translation>
    </message>
    <message>
        <source>P({indicator})</source>
        <translation>{indicator}达成概率</translation>
    </message>
    <message>
        <source>Not run yet. Press Run: a few seconds at 20,000 draws.</source>
        <translation>尚未运行。请点击“运行”：20,000次模拟需数秒。</translation>
    </message>
    <message>
        <source>Press Run to rank the measures by the change in a target&apos;s probability per extra 1,000 10k yuan.</source>
        <translation>点击“运行”，按每多投入1,000万元带来的目标达成概率变化对各项措施排序。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Outlay 2024–2028 ({unit})</source>
        <translation>2024–2028年支出（{unit}）</translation>
    </message>
    <message>
        <source>Δ {output} (points)</source>
        <translation>Δ{output}（百分点）</translation>
    </message>
    <message>
        <source>Δ targets reached</source>
        <translation>Δ可达成目标数</translation>
    </message>
    <message>
        <source>Expected outlay of the measure 2024–2028</source>
        <translation>该措施2024–2028年预算支出期望值</translation>
    </message>
    <message>
        <source>Change in {output} per extra 1,000 10k yuan (points)</source>
        <translation>每多投入1,000万元{output}的变化（百分点）</translation>
    </message>
    <message>
        <source>Change in targets reached per extra 1,000 10k yuan</source>
        <translation>每多投入1,000万元可达成目标数的变化</translation>
    </message>
    <message>
        <source>Each measure&apos;s uptake is moved ±{step} in all its lines with the same random draws; the change in probability is divided by the change in the measure&apos;s expected outlay and quoted in percentage points per 1,000 10k yuan. “—”: the step moves no money.</source>
        <translation>每项措施的全部资金条目申报量在相同随机数下变动±{step}；目标达成概率的变化除以该措施预算支出期望值的变化，以每1,000万元的百分点表示。“—”表示该变动不涉及资金。</translation>
    </message>
    <message>
        <source>Measures ranked by value for money (Δ: change per extra 1,000 10k yuan spent through the measure)</source>
        <translation>各项措施按性价比排序（Δ：通过该措施每多投入1,000万元带来的变化）</translation>
    </message>
    <message>
        <source>The measure&apos;s share of the variance of the total outlay</source>
        <translation>该措施占预算支出合计方差的份额</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <extracomment>The window&apos;s size where the screen has room, and where it keeps its geometry.</extracomment>
        <translation>敏感性分析</translation>
    </message>
    <message>
        <source>Value for money</source>
        <translation>性价比</translation>
    </message>
    <message>
        <source>Goal seek</source>
        <translation>目标求解</translation>
    </message>
    <message>
        <source>{analysis}: running on a snapshot of the scenario ({draws} draws)…</source>
        <translation>{analysis}：正在基于情景快照运行（{draws}次模拟）…</translation>
    </message>
    <message>
        <source>{analysis} done in {seconds}.</source>
        <translation>{analysis}完成，用时{seconds}。</translation>
    </message>
    <message>
        <source>{analysis} cancelled; the previous result, if any, is still shown.</source>
        <translation>{analysis}已取消；仍显示此前的结果（如有）。</translation>
    </message>
    <message>
        <source>{analysis} failed: {message}</source>
        <translation>{analysis}失败：{message}</translation>
    </message>
    <message>
        <source>Every analysis runs on a snapshot of “{scenario}” with its seed {seed} and {sampler} sampling, and these draws; variants are compared with the same random numbers.</source>
        <translation>每项分析都基于“{scenario}”当前的快照，使用其随机种子{seed}、{sampler}抽样和此处的模拟次数；各方案使用相同的随机数比较。</translation>
    </message>
    <message>
        <source>Decision support</source>
        <translation>决策支持</translation>
    </message>
    <message>
        <source>Draws for the analyses</source>
        <translation>分析用模拟次数</translation>
    </message>
    <message>
        <source>Budget envelope</source>
        <translation>预算约束</translation>
    </message>
    <message>
        <source>Export summary table</source>
        <translation>导出汇总表</translation>
    </message>
    <message>
        <source>Copied the summary table ({rows} rows) to the clipboard.</source>
        <translation>已将汇总表({rows} 行)复制到剪贴板。</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <extracomment>An edit reaches the recovery file this long after it is made, at most.</extracomment>
        <translation>打开情景</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>已打开 {file}</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存情景</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <extracomment>False for windows that must leave no recovery file (screenshots).</extracomment>
        <translation>自动保存失败:{reason}</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作?</translation>
    </message>
    <message>
        <source>qdplan did not close properly last time. Restore the unsaved changes of “{name}” (autosaved {time})?</source>
        <translation>qdplan 上次未正常关闭。是否恢复“{name}”的未保存修改(自动保存于 {time})?</translation>
    </message>
    <message>
        <source>The recovery file {file} could not be read; it was kept as {aside}: {problem}</source>
        <translation>无法读取恢复文件 {file},已将其另存为 {aside}:{problem}</translation>
    </message>
    <message>
        <source>The recovery file {file} could not be read and was left where it is: {problem}</source>
        <translation>无法读取恢复文件 {file},已保留在原处:{problem}</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Workbook (Excel)…</source>
        <translation>工作簿(Excel)…</translation>
    </message>
    <message>
        <source>Results to Excel…</source>
        <translation>结果导出为 Excel…</translation>
    </message>
    <message>
        <source>Import workbook</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{file} holds the scenario as it is; nothing changed.</source>
        <translation>{file} 与当前情景相同,未作修改。</translation>
    </message>
    <message>
        <source>Import workbook {file}</source>
        <translation>导入工作簿 {file}</translation>
    </message>
    <message>
        <source>Imported {file}</source>
        <translation>已导入 {file}</translation>
    </message>
    <message>
        <source>Export workbook</source>
        <translation>导出工作簿</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Changing the indicator model reruns the whole simulation.</source>
        <translation>修改指标模型会重新运行整个模拟。</translation>
    </message>
    <message>
        <source>Fixed by the plan</source>
        <translation>由行动计划规定</translation>
    </message>
    <message>
        <source>These values come from the plan and cannot be changed here.</source>
        <translation>以下数值来自行动计划,不可在此修改。</translation>
    </message>
    <message>
        <source>Target 2028</source>
        <translation>2028年目标</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Indicator model assumptions</source>
        <translation>指标模型假设</translation>
    </message>
    <message>
        <source>Start {year} ({unit})</source>
        <translation>{year}年起点({unit})</translation>
    </message>
    <message>
        <source>Trend per year</source>
        <translation>年增长趋势</translation>
    </message>
    <message>
        <source>Yearly noise (sd)</source>
        <translation>年度波动(标准差)</translation>
    </message>
    <message>
        <source>Noise persistence</source>
        <translation>波动持续性(年际相关)</translation>
    </message>
    <message>
        <source>ν = {df}, Student-t bands</source>
        <translation>ν = {df},t分布区间</translation>
    </message>
    <message>
        <source>The trend and noise sds are estimates from the history with ν degrees of freedom: each draw scales both by √(ν/χ²ν), so the bands are Student-t.</source>
        <translation>趋势和波动的标准差是由历史数据估计的(自由度 ν):每次模拟将两者同乘 √(ν/χ²ν),因此区间服从t分布。</translation>
    </message>
    <message>
        <source>Sds estimated</source>
        <translation>标准差为估计值</translation>
    </message>
    <message>
        <source>no: taken as known</source>
        <translation>否:视为已知</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>SD</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>Pre-plan level</source>
        <translation>计划前水平</translation>
    </message>
    <message>
        <source>per award</source>
        <translation>每项</translation>
    </message>
    <message>
        <source>per 10k yuan paid</source>
        <translation>每万元拨款</translation>
    </message>
    <message>
        <source>Effects of funded awards</source>
        <translation>资助带来的增量效应</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>sd</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Responsible departments</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Lines of this measure</source>
        <translation>本措施的支持政策</translation>
    </message>
    <message>
        <source>This measure has no money rule in the plan. You can attach an own budget line with your own yearly figures.</source>
        <translation>该措施在行动计划中没有资金规则。可为其添加自定预算项目,填写自己的年度数额。</translation>
    </message>
    <message>
        <source>Add own budget line…</source>
        <translation>添加自定预算项目…</translation>
    </message>
    <message>
        <source>Select a subsidy line in the catalogue to edit its assumptions.</source>
        <translation>在左侧目录中选择一条支持政策以编辑其假设。</translation>
    </message>
    <message>
        <source>Own budget line (not from the plan)</source>
        <translation>自定预算项目(非行动计划规定)</translation>
    </message>
    <message>
        <source>Money rule (cap or rate)</source>
        <translation>资金规则(上限或比例)</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Measure {n}</source>
        <translation>第{n}条</translation>
    </message>
    <message>
        <source>Remove own budget line</source>
        <translation>删除自定预算项目</translation>
    </message>
    <message>
        <source>Assumptions (planner&apos;s, editable)</source>
        <translation>假设(规划者设定,可修改)</translation>
    </message>
    <message>
        <source>Awards ({unit})</source>
        <translation>数量({unit})</translation>
    </message>
    <message>
        <source>Amount ({unit})</source>
        <translation>金额({unit})</translation>
    </message>
    <message>
        <source>Spread (CV)</source>
        <translation>波动(变异系数)</translation>
    </message>
    <message>
        <source>Award size, share of cap</source>
        <translation>单项金额占上限比例</translation>
    </message>
    <message>
        <source>Eligible cost per recipient</source>
        <translation>每个对象的费用</translation>
    </message>
    <message>
        <source>mean ({unit})</source>
        <translation>均值({unit})</translation>
    </message>
    <message>
        <source>CV</source>
        <translation>变异系数</translation>
    </message>
    <message>
        <source>e.g. 40 / 30 / 30</source>
        <translation>例如 40 / 30 / 30</translation>
    </message>
    <message>
        <source>Disbursement profile (% per year after the award)</source>
        <translation>拨付进度(授予后每年拨付%)</translation>
    </message>
    <message>
        <source>Renewal rate</source>
        <translation>续期比例</translation>
    </message>
    <message>
        <source>The plan promises support here without an amount: fund it with your own yearly figures (0 = not funded).</source>
        <translation>计划在此承诺支持但未列明金额:可填写规划者自己的年度数额(0 = 不安排资金)。</translation>
    </message>
    <message>
        <source>The percentages must add up to 100.</source>
        <translation>各年百分比之和必须为100。</translation>
    </message>
    <message>
        <source>Add {line}</source>
        <translation>添加 {line}</translation>
    </message>
    <message>
        <source>Remove {line}</source>
        <translation>删除 {line}</translation>
    </message>
    <message>
        <source>derived</source>
        <translation>推算</translation>
    </message>
    <message>
        <source>≈ {value} (renewals of {year} certificates)</source>
        <translation>≈ {value}({year}年颁发证书的续期)</translation>
    </message>
    <message>
        <source>Total outlay</source>
        <translation>支出总额</translation>
    </message>
    <message>
        <source>By section</source>
        <translation>按部分</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按部门</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Observed: {years}</source>
        <translation>已有实际值:{years}年</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Scenario-wide assumptions</source>
        <translation>全局假设</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Uptake multiplier (all lines)</source>
        <translation>申报量乘数(全部支持政策)</translation>
    </message>
    <message>
        <source>Scales the planned uptake of every line; 100% keeps the planned figures.</source>
        <translation>按比例放大或缩小所有支持政策的计划申报量;100%即保持原计划数。</translation>
    </message>
    <message>
        <source>Common factor loading</source>
        <translation>共同因子载荷</translation>
    </message>
    <message>
        <source>How strongly uptake moves together across lines (0 = independently).</source>
        <translation>各支持政策申报量同向波动的程度(0表示相互独立)。</translation>
    </message>
    <message>
        <source>Uptake persistence (year to year)</source>
        <translation>申报量冲击持续性(年际相关)</translation>
    </message>
    <message>
        <source>Common factor persistence</source>
        <translation>共同因子持续性(年际相关)</translation>
    </message>
    <message>
        <source>How much a year&apos;s surprise in uptake carries into the next (0 = not at all).</source>
        <translation>某年申报量的意外变化有多少延续到下一年(0 = 不延续)。</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>模拟设置</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>抽样方法</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Run failed: {message}</source>
        <extracomment>The main window&apos;s size where the screen has room; smaller screens get what fits. Where this window and its comparison and decision windows keep their geometry; None (screenshots) neither restores nor saves it.</extracomment>
        <translation>运行失败:{message}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Simulation</source>
        <translation>模拟(&amp;S)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Run again with a new seed</source>
        <translation>换一个随机种子重新运行</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>取消运行</translation>
    </message>
    <message>
        <source>Current chart…</source>
        <translation>当前图表…</translation>
    </message>
    <message>
        <source>All charts to a folder…</source>
        <translation>全部图表导出到文件夹…</translation>
    </message>
    <message>
        <source>Summary table to CSV…</source>
        <translation>汇总表导出为 CSV…</translation>
    </message>
    <message>
        <source>Copy summary table</source>
        <translation>复制汇总表</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>About qdplan</source>
        <translation>关于 qdplan</translation>
    </message>
    <message>
        <source>Plan catalogue</source>
        <translation>行动计划目录</translation>
    </message>
    <message>
        <source>Subsidy line</source>
        <translation>支持政策</translation>
    </message>
    <message>
        <source>Undo {action}</source>
        <translation>撤销 {action}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Redo {action}</source>
        <translation>重做 {action}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>qdplan</source>
        <translation>qdplan 青岛科技行动计划预算情景模拟</translation>
    </message>
    <message>
        <source>{draws} draws · {sampler} · seed {seed} · {elapsed} · {time}</source>
        <translation>{draws} 次模拟 · {sampler} · 种子 {seed} · 用时 {elapsed} · {time}</translation>
    </message>
    <message>
        <source>Results are out of date: press Run again.</source>
        <translation>结果已过期:请点击“重新运行”。</translation>
    </message>
    <message>
        <source>Running {draws} draws…</source>
        <translation>正在运行 {draws} 次模拟…</translation>
    </message>
    <message>
        <source>Run cancelled; the previous results are still shown.</source>
        <translation>已取消运行;仍显示上一次的结果。</translation>
    </message>
    <message>
        <source>qdplan simulates the budget of Qingdao&apos;s science and technology action plan 2024–2028 (青政字〔2024〕20号). Caps, rates, clauses and targets come from the plan; every other number is a planner&apos;s assumption.</source>
        <translation>qdplan 模拟青岛市科技创新行动计划(2024—2028年)(青政字〔2024〕20号)的预算支出。上限、比例、条款和目标来自行动计划;其他所有数字均为规划者的假设。</translation>
    </message>
    <message>
        <source>Mid-term review: observed values</source>
        <translation>中期评估:实际值</translation>
    </message>
    <message>
        <source>Values observed for past years, each with its source. An observed indicator value restarts the projection from that year; observed outlays replace simulated ones. Results rerun after each change.</source>
        <translation>已发生年份的实际值,每项须注明来源。指标的实际值使预测从该年份重新起步;实际支出替代模拟支出。每次修改后结果会重新计算。</translation>
    </message>
    <message>
        <source>Target flags (planner&apos;s assumption)</source>
        <translation>目标状态阈值(规划者假设)</translation>
    </message>
    <message>
        <source>On track from</source>
        <translation>有望达成:概率不低于</translation>
    </message>
    <message>
        <source>At risk from</source>
        <translation>存在风险:概率不低于</translation>
    </message>
    <message>
        <source>Observed values</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Export CSV template…</source>
        <translation>导出 CSV 模板…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Years observed so far</source>
        <translation>已有实际值的年份</translation>
    </message>
    <message>
        <source>A target is off track below the at-risk threshold. The flags are shown in the summary and on the indicator charts.</source>
        <translation>达成概率低于“存在风险”阈值即为偏离目标。状态显示在汇总表和指标图表中。</translation>
    </message>
    <message>
        <source>Rows {rows}: enter a value and its source; the row is applied when it has both.</source>
        <translation>第 {rows} 行:请填写数值和来源;两者都填写后该行才会生效。</translation>
    </message>
    <message>
        <source>Double-click a cell to edit it. Values are in the unit shown; money in 10k yuan.</source>
        <translation>双击单元格进行编辑。数值按所示单位填写;金额单位为万元。</translation>
    </message>
    <message>
        <source>row {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <source>Not applied; the scenario is unchanged:</source>
        <translation>未应用,情景保持不变:</translation>
    </message>
    <message>
        <source>Import observed values</source>
        <translation>导入实际值</translation>
    </message>
    <message>
        <source>CSV or Excel (*.csv *.xlsx);;All files (*)</source>
        <translation>CSV 或 Excel (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not read the file</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <source>{file} has no filled-in values; nothing was imported.</source>
        <translation>{file} 中没有填写数值;未导入任何内容。</translation>
    </message>
    <message>
        <source>Import {n} observed values from {file}</source>
        <translation>从 {file} 导入 {n} 项实际值</translation>
    </message>
    <message>
        <source>Imported {n} observed values from {file}</source>
        <translation>已从 {file} 导入 {n} 项实际值</translation>
    </message>
    <message>
        <source>name (ignored on import)</source>
        <translation>名称(导入时忽略)</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Export CSV template</source>
        <translation>导出 CSV 模板</translation>
    </message>
    <message>
        <source>Export Excel template</source>
        <translation>导出 Excel 模板</translation>
    </message>
    <message>
        <source>e.g. 2025 statistical bulletin</source>
        <translation>例如 2025年统计公报</translation>
    </message>
    <message>
        <source>Outlays (lines or measures)</source>
        <translation>支出(支持政策或措施)</translation>
    </message>
    <message>
        <source>observed</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Outlays start in 2024.</source>
        <translation>支出从2024年开始。</translation>
    </message>
    <message>
        <source>{n} observed outlays</source>
        <translation>{n} 项实际支出</translation>
    </message>
    <message>
        <source>The observed values could not be imported</source>
        <translation>无法导入实际值</translation>
    </message>
    <message>
        <source>{file} has {n} problem(s); nothing was imported.</source>
        <translation>{file} 有 {n} 处问题;未导入任何内容。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>entry {n}</source>
        <translation>第 {n} 项</translation>
    </message>
    <message>
        <source>{file}: the folder {folder} does not exist.</source>
        <translation>{file}:文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>{file}: the file is read-only.</source>
        <translation>{file}:该文件为只读,未被替换。</translation>
    </message>
    <message>
        <source>{file}: permission denied.</source>
        <translation>{file}:没有写入权限。</translation>
    </message>
    <message>
        <source>Re&amp;view</source>
        <translation>中期评估(&amp;V)</translation>
    </message>
    <message>
        <source>Observed values and target flags</source>
        <translation>实际值与目标状态阈值</translation>
    </message>
    <message>
        <source>Import observed values (CSV or Excel)…</source>
        <translation>导入实际值(CSV 或 Excel)…</translation>
    </message>
    <message>
        <source>Load history (CSV)…</source>
        <translation>载入历史数据(CSV)…</translation>
    </message>
    <message>
        <source>Use the published history</source>
        <translation>使用公开历史数据</translation>
    </message>
    <message>
        <source>Export Excel template…</source>
        <translation>导出 Excel 模板…</translation>
    </message>
    <message>
        <source>Compare scenarios…</source>
        <translation>情景比较…</translation>
    </message>
    <message>
        <source>Briefing report (PDF)…</source>
        <translation>简报(PDF)…</translation>
    </message>
    <message>
        <source>Actuals</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Load history</source>
        <translation>载入历史数据</translation>
    </message>
    <message>
        <source>CSV (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The history could not be loaded</source>
        <translation>无法载入历史数据</translation>
    </message>
    <message>
        <source>Indicator charts show the history of {file} ({n} figures)</source>
        <translation>指标图表显示 {file} 的历史数据({n} 个数值)</translation>
    </message>
    <message>
        <source>Indicator charts show the published history</source>
        <translation>指标图表显示公开历史数据</translation>
    </message>
    <message>
        <source>A briefing report is being written…</source>
        <translation>正在生成简报…</translation>
    </message>
    <message>
        <source>briefing</source>
        <translation>简报</translation>
    </message>
    <message>
        <source>Write briefing report</source>
        <translation>生成简报</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write the briefing report</source>
        <translation>无法生成简报</translation>
    </message>
    <message>
        <source>Writing the briefing report {file}…</source>
        <translation>正在生成简报 {file}…</translation>
    </message>
    <message>
        <source>No rationing (only the chance of exceeding)</source>
        <translation>不限额(只计算超支概率)</translation>
    </message>
    <message>
        <source>Proportional: every payment scaled alike</source>
        <translation>按比例压减: 各项兑现同比例压减</translation>
    </message>
    <message>
        <source>By priority: measures in order, the rest waits</source>
        <translation>按优先顺序: 按条目顺序兑现, 其余顺延</translation>
    </message>
    <message>
        <source>Rationing under the appropriation</source>
        <translation>预算额度内的兑现(限额分配)</translation>
    </message>
    <message>
        <source>When the money runs out</source>
        <translation>资金不足时</translation>
    </message>
    <message>
        <source>Priority (measure numbers, first served first)</source>
        <translation>优先顺序(条目编号, 靠前者先兑现)</translation>
    </message>
    <message>
        <source>Backlog cap (10k yuan)</source>
        <translation>待兑现上限(万元)</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>设上限</translation>
    </message>
    <message>
        <source>Payments that do not fit in the year&apos;s appropriation wait for the next year (waiting ones are paid first); beyond the cap they are refused. Set the appropriation in the decision window&apos;s Budget envelope tab.</source>
        <translation>超出当年预算额度的兑现顺延至下一年(先兑现顺延部分); 超出待兑现上限的不予兑现。预算额度在决策支持窗口的“预算约束”页设定。</translation>
    </message>
    <message>
        <source>Priority: give measure numbers separated by commas, e.g. 14, 10, 1</source>
        <translation>优先顺序: 请用逗号分隔条目编号, 例如 14, 10, 1</translation>
    </message>
    <message>
        <source>Certificates issued in {year}</source>
        <translation>{year}年颁发证书数(首次及再次认定)</translation>
    </message>
    <message>
        <source>Rate (at most the plan&apos;s {ceiling:g} %)</source>
        <translation>比例(不超过计划规定的{ceiling:g}%)</translation>
    </message>
    <message>
        <source>Each point&apos;s registered turnover (10k yuan, 2023 level)</source>
        <translation>每个服务点上年度登记成交额(万元,2023年水平)</translation>
    </message>
    <message>
        <source>Each enterprise&apos;s R&amp;D increment (10k yuan, at the trend)</source>
        <translation>每家企业研发投入增量(万元,按趋势增长时)</translation>
    </message>
    <message>
        <source>… its spread (CV)</source>
        <translation>…其离散程度(变异系数)</translation>
    </message>
    <message>
        <source>Award as a share of it (each award at most {cap:g} 10k yuan)</source>
        <translation>奖补比例(每项最高{cap:g}万元)</translation>
    </message>
    <message>
        <source>Outlay by responsible unit (%)</source>
        <translation>按责任单位分担支出(%)</translation>
    </message>
    <message>
        <source>Group {n}</source>
        <translation>第{n}组</translation>
    </message>
    <message>
        <source>Apply shares</source>
        <translation>应用比例</translation>
    </message>
    <message>
        <source>Lead unit 100 %</source>
        <translation>牵头单位100%</translation>
    </message>
    <message>
        <source>Department shares of measure {n}</source>
        <translation>措施{n}的责任单位分担比例</translation>
    </message>
</context>
</TS>
