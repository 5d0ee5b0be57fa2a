"""Search reaches what the contents and the notes show: metric labels, group names, notes."""

from __future__ import annotations

from xihu_tui.cli import main
from xihu_tui.core.report.model import Report
from xihu_tui.core.search.index import SearchIndex


def test_a_label_seen_in_the_contents_is_found(bundled_report: Report) -> None:
    # 研发用时 is on screen in the contents (健康码研发用时 7天) and nowhere in the text.
    assert not any("研发用时" in p.text for p in bundled_report.paragraphs)
    hits = SearchIndex(bundled_report).search("研发用时").hits

    labels = {hit.item_id for hit in hits if hit.field == "label"}
    assert labels == {m.id for m in bundled_report.metrics if "研发用时" in m.label}
    assert len(labels) == 2
    assert any(hit.field == "group" and hit.item_id == "development-days" for hit in hits)


def test_a_label_hit_belongs_to_the_metric_section(bundled_report: Report) -> None:
    for hit in SearchIndex(bundled_report).search("研发用时").hits:
        if hit.field == "label":
            assert bundled_report.section_of[hit.item_id].id == hit.section_id
            assert bundled_report.metric_by_id[hit.item_id].label[hit.start : hit.end] == "研发用时"


def test_notes_are_found_in_every_language(bundled_report: Report) -> None:
    index = SearchIndex(bundled_report)
    noted = next(m for m in bundled_report.metrics if m.note is not None and len(m.note.texts) > 1)
    for _tag, text in noted.note.texts:
        words = text[:6]
        hits = [hit for hit in index.search(words).hits if hit.field == "note"]
        assert any(hit.item_id == noted.id for hit in hits), words


def test_label_hits_follow_the_section_text_and_precede_the_next_section(bundled_report: Report) -> None:
    hits = list(SearchIndex(bundled_report).search("健康码").hits)
    assert [hit.field for hit in hits] == ["paragraph", "label"]
    assert hits[0].section_id == hits[1].section_id == "epidemic"


def test_the_command_line_says_where_each_hit_is(capsys) -> None:
    assert main(["search", "研发用时"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("health-code-days (metric label): 健康码«研发用时»" in line for line in lines)
    assert any("development-days (group): 平台«研发用时»" in line for line in lines)


def test_a_note_on_the_command_line_shows_its_words(capsys) -> None:
    assert main(["search", "front line"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "epidemic-staff (note)" in line and "«front line»" in line
