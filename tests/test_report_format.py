"""What real reports need of the format (issue 15): declines, bounds, lists, units, series,
notes, uncaptioned figures, text after subsections and errors that say what to do.

Every report here is synthetic, written for the test in the shapes of real statistics
reports; none of its figures are real.
"""

from __future__ import annotations

import pytest

from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Figure, Paragraph, Section
from xihu_tui.core.report.problems import ReportError
from xihu_tui.core.text.numbers import Qualifier

FRONT = """format = {version}

[report]
title = "示例市统计公报（合成文本）"
language = "zh-CN"
"""
"""Every synthetic report here starts so."""

HEAD = (
    FRONT
    + """
[[sections]]
id = "s"
title = "一、物价"

[[sections.paragraphs]]
id = "p"
text = "{text}"
"""
)


def metric(**keys: object) -> str:
    lines = ["[[sections.metrics]]", 'id = "m"', 'label = "指标"', 'paragraph = "p"']
    for key, value in keys.items():
        lines.append(f"{key} = {value!r}".replace("'", '"') if isinstance(value, str) else f"{key} = {value}")
    return "\n".join(lines) + "\n"


def report(text: str, *metrics: str, version: int = 2, extra: str = "") -> str:
    return HEAD.format(version=version, text=text) + "\n" + "\n".join(metrics) + extra


def problems(toml: str) -> list[str]:
    with pytest.raises(ReportError) as raised:
        loads_report(toml, source="r.toml")
    return [str(problem) for problem in raised.value.problems]


def line_of(toml: str, text: str) -> int:
    return next(n for n, line in enumerate(toml.splitlines(), 1) if line.startswith(text))


# -- 1. declines ---------------------------------------------------------------------------

DECLINE = "衣着价格同比下降9.4%，食品价格上涨3.2%。"


def test_a_decline_is_a_value_below_zero() -> None:
    loaded = loads_report(report(DECLINE, metric(value=-9.4, unit="%", quote="衣着价格同比下降9.4%")))
    assert loaded.metrics[0].value == -9.4 and loaded.metrics[0].written == "9.4%"


def test_a_decline_written_as_its_size_is_refused_in_format_2_and_says_how() -> None:
    toml = report(DECLINE, metric(value=9.4, unit="%", quote="衣着价格同比下降9.4%"))
    assert problems(toml) == [
        f"r.toml:{line_of(toml, 'value')}: sections[0](s).metrics[0](m).value: "
        "the quote states a decline (下降9.4%): write it as value = -9.4"
    ]


def test_a_minus_without_words_of_decline_is_refused() -> None:
    toml = report(DECLINE, metric(value=-3.2, unit="%", quote="食品价格上涨3.2%"))
    assert problems(toml) == [
        f"r.toml:{line_of(toml, 'value')}: sections[0](s).metrics[0](m).value: "
        "-3.2 is below zero, but the quote states no decline (3.2%): write value = 3.2"
    ]


def test_a_format_1_decline_keeps_its_size_in_the_file_and_its_sign_in_the_model() -> None:
    loaded = loads_report(
        report(DECLINE, metric(value=9.4, unit="%", quote="衣着价格同比下降9.4%"), version=1)
    )
    assert loaded.metrics[0].value == -9.4


def test_a_fall_to_a_level_is_the_level() -> None:
    loaded = loads_report(report("涨幅回落至2.1%。", metric(value=2.1, unit="%", quote="回落至2.1%")))
    assert loaded.metrics[0].value == 2.1


# -- 2. bounds and approximations ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("增长约275倍。", 275, "倍", "approximately"),
        ("增长了近905倍。", 905, "倍", "at-most"),
        ("差距不到0.3个百分点。", 0.3, "个百分点", "at-most"),
        ("城镇化率首次突破60%。", 60, "%", "at-least"),
        ("人数超过1000人。", 1000, "人", "at-least"),
        ("人数超过1000人。", 1000, "人", "more-than"),
        ("营收逾200亿元。", 20_000_000_000, "元", "more-than"),
        ("增长5%左右。", 5, "%", "approximately"),
    ],
)
def test_the_words_justify_the_qualifier(text: str, value: float, unit: str, qualifier: str) -> None:
    quote = text.rstrip("。")
    loaded = loads_report(report(text, metric(value=value, unit=unit, quote=quote, qualifier=qualifier)))
    assert loaded.metrics[0].qualifier is Qualifier(qualifier)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("增长约275倍。", 275, "倍", "exact"),
        ("差距不到0.3个百分点。", 0.3, "个百分点", "at-least"),
        ("城镇化率首次突破60%。", 60, "%", "at-most"),
    ],
)
def test_a_qualifier_the_words_do_not_justify_is_refused(
    text: str, value: float, unit: str, qualifier: str
) -> None:
    toml = report(text, metric(value=value, unit=unit, quote=text.rstrip("。"), qualifier=qualifier))
    (problem,) = problems(toml)
    assert problem.startswith(
        f"r.toml:{line_of(toml, 'qualifier')}: sections[0](s).metrics[0](m).qualifier: "
        f"{qualifier!r} disagrees with the quote, which says "
    )


# -- 3. 分别 lists and repeated quotes -----------------------------------------------------

LIST = "2016年至2019年宏观税负分别为17.47%、17.35%、17.01%和16.02%。"
LIST_QUOTE = "分别为17.47%、17.35%、17.01%和16.02%"


def test_a_list_needs_to_say_which_number_the_metric_is() -> None:
    toml = report(LIST, metric(value=17.35, unit="%", quote=LIST_QUOTE))
    assert problems(toml) == [
        f"r.toml:{line_of(toml, '[[sections.metrics]]')}: sections[0](s).metrics[0](m).number: "
        "the quote states 4 numbers "
        "(1) 17.47% 2) 17.35% 3) 17.01% 4) 16.02%): say which this metric is with number = N"
    ]


def test_the_number_named_must_be_the_value() -> None:
    assert loads_report(report(LIST, metric(value=17.35, unit="%", quote=LIST_QUOTE, number=2)))
    toml = report(LIST, metric(value=17.47, unit="%", quote=LIST_QUOTE, number=2))
    assert problems(toml) == [
        f"r.toml:{line_of(toml, 'value')}: sections[0](s).metrics[0](m).value: "
        "17.47 disagrees with number 2 of the quote: 17.35% = 17.35"
    ]


REPEATED = "同比增长0.5%；其中一季度、四季度分别为3.3%、0.5%。"


def test_a_quote_said_twice_must_say_which() -> None:
    toml = report(REPEATED, metric(value=0.5, unit="%", quote="0.5%"))
    assert problems(toml) == [
        f"r.toml:{line_of(toml, '[[sections.metrics]]')}: sections[0](s).metrics[0](m).occurrence: "
        "the quote occurs 2 times "
        "in its paragraph: say which with occurrence = N (1 is the first), or quote more words"
    ]


def test_the_occurrence_named_is_the_one_marked() -> None:
    loaded = loads_report(report(REPEATED, metric(value=0.5, unit="%", quote="0.5%", occurrence=2)))
    (found,) = loaded.metrics
    assert found.quote_at == REPEATED.rindex("0.5%")
    assert found.quote_start(REPEATED) == REPEATED.rindex("0.5%")


# -- 4. units --------------------------------------------------------------------------------


def test_a_unit_the_words_contradict_is_refused() -> None:
    toml = report("全国人口14.1亿人。", metric(value=1_410_000_000, unit="公里", quote="人口14.1亿人"))
    assert problems(toml) == [
        f"r.toml:{line_of(toml, 'unit')}: sections[0](s).metrics[0](m).unit: "
        '"公里" disagrees with the quote, which counts in "人" (14.1亿人)'
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("新增就业1.2万名。", 12000, "人"),
        ("单位能耗0.42吨标准煤/万元。", 0.42, "吨标准煤/万元"),
        ("提高0.3个百分点。", 0.3, "个百分点"),
        ("出口额2.2万亿美元。", 2_200_000_000_000, "美元"),
        ("新增设备120台（套）。", 120, "台（套）"),
    ],
)
def test_units_written_as_reports_write_them_are_accepted(text: str, value: float, unit: str) -> None:
    loaded = loads_report(report(text, metric(value=value, unit=unit, quote=text.rstrip("。"))))
    assert loaded.metrics[0].unit == unit


GROUP = """
[[groups]]
id = "g"
label = "组"
"""


def test_the_member_that_breaks_its_groups_unit_is_the_one_named() -> None:
    text = "甲1人，乙2人，丙3公里。"
    members = [
        metric(value=v, unit=u, quote=q, group="g").replace('id = "m"', f'id = "{i}"')
        for i, v, u, q in (("a", 1, "人", "甲1人"), ("b", 2, "人", "乙2人"), ("c", 3, "公里", "丙3公里"))
    ]
    toml = report(text, *members).replace("[[sections]]", GROUP + "\n[[sections]]", 1)
    (problem,) = problems(toml)
    assert "metrics[2](c).unit: " in problem and 'group "g" compares "人"' in problem


# -- 5. series -------------------------------------------------------------------------------

SERIES_TEXT = "城镇化率从2015年的56.1%提高到2020年的63.9%。"


def series(*points: str) -> str:
    return "series = [" + ", ".join(points) + "]\n"


def test_every_point_of_a_series_is_a_number_of_its_paragraph() -> None:
    base = metric(value=63.9, unit="%", quote="2020年的63.9%", number=2)
    good = base + series('{ period = "2015", value = 56.1 }', '{ period = "2020", value = 63.9 }')
    assert [p.value for p in loads_report(report(SERIES_TEXT, good)).metrics[0].series] == [56.1, 63.9]
    toml = report(SERIES_TEXT, base + series('{ period = "2015", value = 56.2 }'))
    assert problems(toml) == [
        f"r.toml:{line_of(toml, 'series')}: sections[0](s).metrics[0](m).series[0].value: "
        "56.2 is not a number of the metric's paragraph; give the point the words that state it "
        'with quote = "…"'
    ]


def test_periods_are_unique_and_in_order() -> None:
    base = metric(value=63.9, unit="%", quote="2020年的63.9%", number=2)
    toml = report(
        SERIES_TEXT,
        base
        + series(
            '{ period = "2020", value = 63.9 }',
            '{ period = "2015", value = 56.1 }',
            '{ period = "2015", value = 56.1 }',
        ),
    )
    found = problems(toml)
    assert any('series[1].period: period "2015" comes after "2020"' in line for line in found), found
    assert any('series[2].period: period "2015" is already point 2' in line for line in found), found


# -- 6. notes --------------------------------------------------------------------------------


def test_a_note_in_two_languages_is_shown_in_either() -> None:
    toml = report("增长5%。", metric(value=5, unit="%", quote="增长5%")).replace(
        'id = "p"', 'id = "p"\nnote = { zh = "合成文本。", en = "Synthetic text." }', 1
    )
    note = loads_report(toml).paragraphs[0].note
    assert note is not None and note.text("en") == "Synthetic text." and note.text("zh-CN") == "合成文本。"
    assert note.text("fr") == "合成文本。"  # the first given, when none is in the language asked for


# -- 7. figures without captions -------------------------------------------------------------

FIGURE = """
[[sections.figures]]
id = "chart"
{words}
after = "p"
"""


def test_an_uncaptioned_chart_is_known_by_its_placeholder_and_carries_its_metric() -> None:
    toml = report(
        "增长5%。",
        metric(value=5, unit="%", quote="增长5%", figure="chart"),
        extra=FIGURE.format(words='placeholder = "图表：增长率"'),
    )
    loaded = loads_report(toml)
    figure = loaded.figures[0]
    assert figure.caption == "" and figure.words == "图表：增长率" and loaded.metrics[0].figure == "chart"


def test_a_figure_without_any_words_is_refused_and_told_what_to_write() -> None:
    toml = report("增长5%。", metric(value=5, unit="%", quote="增长5%"), extra=FIGURE.format(words=""))
    (problem,) = problems(toml)
    assert "figures[0](chart).caption: a figure needs words" in problem and "placeholder" in problem


# -- 8. text after subsections ---------------------------------------------------------------

CHAPTER = (
    FRONT.format(version=2)
    + """
[[sections]]
id = "ch1"
title = "一、经济运行"

[[sections.paragraphs]]
id = "intro"
text = "全年经济运行总体平稳。"

[[sections.paragraphs]]
id = "close"
text = "总的来看，经济稳中有进。"

[[sections.sections]]
id = "industry"
title = "（一）工业"
after = "{first}"

[[sections.sections.paragraphs]]
id = "industry-1"
text = "工业增加值增长5%。"

[[sections.sections]]
id = "services"
title = "（二）服务业"
after = "{second}"

[[sections.sections.paragraphs]]
id = "services-1"
text = "服务业增加值增长6%。"
"""
)


def test_subsections_sit_among_their_parents_paragraphs() -> None:
    loaded = loads_report(CHAPTER.format(first="intro", second="intro"))
    order = [(type(item).__name__, item.id) for item in loaded.sections[0].contents()]
    assert order == [
        ("Paragraph", "intro"),
        ("Section", "industry"),
        ("Section", "services"),
        ("Paragraph", "close"),
    ]


def test_subsections_out_of_reading_order_are_refused() -> None:
    found = problems(CHAPTER.format(first="close", second="intro"))
    assert (
        len(found) == 1
        and "sections[0](ch1).sections[1](services).after: subsections come in reading order" in found[0]
    )


def test_a_subsection_after_a_paragraph_that_is_not_there_is_refused() -> None:
    toml = CHAPTER.format(first="intro", second="nowhere")
    line = line_of(toml, 'after = "nowhere"')
    assert problems(toml) == [
        f"r.toml:{line}: sections[0](ch1).sections[1](services).after: "
        "no paragraph 'nowhere' in section 'ch1'"
    ]


def test_without_after_subsections_follow_the_last_paragraph() -> None:
    section = Section(
        "s",
        "S",
        paragraphs=(Paragraph("a", "甲"), Paragraph("b", "乙")),
        figures=(Figure("f", "图", after="a"),),
        sections=(Section("child", "子"),),
    )
    assert [item.id for item in section.contents()] == ["a", "f", "b", "child"]
    assert [item.id for item in section.reading_order()] == ["a", "f", "b"]


# -- 10. errors that say what to do ------------------------------------------------------------

SHALLOW = (
    FRONT.format(version=2)
    + """
[[sections]]
id = "features"
title = "特色产业"

[[sections.sections]]
id = "industry"
title = "工业"

[[sections.sections.paragraphs]]
id = "industry-1"
text = "工业产值300多亿元。"

[[sections.metrics]]
id = "output"
label = "工业产值"
value = 30000000000
unit = "元"
qualifier = "more-than"
quote = "工业产值300多亿元"
paragraph = "industry-1"
"""
)


def test_a_metric_one_level_too_shallow_is_told_where_its_paragraph_is() -> None:
    assert problems(SHALLOW) == [
        f"r.toml:{line_of(SHALLOW, 'paragraph = ')}: sections[0](features).metrics[0](output).paragraph: "
        "no paragraph 'industry-1' in section 'features'; it is in section 'industry' (sections[0].sections[0]): "
        "write this under [[sections.sections.metrics]] after that section's header"
    ]


# -- format versions: check --upgrade --------------------------------------------------------

OLD = """# A format 1 report (synthetic text): its comments survive the upgrade.
format = 1

[report]
title = "示例市统计公报（合成文本）"
language = "zh-CN"

[[sections]]
id = "s"
title = "一、物价"

[[sections.paragraphs]]
id = "p"
text = "衣着价格同比下降9.4%；2018年、2019年分别为17.35%、17.01%。"

[[sections.metrics]]
id = "clothing"   # the size of a decline, as format 1 wrote it
label = "衣着价格"
value = 9.4
unit = "%"
quote = "衣着价格同比下降9.4%"
paragraph = "p"

[[sections.metrics]]
id = "rate-2019"
label = "2019年"
value = 17.01
unit = "%"
quote = "分别为17.35%、17.01%"
paragraph = "p"
"""


def test_upgrade_says_in_format_2_what_format_1_meant(tmp_path, capsys) -> None:
    from xihu_tui.cli import main

    path = tmp_path / "old.toml"
    path.write_text(OLD, encoding="utf-8")
    before = loads_report(OLD)
    assert main(["check", "--upgrade", str(path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    upgraded = path.read_text(encoding="utf-8")
    assert upgraded.startswith("# A format 1 report (synthetic text)")
    assert "format = 2" in upgraded and "# the size of a decline, as format 1 wrote it" in upgraded
    assert "value = -9.4" in upgraded and "number = 2" in upgraded
    after = loads_report(upgraded)
    assert after.format_version == 2
    assert [(m.value, m.written, m.quote_at) for m in after.metrics] == [
        (m.value, m.written, m.quote_at) for m in before.metrics
    ]
    assert printed[0] == f"{path}:2: format: 1 → 2 (the format version)"
    assert any(": sections[0].metrics[0].value: 9.4 → -9.4 (a decline is signed" in line for line in printed)
    assert main(["check", "--upgrade", str(path)]) == 0
    assert "already format 2" in capsys.readouterr().out


def test_upgrade_refuses_a_report_with_problems_and_leaves_it_alone(tmp_path, capsys) -> None:
    from xihu_tui.cli import main

    path = tmp_path / "old.toml"
    broken = OLD.replace("value = 17.01", "value = 17.02")
    path.write_text(broken, encoding="utf-8")
    assert main(["check", "--upgrade", str(path)]) == 2
    assert "not upgraded" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == broken


def test_search_follows_the_one_reading_order() -> None:
    from xihu_tui.core.search.index import SearchIndex

    report = loads_report(CHAPTER.format(first="intro", second="intro"))
    result = SearchIndex(report).search("。")
    assert [hit.item_id for hit in result.hits] == ["intro", "industry-1", "services-1", "close"]
    assert result.counts_by_section() == {"ch1": 2, "industry": 1, "services": 1}
    assert [hit.item_id for hit in result.hits_in_section("ch1")] == ["intro", "close"]
    scoped = SearchIndex(report).search("。", section_id="ch1")
    assert [hit.item_id for hit in scoped.hits] == ["intro", "industry-1", "services-1", "close"]
    by_pinyin = SearchIndex(report).search("jj")  # 经济 in the title, the introduction and at the close
    assert [hit.item_id for hit in by_pinyin.hits] == ["ch1", "intro", "close"]
    assert by_pinyin.counts_by_section() == {"ch1": 3}
