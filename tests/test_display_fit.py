"""Cutting a cell to its column: never wider, the cut marked, as much kept as fits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from xihu_tui.core.display import ELLIPSIS, fit_cells

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
