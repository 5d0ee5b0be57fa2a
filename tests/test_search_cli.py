"""`xihu-tui search` as a user runs it: what it prints, and grep's exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from controls import raw_controls
from reports import report_toml
from xihu_tui.cli import main
from xihu_tui.core.report.model import Report
from xihu_tui.core.report.written import written_value

NESTED = str(Path(__file__).parent / "fixtures" / "nested_series.toml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["search", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_a_hit_prints_its_place_and_its_words(capsys, bundled_report: Report) -> None:
    code, lines, err = run(capsys, "健康码")

    assert code == 0
    assert len(lines) == 2  # the paragraph, and the metric whose label names it
    line = lines[0]
    assert "«健康码»" in line
    assert bundled_report.section_by_id["epidemic"].title in line
    assert "epidemic-3" in line
    assert "health-code-days (metric label): «健康码»研发用时" in lines[1]
    assert "2 hits" in err


def test_the_context_is_cut_with_an_ellipsis(capsys, bundled_report: Report) -> None:
    _, lines, _ = run(capsys, "健康码")
    text = bundled_report.paragraph_by_id["epidemic-3"].text
    start = text.index("健康码")

    context = lines[0].split(": ", 1)[1]
    assert context == f"…{text[start - 20 : start]}«健康码»{text[start + 3 : start + 23]}…"


def test_a_hit_at_the_start_of_a_text_has_no_leading_ellipsis(capsys) -> None:
    _, lines, _ = run(capsys, "西湖区已连续八年")

    assert lines[0].split(": ", 1)[1].startswith("«西湖区已连续八年»")


def test_every_hit_is_one_line_in_reading_order(capsys) -> None:
    code, lines, err = run(capsys, "西湖")

    assert code == 0
    assert len(lines) > 20
    assert all(line.count("«西湖»") == 1 for line in lines)
    assert f"{len(lines)} hits" in err
    opening = [n for n, line in enumerate(lines) if line.startswith("导语")]
    assert opening == list(range(len(opening)))  # the first section's hits come first


def test_pinyin_on_the_command_line(capsys) -> None:
    code, lines, _ = run(capsys, "jkm")

    assert code == 0
    assert len(lines) == 2 and all("«健康码»" in line for line in lines)


def test_number_hits_show_the_metric(capsys, bundled_report: Report) -> None:
    code, lines, _ = run(capsys, ">=100 人")

    people = [m for m in bundled_report.metrics if m.unit == "人" and m.value >= 100]
    assert code == 0
    assert len(lines) == len(people)
    for metric, line in zip(people, lines, strict=True):
        assert f"«{metric.quote}»" in line
        assert metric.label in line
        assert written_value(metric) in line


def test_figure_hits_name_the_field(capsys) -> None:
    _, lines, _ = run(capsys, "张闻涛")
    _, captions, _ = run(capsys, "天目里")

    assert lines == ["导语  fig-plenary (credit): «张闻涛» 摄"]
    assert len(captions) == 1 and "fig-tianmuli (caption): " in captions[0]


def test_no_hits_exits_1_with_nothing_on_stdout(capsys) -> None:
    code, lines, err = run(capsys, "不存在的词语")

    assert code == 1
    assert lines == []
    assert "0 hits" in err


@pytest.mark.parametrize("query", ["[", "(?P<x>", ".*", "\\", "*", "😀", "a" * 10_000])
def test_odd_queries_are_literal(capsys, query: str) -> None:
    code, lines, _ = run(capsys, query)

    assert code == 1
    assert lines == []


@pytest.mark.parametrize("query", ["", "   ", "\u3000"])
def test_a_blank_query_is_bad_input(capsys, query: str) -> None:
    code, lines, err = run(capsys, query)

    assert code == 2
    assert lines == []
    assert "blank" in err


@pytest.mark.parametrize("query", [">abc", ">", "≥ 万"])
def test_a_comparison_without_a_number_is_bad_input(capsys, query: str) -> None:
    code, lines, err = run(capsys, query)

    assert code == 2
    assert lines == []
    assert "number" in err


def test_an_unknown_section_is_bad_input(capsys) -> None:
    code, lines, err = run(capsys, "健康码", "--section", "nowhere")

    assert code == 2
    assert lines == []
    assert "nowhere" in err
    assert "epidemic" in err  # the ids that do exist


def test_section_scope_includes_subsections(capsys) -> None:
    code, lines, _ = run(capsys, "产", NESTED, "--section", "industry")

    assert code == 0
    assert len(lines) == 5  # three in the text, two in the metric labels 数字产业企业 and 工业产值
    assert all(line.startswith("经济 › 工业") for line in lines)
    assert lines[2].startswith("经济 › 工业 › 数字产业  digital-industry-1: ")
    assert lines[-1].startswith("经济 › 工业  industry-output (metric label): 工业«产»值")


def test_section_scope_excludes_other_sections(capsys) -> None:
    code, lines, _ = run(capsys, "西湖", "--section", "digital")

    assert code == 0
    assert lines and all(line.startswith("探索数字治理的创新之路  digital-") for line in lines)
    assert run(capsys, "健康码", "--section", "digital")[0] == 1


def test_report_problems_print_like_check(capsys, write_report) -> None:
    path = write_report("[report\n")

    code, lines, err = run(capsys, "健康码", str(path))

    assert code == 2
    assert lines == []
    assert "TOML syntax error" in err


def test_a_missing_report_is_bad_input(capsys, tmp_path) -> None:
    code, lines, err = run(capsys, "健康码", str(tmp_path / "missing.toml"))

    assert code == 2
    assert lines == []
    assert err


def test_a_report_over_the_size_limit_is_bad_input(capsys, write_report, minimal_report) -> None:
    path = write_report(minimal_report)

    assert run(capsys, "洗楼", str(path))[0] == 0
    assert run(capsys, "洗楼", str(path), "--max-size", "10")[0] == 2


# --- --json ----------------------------------------------------------------------------

TOP_KEYS = {"version", "query", "kind", "scope", "count", "problem", "detail", "hits"}
HIT_KEYS = {"section", "section_path", "item", "field", "start", "end", "match", "context", "metric"}
METRIC_KEYS = {"id", "label", "value", "unit", "qualifier", "written", "quote"}


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["search", *args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)  # one document and nothing else


def check_shape(document: dict) -> None:
    assert set(document) == TOP_KEYS
    assert document["version"] == 2  # labels, groups and notes are fields of version 2
    assert isinstance(document["query"], str)
    assert document["kind"] in ("empty", "text", "pinyin", "number")
    assert set(document["scope"]) == {"section"}
    assert document["scope"]["section"] is None or isinstance(document["scope"]["section"], str)
    assert document["count"] == len(document["hits"])
    assert document["problem"] in (None, "blank", "no-match", "bad-number", "unknown-section")
    assert (document["problem"] is None) == (document["count"] > 0)
    assert isinstance(document["detail"], str)
    for hit in document["hits"]:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["section"], str) and isinstance(hit["item"], str)
        assert hit["section_path"] and all(isinstance(t, str) for t in hit["section_path"])
        assert hit["field"] in ("title", "paragraph", "caption", "credit", "label", "group", "note")
        assert isinstance(hit["start"], int) and isinstance(hit["end"], int)
        assert 0 <= hit["start"] < hit["end"]
        assert len(hit["match"]) == hit["end"] - hit["start"]
        assert set(hit["context"]) == {"before", "match", "after"}
        assert hit["context"]["match"] == hit["match"]
        assert len(hit["context"]["before"]) <= min(20, hit["start"])
        assert len(hit["context"]["after"]) <= 20
        if hit["metric"] is not None:
            metric = hit["metric"]
            assert set(metric) == METRIC_KEYS
            assert isinstance(metric["value"], (int, float))
            assert metric["qualifier"] in ("exact", "more-than", "at-least", "at-most")
            assert all(isinstance(metric[k], str) for k in ("id", "label", "unit", "written", "quote"))
            assert metric["quote"] == hit["match"]


def test_json_for_text_hits(capsys, bundled_report: Report) -> None:
    code, document = run_json(capsys, "健康码")

    assert code == 0
    check_shape(document)
    # The paragraph, and the label of the metric 健康码研发用时.
    assert (document["query"], document["kind"], document["count"]) == ("健康码", "text", 2)
    hit, label = document["hits"]
    assert (label["item"], label["field"], label["match"]) == ("health-code-days", "label", "健康码")
    text = bundled_report.paragraph_by_id[hit["item"]].text
    assert text[hit["start"] : hit["end"]] == hit["match"] == "健康码"
    assert text[hit["start"] - len(hit["context"]["before"]) : hit["start"]] == hit["context"]["before"]
    assert hit["section_path"] == [bundled_report.section_by_id["epidemic"].title]
    assert hit["metric"] is None


def test_json_for_number_hits(capsys, bundled_report: Report) -> None:
    code, document = run_json(capsys, "<=96.7%")

    assert code == 0
    check_shape(document)
    assert document["kind"] == "number"
    ids = {hit["metric"]["id"] for hit in document["hits"]}
    assert ids == {m.id for m in bundled_report.metrics if m.unit == "%" and m.value <= 96.7}
    for hit in document["hits"]:
        metric = bundled_report.metric_by_id[hit["metric"]["id"]]
        assert hit["metric"]["value"] == metric.value
        assert hit["metric"]["written"] == written_value(metric)


def test_json_for_pinyin_with_a_section_path(capsys) -> None:
    code, document = run_json(capsys, "chanye", NESTED, "--section", "industry")

    assert code == 0
    check_shape(document)
    assert document["kind"] == "pinyin"
    assert document["scope"] == {"section": "industry"}
    assert [hit["match"] for hit in document["hits"]] == ["产业", "产业", "产业"]  # the last in 数字产业企业
    assert document["hits"][0]["section_path"] == ["经济", "工业", "数字产业"]


@pytest.mark.parametrize(
    ("args", "code", "problem"),
    [
        (["不存在的词语"], 1, "no-match"),
        (["  "], 2, "blank"),
        ([">abc"], 2, "bad-number"),
        (["健康码", "--section", "nowhere"], 2, "unknown-section"),
    ],
)
def test_json_without_hits_says_why(capsys, args: list[str], code: int, problem: str) -> None:
    exit_code, document = run_json(capsys, *args)

    assert exit_code == code
    check_shape(document)
    assert document["problem"] == problem
    assert document["hits"] == []


def test_json_of_an_invalid_report_prints_nothing(capsys, write_report) -> None:
    path = write_report("format = 1\n[report]\ntitle = 3\n")

    assert main(["search", "健康码", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "report.title" in captured.err


# --- the real command ------------------------------------------------------------------


def test_the_installed_command_in_a_real_process(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xihu_tui", "search", "健康码"],
        capture_output=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 2  # the paragraph and a metric's label
    assert "«健康码»" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_real_process_with_no_hits_exits_1(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xihu_tui", "search", "没有这个词", "--json"],
        capture_output=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=60,
    )

    assert result.returncode == 1
    assert json.loads(result.stdout)["count"] == 0


def test_help_lists_the_search_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "search" in capsys.readouterr().out

    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = capsys.readouterr().out
    assert "Exit 0" in out and "--section" in out and "--json" in out


def test_controls_in_a_hit_are_shown_not_sent(capsys, write_report) -> None:
    """An escape sequence or a control of text direction near a hit reaches the terminal as a
    visible mark, as in the explorer."""
    paragraph = "前文\x1b]52;c;SEFDSw==\x07西湖\u202e倒序\u200f文字\x9b31m后文"
    path = write_report(
        report_toml(
            {"title": "t", "language": "zh-CN"},
            [
                ("[[sections]]", {"id": "s", "title": "节\x1b[2J"}),
                ("[[sections.paragraphs]]", {"id": "p", "text": paragraph}),
            ],
        )
    )
    code, lines, _ = run(capsys, "西湖", str(path))
    assert code == 0
    (line,) = lines
    assert raw_controls(line) == []
    assert "前文␛]52;c;SEFDSw==␇«西湖»⇄倒序⇄文字␦31m后文" in line
    assert "节␛[2J" in line
