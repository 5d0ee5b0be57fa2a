"""The palette understands pinyin as `/` does (issue 17): jkm, jiankang and xihu find sections and
metrics in ctrl+p, and choosing one goes there."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from explorer_view import cursor_id
from xihu_tui.core.report.model import Report
from xihu_tui.core.search.text_match import MatchableText, Query
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.commands import JumpProvider

SIZE = (100, 30)


async def hits(app: XihuApp, query: str) -> list[str]:
    provider = JumpProvider(app.screen)
    await provider.startup()
    found = [hit async for hit in provider.search(query)]
    return [hit.text or "" for hit in sorted(found, key=lambda hit: hit.score, reverse=True)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jkm", "健康码研发用时 7天"),  # initials
        ("jiankang", "健康码研发用时 7天"),  # syllables
        ("jiankangma", "健康码研发用时 7天"),
        ("yiqing", "筑牢疫情防控的坚固防线"),  # a section title
        ("shuzizhili", "探索数字治理的创新之路"),
    ],
)
async def test_pinyin_finds_what_the_characters_say(
    bundled_report: Report, query: str, expected: str
) -> None:
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE):
        assert (await hits(app, query))[0] == expected


async def test_xihu_finds_something_where_nothing_was_found(bundled_report: Report) -> None:
    """西湖 is in no section title or label: what matches is found by its quote."""
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE):
        found = await hits(app, "xihu")
        assert found and app.strings.shell.palette_no_match not in found


async def test_choosing_a_pinyin_hit_goes_to_it(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jkm")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        metric = next(m for m in bundled_report.metrics if m.label.startswith("健康码"))
        assert cursor_id(app) == metric.id


def test_the_match_is_where_the_characters_are() -> None:
    """The span the palette highlights covers the characters the letters read."""
    text = MatchableText("推出健康码，用时7天")
    for query in ("jkm", "jiankangma", "健康码", "ＪＫＭ"):
        span = Query(query).find(text)
        assert span is not None and text.text[span[0] : span[1]] == "健康码", query
    assert Query("jiankang").find(text) == (2, 4)
    assert Query("x").find(MatchableText("西湖")) is None  # one letter would match too much
    assert Query("zzz").find(text) is None
