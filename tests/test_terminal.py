"""What reaches a real terminal, byte for byte.

Each test runs `xihu-tui` in a pseudo-terminal and reads everything it writes: report text
built to attack the display never reaches the terminal raw, colours are those the terminal
has, and the terminal is left as it was found however the app ends.
"""

from __future__ import annotations

import base64
import os
import re
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from reports import report_toml
from terminal import LEAVE_ALTERNATE_SCREEN, TIMEOUT, assert_restored, explorer, terminal, terminal_env
from xihu_tui.ui.app import ENDING_AT_MOST_S
from xihu_tui.ui.strings import CHINESE

FOOTER_END = CHINESE.shell.palette
CHINESE_PREVIOUS_SECTION = "上一节"
"""In the explorer's footer, not the search bar's."""
"""The footer's last word, drawn last on the bundled report's (Chinese) first screen."""

ESCAPE = "\x1b]52;c;SEFDSw==\x07"  # OSC 52: write "HACK" to the clipboard
PARAGRAPH = "\n".join(
    [
        "ESC \x1b[2JWIPE",
        "OSC52 " + ESCAPE,
        "OSC8 \x1b]8;;http://evil.example/\x1b\\LINK\x1b]8;;\x1b\\",
        "DING\x07DONG BACK\x08SPACE CARRIAGE\rRETURN",
        "C1\x9b2JCSI NEL\x85LINE DEL\x7fX",
        "[@click=app.quit]CLICK[/]",
        '[link="file:///etc/passwd"]PASSWD[/link]',
        "[bold]BOLD[/bold] [/] [b",
        "累计洗楼扫楼66万,解决问题4000余。",  # no unit word: the hostile units below are the only ones
    ]
)
HOSTILE_REPORT = report_toml(
    {
        "title": "TITLE\x1b[2J[bold]T[/]",
        "language": "zh-CN",
        "byline": "BYLINE\x1b]52;c;Qg==\x07",
        "place": "PLACE\x9b31m",
        "period": "PERIOD\x07",
    },
    [
        ("[[sections]]", {"id": "s1", "title": "SECTION\x1b[31m[/]", "note": "NOTE\x1b[5m"}),
        ("[[sections.paragraphs]]", {"id": "p1", "text": PARAGRAPH}),
        (
            "[[sections.figures]]",
            {"id": "f1", "caption": "CAPTION\x1b]8;;http://evil.example/\x1b\\", "credit": "CREDIT\x08"},
        ),
        (
            "[[sections.metrics]]",
            {
                "id": "m1",
                "label": "LABEL\x1b[2J[@click=app.quit]",
                "value": 660000,
                "unit": "UNIT\x9b",
                "quote": "累计洗楼扫楼66万",
                "paragraph": "p1",
                "group": "g1",
            },
        ),
        (
            "[[sections.metrics]]",
            {
                "id": "m2",
                "label": "LABEL2\x07",
                "value": 4000,
                "unit": "UNIT\x9b",
                "qualifier": "more-than",
                "quote": "解决问题4000余",
                "paragraph": "p1",
                "group": "g1",
            },
        ),
        ("[[sections.sections]]", {"id": "s2", "title": "SUB\x1b[1m"}),
        ("[[sections.sections.paragraphs]]", {"id": "p2", "text": "SUBTEXT\x1b[?1049l"}),
    ],
    groups=[{"id": "g1", "label": "GROUP\x1b]0;TITLE\x07"}],
)

# Every field as it must be shown: each control character a visible picture.
SHOWN = [
    "TITLE␛[2J[bold]T[/]",
    "BYLINE␛]52;c;Qg==␇",
    "PLACE␦31m",
    "PERIOD␇",
    "SECTION␛[31m[/]",
    "NOTE␛[5m",
    "ESC ␛[2JWIPE",
    "OSC52 ␛]52;c;SEFDSw==␇",
    "OSC8 ␛]8;;http://evil.example/␛\\LINK␛]8;;␛\\",
    "DING␇DONG BACK␈SPACE CARRIAGE␍RETURN",
    "C1␦2JCSI NEL␦LINE DEL␡X",
    "CAPTION␛]8;;http://evil.example/␛\\",
    "CREDIT␈",
    "LABEL␛[2J[@click=app.quit]",
    "LABEL2␇",
    "UNIT␦",
    "GROUP␛]0;TITLE␇",
    "SUB␛[1m",
    "SUBTEXT␛[?1049l",
]
# The same controls as a terminal would act on them: none may be written.
RAW = [
    b"\x1b[2JWIPE",
    b"\x1b]52;c;SEFDSw",
    b"\x1b]52;c;Qg==",
    b"\x1b]8;;http://evil",
    b"\x1b]0;TITLE",
    b"DING\x07",
    b"BACK\x08",
    b"CARRIAGE\r",
    b"PERIOD\x07",
    b"CREDIT\x08",
    b"SUBTEXT\x1b",
    b"SUB\x1b",
]
MARKUP = ["[@click=app.quit]CLICK[/]", '[link="file:///etc/passwd"]PASSWD[/link]', "[bold]BOLD[/bold] [/] [b"]

# Textual's own output: CSI and OSC sequences, line ends.
TERMINAL_SEQUENCE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\r\n")
CONTROL = re.compile(rb"[\x00-\x1f\x7f]|\xc2[\x80-\x9f]")
OSC_52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")

KEYS = [
    # (key, what is drawn then), so every pane and screen is seen before the next key
    ("j", "ESC ␛[2JWIPE"),  # the section: heading, note, paragraph, caption, metrics table
    ("l", "▣ CAPTION␛"),  # expanded: paragraph preview, caption, metric labels in the contents
    ("j", None),  # the caption: first, as it names no paragraph to follow
    ("j", "ESC ␛[2JWIPE"),  # the paragraph
    ("c", "ESC ␛[2JWIPE OSC52"),  # copied: a notification shows how it starts
    ("j", "SUBTEXT␛[?1049l"),  # its subsection (after the paragraphs, as it reads), under breadcrumbs
    ("j", "GROUP␛]0;TITLE␇"),  # a metric: the sparkline compares it with its group
    ("j", None),
    ("m", "LABEL␛[2J[@click=app"),  # the overview (its table may cut the label: the end is not waited for)
    ("\x1b", "ESC ␛[2JWIPE"),
    ("/", None),  # search
    ("WIPE", None),
    ("\r", None),
    ("\x1b", None),
    ("\x10", None),  # ctrl+p: the command palette
    ("LAB", "EL␛[2J[@click=app.quit] 66万UNIT␦"),  # finds the metric (L, A and B highlighted)
    ("\x1b", None),
]


@dataclass(frozen=True)
class Run:
    written: bytes
    running_before_quit: bool
    exit_code: int


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The hostile report opened, every pane and screen visited, then `q`: all the bytes written."""
    directory = tmp_path_factory.mktemp("hostile")
    path = directory / "hostile.toml"
    path.write_text(HOSTILE_REPORT, encoding="utf-8")
    env = terminal_env(XDG_CACHE_HOME=str(directory / "cache"))
    with terminal(explorer(path), env=env) as app:
        app.wait_for("TITLE␛[2J[bold]T[/]")
        app.settle()
        for key, drawn in KEYS:
            since = app.press(key)
            if drawn:
                app.wait_for(drawn, since=since)
        running = app.running
        app.press("q", settle=False)
        return Run(bytes(app.written), running, app.wait_exit())


def test_the_report_is_valid() -> None:
    """The attacks are in content that parses and validates."""
    from xihu_tui.core.report.loader import loads_report

    report = loads_report(HOSTILE_REPORT)
    assert report.paragraph_by_id["p1"].text == PARAGRAPH


def test_control_sequences_in_content_never_reach_the_terminal(hostile_run: Run) -> None:
    written = hostile_run.written
    assert [raw for raw in RAW if raw in written] == []
    # Take away what Textual itself writes (well-formed sequences, line ends): not one
    # control character may be left, C1 (U+0080–U+009F, two bytes in UTF-8) included.
    left = [match.group() for match in CONTROL.finditer(TERMINAL_SEQUENCE.sub(b"", written))]
    assert left == []


def test_control_characters_are_shown_as_visible_pictures(hostile_run: Run) -> None:
    text = hostile_run.written.decode("utf-8")
    assert [shown for shown in SHOWN if shown not in text] == []


def test_markup_in_content_is_shown_literally_and_never_acted_on(hostile_run: Run) -> None:
    text = hostile_run.written.decode("utf-8")
    assert [markup for markup in MARKUP if markup not in text] == []
    assert hostile_run.running_before_quit, "[@click=app.quit] on screen must not quit the app"
    assert hostile_run.exit_code == 0


def test_copy_puts_the_original_text_on_the_clipboard(hostile_run: Run) -> None:
    copied = [base64.b64decode(payload).decode("utf-8") for payload in OSC_52.findall(hostile_run.written)]
    assert copied == [PARAGRAPH]


# -- colours ---------------------------------------------------------------------------------------

SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colours(written: bytes) -> list[tuple[int, ...]]:
    """Every colour set by an SGR sequence: (code,) for 16 colours, (38|48, 5, n), (38|48, 2, r, g, b)."""
    found: list[tuple[int, ...]] = []
    for match in SGR.finditer(written):
        params = [int(p) if p else 0 for p in match.group(1).split(b";")]
        index = 0
        while index < len(params):
            code = params[index]
            if code in (38, 48):
                size = 3 if params[index + 1] == 5 else 5
                found.append(tuple(params[index : index + size]))
                index += size
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append((code,))
            index += 1
    return found


def first_screen(env: dict[str, str]) -> bytes:
    """The bundled report's first screen and a few moves, then `q`."""
    with terminal(explorer(), env=env) as app:
        app.wait_for(FOOTER_END)
        app.settle()
        for key in ("j", "l", "j", "/", "jkm"):
            app.press(key)
        # The explorer's own keys back in the footer: the bar has closed, so `q` is not typed
        # into it, nor read with the Escape as Alt+q (a busy machine sent them together).
        mark = app.press("\x1b")
        app.wait_for(CHINESE_PREVIOUS_SECTION, since=mark)
        app.press("q", settle=False)
        assert app.wait_exit() == 0
        return bytes(app.written)


@pytest.mark.parametrize(
    ("term", "allowed"),
    [
        ("xterm", {1}),  # 16 colours only
        # With the slow tests (a pty run each, 4-5 s): the 16-colour case stays quick.
        pytest.param(
            "xterm-256color", {1, 3}, marks=pytest.mark.slow
        ),  # 16 colours or the 256-colour palette
    ],
)
def test_colours_are_those_the_terminal_has(term: str, allowed: set[int]) -> None:
    env = terminal_env(TERM=term)
    env.pop("COLORTERM")
    written = first_screen(env)
    assert "健康码".encode() in written
    used = colours(written)
    assert used, "the app draws in colour"
    assert {len(colour) for colour in used} <= allowed


def test_no_color_is_honoured() -> None:
    """With NO_COLOR, Textual draws in shades of grey: no colour has a hue."""
    written = first_screen(terminal_env(NO_COLOR="1"))
    assert "健康码".encode() in written
    used = colours(written)
    assert used and all(len(colour) == 5 for colour in used)  # truecolor greys, no palette colours
    assert [colour for colour in used if len(set(colour[2:])) != 1] == []


# -- leaving ---------------------------------------------------------------------------------------

CRASH_ON_M = [
    sys.executable,
    "-c",
    "from xihu_tui.ui.screens.explorer import ExplorerScreen\n"
    "def crash(self): raise RuntimeError('a bug')\n"
    "ExplorerScreen.action_overview = crash\n"
    "from xihu_tui.cli import main\n"
    "raise SystemExit(main([]))\n",
]


@pytest.mark.parametrize("how", ["q", "ctrl+q", "ctrl+c then q", "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"])
def test_the_terminal_is_restored_however_the_app_ends(how: str) -> None:
    with terminal(explorer()) as app:
        app.wait_for(FOOTER_END)
        app.settle()
        if how == "ctrl+c then q":
            # Textual's ctrl+c copies a selection, or says how to quit; it does not end the app.
            since = app.press("\x03")
            app.wait_for(CHINESE.shell.quit_title, since=since)
            assert app.running
            app.press("q", settle=False)
        elif how.startswith("SIG"):
            app.process.send_signal(getattr(signal, how))
        else:
            app.press({"q": "q", "ctrl+q": "\x11"}[how], settle=False)
        assert app.wait_exit() == 0
        assert_restored(bytes(app.written))


def test_the_explorer_ends_when_its_terminal_goes_away() -> None:
    # Started without a controlling terminal (as the harness starts it: a new session), it
    # gets no SIGHUP when the terminal closes; its input hangs up instead. It must end, not
    # go on reading nothing at full speed.
    with terminal(explorer()) as app:
        app.wait_for(FOOTER_END)
        app.settle()
        os.close(app.master)
        assert app.process.wait(timeout=TIMEOUT) == 0


@pytest.mark.slow  # about 8 s: it waits for the explorer to give up
def test_the_explorer_ends_even_when_its_output_is_stuck() -> None:
    # A terminal that takes no more output (nobody reads it: a window or tmux pane going
    # away as the explorer draws) blocks Textual's writes, and its shutdown then waited for
    # ever, leaving the process behind. Asked to end, it must end within a few seconds.
    with terminal(explorer()) as app:
        time.sleep(2)  # nothing is read: the terminal's buffer fills and the writes block
        app.process.send_signal(signal.SIGTERM)
        # It ends (without the guard it waited for ever); how fast is not this test's business.
        assert app.process.wait(timeout=ENDING_AT_MOST_S + TIMEOUT) == 0


def test_the_terminal_is_restored_after_a_crash() -> None:
    with terminal(CRASH_ON_M) as app:
        app.wait_for(FOOTER_END)
        app.settle()
        app.press("m", settle=False)
        assert app.wait_exit() == 1
        written = bytes(app.written)
    assert_restored(written)
    # The traceback is printed on the restored terminal, after the app's screen is gone.
    assert written.rfind(b"a bug") > written.rfind(LEAVE_ALTERNATE_SCREEN)


def test_a_report_that_cannot_be_opened_leaves_the_terminal_alone(tmp_path: Path) -> None:
    """A report that cannot be opened never touches the terminal's modes."""
    with terminal(explorer(tmp_path / "missing.toml")) as app:
        assert app.wait_exit() == 2
        written = bytes(app.written)
    assert b"no such file" in written
    assert b"\x1b[?1049h" not in written and b"Traceback" not in written
