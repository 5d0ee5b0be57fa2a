"""Reading an article file (plain text, Markdown or HTML) into an `Article`.

Each kind has its own reader, which finds the headline, the byline lines and the
blocks; what follows is the same for all: a news dateline read from the first
paragraph, paragraphs that a photo cut in two put back together, and the language.
"""

from __future__ import annotations

from pathlib import Path

from ..report.problems import ReportError
from ..report.report_bytes import read_report_bytes
from .article import Article, ArticleError, Block, Caption, Paragraph
from .encoding import decode_article
from .front_matter import FrontMatter, front_matter_of_lead, front_matter_of_lines
from .kinds import ARTICLE_KINDS, article_kind
from .prose import ends_sentence, join_halves, language_of

__all__ = ["ARTICLE_KINDS", "Article", "ArticleError", "article_from_bytes", "article_kind", "read_article"]


def read_article(path: Path, max_bytes: int) -> Article:
    """The article in the file at `path`, read by its kind (plain text if the suffix is unknown).

    Raises `ArticleError` when the file is missing, not a regular file, over `max_bytes`,
    binary, empty, or in an encoding that cannot be told.
    """
    try:
        raw = read_report_bytes(path, max_bytes)
    except ReportError as error:
        raise ArticleError(str(error)) from None
    return article_from_bytes(raw, article_kind(path) or "text", str(path))


def article_from_bytes(raw: bytes, kind: str, source: str = "<article>") -> Article:
    """The article in `raw`, of `kind` `text`, `markdown` or `html`; `source` names it in errors."""
    if kind not in ("text", "markdown", "html"):
        raise ValueError(f"unknown article kind {kind!r}")
    text = decode_article(raw, kind, source)
    title, blocks, front = _read(text, kind)
    if not title:
        raise ArticleError(f"{source}: no headline found: the article needs a title line or heading")
    front_lines, blocks = _leading_front_matter(blocks)
    front = [*front, *front_lines]
    lead = next((block for block in blocks if isinstance(block, Paragraph)), None)
    if lead is not None and (dateline := front_matter_of_lead(lead.text)) is not None:
        front.append(dateline)
    return Article(
        title=title,
        blocks=tuple(_rejoined(blocks)),
        byline=next((item.byline for item in front if item.byline), None),
        place=next((item.place for item in front if item.place), None),
        date=next((item.date for item in front if item.date), None),
        language=language_of(title + "".join(_text_of(block) for block in blocks)),
    )


def _read(text: str, kind: str) -> tuple[str, list[Block], list[FrontMatter]]:
    if kind == "text":
        from .plain_text import read_plain_text

        plain = read_plain_text(text)
        return plain.title, list(plain.blocks), list(plain.front)
    if kind == "markdown":
        from .markdown_article import read_markdown

        title, blocks = read_markdown(text)
    else:
        from .html_article import read_html

        title, blocks = read_html(text)
    return title, blocks, []


def _leading_front_matter(blocks: list[Block]) -> tuple[list[FrontMatter], list[Block]]:
    """Byline and date lines that a Markdown or HTML article prints as its first paragraphs."""
    leading = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        leading.append(block.text)
    front, taken = front_matter_of_lines(leading)
    return front, blocks[taken:]


def _text_of(block: Block) -> str:
    return block.text


def _rejoined(blocks: list[Block]) -> list[Block]:
    """Paragraphs cut in two by photos, whole again, each followed by the captions that cut it.

    A paragraph is cut when its text before the captions ends no sentence and a
    paragraph follows them: the two are one paragraph, as the writer wrote it.
    """
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if not isinstance(block, Paragraph):
            result.append(block)
            continue
        text = block.text
        captions: list[Block] = []
        while not ends_sentence(text):
            end = index
            while end < len(blocks) and isinstance(blocks[end], Caption):
                end += 1
            rest = blocks[end] if end < len(blocks) else None
            if end == index or not isinstance(rest, Paragraph):
                break
            captions.extend(blocks[index:end])
            text = join_halves(text, rest.text)
            index = end + 1
        result.append(Paragraph(text))
        result.extend(captions)
    return result
