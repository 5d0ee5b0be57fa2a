"""The terminal sizes the look of each state is snapshotted at (issue 17).

80×24 runs in the README's quick `pytest`. 120×40 and 160×45 take as long each and seldom
change alone, so they are marked slow: `.ci/run` runs them (`pytest -m slow`), as does
`pytest -m slow tests/test_*_snapshots.py` before a change to the layout lands.
"""

from __future__ import annotations

import pytest

COMMON_SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40", marks=pytest.mark.slow),
    pytest.param((160, 45), id="160x45", marks=pytest.mark.slow),
]
