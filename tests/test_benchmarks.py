"""The benchmark generator and runner work (at tiny sizes). Nothing here times anything."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Report

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
TINY_MB = 0.15


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _module("generate")


@pytest.fixture(scope="module")
def tiny_text(generate: ModuleType) -> str:
    return generate.generate_report(TINY_MB)


@pytest.fixture(scope="module")
def tiny(tiny_text: str) -> Report:
    return loads_report(tiny_text, source="tiny.toml")


def _depth(report: Report) -> int:
    def depth(section, level: int) -> int:  # type: ignore[no-untyped-def]
        return max([level, *(depth(child, level + 1) for child in section.sections)])

    return max(depth(section, 1) for section in report.sections)


def test_generator_is_deterministic(generate: ModuleType, tiny_text: str) -> None:
    assert generate.generate_report(TINY_MB) == tiny_text
    assert generate.generate_report(TINY_MB, seed=1) != tiny_text


def test_generated_report_loads_and_has_every_kind_of_thing(tiny: Report, tiny_text: str) -> None:
    size = len(tiny_text.encode("utf-8"))
    assert TINY_MB * 2**20 <= size < TINY_MB * 2**20 * 1.2
    sections = list(tiny.walk())
    assert _depth(tiny) >= 2
    # Proportions of the 10 MB report: ~12 paragraphs and ~4 metrics per section.
    assert 8 <= len(tiny.paragraphs) / len(sections) <= 16
    assert 2 <= len(tiny.metrics) / len(sections) <= 6
    assert len(tiny.groups) >= 10
    assert tiny.figures and all(figure.credit for figure in tiny.figures)
    assert any(metric.series for metric in tiny.metrics)
    grouped = [metric for metric in tiny.metrics if metric.group]
    assert len(grouped) > len(tiny.metrics) / 2
    units: dict[str, set[str]] = {}
    for metric in grouped:
        units.setdefault(metric.group or "", set()).add(metric.unit)
    assert all(len(found) == 1 for found in units.values())


def test_generated_text_is_the_bundled_reports(
    generate: ModuleType, tiny: Report, bundled_report: Report
) -> None:
    bundled = {s for p in bundled_report.paragraphs for s in generate.split_sentences(p.text)}
    series_sentences = {
        generate._series_sentence([(p.period, p.value) for p in m.series], m.unit)
        for m in tiny.metrics
        if m.series
    }
    assert series_sentences
    for paragraph in tiny.paragraphs[:200]:
        # The bundled report's sentences, and the generated sentence that states a series.
        assert set(generate.split_sentences(paragraph.text)) <= bundled | series_sentences
    assert {m.quote for m in tiny.metrics} <= {m.quote for m in bundled_report.metrics}


def test_counts_grow_linearly(generate: ModuleType, tiny: Report) -> None:
    double = loads_report(generate.generate_report(TINY_MB * 2))
    ratio = len(double.paragraphs) / len(tiny.paragraphs)
    assert 1.6 < ratio < 2.4


def test_generator_cli_writes_a_file(tmp_path: Path, generate: ModuleType, tiny_text: str) -> None:
    out = tmp_path / "tiny.toml"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "generate.py"), "--mb", str(TINY_MB), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == tiny_text


@pytest.mark.slow
def test_quick_run_writes_the_documented_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    # The runner compiles the package as pip would: into a cache of this test's, not src/.
    bytecode = tmp_path / "pycache"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--quiet", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPYCACHEPREFIX": str(bytecode)},
    )
    assert done.returncode == 0, done.stderr
    assert any(bytecode.rglob("*.pyc"))
    assert "plain keystroke median" in done.stdout
    assert "drafting.large_ratio" in {verdict["figure"] for verdict in json.loads(out.read_text())["targets"]}
    assert "search: next match (n) p95" in done.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"schema", "machine", "settings", "cases", "sizes", "growth", "targets"} <= results.keys()
    assert {"nproc", "cpu", "python", "textual"} <= results["machine"].keys()
    assert results["cases"] == ["load", "search_index", "keystrokes", "startup", "terminal", "interaction"]
    assert len(results["sizes"]) >= 2
    assert len(results["growth"]) == len(results["sizes"]) - 1
    for size in results["sizes"]:
        assert {"mb", "generate_s", *results["cases"]} <= size.keys()
        assert {
            "bytes",
            "sections",
            "paragraphs",
            "metrics",
            "parse_floor_s",
            "load_s",
            "load_minus_parse_s",
        } <= (size["load"].keys())
        assert {"build_s", "pinyin_s", "build_peak_bytes", "pinyin_peak_bytes"} <= size["search_index"].keys()
        assert size["search_index"]["pinyin_ready"] is True
        for cls in ("plain", "pinyin", "number", "plain_section", "plain_retyped"):
            figures = size["keystrokes"][cls]
            assert {"n", "median_ms", "p95_ms", "typical_ms", "search_only", "queries"} <= figures.keys()
            assert figures["n"] > 0
            assert figures["typical_ms"] <= figures["p95_ms"]
        started = size["startup"]
        assert 0 < started["minimal_s"] < started["floor_s"]
        assert started["report_s"] > 0 and started["report_parsed_rss_bytes"] > 10 * 2**20
        assert started["report_parsed_s"] > 0 and started["report_first_s"] > 0
        for name in ("noop", "redraw_floor", "tree_step", "section_jump", "overview_open", "search_next"):
            assert size["interaction"][name]["n"] > 0
        assert size["interaction"]["overview_first"]["n"] == 1
    # The bundled report starts once, at the first size, beside the same baseline.
    assert results["sizes"][0]["startup"]["bundled_ratio"] > 0
    # Typed queries find what they should, and the query with no hits finds nothing.
    plain = results["sizes"][-1]["keystrokes"]["plain"]["queries"]
    assert plain["健康码"]["hits"] > 0
    assert plain["量子计算机"]["hits"] == 0
    assert {t["figure"] for t in results["targets"]} >= {
        "keystrokes.plain.median_ms",
        "keystrokes.pinyin.p95_ms",
        "startup.bundled_ratio",
        "startup.report_ratio",
        "startup.report_parsed_rss_bytes",
        "interaction.tree_step.median_ratio",
        "interaction.section_jump.p95_ratio",
        "interaction.search_next.p95_ratio",
        "interaction.overview_first.p95_ratio",
        "interaction.overview_later.p95_ratio",
        "terminal.bundled_ratio",
        "terminal.held_j_60_lag_s",
        "terminal.held_section_30_lag_s",
        # Growing no faster than the report, from one size to the next.
        "growth.keystrokes.plain.typical_ms",
        "growth.startup.report_beyond_parse_s",
        # Issue 19: the longest the interface blocks, per shape (blocking.py).
        *(f"shapes.{shape}.longest_block_ms" for shape in ("sections", "paragraphs", "group", "paragraph")),
    }
    for shape in results["shapes"]:
        assert shape["longest_block_s"] is not None and shape["blocks_s"], shape["block_notes"]
    assert all(t["value"] is not None for t in results["targets"])
    assert "plain keystroke, typical" in done.stdout
    assert "longest block" in done.stdout
