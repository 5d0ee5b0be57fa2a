"""Drafting speed: `xihu-tui draft` on a large article, and opening an article directly
against opening its saved draft.

    python benchmarks/drafting.py [--mb 1] [--runs 5]

The large article is generated: the sentences of the bundled article and of the test
articles (`tests/fixtures/articles/*.txt`, several genres) recombined into paragraphs
under numbered chapters (一、 and （一）), with every figure's digits redrawn per
paragraph. Repeating one article would flatter the drafter, whose readings of a
paragraph are remembered: here no two paragraphs are alike, as in a real report.
Years (a four-digit run before 年) are kept, so they stay years.

Opening is timed to the first full screen in a 120×40 pseudo-terminal (`startup.py`),
both without the parse cache, interleaved, median of `--runs`: once for a typical
article (the bundled report's text written out as an article) and once for the large one.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import startup

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "tests" / "fixtures" / "articles"

DRAFT_TARGET_S = 2.0
"""`xihu-tui draft` on a 1 MB article, process start to exit."""
OPEN_RATIO = 1.2
"""Opening an article directly, at most this many times opening its saved draft."""

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]")
_DIGITS = re.compile(r"\d+(?!\d)(?!\s*年)")
_CHAPTERS = "一二三四五六七八九十"


def material_sentences() -> list[str]:
    """The sentences of the bundled article and of the test articles, in order, each once."""
    from xihu_tui.core.report.loader import load_report

    texts = [paragraph.text for paragraph in load_report().paragraphs]
    for article in sorted(ARTICLES.glob("*.txt")):
        texts += article.read_text(encoding="utf-8").splitlines()[1:]
    sentences: dict[str, None] = {}
    for text in texts:
        for sentence in _SENTENCE.findall(text):
            if sentence.lstrip().startswith("▲"):
                continue  # a photo caption: its own line in an article, never inside a paragraph
            if any(character.isdigit() for character in sentence) or len(sentence) > 12:
                sentences.setdefault(sentence.strip(), None)
    return list(sentences)


def typical_article() -> str:
    """The bundled report's text as the plain-text article it came from: the title, then
    each section's title and paragraphs."""
    from xihu_tui.core.report.loader import load_report

    report = load_report()
    lines = [report.title, ""]
    for section in report.walk():
        lines += [section.title, ""]
        for paragraph in section.paragraphs:
            lines += [paragraph.text, ""]
    return "\n".join(lines)


def generate_article(mb: float, seed: int = 2020) -> str:
    """A plain-text article of about `mb` megabytes (UTF-8), deterministic for a seed."""
    rng = random.Random(seed)
    sentences = material_sentences()

    def redraw(match: re.Match[str]) -> str:
        digits = match.group()
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    lines = ["大型报告：经济社会发展年度综述", ""]
    size = 0
    chapter = 0
    while size < mb * 1_000_000:
        chapter += 1
        title = (
            f"{_CHAPTERS[(chapter - 1) % 10]}、第{chapter}部分 {rng.choice(sentences)[:10].rstrip('，、。')}"
        )
        lines += [title, ""]
        for part in range(1, rng.randint(2, 5)):
            lines += [f"（{_CHAPTERS[part - 1]}）分项{part}", ""]
            for _ in range(rng.randint(2, 6)):
                paragraph = "".join(
                    _DIGITS.sub(redraw, rng.choice(sentences)) for _ in range(rng.randint(2, 5))
                )
                lines += [paragraph, ""]
                size += len(paragraph.encode()) + 2
    return "\n".join(lines)


@dataclass(frozen=True)
class Opening:
    article_s: float
    draft_s: float

    @property
    def ratio(self) -> float:
        return self.article_s / self.draft_s


def time_draft(article: Path, output: Path, runs: int) -> float:
    """Median wall time of `xihu-tui draft ARTICLE -o OUTPUT`, process start to exit."""
    command = [*startup.explorer_command(None), "draft", str(article), "-o", str(output)]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def time_opening(article: Path, saved_draft: Path, runs: int) -> Opening:
    """Median first screen of the article opened directly and of its saved draft, interleaved."""
    from xihu_tui.core.report.loader import load_report

    markers = startup.first_screen_markers(load_report(saved_draft))
    direct, saved = [], []
    for _ in range(runs):
        saved.append(
            startup.first_screen(startup.explorer_command(saved_draft, cache=False), markers).seconds
        )
        direct.append(startup.first_screen(startup.explorer_command(article, cache=False), markers).seconds)
    return Opening(statistics.median(direct), statistics.median(saved))


def measure(mb: float, runs: int) -> dict[str, float]:
    """Every drafting figure, in seconds and ratios."""
    startup.compile_as_installed()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="xihu-bench-draft-") as folder:
        large = Path(folder) / "large.txt"
        large.write_text(generate_article(mb), encoding="utf-8")
        figures["article_mb"] = large.stat().st_size / 1_000_000
        large_draft = large.with_suffix(".toml")
        figures["draft_s"] = time_draft(large, large_draft, runs=3)
        opening = time_opening(large, large_draft, runs)
        figures.update(
            large_open_s=opening.article_s, large_saved_s=opening.draft_s, large_ratio=opening.ratio
        )
        typical = Path(folder) / "typical.txt"
        typical.write_text(typical_article(), encoding="utf-8")
        typical_draft = typical.with_suffix(".toml")
        time_draft(typical, typical_draft, runs=1)
        opening = time_opening(typical, typical_draft, runs)
        figures.update(
            typical_open_s=opening.article_s, typical_saved_s=opening.draft_s, typical_ratio=opening.ratio
        )
    return figures


def verdicts(figures: dict[str, float]) -> list[dict[str, object]]:
    """The drafting targets judged, in `run.py`'s form."""
    judged = [("drafting.draft_s", "s", DRAFT_TARGET_S, figures["draft_s"])]
    judged += [
        (f"drafting.{name}_ratio", "×", OPEN_RATIO, figures[f"{name}_ratio"])
        for name in ("typical", "large")
        if f"{name}_ratio" in figures
    ]
    return [
        {
            "figure": key,
            "unit": unit,
            "limit": limit,
            "value": value,
            "met": value <= limit,
            "mb": figures["article_mb"],
        }
        for key, unit, limit, value in judged
    ]


def report(figures: dict[str, float]) -> str:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    lines = [
        f"draft a {figures['article_mb']:.1f} MB article: {figures['draft_s']:.2f} s "
        f"(target < {DRAFT_TARGET_S:g} s: {verdict(figures['draft_s'] < DRAFT_TARGET_S)})"
    ]
    for name, label in (
        ("typical", "the bundled article"),
        ("large", f"the {figures['article_mb']:.1f} MB article"),
    ):
        if f"{name}_ratio" in figures:
            ratio = figures[f"{name}_ratio"]
            lines.append(
                f"open {label} directly: {figures[f'{name}_open_s']:.3f} s, its saved draft "
                f"{figures[f'{name}_saved_s']:.3f} s: {ratio:.2f}× (target ≤ {OPEN_RATIO:g}×: "
                f"{verdict(ratio <= OPEN_RATIO)})"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the large article")
    parser.add_argument("--runs", type=int, default=5, help="first screens per program (median)")
    parser.add_argument("--write", type=Path, help="write the generated article here and stop")
    args = parser.parse_args(argv)
    if args.write is not None:
        args.write.write_text(generate_article(args.mb), encoding="utf-8")
        return 0
    print(report(measure(args.mb, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
