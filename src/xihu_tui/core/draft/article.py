"""An article read into structure: its title, front matter and blocks in reading order.

This is what the readers of plain text, Markdown and HTML agree on, so that drafting a
report never needs to know which kind of file the article came from. Every text here is
the article's own, with only its white space folded (docs/report-format.md allows no
other change).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Article", "ArticleError", "Block", "Caption", "Heading", "Paragraph"]


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading; level 1 is a top-level section, 2 nests under the last level 1."""

    text: str
    level: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption. `credit` is the photographer's credit as printed (`张闻涛 摄`).

    The printed line is `text`, then `credit`, with any white space between them left out.
    """

    text: str
    credit: str | None = None


Block = Heading | Paragraph | Caption


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    """The headline."""
    blocks: tuple[Block, ...]
    """In reading order, after the title and the byline lines."""
    byline: str | None = None
    """As printed: 本报记者 方力 通讯员 郑洁."""
    place: str | None = None
    """Where the text states it, as in a dateline (新华社北京12月28日电)."""
    date: str | None = None
    """As printed (2020年12月29日), when the text states it."""
    language: str = "zh-CN"
    """`en` when the text is English."""


class ArticleError(Exception):
    """An article that cannot be read; `str(error)` is one line for the user."""
