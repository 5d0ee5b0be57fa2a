"""An article's bytes made text: which encoding they are in, or why they cannot be read.

Accepted: UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 with one, the
charset an HTML page declares in `<meta>`, and GB18030 (GBK's superset, still common
for Chinese web pages and text files) when nothing is declared and the bytes are
plainly Chinese in it. Everything else is refused with one line that says what the
bytes look like and what to do.
"""

from __future__ import annotations

import codecs
import re

from .article import ArticleError

__all__ = ["declared_charset", "decode_article"]

_BYTE_ORDER_MARKS = (
    # UTF-32's marks begin with UTF-16's: they are looked at first.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_PRESCAN_BYTES = 4096
"""A browser looks for the charset in the first 1,024 bytes; pages with long heads put it later."""
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_CHINESE_LABELS = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "csgb2312", "chinese"})
"""Labels a page gives for GBK-family text; GB18030 decodes all of them (as browsers do)."""

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MOST_CONTROLS = 0.01
_GB2312_SHARE = 0.9


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page's `<meta charset>` or `<meta http-equiv … charset=…>` names."""
    found = _META_CHARSET.search(raw[:_PRESCAN_BYTES])
    return found.group(1).decode("ascii").lower() if found else None


def decode_article(raw: bytes, kind: str, source: str) -> str:
    """The text of an article's bytes; raises `ArticleError` when they are not a readable text."""
    if not raw.strip():
        raise ArticleError(f"{source}: the article is empty")
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return _checked(_decode(raw, encoding, source), source)
    _refuse_binary(raw, source)
    charset = declared_charset(raw) if kind == "html" else None
    if charset is not None:
        return _checked(_decode_declared(raw, charset, source), source)
    try:
        return _checked(raw.decode("utf-8"), source)
    except UnicodeDecodeError as error:
        utf8_error = error
    gb18030 = _plainly_gb18030(raw)
    if gb18030 is not None:
        return _checked(gb18030, source)
    advice = "declare its charset in a <meta charset> tag" if kind == "html" else "save it as UTF-8"
    raise ArticleError(
        f"{source}: not UTF-8 (byte {utf8_error.start:,} is {raw[utf8_error.start]:#04x}) "
        f"and not plainly Chinese GB18030/GBK either, and no charset is declared: {advice}"
    )


def _refuse_binary(raw: bytes, source: str) -> None:
    zeros = raw.count(0)
    if not zeros:
        return
    odd_zeros = raw[1::2].count(0)
    if len(raw) % 2 == 0 and odd_zeros in (0, zeros):
        # Every NUL on one side of its pair: ASCII characters of UTF-16 text, one byte of each zero.
        try:
            text = raw.decode("utf-16-le" if odd_zeros else "utf-16-be")
        except UnicodeDecodeError:
            text = "\x00"
        if not _CONTROLS.search(text):
            raise ArticleError(
                f"{source}: looks like UTF-16 without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)"
            )
    raise ArticleError(f"{source}: looks binary (it holds NUL bytes), not a text, Markdown or HTML article")


def _decode(raw: bytes, encoding: str, source: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.removesuffix("-sig").upper()
        raise ArticleError(
            f"{source}: not valid {name} at byte {error.start:,}, though it starts as {name} does"
        ) from None


def _decode_declared(raw: bytes, charset: str, source: str) -> str:
    if charset in _CHINESE_LABELS:
        encoding = "gb18030"
    elif charset.startswith(("utf-16", "utf-32", "unicode")):
        # A page read by bytes as ASCII to find this label cannot be UTF-16: browsers take UTF-8.
        encoding = "utf-8"
    else:
        try:
            encoding = codecs.lookup(charset).name
        except LookupError:
            raise ArticleError(
                f"{source}: declares charset {charset!r}, which is not a known encoding"
            ) from None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{source}: declares charset {charset!r} but is not valid {charset} at byte {error.start:,}"
        ) from None


def _plainly_gb18030(raw: bytes) -> str | None:
    """The text, if `raw` is GB18030 that reads as ordinary Chinese; None if that is doubtful.

    Nearly any bytes decode as GB18030, so decoding proves little: a Latin-1 page or a
    compressed file comes out as rare ideographs. Ordinary Chinese text, though, is
    almost all in GB2312's common hanzi and punctuation, where few chance byte pairs
    fall (about one in four). So the text is accepted when nine in ten of its
    characters beyond ASCII are GB2312 ones, and it holds no control characters.
    """
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    outside_gb2312 = text.encode("gb2312", errors="replace").count(b"?") - text.count("?")
    if beyond_ascii == 0 or outside_gb2312 > (1 - _GB2312_SHARE) * beyond_ascii:
        return None
    if _CONTROLS.search(text):
        return None
    return text


def _checked(text: str, source: str) -> str:
    """Refuses text that decodes but is not prose: mostly control characters, or nothing at all."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError(f"{source}: the article is empty")
    controls = len(_CONTROLS.findall(text))
    if controls > _MOST_CONTROLS * len(text) or "\x00" in text:
        raise ArticleError(f"{source}: looks binary (it is full of control characters), not an article")
    return text
