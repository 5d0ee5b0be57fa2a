"""Report text made safe to draw in a terminal, character for character.

A report comes from anyone, and its strings may hold control characters: ESC starts
the sequences that clear the screen, write the clipboard (OSC 52) or hide a link
(OSC 8); BEL, backspace and carriage return move or beep; C1 controls (U+0080–U+009F)
are read as ESC sequences by some terminals. None of them may reach the terminal.
Nor may the controls of text direction: an override (U+202E) or an isolate (U+2067)
makes a terminal that implements bidi show what follows in another order, and a mark
(U+200F) is enough to show `10 20` as `20 10`, so a reader would see other words and
figures than the report's.

Each one is replaced by one visible character of one cell, so the reader sees that it
is there (`␛[2J`), and the text keeps its length: search hits, quotes and line
breaks are offsets into the report's text, and they stay valid in the shown text.
The model keeps the text unchanged; this is for display only.
"""

from __future__ import annotations

import re

__all__ = ["C1_PICTURE", "DIRECTION_PICTURE", "json_for_terminal", "visible", "visible_line"]

C1_PICTURE = "\u2426"
"""␦ stands for a C1 control, which has no control picture of its own."""
DIRECTION_PICTURE = "\u21c4"
"""⇄ stands for a control of text direction. Neither it nor the control pictures are
right-to-left or ambiguous in width, so each is one cell and reorders nothing."""

_DIRECTION_CODES = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
"""Embeddings and overrides (LRE RLE PDF LRO RLO), isolates (LRI RLI FSI PDI) and marks
(LRM RLM ALM). The marks are shown too, though right-to-left prose uses them: a report is
read for its words and figures in their order, and the model keeps them."""
_DIRECTION_CONTROLS = "".join(map(chr, _DIRECTION_CODES))

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ ␁ … ␛ … ␟
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES |= dict.fromkeys(range(0x80, 0xA0), C1_PICTURE)
_PICTURES |= dict.fromkeys(_DIRECTION_CODES, DIRECTION_PICTURE)
_PICTURES[ord("\t")] = " "  # a tab in prose is white space; the terminal would expand it
_IN_TEXT = {code: picture for code, picture in _PICTURES.items() if code != ord("\n")}
_IN_LINE = _PICTURES | {ord("\n"): " "}

_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_DIRECTION_CONTROLS}]")


def visible(text: str) -> str:
    """`text` with every control character but the line break replaced by a visible one.

    C0 controls become their control pictures (ESC is ␛, BEL ␇, CR ␍), DEL is ␡, a C1
    control ␦, a control of direction ⇄, a tab a space. The result has the same length
    as `text`.
    """
    return text.translate(_IN_TEXT) if _CONTROL.search(text) else text


def visible_line(text: str) -> str:
    """As `visible`, for places that have one line: a line break becomes a space too."""
    return text.translate(_IN_LINE) if _CONTROL.search(text) else text


_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_DIRECTION_CONTROLS}]")


def json_for_terminal(json_text: str) -> str:
    """JSON as `json.dumps(..., ensure_ascii=False)` writes it, with DEL, the C1 controls and
    the controls of direction (which it leaves raw, unlike C0) written as `\\u` escapes: the
    same value, safe to print."""
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", json_text)
