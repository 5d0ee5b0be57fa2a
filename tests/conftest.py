from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from xihu_tui.core.report.loader import bundled_report_path, load_report
from xihu_tui.core.report.model import Report

# Hypothesis profiles: "quick" for the README's `pytest`, "ci" (HYPOTHESIS_PROFILE=ci) for CI's
# second pass. Loaded here, before any test module is imported, so that a test that needs more
# than the profile's examples can ask for a multiple of them when it is decorated:
# `@settings(max_examples=3 * settings.default.max_examples)`. No deadline: a busy machine
# (or a worker sharing a core) is slow now and then, and that is no failure.
settings.register_profile("quick", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "quick")

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
SEED_ARTICLE = TESTS.parent.parent / "shared" / "seed" / "000_79aa45311a04b356.txt"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own parse cache directory: none writes to the user's."""
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(directory))
    return directory / "xihu-tui"


@pytest.fixture(scope="session")
def bundled_report() -> Report:
    return load_report(bundled_report_path())


@pytest.fixture(scope="session")
def nested_report() -> Report:
    return load_report(FIXTURES / "nested_series.toml")


@pytest.fixture(scope="session")
def seed_article() -> str:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"source article not found at {SEED_ARTICLE} (shared/ is not beside this checkout)")
    return SEED_ARTICLE.read_text(encoding="utf-8")


MINIMAL_REPORT = """\
format = 1

[report]
title = "小报告"
language = "zh-CN"

[[sections]]
id = "only"
title = "唯一一节"

[[sections.paragraphs]]
id = "only-1"
text = "累计洗楼扫楼66万户,解决问题4000余个。"

[[sections.metrics]]
id = "households"
label = "洗楼扫楼户数"
value = 660000
unit = "户"
quote = "累计洗楼扫楼66万户"
paragraph = "only-1"
"""


@pytest.fixture
def minimal_report() -> str:
    """A valid one-section report as TOML text, for tests to break on purpose."""
    return MINIMAL_REPORT


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    """A copy of the bundled report, for a test to change as its author would."""
    path = tmp_path / "report.toml"
    path.write_text(bundled_report_path().read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def write_report(tmp_path: Path):
    """Write report text (str or bytes) to a file and return its path."""

    def write(content: str | bytes, name: str = "report.toml") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return write


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (the README's `pytest`): two workers per core. A Pilot test spends about
    half its time waiting for the app (each key press waits for the screen to settle), so
    a core takes a second worker's tests meanwhile: 126 s against 175 s on 2 cores."""
    return 2 * (os.cpu_count() or 1)
