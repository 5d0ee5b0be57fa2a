"""A Markdown article read through markdown-it-py's tokens (CommonMark), never by hand.

Headings keep their `#` depth for `flow` to turn into levels; paragraphs, list items
and quotes are paragraphs; an image gives its alternative text, unless the paragraph
under it is set in emphasis (`*caption*`), which is how Markdown prints a caption.
Inline markup is dropped and its text kept as written (`**30%**` reads 30%).
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .article import Block
from .flow import FlowItem, ItemKind, blocks_from_flow
from .prose import fold_space

__all__ = ["read_markdown"]

_PARSER = MarkdownIt("commonmark").enable("table")
_EMPHASIS_OPENS = ("em_open", "strong_open")
_EMPHASIS_CLOSES = ("em_close", "strong_close")


def read_markdown(text: str) -> tuple[str, list[Block]]:
    tokens = _PARSER.parse(text)
    items: list[FlowItem] = []
    after_image = False
    in_table = False
    for index, token in enumerate(tokens):
        if token.type in ("table_open", "table_close"):
            # A table's cells are no paragraphs: read one by one, they are figures without words.
            in_table = token.type == "table_open"
        if token.type != "inline" or in_table:
            continue
        opener = tokens[index - 1] if index else None
        if opener is not None and opener.type == "heading_open":
            items.append(FlowItem("heading", _text(token.children or []), depth=int(opener.tag[1:])))
            after_image = False
            continue
        children = token.children or []
        images = [
            FlowItem("image", _text(child.children or [])) for child in children if child.type == "image"
        ]
        words_children = [child for child in children if child.type != "image"]
        words = _text(words_children)
        if images and words and _all_emphasised(words_children):
            items.extend([*images, FlowItem("caption", words)])  # ![](photo.jpg) with *its caption* below
        elif words:
            kind: ItemKind = "caption" if after_image and _all_emphasised(words_children) else "paragraph"
            items.extend([FlowItem(kind, words), *images])
        else:
            items.extend(images)
        after_image = bool(images) and not words
    return blocks_from_flow(items)


def _text(children: Sequence[Token]) -> str:
    """The words of inline tokens as written, markup, images and raw HTML left out."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return fold_space("".join(parts))


def _all_emphasised(children: Sequence[Token]) -> bool:
    """Whether a paragraph is one run of emphasis, as a caption under an image is set."""
    meaningful = [
        child
        for child in children
        if child.type not in ("softbreak", "hardbreak")
        and not (child.type == "text" and not child.content.strip())
    ]
    if len(meaningful) < 3 or meaningful[0].type not in _EMPHASIS_OPENS:
        return False
    depth = 0
    for position, child in enumerate(meaningful):
        depth += child.type in _EMPHASIS_OPENS
        depth -= child.type in _EMPHASIS_CLOSES
        if depth == 0 and position < len(meaningful) - 1:
            return False
    return meaningful[-1].type in _EMPHASIS_CLOSES
