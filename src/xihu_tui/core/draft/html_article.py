"""An HTML article (a saved web page) read through a real parser into the flow of its text.

Beautiful Soup with Python's own html.parser: kept up to date for two decades, forgiving
of the broken markup that saved news pages are made of, and with no compiled parts
to install (lxml would be faster but needs a wheel for every platform; html5lib is
barely maintained). Entities are decoded by the parser; white space is folded here.

The story is taken from the page's <article> (else <main>, else <body>); navigation,
scripts, styles, forms and, outside the story, the page's <header> and <footer> are
boilerplate and left out. Paragraphs are <p> and <li>, and runs of text that a page
sets between <br>s or directly inside a <div>.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from .article import Block
from .flow import FlowItem, blocks_from_flow
from .prose import fold_space

__all__ = ["read_html"]

_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "nav", "form", "button", "select", "textarea", "iframe"}
    | {
        "svg",
        "canvas",
        "object",
        "embed",
        "audio",
        "video",
        "head",
        "title",
        "aside",
        "footer",
        "dialog",
        "menu",
    }
)
_HEADINGS = {f"h{depth}": depth for depth in range(1, 7)}
_PARAGRAPHS = frozenset({"p", "li", "dd", "dt", "blockquote", "pre", "address", "td", "th", "caption"})
"""Elements whose text is a paragraph; a nested block inside one still starts its own."""
_BLOCKS = frozenset(
    {"div", "section", "article", "main", "header", "body", "html", "figure", "ul", "ol", "dl", "table"}
    | {"thead", "tbody", "tfoot", "tr", "center", "hr", "details", "summary", "fieldset", "picture"}
)


def read_html(text: str) -> tuple[str, list[Block]]:
    soup = BeautifulSoup(text, "html.parser")
    page_title = soup.title.get_text() if soup.title else ""
    story = _story(soup)
    reader = _FlowReader(keep_header=story.name in ("article", "main"))
    reader.read(story)
    return blocks_from_flow(_after_headline(reader.items), fallback_title=page_title)


def _story(soup: BeautifulSoup) -> Tag:
    """The element that holds the story: the longest <article>, else <main>, else the body."""
    outermost: list[Tag] = []
    nested: set[int] = set()
    for article in soup.find_all("article"):
        # Only articles in no other article are weighed, so each part of the page is read once.
        if id(article) not in nested:
            outermost.append(article)
            nested.update(id(inner) for inner in article.find_all("article"))
    if outermost:
        return max(outermost, key=lambda article: len(article.get_text()))
    main = soup.find("main")
    if isinstance(main, Tag):
        return main
    return soup.body if soup.body is not None else soup


def _after_headline(items: list[FlowItem]) -> list[FlowItem]:
    """What a page prints above its <h1> is breadcrumbs and banners, not the story."""
    for index, item in enumerate(items):
        if item.kind == "heading" and item.depth == 1:
            return items[index:]
    return items


class _FlowReader:
    """Walks the story's elements in order, gathering loose text until a block ends it."""

    def __init__(self, *, keep_header: bool) -> None:
        self.items: list[FlowItem] = []
        self._words: list[str] = []
        self._images: list[FlowItem] = []
        self._keep_header = keep_header

    def read(self, story: Tag) -> None:
        # Iterative, not recursive: a page may nest elements thousands deep.
        stack: list[tuple[Tag, Iterator[PageElement], str]] = [(story, iter(story.children), "paragraph")]
        while stack:
            element, children, kind = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if element.name in _PARAGRAPHS or element.name in _BLOCKS or element.name == "figcaption":
                    self._flush(kind)
                continue
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    self._words.append(str(child))
                continue
            if not isinstance(child, Tag) or self._skipped(child):
                continue
            name = child.name
            if name in _HEADINGS:
                self._flush(kind)
                self.items.append(FlowItem("heading", fold_space(child.get_text(" ")), _HEADINGS[name]))
            elif name == "img":
                self._images.append(FlowItem("image", fold_space(str(child.get("alt") or ""))))
                if kind != "paragraph" or element.name not in _PARAGRAPHS:
                    self._flush(kind)
            elif name == "br":
                if element.name in _PARAGRAPHS:
                    self._words.append("\n")
                else:
                    self._flush(kind)  # text between <br>s straight in a <div> is a page's paragraphs
            elif name in _PARAGRAPHS or name in _BLOCKS or name == "figcaption":
                self._flush(kind)
                stack.append((child, iter(child.children), "caption" if name == "figcaption" else kind))
            else:
                stack.append((child, iter(child.children), kind))

    def _skipped(self, element: Tag) -> bool:
        if element.name in _SKIPPED or element.has_attr("hidden"):
            return True
        return element.name == "header" and not self._keep_header

    def _flush(self, kind: str) -> None:
        words = fold_space("".join(self._words))
        self._words.clear()
        if words:
            self.items.append(FlowItem("caption" if kind == "caption" else "paragraph", words))
        self.items.extend(self._images)
        self._images.clear()
