"""Chinese read as pinyin: the readings search and sorting rely on are pypinyin's own."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xihu_tui.core.report.model import Report
from xihu_tui.core.text.pinyin import NOT_CHINESE, reading_codes, readings, sort_key, syllables_of

CHINESE_RUN = re.compile("[\u4e00-\u9fff]+")


def test_every_character_of_the_report_reads_as_pypinyin_reads_it_in_context(bundled_report: Report) -> None:
    from pypinyin import Style, lazy_pinyin

    texts = [s.title for s in bundled_report.walk()] + [p.text for p in bundled_report.paragraphs]
    runs = [run for text in texts for run in CHINESE_RUN.findall(text)]
    assert sum(map(len, runs)) > 1500

    for run in runs:
        assert syllables_of(run) == lazy_pinyin(run, style=Style.NORMAL), run


def test_a_character_alone_reads_its_default_reading() -> None:
    from pypinyin import Style, lazy_pinyin

    for char in "行长重都还乐的地了和西湖健康码绿":
        assert syllables_of(char) == lazy_pinyin(char, style=Style.NORMAL), char


def test_phrases_change_readings() -> None:
    assert syllables_of("银行") == ["yin", "hang"]
    assert syllables_of("行走") == ["xing", "zou"]
    assert syllables_of("重庆") == ["chong", "qing"]
    assert syllables_of("重要") == ["zhong", "yao"]
    assert syllables_of("绿色") == ["lv", "se"]  # ü is written v, as Style.NORMAL does


def test_a_phrase_that_starts_earlier_takes_its_characters_first() -> None:
    # 标的 (bi di, the object of a contract) is a phrase, but here 目标 comes first.
    assert syllables_of("目标的建议") == ["mu", "biao", "de", "jian", "yi"]
    assert syllables_of("标的") == ["biao", "di"]


def test_characters_that_read_no_syllable() -> None:
    assert syllables_of("2020年 App，") == [None, None, None, None, "nian", None, None, None, None, None]


@settings(max_examples=2 * settings.default.max_examples)
@given(st.text())
def test_any_text_gets_one_code_per_character(text: str) -> None:
    codes = reading_codes(text)
    syllable_codes = readings().syllables.by_code

    assert len(codes) == len(text)
    for char, code in zip(text, codes, strict=True):
        if char == "\x00":  # the search's separator between texts stays one
            assert code == "\x00"
        elif char.isascii():
            assert code == NOT_CHINESE
        else:
            assert code == NOT_CHINESE or code in syllable_codes, repr(char)


def test_sorting_by_reading() -> None:
    labels = ["数字经济", "人口", "GDP", "“安置房”", "Zoo", "阿里", "5G基站"]

    assert sorted(labels, key=sort_key) == ["5G基站", "阿里", "“安置房”", "GDP", "人口", "数字经济", "Zoo"]


def test_reading_a_long_text_gives_way_to_the_interface_every_few_thousand_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Built in a worker thread while the reader types and the screen draws: holding the
    interpreter for the whole text made every key meanwhile take twice as long."""
    from xihu_tui.core.text import pinyin

    turns: list[None] = []
    monkeypatch.setattr(pinyin, "give_way", lambda: turns.append(None))
    text = "西湖区银行发展，2020年。" * 20_000  # phrases (银行) and plain readings alike
    codes = reading_codes(text)
    assert len(codes) == len(text)
    assert len(turns) >= len(text) // (1 << 14)
