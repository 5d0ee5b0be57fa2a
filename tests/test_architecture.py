"""The core is plain Python: it never imports Textual, directly or through another module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import xihu_tui.core

CORE = Path(xihu_tui.core.__file__).parent


def core_modules() -> list[str]:
    return sorted(f"xihu_tui.core.{path.stem}" for path in CORE.glob("*.py") if path.stem != "__init__")


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
    assert "xihu_tui.core.loader" in modules
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
