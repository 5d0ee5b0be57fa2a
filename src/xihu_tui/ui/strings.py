"""The interface's own words, in English and Chinese.

Report text is never translated; only the chrome around it. The language follows
the report's declared language unless `--lang` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Qualifier, Report


@dataclass(frozen=True)
class Strings:
    lang: str
    contents: str
    text: str
    metrics: str
    byline: str
    place: str
    period: str
    published: str
    inferred: str
    editorial_title: str
    col_label: str
    col_written: str
    col_value: str
    col_unit: str
    col_qualifier: str
    col_section: str
    col_group: str
    qualifiers: dict[Qualifier, str]
    no_metrics: str
    copied: str
    copy_caveat: str
    nothing_to_copy: str
    theme: str
    counts: str  # "{sections} sections, {paragraphs} paragraphs, ..."
    bindings: dict[str, str]

    def report_summary(self, report: Report) -> str:
        return self.counts.format(
            sections=sum(1 for _ in report.walk()),
            paragraphs=len(report.paragraphs),
            figures=len(report.figures),
            metrics=len(report.metrics),
        )

    def describe(self, binding_id: str | None, default: str) -> str:
        return self.bindings.get(binding_id, default) if binding_id else default


ENGLISH = Strings(
    lang="en",
    contents="Contents",
    text="Text",
    metrics="Metrics",
    byline="Byline",
    place="Place",
    period="Period",
    published="Published",
    inferred="inferred, see note",
    editorial_title="title added by the editors, not in the source",
    col_label="Metric",
    col_written="As written",
    col_value="Value",
    col_unit="Unit",
    col_qualifier="Qualifier",
    col_section="Section",
    col_group="Group",
    qualifiers={
        Qualifier.EXACT: "exact",
        Qualifier.MORE_THAN: "more than",
        Qualifier.AT_LEAST: "at least",
        Qualifier.AT_MOST: "at most",
    },
    no_metrics="This section states no figures.",
    copied="Copied to the clipboard",
    copy_caveat="Sent with OSC 52; some terminals (GNOME Terminal and other VTE ones) ignore it.",
    nothing_to_copy="Highlight a paragraph, caption or metric to copy it.",
    theme="Theme",
    counts="{sections} sections · {paragraphs} paragraphs · {figures} captions · {metrics} metrics",
    bindings={},
)

CHINESE = Strings(
    lang="zh",
    contents="目录",
    text="正文",
    metrics="数据",
    byline="作者",
    place="地区",
    period="时期",
    published="发布日期",
    inferred="推断，见说明",
    editorial_title="编者所加标题，原文无",
    col_label="指标",
    col_written="原文",
    col_value="数值",
    col_unit="单位",
    col_qualifier="限定",
    col_section="章节",
    col_group="分组",
    qualifiers={
        Qualifier.EXACT: "确数",
        Qualifier.MORE_THAN: "多于",
        Qualifier.AT_LEAST: "不少于",
        Qualifier.AT_MOST: "不超过",
    },
    no_metrics="本节没有数据。",
    copied="已复制到剪贴板",
    copy_caveat="通过 OSC 52 发送；部分终端（如 GNOME Terminal 等 VTE 终端）不支持。",
    nothing_to_copy="请先选中段落、图片说明或指标。",
    theme="主题",
    counts="{sections} 节 · {paragraphs} 段 · {figures} 幅图片说明 · {metrics} 项数据",
    bindings={
        "quit": "退出",
        "help": "帮助",
        "theme": "主题",
        "overview": "数据总览",
        "copy": "复制",
        "previous-section": "上一节",
        "next-section": "下一节",
        "toggle-contents": "目录",
        "jump": "跳到原文",
        "palette": "命令",
    },
)


def strings_for(lang: str | None, report_language: str) -> Strings:
    chosen = lang or report_language
    return CHINESE if chosen.lower().startswith("zh") else ENGLISH
