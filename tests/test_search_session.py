"""The search state the explorer keeps: where matching starts, stepping, scope."""

from __future__ import annotations

from xihu_tui.core.report.model import Report
from xihu_tui.core.search.index import SearchIndex
from xihu_tui.core.search.session import SearchSession


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


def test_per_section_hits_and_the_first_hit_match_a_brute_force_walk(bundled_report: Report) -> None:
    order = {section.id: i for i, section in enumerate(bundled_report.walk())}
    index = SearchIndex(bundled_report)
    for origin in (None, "epidemic", "digital-2", "medical-staff"):
        session = SearchSession(bundled_report, index, origin=origin)
        for query in ("西湖", "的", "xihu", ">=1", "不存在的词语"):
            session.run(query)
            everything = list(session.hits)
            assert session.sections_with_hits == {hit.section_id for hit in everything}
            for section in bundled_report.walk():
                expected = [hit for hit in everything if hit.section_id == section.id]
                assert session.hits_in(section.id) == expected
                assert session.hits_in(section.id) == expected  # asked again: the same
            here = order[session.origin_section] if session.origin_section else 0
            brute = next((i for i, hit in enumerate(everything) if order[hit.section_id] >= here), 0)
            assert session.current == brute, (origin, query)
            assert session.current_hit == (everything[brute] if everything else None)


def test_hits_in_before_any_search_is_empty(bundled_report: Report) -> None:
    session = SearchSession(bundled_report, SearchIndex(bundled_report), origin=None)
    assert session.hits_in("epidemic") == []
    assert session.sections_with_hits == set()
    assert session.current_hit is None and session.counter == ""
