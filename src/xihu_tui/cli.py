"""The `xihu-tui` command line.

`xihu-tui [REPORT]` opens the explorer; subcommands work on the same core without
starting Textual, so `check` and `search` stay fast and scriptable.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.loader import DEFAULT_MAX_BYTES, load_report
from .core.model import Report
from .core.problems import ReportError

EXIT_OK = 0
EXIT_NO_HITS = 1
EXIT_PROBLEMS = 2

SUBCOMMANDS = ("check", "search")


def _size(text: str) -> int:
    """A byte count with an optional K/M/G suffix: 64M, 200MB, 1G."""
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
    cleaned = text.strip().upper().removesuffix("B").removesuffix("I")
    number, unit = (cleaned[:-1], cleaned[-1]) if cleaned[-1:] in units else (cleaned, "")
    try:
        return int(float(number) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 64M or 1G)") from None


def _add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "report",
        nargs="?",
        type=Path,
        metavar="REPORT",
        help="a report TOML file (default: the bundled West Lake report)",
    )
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help=f"refuse reports larger than this (default: {DEFAULT_MAX_BYTES // 1024**2}M)",
    )


def _add_cache_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="parse the report even if the parse cache has it (large reports are cached "
        "in $XDG_CACHE_HOME/xihu-tui, keyed on their content)",
    )


def _explorer_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xihu-tui",
        description="Explore a report in the terminal. Subcommands: "
        + ", ".join(SUBCOMMANDS)
        + " (see `xihu-tui COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_report_arguments(parser)
    _add_cache_argument(parser)
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="language of the interface (default: the report's language)",
    )
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xihu-tui check",
        description="Validate a report: every quote is in its paragraph and every value agrees "
        "with its quote. Exit 0 when valid, 2 with every problem on stderr.",
    )
    _add_report_arguments(parser)
    return parser


def _search_parser() -> argparse.ArgumentParser:
    from .core import search_output  # only for `search`: the explorer starts without it

    parser = argparse.ArgumentParser(
        prog="xihu-tui search",
        description="Find text, pinyin or numbers in a report and print one line per hit: the "
        "section path, the item id and the words around the hit, marked «like this». "
        "Matching ignores case, full/half width and white space; a query of letters also "
        "matches pinyin (jkm, jiankangma: 健康码); >1万, >=100人 or <=96.7%% find metrics. "
        "Exit 0 with hits, 1 with none, 2 on bad input (an invalid report, an unknown "
        "--section, a blank query, a comparison without a number). See docs/search.md.",
    )
    parser.add_argument("query", metavar="QUERY", help="what to look for (literal text, never a pattern)")
    _add_report_arguments(parser)
    _add_cache_argument(parser)
    parser.add_argument(
        "--section",
        metavar="ID",
        help="search only this section and its subsections",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=f"print one JSON document (version {search_output.SEARCH_JSON_VERSION}, see docs/search.md)",
    )
    return parser


def _load(args: argparse.Namespace) -> Report | None:
    try:
        # `check` always parses: it is asked to validate.
        return load_report(args.report, max_bytes=args.max_size, cache=getattr(args, "cache", False))
    except ReportError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None


def check(argv: Sequence[str]) -> int:
    args = _check_parser().parse_args(argv)
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    print(f"{args.report or 'bundled report'}: ok: {report.summary}")
    return EXIT_OK


def _printable(text: str) -> str:
    """`text` with lone surrogates (undecodable bytes in argv) replaced, so it can be printed."""
    return text.encode("utf-8", "replace").decode("utf-8")


def search(argv: Sequence[str]) -> int:
    import json

    from .core.search import SearchIndex
    from .core.search_output import HitFormatter, search_document

    args = _search_parser().parse_args(argv)
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    result = SearchIndex(report).search(args.query, section_id=args.section)
    hits = HitFormatter(report)
    try:
        if args.json:
            document = search_document(result, args.section, hits)
            print(_printable(json.dumps(document, ensure_ascii=False)))
        else:
            for hit in result.hits:
                print(_printable(hits.line(hit)))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as grep does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if result.problem in (None, "no-match"):
        if not args.json:
            count = len(result.hits)
            print("1 hit" if count == 1 else f"{count} hits", file=sys.stderr)
        return EXIT_OK if result.hits else EXIT_NO_HITS
    message = result.detail
    if result.problem == "unknown-section":
        known = [s.id for s in report.walk()]
        message += f" (known: {', '.join(known[:12])}{', …' if len(known) > 12 else ''})"
    print(f"xihu-tui search: {_printable(message)}", file=sys.stderr)
    return EXIT_PROBLEMS


def explore(argv: Sequence[str]) -> int:
    args = _explorer_parser().parse_args(argv)
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    # The report's model objects live as long as the app: frozen, full collections skip them
    # (otherwise each walks them all, 50–70 ms at 10 MB, and lands in a keystroke now and then).
    gc.freeze()
    # Textual is imported only here, so `check` and friends start fast.
    from .ui.app import XihuApp

    app = XihuApp(report, lang=args.lang)
    app.run()
    return app.return_code or EXIT_OK  # 1 after a crash, whose traceback Textual has printed


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "check":
        return check(argv[1:])
    if argv and argv[0] == "search":
        return search(argv[1:])
    return explore(argv)
