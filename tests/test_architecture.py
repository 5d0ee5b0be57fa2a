"""The core is plain Python: it never imports Textual, directly or through another module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import xihu_tui.core

CORE = Path(xihu_tui.core.__file__).parent


def core_modules() -> list[str]:
    return sorted(
        "xihu_tui.core." + ".".join(path.relative_to(CORE).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if path.stem != "__init__"
    )


def test_core_source_never_imports_textual() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] == "textual"]
    assert offenders == []


def test_importing_the_core_and_the_check_command_loads_no_textual() -> None:
    """Checked at run time too, so an indirect import (core -> x -> textual) is caught."""
    modules = [*core_modules(), "xihu_tui.cli"]
    assert "xihu_tui.core.report.loader" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from xihu_tui.cli import main\n"
        "assert main(['check']) == 0\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(leaked)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_layers_are_kept() -> None:
    """cli → serve → ui → core, and inside the core: the reader's session, then draft, search
    and export (which never import each other), then the report, then its text. The
    contracts are in pyproject.toml; a new import across them fails here, naming the chain."""
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=Path(__file__).parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 kept, 0 broken" in done.stdout
