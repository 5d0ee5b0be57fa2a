"""From an article file to a report: read it, find its metrics, write the TOML or build it.

`draft_metrics` keeps a metric only if `check` would accept it as written, so a draft always
passes `xihu-tui check`; one the checks refuse is left for the author rather than written wrong.
An article opened directly is built from the drafted document as a saved draft would be read,
by the same builder and its checks, without writing the TOML and reading it back: the checks'
answers are remembered from drafting (`quotes.check_metric_words`), so checking it again is
nearly free, where a round trip through the text cost as much as drafting.
"""

from __future__ import annotations

from pathlib import Path

from ..report.builder import ReportBuilder
from ..report.loader import loads_report
from ..report.model import Report
from ..report.problems import Problem, ReportError
from .article import Article, Paragraph
from .metrics import DraftMetric, draft_metrics
from .reading import ArticleError, read_article
from .report_toml import draft_document, draft_report_toml

__all__ = ["draft_report", "draft_text"]


def draft_text(path: Path, max_bytes: int) -> str:
    """The report TOML drafted from the article at `path`; `ArticleError` if it cannot be read."""
    article, metrics = _drafted(path, max_bytes)
    return draft_report_toml(article, metrics, source=path.name)


def draft_report(path: Path, max_bytes: int) -> Report:
    """The report drafted from the article at `path`, as the explorer opens it; `ReportError`
    with the reason when the article cannot be read."""
    try:
        article, metrics = _drafted(path, max_bytes)
    except ArticleError as error:
        # The reader's message names the article already; the problem names it once.
        raise ReportError([Problem(str(path), str(error).removeprefix(f"{path}: "))]) from None
    try:
        return ReportBuilder(str(path), "").build(draft_document(article, metrics))
    except ReportError:
        # Not expected (the drafter keeps only what checks): if it happens, the problems are
        # located in the TOML that `w` would save, where the author can see them.
        return loads_report(draft_report_toml(article, metrics, source=path.name), source=str(path))


def _drafted(path: Path, max_bytes: int) -> tuple[Article, list[DraftMetric]]:
    article = read_article(path, max_bytes)
    paragraphs = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    return article, draft_metrics(paragraphs, article.language)
