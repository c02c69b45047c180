"""The core never depends on a chat platform: no module under bot/ imports discord or Slack."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

FORBIDDEN = ("discord", "slack_bolt", "slack_sdk")
CORE = Path(__file__).resolve().parent.parent / "bot"


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                roots.add(arg.value.split(".")[0])
    return roots


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_platform_sdk(path: Path) -> None:
    assert not imported_roots(path) & set(FORBIDDEN)


def test_the_check_sees_platform_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom slack_sdk.web import WebClient\nimport discord.ext.commands\n")
    assert imported_roots(sample) >= {"slack_sdk", "discord"}


def test_importing_the_core_loads_no_platform_sdk() -> None:
    import subprocess
    import sys

    code = (
        "import sys, bot, bot.analysis, bot.batch, bot.cli\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
