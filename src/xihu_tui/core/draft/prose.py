"""What every reader of an article needs to know about a line of prose.

Whether it ends a sentence, whether it is short enough to be a title, how two halves of
a paragraph cut by a photo are put back together, whether a line is a photo caption and
where its credit starts, and which language the article is written in. Chinese and
English punctuation are both read: an article may be either.
"""

from __future__ import annotations

import re
import unicodedata

from .article import Caption

__all__ = [
    "caption_from_line",
    "ends_sentence",
    "fold_space",
    "is_caption_line",
    "is_clause",
    "join_halves",
    "language_of",
    "looks_like_title",
]

_SENTENCE_ENDS = frozenset("。！？!?…；;.．:：")
"""A colon ends a unit too: the line leads into what follows and is never a title."""
_CLOSERS = "”’」』）)】》〉\"'"
_CLAUSE_MARKS = frozenset("，,、")
_INNER_SENTENCE_ENDS = re.compile(r"[。！？!?；;]")

SHORT_CJK_TITLE = 40
"""Characters: a Chinese heading is a phrase, the shortest paragraphs are sentences longer
than this only rarely."""
SHORT_LATIN_TITLE = 90
"""Characters: an English heading of a dozen words."""


_WIDE_TEXT = "\u2e80-\u2fff\u3001-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef\u2018\u2019\u201c\u201d"
_LINE_BREAK_IN_CHINESE = re.compile(rf"(?<=[{_WIDE_TEXT}])[^\S\n]*\n\s*(?=[{_WIDE_TEXT}])")


def fold_space(text: str) -> str:
    """`text` with leading and trailing white space removed and each inner run made one space.

    The only change the report format allows to a text. The ideographic space (U+3000)
    and the no-break space are white space too: Chinese text indents with them. A line
    break between two Chinese characters folds to nothing: it is where the source's
    lines were wrapped, in a script written without spaces (as CSS reads such breaks).
    """
    if "\n" in text:
        text = _LINE_BREAK_IN_CHINESE.sub("", text)
    return " ".join(text.split())


def _last_meaningful(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def ends_sentence(text: str) -> bool:
    """Whether `text` ends as a sentence does (closing quotes and brackets looked through)."""
    return _last_meaningful(text) in _SENTENCE_ENDS


def is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def join_halves(before: str, after: str) -> str:
    """One paragraph from its two halves, as it read before a photo was set between them.

    Chinese is written without spaces, so halves that meet at a Chinese character join
    with nothing between them; English words are parted by one space.
    """
    if not before or not after:
        return before + after
    if is_wide(before[-1]) or is_wide(after[0]):
        return before + after
    return f"{before} {after}"


def language_of(text: str) -> str:
    """`en` when the letters of `text` are mostly Latin ones, else `zh-CN`."""
    wide = latin = 0
    for character in text:
        if character < "\x80":
            latin += character.isalpha()
        elif "\u3400" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff":
            wide += 1
    # A few Chinese names in English prose, or Latin acronyms (GDP, 5G) in Chinese prose,
    # must not tip the balance: a letter of Chinese carries about a word's meaning.
    return "en" if latin > 20 * wide and latin > 0 else "zh-CN"


def looks_like_title(text: str) -> bool:
    """A short line that does not end a sentence nor hold one: a heading or a caption.

    It may not end in a comma either (a line broken mid-sentence), nor hold a full stop
    inside (a lead sentence followed by its paragraph).
    """
    if not text or ends_sentence(text) or _last_meaningful(text) in _CLAUSE_MARKS:
        return False
    if _INNER_SENTENCE_ENDS.search(text):
        return False
    limit = SHORT_CJK_TITLE if any(is_wide(character) for character in text) else SHORT_LATIN_TITLE
    return len(text) <= limit


def is_clause(text: str) -> bool:
    """Chinese with a comma in it: a clause of a sentence rather than a heading without a number.

    Such a line is a paragraph's first half more often than a title (此外,建成…,安置房);
    numbered headings may hold commas, and English titles often do.
    """
    return any(is_wide(character) for character in text) and any(mark in text for mark in "，,")


# --- photo captions ------------------------------------------------------------------

_CAPTION_MARKS = "▲△▼▽"
_CREDITED = re.compile(r"摄影?[）)]?$")
_CREDIT_ROLE = re.compile(
    r"^(?:本报|新华社|人民日报|中新社|中新网|人民网|新华网)?(?:特约|首席)?"
    r"(?:摄影记者|记者|通讯员|实习生|摄影|见习记者)[:：]?$"
)
_PARENTHESISED_CREDIT = re.compile(r"[（(][^（()）]{1,30}摄影?[）)]$")
_LONGEST_CAPTION = 300
_LONGEST_CREDIT_TAIL = 16
"""A credit after the caption's last full stop (`…举行。张闻涛 摄`) is a name and a role."""


def is_caption_line(text: str) -> bool:
    """A line that marks itself as a photo caption: it points at the photo (▲) or credits it (摄).

    摄 counts only as a credit: set apart by a space, a slash or brackets, or after the
    caption's last full stop, never inside a word (拍摄).
    """
    if not text or len(text) > _LONGEST_CAPTION:
        return False
    if text[0] in _CAPTION_MARKS:
        return True
    return _credit_start(text) is not None


def _credit_start(text: str) -> int | None:
    if not _CREDITED.search(text):
        return None
    parenthesised = _PARENTHESISED_CREDIT.search(text)
    if parenthesised:
        return parenthesised.start()
    tokens = list(re.finditer(r"\S+", text))
    if len(tokens) >= 2:
        last = tokens[-1].group()
        index = len(tokens) - 1
        if last in ("摄", "摄影", "/摄", "／摄"):
            index -= 1  # the name stands before a separate 摄
        if index > 0 or last not in ("摄", "摄影"):
            while index > 0 and _CREDIT_ROLE.match(tokens[index - 1].group()):
                index -= 1
            start = tokens[index].start()
            before = text[:start].rstrip()
            if before and not _INNER_SENTENCE_ENDS.search(text[start:]):
                return _after_last_stop(before, start, text)
    stops = list(_INNER_SENTENCE_ENDS.finditer(text[:-1]))
    if stops:
        start = stops[-1].end()
        if 0 < len(text) - start <= _LONGEST_CREDIT_TAIL:
            return start
    return None


def _after_last_stop(before: str, start: int, text: str) -> int:
    """Where a credit set off by a space starts: a name glued to the last full stop belongs to it."""
    stops = list(_INNER_SENTENCE_ENDS.finditer(before))
    if stops and stops[-1].end() < len(before) and len(text) - stops[-1].end() <= _LONGEST_CREDIT_TAIL:
        return stops[-1].end()
    return start


def caption_from_line(text: str) -> Caption:
    """A caption line read into its words and its credit; a leading ▲ points at the photo and is dropped."""
    line = fold_space(text.lstrip(_CAPTION_MARKS))
    start = _credit_start(line)
    if start is None or start == 0:
        return Caption(line)
    return Caption(line[:start].rstrip(), line[start:].strip())
