"""The virtual table: ten thousand rows behave like ten, and cells are text, never markup."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult

from xihu_tui.ui.drawing.virtual_table import TableColumn, VirtualTable

COLUMNS = [TableColumn("name", "名称"), TableColumn("value", "数值", "right")]
ROWS = 10_000


class TableApp(App[None]):
    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows
        self.chosen: list[str] = []
        self.headers: list[str] = []

    def compose(self) -> ComposeResult:
        yield VirtualTable()

    def on_mount(self) -> None:
        table = self.query_one(VirtualTable)
        table.set_rows(COLUMNS, [f"row-{i}" for i in range(len(self.rows))], self.rows)
        table.focus()

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        self.chosen.append(event.row_key)

    def on_virtual_table_header_selected(self, event: VirtualTable.HeaderSelected) -> None:
        self.headers.append(event.column_key)


def shown(table: VirtualTable) -> list[str]:
    return [table.render_line(y).text.rstrip() for y in range(table.scrollable_content_region.height)]


async def test_ten_thousand_rows_page_and_jump_to_the_end() -> None:
    app = TableApp([(f"第{i}行", f"{i:,}") for i in range(ROWS)])
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.press("pagedown")
        assert table.cursor_row == table.scrollable_content_region.height - 1
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == ROWS - 1
        lines = shown(table)
        assert lines[0].split() == ["名称", "数值"]  # the header stays in place
        assert lines[-1].split() == [f"第{ROWS - 1}行", f"{ROWS - 1:,}"]
        await pilot.press("enter")
        assert app.chosen == [f"row-{ROWS - 1}"]


async def test_columns_fit_their_widest_cell_and_numbers_align_right() -> None:
    app = TableApp([("短", "1"), ("长得多的名字", "1,000,000")])
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        lines = shown(app.query_one(VirtualTable))
        assert lines[2] == " 长得多的名字  1,000,000"  # one cell of padding each side of a cell
        assert lines[1].startswith(" 短 ") and lines[1].endswith(" 1")
        assert cell_len(lines[1]) == cell_len(lines[2])  # the value column is right-aligned


async def test_clicks_choose_a_row_or_a_column() -> None:
    app = TableApp([("甲", "1"), ("乙", "2"), ("丙", "3")])
    async with app.run_test(size=(40, 6)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.click(VirtualTable, offset=(2, 2))  # the second row: moves the cursor
        assert table.cursor_row == 1 and app.chosen == []
        await pilot.click(VirtualTable, offset=(2, 2))  # again: chooses it
        assert app.chosen == ["row-1"]
        await pilot.click(VirtualTable, offset=(table.column_x("value") + 1, 0))
        assert app.headers == ["value"]


async def test_cells_are_shown_as_written_never_as_markup() -> None:
    hostile = ["[bold]粗[/bold]", "[/]", "[@click=app.quit]退出[/]"]
    app = TableApp([(text, "1") for text in hostile])
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        lines = shown(app.query_one(VirtualTable))
        assert [line.split()[0] for line in lines[1:4]] == hostile
        await pilot.click(VirtualTable, offset=(3, 3))
        await pilot.click(VirtualTable, offset=(3, 3))
        assert app.is_running


async def test_a_heading_spans_the_table_and_leaves_the_columns_their_widths() -> None:
    heading = "▾ 一个比任何一列都宽得多的分组名称 · 2 项"
    rows = [(heading, ""), ("甲", "1"), ("乙", "22")]
    app = TableApp([])
    async with app.run_test(size=(60, 8)) as pilot:
        table = app.query_one(VirtualTable)
        table.set_rows(COLUMNS, ["heading", "a", "b"], rows, headings={0})
        await pilot.pause()
        lines = shown(table)
        assert lines[1].strip() == heading  # across both columns, whole
        assert lines[2].split() == ["甲", "1"]
        # The columns are as wide as their cells and headers, not as the heading.
        assert table.table_width < cell_len(heading)
        assert cell_len(lines[2]) <= table.table_width


async def test_a_heading_wider_than_the_view_is_cut_where_asked() -> None:
    path = "第一部分 › 第二章 › 第三节 › 一个很长很长的小节标题 · 3 项"
    app = TableApp([])
    async with app.run_test(size=(24, 6)) as pilot:
        table = app.query_one(VirtualTable)
        table.set_rows(
            COLUMNS, ["heading", "a"], [(path, ""), ("甲", "1")], headings={0}, heading_keeps="end"
        )
        await pilot.pause()
        line = shown(table)[1].strip()
        assert line.startswith("…") and line.endswith("小节标题 · 3 项")
