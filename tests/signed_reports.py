"""A small report with what real statistics reports need: declines, an approximate figure, a
series with its years, and notes in two languages (issue 15).

SYNTHETIC: its text was written for the tests, in the manner of a city statistics report; no
figure in it is real. It is built by hand from the model, so the tests of how the explorer
shows these things do not depend on how the loader reads them.
"""

from __future__ import annotations

from xihu_tui.core.report.model import Group, Metric, Note, Paragraph, Qualifier, Report, Section, SeriesPoint

PRICES_TEXT = (
    "全年居民消费价格比上年上涨1.2%。其中，食品上涨3.2%，衣着下降9.4%，居住上涨0.8%，交通通信下降2.1%。"
)
GROWTH_TEXT = (
    "2015年增速为18.13%，2016年为17.5%，2017年为16.8%，2018年为16.1%，2019年为15.9%，"
    "2020年为15.2%。全市产值约275倍于建市之初。"
)

CLOTHING_NOTE = Note(
    (
        ("zh", "合成数据：衣着价格下降，记为负值。"),
        ("en", "Synthetic: clothing prices fell, so the value is below zero."),
    )
)
CPI_DESCRIPTION = Note(
    (
        ("zh", "各类商品和服务价格比上年的涨跌幅度。"),
        ("en", "How much the prices of each category rose or fell on the year before."),
    )
)
GROWTH_NOTE = Note((("zh", "合成数据：各年增速取自同一段落。"),))
"""Only in Chinese: the English interface falls back to it."""


def _price(metric_id: str, label: str, value: float, quote: str, written: str, **more: object) -> Metric:
    return Metric(
        id=metric_id,
        label=label,
        value=value,
        unit="%",
        quote=quote,
        paragraph="prices-1",
        group="cpi",
        written=written,
        **more,  # type: ignore[arg-type]
    )


def signed_report() -> Report:
    prices = Section(
        id="prices",
        title="价格",
        paragraphs=(Paragraph("prices-1", PRICES_TEXT),),
        metrics=(
            _price("cpi-food", "食品价格", 3.2, "食品上涨3.2%", "3.2%"),
            _price("cpi-clothing", "衣着价格", -9.4, "衣着下降9.4%", "9.4%", note=CLOTHING_NOTE),
            _price("cpi-housing", "居住价格", 0.8, "居住上涨0.8%", "0.8%"),
            _price("cpi-transport", "交通通信价格", -2.1, "交通通信下降2.1%", "2.1%"),
        ),
    )
    years = ("2015", "2016", "2017", "2018", "2019", "2020")
    rates = (18.13, 17.5, 16.8, 16.1, 15.9, 15.2)
    growth = Section(
        id="growth",
        title="增长",
        paragraphs=(Paragraph("growth-1", GROWTH_TEXT),),
        metrics=(
            Metric(
                id="growth-rate",
                label="增速",
                value=15.2,
                unit="%",
                quote="2020年为15.2%",
                paragraph="growth-1",
                written="15.2%",
                series=tuple(SeriesPoint(year, rate) for year, rate in zip(years, rates, strict=True)),
                note=GROWTH_NOTE,
            ),
            Metric(
                id="output-multiple",
                label="产值倍数",
                value=275.0,
                unit="倍",
                quote="约275倍",
                paragraph="growth-1",
                qualifier=Qualifier.APPROXIMATELY,
                written="275倍",
            ),
        ),
    )
    return Report(
        title="示例市统计公报（合成）",
        language="zh-CN",
        sections=(prices, growth),
        groups=(Group("cpi", "居民消费价格分类涨跌", CPI_DESCRIPTION),),
    )
