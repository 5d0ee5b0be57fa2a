"""The characters that must never reach a terminal raw, for tests of what is written to one."""

from __future__ import annotations

CONTROLS = [chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]]
DIRECTION_CONTROLS = [
    chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
]
"""The embeddings, overrides and isolates (LRE … RLO, LRI … PDI) and the marks (LRM, RLM,
ALM): each can change the order in which a terminal that implements bidi shows what follows."""
HIDDEN = CONTROLS + DIRECTION_CONTROLS
"""What must never reach a terminal raw."""


def raw_controls(text: str, *, allowed: str = "\n") -> list[str]:
    """Each character of `text` that a terminal would act on rather than show, but those `allowed`."""
    return [ch for ch in text if ch in HIDDEN and ch not in allowed]
