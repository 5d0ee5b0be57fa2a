"""Generate a large, valid report from the bundled one, for benchmarks.

The text is the bundled West Lake report's own: its paragraphs are split into
sentences on 。！？ and the sentences are recombined into new paragraphs, so the
generated report is real Chinese with real punctuation and real numbers. Every
bundled metric is reused many times: the sentence that contains its quote goes
verbatim into a generated paragraph, with the same value, unit and qualifier, so
every generated metric passes `xihu-tui check`. The one sentence not the bundled
report's states a metric's series (`2016年至2020年分别为…`), since every series point
must be a number of its metric's paragraph.

The output is deterministic (same arguments, byte-identical file) and its counts
grow linearly with ``mb``. At 10 MB it holds about 2,500 sections (some nested two
or three levels deep), 30,000 paragraphs, 10,000 metrics in dozens of groups (5 %
of them with a 3–8 point series) and a few dozen figures.

    python benchmarks/generate.py --mb 10 -o out.toml
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from xihu_tui.core.report.loader import load_report
from xihu_tui.core.report.model import Metric, Report

__all__ = [
    "DEFAULT_MB",
    "DEFAULT_SEED",
    "Material",
    "generate_report",
    "load_material",
    "main",
    "write_report",
]

DEFAULT_MB = 10.0
DEFAULT_SEED = 2020
MB = 1024 * 1024

# Per-section shape. A section averages about 4.4 KB of TOML, which is what puts
# ~2,500 sections, ~30,000 paragraphs and ~10,000 metrics into 10 MB.
PARAGRAPHS_PER_SECTION = (8, 16)  # inclusive range; mean 12
METRICS_PER_SECTION = (2, 6)  # mean 4
TWO_SENTENCE_PROBABILITY = 0.2  # a paragraph without a metric has one sentence, or two
EXTRA_SENTENCE_PROBABILITY = 0.3  # a metric's sentence has another one before it
CHILD_PROBABILITY = 0.35  # a top-level section has 1–4 subsections
GRANDCHILD_PROBABILITY = 0.3  # a subsection has 1–3 subsections of its own
SERIES_PROBABILITY = 0.05
SERIES_POINTS = (3, 8)
GROUPED_PROBABILITY = 0.8
FIGURE_EVERY = 40  # about one figure per 40 sections
GROUPS_PER_UNIT_PER_MB = 0.3

# A closing quote after the full stop belongs to the sentence it closes (…意义。”).
_SENTENCE_END = re.compile(r"(?<=[。！？])(?![”’」』])|(?<=[。！？][”’」』])")


@dataclass(frozen=True)
class Material:
    """What the generator recombines, taken from one report."""

    report: Report
    sentences: tuple[str, ...]
    titles: tuple[str, ...]
    metrics: tuple[tuple[Metric, str], ...]
    """Each metric with the sentence of its paragraph that contains its quote."""
    units: tuple[str, ...]
    group_labels: dict[str, str]
    """A label to derive group labels from, per unit."""


def split_sentences(text: str) -> list[str]:
    """Split on 。！？, keeping the punctuation; a trailing fragment is kept too."""
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def load_material(path: str | Path | None = None) -> Material:
    """Read the bundled report (or `path`) and cut it into reusable pieces."""
    report = load_report(path)
    sentences: list[str] = []
    for paragraph in report.paragraphs:
        for sentence in split_sentences(paragraph.text):
            if sentence not in sentences:
                sentences.append(sentence)
    metrics = []
    for metric in report.metrics:
        text = report.paragraph_by_id[metric.paragraph].text
        containing = next((s for s in split_sentences(text) if metric.quote in s), None)
        # A quote that spans a sentence end is kept whole: the quote alone, ended.
        metrics.append((metric, containing or metric.quote + "。"))
    units = tuple(sorted({metric.unit for metric, _ in metrics}))
    group_labels: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for metric, _ in metrics:
        if metric.group is not None:
            members.setdefault(metric.unit, []).append(report.group_by_id[metric.group].label)
    for unit in units:
        labels = members.get(unit)
        if labels:
            group_labels[unit] = labels[0]
        else:
            group_labels[unit] = next(m.label for m, _ in metrics if m.unit == unit)
    return Material(
        report=report,
        sentences=tuple(sentences),
        titles=tuple(section.title for section in report.walk()),
        metrics=tuple(metrics),
        units=units,
        group_labels=group_labels,
    )


def _string(value: str) -> str:
    # A JSON string without control characters is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def _number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 2**63:
        return str(int(value))
    return repr(float(value))


_NUMERALS = "一二三四五六七八九十"


def _chinese_counter(n: int) -> str:
    """1..99 in Chinese numerals (一, 十二, 三十五), then Arabic digits."""
    if n < 1 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _NUMERALS[tens - 1]) + "十"
    if ones:
        text += _NUMERALS[ones - 1]
    return text


class _Writer:
    def __init__(self, material: Material, rng: random.Random, mb: float) -> None:
        self.m = material
        self.rng = rng
        self.chunks: list[str] = []
        self.size = 0
        self.sections = 0
        self.metrics = 0
        self.figures = 0
        self.target = mb * MB
        per_unit = max(1, math.ceil(mb * GROUPS_PER_UNIT_PER_MB))
        self.groups_by_unit = {
            unit: [f"g-{index:02d}-{k + 1}" for k in range(per_unit)]
            for index, unit in enumerate(material.units)
        }

    def emit(self, text: str) -> None:
        self.chunks.append(text)
        self.size += len(text.encode("utf-8"))

    def header(self) -> None:
        report = self.m.report
        lines = [
            "# Generated by benchmarks/generate.py from the bundled report's sentences and numbers.",
            "format = 1",
            "",
            "[report]",
            f"title = {_string(report.title + '(基准测试合成版)')}",
        ]
        for key in ("byline", "place", "period"):
            value = getattr(report, key)
            if value:
                lines.append(f"{key} = {_string(value)}")
        lines.append(f"language = {_string(report.language)}")
        lines.append("")
        for unit, ids in self.groups_by_unit.items():
            base = self.m.group_labels[unit]
            for k, group_id in enumerate(ids, start=1):
                lines += [
                    "[[groups]]",
                    f"id = {_string(group_id)}",
                    f"label = {_string(f'{base}·第{_chinese_counter(k)}组')}",
                    f"description = {_string(f'Generated group of metrics counted in {unit}.')}",
                    "",
                ]
        self.emit("\n".join(lines) + "\n")

    def paragraph_text(self, metric_sentence: str | None) -> str:
        rng = self.rng
        sentences = self.m.sentences
        if metric_sentence is None:
            count = 2 if rng.random() < TWO_SENTENCE_PROBABILITY else 1
            return "".join(rng.choice(sentences) for _ in range(count))
        if rng.random() < EXTRA_SENTENCE_PROBABILITY:
            return rng.choice(sentences) + metric_sentence
        return metric_sentence

    def section(self, depth: int, number: str) -> None:
        rng = self.rng
        self.sections += 1
        section_id = f"s{number}"
        prefix = "[[" + ".".join(["sections"] * (depth + 1))
        title = (
            f"{rng.choice(self.m.titles)}之{_chinese_counter(self.sections % 100 or 100)}({self.sections})"
        )
        out = [f"{prefix}]]", f"id = {_string(section_id)}", f"title = {_string(title)}", ""]

        n_paragraphs = rng.randint(*PARAGRAPHS_PER_SECTION)
        n_metrics = min(n_paragraphs, rng.randint(*METRICS_PER_SECTION))
        chosen = [rng.choice(self.m.metrics) for _ in range(n_metrics)]
        slots = sorted(rng.sample(range(n_paragraphs), n_metrics))
        metric_at = dict(zip(slots, chosen, strict=True))
        # A series is data of the text: its points are written into the metric's paragraph.
        series_at = {
            k: self.series(pair[0]) for k, pair in metric_at.items() if rng.random() < SERIES_PROBABILITY
        }
        paragraph_ids = [f"{section_id}-p{k + 1}" for k in range(n_paragraphs)]
        for k, paragraph_id in enumerate(paragraph_ids):
            pair = metric_at.get(k)
            text = self.paragraph_text(pair[1] if pair else None)
            if k in series_at:
                text += _series_sentence(series_at[k], metric_at[k][0].unit)
            out += [f"{prefix}.paragraphs]]", f"id = {_string(paragraph_id)}", f"text = {_string(text)}", ""]

        if self.sections % FIGURE_EVERY == 1:
            self.figures += 1
            figure = rng.choice(self.m.report.figures)
            out += [f"{prefix}.figures]]", f"id = {_string(f'{section_id}-f1')}"]
            out.append(f"caption = {_string(figure.caption)}")
            out.append(f"credit = {_string(figure.credit or '本报记者 摄')}")
            out += [f"after = {_string(rng.choice(paragraph_ids))}", ""]

        for k, (metric, _sentence) in metric_at.items():
            self.metrics += 1
            out += [
                f"{prefix}.metrics]]",
                f"id = {_string(f'{section_id}-m{k + 1}')}",
                f"label = {_string(metric.label)}",
                f"value = {_number(metric.value)}",
                f"unit = {_string(metric.unit)}",
            ]
            if metric.qualifier.value != "exact":
                out.append(f"qualifier = {_string(metric.qualifier.value)}")
            out += [f"quote = {_string(metric.quote)}", f"paragraph = {_string(paragraph_ids[k])}"]
            if rng.random() < GROUPED_PROBABILITY:
                out.append(f"group = {_string(rng.choice(self.groups_by_unit[metric.unit]))}")
            if k in series_at:
                out.append("series = [")
                out += [f"  {{ period = {_string(p)}, value = {_number(v)} }}," for p, v in series_at[k]]
                out.append("]")
            out.append("")
        self.emit("\n".join(out) + "\n")

        if self.size >= self.target:
            children = 0
        elif depth == 0 and rng.random() < CHILD_PROBABILITY:
            children = rng.randint(1, 4)
        elif depth == 1 and rng.random() < GRANDCHILD_PROBABILITY:
            children = rng.randint(1, 3)
        else:
            children = 0
        for child in range(children):
            self.section(depth + 1, f"{number}-{child + 1}")

    def series(self, metric: Metric) -> list[tuple[str, float]]:
        points = self.rng.randint(*SERIES_POINTS)
        last_year = int(self.m.report.period or 2020) if (self.m.report.period or "").isdigit() else 2020
        value = metric.value
        backwards = [value]
        for _ in range(points - 1):
            value = value / self.rng.uniform(1.0, 1.3)
            backwards.append(round(value, 2) if value < 1000 else float(round(value)))
        return [(str(last_year - i), v) for i, v in reversed(list(enumerate(backwards)))]


def _series_sentence(points: list[tuple[str, float]], unit: str) -> str:
    """`2016年至2020年分别为1、2、3、4、5人。`: the sentence of the text that states a series."""
    values = "、".join(_number(value) for _, value in points)
    return f"{points[0][0]}年至{points[-1][0]}年分别为{values}{unit}。"


def generate_report(
    mb: float = DEFAULT_MB, *, seed: int = DEFAULT_SEED, material: Material | None = None
) -> str:
    """A report of about `mb` MiB of UTF-8 TOML, as text. Same arguments, same text."""
    if mb <= 0:
        raise ValueError("mb must be positive")
    material = material or load_material()
    writer = _Writer(material, random.Random(seed), mb)
    writer.header()
    top = 0
    while writer.size < writer.target:
        top += 1
        writer.section(0, str(top))
    return "".join(writer.chunks)


def write_report(
    path: str | Path, mb: float = DEFAULT_MB, *, seed: int = DEFAULT_SEED, material: Material | None = None
) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate_report(mb, seed=seed, material=material), encoding="utf-8", newline="\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=DEFAULT_MB, help="size in MiB of TOML (default 10)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: standard output)")
    args = parser.parse_args(argv)
    if args.mb <= 0:
        parser.error("--mb must be positive")
    if args.output is None:
        sys.stdout.write(generate_report(args.mb, seed=args.seed))
    else:
        write_report(args.output, args.mb, seed=args.seed)
        size = args.output.stat().st_size
        print(f"{args.output}: {size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
