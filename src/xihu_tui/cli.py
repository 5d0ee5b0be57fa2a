"""The `xihu-tui` command line.

`xihu-tui [REPORT]` opens the explorer; subcommands work on the same core without
starting Textual, so `check` stays fast and scriptable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.loader import DEFAULT_MAX_BYTES, load_report
from .core.model import Report
from .core.problems import ReportError

EXIT_OK = 0
EXIT_PROBLEMS = 2

SUBCOMMANDS = ("check",)


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


def _explorer_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xihu-tui",
        description="Explore a report in the terminal. Subcommands: "
        + ", ".join(SUBCOMMANDS)
        + " (see `xihu-tui COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_report_arguments(parser)
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


def _load(args: argparse.Namespace) -> Report | None:
    try:
        return load_report(args.report, max_bytes=args.max_size)
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


def explore(argv: Sequence[str]) -> int:
    args = _explorer_parser().parse_args(argv)
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    # Textual is imported only here, so `check` and friends start fast.
    from .ui.app import XihuApp

    XihuApp(report, lang=args.lang).run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "check":
        return check(argv[1:])
    return explore(argv)
