"""Searching in the explorer: `/`, scopes, n/N, the counter, cancelling, pinyin and numbers.

Escape keeping the reader at the match, and the search after the bar closes, are in
test_search_stays.py."""

from __future__ import annotations

import re

from rich.text import Text

from explorer_view import contents_rows, cursor_id, searches_done, tree
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.search_bar import SearchBar


def counter(app: XihuApp) -> str:
    label = app.screen.query_one("#search-counter")
    return str(label.render())


def highlighted(app: XihuApp, style_name: str) -> list[str]:
    """The text of every span in the reading pane styled as a search match (or the current one)."""
    pane = app.screen.query_one(DetailPane)
    style = "." + style_name.removeprefix("detail-pane--")  # the pane resolves it when drawing
    found = []
    for block in pane.blocks:
        text: Text = block.text
        found += [text.plain[span.start : span.end] for span in text.spans if span.style == style]
    return found


async def type_query(pilot, query: str) -> None:
    await pilot.press("slash")
    for character in query:
        await pilot.press(character)
    await searches_done(pilot)


async def test_slash_opens_the_bar_and_results_follow_every_keystroke(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar)
        assert bar.is_open and bar.input.has_focus
        await pilot.press("健")
        await pilot.pause()
        # One keystroke finds already: 健康码, the row 健康码研发用时, and 体育健身 in another section.
        assert counter(app) == "1/3"
        assert highlighted(app, "detail-pane--match-current") == ["健"]
        await pilot.press("康", "码")
        await pilot.pause()
        # The paragraph, then the contents' row 健康码研发用时 (labels are searched too).
        assert counter(app) == "1/2"
        assert cursor_id(app) == "epidemic-3"
        assert highlighted(app, "detail-pane--match-current") == ["健康码"]


async def test_counter_and_n_wrap_around(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "在这特殊的一年")
        total = len(app.screen.search.hits)
        assert total >= 6
        assert counter(app) == f"1/{total}"
        await pilot.press("enter")  # next, from inside the bar
        assert counter(app) == f"2/{total}"
        await pilot.press("shift+enter", "shift+enter")  # back past the first: wraps to the last
        assert counter(app) == f"{total}/{total}"
        await pilot.press("tab")  # leave the bar; n/N keep working
        await pilot.press("n")
        assert counter(app) == f"1/{total}"
        await pilot.press("N")
        assert counter(app) == f"{total}/{total}"
        assert cursor_id(app) == "party-1"  # the last section's first paragraph


async def test_matches_cross_into_the_next_section(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "在这特殊的一年")
        sections = []
        for _ in range(len(app.screen.search.hits)):
            sections.append(app.screen.query_one(DetailPane).section.id)
            await pilot.press("enter")
        assert sections[0] == "opening" and "party" in sections
        assert len(set(sections)) == len(bundled_report.sections)


async def test_scope_toggles_between_section_and_report(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")  # the epidemic section
        await type_query(pilot, "西湖区")
        whole = len(app.screen.search.hits)
        scope = app.screen.query_one("#search-scope")
        assert str(scope.render()) == app.strings.scope_report
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert str(scope.render()) == app.strings.scope_section
        hits = app.screen.search.hits
        assert 0 < len(hits) < whole
        assert {hit.section_id for hit in hits} == {"epidemic"}


async def test_ctrl_g_cancels_back_to_the_view(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        tree(app).go_to("digital-3")
        await pilot.pause()
        await pilot.pause()
        before = (cursor_id(app), app.screen.query_one(DetailPane).scroll_offset.y)
        await type_query(pilot, "党建")
        assert cursor_id(app) != before[0]
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query_one(SearchBar).is_open
        assert (cursor_id(app), app.screen.query_one(DetailPane).scroll_offset.y) == before
        assert highlighted(app, "detail-pane--match") == []


async def test_pinyin_finds_and_highlights_the_chinese(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "jkm")
        assert highlighted(app, "detail-pane--match-current") == ["健康码"]
        await pilot.press("escape")
        await type_query(pilot, "jiankangma")
        assert highlighted(app, "detail-pane--match-current") == ["健康码"]


async def test_full_and_half_width_forms_match(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "２０２０年")
        assert highlighted(app, "detail-pane--match-current") == ["2020年"]


async def test_number_query_steps_through_metrics(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    expected = [m.id for m in bundled_report.metrics if m.value > 1_000_000_000]
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, ">10亿")
        seen = []
        for _ in expected:
            seen.append(cursor_id(app))
            await pilot.press("enter")
        assert seen == expected
        assert counter(app) == f"1/{len(expected)}"


async def test_tree_shows_counts_and_narrows_to_sections_with_matches(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "企业")
        # Read from the report, not from the search: the sections whose text or labels say 企业.
        saying = [
            s.id
            for s in bundled_report.sections
            if any("企业" in p.text for p in s.paragraphs) or any("企业" in m.label for m in s.metrics)
        ]
        assert saying == ["epidemic", "digital"]
        rows = contents_rows(app)
        # A row with matches shows their count before the title: ▶ ‹12› 筑牢疫情防控的坚固防线.
        counts = {}
        for section in bundled_report.sections:
            row = next(row for row in rows if section.title[:4] in row)
            badge = re.search(r"‹(\d+)› " + re.escape(section.title[:4]), row)
            if badge is not None:
                counts[section.id] = int(badge[1])
        assert list(counts) == saying
        assert counter(app) == f"1/{sum(counts.values())}"  # the rows' counts add up to the total
        await pilot.press("ctrl+f")
        await pilot.pause()
        shown = [node.data.id for node in tree(app).root.children]
        assert shown == saying
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert len(tree(app).root.children) == len(bundled_report.sections)


async def test_odd_queries_never_crash_and_say_why(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        bar = None
        problems = app.strings.search_problems
        for query in ["[", "\\", "*", "(?P<x>.*)", "[/]", "[@click=app.quit]", "   ", "x" * 10_000, ">abc"]:
            await pilot.press("slash")
            bar = app.screen.query_one(SearchBar)
            bar.input.value = query
            await pilot.pause()
            # None is in the report (nor a pattern): the counter says why nothing was found.
            reason = "blank" if not query.strip() else "bad-number" if query.startswith(">") else "no-match"
            assert counter(app) == problems[reason], query[:20]
            await pilot.press("escape")
        assert app.is_running
        await pilot.press("slash")
        bar.input.value = "   "
        await pilot.pause()
        assert counter(app) == app.strings.search_problems["blank"]
