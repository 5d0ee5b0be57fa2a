"""Report TOML written from Python values, for tests that need reports with arbitrary text.

TOML cannot hold most control characters raw, so strings are written with escapes: any
text, control characters included, survives the trip through the loader unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from xihu_tui.core.draft.report_toml import toml_string

Value = str | int | float | bool
Table = Mapping[str, Value]


def toml_value(value: Value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return toml_string(value)
    return repr(value)


def toml_table(header: str, table: Table) -> str:
    lines = [header] + [f"{key} = {toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n\n"


def report_toml(
    report: Table,
    sections: Iterable[tuple[str, Table]],
    groups: Iterable[Table] = (),
) -> str:
    """A report: `[report]`, then `[[groups]]`, then each (array-of-tables header, table) in order.

    Headers are TOML's own (`[[sections]]`, `[[sections.metrics]]`, …), so nesting is
    the caller's to write in document order.
    """
    parts = ["format = 1\n\n", toml_table("[report]", report)]
    parts += [toml_table("[[groups]]", group) for group in groups]
    parts += [toml_table(header, table) for header, table in sections]
    return "".join(parts)
