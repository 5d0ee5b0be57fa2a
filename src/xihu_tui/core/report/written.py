"""A metric's number as the source writes it: `66万户`, `60多亿元`, `前三位`."""

from __future__ import annotations

import math

from ..text.numbers import find_quantities
from .model import Metric


def written_number(metric: Metric) -> str:
    """The words of the quote that state the value (`66万`, `超百亿`, `96.7%`)."""
    if metric.written is not None:
        return metric.written  # found by the loader
    for quantity in find_quantities(metric.quote):
        if math.isclose(quantity.value, metric.value, rel_tol=1e-9, abs_tol=1e-9):
            return metric.quote[quantity.start : quantity.end]
    # A hand-built model may state no such number.
    return f"{metric.value:g}"


def written_value(metric: Metric) -> str:
    """The written number with its unit, without repeating a unit the words already hold."""
    number = written_number(metric)
    return number if metric.unit in number else number + metric.unit
