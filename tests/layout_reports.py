"""Synthetic reports of shapes the bundled one lacks, for the layout tests: long section titles
told apart only at their end, figures whose words are the figure (60多亿元, 超百亿元), very
large numbers, many groups, a section without figures, and no figures at all."""

from __future__ import annotations

from reports import report_toml
from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Report

LONG_TITLES = [f"加快深化改革的攻坚步伐之{'一二三四五六七八九十'[i]}({101 + i})" for i in range(4)]
"""Titles that differ only in their last characters, as in a long report's parts."""


def _metric(
    id: str, label: str, value: float, unit: str, quote: str, paragraph: str, **more: str
) -> tuple[str, dict[str, str | float]]:
    table: dict[str, str | float] = {
        "id": id,
        "label": label,
        "value": value,
        "unit": unit,
        "quote": quote,
        "paragraph": paragraph,
    }
    table.update(more)
    return "[[sections.metrics]]", table


def shapes_report() -> Report:
    """Four long-titled sections, the first with figures in many groups, the second with none."""
    sections: list[tuple[str, dict[str, str | float]]] = []
    text = (
        "“亲清在线”平台累计兑付金额60多亿元,全周期政府基金总规模超百亿元,"
        "坚守岗位的医务人员1600名,全区生产总值6000000000元,新建绿道3.6公里,"
        "惠及群众27.8万人,检查车次21万车次,完成换届的村社组织202个。"
    )
    sections.append(("[[sections]]", {"id": "s1", "title": LONG_TITLES[0]}))
    sections.append(("[[sections.paragraphs]]", {"id": "p1", "text": text}))
    metrics = [
        _metric(
            "m1",
            "“亲清在线”平台累计兑付",
            6e9,
            "元",
            "累计兑付金额60多亿元",
            "p1",
            qualifier="more-than",
            group="g1",
        ),
        _metric(
            "m2",
            "全周期政府基金总规模",
            1e10,
            "元",
            "总规模超百亿元",
            "p1",
            qualifier="more-than",
            group="g1",
        ),
        _metric("m3", "坚守岗位的医务人员", 1600, "人", "医务人员1600名", "p1", group="g2"),
        _metric("m4", "全区生产总值", 6e9, "元", "生产总值6000000000元", "p1", group="g1"),
        _metric("m5", "新建绿道", 3.6, "公里", "新建绿道3.6公里", "p1", group="g3"),
        _metric("m6", "惠及群众", 278000, "人", "惠及群众27.8万人", "p1", group="g2"),
        _metric("m7", "检查车次", 210000, "车次", "检查车次21万车次", "p1", group="g4"),
        _metric("m8", "完成换届的村社组织", 202, "个", "村社组织202个", "p1", group="g5"),
    ]
    sections += metrics
    for index, title in enumerate(LONG_TITLES[1:], 2):
        sections.append(("[[sections]]", {"id": f"s{index}", "title": title}))
        sections.append(
            ("[[sections.paragraphs]]", {"id": f"p{index}", "text": f"第{index}部分的正文,没有数据。"})
        )
    groups = [
        {"id": "g1", "label": "资金规模", "description": "亲清在线与政府基金的资金。"},
        {"id": "g2", "label": "惠及人数"},
        {"id": "g3", "label": "建设长度"},
        {"id": "g4", "label": "检查次数"},
        {"id": "g5", "label": "基层组织"},
    ]
    report = {"title": "形状各异的测试报告", "language": "zh-CN"}
    return loads_report(report_toml(report, sections, groups))


def bare_report() -> Report:
    """Two sections, not a figure in the whole report."""
    sections: list[tuple[str, dict[str, str | float]]] = [
        ("[[sections]]", {"id": "a", "title": "第一部分"}),
        ("[[sections.paragraphs]]", {"id": "a1", "text": "这一部分只有文字。" * 8}),
        ("[[sections]]", {"id": "b", "title": "第二部分"}),
        ("[[sections.paragraphs]]", {"id": "b1", "text": "这一部分也只有文字。" * 8}),
    ]
    return loads_report(report_toml({"title": "没有数据的报告", "language": "zh-CN"}, sections))
