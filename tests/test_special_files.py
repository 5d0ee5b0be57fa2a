"""A report path that names something other than a file: a device, a pipe, a FIFO.

Each is refused by what it is, at once, with one line and exit 2: never read until memory
runs out (`/dev/zero` reports a size of 0), never waited on for ever (a FIFO with no
writer). The processes run under a memory limit, so a regression fails the test rather
than the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from xihu_tui.core.report.problems import ReportError
from xihu_tui.core.report.report_bytes import read_report_bytes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices, FIFOs and pipes")

MEMORY_LIMIT = 2 * 1024**3
COMMANDS = {
    "check": ["check"],
    "search": ["search", "西湖"],
    "export": ["export", "--format", "json"],
    "explorer": [],
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_xihu(*args: str, pass_fds: tuple[int, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xihu_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        pass_fds=pass_fds,
        preexec_fn=_limit_memory,
    )


def assert_refused(result: subprocess.CompletedProcess[str], path: str, kind: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"{path}: is {kind}, not a regular file: save the report to a file and open that"
    ]
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused_unread(command: str, device: str, tmp_path: Path) -> None:
    link = tmp_path / "r.toml"
    link.symlink_to(device)
    result = run_xihu(*COMMANDS[command], str(link))
    assert_refused(result, str(link), "a character device")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_without_waiting_for_a_writer(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "r.toml"
    os.mkfifo(fifo)
    result = run_xihu(*COMMANDS[command], str(fifo))
    assert_refused(result, str(fifo), "a pipe (FIFO)")


def test_a_pipe_as_from_process_substitution_is_refused() -> None:
    """`xihu-tui check <(yes 'x = 1')`: the shell passes /dev/fd/N, an endless pipe."""
    reading, writing = os.pipe()
    try:
        os.write(writing, b"x = 1\n" * 1000)
        result = run_xihu("check", f"/dev/fd/{reading}", pass_fds=(reading,))
    finally:
        os.close(reading)
        os.close(writing)
    assert_refused(result, f"/dev/fd/{reading}", "a pipe (FIFO)")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_that_says_it_is_empty_is_still_read_no_further_than_the_limit() -> None:
    """/proc files are regular files that report a size of 0, like a file that grows while read."""
    with pytest.raises(ReportError) as raised:
        read_report_bytes(Path("/proc/self/status"), max_bytes=10)
    assert "grew past the 10-byte limit" in str(raised.value.problems[0])
    assert read_report_bytes(Path("/proc/self/status"), max_bytes=1 << 20).startswith(b"Name:")


def test_the_limit_holds_to_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(b"x" * 100)
    assert len(read_report_bytes(path, max_bytes=100)) == 100
    with pytest.raises(ReportError) as raised:
        read_report_bytes(path, max_bytes=99)
    assert "100 bytes, over the 99-byte limit" in str(raised.value.problems[0])


def test_watch_keeps_the_last_good_version_when_the_file_becomes_a_device_or_a_fifo(
    report_file: Path,
) -> None:
    """Replaced by a link to /dev/zero, then by a FIFO: each is named, and `q` still quits."""
    from terminal import explorer, terminal

    with terminal(explorer(report_file, "--watch", "--lang", "en"), size=(120, 40)) as term:
        term.wait_for("筑牢疫情防控")
        term.settle()
        report_file.unlink()
        report_file.symlink_to("/dev/zero")
        term.wait_for("a character device")
        report_file.unlink()
        os.mkfifo(report_file)
        term.wait_for("a pipe (FIFO)")
        term.press("q", settle=False)
        assert term.wait_exit() == 0
