"""The `xihu-tui` command line.

`xihu-tui [REPORT]` opens the explorer (an article, `.txt`, `.md` or `.html`, is drafted
into a report first); subcommands work on the same core without starting Textual, so
`check`, `search`, `export` and `draft` stay fast and scriptable. `serve` runs the
explorer for a web browser through textual-serve (the `web` extra).
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .core.report.loader import DEFAULT_MAX_BYTES, FORMAT_VERSION, bundled_report_path, load_report
from .core.report.model import Report
from .core.report.problems import ReportError
from .core.text.safe_text import visible_line

EXIT_OK = 0
EXIT_NO_HITS = 1
EXIT_PROBLEMS = 2

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8  # `serve`: each session is a process of about 45 MB


def _size(text: str) -> int:
    """A byte count with an optional K/M/G suffix: 64M, 200MB, 1G, 0.5K; at least one byte,
    since a limit of none would refuse every report."""
    units = {"K": 1024, "M": 1024**2, "G": 1024**3}
    cleaned = text.strip().upper().removesuffix("B").removesuffix("I")
    number, unit = (cleaned[:-1], units[cleaned[-1]]) if cleaned[-1:] in units else (cleaned, 1)
    try:
        size = float(number) * unit
    except ValueError:
        size = math.nan
    if not (math.isfinite(size) and size >= 1):
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (at least 1 byte: try 64M or 1G)")
    return int(size)


def _output_file(text: str) -> Path:
    """A file to write (or -, standard output): a path that ends in a name, not '', . or /."""
    path = Path(text)
    if path.name in ("", ".."):
        raise argparse.ArgumentTypeError(f"not a file: {text!r}")
    return path


def _add_report_arguments(parser: argparse.ArgumentParser, *, articles: bool = False) -> None:
    parser.add_argument(
        "report",
        nargs="?",
        type=Path,
        metavar="REPORT",
        help="a report TOML file (default: the bundled West Lake report)"
        + (", or an article (.txt, .md, .html) to draft into one and open" if articles else ""),
    )
    _add_max_size_argument(parser, "reports")


def _add_max_size_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help=f"refuse {what} larger than this (default: {DEFAULT_MAX_BYTES // 1024**2}M)",
    )


def _add_cache_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="parse the report even if the parse cache has it (large reports are cached "
        "in $XDG_CACHE_HOME/xihu-tui, keyed on their content)",
    )


def _add_lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="language of the interface (default: the report's language)",
    )


def _explorer_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {name:<8}{summary}" for name, (_, summary) in SUBCOMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="xihu-tui",
        description="Explore a report in the terminal.",
        epilog=f"commands:\n{commands}\n\nSee `xihu-tui COMMAND --help` for each.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_report_arguments(parser, articles=True)
    _add_cache_argument(parser)
    _add_lang_argument(parser)
    parser.add_argument(
        "--watch",
        action="store_true",
        help="show each new version of the report as it is saved; while a version has problems, "
        "the last good one stays on screen with the problems listed",
    )
    # The usage argparse writes for the explorer, and a second line for the subcommands.
    explorer_usage = parser.format_usage().removeprefix("usage: ").rstrip()
    parser.usage = f"{explorer_usage}\n       xihu-tui {{{','.join(SUBCOMMANDS)}}} ..."
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xihu-tui check",
        description="Validate a report: every quote is in its paragraph and every value agrees "
        "with its quote. Exit 0 when valid, 2 with every problem on stderr.",
    )
    _add_report_arguments(parser)
    parser.add_argument(
        "--upgrade",
        action="store_true",
        help="rewrite a valid format 1 report in format 2, in place, keeping its comments and layout: "
        "a decline's value gets its sign, and a quote with several numbers or said twice in its "
        "paragraph says which it means (number, occurrence), as format 1 read it",
    )
    return parser


def _search_parser() -> argparse.ArgumentParser:
    from .core.search import output as search_output  # only for `search`: the explorer starts without it

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


def _export_parser() -> argparse.ArgumentParser:
    from .core.export.formats import EXPORTERS  # only for `export`: the explorer starts without it

    parser = argparse.ArgumentParser(
        prog="xihu-tui export",
        description="Write a report for other programs: csv, its metrics in UTF-8 with a byte-order "
        "mark (for spreadsheets); json, the whole model, versioned; md, the whole report as "
        "Markdown. Exit 0 when written, 2 on an invalid report or a file that cannot be "
        "written. See docs/export.md.",
    )
    _add_report_arguments(parser)
    _add_cache_argument(parser)
    parser.add_argument("--format", required=True, choices=tuple(EXPORTERS), help="what to write")
    parser.add_argument(
        "-o",
        "--output",
        type=_output_file,
        metavar="FILE",
        help="write to FILE, replacing it whole once the export is complete (default, or -: standard output)",
    )
    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port: {text!r} (1 to 65535)")
    return port


def _count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"not a count: {text!r} (1 or more)")
    return count


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xihu-tui serve",
        description="Serve the explorer to a web browser: each visit to http://HOST:PORT runs "
        "it in the page. Needs textual-serve: pip install 'xihu-tui[web]'. Listens on "
        "loopback only unless --host says otherwise, and only this server's own pages may "
        "connect. A page's terminal is at most 500 × 200, and its explorer ends with it. Stop "
        "with Ctrl+C. Exit 2 on an invalid report or without textual-serve.",
    )
    _add_report_arguments(parser)
    _add_cache_argument(parser)
    _add_lang_argument(parser)
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}; anyone who can reach another "
        "address can start the explorer on this machine)",
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages from ORIGIN (such as https://example.org, as the browser shows it) open the "
        "explorer too; repeatable. Without it, only this server's own pages can",
    )
    parser.add_argument(
        "--max-sessions",
        type=_count,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"run at most N explorers at once, one per open page; more are refused "
        f"(default: {DEFAULT_MAX_SESSIONS})",
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
    if args.upgrade:
        return _upgrade(args)
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    name = visible_line(str(args.report)) if args.report else "bundled report"
    print(_printable(f"{name}: ok: {report.summary}"))
    return EXIT_OK


def _upgrade(args: argparse.Namespace) -> int:
    from .core.report.files import write_atomically
    from .core.report.loader import read_report_text
    from .core.report.upgrade import upgrade_text

    if args.report is None:
        print("xihu-tui check --upgrade: name the report file to rewrite", file=sys.stderr)
        return EXIT_PROBLEMS
    name = visible_line(str(args.report))
    try:
        upgraded, changes = upgrade_text(
            read_report_text(args.report, args.max_size), source=str(args.report)
        )
    except ReportError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{name}: not upgraded: fix the problems above first", file=sys.stderr)
        return EXIT_PROBLEMS
    if not changes:
        print(_printable(f"{name}: already format {FORMAT_VERSION}; nothing to change"))
        return EXIT_OK
    try:
        write_atomically(args.report, upgraded.encode("utf-8"))
    except OSError as error:
        print(f"xihu-tui check: cannot write {name}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    for change in changes:
        where = f"{name}:{change.line}" if change.line else name
        print(_printable(visible_line(f"{where}: {change.describe()}")))
    return EXIT_OK


def _printable(text: str) -> str:
    """`text` with lone surrogates (undecodable bytes in argv) replaced, so it can be printed."""
    return text.encode("utf-8", "replace").decode("utf-8")


def search(argv: Sequence[str]) -> int:
    import json

    from .core.search.index import SearchIndex
    from .core.search.output import HitFormatter, search_document
    from .core.text.safe_text import json_for_terminal

    args = _search_parser().parse_args(argv)
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    result = SearchIndex(report).search(args.query, section_id=args.section)
    hits = HitFormatter(report)
    try:
        if args.json:
            document = search_document(result, args.section, hits)
            print(_printable(json_for_terminal(json.dumps(document, ensure_ascii=False))))
        else:
            for hit in result.hits:
                print(_printable(hits.line(hit)))
        sys.stdout.flush()
    except BrokenPipeError:
        _stop_writing()
    if result.problem in (None, "no-match"):
        if not args.json:
            count = len(result.hits)
            print("1 hit" if count == 1 else f"{count} hits", file=sys.stderr)
        return EXIT_OK if result.hits else EXIT_NO_HITS
    message = result.detail
    if result.problem == "unknown-section":
        known = [s.id for s in report.walk()]
        message += f" (known: {', '.join(known[:12])}{', …' if len(known) > 12 else ''})"
    print(f"xihu-tui search: {_printable(visible_line(message))}", file=sys.stderr)
    return EXIT_PROBLEMS


def _stop_writing() -> None:
    """The reader went away (`| head`): stop quietly, as grep does."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def export(argv: Sequence[str]) -> int:
    from .core.export.formats import EXPORTERS

    args = _export_parser().parse_args(argv)
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    return _write_output("export", args.output, EXPORTERS[args.format](report))


def _write_output(command: str, output: Path | None, data: bytes) -> int:
    """Write a command's result to `output`, replaced whole once complete, or to standard
    output (no `output`, or `-`); exit 0, or 2 when the file cannot be written."""
    from .core.export.formats import for_terminal
    from .core.report.files import write_atomically

    if output is None or output == Path("-"):
        if sys.stdout.isatty():
            # Shown to a reader, so nothing in it may act on the terminal; a pipe gets the
            # same bytes as a file, the report's text as written.
            data = for_terminal(data)
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            _stop_writing()
        return EXIT_OK
    try:
        write_atomically(output, data)
    except OSError as error:
        problem = f"cannot write {output}: {error.strerror or error}"
        print(f"xihu-tui {command}: {visible_line(problem)}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def serve(argv: Sequence[str]) -> int:
    parser = _serve_parser()
    args = parser.parse_args(argv)
    try:
        import textual_serve.server  # noqa: F401  (only to say what is missing: .serve needs it)
    except ImportError:
        print("xihu-tui serve: needs textual-serve: pip install 'xihu-tui[web]'", file=sys.stderr)
        return EXIT_PROBLEMS
    from .serve import Origin, explorer_command, serve_explorer

    allowed_origins = []
    for text in args.allow_origin:
        origin = Origin.parse(text)
        if origin is None:
            parser.error(f"argument --allow-origin: not an origin: {text!r} (such as https://example.org)")
        allowed_origins.append(origin)
    # Refuse a broken report here, once, rather than in every browser that connects.
    report = _load(args)
    if report is None:
        return EXIT_PROBLEMS
    serve_explorer(
        explorer_command(args.report, max_size=args.max_size, cache=args.cache, lang=args.lang),
        title=report.title,
        host=args.host,
        port=args.port,
        allowed_origins=allowed_origins,
        max_sessions=args.max_sessions,
    )
    return EXIT_OK


def explore(argv: Sequence[str]) -> int:
    # Until the first screen, everything made lives as long as the app: collecting garbage
    # only slows the start (and a large report's loading) down. The app turns the collector
    # back on once it is up (`freeze_after_start`), with what was made exempted from it.
    gc.disable()
    try:
        return _explore(argv)
    finally:
        gc.enable()


def _explore(argv: Sequence[str]) -> int:
    from .core.reader.watch import ReportFile

    args = _explorer_parser().parse_args(argv)
    source = ReportFile(args.report or bundled_report_path(), max_bytes=args.max_size, cache=args.cache)
    try:
        report = source.load()  # an article (.txt, .md, .html) is drafted in memory
    except ReportError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    # The report's model objects live as long as the app: frozen, full collections skip them
    # (otherwise each walks them all, 50–70 ms at 10 MB, and lands in a keystroke now and then).
    gc.freeze()
    # Textual is imported only here, so `check` and friends start fast.
    from .ui.app import XihuApp

    app = XihuApp(report, source=source, watch=args.watch, lang=args.lang, freeze_after_start=True)
    app.run()
    return app.return_code or EXIT_OK  # 1 after a crash, whose traceback Textual has printed


def _draft_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xihu-tui draft",
        description="Draft a report from an article: plain text (.txt), Markdown (.md) or HTML (.html, "
        "a saved web page), in UTF-8, GB18030/GBK or UTF-16. Its title, sections, paragraphs "
        "(verbatim), captions and the figures found in its paragraphs are written as a report "
        "that passes `xihu-tui check`, everything the drafter guessed marked drafted = true. "
        "Exit 0 when written, 2 when the article cannot be read or the file cannot be written.",
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE", help="the article to draft from")
    parser.add_argument(
        "-o",
        "--output",
        type=_output_file,
        metavar="REPORT",
        help="write the report to REPORT, replacing it whole (default, or -: standard output)",
    )
    _add_max_size_argument(parser, "articles")
    return parser


def draft(argv: Sequence[str]) -> int:
    from .core.draft.drafting import draft_text
    from .core.draft.reading import ArticleError

    args = _draft_parser().parse_args(argv)
    try:
        text = draft_text(args.article, args.max_size)
    except ArticleError as error:
        print(_printable(visible_line(str(error))), file=sys.stderr)  # it names the article
        return EXIT_PROBLEMS
    return _write_output("draft", args.output, text.encode("utf-8"))


SUBCOMMANDS: dict[str, tuple[Callable[[Sequence[str]], int], str]] = {
    "check": (check, "validate a report: every quote, value and reference"),
    "draft": (draft, "draft a report from an article (.txt, .md, .html)"),
    "search": (search, "find text, pinyin or figures; print the hits"),
    "export": (export, "write the metrics as CSV, the model as JSON or the report as Markdown"),
    "serve": (serve, "serve the explorer to a web browser"),
}
"""Each subcommand: what runs it, and what `xihu-tui --help` says of it."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        run, _ = SUBCOMMANDS[argv[0]]
        return run(argv[1:])
    return explore(argv)
