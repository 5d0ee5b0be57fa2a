"""A section of thousands of paragraphs: the pane wraps only what it shows, yet reads as a whole."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from explorer_view import pane, pane_arrived
from reports import report_toml
from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets import detail_pane, reading_layout

COUNT = 3_000


def paragraph(n: int) -> str:
    # Of every length up to four lines: wide characters in an odd number of columns, and
    # closing marks kept with the characters before them, make some wrap into more lines
    # than their width says, so the pane's estimate of the section's height must be corrected.
    return f"第{n}段：" + "西湖区坚持数字赋能，全面探索“去中心化”模式"[: n % 25] * (1 + n % 4) + "。"


def long_section() -> Report:
    sections = [("[[sections]]", {"id": "long", "title": "三千段"})]
    sections += [("[[sections.paragraphs]]", {"id": f"p{n}", "text": paragraph(n)}) for n in range(COUNT)]
    return loads_report(report_toml({"title": "长节", "language": "zh-CN"}, sections))


def on_screen(app: XihuApp) -> str:
    detail = pane(app)
    return "\n".join(detail.render_line(y).text for y in range(detail.scrollable_content_region.height))


async def test_end_reaches_the_last_paragraph_and_the_scrollbar_knows_the_whole_height() -> None:
    app = XihuApp(long_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "tab", "end")
        await pane_arrived(pilot)
        detail = pane(app)
        assert f"第{COUNT - 1}段" in on_screen(app)
        assert detail.scroll_offset.y == detail.max_scroll_y
        # Every line is known now: the scrollable height is the section's, not an estimate.
        lines = detail.shown_lines()
        blank_lines = 1 + COUNT  # above the title, and after each paragraph
        assert detail.virtual_size.height == len(lines) + blank_lines


@pytest.mark.slow
async def test_paging_down_shows_every_paragraph_in_order() -> None:
    app = XihuApp(long_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "tab")
        await pilot.pause()
        seen = []
        for _ in range(60):
            seen.append(on_screen(app))
            await pilot.press("pagedown")
            await pilot.pause()
        numbers = [
            int(line.split("段")[0].split("第")[-1]) for line in "\n".join(seen).split("\n") if "段：" in line
        ]
        assert numbers[0] == 0
        assert numbers == sorted(numbers)
        assert set(range(numbers[-1] + 1)) <= set(numbers)  # no paragraph skipped


async def test_a_search_hit_deep_in_the_section_is_scrolled_to() -> None:
    app = XihuApp(long_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "slash", *"第2718段", "enter")
        await pilot.pause()
        assert "第2718段" in on_screen(app)


async def test_the_scrollbar_pages_on_a_click_and_follows_a_drag() -> None:
    app = XihuApp(long_section())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        detail = pane(app)
        track = detail.vertical_scrollbar.region
        await pilot.click(offset=(track.x, track.bottom - 2))  # below the thumb: a page down
        await pilot.pause()
        assert detail.scroll_offset.y == detail.scrollable_content_region.height
        await pilot.mouse_down(offset=(track.x, track.y))  # the thumb, dragged to the middle
        await pilot.hover(offset=(track.x, track.y + track.height // 2))
        await pilot.mouse_up(offset=(track.x, track.y + track.height // 2))
        await pilot.pause()
        assert 0.35 < detail.scroll_offset.y / detail.max_scroll_y < 0.65
        assert "段：" in on_screen(app)


def wide_section() -> Report:
    """Paragraphs of wide characters alone, of every length: the pane's estimate of their
    height falls short wherever a line cannot use its last cell (here by 183 lines at 80
    columns), so the end of the section lies below where the estimate puts it."""
    words = "西湖区坚持数字赋能全面探索去中心化模式" * 5
    sections = [("[[sections]]", {"id": "wide", "title": "宽字三千段"})]
    sections += [
        ("[[sections.paragraphs]]", {"id": f"p{n}", "text": words[: 30 + n % 61]}) for n in range(COUNT)
    ]
    return loads_report(report_toml({"title": "宽字", "language": "zh-CN"}, sections))


async def test_a_new_version_of_the_report_opens_where_the_reader_was_deep_in_the_section() -> None:
    """After a reload the pane scrolls back to the same line, though it only has an
    estimate of the section's height beyond its first blocks until they are wrapped."""
    app = XihuApp(wide_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "tab", "end")
        await pane_arrived(pilot)
        place = pane(app).max_scroll_y  # the very end: any shortfall of the estimate shows
        before = on_screen(app)
        await app.screen.show_report(wide_section())  # what a saved file's new version does
        await pilot.pause()
        assert pane(app).scroll_offset.y == place
        assert on_screen(app) == before


async def test_a_long_section_shows_its_start_at_once_and_the_rest_follows(monkeypatch) -> None:
    """A section of more blocks than are made at once shows its first lines in the first
    frame; the others are made in slices after it, and the scrollbar grows to know them."""
    monkeypatch.setattr(detail_pane, "BLOCKS_AT_ONCE", 100)
    monkeypatch.setattr(detail_pane, "MAKING_FOR_S", 0.0)  # a slice of 256 blocks at a time
    slices: list[object] = []  # the next slices, made here one by one instead of on a timer
    monkeypatch.setattr(detail_pane.DetailPane, "_make_more_soon", lambda pane, more: slices.append(more))
    app = XihuApp(long_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        detail = pane(app)
        assert len(detail.blocks) == 100
        assert "第0段" in on_screen(app)
        heights = [detail.virtual_size.height]
        while slices:
            detail._make_more(slices.pop())
            heights.append(detail.virtual_size.height)
        assert len(detail.blocks) == COUNT + 1  # the heading and every paragraph
        assert len(heights) > 10 and heights == sorted(heights)
        await pilot.press("tab", "end")
        await pane_arrived(pilot)
        assert f"第{COUNT - 1}段" in on_screen(app)


async def test_a_paragraph_not_made_yet_can_be_jumped_to(monkeypatch) -> None:
    monkeypatch.setattr(detail_pane, "BLOCKS_AT_ONCE", 100)
    app = XihuApp(long_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        app.screen.jump_to(f"p{COUNT - 2}")
        await pilot.pause()
        assert pane(app).marked_id == f"p{COUNT - 2}"
        assert f"第{COUNT - 2}段" in on_screen(app)


async def test_a_paragraph_near_the_top_of_a_long_section_is_shown_without_making_the_rest(
    monkeypatch,
) -> None:
    monkeypatch.setattr(detail_pane, "BLOCKS_AT_ONCE", 100)
    monkeypatch.setattr(detail_pane.DetailPane, "_make_more_soon", lambda pane, more: None)  # no slices
    app = XihuApp(long_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.jump_to("p40")
        await pilot.pause()
        assert "第40段" in on_screen(app)
        assert len(pane(app).blocks) == 100  # the 2,900 others wait for their slices


async def test_marking_among_the_blocks_made_leaves_the_rest_to_their_slices(monkeypatch) -> None:
    monkeypatch.setattr(detail_pane, "BLOCKS_AT_ONCE", 100)
    slices: list[object] = []
    monkeypatch.setattr(detail_pane.DetailPane, "_make_more_soon", lambda pane, more: slices.append(more))
    app = XihuApp(long_section())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.jump_to("p40")
        await pilot.pause()
        detail = pane(app)
        detail.mark("p60")
        assert len(detail.blocks) == 100
        while slices:
            detail._make_more(slices.pop())
        # The blocks made after the mark moved are made with the mark where it is now.
        assert [block.item_id for block in detail.blocks if block.marked] == ["p60"]


def slices_kept(monkeypatch, detail: detail_pane.DetailPane) -> list[Callable[[], None]]:
    """The pane's next slice (`_towards`, one step each), kept here instead of on a timer:
    `make_slices` makes them, so what is tested is what the slices do, never their timing."""
    monkeypatch.setattr(detail_pane, "TOWARDS_FOR_S", 0.0)
    slices: list[Callable[[], None]] = []
    monkeypatch.setattr(detail, "set_timer", lambda delay, callback: slices.append(callback))
    return slices


def make_slices(slices: list[Callable[[], None]]) -> int:
    """Make the kept slices, each keeping the next, until there are none; how many were made."""
    made = 0
    while slices:
        slices.pop()()
        made += 1
    return made


def very_long_paragraph() -> Report:
    """One paragraph long enough to be wrapped a piece at a time, ending in words of its own."""
    words = "".join(paragraph(n) for n in range(1, 4_000)) + "全文到此为止。"
    assert len(words) > reading_layout.LONG_BLOCK
    sections = [("[[sections]]", {"id": "long", "title": "一段很长"})]
    sections.append(("[[sections.paragraphs]]", {"id": "p1", "text": words}))
    return loads_report(report_toml({"title": "长段", "language": "zh-CN"}, sections))


@pytest.mark.parametrize("report", [long_section, very_long_paragraph])
async def test_end_lays_the_rest_out_a_slice_at_a_time_following_the_end(monkeypatch, report) -> None:
    """Wrapping a paragraph of megabytes takes most of a second: End does it in slices
    between which keys are answered, showing the end of what is laid out so far, and lands
    at the real end."""
    monkeypatch.setattr(detail_pane, "BLOCKS_AT_ONCE", 100)
    monkeypatch.setattr(detail_pane, "WRAPPED_LINES_AT_ONCE", 50)
    app = XihuApp(report())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "tab")
        detail = pane(app)
        slices = slices_kept(monkeypatch, detail)
        await pilot.press("end")
        followed: list[float] = []  # where each slice left the pane
        while slices:
            followed.append(detail.scroll_y)
            slices.pop()()
        await pilot.wait_for_scheduled_animations()
        # Many slices, each showing further down: the end of what was laid out by then.
        assert len(followed) > 5 and followed == sorted(followed) and followed[-1] > followed[0]
        assert detail.reading_layout.complete
        assert detail.scroll_offset.y == detail.max_scroll_y
        last = detail.blocks[-1].plain
        assert last[-7:] in on_screen(app)


async def test_a_scroll_while_the_end_is_laid_out_stops_following_it(monkeypatch) -> None:
    monkeypatch.setattr(detail_pane, "WRAPPED_LINES_AT_ONCE", 50)
    app = XihuApp(very_long_paragraph())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "tab")
        detail = pane(app)
        slices = slices_kept(monkeypatch, detail)
        await pilot.press("end")
        assert slices and detail.scroll_offset.y > 0  # on its way to the end
        await pilot.press("home")
        make_slices(slices)
        await pilot.pause()
        assert detail.scroll_offset.y == 0
        assert not detail.reading_layout.complete  # the rest is left to be wrapped when needed


async def test_a_search_hit_deep_in_a_long_paragraph_is_reached_a_slice_at_a_time(monkeypatch) -> None:
    """The last words of a paragraph of megabytes: the pane wraps its way there in slices,
    keys answered between them, and ends with the hit in view."""
    monkeypatch.setattr(detail_pane, "FAR_CHARACTERS", 10_000)
    app = XihuApp(very_long_paragraph())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        detail = pane(app)
        slices = slices_kept(monkeypatch, detail)
        await pilot.press("slash", *"全文到此为止", "enter")
        made = make_slices(slices)
        await pilot.pause()
        assert made > 5
        assert "全文到此为止" in on_screen(app)


async def test_a_scroll_far_into_a_long_paragraph_is_wrapped_a_slice_at_a_time(monkeypatch) -> None:
    """The scrollbar dragged far down a paragraph of megabytes: the pane is there at once,
    its lines drawn blank until the slices have wrapped that far, keys answered meanwhile."""
    monkeypatch.setattr(detail_pane, "FAR_CHARACTERS", 10_000)
    app = XihuApp(very_long_paragraph())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        detail = pane(app)
        slices = slices_kept(monkeypatch, detail)
        far = int(detail.max_scroll_y * 0.8)
        detail.scroll_to(y=far, animate=False, immediate=True)
        await pilot.pause()
        assert detail.scroll_offset.y == far
        assert on_screen(app).strip() == ""  # not wrapped that far yet
        made = make_slices(slices)
        await pilot.pause()
        assert made > 5
        assert detail.reading_layout.wrapped_lines >= far + detail.scrollable_content_region.height
        assert "段" in on_screen(app)  # the paragraph's words, where the reader scrolled to
