"""Every kind of finding `check` can report: a stable code, a Chinese title and description, a level.

Codes never change meaning: regional rules files, scripts reading `check --json` and the README
refer to them. A format's arithmetic rules use the R codes; their level is the format's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import Level


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    description: str
    level: Level
    # A judgement on wording or on change, not a fact: never stops `generate`, whatever level a
    # regional rules file gives it (copying, jumps, hygiene).
    fuzzy: bool = False


_E, _W, _I = Level.ERROR, Level.WARNING, Level.INFO

CATALOGUE: dict[str, Check] = {c.code: c for c in (
    Check("R1", "表三逐列平衡",
          "第三部分每一列：第一项加第二项之和，等于第三项（七）总计加第四项之和（表内注明的勾稽关系）。", _E),
    Check("R2", "表三行总计",
          "第三部分每一行：总计等于自然人与各类法人或其他组织之和。", _E),
    Check("R3", "表三办理结果总计",
          "第三部分每一列：（七）总计等于（一）至（六）各项办理结果之和。", _E),
    Check("R4", "表四总计",
          "第四部分每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和。", _E),
    Check("R5", "数字填写",
          "统计数是不小于0的整数；2019年格式的“本年增/减”可为负数；金额是不小于0的数。", _E),
    Check("PRECISION", "金额的小数位",
          "金额的小数比一分钱还细（元超过两位小数、万元超过六位小数），多半是计算时带进来的，报告中会照原样印出。", _W),
    Check("R6a", "对外公开总数量",
          "2019年格式第二部分：对外公开总数量不应小于本年新公开数量。", _W),
    Check("R6b", "现行有效件数（跨年度）",
          "2021年格式第二部分：现行有效件数等于上年的现行有效件数加本年制发件数减本年废止件数（需 --previous）。", _W),
    Check("R7", "上年结转（跨年度）",
          "本年“二、上年结转”等于上年报告的“四、结转下年度继续办理”，逐列核对（需 --previous）。", _W),
    Check("R8", "上一年项目数量（跨年度）",
          "2019年格式第二部分：本年“上一年项目数量”等于上年的“上一年项目数量”加“本年增/减”（需 --previous）。", _W),
    Check("REQUIRED", "必填项",
          "基本信息的必填项、正文第一、五、六部分和必选的选项不能空着。", _E),
    Check("CHOICE", "选项",
          "选项只能填写下拉列表中的一项。", _E),
    Check("FORMULA", "合计公式",
          "合计格的公式被删除时，检查和生成报告按各分项之和计算，并提示恢复公式。", _W),
    Check("BLANK", "空白格",
          "表格中留空的数字格按0计算；确实为0的建议填写0。", _W),
    Check("FORMAT_YEAR", "格式与年度",
          "报告年度应在工作簿所用格式的适用年度内。", _E),
    Check("CHARACTERS", "无法显示的字符",
          "文字中有无法显示的字符（�）时为错误；有看不见的控制字符、方向标记时提示，生成报告时删除。", _E),
    Check("YEAR", "报告年度",
          "报告年度不能晚于今年；本年的报告在年度结束前检查时提示统计期限未结束。", _E),
    Check("CONTACT", "联系方式",
          "邮政编码为6位数字，网址以 http:// 或 https:// 开头，电子邮箱有 @ 和域名；没有发布网站时提示。", _W),
    Check("PREVIOUS", "上年报告",
          "用来对比的上年报告应是同一机关上一年度的报告。", _W),
    Check("FEE", "信息处理费",
          "是否收取信息处理费、收费件数和金额应彼此一致。", _W),
    Check("UNIT", "金额单位",
          "格式未规定单位的金额（2019年格式的采购总金额）要选择单位。", _E),
    Check("NARRATIVE", "正文与表格",
          "正文说没有收到申请、没有复议诉讼、没有收费，表格或基本信息却有；正文引用了另一种格式的文号。", _W),
    Check("TEXT_NUMBER", "正文数字与表格不符",
          "正文写的申请、办理结果、复议诉讼及其结果、规章和规范性文件、许可处罚强制决定、收费金额等数字"
          "（含“约”“余”“以上”“近”等概数所说的范围，以及“均获维持”“全部办结”等说法），与表格的数字不符。"
          "表格无法核对的数字不报告。", _E),
    Check("TEXT_SCOPE", "正文数字的口径",
          "正文写的“收到（新收）申请”数，等于表三本年新收加上年结转，而不是本年新收：口径与表格不同。", _W),
    Check("PLACEHOLDER", "正文中的占位符",
          "正文留有 XX、××、……、待补充、待填写、TODO、【】、（此处……）等没有填写的占位内容，"
          "报告不能带着它们报出。", _E),
    Check("SECTION5", "第五部分过于简单",
          "第五部分“存在的主要问题及改进情况”只写“无”或一句话，或者没有同时写出存在的问题和改进措施。", _W, True),
    Check("FEE_TEXT", "第六部分与收费情况",
          "第六部分写“无”（没有需要报告的事项），基本信息却填了收取信息处理费。", _W),
    Check("NUMBERING", "小标题序号",
          "同一部分的小标题序号应连续（（一）（二）（三）……），不跳号、不重复；同一层级只用一种序号写法"
          "（一、（一）1.（1）依次使用，“一、”留给报告的六个部分）。", _W, True),
    Check("HEADING", "重复的部分标题",
          "正文中又写了“一、总体情况”“二、主动公开政府信息情况”等部分标题；这些标题由报告自动印出，不用在正文中填写。",
          _W, True),
    Check("PUNCT", "半角标点",
          "中文文字中用了半角标点（, ; : ? ! ( ) 等，含“(一)”这样的半角括号序号），"
          "应改为全角（，；：？！（））。", _W, True),
    Check("DOUBLE_PUNCT", "重复标点",
          "连续两个标点（，，。。，。、、等），多半是删改文字时留下的。", _W, True),
    Check("TEXT_YEAR", "正文中的年份",
          "正文写的统计期限或报告年度与本报告的年度不符，多半是沿用了往年的文字。", _W, True),
    Check("ORGAN_NAME", "正文中的机关名称",
          "正文中出现与基本信息的机关名称同类、但地名不同的机关全称，多半是沿用了其他单位的文字。", _W, True),
    Check("COPY_SHARE", "与上年报告相同的比例",
          "正文（第一至六部分）与上年报告相同文字所占的比例，逐部分和全文列出（需 --previous）。", _I, True),
    Check("COPY", "与上年报告雷同",
          "全文或某一部分与上年报告相同的文字超过一半，列出与上年相同的段落（需 --previous）。", _W, True),
    Check("JUMP", "与上年相比变化过大",
          "统计数比上年增加到5倍以上或减少到五分之一以下（数字较小时不报告），"
          "请核对是否填错（需 --previous）。", _W, True),
    Check("UNIT_SLIP", "金额与上年相差约一万倍",
          "金额与上年相比相差约一万倍，多半是元和万元写混了（需 --previous）。", _W, True),
    # Reading a published report (DOCX, web page, PDF): what the reader could not vouch for.
    Check("IMPORT_TITLE", "报告标题",
          "从已发布的报告中读取时，没有找到“某某机关某年政府信息公开工作年度报告”样式的标题，"
          "机关名称和年度需要人工填写。", _W),
    Check("IMPORT_FORMAT", "表格样式",
          "已发布报告的表格样式（2019年格式或2021年格式）与标题年度应使用的格式不同；按表格的样式读取。", _W),
    Check("IMPORT_TABLE", "缺少表格",
          "已发布的报告中没有找到格式规定的某张统计表，其中的数字没有读取。", _E),
    Check("IMPORT_ROW", "缺少的行",
          "已发布报告的统计表中没有找到格式规定的某一行，这一行的数字没有读取。", _E),
    Check("IMPORT_MERGED", "合并印出的行",
          "已发布报告把格式中分列的几行（如2021年格式的“（六）其他处理”三个子项）印成了一行合计，无法分到各子项。", _E),
    Check("IMPORT_EXTRA", "格式以外的行",
          "已发布报告的统计表中有格式没有的行（或重复的行），其中的数字没有读入，请人工核对。", _W),
    Check("IMPORT_SECTION", "正文部分标题",
          "已发布报告的正文中没有找到某一部分的标题（如“五、存在的主要问题及改进情况”），"
          "这部分的文字可能归入了前一部分。", _W),
)}

def check_of(code: str) -> Check:
    return CATALOGUE[code]
