"""Regenerate the SVG screenshots in screenshots/ (shown in the README).

python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from xihu_tui.core.report.loader import load_report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.section_tree import SectionTree

OUT = Path(__file__).resolve().parents[1] / "screenshots"

# name, terminal size, tree item to highlight (None: the report), keys, theme, interface language
SHOTS = [
    ("main-120x40", (120, 40), "epidemic", (), "textual-dark", None),
    ("metric-120x40", (120, 40), "medical-staff", (), "textual-dark", None),
    ("main-80x24", (80, 24), "livelihood-5", (), "textual-dark", None),
    ("wide-english-160x45", (160, 45), "old-estates", (), "textual-dark", "en"),
    ("light-120x40", (120, 40), "government-fund", (), "textual-light", None),
    ("overview-120x40", (120, 40), None, ("m",), "textual-dark", None),
    ("help-100x30", (100, 30), None, ("question_mark",), "textual-dark", None),
    ("search-pinyin-120x40", (120, 40), None, ("slash", "j", "k", "m"), "textual-dark", None),
]


async def shoot(
    name: str, size: tuple[int, int], item: str | None, keys, theme: str, lang: str | None
) -> Path:
    app = XihuApp(load_report(), lang=lang)
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        if item is not None:
            app.screen.query_one(SectionTree).go_to(item)
            await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.3)
        path = OUT / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(OUT))
    return path


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for shot in SHOTS:
        print(await shoot(*shot))


if __name__ == "__main__":
    asyncio.run(main())
