"""The bundled report holds the source article whole: nothing missing, altered or invented.

The article itself lives beside the repository (`../shared/seed/`), and the tests that read
it skip, saying so, where it is not. `fixtures/seed_article.fingerprint` records a hash of
each of its lines, so that the report is checked against the article from any clone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from xihu_tui.core.report.model import Figure, Paragraph, Report, Section

SENTENCE_END = ("。", "！", "？", "!", "?", "…", "”", "」")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def source_blocks(article: str) -> list[str]:
    return [fold(line) for line in article.splitlines() if line.strip()]


FINGERPRINT = Path(__file__).parent / "fixtures" / "seed_article.fingerprint"


def block_hash(text: str) -> str:
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()[:16]


def recorded_fingerprint() -> list[str]:
    lines = FINGERPRINT.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_the_recorded_fingerprint_is_the_articles(seed_article: str) -> None:
    assert [block_hash(block) for block in source_blocks(seed_article)] == recorded_fingerprint()


def report_blocks(report: Report) -> Iterator[tuple[str, str]]:
    """(kind, text) of what the report prints from the source, in reading order."""
    yield "heading", report.title
    yield "byline", report.byline or ""

    def section_blocks(section: Section) -> Iterator[tuple[str, str]]:
        if not section.editorial:
            yield "heading", section.title
        for item in section.contents():
            if isinstance(item, Section):
                yield from section_blocks(item)
            elif isinstance(item, Paragraph):
                yield "paragraph", item.text
            elif isinstance(item, Figure):
                yield "caption", item.caption + (item.credit or "")

    for section in report.sections:
        yield from section_blocks(section)


def source_lines_of(text: str, recorded: set[str]) -> list[str]:
    """The hashes of the source lines `text` is made of: itself, or a paragraph that a
    caption cut in two, rejoined (its two halves); none if it is not the article's."""
    if block_hash(text) in recorded:
        return [block_hash(text)]
    for cut in range(1, len(text)):
        first, second = block_hash(text[:cut]), block_hash(text[cut:])
        if first in recorded and second in recorded:
            return [first, second]
    return []


def test_every_line_of_the_article_is_in_the_report_verbatim_once_and_in_order(
    bundled_report: Report,
) -> None:
    # Runs from any clone: no copy of the article is needed, only its recorded hashes.
    recorded = recorded_fingerprint()
    printed: list[str] = []
    captions: list[str] = []
    for kind, text in report_blocks(bundled_report):
        lines = source_lines_of(text, set(recorded))
        assert lines, f"{kind} not in the article as written: {text[:40]!r}"
        (captions if kind == "caption" else printed).extend(lines)
    assert sorted(printed + captions) == sorted(recorded)  # each line once, none invented
    # Without the captions, the order is the article's; a caption may stand inside the
    # paragraph it cut in the article, but never before the paragraph it follows.
    assert printed == [line for line in recorded if line not in captions]
    assert len(bundled_report.paragraphs) == 29


def test_headline_and_byline_are_the_articles(bundled_report: Report, seed_article: str) -> None:
    blocks = source_blocks(seed_article)
    assert fold(bundled_report.title) == blocks[0]
    assert fold(bundled_report.byline or "") == blocks[1]


def test_every_source_block_is_accounted_for_in_order(bundled_report: Report, seed_article: str) -> None:
    report = bundled_report
    headings = [fold(s.title) for s in report.walk() if not s.editorial]
    captions = [fold(f.caption + (f.credit or "")) for f in report.figures]
    kinds: list[tuple[str, str]] = []
    for block in source_blocks(seed_article)[2:]:
        if block in headings:
            kinds.append(("heading", block))
        elif block in captions:
            kinds.append(("caption", block))
        else:
            kinds.append(("paragraph", block))

    # A paragraph that stops mid-sentence just before a caption continues after it.
    paragraphs: list[str] = []
    previous_kind = None
    join_next = False
    for kind, block in kinds:
        if kind == "paragraph":
            if join_next:
                paragraphs[-1] += block
            else:
                paragraphs.append(block)
            join_next = False
        elif kind == "caption":
            join_next = previous_kind == "paragraph" and not paragraphs[-1].endswith(SENTENCE_END)
        else:
            join_next = False
        previous_kind = kind

    assert [fold(p.text) for p in report.paragraphs] == paragraphs
    assert [b for k, b in kinds if k == "heading"] == headings
    assert [b for k, b in kinds if k == "caption"] == captions


def test_the_paragraph_cut_by_a_caption_is_whole_again(bundled_report: Report, seed_article: str) -> None:
    blocks = source_blocks(seed_article)
    first = next(b for b in blocks if b.endswith("安置房"))
    second = next(b for b in blocks if b.startswith("竣工7.8万方"))
    assert first + second in [fold(p.text) for p in bundled_report.paragraphs]
    assert first not in [fold(p.text) for p in bundled_report.paragraphs]


def test_every_paragraph_appears_exactly_once(bundled_report: Report, seed_article: str) -> None:
    texts = [fold(p.text) for p in bundled_report.paragraphs]
    assert len(texts) == len(set(texts))
    folded_article = fold(seed_article.replace("\n", " "))
    for text in texts:
        halves = [text] if text in folded_article else re.split(r"(?<=安置房)", text)
        assert all(folded_article.count(half) == 1 for half in halves if half), text


def test_only_the_opening_title_is_editorial(bundled_report: Report, seed_article: str) -> None:
    editorial = [s for s in bundled_report.walk() if s.editorial]
    assert [s.id for s in editorial] == [bundled_report.sections[0].id]
    assert fold(editorial[0].title) not in source_blocks(seed_article)
    assert editorial[0].note


def test_captions_record_their_credit(bundled_report: Report, seed_article: str) -> None:
    credited = [f for f in bundled_report.figures if f.credit]
    assert [f.credit for f in credited] == ["张闻涛 摄"]
    for figure in bundled_report.figures:
        section = bundled_report.section_of[figure.id]
        assert figure.after in [p.id for p in section.paragraphs]


def test_publication_date_is_marked_as_inferred(bundled_report: Report) -> None:
    published = bundled_report.published
    assert published is not None
    assert published.inferred
    assert published.note is not None and "昨天" in published.note.all_text


def test_every_metric_quotes_its_own_paragraph(bundled_report: Report) -> None:
    assert 35 <= len(bundled_report.metrics) <= 45
    for metric in bundled_report.metrics:
        paragraph = bundled_report.paragraph_by_id[metric.paragraph]
        assert metric.quote in paragraph.text
        assert bundled_report.section_of[metric.id] is bundled_report.section_of[paragraph.id]


def test_no_series_is_invented(bundled_report: Report) -> None:
    assert all(metric.series == () for metric in bundled_report.metrics)


def test_groups_compare_one_unit_each(bundled_report: Report) -> None:
    for group in bundled_report.groups:
        members = bundled_report.group_members(group.id)
        assert len(members) >= 2, group.id
        assert len({m.unit for m in members}) == 1, group.id
