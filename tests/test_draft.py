"""`xihu-tui draft` and opening an article directly: the draft passes `check` as written,
marks what it guessed, and is saved beside its article without replacing a file unasked.

The articles here are synthetic, written for the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer_view import notices, tree
from xihu_tui.cli import main
from xihu_tui.core.draft.article import Article, Caption, Heading, Paragraph
from xihu_tui.core.draft.drafting import draft_report
from xihu_tui.core.draft.report_toml import draft_document, draft_report_toml
from xihu_tui.core.reader.watch import ReportFile
from xihu_tui.core.report.loader import DEFAULT_MAX_BYTES, load_report, loads_report
from xihu_tui.ui.app import XihuApp

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_79aa45311a04b356.txt"

ARTICLE = """示例市去年经济运行稳中有进（合成文本）

本报记者 李明

示例市统计局昨天发布数据，全年地区生产总值约1.6万亿元，比上年增长3.5%。

一、工业

规模以上工业增加值比上年下降2.1%，其中高技术制造业增长12.0%。

二、人口

年末常住人口1200万人，比上年末减少3.2万人。
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_draft_passes_check_as_written_and_marks_what_it_guessed(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "news.toml"
    assert main(["draft", str(article), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    report = loads_report(out.read_text(encoding="utf-8"))
    assert report.drafted and report.title == "示例市去年经济运行稳中有进（合成文本）"
    assert [s.title for s in report.sections] == ["导语", "一、工业", "二、人口"]
    assert report.sections[0].editorial and not report.sections[0].drafted
    assert all(section.drafted for section in report.sections[1:])
    paragraphs = [line for line in ARTICLE.splitlines()[4:] if line and not line.endswith(("工业", "人口"))]
    assert [p.text for p in report.paragraphs] == paragraphs  # verbatim
    assert report.metrics and all(metric.drafted for metric in report.metrics)
    values = {metric.value for metric in report.metrics}
    assert {-2.1, -32000.0, 3.5} <= values  # declines signed, 3.2万 normalised


def test_draft_without_output_writes_the_report_to_standard_output(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["draft", str(article)]) == 0
    assert loads_report(capsys.readouterr().out).drafted


@pytest.mark.parametrize(
    ("content", "said"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary")],
)
def test_an_article_that_cannot_be_read_is_one_line_and_exit_2(
    content: bytes, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["draft", str(path)]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith(f"{path}: ") and said in line.lower() and captured.out == ""
    assert line.count(str(path)) == 1


@pytest.mark.skipif(not SEED.exists(), reason=f"the source article is not at {SEED}")
def test_the_bundled_article_drafts_into_its_paragraphs_sections_and_captions(
    bundled_report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["draft", str(SEED)]) == 0
    drafted = loads_report(capsys.readouterr().out)
    assert [p.text for p in drafted.paragraphs] == [p.text for p in bundled_report.paragraphs]
    assert [s.title for s in drafted.sections] == [s.title for s in bundled_report.sections]
    assert [f.caption + (f.credit or "") for f in drafted.figures] == [
        f.caption + (f.credit or "") for f in bundled_report.figures
    ]


async def test_an_article_opens_directly_and_w_saves_it_beside_without_replacing_unasked(
    article: Path,
) -> None:
    source = ReportFile(article)
    app = XihuApp(source.load(), source=source, lang="en")
    target = article.with_suffix(".toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("Drafted from news.txt" in notice for notice in notices(app))
        await pilot.press("w")
        await pilot.pause()
        saved = target.read_text(encoding="utf-8")
        assert loads_report(saved).drafted
        target.write_text(saved + "# the author's own line\n", encoding="utf-8")
        await pilot.press("w")
        await pilot.pause()
        assert any("exists: press w again" in notice for notice in notices(app))
        assert target.read_text(encoding="utf-8").endswith("# the author's own line\n")
        await pilot.press("w")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == saved


async def test_drafted_figures_are_marked_in_the_contents(article: Path) -> None:
    source = ReportFile(article)
    app = XihuApp(source.load(), source=source, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        contents = tree(app)
        contents.go_to(app.report.metrics[0].id)
        await pilot.pause()
        assert contents.cursor_node is not None
        assert str(contents.cursor_node.label).startswith("◆ ✎ ")


def test_opening_an_article_that_cannot_be_read_says_why_once_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"  \n")
    assert main([str(path)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{path}: ") and line.count(str(path)) == 1 and "empty" in line


ARTICLES = sorted((Path(__file__).parent / "fixtures" / "articles").iterdir())


@pytest.mark.parametrize("path", [*ARTICLES, SEED], ids=lambda path: path.name)
def test_an_article_opened_directly_is_the_report_its_saved_draft_opens_as(
    path: Path, tmp_path: Path
) -> None:
    # Opening builds the drafted document without writing it out: what the reader
    # explores must be what `w` saves and `check` passes, to the last figure.
    if not path.is_file():
        pytest.skip(f"{path} is not beside this clone")
    saved = tmp_path / "draft.toml"
    assert main(["draft", str(path), "-o", str(saved)]) == 0
    assert draft_report(path, DEFAULT_MAX_BYTES) == load_report(saved)


@settings(max_examples=2 * settings.default.max_examples)
@given(
    title=st.text(min_size=1).filter(str.strip),
    paragraphs=st.lists(st.text(min_size=1).filter(str.strip), min_size=1, max_size=4),
    byline=st.none() | st.text(min_size=1),
    date=st.none() | st.just("2020年12月29日") | st.just("2021-02-30"),
)
def test_the_drafted_document_is_what_its_toml_reads_back_as(
    title: str, paragraphs: list[str], byline: str | None, date: str | None
) -> None:
    # Any text at all, control characters, quotes and backslashes included.
    article = Article(
        title=title.strip(),
        blocks=(
            Heading("一、" + title.strip(), 1),
            *(Paragraph(text) for text in paragraphs),
            Caption(paragraphs[0], credit=byline),
        ),
        byline=byline,
        date=date,
    )
    document = draft_document(article, [])
    assert tomllib.loads(draft_report_toml(article, [], source="a.txt")) == document
