"""A metric's value in words for a one-line place (the contents, a figure's line, the palette):
what the written number leaves unsaid is added, so a bound or a decline never reads as an
exact figure or a rise.

The written number is the quote's own words (`60多亿元`, `3.5%`). When they carry the
qualifier themselves (多, 超过, 以上, 前) nothing is added; when the qualifier is in words
around them (约275亿元 writes `275亿元`), its word goes in front. A decline's written number
has no sign (下降3.5% writes `3.5%`), so the decline mark (↓) goes in front.
"""

from __future__ import annotations

from ..core.report.model import Metric, Qualifier
from ..core.report.written import written_number, written_value
from ..core.text.display import decline_marked, qualifier_sign
from ..core.text.numbers import find_quantities
from .strings import Strings


def metric_value_words(metric: Metric, strings: Strings, language: str = "zh") -> str:
    """The written value, with the qualifier's short word (`约 275亿元`) and the decline mark
    (`↓9.4%`) when the written words (in the report's `language`) do not say so themselves."""
    words = decline_marked(written_value(metric), metric.value, strings.decline_mark)
    number = written_number(metric)
    if metric.qualifier is not Qualifier.EXACT and not _states(number, metric.qualifier, language):
        qualifier = metric.qualifier
        word = (
            strings.reading.short_qualifiers.get(qualifier)
            or strings.qualifiers.get(qualifier)
            or qualifier_sign(qualifier)
        )
        words = f"{word} {words}"
    return words


def _states(number: str, qualifier: Qualifier, language: str) -> bool:
    """Whether the written number's own words bound it as `qualifier` does (超百亿: more than)."""
    return any(qualifier in found.accepts for found in find_quantities(number, language))
