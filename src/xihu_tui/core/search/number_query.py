"""Comparison queries (`>1万`, `<=96.7%`, `>=100 人`): they find metrics by value, not text.

Parsed apart from the index, so the rules of a comparison (its operators, the number
as the report writes numbers, which units count people) are in one place; they are
described in docs/search.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..text.display import full_number
from ..text.numbers import parse_quantity
from .folding import short_text

__all__ = ["NumberQuery", "parse_number_query"]

_OPERATORS = {
    ">=": ">=", "<=": "<=", "==": "=", "≥": ">=", "≤": "<=", "≧": ">=", "≦": "<=",
    ">": ">", "<": "<", "=": "=",
}  # fmt: skip
# Longest first, so >= is not read as > followed by "=1".
_OPERATOR_RE = re.compile("|".join(map(re.escape, sorted(_OPERATORS, key=len, reverse=True))))
_LONGEST_NUMBER = 64  # characters tried for the number part; nothing real is longer
_PEOPLE = "人"
_PEOPLE_WORDS = frozenset({"名", "位"})


@dataclass(frozen=True, slots=True)
class NumberQuery:
    operator: str  # ">", ">=", "<", "<=", "="
    value: float
    unit: str  # "" for any unit

    def value_test(self) -> Callable[[float], bool]:
        """A predicate on values; equal means equal to 1 part in 10^9, as `math.isclose`."""
        target = self.value
        slack = max(abs(target) * 1e-9, 1e-12)
        low, high = target - slack, target + slack
        tests = {
            "=": lambda v: low <= v <= high,
            ">=": lambda v: v >= low,
            "<=": lambda v: v <= high,
            ">": lambda v: v > high,
            "<": lambda v: v < low,
        }
        return tests[self.operator]

    def unit_passes(self, unit: str) -> bool:
        if not self.unit:
            return True
        unit = unicodedata.normalize("NFKC", unit)
        if unit == self.unit:
            return True
        # 名 and 位 count people, and a metric of people records 人. (A metric whose unit
        # is 位 is usually a rank, so 人 does not find it.)
        if self.unit in _PEOPLE_WORDS:
            return unit == _PEOPLE
        return self.unit == _PEOPLE and unit == "名"

    def describe(self) -> str:
        unit = f"unit {self.unit}" if self.unit else "any unit"
        return f"number query: value {self.operator} {full_number(self.value)}, {unit}"


def parse_number_query(query: str) -> NumberQuery | str | None:
    """None if `query` is not a number query, a reason if it is a bad one."""
    compact = "".join(unicodedata.normalize("NFKC", query).split())
    operator = _OPERATOR_RE.match(compact)
    if operator is None:
        return None
    written = operator.group()
    rest = compact[operator.end() :]
    if not rest:
        return f"no number after {written!r}"
    # The longest start of the rest that is a number (66万, 1.2亿, 96.7%); what follows is the unit.
    for cut in range(min(len(rest), _LONGEST_NUMBER), 0, -1):
        quantity = parse_quantity(rest[:cut])
        if quantity is not None:
            break
    else:
        return f"no number after {written!r}: {short_text(rest)} does not start with one"
    unit = rest[cut:]
    if not unit and ("%" in quantity.text or "百分之" in quantity.text):
        unit = "%"
    return NumberQuery(_OPERATORS[written], quantity.value, unit)
