"""From an article file to a report: read it, find its metrics, write the TOML, load it.

A drafted metric is kept only if `check` would accept it as written, so a draft always
passes `xihu-tui check`; one the checks refuse is dropped rather than written wrong.
"""

from __future__ import annotations

from pathlib import Path

from ..loader import loads_report
from ..model import Report
from ..problems import Problem, ReportError
from ..quotes import check_metric_words, check_series
from .article import Paragraph
from .metrics import DraftMetric, draft_metrics
from .reading import ArticleError, read_article
from .report_toml import draft_report_toml

__all__ = ["draft_report", "draft_text"]


def draft_text(path: Path, max_bytes: int) -> str:
    """The report TOML drafted from the article at `path`; `ArticleError` if it cannot be read."""
    article = read_article(path, max_bytes)
    paragraphs = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    found = draft_metrics(paragraphs, article.language)
    kept = [metric for metric in found if _passes(metric, paragraphs[metric.paragraph], article.language)]
    return draft_report_toml(article, kept, source=path.name)


def draft_report(path: Path, max_bytes: int) -> Report:
    """The report drafted from the article at `path`, as the explorer opens it; `ReportError`
    with the reason when the article cannot be read."""
    try:
        text = draft_text(path, max_bytes)
    except ArticleError as error:
        raise ReportError([Problem(str(path), str(error))]) from None
    return loads_report(text, source=str(path))


def _passes(metric: DraftMetric, paragraph: str, language: str) -> bool:
    if not metric.unit.strip() or not metric.label.strip():
        return False  # the format requires both: a figure without them is left for the author
    stated, problems = check_metric_words(
        paragraph,
        metric.quote,
        metric.value,
        metric.unit,
        metric.qualifier,
        number=metric.number,
        version=2,
        language=language,
    )
    if stated is None or problems or paragraph.count(metric.quote) != 1:
        return False
    if metric.series:
        periods = [period for period, _ in metric.series]
        values = [value for _, value in metric.series]
        _, series_problems = check_series(
            periods, values, [None] * len(values), paragraph, version=2, language=language
        )
        return not series_problems
    return True
