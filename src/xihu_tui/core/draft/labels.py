"""A metric's label from the words around its number: 城镇化率, 地区生产总值增长, 引进城市大脑生态企业.

Chinese names the quantity before the number (全年地区生产总值约1.6万亿元) or, after a verb,
between the measure word and the end of the clause (引进60余家城市大脑生态企业, 31位区领导深入
基层). The label is the words of the number's clause before it, with what does not name the
quantity trimmed off:

* in front, times and scopes (2020年, 全年, 年末, 全市, 其中, 累计, 预计);
* at the end, verbs and comparisons (达到, 为, 比上年, 同比, 比2015年, 首次跻身全省).

A change keeps its verb (地区生产总值增长, 衣着价格下降), so that a label never reads as a
level. When the words before name nothing, or end in a verb (引进, 完成, 惠及) and a measure word
counts things named after it, the label takes those things (教师, 引进城市大脑生态企业).
"""

from __future__ import annotations

import re

__all__ = [
    "change_verb",
    "clause_end",
    "clause_start",
    "ends_in_counting_verb",
    "label_before",
    "noun_after",
    "strip_change_verb",
    "trim_label",
]

_BREAKS = '，。；;：:！？!?、（）()“”‘’"《》【】「」\n\t…|·'
_BREAK = re.compile(rf"[{re.escape(_BREAKS)}]|(?<![0-9]),|,(?![0-9])|\.(?![0-9])|——")
# English words that name no quantity, at either end of a label (an English report's words).
_ENGLISH_FILLER = re.compile(
    r"(?i:\b(?:and|the|a|an|in|to|by|of|with|at|while|as|from|for|on|its|their|was|were|is|are|has|have|"
    r"had|reached|stood|rose|fell|increased|decreased|grew|declined|dropped|climbed|up|down|about|around|"
    r"some|nearly|almost|over|more|than|less|under|below|above|at least|totalled|totaled|hit)\b)"
)

_LEADING = re.compile(
    r"""(?:
        (?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:[0-9]{1,2}[—\-至到~]?[0-9]{0,2}月份?)?(?:[0-9]{1,2}日)?
            (?:末|底|初|以来|全年|上半年|下半年|前三季度|度)?
      | 其中|此外|另外|同时|全年|今年|去年|当年|年末|年底|年内|年初|截至(?:目前|年底|年末)?|目前|累计|共有|总共
      | 合计|已经|预计|以及|仅仅|全市|全区|全省|全县|全镇|实现|完成|新增加|一共|其他|此后|期间|此前
    )\s*""",
    re.VERBOSE,
)
_TRAILING = re.compile(
    r"""\s*(?:
        分别为|分别是|分别达到?|分别|总计|共计|合计|累计|达到|达|为|是|共有|共|约|的|了|已|到|至|占|从|由|自
      | (?:比|较|与|同)(?:上年末|上年同期|上年|去年同期|去年|上月|上季度|同期|年初)?(?:相比)?
      | (?:比|较|与)(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:末|底|同期)?(?:相比)?
      | 同比|环比|相比|全年|仅仅用|仅用|用|实现|完成|超过|超|近|突破|首次|稳居|位居|跻身|居|列|排名|排|于|在
      | 全[国省市区县]|和|及|与|以及
    )\Z""",
    re.VERBOSE,
)
# Verbs after which a measure word counts what follows it: 引进60余家企业, 完成202个村社组织.
_COUNTING_VERB = re.compile(
    r"(?:引进|引育|招引|新建|建成|组建|培育|新增|开展|举办|实施|推出|打造|建设|改造|启用|改扩建|接入|惠及|"
    r"服务|帮助|带动|吸引|签约|落地|检查|排查|拥有|涌现|认定|评选|创建|设立|成立|新设|发放|发布|出台|制定|"
    r"开通|开设|开工|竣工|完成|招聘|培训|救助|资助|走访|覆盖|入驻|集聚|吸纳|安置|提供|新开|开办|上线|受理|"
    r"办理|办结|化解|调解|查处|处理|整治|淘汰|输出至|输出到|有|新|共|累计|获得|获|取得|收到|派出|选派|动员|"
    r"组织|投资|投入|解决|出动|参与|参加)\Z"
)
# Words that end the things a measure word counts: the clause's verb (31位区领导深入基层).
_NOUN_STOP = re.compile(
    r"换届|选举|开展|建设|改造|提升|参加|参与|投入|使用|运行|运营|落地|开工|竣工|完成|实现|获得|受到|入选|成为|"
    r"进入|深入|坚守|下沉|报到|全部|全面|[均都]|得到|研发|通过|签约|入驻|纳入|覆盖|提供|同比|比上年|增长|下降|减少|增加|"
    r"[到在已被为是有将获达共等及和与并走比]"
)
_DECLINE = "负增长|下降|减少|降低|回落|下滑|下跌|缩小|缩减|削减|压减|减小|下调|收窄"
_RISE = "增长|增加|提高|上升|上涨|扩大|提升|攀升|上调|增多"
_VERB = re.compile(rf"(?:{_DECLINE}|{_RISE}|[减降跌增涨])")

_PUNCTUATION = " \u3000，。；;：:！？!?、（）()《》【】「」\n\t…|·,"
_VERB_AT_END = re.compile(rf"(?:{_DECLINE}|{_RISE}|[减降跌增涨])\Z")
_MAX_LABEL = 16
_MAX_ENGLISH_LABEL = 32
"""Characters: English words are longer than Chinese characters, and are never cut inside."""
_MAX_NOUN = 10


def clause_start(text: str, floor: int, position: int) -> int:
    """Where the clause holding ``position`` begins: after the last break before it, not before
    ``floor``."""
    start = floor
    for match in _BREAK.finditer(text, floor, position):
        start = match.end()
    return start


def clause_end(text: str, position: int) -> int:
    """Where the clause holding ``position`` ends: at the next break, or the text's end."""
    match = _BREAK.search(text, position)
    return match.start() if match else len(text)


def trim_label(words: str) -> tuple[str, int]:
    """``words`` without what does not name a quantity, and where what is kept begins."""
    offset = 0
    while (lead := _LEADING.match(words, offset)) is not None and lead.end() > offset:
        offset = lead.end()
    end = len(words)
    while (
        end > offset and (trail := _TRAILING.search(words, offset, end)) is not None and trail.start() < end
    ):
        end = trail.start()
    label = words[offset:end].strip(_PUNCTUATION)
    if label.isascii():
        kept = label.split()
        while kept and _ENGLISH_FILLER.fullmatch(kept[0]):
            kept.pop(0)
        while kept and _ENGLISH_FILLER.fullmatch(kept[-1]):
            kept.pop()
        label = " ".join(kept).strip(_PUNCTUATION + "$")
    if label.isascii():
        # English is cut at a word: the last words name the quantity (…the container throughput).
        kept = label.split()
        while len(kept) > 1 and len(" ".join(kept)) > _MAX_ENGLISH_LABEL:
            kept.pop(0)
        label = " ".join(kept)
    elif len(label) > _MAX_LABEL:
        # A long run of words: what names the quantity comes last (……的政府基金总规模).
        cut = label.rfind("的", 0, len(label) - 1)
        label = label[cut + 1 :] if cut >= 0 and len(label) - cut - 1 >= 2 else label
        label = label[-_MAX_LABEL:]
    return label, offset + words[offset:].find(label) if label else offset


def label_before(text: str, floor: int, cue_start: int) -> tuple[str, int]:
    """The label the words of the clause before a number give it, and where those words begin
    in ``text`` (``cue_start`` when they give none)."""
    start = clause_start(text, floor, cue_start)
    label, offset = trim_label(text[start:cue_start])
    return label, (start + offset if label else cue_start)


def ends_in_counting_verb(text: str, floor: int, cue_start: int) -> str:
    """The verb right before a number that counts what follows it (引进60余家企业), or ''."""
    found = _COUNTING_VERB.search(text, max(floor, cue_start - 4), cue_start)
    return found.group() if found else ""


def noun_after(text: str, position: int) -> tuple[str, int]:
    """The things a measure word counts, named right after it (区领导 in 31位区领导深入基层), and
    where they end; ('', position) when none are."""
    end = clause_end(text, position)
    stop = _NOUN_STOP.search(text, position, end)
    end = min(end, stop.start() if stop else end)
    words = text[position:end]
    if "的" in words:  # 全市统筹的民生直达政策: the thing is after the last 的
        words = words[words.rfind("的") + 1 :]
    words = words.strip()[:_MAX_NOUN]
    if len(words) < 2 or not all("\u4e00" <= c <= "\u9fff" or c in "“”" for c in words):
        return "", position
    return words, text.find(words, position) + len(words)


def change_verb(text: str, cue_start: int, start: int) -> str:
    """The verb of change between a number's cue and the number (增长 in 比上年增长3.5%)."""
    found = _VERB.search(text, cue_start, start)
    return found.group() if found else ""


def strip_change_verb(label: str) -> str:
    """``label`` without the verb of change it ends with (地区生产总值增长 → 地区生产总值)."""
    return _VERB_AT_END.sub("", label) or label
