"""Regular expressions compiled when first used."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial

__all__ = ["lazy_pattern"]


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """`re.compile(pattern, flags)`, done at the first call and kept.

    The number and unit readers' expressions took 9 ms of every start to compile, though a
    report read from the parse cache needs none of them before its first screen.
    """
    return cache(partial(re.compile, pattern, flags))
