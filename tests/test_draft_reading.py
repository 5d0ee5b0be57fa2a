"""Reading an article (plain text, Markdown, HTML) into headline, sections, paragraphs and captions.

The expectations are written from the articles as a reader sees them, never taken from
the reader's output. The test articles in fixtures/articles/ are synthetic: each file's
first line says so and is stripped here before reading.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEED_ARTICLE
from xihu_tui.core.draft.article import Article, ArticleError, Caption, Heading, Paragraph
from xihu_tui.core.draft.reading import article_from_bytes, article_kind, read_article
from xihu_tui.core.report.model import Report, Section

ARTICLES = FIXTURES / "articles"
KIND_OF_SUFFIX = {".txt": "text", ".md": "markdown", ".html": "html"}
MAX_BYTES = 10_000_000


def fixture_bytes(name: str) -> bytes:
    """A test article's bytes without its first line, which says that it is synthetic."""
    return (ARTICLES / name).read_bytes().split(b"\n", 1)[1]


def fixture_article(name: str) -> Article:
    return article_from_bytes(fixture_bytes(name), KIND_OF_SUFFIX[Path(name).suffix], name)


def paragraphs(article: Article) -> list[str]:
    return [block.text for block in article.blocks if isinstance(block, Paragraph)]


def headings(article: Article) -> list[tuple[str, int]]:
    return [(block.text, block.level) for block in article.blocks if isinstance(block, Heading)]


def captions(article: Article) -> list[tuple[str, str | None]]:
    return [(block.text, block.credit) for block in article.blocks if isinstance(block, Caption)]


def folded(text: str) -> str:
    return " ".join(text.split())


# --- the bundled article --------------------------------------------------------------


def all_sections(sections: tuple[Section, ...]) -> list[Section]:
    return [item for section in sections for item in (section, *all_sections(section.sections))]


@pytest.fixture(scope="module")
def seed(seed_article: str) -> Article:
    return read_article(SEED_ARTICLE, MAX_BYTES)


def test_the_bundled_article_reads_into_the_paragraphs_a_careful_author_made_of_it(
    seed: Article, bundled_report: Report
) -> None:
    expected = [
        folded(p.text) for section in all_sections(bundled_report.sections) for p in section.paragraphs
    ]
    assert len(expected) == 29
    assert paragraphs(seed) == expected


def test_the_bundled_article_has_its_headline_byline_and_sections(
    seed: Article, bundled_report: Report
) -> None:
    assert seed.title == bundled_report.title
    assert seed.byline == bundled_report.byline
    assert seed.language == "zh-CN"
    printed = [section.title for section in all_sections(bundled_report.sections) if not section.editorial]
    assert headings(seed) == [(title, 1) for title in printed]


def test_the_bundled_article_opens_with_paragraphs_before_its_first_heading(
    seed: Article, bundled_report: Report
) -> None:
    opening = next(section for section in bundled_report.sections if section.editorial)
    first_heading = next(i for i, block in enumerate(seed.blocks) if isinstance(block, Heading))
    before = [block.text for block in seed.blocks[:first_heading] if isinstance(block, Paragraph)]
    assert before == [p.text for p in opening.paragraphs]


def test_the_bundled_article_has_its_three_captions_with_the_credit_apart(
    seed: Article, bundled_report: Report
) -> None:
    figures = [figure for section in all_sections(bundled_report.sections) for figure in section.figures]
    assert captions(seed) == [(figure.caption, figure.credit) for figure in figures]
    assert len(figures) == 3


def test_the_paragraph_the_photo_cut_is_whole_and_its_caption_follows_it(seed: Article) -> None:
    index = next(i for i, block in enumerate(seed.blocks) if block.text.startswith("此外"))
    assert seed.blocks[index].text.startswith("此外,建成西溪水浒文化展示馆,安置房竣工7.8万方,")
    assert seed.blocks[index + 1] == Caption("龙坞(集镇)成功创建“美丽城镇”省级样板")


# --- plain text: structure ------------------------------------------------------------


def test_numbered_headings_nest_as_their_numbering_nests() -> None:
    bulletin = fixture_article("city_bulletin.txt")
    assert headings(bulletin) == [
        ("一、综合", 1),
        ("二、农业", 1),
        ("（一）种植业", 2),
        ("（二）畜牧业", 2),
        ("三、工业和建筑业", 1),
        ("（一）工业", 2),
        ("1. 规模以上工业", 3),
        ("2. 高新技术产业", 3),
        ("（二）建筑业", 2),
    ]


def test_a_bulletin_names_its_issuer_and_date_under_the_headline() -> None:
    bulletin = fixture_article("city_bulletin.txt")
    assert bulletin.title == "临江市2023年国民经济和社会发展统计公报"
    assert bulletin.byline == "临江市统计局"
    assert bulletin.date == "2024年3月15日"
    assert paragraphs(bulletin)[0] == "2023年，全市上下坚持稳中求进工作总基调，经济运行总体回升向好。"


def test_chapters_put_the_numbered_sections_one_level_down() -> None:
    text = "年报\n\n第一章 总则\n\n一、目标\n\n全年完成目标。\n\n（一）细则\n\n细则如下所述。\n\n第二章 附则\n\n本报告自发布之日起施行。\n"
    article = article_from_bytes(text.encode(), "text")
    assert headings(article) == [("第一章 总则", 1), ("一、目标", 2), ("（一）细则", 3), ("第二章 附则", 1)]


def test_a_number_that_starts_a_sentence_is_no_heading() -> None:
    text = "标题\n\n1.9万人参加了活动。\n\n2020.12.29发布的数据如下。\n\n一、是一个好的开始，大家都这么说。\n"
    article = article_from_bytes(text.encode(), "text")
    assert headings(article) == []
    assert len(paragraphs(article)) == 3


def test_a_news_agency_dateline_gives_place_date_and_byline_and_stays_in_its_paragraph() -> None:
    feature = fixture_article("harvest_feature.txt")
    assert feature.title == "稻浪翻滚丰收忙 青禾县秋粮再创新高"
    assert (feature.place, feature.date, feature.byline) == ("长沙", "10月8日", "记者 林晓 周岩")
    assert paragraphs(feature)[0].startswith("新华社长沙10月8日电（记者 林晓 周岩）金秋时节")


def test_captions_that_mark_themselves_lose_the_pointer_and_keep_the_credit_apart() -> None:
    feature = fixture_article("harvest_feature.txt")
    assert captions(feature) == [
        ("青禾县农民在田间抢收晚稻。", "本报记者 陈思远 摄"),
        ("2023年，青禾县稻米加工园区一角", "陈思远 摄"),
    ]


def test_a_paragraph_cut_by_a_credited_caption_is_rejoined_before_it() -> None:
    feature = fixture_article("harvest_feature.txt")
    whole = "近年来，青禾县大力推广无人机植保和智能灌溉，全县农机化率由2019年的71%提高到2023年的86%，亩均节本增效约120元。"
    assert whole in paragraphs(feature)
    index = paragraphs(feature).index(whole)
    assert "2023年的86%，亩均节本增效约120元。" not in paragraphs(feature)[index + 1 :]


def test_short_title_lines_between_paragraphs_are_sections() -> None:
    feature = fixture_article("harvest_feature.txt")
    assert headings(feature) == [("科技助力稳产增收", 1), ("一二三产业融合发展", 1)]


def test_a_word_that_ends_in_she_is_no_photo_credit() -> None:
    text = "标题\n\n他们在西湖边进行拍摄\n\n游客们纷纷驻足观看。\n"
    article = article_from_bytes(text.encode(), "text")
    assert captions(article) == []


def test_a_short_line_before_a_wide_gap_is_a_caption_not_a_section() -> None:
    text = "标题\n\n第一段写完了。\n\n新落成的图书馆\n\n\n\n城市更新\n\n第二段从这里开始。\n"
    article = article_from_bytes(text.encode(), "text")
    assert captions(article) == [("新落成的图书馆", None)]
    assert headings(article) == [("城市更新", 1)]


def test_white_space_is_folded_and_nothing_else_changes() -> None:
    text = "  标题  \r\n\r\n\u3000\u3000全年  增长 6.1%，\t达到“高水平”！  \r\n"
    article = article_from_bytes(text.encode(), "text")
    assert article.title == "标题"
    assert paragraphs(article) == ["全年 增长 6.1%， 达到“高水平”！"]


def test_english_text_wrapped_at_a_width_reads_one_paragraph_per_block() -> None:
    text = (
        "Harbour City Annual Review\n\nBy Jane Smith\n\n"
        "The city grew by 4.2 percent last year,\nits fastest pace since 2015, and\nadded 31,000 jobs.\n\n"
        "Housing\n\nBuilders finished 12,400 homes.\nPrices rose by 3 percent.\n"
    )
    article = article_from_bytes(text.encode(), "text")
    assert article.language == "en"
    assert article.byline == "By Jane Smith"
    assert paragraphs(article) == [
        "The city grew by 4.2 percent last year, its fastest pace since 2015, and added 31,000 jobs.",
        "Builders finished 12,400 homes. Prices rose by 3 percent.",
    ]
    assert headings(article) == [("Housing", 1)]


def test_article_kind_goes_by_suffix() -> None:
    assert [
        article_kind(Path(name)) for name in ("a.txt", "a.TEXT", "a.md", "a.markdown", "a.html", "a.HTM")
    ] == [
        "text",
        "text",
        "markdown",
        "markdown",
        "html",
        "html",
    ]
    assert article_kind(Path("report.toml")) is None


# --- encodings and bad input ----------------------------------------------------------

CHINESE = "西湖年报\n\n全年地区生产总值增长6.1%，城镇化率达到74.6%。\n"


@pytest.mark.parametrize(
    "raw",
    [
        CHINESE.encode("utf-8"),
        CHINESE.encode("utf-8-sig"),
        CHINESE.encode("gb18030"),
        CHINESE.encode("gbk"),
        CHINESE.encode("utf-16"),
        "\ufeff".encode("utf-16-be") + CHINESE.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030", "gbk", "utf-16 le", "utf-16 be"],
)
def test_each_accepted_encoding_reads_the_same_text(raw: bytes) -> None:
    article = article_from_bytes(raw, "text")
    assert article.title == "西湖年报"
    assert paragraphs(article) == ["全年地区生产总值增长6.1%，城镇化率达到74.6%。"]


def html_page(charset_meta: str) -> str:
    return f"<html><head>{charset_meta}<title>页</title></head><body><h1>西湖年报</h1><p>全年增长6.1%。</p></body></html>"


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ""],
    ids=["meta charset", "http-equiv", "no declaration"],
)
def test_a_chinese_web_page_in_gbk_reads_with_or_without_its_declared_charset(meta: str) -> None:
    article = article_from_bytes(html_page(meta).encode("gbk"), "html")
    assert (article.title, paragraphs(article)) == ("西湖年报", ["全年增长6.1%。"])


def test_a_declared_charset_is_honoured_even_where_utf_8_would_decode() -> None:
    page = '<meta charset="windows-1252"><title>Zürich</title><p>Café prices rose.</p>'
    article = article_from_bytes(page.encode("cp1252"), "html")
    assert paragraphs(article) == ["Café prices rose."]


def error_of(raw: bytes, kind: str = "text") -> str:
    with pytest.raises(ArticleError) as caught:
        article_from_bytes(raw, kind, "news.txt")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("news.txt: ")
    return message


def test_an_empty_article_is_refused() -> None:
    assert "empty" in error_of(b"")
    assert "empty" in error_of(" \n\u3000\n".encode())


def test_binary_bytes_are_refused() -> None:
    assert "binary" in error_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert "binary" in error_of(bytes(range(1, 9)) * 100)


def test_utf_16_without_a_byte_order_mark_is_named() -> None:
    assert "UTF-16 without a byte-order mark" in error_of(CHINESE.encode("utf-16-le"))


def test_text_in_a_western_encoding_without_a_declaration_is_refused_with_advice() -> None:
    message = error_of("Café prices rose by 3 percent in Zürich.".encode("cp1252"))
    assert "not UTF-8" in message and "save it as UTF-8" in message
    assert "<meta charset>" in error_of("<p>Café in Zürich</p>".encode("cp1252"), "html")


def test_random_bytes_that_happen_to_decode_as_gb18030_are_refused() -> None:
    import random

    noise = bytes(random.Random(16).randrange(0x81, 0xFF) for _ in range(4000))
    assert noise.decode("gb18030")  # decodes: the reader must not take that as proof
    assert "not UTF-8" in error_of(noise)


def test_a_page_that_lies_about_its_charset_is_refused() -> None:
    page = html_page('<meta charset="utf-8">').encode("gbk")
    assert "declares charset 'utf-8'" in error_of(page, "html")


def test_files_that_cannot_be_articles_are_refused_by_path(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(CHINESE.encode() * 100)
    for path, words in ((tmp_path / "missing.txt", "no such file"), (tmp_path, "directory"), (big, "limit")):
        with pytest.raises(ArticleError) as caught:
            read_article(path, 1000)
        assert words in str(caught.value) and str(path) in str(caught.value)


# --- the same article as plain text, Markdown and HTML --------------------------------


@pytest.mark.parametrize("name", ["city_bulletin", "harvest_feature", "harbour_review"])
def test_an_article_reads_the_same_as_plain_text_markdown_and_html(name: str) -> None:
    text, markdown, html = (fixture_article(f"{name}.{suffix}") for suffix in ("txt", "md", "html"))
    for marked_up in (markdown, html):
        assert marked_up.title == text.title
        assert (marked_up.byline, marked_up.place, marked_up.date) == (text.byline, text.place, text.date)
        assert paragraphs(marked_up) == paragraphs(text)
        assert headings(marked_up) == headings(text)
        assert marked_up.language == text.language


def test_the_city_bulletin_in_three_kinds_has_its_nine_sections_and_eight_paragraphs() -> None:
    for suffix in ("txt", "md", "html"):
        bulletin = fixture_article(f"city_bulletin.{suffix}")
        assert len(headings(bulletin)) == 9 and len(paragraphs(bulletin)) == 8, suffix
        assert bulletin.byline == "临江市统计局" and bulletin.date == "2024年3月15日"


def test_the_harvest_feature_in_three_kinds_has_its_printed_captions() -> None:
    printed = [
        ("青禾县农民在田间抢收晚稻。", "本报记者 陈思远 摄"),
        ("2023年，青禾县稻米加工园区一角", "陈思远 摄"),
    ]
    for suffix in ("txt", "md", "html"):
        assert captions(fixture_article(f"harvest_feature.{suffix}")) == printed, suffix


def test_english_articles_read_as_english_with_byline_and_date() -> None:
    for suffix in ("txt", "md", "html"):
        review = fixture_article(f"harbour_review.{suffix}")
        assert review.language == "en"
        assert (review.byline, review.date) == ("By Jane Smith and Li Wei", "March 3, 2024")
        assert headings(review) == [("1. Output and jobs", 1), ("2. Housing", 1), ("The port", 1)]
        assert paragraphs(review)[0] == (
            "Harbour City's economy grew by 4.2 percent in 2023, its fastest pace since 2015, "
            "and the city added about 31,000 jobs."
        )


# --- Markdown -------------------------------------------------------------------------


def markdown(text: str) -> Article:
    return article_from_bytes(text.encode(), "markdown")


def test_markdown_sections_count_from_the_shallowest_heading_under_the_title() -> None:
    article = markdown("# 标题\n\n## 经济\n\n增长了。\n\n### 工业\n\n也增长了。\n\n## 民生\n\n改善了。\n")
    assert article.title == "标题"
    assert headings(article) == [("经济", 1), ("工业", 2), ("民生", 1)]


def test_markdown_without_a_top_heading_takes_its_first_heading_as_the_title() -> None:
    article = markdown("## 标题\n\n### 经济\n\n增长了。\n\n#### 工业\n\n也增长了。\n")
    assert article.title == "标题"
    assert headings(article) == [("经济", 1), ("工业", 2)]


def test_markdown_headings_that_skip_a_level_nest_only_one_deeper() -> None:
    article = markdown("# 标题\n\n## 经济\n\n#### 工业\n\n增长了。\n")
    assert headings(article) == [("经济", 1), ("工业", 2)]


def test_markdown_without_headings_reads_numbered_lines_as_sections() -> None:
    article = markdown("公报\n\n一、综合\n\n增长了。\n\n（一）农业\n\n丰收了。\n")
    assert article.title == "公报"
    assert headings(article) == [("一、综合", 1), ("（一）农业", 2)]


def test_markdown_inline_markup_goes_and_its_text_stays() -> None:
    article = markdown(
        "# 标题\n\n全年**增长6.1%**，见[统计局](https://example.org)的`公报`，*城镇化率*达到\\*74.6%\\*。\n"
    )
    assert paragraphs(article) == ["全年增长6.1%，见统计局的公报，城镇化率达到*74.6%*。"]


def test_a_markdown_image_is_captioned_by_its_alt_text_or_the_emphasised_line_under_it() -> None:
    article = markdown(
        "# 标题\n\n第一段。\n\n![西湖夜景](a.jpg)\n\n第二段。\n\n![](b.jpg)\n\n*▲新建的学校。 张三 摄*\n\n第三段。\n"
        "\n![](c.jpg)\n\n第四段。\n"
    )
    assert captions(article) == [("西湖夜景", None), ("新建的学校。", "张三 摄")]
    assert paragraphs(article) == ["第一段。", "第二段。", "第三段。", "第四段。"]


def test_markdown_tables_code_and_raw_html_are_no_paragraphs() -> None:
    article = markdown(
        "# 标题\n\n正文。\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```\ncode 3\n```\n\n<div>raw</div>\n"
    )
    assert paragraphs(article) == ["正文。"]


def test_markdown_list_items_and_quotes_are_paragraphs() -> None:
    article = markdown("# 标题\n\n- 第一项完成了。\n- 第二项也完成了。\n\n> 引用的话。\n")
    assert paragraphs(article) == ["第一项完成了。", "第二项也完成了。", "引用的话。"]


# --- HTML -----------------------------------------------------------------------------


def html(text: str) -> Article:
    return article_from_bytes(text.encode(), "html")


def test_html_title_comes_from_h1_or_else_the_page_title() -> None:
    assert html("<title>页面</title><h1>标题</h1><p>正文。</p>").title == "标题"
    untitled = html("<title>页面标题</title><p>正文第一段。</p><p>正文第二段。</p>")
    assert untitled.title == "页面标题"
    assert paragraphs(untitled) == ["正文第一段。", "正文第二段。"]


def test_html_sections_count_from_the_shallowest_heading_used() -> None:
    article = html(
        "<h1>标题</h1><h3>经济</h3><p>增长。</p><h4>工业</h4><p>也增长。</p><h3>民生</h3><p>改善。</p>"
    )
    assert headings(article) == [("经济", 1), ("工业", 2), ("民生", 1)]


def test_html_boilerplate_is_left_out() -> None:
    page = (
        "<html><head><style>p{}</style><script>var a = '<p>脚本</p>';</script></head><body>"
        "<header><p>网站名称</p></header><nav><p>首页 国内</p></nav>"
        "<h1>标题</h1><p>正文。</p><aside><p>相关阅读。</p></aside>"
        "<noscript><p>请启用脚本。</p></noscript><form><p>评论：</p></form>"
        "<footer><p>版权所有。</p></footer></body></html>"
    )
    assert paragraphs(html(page)) == ["正文。"]


def test_html_text_is_verbatim_with_entities_decoded_and_white_space_folded() -> None:
    article = html("<h1>标题</h1><p>\n  增长&nbsp;6.1%&#xFF0C;&lt;约&gt; &amp; <em>超过</em>  三成。\n</p>")
    assert paragraphs(article) == ["增长 6.1%，<约> & 超过 三成。"]


def test_a_line_break_in_the_markup_between_chinese_characters_adds_no_space() -> None:
    article = html("<h1>标题</h1><p>全年地区生产总值\n   增长6.1%，\n达到高水平。</p>")
    assert paragraphs(article) == ["全年地区生产总值增长6.1%，达到高水平。"]


def test_html_figcaption_and_img_alt_are_captions() -> None:
    page = (
        "<h1>标题</h1><p>第一段。</p>"
        '<figure><img src="a.jpg" alt="图片说明以外的文字"><figcaption>西湖夜景 张闻涛 摄</figcaption></figure>'
        '<p>第二段。</p><img src="b.jpg" alt="新建的学校"><p>第三段。</p><img src="c.jpg"><p>第四段。</p>'
    )
    article = html(page)
    assert captions(article) == [("西湖夜景", "张闻涛 摄"), ("新建的学校", None)]
    assert paragraphs(article) == ["第一段。", "第二段。", "第三段。", "第四段。"]


def test_text_between_brs_in_a_div_is_paragraphs_but_a_br_inside_a_p_is_not() -> None:
    article = html(
        "<h1>标题</h1><div>第一段。<br><br>　　第二段。<br>第三段。</div><p>同一段，<br>没有分开。</p>"
    )
    assert paragraphs(article) == ["第一段。", "第二段。", "第三段。", "同一段，没有分开。"]


def test_the_story_is_read_from_the_article_element_when_there_is_one() -> None:
    page = "<body><h1>网站</h1><p>广告。</p><article><h1>标题</h1><p>正文。</p></article><p>页脚。</p></body>"
    article = html(page)
    assert (article.title, paragraphs(article)) == ("标题", ["正文。"])


def test_deeply_nested_html_is_read_without_running_out_of_stack() -> None:
    article = html("<h1>标题</h1>" + "<div>" * 5000 + "<p>深处的段落。</p>" + "</div>" * 5000)
    assert paragraphs(article) == ["深处的段落。"]


# --- any paragraphs, written as each kind, come back as written -----------------------

CHINESE_WORDS = st.text(
    alphabet="西湖区经济增长万亿元的人民一年城镇化率达到高水平1234567890.%，、；：“”（）《》 \u3000",
    min_size=1,
)
ENGLISH_WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;'%$", min_size=1
)


@st.composite
def paragraph_texts(draw: st.DrawFn, language: str) -> str:
    """A paragraph as a writer types it: it starts with a word and ends a sentence."""
    if language == "en":
        return (
            draw(st.sampled_from("TheyCityA")) + draw(ENGLISH_WORDS) + draw(st.sampled_from([".", "!", "?"]))
        )
    return (
        draw(st.sampled_from("西湖全年"))
        + draw(CHINESE_WORDS)
        + draw(st.sampled_from(["。", "！", "？", "……"]))
    )


def written_as(kind: str, title: str, texts: list[str]) -> bytes:
    if kind == "text":
        return "\n\n".join([title, *texts]).encode()
    if kind == "markdown":
        return "\n\n".join([f"# {title}", *texts]).encode()
    body = "".join(f"<p>{escape(text)}</p>\n" for text in texts)
    return f"<html><body><h1>{escape(title)}</h1>\n{body}</body></html>".encode()


@given(
    language=st.sampled_from(["zh-CN", "en"]),
    kind=st.sampled_from(["text", "markdown", "html"]),
    data=st.data(),
)
@settings(max_examples=3 * settings.default.max_examples)
def test_any_paragraphs_come_back_verbatim_from_each_kind(
    language: str, kind: str, data: st.DataObject
) -> None:
    texts = data.draw(st.lists(paragraph_texts(language), min_size=1, max_size=8))
    title = "西湖年报" if language == "zh-CN" else "Harbour Review"
    article = article_from_bytes(written_as(kind, title, texts), kind)
    assert article.title == title
    assert paragraphs(article) == [folded(text) for text in texts]
    assert [block for block in article.blocks if not isinstance(block, Paragraph)] == []


def test_a_file_is_read_by_the_kind_its_suffix_names() -> None:
    for suffix in ("md", "html"):
        article = read_article(ARTICLES / f"harvest_feature.{suffix}", MAX_BYTES)
        assert article.title == "稻浪翻滚丰收忙 青禾县秋粮再创新高"
        assert headings(article) == [("科技助力稳产增收", 1), ("一二三产业融合发展", 1)]
