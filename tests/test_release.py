"""A release a user can install: build the wheel, install it in a fresh virtual environment outside
the repository, and run `newsbot analyse` and `from bot import analyse` there.

Cost is kept modest and nothing is downloaded: the wheel is built without build isolation (the
project environment already has setuptools, a dev dependency) and installed with `--no-deps`.
The fresh environment is created without pip, and one `.pth` line puts the project
environment's site-packages (spaCy, its model, every other dependency) after its own, so
spaCy is not installed again. Python does not read `.pth` files inside a directory added that
way, so the project's editable install is not active there: `bot` comes from the wheel alone,
which the test checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "bot", "adapters", "newsbot")


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env or dict(os.environ), timeout=600
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources (so the build leaves nothing in the repository)."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", dist, source, cwd=source)
    [built] = dist.glob("newsbot-*.whl")
    return built


def test_the_wheel_holds_the_license_the_typing_marker_and_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"bot/py.typed", "adapters/py.typed", "newsbot/py.typed"} <= names
    for data in (
        "bot/data/layout.json",
        "bot/data/function_words.json",
        "bot/data/file_signatures.json",
        "bot/data/file_extensions.json",
        "bot/fetch/blocked_networks.json",
        "bot/claims/data/cues.json",
        "bot/sourcing/data/lexicon.json",
        "adapters/slack/manifest.yml",
        "bot/store/migrations/script.py.mako",
    ):
        assert data in names, data
    [license_file] = [n for n in names if n.endswith("/LICENSE") and ".dist-info/" in n]
    assert "MIT License" in zipfile.ZipFile(wheel).read(license_file).decode()
    [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert not any(n.startswith("tests/") for n in names)
    [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    declared = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "newsbot = newsbot.cli:main" in declared
    assert "[newsbot.platforms]" in declared and "slack = adapters.slack.platform:SLACK" in declared
    assert "discord = adapters.discord.platform:DISCORD" in declared


@pytest.mark.slow
def test_the_installed_wheel_runs_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", env_dir, cwd=tmp_path)
    python = env_dir / "bin" / "python"
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    own = Path(run(python, "-c", where, cwd=tmp_path).stdout.strip())
    (own / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = ("install", "--no-deps", "--no-index", "--ignore-installed", wheel)
    run(sys.executable, "-m", "pip", "--python", python, *install, cwd=tmp_path)

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    seed = tmp_path / "article.txt"
    seed.write_bytes((ROOT / "seeds" / "harbour.txt").read_bytes())
    analysed = run(env_dir / "bin" / "newsbot", "analyse", seed.name, "--format", "json", cwd=tmp_path, env=env)
    report = json.loads(analysed.stdout)
    assert report["summary"] and report["sourcing"]["verdict"]
    usage = run(env_dir / "bin" / "newsbot", "--help", cwd=tmp_path, env=env).stdout
    assert "slack" in usage and "discord" in usage, "the platforms are found through the installed entry points"

    script = (
        "import json, bot\n"
        "from bot import analyse, Article\n"
        "report = analyse(Article(open('article.txt', encoding='utf-8').read()))\n"
        "print(json.dumps({'file': bot.__file__, 'summary': list(report.summary)}))\n"
    )
    imported = json.loads(run(python, "-c", script, cwd=tmp_path, env=env).stdout)
    assert Path(imported["file"]).is_relative_to(own), "bot comes from the installed wheel, not the repository"
    assert imported["summary"] == report["summary"]
    assert (own / "bot" / "py.typed").exists()

