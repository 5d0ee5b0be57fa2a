"""The reading pane's layout model, without the pane: wrapping, estimates, line lookups."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from xihu_tui.core.text.linebreak import break_lines
from xihu_tui.ui.widgets import reading_layout
from xihu_tui.ui.widgets.reading_layout import BlockShape, ReadingLayout, character_at


def paragraph(text: str) -> BlockShape:
    """As the pane lays out a paragraph: two columns before, one after, a blank line below."""
    return BlockShape(text, indent=2, padding_right=1, space_after=1)


def test_blocks_wrap_to_the_width_less_their_indent_and_padding() -> None:
    layout = ReadingLayout([BlockShape("Title", indent=1, space_before=1), paragraph("aaaa bbbb cccc")])
    assert layout.width == -1 and layout.line_of(0) is None  # no width, no layout
    assert layout.set_width(2 + 9 + 1)  # room for nine columns of text in the paragraph
    assert layout.texts() == ["Title", "aaaa bbbb", "cccc"]
    assert [layout.line(n) for n in range(5)] == [None, (0, 0, 5), (1, 0, 9), (1, 10, 14), None]
    assert layout.height == 5  # wrapped whole: exact
    assert all(cell_len(text) <= 9 for text in layout.texts())


def test_chinese_wraps_by_cells_and_keeps_punctuation_off_a_line_start() -> None:
    text = "中文文本，两个单元格宽。"
    layout = ReadingLayout([BlockShape(text)])
    layout.set_width(6)
    lines = layout.texts()
    assert "".join(lines) == text
    assert all(cell_len(line) <= 6 for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)


def test_the_estimate_is_corrected_as_blocks_are_wrapped() -> None:
    # Latin words wrap with ragged ends, so they take more lines than their cells over the width.
    words = " ".join(["abcdefg"] * 40)
    blocks = [paragraph(words) for _ in range(10)]
    layout = ReadingLayout(blocks, wrapped_at_once=0)
    layout.set_width(2 + 10 + 1)
    estimated = layout.height
    assert layout.wrapped == 0
    assert estimated == 10 * (blocks[0].estimate(13))
    exact = len(break_lines(words, 10)) + 1  # the blank line after
    assert exact != blocks[0].estimate(13)
    layout.wrap_to(block=2)
    assert layout.wrapped == 3
    assert layout.wrapped_lines == 3 * exact
    assert layout.height == 3 * exact + 7 * blocks[0].estimate(13)
    layout.wrap_all()
    assert layout.height == layout.wrapped_lines == 10 * exact


def test_wrapping_to_a_line_stops_at_the_block_that_reaches_it() -> None:
    layout = ReadingLayout([paragraph(f"paragraph {n}") for n in range(100)], wrapped_at_once=0)
    layout.set_width(80)
    assert layout.wrap_to(line=10)
    assert layout.wrapped == 5  # two lines each
    assert layout.wrapped_lines == 10
    assert not layout.wrap_to(line=10)  # nothing more to wrap
    assert layout.line(10) is None  # not wrapped yet
    assert layout.line(8) == (4, 0, len("paragraph 4"))


def test_line_of_finds_the_wrapped_line_that_shows_an_offset() -> None:
    text = "aaaa bbbb cccc dddd"
    layout = ReadingLayout([BlockShape("front", space_after=2), paragraph(text)])
    layout.set_width(2 + 4 + 1)
    first = layout.line_of(1)
    assert first == 3  # "front", then two blank lines
    assert layout.texts()[1:] == ["aaaa", "bbbb", "cccc", "dddd"]
    assert layout.line_of(1, text.index("b")) == first + 1
    assert layout.line_of(1, text.index("c") + 2) == first + 2
    assert layout.line_of(1, text.index("c") - 1) == first + 2  # the space broken at: the next line's
    assert layout.line_of(1, len(text) - 1) == first + 3
    assert layout.line_of(1, len(text) + 5) == first + 3  # past the end: the last line
    assert layout.line_of(2) is None  # no such block


def test_line_of_counts_empty_lines_between_line_breaks() -> None:
    text = "one\n\nthree"
    layout = ReadingLayout([BlockShape(text)])
    layout.set_width(20)
    assert layout.texts() == ["one", "", "three"]
    assert layout.line_of(0, text.index("t")) == 2
    assert layout.line_of(0, text.index("\n") + 1) == 1


def test_a_long_section_answers_its_height_and_first_line_without_wrapping_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wraps: list[str] = []

    def counting_break_lines(text: str, width: int) -> list[tuple[int, int]]:
        wraps.append(text)
        return break_lines(text, width)

    monkeypatch.setattr(reading_layout, "break_lines", counting_break_lines)
    reading_layout.spans.cache_clear()
    blocks = [paragraph(f"第{n}段。" + "长" * 100) for n in range(10_000)]
    layout = ReadingLayout(blocks)
    layout.set_width(2 + 40 + 1)
    assert layout.height >= 10_000 * 3  # every block counted, by its estimate
    assert layout.line_of(0) == 0
    assert layout.line_of(0, 25) == 1  # 20 characters a line: "第0段。" and 16 more
    assert len(wraps) == layout.wrapped == reading_layout.WRAPPED_AT_ONCE
    # A block far down is wrapped when asked for, with those before it, and no more.
    line = layout.line_of(5_000)
    assert line is not None and layout.line(line) == (5_000, 0, len("第5000段。") + 15)
    assert len(wraps) == layout.wrapped == 5_001
    reading_layout.spans.cache_clear()


def test_a_width_change_starts_over() -> None:
    text = "aaaa bbbb cccc dddd"
    layout = ReadingLayout([paragraph(text)] * 3)
    layout.set_width(2 + 9 + 1)
    assert layout.texts().count("aaaa bbbb") == 3
    assert not layout.set_width(2 + 9 + 1)  # the same width: nothing to do
    assert layout.set_width(2 + 4 + 1)
    assert layout.texts() == ["aaaa", "bbbb", "cccc", "dddd"] * 3
    assert layout.line_of(2, text.index("d")) == 2 * 5 + 3
    layout.reset([paragraph("other")])
    assert layout.width == -1 and layout.texts() == [] and layout.line_of(0) is None


def test_character_at_counts_cells() -> None:
    plain = "ab中文cd"
    assert [character_at(plain, 0, len(plain), cells) for cells in range(8)] == [0, 1, 2, 2, 3, 3, 4, 5]
    assert character_at(plain, 0, len(plain), 8) is None
    assert character_at(plain, 2, 4, -1) is None
    assert character_at(plain, 2, 4, 1) == 2


# Paragraph-like text: Latin words and numbers, Chinese, punctuation, spaces and line breaks.
texts = st.text(
    st.sampled_from([*"ab1.% 中文，。（）\n", "\u0301", "😀", "ｗ"]),
    max_size=60,
)
shapes = st.builds(
    BlockShape,
    texts,
    indent=st.integers(0, 6),
    padding_right=st.integers(0, 2),
    space_before=st.integers(0, 2),
    space_after=st.integers(0, 2),
)


@given(st.lists(shapes, max_size=8), st.integers(1, 30), st.integers(0, 8))
def test_the_lines_are_the_blocks_text_and_line_of_is_monotonic(
    blocks: list[BlockShape], width: int, wrapped_at_once: int
) -> None:
    layout = ReadingLayout(blocks, wrapped_at_once=wrapped_at_once)
    layout.set_width(width)
    # Asked in any order, the lines of each block come out the same.
    for index in reversed(range(len(blocks))):
        first = layout.line_of(index)
        assert first is not None and first <= layout.wrapped_lines
    layout.wrap_all()
    assert layout.height == layout.wrapped_lines
    by_block: list[list[tuple[int, int]]] = [[] for _ in blocks]
    for number in range(layout.height):
        line = layout.line(number)
        if line is not None:
            by_block[line[0]].append(line[1:])
    for block, spans in zip(blocks, by_block, strict=True):
        # Nothing lost, nothing invented: the lines are the block's text in order, less only
        # the spaces and line breaks they were broken at.
        assert spans
        cuts = [0, *(cut for span in spans for cut in span), len(block.plain)]
        assert cuts == sorted(cuts)
        gaps = [block.plain[left:right] for left, right in zip(cuts[::2], cuts[1::2], strict=True)]
        assert all(gap.isspace() for gap in gaps if gap)
        assert not any("\n" in block.plain[start:end] for start, end in spans)
    for index, block in enumerate(blocks):
        numbers = [layout.line_of(index, offset) for offset in range(len(block.plain) + 2)]
        assert numbers == sorted(numbers)
        for offset, number in enumerate(numbers[: len(block.plain)]):
            assert number is not None
            line = layout.line(number)
            assert line is not None and line[0] == index
            if line[1] <= offset < line[2]:
                continue  # shown on the line found
            assert block.plain[offset].isspace()  # else a space or line break a line was broken at


@given(
    st.lists(
        st.builds(BlockShape, st.text(st.sampled_from([*"ab1.% 中文，。（）\n", "😀"]), max_size=200)),
        max_size=4,
    ),
    st.integers(1, 30),
    st.integers(2, 40),
    st.data(),
)
def test_a_long_block_wrapped_in_pieces_has_the_lines_of_one_wrapped_whole(
    blocks: list[BlockShape], width: int, piece: int, data: st.DataObject
) -> None:
    """A block over `long_block` characters is wrapped a piece at a time as its lines are
    asked for: the lines, and where each offset is, must be those of the block wrapped whole."""
    whole = ReadingLayout(blocks)
    pieces = ReadingLayout(blocks, long_block=piece // 2, piece=piece)
    whole.set_width(width)
    pieces.set_width(width)
    # Asked for here and there first, as a reader scrolls and jumps.
    for index in data.draw(st.lists(st.integers(0, max(0, len(blocks) - 1)), max_size=3)):
        if blocks:
            offset = data.draw(st.integers(0, len(blocks[index].plain)))
            assert pieces.line_of(index, offset) == whole.line_of(index, offset)
    pieces.wrap_to(line=data.draw(st.integers(0, 50)))
    pieces.wrap_all()
    whole.wrap_all()
    assert [pieces.line(n) for n in range(pieces.height)] == [whole.line(n) for n in range(whole.height)]
    assert pieces.height == whole.height


def test_the_space_a_line_broke_at_is_on_the_next_line_before_that_is_wrapped() -> None:
    # Found by the property above: the space belongs to the next line, and with a long block
    # wrapped in part, that line may not be wrapped yet when the offset is asked for.
    blocks = [BlockShape("111111 11")]
    whole, pieces = ReadingLayout(blocks), ReadingLayout(blocks, long_block=1, piece=3)
    whole.set_width(1)
    pieces.set_width(1)
    assert pieces.line_of(0, 6) == whole.line_of(0, 6) == 6


def test_a_long_block_shows_its_first_lines_without_wrapping_it_all(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "中文文本，两个单元格宽。" * 50_000  # 600,000 characters: one paragraph
    broken: list[int] = []
    real = reading_layout.break_lines
    monkeypatch.setattr(reading_layout, "break_lines", lambda t, w: broken.append(len(t)) or real(t, w))
    layout = ReadingLayout([paragraph(text)])
    layout.set_width(42)
    assert layout.texts()[0] == text[:19]  # on screen at once
    assert sum(broken) <= 2 * reading_layout.PIECE  # not the whole paragraph
    assert layout.height > 600_000 * 2 // 40  # the rest is estimated
    assert layout.line_of(0, len(text) - 1) == layout.height - 2  # its last line, wrapped when asked
