"""The lines between a headline and the story: byline, dateline and date, where printed.

Only what the text states is taken, as printed: a byline line (本报记者 方力 通讯员 郑洁,
By Jane Smith), a date line (2020年12月29日, 2020-12-29, December 29, 2020), and a news
agency's dateline at the start of the first paragraph (新华社北京12月28日电（记者 王鹏）),
which gives the place and the date and stays in its paragraph, word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbering import numbering_rank
from .prose import ends_sentence, looks_like_title

__all__ = ["FrontMatter", "front_matter_of_lead", "front_matter_of_line", "front_matter_of_lines"]

_BYLINE = re.compile(
    r"^(?:(?:本报|新华社|人民日报|中新社|中新网|经济日报|光明日报)?(?:特约|首席|见习)?"
    r"(?:记者|通讯员|实习生|评论员)|作者[:：]|文[/／:：]|文\s*[|｜]|撰文[:：]?|By\s+[A-Z])"
)
_DATE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{4}"
)
_SOURCE_LINE = re.compile(
    r"^(?:来源|发布时间|时间|日期|发布日期|稿源|Published|Updated|Date)\s*[:：]?", re.IGNORECASE
)
_DATELINE = re.compile(
    r"^(?:本报|新华社|中新社|中新网|人民网|新华网|央视网|经济日报|光明日报)"
    r"(?P<place>[\u4e00-\u9fff]{2,8}?)(?P<date>\d{1,2}月\d{1,2}日)电"
    r"(?:\s*[（(](?P<byline>[^（()）]{2,60})[)）])?"
)
_REPORTER_NEWS = re.compile(r"^本报讯\s*[（(](?P<byline>(?:记者|通讯员)[^（()）]{1,60})[)）]")
_LONGEST_FRONT_LINE = 80
_MOST_FRONT_LINES = 4
_PROSE_MARKS = re.compile(r"[，。！？；!?;]")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    byline: str | None = None
    place: str | None = None
    date: str | None = None


def front_matter_of_line(line: str) -> FrontMatter | None:
    """What a line after the headline states, if it is a byline or date line; None for prose."""
    if len(line) > _LONGEST_FRONT_LINE or _PROSE_MARKS.search(line) or ends_sentence(line):
        return None  # 记者从市统计局获悉，… starts like a byline and is the story's first sentence
    dateline = _DATELINE.match(line)
    if dateline and dateline.end() == len(line):
        return FrontMatter(byline=dateline["byline"], place=dateline["place"], date=dateline["date"])
    date = _DATE.search(line)
    if _BYLINE.match(line):
        return FrontMatter(byline=line, date=date.group() if date else None)
    if date and (_SOURCE_LINE.match(line) or len(line) - len(date.group()) <= 12):
        # A date alone, perhaps with its weekday or time: 2020年12月29日 星期二 08:30.
        return FrontMatter(date=date.group())
    return None


def front_matter_of_lead(paragraph: str) -> FrontMatter | None:
    """The dateline that opens a news story's first paragraph, which stays in the paragraph."""
    dateline = _DATELINE.match(paragraph)
    if dateline:
        return FrontMatter(byline=dateline["byline"], place=dateline["place"], date=dateline["date"])
    reporter = _REPORTER_NEWS.match(paragraph)
    if reporter:
        return FrontMatter(byline=reporter["byline"])
    return None


def front_matter_of_lines(lines: list[str]) -> tuple[list[FrontMatter], int]:
    """What the lines under the headline state, and how many of them state it.

    Short lines before a byline or date line are part of it: an issuer printed above
    the date (临江市统计局 / 2024年3月15日) is the byline of a bulletin.
    """
    stated: list[FrontMatter | None] = []
    for line in lines[:_MOST_FRONT_LINES]:
        found = front_matter_of_line(line)
        if found is None and (not looks_like_title(line) or numbering_rank(line) is not None):
            break
        stated.append(found)
    taken = max((index + 1 for index, found in enumerate(stated) if found is not None), default=0)
    front = [found for found in stated[:taken] if found is not None]
    unnamed = [line for line, found in zip(lines[:taken], stated[:taken], strict=True) if found is None]
    if unnamed and not any(found.byline for found in front):
        front.insert(0, FrontMatter(byline=" ".join(unnamed)))
    return front, taken
