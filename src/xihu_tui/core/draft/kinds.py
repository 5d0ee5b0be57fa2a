"""Which files are articles to draft rather than reports: by their name alone, so that
opening a report never imports the drafter."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ARTICLE_KINDS", "article_kind"]

ARTICLE_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
"""An article's suffix, and how it is read."""


def article_kind(path: Path) -> str | None:
    """ "text", "markdown" or "html" for an article's file name; None for anything else (a report)."""
    return ARTICLE_KINDS.get(path.suffix.lower())
