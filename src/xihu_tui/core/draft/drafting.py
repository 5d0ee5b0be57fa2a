"""From an article file to a report: read it, find its metrics, write the TOML, load it.

`draft_metrics` keeps a metric only if `check` would accept it as written, so a draft always
passes `xihu-tui check`; one the checks refuse is left for the author rather than written wrong.
"""

from __future__ import annotations

from pathlib import Path

from ..loader import loads_report
from ..model import Report
from ..problems import Problem, ReportError
from .article import Paragraph
from .metrics import draft_metrics
from .reading import ArticleError, read_article
from .report_toml import draft_report_toml

__all__ = ["draft_report", "draft_text"]


def draft_text(path: Path, max_bytes: int) -> str:
    """The report TOML drafted from the article at `path`; `ArticleError` if it cannot be read."""
    article = read_article(path, max_bytes)
    paragraphs = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    return draft_report_toml(article, draft_metrics(paragraphs, article.language), source=path.name)


def draft_report(path: Path, max_bytes: int) -> Report:
    """The report drafted from the article at `path`, as the explorer opens it; `ReportError`
    with the reason when the article cannot be read."""
    try:
        text = draft_text(path, max_bytes)
    except ArticleError as error:
        # The reader's message names the article already; the problem names it once.
        raise ReportError([Problem(str(path), str(error).removeprefix(f"{path}: "))]) from None
    return loads_report(text, source=str(path))
