"""The layers: the core never depends on a chat platform or on what is built on top of it.

`bot/` (the core) imports no `adapters`, no `newsbot` (the composition root) and no chat SDK, and
its code names no platform; each adapter imports neither the other platform nor the composition
root; both adapters have the same file for the same role; and loading a platform's entry point
does not import its SDK.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "bot"
ADAPTERS = ROOT / "adapters"
SDKS = ("discord", "slack_bolt", "slack_sdk")
FORBIDDEN = ("adapters", "newsbot", *SDKS)
"""What no module of the core may import."""
NOT_FROM = {
    "slack": ("discord", "adapters.discord", "newsbot"),
    "discord": ("slack_bolt", "slack_sdk", "adapters.slack", "newsbot"),
}
"""What no module of each adapter may import: the other platform, and the composition root."""
ROLES = (
    "README.md",
    "platform.py",
    "run.py",
    "settings.py",
    "app.py",
    "handlers.py",
    "digest_handlers.py",
    "render.py",
    "digest_render.py",
    "digest_poster.py",
    "replies.py",
    "markup.py",
    "limits.py",
)
"""The files every adapter has, one role each, under the same name."""
PLATFORM_NAME = re.compile(r"\b(slack|discord)\b", re.IGNORECASE)


def imported_modules(path: Path) -> set[str]:
    """The absolute module names `path` imports (relative imports are within its own package)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("__import__", "import_module"):
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.add(arg.value)
    return names


def imported_roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path)}


def within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def code_strings(path: Path) -> list[str]:
    """The string constants of `path` in source order, but for docstrings (a string standing alone
    as a statement: of a module, class or function, or under an attribute)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    prose = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    strings = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
    ]
    return [node.value for node in sorted(strings, key=lambda n: (n.lineno, n.col_offset))]


def core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_adapter_sdk_or_composition_root(path: Path) -> None:
    assert not imported_roots(path) & set(FORBIDDEN)


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(CORE)))
def test_core_code_names_no_platform(path: Path) -> None:
    assert [s for s in code_strings(path) if PLATFORM_NAME.search(s)] == []


@pytest.mark.parametrize("platform", sorted(NOT_FROM))
def test_an_adapter_imports_neither_the_other_platform_nor_the_composition_root(platform: str) -> None:
    for path in sorted((ADAPTERS / platform).rglob("*.py")):
        wrong = {name for name in imported_modules(path) if within(name, NOT_FROM[platform])}
        assert wrong == set(), path.name


def test_both_adapters_have_a_file_for_each_role() -> None:
    for platform in NOT_FROM:
        missing = [role for role in ROLES if not (ADAPTERS / platform / role).exists()]
        assert missing == [], platform


def test_the_check_sees_platform_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom slack_sdk.web import WebClient\nimport discord.ext.commands\n"
        "from adapters.slack import run\nimport_module('newsbot.cli')\nNAME = 'discord'\n"
    )
    assert imported_roots(sample) >= {"slack_sdk", "discord", "adapters", "newsbot"}
    assert code_strings(sample)[-1] == "discord"


def test_importing_the_core_loads_no_platform_sdk_nor_adapter() -> None:
    code = (
        "import sys, bot, bot.analysis, bot.batch, bot.cli, bot.platform, bot.digest.runtime, bot.service\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_loading_the_platforms_imports_no_sdk() -> None:
    """`newsbot --help` and `newsbot analyse` load every platform's entry point, never its SDK."""
    code = (
        "import sys\n"
        "from newsbot.cli import build_parser\n"
        "build_parser()\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {SDKS!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
