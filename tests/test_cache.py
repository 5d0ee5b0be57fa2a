"""The parse cache: a large report opens from it, equal to the parsed one, or is parsed."""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xihu_tui import cli
from xihu_tui.core.report import cache
from xihu_tui.core.report.loader import FORMAT_VERSION, bundled_report_path, load_report
from xihu_tui.core.report.model import Metric, Paragraph, Report, Section, SeriesPoint
from xihu_tui.core.report.model_json import report_from_data, report_to_data
from xihu_tui.core.text.numbers import Qualifier


def test_the_model_survives_json(bundled_report: Report, nested_report: Report) -> None:
    for report in (bundled_report, nested_report):
        data = json.loads(json.dumps(report_to_data(report), ensure_ascii=False))
        assert report_from_data(data) == report
    assert any(m.series for m in nested_report.metrics)  # series and nesting went through


@given(
    value=st.floats(allow_nan=False, allow_infinity=False),
    text=st.text(),
    qualifier=st.sampled_from(list(Qualifier)),
    series=st.lists(st.tuples(st.text(), st.floats(allow_nan=False, allow_infinity=False)), max_size=3),
)
def test_any_text_and_value_survive_json(value: float, text: str, qualifier: Qualifier, series) -> None:
    metric = Metric(
        "m", text, value, text, text, "p", qualifier, None, tuple(SeriesPoint(p, v) for p, v in series)
    )
    report = Report(text or "t", "zh", (Section("s", text, (Paragraph("p", text),), metrics=(metric,)),))
    assert report_from_data(json.loads(json.dumps(report_to_data(report)))) == report


def test_a_zero_value_is_kept() -> None:
    metric = Metric("m", "零", 0.0, "个", "0个", "p")
    report = Report("t", "zh", (Section("s", "s", (Paragraph("p", "0个"),), metrics=(metric,)),))
    again = report_from_data(report_to_data(report)).metrics[0]
    assert again.value == 0.0 and not math.copysign(1, again.value) < 0


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache even the bundled report (it is far under the real threshold)."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)


def copy_of_bundled(tmp_path: Path) -> Path:
    path = tmp_path / "report.toml"
    path.write_bytes(bundled_report_path().read_bytes())
    return path


def test_a_loaded_report_comes_back_from_the_cache(
    small_threshold: None, tmp_path: Path, private_cache: Path, bundled_report: Report
) -> None:
    path = copy_of_bundled(tmp_path)
    first = load_report(path, cache=True)
    entries = list(private_cache.glob("*.json"))
    assert len(entries) == 1
    assert cache.lookup(path.read_bytes(), FORMAT_VERSION) == first == bundled_report
    assert load_report(path, cache=True) == bundled_report


def test_changed_bytes_miss_the_cache(small_threshold: None, tmp_path: Path) -> None:
    path = copy_of_bundled(tmp_path)
    load_report(path, cache=True)
    changed = path.read_bytes().replace("尾声".encode(), "末尾".encode(), 1)
    assert cache.lookup(changed, FORMAT_VERSION) is None
    path.write_bytes(changed)
    assert "末尾" in load_report(path, cache=True).paragraphs[0].text


@pytest.mark.parametrize(
    "spoil",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "not json",
        lambda text: json.dumps([1, 2]),
        lambda text: text.replace('"xihu_tui":"', '"xihu_tui":"0.0.0-other'),  # another version wrote it
        lambda text: text.replace('"title":', '"titel":'),  # a model it cannot read
    ],
)
def test_a_doubtful_entry_means_parsing(
    small_threshold: None, tmp_path: Path, private_cache: Path, bundled_report: Report, spoil
) -> None:
    path = copy_of_bundled(tmp_path)
    load_report(path, cache=True)
    (entry,) = private_cache.glob("*.json")
    entry.write_text(spoil(entry.read_text(encoding="utf-8")), encoding="utf-8")

    assert cache.lookup(path.read_bytes(), FORMAT_VERSION) is None
    assert load_report(path, cache=True) == bundled_report  # parsed, and cached afresh
    assert cache.lookup(path.read_bytes(), FORMAT_VERSION) == bundled_report


def test_an_unwritable_cache_is_no_obstacle(
    small_threshold: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundled_report: Report
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_report(copy_of_bundled(tmp_path), cache=True) == bundled_report


def test_small_reports_are_not_cached(tmp_path: Path, private_cache: Path) -> None:
    load_report(copy_of_bundled(tmp_path), cache=True)
    assert not private_cache.exists() or not list(private_cache.iterdir())


def test_only_the_newest_entries_are_kept(small_threshold: None, tmp_path: Path, private_cache: Path) -> None:
    report = load_report()
    for n in range(cache.KEEP + 3):
        cache.store(b"report %d" % n, report)
    assert len(list(private_cache.glob("*.json"))) == cache.KEEP
    assert cache.lookup(b"report %d" % (cache.KEEP + 2), FORMAT_VERSION) == report


def test_check_parses_even_when_the_cache_has_the_report(
    small_threshold: None, tmp_path: Path, bundled_report: Report, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of_bundled(tmp_path)
    other = replace(bundled_report, sections=bundled_report.sections[:1])
    cache.store(path.read_bytes(), other)
    assert load_report(path, cache=True) == other  # the explorer would open the cached model

    assert cli.main(["check", str(path)]) == 0
    assert bundled_report.summary in capsys.readouterr().out  # `check` validated the file itself


# -- only its own entries, never through a link ------------------------------------------


def fill_cache(count: int) -> Report:
    report = load_report()
    for n in range(count):
        cache.store(b"report %d" % n, report)
    return report


def test_pruning_leaves_files_it_did_not_write(
    small_threshold: None, tmp_path: Path, private_cache: Path
) -> None:
    private_cache.mkdir(parents=True)
    outside = tmp_path / "precious.json"
    outside.write_text("{}")
    (private_cache / "notes.json").write_text("mine")
    (private_cache / ("0" * 64 + "-1.json")).symlink_to(outside)  # named like an entry
    (private_cache / ("1" * 64 + "-1.json")).mkdir()
    fill_cache(cache.KEEP + 3)
    assert (private_cache / "notes.json").read_text() == "mine"
    assert outside.read_text() == "{}" and (private_cache / ("0" * 64 + "-1.json")).is_symlink()
    assert (private_cache / ("1" * 64 + "-1.json")).is_dir()
    written = [
        p for p in private_cache.iterdir() if p.is_file() and not p.is_symlink() and p.name != "notes.json"
    ]
    assert len(written) == cache.KEEP


def test_a_linked_cache_folder_is_neither_written_nor_pruned(
    small_threshold: None, tmp_path: Path, private_cache: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for n in range(cache.KEEP + 2):
        (elsewhere / f"{n:064x}-1.json").write_text("someone else's")
    private_cache.parent.mkdir(parents=True, exist_ok=True)
    private_cache.symlink_to(elsewhere, target_is_directory=True)
    fill_cache(3)
    assert sorted(p.read_text() for p in elsewhere.iterdir()) == ["someone else's"] * (cache.KEEP + 2)


def test_the_cache_is_bounded_in_bytes(
    small_threshold: None, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = fill_cache(1)
    (entry,) = private_cache.iterdir()
    monkeypatch.setattr(cache, "KEEP_BYTES", entry.stat().st_size * 3)
    fill_cache(cache.KEEP)
    sizes = [p.stat().st_size for p in private_cache.iterdir()]
    assert len(sizes) == 3 and sum(sizes) <= cache.KEEP_BYTES
    assert cache.lookup(b"report %d" % (cache.KEEP - 1), FORMAT_VERSION) == report  # the newest


@pytest.mark.parametrize("plant", ["fifo", "link to /dev/zero"])
def test_an_entry_that_is_not_a_file_is_a_miss(
    plant: str, small_threshold: None, private_cache: Path
) -> None:
    fill_cache(1)
    (entry,) = private_cache.iterdir()
    entry.unlink()
    if plant == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    # At once: no wait for a writer, no endless read.
    assert cache.lookup(b"report 0", FORMAT_VERSION) is None
