"""The blocks of a marked-up article (Markdown, HTML), from the items its markup gives.

Markup says what is a heading and what is a paragraph, but not which heading is the
headline, at what depth a section sits when the levels skip, nor which short line
under a photo is its caption. Those rules are the same for Markdown and HTML, so the
readers of both hand over a flow of items and this decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .article import Block, Heading, Paragraph
from .numbering import HeadingLevels, numbering_rank
from .prose import caption_from_line, fold_space, is_caption_line, looks_like_title

__all__ = ["FlowItem", "ItemKind", "blocks_from_flow"]

ItemKind = Literal["heading", "paragraph", "image", "caption"]


@dataclass(frozen=True, slots=True)
class FlowItem:
    kind: ItemKind
    text: str
    """Folded; for an image its alternative text, perhaps empty."""
    depth: int = 0
    """A heading's markup level: 1 for `#` and <h1>."""


def blocks_from_flow(items: list[FlowItem], *, fallback_title: str = "") -> tuple[str, list[Block]]:
    """The headline and the blocks after it.

    The headline is the first top-level heading (`#`, <h1>), else a heading or short line
    that opens the article, else `fallback_title` (an HTML page's <title>).
    """
    items = [item for item in items if item.text or item.kind == "image"]
    title, items = _headline(items, fallback_title)
    return title, _with_captions(_with_heading_levels(items))


def _headline(items: list[FlowItem], fallback_title: str) -> tuple[str, list[FlowItem]]:
    for index, item in enumerate(items):
        if item.kind == "heading" and item.depth == 1:
            return item.text, items[:index] + items[index + 1 :]
    first = next((item for item in items if item.kind != "image"), None)
    if first is not None and (
        first.kind == "heading"
        or (first.kind == "paragraph" and looks_like_title(first.text) and not fallback_title)
    ):
        index = items.index(first)
        return first.text, items[:index] + items[index + 1 :]
    return fold_space(fallback_title), items


def _with_heading_levels(items: list[FlowItem]) -> list[FlowItem | Heading]:
    """Headings at levels counted from the shallowest one used, never deeper than one below the last.

    With no headings at all, numbered lines (一、, （一）) are read as headings, as in plain text.
    """
    depths = [item.depth for item in items if item.kind == "heading"]
    result: list[FlowItem | Heading] = []
    if not depths:
        levels = HeadingLevels()
        for item in items:
            rank = (
                numbering_rank(item.text)
                if item.kind == "paragraph" and looks_like_title(item.text)
                else None
            )
            result.append(item if rank is None else Heading(item.text, levels.numbered(rank)))
        return result
    shallowest = min(depths)
    last_level = 0
    for item in items:
        if item.kind == "heading":
            last_level = min(item.depth - shallowest + 1, last_level + 1)
            result.append(Heading(item.text, last_level))
        else:
            result.append(item)
    return result


def _with_captions(items: list[FlowItem | Heading]) -> list[Block]:
    """Each image's caption: the caption the markup gives it, else a short line right under it,
    else its alternative text; an image with none of them has no words to show and is left out."""
    blocks: list[Block] = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if isinstance(item, Heading):
            blocks.append(item)
        elif item.kind == "image":
            following = items[index] if index < len(items) else None
            if isinstance(following, FlowItem) and _captions_image(following):
                blocks.append(caption_from_line(following.text))
                index += 1
            elif item.text:
                blocks.append(caption_from_line(item.text))
        elif item.kind == "caption" or is_caption_line(item.text):
            blocks.append(caption_from_line(item.text))
        else:
            blocks.append(Paragraph(item.text))
    return blocks


def _captions_image(item: FlowItem) -> bool:
    if item.kind == "caption":
        return True
    return item.kind == "paragraph" and (is_caption_line(item.text) or looks_like_title(item.text))
