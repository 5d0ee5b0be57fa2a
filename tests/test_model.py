"""The model: nested sections, series and lookups, as a report author writes them."""

from __future__ import annotations

import dataclasses

import pytest

from xihu_tui.core.report.model import Figure, Paragraph, Qualifier, Report, Section, SeriesPoint


def test_subsections_nest_to_any_depth_in_document_order(nested_report: Report) -> None:
    assert [s.id for s in nested_report.walk()] == [
        "economy",
        "industry",
        "digital-industry",
        "society",
    ]
    path = nested_report.section_path("digital-industry")
    assert [s.title for s in path] == ["经济", "工业", "数字产业"]
    assert [s.title for s in nested_report.section_path("economy")] == ["经济"]
    assert nested_report.section_path("no-such-section") == ()


def test_a_section_s_place_is_said_one_way_on_one_line(nested_report: Report) -> None:
    """The palette, the overview, the crumbs over the text and `search` all name a section's
    place with these words."""
    assert nested_report.path_words("digital-industry") == "经济 › 工业 › 数字产业"
    assert nested_report.path_words("digital-industry", parents_only=True) == "经济 › 工业"
    assert nested_report.path_words("economy", parents_only=True) == ""
    assert nested_report.path_words("no-such-section") == ""


def test_series_load_as_period_value_pairs(nested_report: Report) -> None:
    gdp = nested_report.metric_by_id["gdp"]
    assert gdp.series == (
        SeriesPoint("2019", 100_000_000_000.0),
        SeriesPoint("2020", 113_000_000_000.0),
        SeriesPoint("2021", 120_000_000_000.0),
    )
    assert nested_report.metric_by_id["gdp-growth"].series == ()


def test_groups_collect_metrics_across_sections(nested_report: Report) -> None:
    members = nested_report.group_members("output")
    assert [m.id for m in members] == ["gdp", "industry-output"]
    assert nested_report.group_members("no-such-group") == ()
    assert nested_report.metric_by_id["industry-output"].qualifier is Qualifier.MORE_THAN


def test_every_item_knows_its_section(nested_report: Report) -> None:
    assert nested_report.section_of["digital-firms"].id == "digital-industry"
    assert nested_report.section_of["society-photo"].id == "society"
    assert nested_report.section_of["industry-1"].id == "industry"


def test_model_is_immutable(nested_report: Report) -> None:
    metric = nested_report.metrics[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        metric.value = 1.0  # type: ignore[misc]


def test_bundled_report_metadata(bundled_report: Report) -> None:
    assert bundled_report.language == "zh-CN"
    assert bundled_report.place == "杭州市西湖区"
    assert bundled_report.period == "2020"
    assert bundled_report.summary.startswith("6 sections")


@pytest.mark.parametrize(
    ("metric_id", "value", "qualifier"),
    [
        ("households-visited", 660_000, Qualifier.EXACT),
        ("qinqing-payout", 6_000_000_000, Qualifier.MORE_THAN),
        ("resolution-rate", 96.7, Qualifier.EXACT),
        ("government-fund", 10_000_000_000, Qualifier.MORE_THAN),
        ("top100-years", 8, Qualifier.EXACT),
        ("digital-economy-growth", 30, Qualifier.AT_LEAST),
        ("resettlement-housing", 78_000, Qualifier.EXACT),
    ],
)
def test_bundled_values_are_normalised_to_base_units(bundled_report, metric_id, value, qualifier) -> None:
    metric = bundled_report.metric_by_id[metric_id]
    assert metric.value == pytest.approx(value)
    assert metric.qualifier is qualifier


def test_inferences_are_said_in_the_data(bundled_report: Report) -> None:
    # 方 is read as square metres: an inference, so each such metric says so.
    for metric in bundled_report.metrics:
        if "万方" in metric.quote or metric.quote.endswith("方"):
            assert metric.unit == "平方米"
            assert metric.note and "方" in metric.note.all_text


def test_the_loader_keeps_the_words_that_state_each_value(bundled_report: Report) -> None:
    from dataclasses import replace

    from xihu_tui.core.report.written import written_number

    for metric in bundled_report.metrics:
        assert metric.written is not None and metric.written in metric.quote, metric.id
        # The same words that finding the number in the quote again would give.
        assert written_number(replace(metric, written=None)) == metric.written
    assert bundled_report.metric_by_id["medical-staff"].written == "1600"


def test_figures_read_after_the_paragraph_they_name_or_first() -> None:
    section = Section(
        "s",
        "s",
        paragraphs=(Paragraph("p1", "一"), Paragraph("p2", "二")),
        figures=(
            Figure("after-p1", "图一", after="p1"),
            Figure("opening", "图〇"),
            Figure("also-p1", "图二", after="p1"),
        ),
    )
    order = [item.id for item in section.reading_order()]
    assert order == ["opening", "p1", "after-p1", "also-p1", "p2"]
