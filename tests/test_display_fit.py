"""Cutting a cell to its column: never wider, the cut marked, as much kept as fits. And what a
cell says of a figure's sign: a decline never reads as a rise, a range with a minus stays clear."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from xihu_tui.core.text.display import ELLIPSIS, decline_marked, fit_cells, format_range

# Chinese, Latin, digits, combining marks and wide punctuation, as titles mix them.
TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("\u0301\u0308（）《》、 ›"),
    ),
    max_size=40,
)


@given(TEXT, st.integers(min_value=0, max_value=50), st.sampled_from(["start", "end"]))
def test_a_cut_cell_fits_and_says_it_was_cut(text: str, width: int, keep: str) -> None:
    fitted = fit_cells(text, width, keep=keep)  # type: ignore[arg-type]
    assert cell_len(fitted) <= width
    if cell_len(text) <= width:
        assert fitted == text
    elif width:
        if keep == "start":
            assert fitted.endswith(ELLIPSIS) and text.startswith(fitted[: -len(ELLIPSIS)])
        else:
            assert fitted.startswith(ELLIPSIS) and text.endswith(fitted[len(ELLIPSIS) :])
        # Nothing more would have fitted: a cut never gives away more than one wide character.
        assert cell_len(fitted) >= width - 1


def test_a_section_path_keeps_its_last_title() -> None:
    path = "探索数字治理的创新之路 › 推进党建工作全面提升 › 导语"
    assert fit_cells(path, 16, keep="end") == "…全面提升 › 导语"
    assert fit_cells(path, 16) == "探索数字治理的…"  # 15 cells: an eighth character would straddle the edge


def test_a_combining_mark_is_never_left_on_the_ellipsis() -> None:
    # "é" written as e + U+0301: cutting at the mark's letter must drop the mark too.
    assert fit_cells("ab\u00e9x", 3, keep="end") == "…éx"
    assert fit_cells("abe\u0301x", 2, keep="end") == "…x"


@pytest.mark.parametrize(
    ("written", "value", "expected"),
    [
        ("9.4%", -9.4, "↓9.4%"),  # 下降9.4%: the words give the size, the model the sign
        ("9.4%", 9.4, "9.4%"),
        ("-3.5%", -3.5, "-3.5%"),  # already signed: no second mark
        ("−3.5%", -3.5, "−3.5%"),
        ("负3.5%", -3.5, "负3.5%"),
        ("0", 0.0, "0"),
        ("0", -0.0, "0"),
    ],
)
def test_a_decline_is_marked_unless_its_words_sign_it(written: str, value: float, expected: str) -> None:
    assert decline_marked(written, value, "↓") == expected


def test_a_range_with_a_minus_says_to_in_the_reader_s_language() -> None:
    assert format_range(-9.4, 3.2, "%") == "-9.4 to 3.2%"
    assert format_range(-9.4, 3.2, "%", to=" 至 ") == "-9.4 至 3.2%"
    assert format_range(0, 3.2, "%", to=" 至 ") == "0–3.2%"  # no minus to blur with a dash
