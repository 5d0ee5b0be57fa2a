"""The search state the explorer keeps: where matching starts, stepping, scope."""

from __future__ import annotations

from xihu_tui.core.model import Report
from xihu_tui.core.search import SearchIndex
from xihu_tui.core.search_session import SearchSession


def test_first_match_is_at_or_after_where_the_reader_was(bundled_report: Report) -> None:
    session = SearchSession(bundled_report, SearchIndex(bundled_report), origin="digital-2")
    session.run("在这特殊的一年")
    assert session.current_hit is not None
    assert session.current_hit.section_id == "digital"
    assert session.counter == f"3/{len(session.hits)}"


def test_stepping_wraps_both_ways(bundled_report: Report) -> None:
    session = SearchSession(bundled_report, SearchIndex(bundled_report), origin=None)
    session.run("在这特殊的一年")
    total = len(session.hits)
    assert session.step(-1) == session.hits[-1]
    assert session.step(1) == session.hits[0]
    for _ in range(total):
        session.step(1)
    assert session.current == 0


def test_section_scope_uses_the_section_the_search_began_in(bundled_report: Report) -> None:
    session = SearchSession(bundled_report, SearchIndex(bundled_report), origin="medical-staff")
    session.whole_report = False
    session.run("西湖区")
    assert session.scope == "epidemic"
    assert session.sections_with_hits == {"epidemic"}
    assert all(hit.section_id == "epidemic" for hit in session.hits)


def test_nothing_found_has_no_current_hit(bundled_report: Report) -> None:
    session = SearchSession(bundled_report, SearchIndex(bundled_report), origin=None)
    session.run("不存在的词语")
    assert session.current_hit is None and session.step(1) is None and session.counter == ""
