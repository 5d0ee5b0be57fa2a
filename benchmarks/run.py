"""Benchmarks for xihu-tui: loading and searching large generated reports.

    python benchmarks/run.py                      # 2.5, 5 and 10 MB; a few minutes
    python benchmarks/run.py --mb 20 --sizes 5,10,20
    python benchmarks/run.py --quick              # tiny sizes: proves it works, measures nothing

For each size the runner generates a report with `benchmarks/generate.py`, then runs
every case of `CASES` on it, smallest size first. A case is a function of a
`Subject` (the size, the file, and what earlier cases left behind: the text, the
loaded report, the search index) returning a dict of figures; its `rows` say how to
print them. Start-up, interaction and memory cases slot in as more entries of
`CASES`. After the sizes, `drafting.py` drafts a generated 1 MB article and opens
articles directly against their saved drafts (issue 16), and `shapes.py` opens reports
of extreme shape (issue 19); their targets are judged with the rest.

It prints one table (a column per size, with the targets judged at the largest
size), the growth between successive sizes, and writes everything to JSON
(default `benchmarks/out/results.json`). Nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import json
import math
import os
import platform
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import drafting  # noqa: E402  (beside this file, not a package)
import generate  # noqa: E402
import interaction  # noqa: E402
import shapes  # noqa: E402
import startup  # noqa: E402
import tmux_screen  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from rich.cells import cell_len  # noqa: E402

from xihu_tui.core.report.loader import bundled_report_path, load_report, loads_report  # noqa: E402
from xihu_tui.core.report.model import Report  # noqa: E402

DEFAULT_JSON = HERE / "out" / "results.json"
DEFAULT_SIZES = (2.5, 5.0, 10.0)
QUICK_SIZES = (0.05, 0.1)
SCHEMA = 1

# Queries typed one character at a time. Every prefix is one keystroke.
PLAIN_QUERIES = (
    "健康码",
    "老旧小区",
    "数字经济",
    "2020",
    "西湖",  # two characters, and in nearly every paragraph: the most hits
    "经济社会发展",  # six characters
    "量子计算机",  # no hits
)
PINYIN_QUERIES = ("jiankangma", "jkm", "xihu")
NUMBER_QUERIES = (">1万", ">=100 人")
SECTION_QUERIES = ("西湖区",)
FIRST_HITS = 100
"""How many hits the UI materialises per keystroke (the visible list)."""

STARTUP_RUNS = 7
"""Start-ups per program and size (median), interleaved so a busy moment weighs on all."""

# (class, statistic, limit in ms): judged per keystroke at the largest size.
TARGETS = (
    ("plain", "median_ms", 10.0),
    ("plain", "p95_ms", 16.0),
    ("pinyin", "median_ms", 50.0),
    ("pinyin", "p95_ms", 50.0),
)
KEY_RATIO = {"tree_step": 1.5, "section_jump": 1.5, "search_next": 1.5}
"""A key's median and p95 at most this many times bare Textual's screenful (issue 19)."""
OVERVIEW_RATIO = {"overview_first": 3.0, "overview_later": 3.0}
"""The overview's opening, p95 at most this many times the screenful (issue 19)."""
BUNDLED_RATIO = 1.2
"""First screen of the bundled report, at most this many times the minimal app's."""
LARGE_RATIO = 1.3
"""First screen of the large report, at most this many times (minimal app + parse floor)."""
LARGE_RSS_MIB = 250
SHAPES_QUICK_SCALE = 0.001
"""`--quick` shrinks the extreme shapes to this fraction (a thousand sections, …)."""
DRAFT_ARTICLE_MB = 1.0
"""The article `xihu-tui draft` must draft in `drafting.DRAFT_TARGET_S` (issue 16)."""


# -- the subject of the cases ------------------------------------------------------------


@dataclass
class Subject:
    """One generated report and what the cases learn about it, in order."""

    mb: float
    path: Path
    repeats: int
    text: str = ""
    report: Report | None = None
    index: Any = None
    results: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    label: str
    key: str
    """Dotted path into the size's results: "load.load_s"."""
    unit: str = ""
    scale: float = 1.0
    digits: int = 2
    target: float | None = None
    """The limit, in the row's unit (after `scale`), that the figure must not pass."""


@dataclass(frozen=True)
class Growth:
    """A figure whose ratio between successive sizes is printed."""

    label: str
    key: str
    """Dotted key of the figure in a size's results."""
    judged: bool = False
    """Whether it must grow no faster than the report (the issue's "at most double")."""


@dataclass(frozen=True)
class Case:
    name: str
    run: Callable[[Subject], dict[str, Any]]
    rows: tuple[Row, ...]
    growth: tuple[Growth, ...] = ()


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def _traced(function: Callable[[], Any]) -> tuple[int, int, Any]:
    """Peak and retained bytes of Python allocations made by `function`."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        value = function()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before, current - before, value


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarise(samples_s: list[float]) -> dict[str, Any]:
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "median_ms": statistics.median(ms),
        "p95_ms": percentile(ms, 0.95),
        "max_ms": max(ms),
    }


# -- case: loading ---------------------------------------------------------------------------


def case_load(subject: Subject) -> dict[str, Any]:
    """The parse floor (tomllib alone) and the full load with validation.

    Each is the best of three runs (one with --quick): on a shared machine the minimum is
    the figure least disturbed by others, and their difference needs both steady.
    """
    gc.unfreeze()  # what the size before froze (below) may go now
    read_s, text = _timed(lambda: subject.path.read_text(encoding="utf-8"))
    subject.text = text
    runs = min(3, subject.repeats)
    parse_s = load_s = math.inf
    report = None
    for _ in range(runs):
        gc.collect()
        parse_s = min(parse_s, _timed(lambda: tomllib.loads(text))[0])
        report = None
        gc.collect()
        elapsed, report = _timed(lambda: loads_report(text, source=str(subject.path)))
        load_s = min(load_s, elapsed)
    assert report is not None
    subject.report = report
    # As `xihu-tui` does once a report is loaded: its hundreds of thousands of long-lived
    # model objects leave the collector, or every full collection walks them (50–70 ms at
    # 10 MB), and one lands in a keystroke now and then.
    gc.collect()
    gc.freeze()
    return {
        "bytes": len(text.encode("utf-8")),
        "sections": sum(1 for _ in report.walk()),
        "paragraphs": len(report.paragraphs),
        "metrics": len(report.metrics),
        "groups": len(report.groups),
        "figures": len(report.figures),
        "series": sum(1 for m in report.metrics if m.series),
        "read_s": read_s,
        "runs": runs,
        "parse_floor_s": parse_s,
        "load_s": load_s,
        "load_minus_parse_s": load_s - parse_s,
    }


# -- case: search index ------------------------------------------------------------------


def _search_module() -> Any:
    from xihu_tui.core.search import index

    return index


_warmed: list[bool] = []


def case_search_index(subject: Subject) -> dict[str, Any]:
    """SearchIndex construction + the first plain search, then build_pinyin(); memory of each."""
    search = _search_module()
    report = subject.report
    assert report is not None

    def build_plain() -> Any:
        index = search.SearchIndex(report)
        index.search(PLAIN_QUERIES[0])
        return index

    def warm_up_pypinyin() -> None:
        # Importing pypinyin and reading its dictionaries happens once per process,
        # whatever the report's size: a pinyin index of the small bundled report takes
        # that cost out of build_pinyin()'s figure (it shows at the first size only).
        search.SearchIndex(load_report()).build_pinyin()

    pypinyin_s = None
    if not _warmed:
        pypinyin_s, _ = _timed(warm_up_pypinyin)
        _warmed.append(True)
    # Best of three (one with --quick), each on a fresh index: a build takes well under a
    # second, where a neighbour's burst of work shows.
    build_s = pinyin_s = math.inf
    index = None
    for _ in range(min(3, subject.repeats)):
        index = None
        gc.collect()
        elapsed, index = _timed(build_plain)
        build_s = min(build_s, elapsed)
        pinyin_s = min(pinyin_s, _timed(index.build_pinyin)[0])
    subject.index = index
    # Memory is measured on fresh indexes: tracemalloc slows everything it watches.
    plain_peak, plain_retained, traced = _traced(build_plain)
    pinyin_peak, pinyin_retained, _ = _traced(traced.build_pinyin)
    del traced
    gc.collect()
    return {
        "pinyin_first_use_s": pypinyin_s,
        "build_s": build_s,
        "pinyin_s": pinyin_s,
        "pinyin_ready": bool(index.pinyin_ready),
        "build_peak_bytes": plain_peak,
        "build_retained_bytes": plain_retained,
        "pinyin_peak_bytes": pinyin_peak,
        "pinyin_retained_bytes": pinyin_retained,
    }


# -- case: per-keystroke search ----------------------------------------------------------


def ui_model(result: Any) -> tuple[dict[str, int], set[str], list[Any], list[Any]]:
    """What the explorer builds from a result on every keystroke (through `SearchSession`).

    The counts per section (the contents pane), the sections with hits (narrowing), the
    current hit and its section's hits (the text pane); and, to stay on the safe side,
    the first `FIRST_HITS` hits.
    """
    counts = result.counts_by_section()
    sections = set(counts)
    current = result.hits[result.first_index_at_or_after(next(iter(counts)))] if counts else None
    in_section = result.hits_in_section(current.section_id) if current is not None else []
    first = list(result.hits[:FIRST_HITS])
    return counts, sections, in_section, first


def keystrokes(query: str) -> Iterable[str]:
    return (query[:end] for end in range(1, len(query) + 1))


def type_queries(
    make_index: Callable[[], Any], queries: Iterable[str], repeats: int, section_id: str | None = None
) -> dict[str, Any]:
    """Type each query letter by letter `repeats` times; time search + UI model per keystroke.

    Every run types into a fresh, fully built index from `make_index`, so that no
    keystroke is answered from a result cache filled by an earlier run: each figure is
    what a reader typing that query for the first time waits for.
    """
    total: list[float] = []
    search_only: list[float] = []
    per_query: dict[str, Any] = {}
    kinds: dict[str, int] = {}
    fastest: dict[tuple[str, str], list[float]] = {}
    for query in queries:
        times: list[float] = []
        per_prefix: dict[str, list[float]] = {}
        found: dict[str, tuple[int, str]] = {}
        for _ in range(repeats):
            index = make_index()
            gc.collect()
            for prefix in keystrokes(query):
                start = time.perf_counter()
                result = index.search(prefix, section_id=section_id)
                searched = time.perf_counter()
                ui_model(result)
                done = time.perf_counter()
                search_only.append(searched - start)
                times.append(done - start)
                per_prefix.setdefault(prefix, []).append(done - start)
                fastest.setdefault((query, prefix), []).append(done - start)
                kind = str(getattr(result.kind, "value", result.kind))
                kinds[kind] = kinds.get(kind, 0) + 1
                found[prefix] = (len(result.hits), kind)
        total += times
        per_query[query] = {
            **summarise(times),
            "hits": found[query][0],
            "keystrokes": [
                {
                    "prefix": prefix,
                    "median_ms": statistics.median(samples) * 1000,
                    "hits": found[prefix][0],
                    "kind": found[prefix][1],
                }
                for prefix, samples in per_prefix.items()
            ],
        }
    return {
        **summarise(total),
        # Each keystroke's fastest repeat, the median of those: the figure least moved by
        # a busy moment of the machine, for comparing sizes.
        "typical_ms": statistics.median(min(samples) * 1000 for samples in fastest.values()),
        "search_only": summarise(search_only),
        "kinds": kinds,
        "queries": per_query,
    }


def slowest_keystrokes(size: dict[str, Any], count: int = 8) -> list[dict[str, Any]]:
    """The slowest keystrokes of a size, over every class of query."""
    rows = [
        {"class": cls, "query": query, **keystroke}
        for cls, figures in (size.get("keystrokes") or {}).items()
        for query, detail in figures["queries"].items()
        for keystroke in detail["keystrokes"]
    ]
    return sorted(rows, key=lambda row: -row["median_ms"])[:count]


def render_slowest(size: dict[str, Any]) -> str:
    headers = [f"slowest keystrokes at {size['mb']:g} MB", "class", "kind", "hits", "ms"]
    body = [
        [repr(row["prefix"]), row["class"], row["kind"], f"{row['hits']:,}", f"{row['median_ms']:,.1f}"]
        for row in slowest_keystrokes(size)
    ]
    return _align(headers, body)


def scoped_section(report: Report) -> str:
    """A top-level section with subsections, the median-sized one of those."""
    nested = [s for s in report.sections if s.sections] or list(report.sections)
    sizes = sorted(nested, key=lambda s: (sum(len(d.paragraphs) for d in s.walk()), s.id))
    return sizes[len(sizes) // 2].id


def case_keystrokes(subject: Subject) -> dict[str, Any]:
    """Per-keystroke search, by class of query; the index is built, pinyin included."""
    report = subject.report
    assert report is not None
    search = _search_module()

    def fresh_index() -> Any:
        index = search.SearchIndex(report)
        index.build_pinyin()  # the explorer builds it in the background when search opens
        return index

    section_id = scoped_section(report)
    results = {
        "plain": type_queries(fresh_index, PLAIN_QUERIES, subject.repeats),
        "pinyin": type_queries(fresh_index, PINYIN_QUERIES, subject.repeats),
        "number": type_queries(fresh_index, NUMBER_QUERIES, subject.repeats),
        "plain_section": type_queries(fresh_index, SECTION_QUERIES, subject.repeats, section_id),
    }
    results["plain_section"]["section_id"] = section_id
    # Backspace and retyping: the same keystrokes again, on the index that answered them.
    index = fresh_index()
    type_queries(lambda: index, PLAIN_QUERIES, 1)
    results["plain_retyped"] = type_queries(lambda: index, PLAIN_QUERIES, subject.repeats)
    return results


def case_startup(subject: Subject) -> dict[str, Any]:
    """Process start to first full screen in a 120×40 pseudo-terminal (`startup.py`), and
    peak RSS: the minimal Textual app; the explorer on this report, parsed (`--no-cache`)
    and from the parse cache; and, at the first size only, on the bundled report.
    Interleaved, median of `STARTUP_RUNS`; the cache lives in a temporary directory."""
    report = subject.report
    assert report is not None
    bundled = bundled_report_path()
    markers = startup.first_screen_markers(report)
    programs = {
        "minimal": (startup.minimal_command(bundled), startup.minimal_screen_markers(bundled)),
        "report_parsed": (startup.explorer_command(subject.path, cache=False), markers),
        "report": (startup.explorer_command(subject.path), markers),
    }
    if not _bundled_started:
        programs["bundled"] = (startup.explorer_command(None), startup.first_screen_markers(load_report()))
        _bundled_started.append(True)
    runs = 1 if subject.repeats == 1 else STARTUP_RUNS
    compiled = startup.compile_as_installed()
    started: dict[str, list[startup.Started]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory(prefix="xihu-bench-cache-") as cache_home:
        env = {"XDG_CACHE_HOME": cache_home}
        # The first cached start parses and writes the entry: time it apart.
        first_start = startup.first_screen(*programs["report"], env=env)
        for _ in range(runs):
            for name, (command, expected) in programs.items():
                started[name].append(startup.first_screen(command, expected, env=env))
    figures: dict[str, Any] = {"runs": runs, "compiled": compiled, "report_first_s": first_start.seconds}
    for name, results in started.items():
        figures[f"{name}_s"] = statistics.median(r.seconds for r in results)
        figures[f"{name}_rss_bytes"] = max(r.max_rss_bytes for r in results)
        figures[f"{name}_all_s"] = [r.seconds for r in results]
    parse_floor = subject.results["load"]["parse_floor_s"]
    figures["floor_s"] = figures["minimal_s"] + parse_floor
    figures["report_ratio"] = figures["report_s"] / figures["floor_s"]
    figures["report_parsed_ratio"] = figures["report_parsed_s"] / figures["floor_s"]
    figures["report_beyond_parse_s"] = figures["report_parsed_s"] - parse_floor
    if "bundled_s" in figures:
        figures["bundled_ratio"] = figures["bundled_s"] / figures["minimal_s"]
    return figures


_bundled_started: list[bool] = []


def case_interaction(subject: Subject) -> dict[str, Any]:
    """Key to frame in the explorer (`interaction.py`): UI-thread work per key, in ms."""
    report = subject.report
    assert report is not None
    samples = interaction.measure(report, repeats=subject.repeats)
    figures = {name: summarise(values) for name, values in samples.items()}
    # Issue 19: judged against bare Textual drawing a screen of new text in the same run,
    # median against median and p95 against p95.
    floor = figures["redraw_floor"]
    for name in (*KEY_RATIO, *OVERVIEW_RATIO):
        for stat in ("median_ms", "p95_ms"):
            figures[name][f"{stat.removesuffix('_ms')}_ratio"] = figures[name][stat] / floor[stat]
    return figures


def case_terminal(subject: Subject) -> dict[str, Any]:
    """What a person at a terminal sees, through a tmux pane (`tmux_screen.py`): the bundled
    report's first screen against the minimal app's, interleaved, median of `STARTUP_RUNS`
    (at the first size only); and `j` and `]` held at 30 and 60 keys a second for 3 s on
    this report: the lag from the last key to the final screen, and whether a key was lost."""
    if not tmux_screen.available():
        return {"skipped": "tmux is not installed"}
    report = subject.report
    assert report is not None
    figures: dict[str, Any] = {}
    quick = subject.repeats == 1
    if not _bundled_on_tmux:
        _bundled_on_tmux.append(True)
        bundled = bundled_report_path()
        # A full first screen, as `startup.py` waits for: every marker. The minimal app's
        # first paragraph alone shows a frame before its footer's keys (about 40 ms), where
        # the explorer's first section's title comes with its whole screen; waiting for
        # the first marker only compared a half-drawn screen with a full one (1.37x, where
        # both full screens compare at 1.15x: `first_frames.py`).
        minimal_markers = startup.minimal_screen_markers(bundled)
        bundled_markers = startup.first_screen_markers(load_report())
        minimal, explorer = [], []
        for _ in range(1 if quick else STARTUP_RUNS):
            minimal.append(tmux_screen.first_screen(startup.minimal_command(bundled), minimal_markers))
            explorer.append(tmux_screen.first_screen(startup.explorer_command(None), bundled_markers))
        figures.update(minimal_s=statistics.median(minimal), bundled_s=statistics.median(explorer))
        figures["bundled_ratio"] = figures["bundled_s"] / figures["minimal_s"]
    command = startup.explorer_command(subject.path)
    markers = startup.first_screen_markers(report)[:1]
    for key, name in (("j", "j"), ("]", "section")):
        for rate in (30, 60):
            held = tmux_screen.held_keys(command, markers, key, rate=rate, seconds=0.5 if quick else 3.0)
            figures[f"held_{name}_{rate}_lag_s"] = held.lag_s
            figures[f"held_{name}_{rate}_lost"] = held.lost
    return figures


_bundled_on_tmux: list[bool] = []


MS, MIB = "ms", "MiB"


def _keystroke_rows(cls: str, label: str, *, alone: bool = False) -> tuple[Row, ...]:
    limits = {(c, s): limit for c, s, limit in TARGETS if c == cls}
    return tuple(
        Row(
            f"{label} {stat.removesuffix('_ms')}",
            f"keystrokes.{cls}.{stat}",
            MS,
            digits=1,
            target=limits.get((cls, stat)),
        )
        for stat in ("median_ms", "p95_ms")
    ) + tuple(
        Row(
            f"  search() alone {stat.removesuffix('_ms')}",
            f"keystrokes.{cls}.search_only.{stat}",
            MS,
            digits=1,
        )
        for stat in (("median_ms", "p95_ms") if alone else ())
    )


CASES: list[Case] = [
    Case(
        "load",
        case_load,
        rows=(
            Row("report size", "load.bytes", MIB, scale=1 / 2**20, digits=2),
            Row("sections", "load.sections", digits=0),
            Row("paragraphs", "load.paragraphs", digits=0),
            Row("metrics", "load.metrics", digits=0),
            Row("tomllib.loads (parse floor)", "load.parse_floor_s", "s"),
            Row("load_report", "load.load_s", "s"),
            Row("load − parse floor", "load.load_minus_parse_s", "s"),
        ),
        growth=(Growth("load − parse floor", "load.load_minus_parse_s"),),
    ),
    Case(
        "search_index",
        case_search_index,
        rows=(
            Row("index build + first search", "search_index.build_s", "s"),
            Row("  tracemalloc peak", "search_index.build_peak_bytes", MIB, scale=1 / 2**20, digits=1),
            Row("  retained", "search_index.build_retained_bytes", MIB, scale=1 / 2**20, digits=1),
            Row("pinyin first use (once)", "search_index.pinyin_first_use_s", "s"),
            Row("build_pinyin()", "search_index.pinyin_s", "s"),
            Row("  tracemalloc peak", "search_index.pinyin_peak_bytes", MIB, scale=1 / 2**20, digits=1),
            Row("  retained", "search_index.pinyin_retained_bytes", MIB, scale=1 / 2**20, digits=1),
        ),
        growth=(
            Growth("index build", "search_index.build_s"),
            Growth("build_pinyin()", "search_index.pinyin_s"),
        ),
    ),
    Case(
        "keystrokes",
        case_keystrokes,
        rows=(
            *_keystroke_rows("plain", "plain keystroke", alone=True),
            *_keystroke_rows("plain_section", "plain, one section"),
            *_keystroke_rows("plain_retyped", "plain, retyped"),
            *_keystroke_rows("pinyin", "pinyin keystroke", alone=True),
            *_keystroke_rows("number", "number keystroke"),
        ),
        growth=(
            Growth("plain keystroke, typical", "keystrokes.plain.typical_ms", judged=True),
            Growth("pinyin keystroke, typical", "keystrokes.pinyin.typical_ms", judged=True),
            Growth("number keystroke, typical", "keystrokes.number.typical_ms", judged=True),
        ),
    ),
    Case(
        "startup",
        case_startup,
        rows=(
            Row("minimal Textual app (baseline)", "startup.minimal_s", "s"),
            Row("bundled report", "startup.bundled_s", "s"),
            Row("  ÷ minimal app", "startup.bundled_ratio", "×", target=BUNDLED_RATIO),
            Row("this report, parsed (--no-cache)", "startup.report_parsed_s", "s"),
            Row("  first cached open (parses, writes the cache)", "startup.report_first_s", "s"),
            Row("  from the parse cache", "startup.report_s", "s"),
            Row("  minimal app + parse floor", "startup.floor_s", "s"),
            Row("  parsed ÷ (minimal app + parse floor)", "startup.report_parsed_ratio", "×"),
            Row("  cached ÷ (minimal app + parse floor)", "startup.report_ratio", "×", target=LARGE_RATIO),
            Row("  parsed, beyond the parse floor", "startup.report_beyond_parse_s", "s"),
            Row("peak RSS: minimal app", "startup.minimal_rss_bytes", MIB, scale=1 / 2**20, digits=0),
            Row("peak RSS: bundled report", "startup.bundled_rss_bytes", MIB, scale=1 / 2**20, digits=0),
            Row(
                "peak RSS: this report (parsed)",
                "startup.report_parsed_rss_bytes",
                MIB,
                scale=1 / 2**20,
                digits=0,
                target=LARGE_RSS_MIB,
            ),
        ),
        growth=(
            Growth("start-up (parsed) beyond the parse floor", "startup.report_beyond_parse_s", judged=True),
        ),
    ),
    Case(
        "terminal",
        case_terminal,
        rows=(
            Row("tmux pane: minimal app's first screen", "terminal.minimal_s", "s"),
            Row("tmux pane: bundled report's first screen", "terminal.bundled_s", "s"),
            Row("  ÷ minimal app", "terminal.bundled_ratio", "×", target=BUNDLED_RATIO),
            *(
                Row(
                    f"held {label} at {rate}/s: last key to final screen",
                    f"terminal.held_{name}_{rate}_lag_s",
                    MS,
                    scale=1000,
                    digits=0,
                    target=tmux_screen.HELD_LIMIT_S * 1000,
                )
                for name, label in (("j", "j"), ("section", "]"))
                for rate in (30, 60)
            ),
            *(
                Row(f"held {label} at {rate}/s: a key lost", f"terminal.held_{name}_{rate}_lost")
                for name, label in (("j", "j"), ("section", "]"))
                for rate in (30, 60)
            ),
        ),
    ),
    Case(
        "interaction",
        case_interaction,
        rows=tuple(
            Row(f"{label} {stat}", f"interaction.{name}.{stat}_ms", MS, digits=1)
            for name, label in (
                ("noop", "no-op key (floor)"),
                ("redraw_floor", "bare Textual: a screen of new text"),
            )
            for stat in ("median", "p95")
        )
        + tuple(
            row
            for name, label in (
                ("tree_step", "tree: next node"),
                ("section_jump", "next section (])"),
                ("search_next", "search: next match (n)"),
                ("overview_first", "open overview (m), first"),
                ("overview_later", "open overview (m), later"),
            )
            for stat in ("median", "p95")
            for row in (
                Row(f"{label} {stat}", f"interaction.{name}.{stat}_ms", MS, digits=1),
                Row(
                    f"  ÷ bare Textual's {stat}",
                    f"interaction.{name}.{stat}_ratio",
                    "×",
                    target=KEY_RATIO.get(name, OVERVIEW_RATIO.get(name) if stat == "p95" else None),
                ),
            )
        ),
    ),
]


# -- running and reporting -----------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        if found:
            cpu = found.group(1).strip()
    except OSError:
        cpu = platform.processor() or "unknown"

    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "nproc": nproc,
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "textual": version("textual"),
        "pypinyin": version("pypinyin"),
        "xihu_tui": version("xihu-tui"),
    }


def lookup(results: dict[str, Any], key: str) -> Any:
    value: Any = results
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _format(value: Any, row: Row) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    number = value * row.scale
    return f"{number:,.{row.digits}f}"


def _size_label(mb: float) -> str:
    return f"{mb:g} MB"


def render_table(sizes: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """The figures table (a column per size) and the targets judged at the largest size."""
    headers = ["figure", "unit", *(_size_label(s["mb"]) for s in sizes), "target"]
    body: list[list[str]] = []
    verdicts: list[dict[str, Any]] = []
    largest = sizes[-1]
    for case in CASES:
        body.append([f"[{case.name}]"])
        for row in case.rows:
            cells = [row.label, row.unit, *(_format(lookup(s, row.key), row) for s in sizes)]
            mark = ""
            if row.target is not None:
                limit = row.target
                # At the largest size; the bundled report's figures are only at the first.
                value = next((v for s in reversed(sizes) if (v := lookup(s, row.key)) is not None), None)
                scaled = None if value is None else value * row.scale
                met = scaled is not None and scaled <= limit
                mark = f"≤ {limit:g} {'✓' if met else '✗'}"
                verdicts.append(
                    {
                        "figure": row.key,
                        "unit": row.unit,
                        "limit": limit,
                        "value": scaled,
                        "met": met,
                        "mb": largest["mb"],
                    }
                )
            body.append([*cells, mark])
    return _align(headers, body, note_column=True), verdicts


def growth(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    steps = []
    for small, large in itertools.pairwise(sizes):
        ratios = {}
        for case in CASES:
            for figure in case.growth:
                a, b = lookup(small, figure.key), lookup(large, figure.key)
                ratios[figure.key] = b / a if a and b is not None else None
        steps.append(
            {
                "from_mb": small["mb"],
                "to_mb": large["mb"],
                "size_ratio": large["mb"] / small["mb"],
                "ratios": ratios,
            }
        )
    return steps


def render_growth(steps: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """The growth table, and its verdicts: a judged figure may grow at most as the size
    does (2× when the size doubles), at every step."""
    headers = ["growth (ratio)", *(f"{s['from_mb']:g}→{s['to_mb']:g} MB" for s in steps), "target"]
    body = [["size", *(f"{s['size_ratio']:.2f}×" for s in steps), ""]]
    verdicts: list[dict[str, Any]] = []
    for case in CASES:
        for figure in case.growth:
            ratios = [step["ratios"].get(figure.key) for step in steps]
            cells = ["—" if ratio is None else f"{ratio:.2f}×" for ratio in ratios]
            mark = ""
            if figure.judged and steps:
                over = [
                    ratio / step["size_ratio"] if ratio is not None else None
                    for ratio, step in zip(ratios, steps, strict=True)
                ]
                worst = None if None in over else max(o for o in over if o is not None)
                met = worst is not None and worst <= 1
                mark = f"≤ size {'✓' if met else '✗'}"
                verdicts.append(
                    {
                        "figure": f"growth.{figure.key}",
                        "unit": "× the size's growth (worst step)",
                        "limit": 1.0,
                        "value": worst,
                        "met": met,
                        "mb": steps[-1]["to_mb"],
                    }
                )
            body.append([figure.label, *cells, mark])
    return _align(headers, body, note_column=True), verdicts


def _align(headers: list[str], body: list[list[str]], *, note_column: bool = False) -> str:
    """Columns aligned by terminal cells (汉字 are two wide): the first left, numbers
    right, a trailing note column left."""
    widths = [cell_len(h) for h in headers]
    for line in body:
        if len(line) == 1:
            continue
        for i, cell in enumerate(line):
            widths[i] = max(widths[i], cell_len(cell))

    def pad(cell: str, width: int, *, left: bool) -> str:
        space = " " * (width - cell_len(cell))
        return cell + space if left else space + cell

    def fmt(cells: list[str]) -> str:
        out = [pad(cells[0], widths[0], left=True)]
        out += [pad(cell, widths[i + 1], left=False) for i, cell in enumerate(cells[1:-1])]
        if len(cells) > 1:
            out.append(pad(cells[-1], widths[len(cells) - 1], left=note_column))
        return "  ".join(out).rstrip()

    lines = [fmt(headers), "  ".join("-" * w for w in widths)]
    for line in body:
        lines.append(line[0] if len(line) == 1 else fmt(line))
    return "\n".join(lines)


def parse_sizes(text: str) -> list[float]:
    try:
        sizes = sorted({float(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes in MB separated by commas, got {text!r}") from None
    if not sizes or sizes[0] <= 0:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def run(
    sizes: list[float], *, repeats: int, workdir: Path, seed: int, log: Callable[[str], None]
) -> dict[str, Any]:
    material = generate.load_material()
    results: list[dict[str, Any]] = []
    for mb in sizes:
        path = workdir / f"report-{mb:g}mb.toml"
        start = time.perf_counter()
        generate.write_report(path, mb, seed=seed, material=material)
        generate_s = time.perf_counter() - start
        subject = Subject(mb=mb, path=path, repeats=repeats)
        subject.results = {"mb": mb, "file": str(path), "generate_s": generate_s}
        log(f"{mb:g} MB: generated in {generate_s:.1f} s")
        for case in CASES:
            start = time.perf_counter()
            subject.results[case.name] = case.run(subject)
            log(f"{mb:g} MB: {case.name} done in {time.perf_counter() - start:.1f} s")
        results.append(subject.results)
        # Free this size's report and index before the next, larger one.
        subject.text, subject.report, subject.index = "", None, None
        gc.collect()
    return {"sizes": results, "growth": growth(results)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=None, help="size of the large report in MB (default 10)")
    parser.add_argument(
        "--sizes", type=parse_sizes, default=None, help="sizes for the growth table (default 2.5,5,10)"
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repeat: for the test")
    parser.add_argument("--repeats", type=int, default=None, help="times each query is typed (default 3)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help=f"where to write (default {DEFAULT_JSON})"
    )
    parser.add_argument("--keep", type=Path, default=None, help="generate the reports here and keep them")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)

    sizes = args.sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    mb = args.mb if args.mb is not None else max(sizes)
    if mb <= 0:
        parser.error("--mb must be positive")
    # The largest size is --mb: the targets are judged there.
    sizes = sorted({*(s for s in sizes if s <= mb), mb})
    repeats = args.repeats or (1 if args.quick else 3)

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        measured = run(sizes, repeats=repeats, workdir=args.keep, seed=args.seed, log=log)
    else:
        with tempfile.TemporaryDirectory(prefix="xihu-bench-") as tmp:
            measured = run(sizes, repeats=repeats, workdir=Path(tmp), seed=args.seed, log=log)
    log("drafting: a generated article, drafted and opened")
    drafted = drafting.measure(
        DRAFT_ARTICLE_MB if not args.quick else QUICK_SIZES[0],
        runs=1 if args.quick else STARTUP_RUNS,
    )
    log(
        "shapes: a million sections, 100,000 paragraphs in a section, 100,000 metrics in a group, a 5 MB paragraph"
    )
    shaped = shapes.measure_all(
        list(shapes.SHAPES), SHAPES_QUICK_SCALE if args.quick else 1.0, runs=1, once=args.quick
    )
    table, verdicts = render_table(measured["sizes"])
    verdicts += drafting.verdicts(drafted)
    verdicts += shapes.verdicts(shaped)
    growth_table, growth_verdicts = render_growth(measured["growth"])
    verdicts += growth_verdicts
    info = machine()
    document = {
        "schema": SCHEMA,
        "machine": info,
        "settings": {
            "mb": mb,
            "sizes": sizes,
            "quick": args.quick,
            "repeats": repeats,
            "seed": args.seed,
            "queries": {
                "plain": list(PLAIN_QUERIES),
                "pinyin": list(PINYIN_QUERIES),
                "number": list(NUMBER_QUERIES),
                "plain_section": list(SECTION_QUERIES),
            },
            "first_hits": FIRST_HITS,
        },
        "cases": [case.name for case in CASES],
        "sizes": measured["sizes"],
        "growth": measured["growth"],
        "drafting": drafted,
        "shapes": [dataclasses.asdict(item) for item in shaped],
        "targets": verdicts,
        "elapsed_s": time.perf_counter() - started,
    }
    print(
        f"xihu-tui benchmarks: {info['nproc']} × {info['cpu']}, Python {info['python']}, "
        f"Textual {info['textual']}, pypinyin {info['pypinyin']}; {repeats} repeat(s) per query"
    )
    print()
    print(table)
    print()
    print(growth_table)
    print()
    print(render_slowest(measured["sizes"][-1]))
    print()
    print(drafting.report(drafted))
    print()
    print(shapes.report(shaped))
    print()
    met = sum(v["met"] for v in verdicts)
    print(f"targets at {mb:g} MB: {met}/{len(verdicts)} met; per keystroke = search + counts_by_section()")
    print(f"+ the current section's hits + first {FIRST_HITS} hits. Total {document['elapsed_s']:.0f} s.")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
