"""The drawing layer: the widgets that hand Textual finished lines, and their contract with Textual.

The contents, the reading pane and the tables change on nearly every key, and Textual's
per-line styles pipeline was most of what a key cost. The modules here draw those lines
themselves, with Textual's line API:

- `plain_lines`: a widget's lines in one pass (content, side padding and borders, the
  app's line filters), when its CSS asks for nothing more;
- `line_scrollbar`: vertical scrollbars drawn as strips;
- `line_view`: a scroll view whose scrollable size changes without a screen-wide layout;
- `virtual_table`: a read-only table that draws only the rows on screen.

The contract with Textual: what a reader sees must be what Textual itself would draw
(`tests/test_drawing.py` draws every screen, theme and size both ways and requires the
same picture), and Textual's public API is used wherever it has one. Where it has none,
the private Textual names relied on are all in `textual_private`, and nowhere else; that
module checks at import that each is still there with the shape relied on, and fails
with an ImportError naming the Textual installed, the Textual tested and the name that
is gone. Textual changes its private names in patch releases: `pyproject.toml` pins it
exactly, and upgrading it means running `tests/test_drawing.py` and reviewing that module.
"""
